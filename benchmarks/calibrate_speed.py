"""Fit the speed model's efficiencies on public measurements, report the honest error, and write
sizing/data/speed_params.yaml.

    .venv/bin/python -m benchmarks.calibrate_speed            # fit, cross-validate, write params
    .venv/bin/python -m benchmarks.calibrate_speed --no-write # report only
    .venv/bin/python -m benchmarks.calibrate_speed --no-cv    # fit only (quick)

Parameters are physical efficiencies (share of peak bandwidth, share of peak matrix throughput,
fixed microseconds per block, all-reduce latency per link): a handful per backend and per engine,
never a per-device or per-row value. The fit runs in blocks: each llama.cpp backend on its own rows,
then every other engine on its rows (backends fixed), then the GPU links and llama.cpp's tensor split
on the multi-GPU rows. The honest figure is leave-one-device-out: a device's rows are predicted by
parameters fitted without them, one group (backend or engine) at a time. Rows in *_heldout.csv are
never fitted; they are predicted once with the final parameters.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import math
import re
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from benchmarks._bench_rows import BenchRow, load_bench_rows
from benchmarks._bench_rows import predict as _predict
from sizing.hardware import parse_hardware
from sizing.speed import DecodeFeatures, EngineParams, SpeedParams, load_speed_params

ROOT = Path(__file__).resolve().parents[1]
PARAMS_FILE = ROOT / "sizing" / "data" / "speed_params.yaml"
EVIDENCE_FILE = ROOT / "sizing" / "data" / "measured_speeds.csv"
GGUF = ("llama.cpp", "ollama", "lmstudio")

_DECODE = [
    "weight_eff",
    "alu_eff",
    "kv_eff",
    "attn_eff",
    "token_ms",
    "layer_us",
    "moe_layer_us",
    "hop_ms",
    "linear_layer_us",
    "nofa_attn_factor",
]
_PREFILL = [
    "mm_eff_quant",
    "mm_eff_f16",
    "mm_eff_bf16",
    "mm_eff_simd",
    "ubatch_ms",
    "attn_pp_eff",
    "attn_pp_eff_nofa",
    "moe_half_batch",
    "moe_f16_batch_factor",
]
_QUANTS = ["q:f16", "q:bf16", "q:q8", "q:legacy", "q:mxfp4", "q:iquant"]  # kquant is the reference (1.0)
_PQUANTS = ["pq:q8", "pq:legacy", "pq:mxfp4"]  # prompt kernels by quant class, k-quants the reference
# llama.cpp's CPU backend (rows with backend "cpu": no GPU): the share of RAM bandwidth its batch-1
# kernels reach and the ALU work of unpacking weights on the cores; the int8 dot-product and 16-bit
# prompt paths' share of the FMA peak (cores x GHz x FLOPs per cycle by ISA, cpu_families.yaml);
# per-token costs. Factors by quant class stay 1, and the 16-bit path and attention keep their priors:
# the CPU rows that vary the format all come from one board, the few long-prompt rows from two laptops
# that disagree, and values fitted there would be those machines', not the format's. It is
# fitted first: partially offloaded rows (in their GPU backend's block) run their host layers with
# these values.
_CPU = ["weight_eff", "alu_eff", "token_ms", "layer_us", "mm_eff_quant", "ubatch_ms"]
# parameters that are one entry of a per-quant or per-vendor table
_KEYED = ("q:", "pq:", "vm:", "vb:", "mq:", "va:", "vu:", "vo:")
# keyed parameters that add time (microseconds) rather than multiply an efficiency: they start at 0
_KEYED_ADDITIVE = ("vo:",)
# what each backend fits for itself, by how much data it has; the rest comes from its parent
# the grouped expert kernel's own share (moe_mm_eff) is fitted where llama.cpp's CUDA/HIP code maps the
# micro-batch's rows to experts in a pass of its own and gathers them (ggml-cuda's mul_mat_id: the ids
# helper kernel before MMQ, row copies before a BLAS call per expert). It is held at 1 on Vulkan, SYCL
# and Metal: their expert shaders take the rows through the ids in their own tile loads, Metal's rows
# fit it at 1, and fitted on Vulkan it only traded the Strix Halo rows against the discrete cards'
# (leave-one-device-out Vulkan prompt error 19.5 -> 21.9 %, SYCL's, which inherits it, 24.5 -> 35.3 %)
_GROUPED = ["moe_mm_eff"]
# how a prompt's flash attention gains from query heads sharing a K/V head (attn_group_half) is fitted on
# ROCm, whose depth rows span models of 1 to 16 query heads per K/V head on the same devices (Llama 2 7B,
# Gemma 3, Qwen3.5/3.6 on the Ryzen AI Max+ 395, Radeon AI PRO R9700, Instinct MI50). Elsewhere it is held
# at 0 (the share does not depend on the group). Vulkan's prompt shaders take the heads one at a time
# (ggml-vulkan groups them only for batches of at most 8 tokens). CUDA's depth rows are mostly the DGX
# Spark's, whose attention share the unified-memory factor already takes (fitted there, CUDA's in-sample
# prompt p90 went 43.3 -> 44.2 %). Metal's are nearly all one M2 Ultra's: fitted there, Metal's in-sample
# prompt error fell (7.5 / 26.2 -> 5.6 / 17.3 % median / p90) but its leave-one-device-out error rose
# (10.9 / 40.6 -> 11.5 / 43.3 %), the other Macs' rows lacking the depth to pin it
# CUDA's prompt attention is costed at the FP16 tensor rate with FP16 accumulation. llama.cpp's mma
# flash-attention kernel accumulates K x Q in FP32 (fattn-mma-f16.cuh: tile_C_KQ is a float tile, V x KQ
# a half2 one), which GeForce chips run at half that rate; costed so (the harmonic mean of the two
# rates), CUDA's in-sample prompt error rose (13.0 / 43.3 -> 13.8 / 44.5 % median / p90): the
# datacenter boards' attention, at full rate either way, came out too fast beside the GeForce cards'
_GROUPED_ATTENTION = ["attn_group_half"]
FREE: dict[str, list[str]] = {
    "cpu": _CPU,
    "cuda": _DECODE
    + _PREFILL
    + _GROUPED
    + _QUANTS
    + _PQUANTS
    + ["uma_mm_factor", "uma_bw_factor", "stream_cap_gbs", "tflops_per_watt", "moe_shader_us"]
    + ["mmq_fp32_ratio", "pipeline_overlap"],
    "metal": _DECODE + _PREFILL + ["q:f16", "q:q8", "q:legacy", "q:mxfp4"] + _PQUANTS,
    "rocm": _DECODE
    + _PREFILL
    + _GROUPED
    + _GROUPED_ATTENTION
    + ["q:f16", "q:bf16", "q:q8", "q:legacy", "q:mxfp4", "uma_mm_factor", "uma_bw_factor"]
    + _PQUANTS,
    "vulkan": _DECODE
    + _PREFILL
    + ["q:f16", "q:bf16", "q:q8", "q:legacy", "q:mxfp4", "uma_mm_factor", "uma_bw_factor", "mq:bf16"]
    + _PQUANTS
    + ["vm:nvidia", "vm:intel", "vb:nvidia", "vb:intel", "va:nvidia", "va:intel", "vu:nvidia", "vu:intel"]
    + ["vo:intel"],
    "sycl": [
        "weight_eff",
        # SYCL's batch-1 kernels are its own (mul_mat_vec_q against 8-bit activations by DP4A), not
        # Vulkan's shaders: their unpacking share is SYCL's
        "alu_eff",
        "token_ms",
        "moe_layer_us",
        "kv_eff",
        "mm_eff_quant",
        "mm_eff_f16",
        "attn_pp_eff",
        "moe_half_batch",
        # no factor for Q4_0: SYCL's reordered mat-vec layout covers Q4_0 (ggml-org/llama.cpp PR #12858)
        # and the k-quants alike (PR #13109 for Q4_K), so the one dense Q4_0 model in the rows measures
        # the weight stream of both
        "q:bf16",
    ],
}
PARENT = {"cuda": None, "metal": "cuda", "rocm": "cuda", "vulkan": "cuda", "sycl": "vulkan", "cpu": None}
# backends whose every device is a unified-memory chip (Apple's M-series GPUs): their own fitted shares
# already are a unified chip's, so the unified-memory factors stay 1 there; inherited from the parent
# (CUDA's, fitted on its few unified boards) they would only cap those shares (a share at its bound
# times the parent's factor) and tie the backend's answers to another backend's rows
UNIFIED_ONLY = ("metal",)
_UNIFIED_FACTORS = {"uma_mm_factor": 1.0, "uma_bw_factor": 1.0}
ENGINE_FREE: dict[str, list[str]] = {
    # what differs from llama.cpp is the fixed cost per block (CUDA graphs, fused MoE routing) and the
    # prompt GEMMs' share of the matrix peak (cuBLAS/CUTLASS over whole prompts, not llama.cpp's
    # micro-batches)
    # vLLM: the host's cost per step (scheduler, sampler, detokenising and streaming the token) beside
    # the GPU's per-block costs, and its own batch-1 kernels' shares (Marlin, CUTLASS, Triton): of the
    # memory's bandwidth they stream weights at and of the shader rate they unpack them at
    "vllm": [
        "token_ms",
        "layer_us",
        "expert_us",
        "mla_layer_us",
        "prefill_factor",
        "weight_factor",
        "alu_eff",
    ],
    # SGLang runs the same class of decode step (the whole step in CUDA graphs, fused Triton/FlashInfer
    # MoE kernels, cuBLAS/CUTLASS prompt GEMMs); its few rows cannot pin four costs, so it takes vLLM's
    # fitted values (ENGINE_TIED) and its rows are only scored
    "sglang": [],
    "mlx": ["weight_factor", "prefill_factor", "token_ms"],
    "exllama": ["weight_factor", "token_ms", "alu_eff"],
    # hybrid MoE engines: their CPU expert kernels' share of the RAM bandwidth (decode) and of the
    # cores' matrix rate (prompts)
    "ktransformers": ["cpu_factor", "cpu_prefill_factor"],
    # llama.cpp's fork: its own CPU GEMMs (repacked rows, int8 dot products) and GPU prompt kernels; its
    # batch-1 kernels stream weights like llama.cpp's (the same GGUF layouts), but it leaves CUDA graphs
    # off for MoE models (ikawrakow/ik_llama.cpp discussion #354): every MoE block pays its launches
    "ik_llama.cpp": ["moe_layer_us", "prefill_factor", "cpu_prefill_factor"],
}
# engines that take another engine's fitted values instead of fitting their own
ENGINE_TIED: dict[str, str] = {"sglang": "vllm"}
# what a tied engine keeps of its own, from a public measurement of it its few batch-1 rows lack.
# SGLang's multi-head latent attention: since FlashInfer's MLA kernels (sgl-project/sglang PR #3550,
# February 2025) and FlashMLA (PR #4472, March 2025) the latent path runs as a few fused kernels inside
# the decode step's CUDA graph, not vLLM's chain of small ones. 25 us per MLA block puts DeepSeek R1
# FP8 with TP 8 on 8x H200 at ~76 / 59 / 45 tokens/s per user at 8 / 16 / 32 at once, where SGLang
# v0.5.7 measured TPOT 12.37 / 16.58 / 25.64 ms, ~81 / 60 / 39 (SemiAnalysisAI/InferenceX issue #389,
# January 2026, 1k/8k and 1k/1k); vLLM's fitted ~410 us would give ~27 / 25 / 22
ENGINE_OWN: dict[str, dict[str, float]] = {"sglang": {"mla_layer_us": 25.0}}
LINK_FREE = ["link:pcie", "link:nvlink", "tensor_prefill_eff", "tensor_allreduce_us"]
BOUNDS = {
    "weight_eff": (0.2, 1.0),
    "alu_eff": (0.02, 1.0),
    "kv_eff": (0.1, 1.0),
    "attn_eff": (0.005, 1.0),
    "token_ms": (0.0, 20.0),
    "layer_us": (0.0, 500.0),
    "moe_layer_us": (0.0, 1500.0),
    "expert_us": (0.0, 200.0),
    "mla_layer_us": (0.0, 2000.0),
    "hop_ms": (0.0, 20.0),
    "linear_layer_us": (0.0, 1000.0),
    "nofa_attn_factor": (0.05, 1.0),
    "stream_cap_gbs": (300.0, 5000.0),
    "mm_eff_quant": (0.02, 1.0),
    "mm_eff_f16": (0.02, 1.0),
    "mm_eff_simd": (0.02, 1.0),
    "mm_eff_bf16": (0.01, 1.0),
    "ubatch_ms": (0.0, 50.0),
    "attn_pp_eff": (0.01, 1.0),
    "attn_pp_eff_nofa": (0.005, 1.0),
    "moe_half_batch": (0.5, 2000.0),
    "moe_f16_batch_factor": (0.1, 30.0),
    # the grouped expert kernel never beats the dense one; a tenth of it would be a broken kernel
    "moe_mm_eff": (0.1, 1.0),
    "uma_mm_factor": (0.1, 1.0),
    # from a clock that never drops (above any board's peak per watt) to one set by the limit
    "tflops_per_watt": (0.2, 5.0),
    "uma_bw_factor": (0.5, 2.0),
    "weight_factor": (0.2, 2.0),
    "prefill_factor": (0.1, 3.0),
    "cpu_factor": (0.2, 3.0),
    # an engine's CPU prompt kernels against llama.cpp's: int8 dot products pack four multiply-adds per
    # 32-bit lane (AVX512-VNNI, NEON dotprod), AMX tiles more, so up to several times llama.cpp's share of
    # the FP32 FMA peak
    "cpu_prefill_factor": (0.3, 6.0),
    # small-message all-reduce latency per tree step: NCCL's low-latency protocol takes a few to tens of
    # microseconds over NVLink/NVSwitch, tens to a couple of hundred over PCIe (host bridges, no P2P)
    "link:pcie": (25.0, 200.0),  # above NVLink's range: a hop through the host bridge is never faster
    "link:nvlink": (2.0, 20.0),
    "tensor_prefill_eff": (0.05, 1.0),
    # llama.cpp's generic all-reduce round: two asynchronous copies and a stream synchronisation, never
    # faster than NCCL's PCIe step, at most a millisecond
    "tensor_allreduce_us": (25.0, 1000.0),
    # routed experts' batch-1 kernels are no faster per byte than the dense ones
    "mq:bf16": (0.1, 1.0),
    # a vendor's weight stream reaches at most the memory's peak (Vulkan's AMD reference is near it)
    "vb:nvidia": (0.3, 1.0),
    "vb:intel": (0.3, 1.0),
    "va:nvidia": (0.05, 3.0),
    "va:intel": (0.05, 3.0),
    "vu:nvidia": (0.05, 3.0),
    # Arc's shader ALUs unpack at no less than a third of the AMD reference's share of their FP32 rate:
    # below that the unpacking term alone would cap a dense 7B Q4_0 under half of what Arc cards decode
    # (Arc Pro B70: 87-106 t/s, kyuz0/intel-b70-ai-toolboxes)
    "vu:intel": (0.33, 3.0),
    # a driver's extra cost per MoE block: none to a millisecond
    "vo:intel": (0.0, 1000.0),
    "moe_shader_us": (0.0, 500.0),
    # int8 MMQ operations per FP32 FLOP of the shader rate: from the GeForce cards' own ratio of int8
    # tensor to FP32 peak (8 on Ampere, Ada and Blackwell GeForce) upwards
    "mmq_fp32_ratio": (4.0, 64.0),
    # from a K/V load that costs nothing beside the arithmetic (0) to one that outweighs a group of 32
    "attn_group_half": (0.0, 32.0),
    "pipeline_overlap": (0.0, 1.0),
}
# the CPU's hand-over to and from a GPU per MoE block with experts in system RAM: a D2H and an H2D copy
# of one token's hidden state (a few KB, ~10 us each over PCIe with its launch), a stream sync and the
# CPU thread pool waking; a hundred microseconds each way at most (bounds in ms)
CPU_BOUNDS = {"hop_ms": (0.005, 0.1)}
# a weak pull of every parameter towards its prior (log space), so that values the rows cannot
# determine stay where physics put them instead of drifting to a bound
PRIOR_WEIGHT = 0.03
# additive parameters (may be 0) are pulled in absolute terms relative to this scale
_ADDITIVE = {
    "token_ms": 1.0,
    "layer_us": 20.0,
    "moe_layer_us": 50.0,
    "hop_ms": 0.5,
    "ubatch_ms": 5.0,
    "linear_layer_us": 50.0,
    "moe_shader_us": 50.0,
    "attn_group_half": 4.0,
}
# the stated range covers the middle 85 % of measured/predicted in cross-validation
RANGE_QUANTILES = (0.075, 0.925)


# --- reading and writing parameter values by name ----------------------------------------------------


def _get(params: SpeedParams, group: str, name: str) -> float:
    if name.startswith("link:"):
        return params.for_link(name[5:]).allreduce_us
    if name == "tensor_prefill_eff":
        return params.tensor_prefill_eff
    if name == "tensor_allreduce_us":
        return params.tensor_allreduce_us
    if group in params.backends and group not in ENGINE_FREE:
        p = params.backends[group]
        if name.startswith("q:"):
            return float(p.quant_eff.get(name[2:], 1.0))
        if name.startswith("pq:"):
            return float(p.prefill_quant_eff.get(name[3:], 1.0))
        if name.startswith("vm:"):
            return float(p.vendor_mm_eff.get(name[3:], 1.0))
        if name.startswith("vb:"):
            return float(p.vendor_bw_eff.get(name[3:], 1.0))
        if name.startswith("mq:"):
            return float(p.moe_quant_eff.get(name[3:], 1.0))
        if name.startswith("va:"):
            return float(p.vendor_attn_eff.get(name[3:], 1.0))
        if name.startswith("vu:"):
            return float(p.vendor_alu_eff.get(name[3:], 1.0))
        if name.startswith("vo:"):
            return float(p.vendor_moe_us.get(name[3:], 0.0))
        return float(getattr(p, name))
    e = params.for_engine(group)
    v = getattr(e, name)
    return float(v if v is not None else 0.0)


def _with(params: SpeedParams, group: str, values: dict[str, float]) -> SpeedParams:
    backends = dict(params.backends)
    engines = dict(params.engines)
    links = dict(params.links)
    tpe = params.tensor_prefill_eff
    tar = params.tensor_allreduce_us
    plain: dict[str, float] = {}
    quant: dict[str, float] = {}
    pquant: dict[str, float] = {}
    vm: dict[str, float] = {}
    vb: dict[str, float] = {}
    mq: dict[str, float] = {}
    va: dict[str, float] = {}
    vu: dict[str, float] = {}
    vo: dict[str, float] = {}
    for k, v in values.items():
        if k.startswith("link:"):
            links[k[5:]] = replace(links[k[5:]], allreduce_us=v)
        elif k == "tensor_prefill_eff":
            tpe = v
        elif k == "tensor_allreduce_us":
            tar = v
        elif k.startswith("q:"):
            quant[k[2:]] = v
        elif k.startswith("pq:"):
            pquant[k[3:]] = v
        elif k.startswith("vm:"):
            vm[k[3:]] = v
        elif k.startswith("vb:"):
            vb[k[3:]] = v
        elif k.startswith("mq:"):
            mq[k[3:]] = v
        elif k.startswith("va:"):
            va[k[3:]] = v
        elif k.startswith("vu:"):
            vu[k[3:]] = v
        elif k.startswith("vo:"):
            vo[k[3:]] = v
        else:
            plain[k] = v
    if plain or quant or pquant or vm or vb or mq or va or vu or vo:
        if group in ENGINE_FREE:
            engines[group] = replace(engines.get(group, EngineParams()), **plain)
        else:
            p = backends[group]
            backends[group] = replace(
                p,
                quant_eff={**p.quant_eff, **quant},
                prefill_quant_eff={**p.prefill_quant_eff, **pquant},
                vendor_mm_eff={**p.vendor_mm_eff, **vm},
                vendor_bw_eff={**p.vendor_bw_eff, **vb},
                moe_quant_eff={**p.moe_quant_eff, **mq},
                vendor_attn_eff={**p.vendor_attn_eff, **va},
                vendor_alu_eff={**p.vendor_alu_eff, **vu},
                vendor_moe_us={**p.vendor_moe_us, **vo},
                **plain,
            )
    return SpeedParams(backends, engines, links, tpe, params.source, tar)


# Where every fit starts, whatever the params file holds (so a refit never starts from its own last
# answer): physically plausible middles of each efficiency. A backend fitted after its parent starts
# from the parent's fitted values instead.
PRIOR: dict[str, float] = {
    "weight_eff": 0.8,
    "alu_eff": 0.3,
    "kv_eff": 0.6,
    "attn_eff": 0.08,
    "token_ms": 1.0,
    "layer_us": 5.0,
    "moe_layer_us": 50.0,
    "hop_ms": 0.5,
    "linear_layer_us": 20.0,
    "nofa_attn_factor": 0.5,
    "stream_cap_gbs": 1500.0,
    "mm_eff_quant": 0.3,
    "mm_eff_f16": 0.45,
    "mm_eff_bf16": 0.3,
    "mm_eff_simd": 0.4,
    "ubatch_ms": 5.0,
    "attn_pp_eff": 0.1,
    "attn_pp_eff_nofa": 0.1,
    "moe_half_batch": 32.0,
    "moe_f16_batch_factor": 1.0,
    # the grouped expert kernel's rows sorted, gathered and scattered around full tiles: a middle
    # between no cost and the third of the dense rate the Strix Halo rows show
    "moe_mm_eff": 0.6,
    # unified-memory GPUs share one power budget and memory controller with the CPU and hold about
    # three quarters of their boost-clock matrix rate through long prompt batches (the share fitted on
    # the Ryzen AI Max+ 395 under ROCm and Vulkan, 0.77-0.79): where CUDA's rows hold no unified device
    # (DGX Spark left out) the factor stays there instead of at the discrete cards' 1. It also takes the
    # unified chips' prompt attention, though the Spark's depth rows (ggml-org/llama.cpp benches/dgx-spark,
    # pp2048 at 4096-32768 cached tokens) add time per cached token as if its attention ran at 55-65
    # TFLOPS, half its FP16 tensor rate, where this share gives about 20. A factor of the attention's own,
    # fitted on CUDA (1.0, at its bound; the matmuls' fell to 0.66), cut CUDA's leave-one-device-out
    # prompt error from 15.0 / 54.6 to 14.7 / 53.4 % (median / p90) but moved the values ROCm starts
    # from, and the prompt p90 over all backends rose from 52.3 to 52.8 %: not kept
    "uma_mm_factor": 0.78,
    "uma_bw_factor": 1.0,
    "tflops_per_watt": 1.0,
    # the routing kernels' cost that falls with the shader rate starts at none: all of it fixed
    "moe_shader_us": 0.0,
    # twice the GeForce cards' int8 tensor to FP32 ratio: a cap that only the chips whose tensor cores
    # far outrun their shader cores (H100, A100, A30) meet
    "mmq_fp32_ratio": 16.0,
    # a group of two heads per K/V head reaches two thirds of the reference group's share
    "attn_group_half": 2.0,
    "pipeline_overlap": 0.7,
}
ENGINE_PRIOR: dict[str, float] = {
    "alu_eff": 0.3,
    "weight_factor": 1.0,
    "prefill_factor": 1.0,
    "cpu_factor": 1.0,
    "cpu_prefill_factor": 1.0,
    "layer_us": 5.0,
    "moe_layer_us": 50.0,
    "expert_us": 10.0,
    "mla_layer_us": 50.0,
    "token_ms": 1.0,
}
LINK_PRIOR: dict[str, float] = {
    "link:pcie": 40.0,
    "link:nvlink": 15.0,
    "tensor_prefill_eff": 0.5,
    "tensor_allreduce_us": 60.0,
}
# the CPU backend starts where mainline llama.cpp's published CPU results put it (ikawrakow/ik_llama.cpp
# PR #54: Ryzen 7950X / 5975WX, Llama-3.1-8B Q4_0/Q8_0, pp512 123-162 t/s, tg128 7.6-11.9 t/s): batch-1
# decode at ~60 % of DRAM bandwidth, int8 dot products at about half the FP32 FMA peak
CPU_PRIOR: dict[str, float] = {
    "hop_ms": 0.05,  # a PCIe round trip of a few KB plus a stream sync: tens of microseconds
    "weight_eff": 0.6,
    "alu_eff": 0.5,
    "kv_eff": 0.6,
    "token_ms": 0.5,
    "layer_us": 20.0,
    "mm_eff_quant": 0.5,
    "mm_eff_f16": 0.3,
    "ubatch_ms": 5.0,
    "attn_pp_eff": 0.3,
    "attn_pp_eff_nofa": 0.13,
    # decode attention at depth: ggml's CPU flash attention takes each head's dot products with the
    # cached keys and its sums of cached values one position at a time (vec_dot_f16, vec_mad_f16), each
    # 16-bit element converted to FP32 before its FMA and the sums converted back: the conversions
    # take as many issue slots as the FMAs, about a third of the cores' FMA peak. No public CPU row
    # has a filled cache to fit it on; MLA models (DeepSeek V3/R1, Kimi K2) are bound by it at depth,
    # 128 heads reading one 576-wide latent per position
    "attn_eff": 0.33,
}
# CPU values held at their priors (no CPU row measures them), not left at a previous fit's value
_CPU_FIXED = ("kv_eff", "attn_eff")


def _prior_value(name: str) -> float:
    if name.startswith(_KEYED_ADDITIVE):
        return 0.0
    if name.startswith(_KEYED):
        return 1.0
    return PRIOR.get(name, ENGINE_PRIOR.get(name, LINK_PRIOR.get(name, 1.0)))


def _reset(params: SpeedParams, group: str) -> SpeedParams:
    """The group's free values back to where a fit starts: its parent's fitted values (backends) or the
    priors (CUDA, engines, links)."""
    if group == "links":
        return _with(params, group, dict(LINK_PRIOR))
    if group in ENGINE_FREE:
        engine = params.engines.get(group, EngineParams())
        fresh = EngineParams(decode_spread=engine.decode_spread, prefill_spread=engine.prefill_spread)
        engines = {**params.engines, group: fresh}
        params = replace(params, engines=engines)
        return _with(params, group, {n: _prior_value(n) for n in ENGINE_FREE[group] if n in ENGINE_PRIOR})
    parent = PARENT.get(group)
    names = FREE.get(group, [])
    if parent and parent in params.backends:
        values = {
            n: (_get(params, parent, n) if n in FREE.get(parent, []) else _prior_value(n)) for n in names
        }
        inherited = {n: _get(params, parent, n) for n in FREE.get(parent, []) if n not in names}
        # a child keeps its parent's per-vendor factors (how a vendor's driver and matrix units run
        # the shared kernels: SYCL runs only on Intel GPUs, which Vulkan's rows on Arc measure)
        inherited = {n: v for n, v in inherited.items() if not n.startswith(("q:", "pq:", "mq:"))}
        # the grouped expert kernel's share is the CUDA/HIP code's own: a backend that does not fit it
        # runs its experts without that pass (1), never at its parent's or an earlier fit's value
        for n in _GROUPED:
            if n not in names:
                inherited[n] = 1.0
        # the power-limited clock is measured only where the rows span boards of very different matrix
        # peak per watt (CUDA: GeForce cards at 0.36-0.73 TFLOPS/W, L40S and RTX 5000 Ada at 1.05, H100
        # PCIe at 2.2); the AMD, Intel and Apple rows do not (discrete cards at 0.34-0.8, unified chips
        # under their own factor), so the other backends run without a limit
        inherited.pop("tflops_per_watt", None)
        # the routing kernels' shader-bound share is fitted on CUDA's rows only (V100 to RTX 4090, a
        # fivefold span of shader rate); other backends' rows span too little of it, with their own
        # kernels and drivers, and keep a fixed cost per block
        if "moe_shader_us" not in names:
            inherited["moe_shader_us"] = 0.0
        # the shader-side limit of the int8 MMQ kernels is NVIDIA's (CUDA's rows, H100 to GeForce); the
        # other backends' quantized prompt kernels run on their own peaks
        if "mmq_fp32_ratio" not in names:
            inherited["mmq_fp32_ratio"] = 0.0
        # a backend whose prompt attention takes the heads one at a time gains nothing from their groups
        if "attn_group_half" not in names:
            inherited["attn_group_half"] = 0.0
        # a backend's fixed cost per micro-batch is its own runtime's (graph building, launches,
        # synchronisation): it starts at the prior, not at CUDA's value, which also takes in what is left
        # of the May 2024 builds' per-micro-batch dequantization
        if "ubatch_ms" in names:
            values["ubatch_ms"] = _prior_value("ubatch_ms")
        # so does the share of the shader rate its batch-1 kernels unpack weights at: its own shader
        # code's and compiler's on its own devices' ALUs; CUDA's, beside a batch-1 ceiling that scales
        # with NVIDIA's SMs x clock, speaks for NVIDIA's cores alone
        if "alu_eff" in names:
            values["alu_eff"] = _prior_value("alu_eff")
        # and how its prompt attention kernels gain from grouped query heads: its own kernels' loads
        if "attn_group_half" in names:
            values["attn_group_half"] = _prior_value("attn_group_half")
        if group in UNIFIED_ONLY:
            inherited.update(_UNIFIED_FACTORS)
        # decode factors by quant class that this backend does not fit start at the k-quant reference,
        # never at a value an earlier fit left in the params file
        own = params.backends[group].quant_eff if group in params.backends else {}
        held = {f"q:{k}": 1.0 for k in own if f"q:{k}" not in names}
        return _with(params, group, {**held, **inherited, **values})
    priors = CPU_PRIOR if group == "cpu" else {}
    fixed = {n: CPU_PRIOR[n] for n in _CPU_FIXED} if group == "cpu" else {}
    return _with(params, group, {**fixed, **{n: priors.get(n, _prior_value(n)) for n in names}})


# --- one block fit ----------------------------------------------------------------------------------


def _weights(rows: Sequence[BenchRow], *, one_vote: bool = False) -> np.ndarray:
    """A device's many rows should not outweigh another's few: 1/sqrt(rows per device), or with
    `one_vote` 1/rows (every device counts once: the CPU rows are one board measured in dozens of
    model and format combinations beside machines measured once or twice)."""
    per: dict[str, int] = defaultdict(int)
    for r in rows:
        per[r.device_key] += 1
    power = 1.0 if one_vote else 0.5
    return np.array([per[r.device_key] ** -power for r in rows])


def fit_block(rows: Sequence[BenchRow], params: SpeedParams, group: str, names: Sequence[str]) -> SpeedParams:
    """Least squares on log errors of `rows`, varying `names` of `group` (a backend or an engine)."""
    if not rows or not names:
        return params
    x0 = np.array([_get(params, group, n) for n in names])
    bounds = {**BOUNDS, **CPU_BOUNDS} if group == "cpu" else BOUNDS
    lo = np.array([bounds.get(n, (0.3, 3.0))[0] for n in names])
    hi = np.array([bounds.get(n, (0.3, 3.0))[1] for n in names])
    x0 = np.clip(x0, lo + 1e-6, hi - 1e-6)
    prior = x0.copy()
    w = _weights(rows, one_vote=group == "cpu")
    scale = math.sqrt(len(rows)) * PRIOR_WEIGHT

    def residuals(x: np.ndarray) -> np.ndarray:
        p = _with(params, group, dict(zip(names, x.tolist(), strict=True)))
        errs = np.array([math.log(max(_predict(r, p), 1e-9) / r.measured_tps) for r in rows]) * w
        pulls = []
        for n, v, v0 in zip(names, x, prior, strict=True):
            if n in _ADDITIVE or n.startswith(_KEYED_ADDITIVE):
                pulls.append((v - v0) / _ADDITIVE.get(n, _ADDITIVE["moe_layer_us"]))
            else:
                pulls.append(math.log(v / v0))
        return np.concatenate([errs, scale * np.array(pulls) / max(1, len(names)) ** 0.5])

    from scipy.optimize import least_squares  # the fitting extra: what decides which rows fit needs none

    result = least_squares(
        residuals,
        x0,
        bounds=(lo, hi),
        loss="soft_l1",
        f_scale=0.2,
        x_scale="jac",
        diff_step=1e-3,
        ftol=1e-6,
        xtol=1e-6,
        max_nfev=40 * len(names),
    )
    return _with(params, group, dict(zip(names, result.x.tolist(), strict=True)))


def _llama_rows(rows: Sequence[BenchRow], backend: str) -> list[BenchRow]:
    return [
        r for r in rows if r.engine in GGUF and r.backend == backend and r.split_mode not in ("tensor", "row")
    ]


# llama.cpp builds before this one (September 2025) are kept as evidence but not fitted: ROCm and
# Vulkan prompt kernels for RDNA3/3.5 and the MoE paths changed 2-3x since (the same Strix Halo runs
# with builds b5863-b6111 and b7938-b9187 differ that much)
MIN_FIT_BUILD = 6500


# Vulkan's prompt attention on AMD and Intel GPUs moved onto cooperative matrices in February 2026
# (ggml-org/llama.cpp PR #19075, the KHR_coopmat flash attention refactor, and PR #19625, fp16 scalar
# attention for AMD/Intel): prompts at depth on earlier builds ran 2-3x slower there (Qwen3-30B-A3B
# Q6_K on a Ryzen AI Max+ 395: pp2048 @ d16384 172 t/s on b7423, @ d32768 193 t/s on b8577,
# kyuz0/amd-strix-halo-toolboxes), so those rows are evidence of the old kernels, not fitted
VULKAN_COOPMAT_FA_BUILD = 8000


def _old_vulkan_attention(r: BenchRow) -> bool:
    return (
        r.backend == "vulkan"
        and r.kind == "prefill"
        and r.depth > 0
        and 0 < r.build_number < VULKAN_COOPMAT_FA_BUILD
        and any(d.vendor in ("amd", "intel") for d in r.features.devices)
    )


# ROCm's prompt attention on RDNA 4 ran on the shader-ALU tile kernel for every head shape until the
# WMMA flash-attention kernel (ggml-org/llama.cpp PR #18481, "HIP: add fattn-mma-f16 for RDNA4",
# merged in early January 2026, about b7700; b7423 is mid-December 2025): deep prompts measured before
# it ran up to 2.5x slower (gpt-oss-20b pp2048 @ d32768 on a Radeon AI PRO R9700: 1011 t/s on b7423,
# kyuz0/amd-r9700-ai-toolboxes; 2560 t/s on a May 2026 build, kyuz0/mi50-gfx906-toolboxes README; rows
# in bench_recent.csv), so those rows are evidence of the old kernel, not fitted
ROCM_RDNA4_WMMA_FA_BUILD = 7700


@functools.cache
def _is_rdna4(device: str) -> bool:
    gpus = parse_hardware(device).gpus
    return bool(gpus) and gpus[0].spec is not None and gpus[0].spec.arch == "rdna4"


def _rdna4_rocm_depth(r: BenchRow) -> bool:
    return r.backend == "rocm" and r.kind == "prefill" and r.depth > 0 and _is_rdna4(r.device)


def _old_rocm_attention(r: BenchRow) -> bool:
    return 0 < r.build_number < ROCM_RDNA4_WMMA_FA_BUILD and _rdna4_rocm_depth(r)


# vLLM releases before 0.11.0 (October 2025) captured the decode step in piecewise CUDA graphs:
# attention ran eagerly between the graphs, so every block paid kernel launches from Python, and the
# MXFP4/fused-MoE paths of August 2025 were the first cut (gpt-oss-20b at ~220 t/s on both an H200 and
# a B200, a launch-bound figure, sariekr/gpu_conc). 0.11.0 made FULL_AND_PIECEWISE graphs the default
# and its later releases add async scheduling: rows of the earlier releases are evidence of the old
# engine, not fitted (the product predicts the current release)
VLLM_FULL_GRAPHS = (0, 11)
VLLM_FULL_GRAPHS_DATE = "2025-10"
_VLLM_VERSION = re.compile(r"\bv?(\d+)\.(\d+)(?:\.\d+)?")


def _old_vllm(r: BenchRow) -> bool:
    """A vLLM row measured on a release before full CUDA graphs: by its stated version, else (no
    version given) by the date it was measured."""
    if r.engine != "vllm":
        return False
    m = _VLLM_VERSION.search(r.build_label)
    if m:
        return (int(m.group(1)), int(m.group(2))) < VLLM_FULL_GRAPHS
    return bool(r.date) and r.date[:7] < VLLM_FULL_GRAPHS_DATE


# SGLang's MLA kernels before FlashInfer MLA (sgl-project/sglang PR #3550, 2025-02-13): DeepSeek rows
# of the earlier releases (v0.4.1, December 2024: ~30 tokens/s on 8x H200) are evidence of the old
# engine, not of the current release the product predicts
SGLANG_MLA_KERNELS_DATE = "2025-02"


def _old_sglang_mla(r: BenchRow) -> bool:
    return (
        r.engine == "sglang"
        and r.model.startswith("deepseek")
        and bool(r.date)
        and r.date[:7] < SGLANG_MLA_KERNELS_DATE
    )


def fittable(rows: Sequence[BenchRow]) -> list[BenchRow]:
    return [
        r
        for r in rows
        if (r.build_number == 0 or r.build_number >= MIN_FIT_BUILD)
        and not _old_vulkan_attention(r)
        and not _old_rocm_attention(r)
        and not _old_vllm(r)
        and not _old_sglang_mla(r)
    ]


def _expert_offload_rows(rows: Sequence[BenchRow]) -> list[BenchRow]:
    return [
        r
        for r in rows
        if r.engine in GGUF and isinstance(r.features, DecodeFeatures) and r.features.host_expert_layers
    ]


def _engine_rows(rows: Sequence[BenchRow], engine: str) -> list[BenchRow]:
    return [
        r
        for r in rows
        if (r.engine == engine and r.split_mode != "tensor")
        or (r.engine == engine and engine != "llama.cpp" and r.split_mode == "tensor" and r.n_devices == 1)
    ]


def _link_rows(rows: Sequence[BenchRow]) -> list[BenchRow]:
    return [r for r in rows if r.split_mode in ("tensor", "row", "pipeline")]


def fit_all(rows: Sequence[BenchRow], base: SpeedParams, *, only: str | None = None) -> SpeedParams:
    """The block fits in order; `only` refits one group (and the links) on top of `base`."""
    params = base
    for backend in FREE:
        if only is not None and only != backend:
            continue
        params = _reset(params, backend)
        params = fit_block(_llama_rows(rows, backend), params, backend, FREE[backend])
    if only in (None, "cpu"):
        # the CPU's hand-over per MoE block whose experts stay in system RAM, on the rows that ran so,
        # with every backend's own values in place
        params = _with(params, "cpu", {"hop_ms": CPU_PRIOR["hop_ms"]})
        params = fit_block(_expert_offload_rows(rows), params, "cpu", ["hop_ms"])
    for engine, names in ENGINE_FREE.items():
        if only is not None and only not in (engine, "links"):
            continue
        params = _reset(params, engine)
        engine_rows = [r for r in rows if r.engine == engine and r.n_devices == 1]
        params = fit_block(engine_rows, params, engine, names)
    if only is None or only in ENGINE_FREE or only == "links":
        params = _reset(params, "links")
        params = fit_block(_link_rows(rows), params, "links", LINK_FREE)
        for engine, names in ENGINE_FREE.items():  # multi-GPU rows of the engines, with the links in place
            if only is not None and only not in (engine, "links"):
                continue
            multi = [r for r in rows if r.engine == engine]
            params = fit_block(multi, params, engine, names)
    for engine, source in ENGINE_TIED.items():
        if only is None or only in (engine, source, "links"):
            tied = {n: _get(params, source, n) for n in ENGINE_FREE[source]}
            params = _with(params, engine, {**tied, **ENGINE_OWN.get(engine, {})})
    return params


# --- reporting --------------------------------------------------------------------------------------


def _percentile(xs: Sequence[float], q: float) -> float:
    s = sorted(xs)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    f, c = math.floor(k), math.ceil(k)
    return s[f] + (s[c] - s[f]) * (k - f)


def is_partial(r: BenchRow) -> bool:
    """Part of the model on a GPU, part in system RAM run by the CPU (-ngl below all layers, experts
    kept in RAM)."""
    devices = r.features.devices
    return any(d.is_gpu for d in devices) and any(not d.is_gpu for d in devices)


def _group_of(r: BenchRow) -> str:
    if r.split_mode in ("tensor", "row", "pipeline") and r.engine in GGUF:
        return "links"
    return r.group


def cross_validate(rows: Sequence[BenchRow], fitted: SpeedParams) -> dict[int, float]:
    """Leave-one-device-out within each group: refit the group's block without the device, predict
    its rows. Returns {row index: log error}."""
    out: dict[int, float] = {}
    groups: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        groups[_group_of(r)].add(r.device_key)
    for group, devices in sorted(groups.items()):
        refit_group = group if group in FREE or group in ENGINE_FREE else "links"
        for k, dev in enumerate(sorted(devices)):
            train = [r for r in rows if r.device_key != dev]
            refit = fit_all(train, fitted, only=refit_group)
            for i, r in enumerate(rows):
                if r.device_key == dev and _group_of(r) == group:
                    out[i] = math.log(max(_predict(r, refit), 1e-9) / r.measured_tps)
            print(f"  cv {group} {k + 1}/{len(devices)} {dev}", file=sys.stderr)
    return out


def _labels(r: BenchRow) -> list[str]:
    k = r.kind
    out = [k, f"{k}/{r.group}"]
    out.append(f"{k}/{'moe' if r.moe else 'dense'}")
    out.append(f"{k}/{'multi-gpu' if r.n_devices > 1 else 'single'}")
    if is_partial(r):
        out.append(f"{k}/partial-offload")
    if r.engine in GGUF:
        out.append(f"{k}/build-{r.build}")
        out.append(f"{k}/{'depth' if r.depth else 'no-depth'}")
        if r.unified:
            out.append(f"{k}/unified-memory")
        if r.split_mode in ("tensor", "row"):
            out.append(f"{k}/split-{r.split_mode}")
    return out


def summarize(rows: Sequence[BenchRow], errors: dict[int, float]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[float]] = defaultdict(list)
    for i, e in errors.items():
        for label in _labels(rows[i]):
            groups[label].append(abs(math.exp(e) - 1))
    return {
        k: {"rows": len(v), "median": statistics.median(v), "p90": _percentile(v, 0.9)}
        for k, v in sorted(groups.items())
    }


def spreads(
    rows: Sequence[BenchRow], errors: dict[int, float], match: Callable[[BenchRow], bool], kind: str
) -> tuple[float, float]:
    """Quantiles of measured/predicted in cross-validation: the range covering ~85 % of rows."""
    ratios = [math.exp(-errors[i]) for i, r in enumerate(rows) if i in errors and match(r) and r.kind == kind]
    if len(ratios) < 8:
        ratios = [math.exp(-e) for i, e in errors.items() if rows[i].kind == kind]
    lo, hi = RANGE_QUANTILES
    return (round(min(0.95, _percentile(ratios, lo)), 3), round(max(1.05, _percentile(ratios, hi)), 3))


def coverage(rows: Sequence[BenchRow], errors: dict[int, float], params: SpeedParams) -> dict[str, float]:
    out: dict[str, list[bool]] = defaultdict(list)
    for i, e in errors.items():
        r = rows[i]
        if r.engine in GGUF:
            p = params.for_backend(r.backend)
            lo, hi = p.decode_spread if r.kind == "decode" else p.prefill_spread
        else:
            ep = params.for_engine(r.engine)
            lo, hi = ep.decode_spread if r.kind == "decode" else ep.prefill_spread
        out[r.kind].append(lo <= math.exp(-e) <= hi)
    return {k: sum(v) / len(v) for k, v in out.items()}


@dataclass
class Report:
    rows: int
    heldout_rows: int
    tables: dict[str, dict[str, dict[str, float]]]
    coverage: dict[str, float]
    counts: dict[str, int]


def _rounded(table: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    return {
        k: {"rows": int(v["rows"]), "median": round(v["median"], 4), "p90": round(v["p90"], 4)}
        for k, v in table.items()
    }


def write_params(params: SpeedParams, meta: dict[str, Any]) -> None:
    backends: dict[str, object] = {}
    previous = yaml.safe_load(PARAMS_FILE.read_text()) if PARAMS_FILE.exists() else {}
    notes = {
        k: v["note"] for k, v in previous.get("backends", {}).items() if isinstance(v, dict) and "note" in v
    }
    # the params file's order: decode, the batch-1 ceiling, prompt, unified-memory factors
    fields = [
        *_DECODE,
        "stream_cap_gbs",
        *_PREFILL,
        *_GROUPED,
        "uma_mm_factor",
        "uma_bw_factor",
        "tflops_per_watt",
        "moe_shader_us",
        "mmq_fp32_ratio",
        "attn_group_half",
        "pipeline_overlap",
    ]
    for name, p in params.backends.items():
        entry: dict[str, object] = {k: round(float(getattr(p, k)), 4) for k in fields}
        entry["quant_eff"] = {k: round(float(v), 3) for k, v in sorted(p.quant_eff.items())}
        entry["prefill_quant_eff"] = {k: round(float(v), 3) for k, v in sorted(p.prefill_quant_eff.items())}
        entry["vendor_mm_eff"] = {k: round(float(v), 3) for k, v in sorted(p.vendor_mm_eff.items())}
        entry["vendor_bw_eff"] = {k: round(float(v), 3) for k, v in sorted(p.vendor_bw_eff.items())}
        entry["moe_quant_eff"] = {k: round(float(v), 3) for k, v in sorted(p.moe_quant_eff.items())}
        entry["vendor_attn_eff"] = {k: round(float(v), 3) for k, v in sorted(p.vendor_attn_eff.items())}
        entry["vendor_alu_eff"] = {k: round(float(v), 3) for k, v in sorted(p.vendor_alu_eff.items())}
        entry["vendor_moe_us"] = {k: round(float(v), 2) for k, v in sorted(p.vendor_moe_us.items())}
        entry["decode_spread"] = list(p.decode_spread)
        entry["prefill_spread"] = list(p.prefill_spread)
        entry["calibrated"] = p.calibrated
        if name in notes:
            entry["note"] = notes[name]
        backends[name] = entry
    engines: dict[str, object] = {}
    for name, e in params.engines.items():
        ee: dict[str, object] = {
            k: (round(float(v), 4) if isinstance(v, float) else v)
            for k, v in ((k, getattr(e, k)) for k in EngineParams.__dataclass_fields__)
            if v is not None and not k.endswith("_spread")
        }
        ee["decode_spread"] = list(e.decode_spread)
        ee["prefill_spread"] = list(e.prefill_spread)
        engines[name] = ee
    data: dict[str, object] = {
        "source": (
            f"fitted by benchmarks/calibrate_speed.py on {meta['rows']} public measurements in "
            "benchmarks/data (sources in SOURCES-bench.md and each row's source column) on "
            f"{meta['date']}"
        ),
        "tensor_prefill_eff": round(params.tensor_prefill_eff, 4),
        "tensor_allreduce_us": round(params.tensor_allreduce_us, 2),
        "links": {
            k: {"allreduce_us": round(v.allreduce_us, 2), "bandwidth_gbs": v.bandwidth_gbs}
            for k, v in params.links.items()
        },
        "backends": backends,
        "engines": engines,
        "cross_validation": meta["cv"],
        "sources": meta.get("sources", {}),
    }
    header = "# Speed model efficiencies, written by benchmarks/calibrate_speed.py.\n"
    PARAMS_FILE.write_text(header + yaml.safe_dump(data, sort_keys=False, width=110))


def calibrate(*, cv: bool = True) -> tuple[SpeedParams, Report, list[BenchRow], dict[int, float]]:
    rows = fittable(load_bench_rows("dev")[0])
    held = fittable(load_bench_rows("heldout")[0])
    base = load_speed_params(PARAMS_FILE)
    fitted = fit_all(rows, base)
    in_sample = {i: math.log(max(_predict(r, fitted), 1e-9) / r.measured_tps) for i, r in enumerate(rows)}
    tables = {"in_sample": summarize(rows, in_sample)}
    cov: dict[str, float] = {}
    errors = in_sample
    if cv:
        errors = cross_validate(rows, fitted)
        tables["leave_one_device_out"] = summarize(rows, errors)
        for name in fitted.backends:
            if name in FREE:
                fitted = _with(fitted, name, {})
                b = replace(
                    fitted.backends[name],
                    decode_spread=spreads(
                        rows, errors, lambda r, n=name: r.engine in GGUF and r.backend == n, "decode"
                    ),
                    prefill_spread=spreads(
                        rows, errors, lambda r, n=name: r.engine in GGUF and r.backend == n, "prefill"
                    ),
                    calibrated=any(r.backend == name and r.engine in GGUF for r in rows),
                )
                fitted = replace(fitted, backends={**fitted.backends, name: b})
        engines = dict(fitted.engines)
        for name in ENGINE_FREE:
            n_rows = sum(1 for r in rows if r.engine == name)
            e = engines.get(name, EngineParams())
            engines[name] = replace(
                e,
                decode_spread=spreads(rows, errors, lambda r, n=name: r.engine == n, "decode")
                if n_rows >= 8
                else e.decode_spread,
                prefill_spread=spreads(rows, errors, lambda r, n=name: r.engine == n, "prefill")
                if n_rows >= 8
                else e.prefill_spread,
                calibrated=n_rows >= 8,
                rows=n_rows,
            )
        fitted = replace(fitted, engines=engines)
        cov = coverage(rows, errors, fitted)
    held_err = {i: math.log(max(_predict(r, fitted), 1e-9) / r.measured_tps) for i, r in enumerate(held)}
    tables["heldout"] = summarize(held, held_err)
    counts: dict[str, int] = defaultdict(int)
    for r in [*rows, *held]:
        counts[f"{r.group} {'held-out' if r.heldout else 'dev'}"] += 1
    return fitted, Report(len(rows), len(held), tables, cov, dict(counts)), rows, errors


def source_key(source: str) -> str:
    """'owner/repo' (with '#N' for an issue, PR or discussion) for a GitHub URL, else the source's name."""
    m = re.search(r"github\.com/([^/\s)]+/[^/\s)]+)(?:/(?:issues|pull|discussions)/(\d+))?", source)
    if m:
        return m.group(1) + (f" #{m.group(2)}" if m.group(2) else "")
    return re.split(r"[(@]", source)[0].strip()[:70]


