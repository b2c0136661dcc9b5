"""Calibrated efficiencies of the speed model (sizing/data/speed_params.yaml), as typed values.

Three kinds: per compute backend (how well llama.cpp's kernels use a device's bandwidth and matrix
units), per inference engine (what another engine's kernels and scheduler add or save relative to
that), and per GPU link (what one all-reduce of a token's activations costs).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._yaml import load_yaml

__all__ = ["BackendParams", "EngineParams", "LinkParams", "SpeedParams", "load_speed_params"]


@dataclass(frozen=True, slots=True)
class BackendParams:
    """Calibrated efficiencies of one backend."""

    weight_eff: float  # share of peak bandwidth achieved streaming weights at batch 1
    alu_eff: float  # share of the FP32 shader rate spent unpacking and multiplying weights at batch 1
    kv_eff: float  # share of peak bandwidth streaming the KV cache
    attn_eff: float  # share of peak matrix FLOPs in decode attention at depth (compute-bound with MLA)
    token_ms: float  # fixed milliseconds per generated token (launches, sync)
    layer_us: float  # microseconds per block per token (kernel launches)
    moe_layer_us: float  # extra microseconds per MoE block (routing, gathers)
    hop_ms: float  # extra milliseconds per token for each further device in a layer split
    mm_eff_quant: float  # prefill on matrix units with quantized weights (int8 MMQ): share of the peak
    mm_eff_f16: float  # prefill on matrix units with 16-bit weights (BLAS): share of the peak
    mm_eff_simd: float  # prefill on shader ALUs / CPU SIMD: share of the peak
    ubatch_ms: float  # fixed milliseconds per prompt micro-batch
    mm_eff_bf16: float = 0.4  # prefill with BF16 GGUF weights (converted where the GPU lacks bf16 math)
    attn_pp_eff: float = 0.3  # prefill with flash attention: share of the 16-bit matrix peak in attention
    attn_pp_eff_nofa: float = 0.1  # prefill without flash attention (the KQ matrix goes through memory)
    # tokens per expert per micro-batch at which expert matmuls reach half their dense efficiency
    # (a prompt's tokens spread over the experts: 512 tokens x 8 of 128 experts = 32 rows each)
    moe_half_batch: float = 32.0
    # 16-bit expert weights need this many times moe_half_batch: CUDA/ROCm multiply quantized experts
    # in one grouped MMQ kernel (mul_mat_id) but 16-bit experts through a BLAS call per expert on
    # gathered rows, so few rows per expert cost more there
    moe_f16_batch_factor: float = 1.0
    # share of the dense matmuls' efficiency a grouped expert kernel keeps however many rows each
    # expert gets: llama.cpp's CUDA/HIP mul_mat_id maps the micro-batch's rows to experts in a pass of
    # its own and gathers them (the ids helper before MMQ, row copies before a BLAS call per expert),
    # work the dense products do not have. Public ROCm rows show MoE prompts at about a third of what
    # their active FLOPs at the dense rate would give at every rows-per-expert from 10 to 64 (Ryzen AI
    # Max+ 395, kyuz0/amd-strix-halo-toolboxes; Radeon AI PRO R9700, kyuz0/amd-r9700-ai-toolboxes),
    # not the steep rise with rows per expert that `moe_half_batch` alone would give. 1 where the
    # expert shaders take their rows through the ids in their own tile loads (Vulkan, SYCL) and on Metal
    moe_mm_eff: float = 1.0
    # unified-memory GPUs (iGPUs, APUs, DGX Spark) sustain this share of their boost-clock matrix
    # rate in long prompt batches (shared power budget and memory controller)
    uma_mm_factor: float = 1.0
    # TFLOPS of 16-bit matrix work a discrete board sustains per watt of its power limit: a card whose
    # prompt matmuls need more power than its limit lowers its clock under a long batch (0: no limit)
    tflops_per_watt: float = 0.0
    # unified-memory GPUs reach a different share of their memory's peak bandwidth than discrete
    # cards (LPDDR5X controllers shared with the CPU): multiplies weight_eff and kv_eff there
    uma_bw_factor: float = 1.0
    quant_eff: Mapping[str, float] = field(default_factory=dict)  # decode kernel efficiency by quant class
    # prompt kernel efficiency by quant class relative to k-quants: which matrix path a format takes
    # (int8 MMQ, dequantize + BLAS, coopmat) differs by backend and GPU generation
    prefill_quant_eff: Mapping[str, float] = field(default_factory=dict)
    # Vulkan runs one shader set on every vendor's driver: matrix and bandwidth efficiency by GPU
    # vendor relative to AMD (NVIDIA's NV_coopmat2 vs KHR_coopmat, Intel's drivers)
    vendor_mm_eff: Mapping[str, float] = field(default_factory=dict)
    vendor_bw_eff: Mapping[str, float] = field(default_factory=dict)
    # batch-1 decode of routed experts by quant class relative to the dense kernels of that class
    # (at most 1): on the same Ryzen AI Max+ 395, Qwen3-30B-A3B BF16 decodes ~2.7x slower under
    # Vulkan (RADV, no bf16 arithmetic) than under ROCm while dense BF16 models run alike
    # (kyuz0/amd-strix-halo-toolboxes benchmark logs of 2026-03-29)
    moe_quant_eff: Mapping[str, float] = field(default_factory=dict)
    # extra microseconds per linear-attention / recurrent block per generated token: a gated delta-net
    # or Mamba step runs a chain of small kernels (convolution, gates, state update, norms) where an
    # attention block runs a few
    linear_layer_us: float = 0.0
    # GB/s a batch-1 mat-vec kernel of this backend streams at most on one GPU, however fast its
    # memory, at the reference SMs x clock (STREAM_CAP_REF_SM_GHZ in _speed_model); a GPU whose SMs x
    # clock is known gets it in proportion (0: no ceiling)
    stream_cap_gbs: float = 0.0
    # decode without flash attention: the KQ scores and the softmax go through memory in separate
    # kernels; share of the flash-attention KV read rate and attention arithmetic reached
    nofa_attn_factor: float = 1.0
    # decode attention arithmetic by GPU vendor relative to AMD (Vulkan's flash-attention shaders
    # take a scalar path where the vendor's cooperative-matrix support is not used)
    vendor_attn_eff: Mapping[str, float] = field(default_factory=dict)
    # share of the shader rate spent unpacking quantized weights at batch 1, by GPU vendor relative to
    # AMD: formats that need more arithmetic per byte lose more where the drivers' shaders run slower
    vendor_alu_eff: Mapping[str, float] = field(default_factory=dict)
    # extra microseconds per MoE block per generated token by GPU vendor (0 for the reference): a
    # routed block dispatches the most small kernels (router, top-k, expert gathers, one mat-vec per
    # expert set) and a driver that takes longer per dispatch pays it there (Intel's Level Zero and
    # Vulkan drivers: under Vulkan an Arc Pro B70 decodes Llama 2 7B Q4_0 at 87 t/s, ~55 % of its
    # bandwidth, but Gemma 4 26B-A4B, reading about two thirds of those bytes per token, at 38 t/s,
    # kyuz0/intel-b70-ai-toolboxes benchmark logs)
    vendor_moe_us: Mapping[str, float] = field(default_factory=dict)
    # extra microseconds per MoE block per generated token on a GPU of MOE_SHADER_REF_TFLOPS FP32 TFLOPS,
    # taking time inversely with its shader rate: the routing's chain of small dependent kernels (router
    # mat-vec, softmax and top-k, the expert ids, the weighted sum of the experts' outputs) is bound by
    # how fast the GPU's cores turn round, not by its memory (0: a fixed cost per block only)
    moe_shader_us: float = 0.0
    # llama.cpp's quantized prompt kernels on NVIDIA tensor cores (MMQ: int8 MMA on weight tiles loaded
    # and unpacked by the shader cores) run no faster than this many int8 operations per FP32 FLOP of
    # the GPU's shader rate, however fast its tensor cores: the tile loads and unpacking scale with SMs x
    # clock (0: the tensor cores' int8 peak alone)
    mmq_fp32_ratio: float = 0.0
    # query heads per K/V head at which a prompt's flash attention pays as much for loading K/V tiles as
    # for its arithmetic (the share relative to a group of ATTN_GROUP_REF in _speed_model): llama.cpp's
    # CUDA/HIP prompt kernel loads each K/V tile once for all the query heads of its group, so a
    # multi-head model pays the loads for every head where a grouped-query one shares them (0: the share
    # does not depend on the group, as under Vulkan, whose prompt shaders take the heads one at a time)
    attn_group_half: float = 0.0
    # share of the time a layer split's pipelined micro-batches save over running its stages one after
    # another that they do save (1: the ideal overlap)
    pipeline_overlap: float = 1.0
    decode_spread: tuple[float, float] = (0.8, 1.2)  # ~10th/90th percentile of measured/predicted
    prefill_spread: tuple[float, float] = (0.7, 1.3)
    calibrated: bool = True


@dataclass(frozen=True, slots=True)
class EngineParams:
    """What an engine other than llama.cpp changes. Factors multiply the backend's efficiencies;
    times replace the backend's per-token overheads (CUDA graphs, fused kernels, schedulers differ)."""

    weight_factor: float = 1.0  # decode bandwidth efficiency relative to llama.cpp's kernels
    prefill_factor: float = 1.0  # prompt matrix efficiency relative to llama.cpp's kernels
    token_ms: float | None = None
    layer_us: float | None = None
    moe_layer_us: float | None = None
    # engines whose fused MoE kernels work expert by expert (vLLM's and SGLang's Triton/CUTLASS grouped
    # GEMMs): microseconds per expert a token runs in a MoE block, on top of moe_layer_us (0 if unset)
    expert_us: float | None = None
    # serving engines' batch-1 cost per block of multi-head latent attention (vLLM, SGLang): the latent
    # path runs its own chain of small kernels per block (the absorbed up-projections as per-head batched
    # GEMMs, block-scaled FP8 GEMMs, the latent-cache decode kernel) whose launches and tails a
    # bandwidth-bound step does not hide; microseconds per MLA block (0 if unset)
    mla_layer_us: float | None = None
    # hybrid CPU/GPU engines: share of DRAM bandwidth their CPU expert kernels reach, relative to
    # llama.cpp's CPU backend
    cpu_factor: float = 1.0
    # engines with their own CPU matrix kernels (ik_llama.cpp's repacked-row GEMMs, KTransformers' AMX
    # and llamafile expert kernels): the share of llama.cpp's CPU prompt efficiency they reach. Int8 dot
    # products (AVX512-VNNI, AMX, NEON dotprod) pack several multiply-adds per FP32 lane, so a kernel
    # built on them can exceed llama.cpp's share of the FP32 FMA peak severalfold
    cpu_prefill_factor: float = 1.0
    # engines with their own batch-1 GPU kernels (vLLM's and SGLang's Marlin/CUTLASS/Triton, ExLlama's):
    # the share of the shader rate they unpack weights at (None: the backend's, fitted on llama.cpp's
    # mat-vec kernels beside their ceiling of bytes in flight)
    alu_eff: float | None = None
    decode_spread: tuple[float, float] = (0.7, 1.3)
    prefill_spread: tuple[float, float] = (0.6, 1.4)
    calibrated: bool = False
    rows: int = 0  # public measurements it was calibrated on