def source_counts(rows: Sequence[BenchRow]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[source_key(r.source)] += 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


_SHALLOW = 4096  # decode rows at most this deep count as "empty context" evidence


def write_evidence(rows: Sequence[BenchRow]) -> int:
    """sizing/data/measured_speeds.csv: measured ranges per model, quant, devices, engine and test (decode at
    a shallow depth, prefill from empty), each with one public source. Returns the rows written."""
    from sizing.catalog import load_models
    from sizing.hardware import parse_hardware
    from sizing.speed import device_key

    models = {m.id: m for m in load_models()}
    groups: dict[tuple[str, ...], list[BenchRow]] = defaultdict(list)
    for r in rows:
        if r.kind == "decode" and r.depth > _SHALLOW:
            continue
        if _old_sglang_mla(r):
            continue  # a release whose MLA kernels the estimate no longer models: no measure of today's
        if r.kind == "prefill" and (r.depth or (r.engine in GGUF and r.tokens != 512)):
            continue  # llama.cpp prompt evidence is pp512, as llama-bench reports it by default
        text = (
            f"{r.n_devices}x {r.device}"
            if r.n_devices > 1 and not r.device[:2].rstrip("x").isdigit()
            else r.device
        )
        key = device_key(parse_hardware(text))
        if not key or r.model not in models:
            continue
        groups[(key, r.model, r.quant, r.backend, r.engine, r.split_mode, r.kind, r.test)].append(r)
    out = []
    for (key, model, quant, backend, engine, mode, kind, test), rs in sorted(groups.items()):
        vals = [r.measured_tps for r in rs]
        spec = models[model]
        device = (
            rs[0].device
            if rs[0].n_devices == 1 or rs[0].device[:2].rstrip("x").isdigit()
            else f"{rs[0].n_devices}x {rs[0].device}"
        )
        out.append(
            {
                "device_key": key,
                "model": model,
                "family": spec.family,
                "params_b": spec.params_b,
                "quant": quant,
                "device": device,
                "backend": backend,
                "engine": engine,
                "split_mode": mode,
                "kind": kind,
                "test": test,
                "low": round(min(vals), 2),
                "high": round(max(vals), 2),
                "rows": len(rs),
                "build": max((r.build_label for r in rs), default=""),
                "source": rs[0].source.split(" (secondary")[0][:300],
            }
        )
    with EVIDENCE_FILE.open("w", newline="", encoding="utf-8") as f:
        f.write(
            "# Public speed measurements by model, quant and devices, "
            "written by benchmarks/calibrate_speed.py\n"
        )
        f.write("# from benchmarks/data (every row's public source in its source column).\n")
        w = csv.DictWriter(f, fieldnames=list(out[0].keys()))
        w.writeheader()
        w.writerows(out)
    return len(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-write", action="store_true", help="report only; leave the params file alone")
    ap.add_argument("--no-cv", action="store_true", help="skip the leave-one-device-out cross-validation")
    args = ap.parse_args(argv)
    fitted, report, _, _ = calibrate(cv=not args.no_cv)
    for section, table in report.tables.items():
        print(f"\n{section}")
        for k, v in table.items():
            print(f"  {k:28s} rows {v['rows']:4d}  median {v['median']:6.1%}  p90 {v['p90']:6.1%}")
    for k, v in report.coverage.items():
        print(f"  range coverage {k}: {v:.1%}")
    print(f"\n{report.rows} development rows, {report.heldout_rows} held-out rows")
    if not args.no_write:
        cv_meta = {k: _rounded(v) for k, v in report.tables.items()}
        cv_meta["range_coverage"] = {k: round(v, 3) for k, v in report.coverage.items()}  # type: ignore[assignment]
        all_rows = load_bench_rows("all")[0]
        write_params(
            fitted,
            {
                "rows": report.rows,
                "date": dt.date.today().isoformat(),
                "cv": cv_meta,
                "sources": source_counts(all_rows),
            },
        )
        n = write_evidence(all_rows)
        print(f"wrote {PARAMS_FILE.relative_to(ROOT)} and {EVIDENCE_FILE.relative_to(ROOT)} ({n} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