@dataclass(frozen=True, slots=True)
class LinkParams:
    """Cost of one all-reduce of a token's activations across GPUs, per kind of link.

    Small all-reduces are latency-bound: a tree of log2(n) steps, each `allreduce_us`."""

    allreduce_us: float  # microseconds per log2(n) step for a decode-sized (KB) all-reduce
    bandwidth_gbs: float  # sustained bandwidth for prompt-sized activation all-reduces


@dataclass(frozen=True, slots=True)
class SpeedParams:
    backends: Mapping[str, BackendParams]
    engines: Mapping[str, EngineParams]
    links: Mapping[str, LinkParams]
    # llama.cpp tensor split (-sm tensor): share of a single GPU's prompt efficiency each shard keeps
    tensor_prefill_eff: float
    source: str
    # llama.cpp tensor split (-sm tensor, experimental): microseconds per exchange round of its generic
    # all-reduce between ggml backends (asynchronous tensor copies and a synchronisation, no NCCL; PR
    # ggml-org/llama.cpp#19378); a decode-sized all-reduce takes n - 1 rounds over n GPUs
    tensor_allreduce_us: float = 60.0

    def for_backend(self, backend: str) -> BackendParams:
        return self.backends.get(backend) or self.backends["vulkan"]

    def for_engine(self, engine: str) -> EngineParams:
        return self.engines.get(engine) or _LLAMA_CPP

    def for_link(self, link: str) -> LinkParams:
        return self.links.get(link) or self.links["pcie"]


_LLAMA_CPP = EngineParams(calibrated=True)


def _params_file() -> Path:
    return Path(__file__).parent / "data" / "speed_params.yaml"


def _tuples(values: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: (tuple(v) if k.endswith("_spread") else v) for k, v in values.items()}
    out.pop("note", None)
    return out


@functools.cache
def load_speed_params(path: Path | None = None) -> SpeedParams:
    raw = load_yaml(path or _params_file())
    backends = {name: BackendParams(**_tuples(v)) for name, v in raw["backends"].items()}
    engines = {name: EngineParams(**_tuples(v)) for name, v in (raw.get("engines") or {}).items()}
    links = {name: LinkParams(**_tuples(v)) for name, v in raw["links"].items()}
    return SpeedParams(
        backends,
        engines,
        links,
        float(raw.get("tensor_prefill_eff", 0.5)),
        str(raw.get("source", "")),
        float(raw.get("tensor_allreduce_us", 60.0)),
    )
