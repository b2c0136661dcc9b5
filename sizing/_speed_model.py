"""Seconds from features and efficiencies: the speed model's physics.

Decode is memory-bound: a token's time on a device is the bytes it reads there (weights, active
experts only, plus the KV cache at the current depth and the recurrent blocks' state) over its
effective bandwidth, plus the ALU work of unpacking quantized weights; attention at depth can turn
compute-bound (MLA), and without flash attention it runs slower. llama.cpp's batch-1 kernels stream
at most a ceiling per GPU however fast its memory. Devices of one stage run side by side (the slowest
sets the pace), stages run one after another. Fixed costs per token: kernel launches per block, MoE
routing per MoE block (and what a GPU vendor's driver adds per dispatch there), the chain of small
kernels of each linear-attention block, hand-overs between stages, and in a tensor split two
all-reduces per block whose small-message latency grows with log2 of the GPU count under NCCL (vLLM,
SGLang) and linearly with it under llama.cpp's generic all-reduce.

Prefill is compute-bound: 2 x active parameters FLOPs per token plus attention growing with depth, at
an effective share of the device's matrix throughput; routed experts multiply only the tokens routed
to them (small matrices run below peak), and every micro-batch touches nearly every expert, so their
matmuls are bound by reading the experts' bytes where the device's bandwidth is short of its compute
(a roofline: the slower of the two); experts held in system RAM stream over PCIe for every
micro-batch; a tensor split all-reduces each micro-batch's activations; a layer split pipelines the
micro-batches through its GPUs, saving a fitted share of what an ideal pipeline would. Without flash
attention the attention scores go through memory between kernels, a traffic paid at the device's
bandwidth; with it, kernels that load each K/V tile once for a group of query heads reach more of their
share the larger the model's groups (grouped-query attention), where a multi-head model pays the loads
per head.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ._speed_features import _BATCH, DecodeFeatures, DeviceTerm, PrefillFeatures
from ._speed_params import BackendParams, EngineParams, SpeedParams

__all__ = [
    "ATTN_GROUP_REF",
    "MAX_IQUANT_EFF",
    "MAX_PEAK_SHARE",
    "MOE_SHADER_REF_TFLOPS",
    "NOFA_BYTES_PER_SCORE",
    "PCIE_GBS",
    "SCORES_STREAM_SHARE",
    "achieved_bandwidth",
    "allreduce_seconds",
    "attention_group_eff",
    "decode_seconds",
    "decode_seconds_each",
    "decode_seconds_with",
    "expert_matmul_eff",
    "fixed_token_seconds",
    "prefill_seconds",
    "prefill_seconds_each",
    "prompt_matrix_tflops",
    "scores_bandwidth",
    "step_seconds",
    "touched_experts",
    "weight_bandwidth",
]

# PCIe 4.0 x16 moves ~25 GB/s in practice (32 GB/s theoretical); experts kept in system RAM cross it
# for every micro-batch of a long prompt (llama.cpp's op offload)
PCIE_GBS = 25.0
_UBATCH_DEFAULT = 512
# llama.cpp pipelines up to 4 micro-batches across a layer split (GGML_SCHED_MAX_COPIES)
_MAX_IN_FLIGHT = 4
_GGUF_ENGINES = ("llama.cpp", "ollama", "lmstudio")
_MMQ_ENGINES = (*_GGUF_ENGINES, "ik_llama.cpp")  # engines that run llama.cpp's quantized prompt kernels
# backends whose 16-bit prompt matmuls go to a BLAS library (cuBLAS, hipBLAS/hipBLASLt)
_BLAS_BF16_BACKENDS = ("cuda", "rocm")
# llama.cpp's row split gathers each split matrix product on the main GPU by peer copies and events,
# without NCCL and outside CUDA graphs: each gather is costed as this many small all-reduces (an
# assumption; no public row-split measurement in the data, where it is reported several times slower
# than the layer split and was removed from recent CUDA builds)
ROW_GATHER_ALLREDUCES = 3.0
# I-quants decode through codebook look-ups on top of the same byte stream as the k-quants: they are
# credited at most the k-quants' share of the bandwidth (a fitted factor past it, from a handful of
# rows, would read IQ4_XS as decoding half again as fast as Q4_K_M, which no public table shows)
MAX_IQUANT_EFF = 1.0
# how sharply a batch-1 stream turns from its share of the peak to the backend's ceiling (the
# exponent of a smooth minimum; a modelling choice)
_CEILING_SHARPNESS = 8.0
# bytes of memory traffic per attention score in a prompt without flash attention: the KQ product
# writes each score as F32, the softmax reads it and writes the probability, the product with V reads
# that (ggml_mul_mat -> ggml_soft_max_ext -> ggml_mul_mat in llama.cpp's attention graph when flash
# attention is off): 4 x 4 bytes
NOFA_BYTES_PER_SCORE = 16.0
# share of a device's peak memory bandwidth that the scores' bulk kernels stream at: wide, coalesced
# F32 reads and writes of a large buffer, the STREAM-like pattern GPUs run at 80-90 % of their peak
# (a modelling choice, fixed so that prompt rows do not move the batch-1 weight-stream shares that
# decode is fitted on)
SCORES_STREAM_SHARE = 0.8
# how sharply a board turns from its boost clock to its power-limited clock (a modelling choice)
_CLOCK_SHARPNESS = 2.0
# No memory streams at its nominal peak: DRAM refresh alone takes tRFC out of every tREFI (DDR5 16 Gb:
# 295 ns of 3.9 us, ~7.5 %, JEDEC JESD79-5), and bank and bus turnarounds take more. A decode step
# reads its bytes no faster than this share of the nominal bandwidth, whatever efficiencies a fit
# carries over from other devices (the best decode rows in benchmarks/data read ~87 % of the peak:
# RTX 5000 Ada F16, Apple M3 Q8_0, the Ryzen AI Max+ 395's LPDDR5X)
MAX_PEAK_SHARE = 0.92
# FP32 shader rate (TFLOPS) at which a MoE block's routing kernels take `moe_shader_us`: between a Tesla
# V100 (15) and a DGX Spark (30); a reference point for the fitted value, no physics of its own
MOE_SHADER_REF_TFLOPS = 20.0


# engines that run llama.cpp's batch-1 mat-vec kernels (the ceiling is theirs)


# query heads per K/V head at which a prompt's flash-attention share is `attn_pp_eff` (grouped-query
# models run 4 to 16; Llama 3 and Qwen3: 4 to 8); a reference point for the fitted value, no physics
ATTN_GROUP_REF = 8.0


def attention_group_eff(f: PrefillFeatures, p: BackendParams) -> float:
    """Share of `attn_pp_eff` a prompt's flash attention reaches with the model's grouped-query heads.
    llama.cpp's CUDA/HIP flash-attention kernel for prompts takes the query heads that share a K/V head
    as one tile's columns (ggml-cuda fattn.cu, gqa_opt_applies): a K/V tile loaded and converted once
    serves the whole group, so the loads' share of the time falls as the group grows, and a multi-head
    model pays them for every head. Relative to a group of ATTN_GROUP_REF: g / (g + h) over the same at
    the reference, h the backend's `attn_group_half` (0: no dependence). Public depth sweeps on one
    device show it: on a Ryzen AI Max+ 395 under ROCm, Llama 2 7B (one query head per K/V head) and
    Gemma 3 (two) lose more of their prompt rate from 0 to 32768 cached tokens than their attention
    arithmetic gives beside Qwen3.6 35B-A3B and Qwen3.5 122B-A10B (8 and 16), which lose less
    (kyuz0/amd-strix-halo-toolboxes). A prompt's multi-head latent attention is costed expanded, one
    K/V head per query head (group 1)."""
    h = p.attn_group_half
    g = f.attn_group
    if h <= 0 or g <= 0 or not f.flash_attention or f.engine not in _MMQ_ENGINES:
        return 1.0
    return (g / (g + h)) / (ATTN_GROUP_REF / (ATTN_GROUP_REF + h))


# SMs x clock (GHz) at which a backend's batch-1 ceiling is `stream_cap_gbs`: an H100 PCIe's (114 SMs at
# 1.755 GHz); a reference point for the fitted value
STREAM_CAP_REF_SM_GHZ = 200.0


def stream_cap_scale(d: DeviceTerm) -> float:
    """The device's batch-1 ceiling relative to the backend's `stream_cap_gbs`: its SMs x clock over the
    reference's where the GPU's architecture gives them, else 1."""
    return d.sm_ghz / STREAM_CAP_REF_SM_GHZ if d.sm_ghz > 0 else 1.0


def achieved_bandwidth(
    rate: float, p: BackendParams, is_gpu: bool, engine: str = "llama.cpp", scale: float = 1.0
) -> float:
    """Bytes per second a batch-1 kernel streams at: its share of the peak, held under the backend's
    ceiling on GPUs. llama.cpp's mat-vec kernels keep a bounded number of bytes in flight per SM, and
    each waits out the memory's latency, so their rate stops growing with the memory's peak (Little's
    law): the ceiling grows with the SMs and their clock (`scale`: the device's SMs x clock relative to
    the ceiling's reference), not with the bus. Public batch-1 rows put an A100 (108 SMs at 1.41 GHz)
    under half of its 1.9 TB/s HBM, an H100 PCIe (114 at 1.755) near 60 % of its 2 TB/s, an RTX 3090
    (82 at 1.7) near 80 % of its 936 GB/s and an RTX 4090 (128 at 2.5) near 90 % of its 1 TB/s."""
    cap = p.stream_cap_gbs * 1e9 * scale
    if not (is_gpu and cap > 0 and engine in _GGUF_ENGINES):
        return rate
    return float(rate / (1 + (rate / cap) ** _CEILING_SHARPNESS) ** (1 / _CEILING_SHARPNESS))


def allreduce_seconds(params: SpeedParams, link: str, ranks: int, engine: str = "vllm") -> float:
    """Latency of one decode-sized all-reduce over `ranks` GPUs. vLLM and SGLang reduce small
    messages over NVLink with their custom all-reduce: one shot, every rank reads its peers' buffers
    at once, so one step of the link whatever the number of GPUs (up to the 8 of a board); over PCIe
    (no custom all-reduce past two GPUs without NVLink) NCCL runs a tree of log2(n) steps at the
    link's latency. llama.cpp's tensor split has no NCCL in its usual builds: its generic all-reduce
    between ggml backends exchanges partial results by asynchronous copies and a synchronisation,
    round after round, n - 1 rounds over n GPUs (ggml-org/llama.cpp PR #19378), each at least the
    link's step."""
    if ranks <= 1:
        return 0.0
    link_us = params.for_link(link).allreduce_us
    if engine in _GGUF_ENGINES:
        return max(params.tensor_allreduce_us, link_us) * (ranks - 1) / 1e6
    if link == "nvlink":
        return link_us / 1e6
    return link_us * max(1.0, math.log2(ranks)) / 1e6


def _lead(params: SpeedParams, devices: tuple[DeviceTerm, ...]) -> BackendParams:
    gpu = next((d for d in devices if d.is_gpu), devices[0] if devices else None)
    return params.for_backend(gpu.backend if gpu else "cpu")


def _lead_vendor(devices: tuple[DeviceTerm, ...]) -> str:
    return next((d.vendor for d in devices if d.is_gpu), "")


def _overheads(f: DecodeFeatures, lead: BackendParams, eng: EngineParams) -> float:
    token_ms = eng.token_ms if eng.token_ms is not None else lead.token_ms
    layer_us = eng.layer_us if eng.layer_us is not None else lead.layer_us
    if eng.expert_us is not None:
        # fused MoE kernels inside CUDA graphs (vLLM, SGLang): the routing's few kernels are launched
        # once per block, but the grouped GEMMs' tiles and their scheduling grow with the experts a
        # token runs (gpt-oss: 4 routed; Qwen3-30B-A3B: 8; DeepSeek V3: 8 routed and 1 shared)
        moe_us = (eng.moe_layer_us or 0.0) + f.moe_experts * eng.expert_us
    elif eng.moe_layer_us is not None:
        moe_us = eng.moe_layer_us
    else:  # llama.cpp's kernels: the lead GPU's driver adds its cost per dispatch to each MoE block
        moe_us = lead.moe_layer_us + lead.vendor_moe_us.get(_lead_vendor(f.devices), 0.0)
        moe_us += _moe_shader_us(f.devices, lead)
    mla_us = f.mla_layers * (eng.mla_layer_us or 0.0)
    blocks_us = f.layers * layer_us + f.moe_layers * moe_us + f.linear_layers * lead.linear_layer_us + mla_us
    return token_ms / 1000 + f.hops * lead.hop_ms / 1000 + blocks_us / 1e6


def _moe_shader_us(devices: tuple[DeviceTerm, ...], lead: BackendParams) -> float:
    """Microseconds per MoE block of llama.cpp's routing kernels on the lead GPU. They are small and
    each waits for the one before (router mat-vec, softmax, top-k, expert ids, the weighted sum of the
    experts' outputs): latency-bound on the cores, they finish sooner on a GPU whose shaders run faster
    (higher clocks, more cores), whatever its memory. Public decode rows of MoE models under CUDA show
    it: ~90 us per block beyond the bytes on a Tesla V100, ~70 on an RTX 3090, ~40 on an RTX 4090 or
    5080. Specs give no clock, so the FP32 shader rate (cores x clock) stands for the cores' speed."""
    gpu = next((d for d in devices if d.is_gpu), None)
    rate = (gpu.fp32_tflops or gpu.vector_tflops) if gpu is not None else 0.0
    if lead.moe_shader_us <= 0 or rate <= 0:
        return 0.0
    return lead.moe_shader_us * MOE_SHADER_REF_TFLOPS / rate


def _routed_rate(f: DecodeFeatures, d: DeviceTerm, p: BackendParams) -> float:
    """Routed experts' batch-1 kernels (mul_mat_vec_id) of some quant classes on a GPU stream below
    the dense ones: their rate relative to the dense kernels'."""
    return p.moe_quant_eff.get(f.quant, 1.0) if d.is_gpu else 1.0


def peak_bandwidth(d: DeviceTerm, p: BackendParams) -> float:
    """Bytes per second a device's memory gives this backend: its peak, times what a unified memory's
    GPU and the device's vendor reach of it."""
    unified = p.uma_bw_factor if d.unified else 1.0
    return d.bandwidth_gbs * 1e9 * unified * p.vendor_bw_eff.get(d.vendor, 1.0)


def weight_bandwidth(d: DeviceTerm, p: BackendParams) -> float:
    """Bytes per second a device streams weights at: its peak times the backend's share."""
    return peak_bandwidth(d, p) * p.weight_eff


def scores_bandwidth(d: DeviceTerm) -> float:
    """Bytes per second the attention scores of a prompt without flash attention go through memory
    at: a fixed share of the device's peak, none of the batch-1 stream's fitted shares (those are
    decode's: the mat-vec kernels' bytes in flight, a unified memory's and a vendor's reach of it)."""
    return d.bandwidth_gbs * 1e9 * SCORES_STREAM_SHARE


def fixed_token_seconds(f: DecodeFeatures, params: SpeedParams) -> float:
    """Per-step costs that do not scale with the bytes read: launches per block, MoE routing,
    hand-overs between stages, the tensor split's all-reduces (a row split gathers each product on the
    main GPU), and experts kept in system RAM: each such block hands the hidden state to the CPU and
    back (two copies over PCIe, a stream sync and the CPU's thread pool waking), the CPU backend's
    hand-over time each way."""
    eng = params.for_engine(f.engine)
    lead = _lead(params, f.devices)
    sync = ROW_GATHER_ALLREDUCES if f.mode == "row" else 1.0
    allreduce = allreduce_seconds(params, f.link, f.ranks, f.engine)
    fixed = _overheads(f, lead, eng) + sync * f.allreduces * allreduce
    return fixed + 2 * f.host_expert_layers * params.for_backend("cpu").hop_ms / 1000


def _matrix_eff(d: DeviceTerm, p: BackendParams) -> float:
    """Share of the device's matrix peak a batched decode step's products reach on its path."""
    if d.matrix_path == "simd" and d.is_gpu:
        return p.mm_eff_simd
    return p.mm_eff_quant if d.quantized else p.mm_eff_f16


def step_seconds(f: DecodeFeatures, params: SpeedParams, users: int = 1, expert_reads: float = 1.0) -> float:
    """Mean seconds of one decode step that generates a token for each of `users` sequences, each at
    the features' depth points. Single-stream decode is the step of one user; several users share one
    read of the weights (a MoE reads `expert_reads` times the routed bytes one token does: the union of
    the experts the batch routes to), each reads its own KV cache, and the step is compute-bound once
    users x 2 x active parameters outweigh the bytes (the device's roofline)."""
    if not f.kv_bytes:
        return 0.0
    fixed = fixed_token_seconds(f, params)
    terms = _step_terms(f, params, users, expert_reads)
    total = 0.0
    for kv_b, fl, w in zip(f.kv_bytes, f.attn_flops, f.weights, strict=True):
        total += w * (_step_at(terms, f.stages, users, kv_b, fl) + fixed)
    return total


def decode_seconds_each(f: DecodeFeatures, params: SpeedParams) -> list[float]:
    """`decode_seconds` at each of the features' depth points alone (a step of one user at that
    depth), the same figures as the features narrowed to one point each: the devices' terms, which
    do not depend on the depth, are worked out once."""
    if not f.kv_bytes:
        return []
    fixed = fixed_token_seconds(f, params)
    terms = _step_terms(f, params, 1, 1.0)
    return [
        1.0 * (_step_at(terms, f.stages, 1, kv_b, fl) + fixed)
        for kv_b, fl in zip(f.kv_bytes, f.attn_flops, strict=True)
    ]


def decode_seconds_with(
    f: DecodeFeatures, params: SpeedParams, points: Sequence[tuple[float, float]]
) -> tuple[float, list[float]]:
    """(`decode_seconds(f)`, a step of one user at each of `points` alone, each a (KV bytes, attention
    FLOPs) pair of the same model and cache): the same figures as features made for those points,
    the devices' terms, which do not depend on the depth, worked out once for all of them."""
    if not f.kv_bytes:
        return 0.0, [0.0 for _ in points]
    fixed = fixed_token_seconds(f, params)
    terms = _step_terms(f, params, 1, 1.0)
    total = 0.0
    for kv_b, fl, w in zip(f.kv_bytes, f.attn_flops, f.weights, strict=True):
        total += w * (_step_at(terms, f.stages, 1, kv_b, fl) + fixed)
    return total, [1.0 * (_step_at(terms, f.stages, 1, kv_b, fl) + fixed) for kv_b, fl in points]


# per device: the weights' time (the same at every depth), the linear products' time, the KV cache's
# share, rate and the attention's rate (what the cache's and the attention's time at a depth come
# from), the memory's floor and its limit
_Term = tuple[float, float, float, float, float, float, float]


def _step_terms(f: DecodeFeatures, params: SpeedParams, users: int, expert_reads: float) -> list[_Term]:
    eng = params.for_engine(f.engine)
    terms: list[_Term] = []
    for d in f.devices:
        p = params.for_backend(d.backend)
        q = p.quant_eff.get(f.quant, 1.0)
        if f.quant == "iquant":
            q = min(q, MAX_IQUANT_EFF)
        factor = eng.weight_factor if d.is_gpu else eng.cpu_factor
        bw = peak_bandwidth(d, p)
        cap_scale = stream_cap_scale(d)
        stream = achieved_bandwidth(bw * p.weight_eff * q * factor, p, d.is_gpu, f.engine, cap_scale)
        routed = f.expert_share * expert_reads
        read = (1 - f.expert_share) + routed  # bytes read relative to one token's
        # the experts a batch routes to past one token's: a batched step reads each expert it touches
        # whole, as one grouped product over the rows routed to it, at the memory's bulk rate (the
        # limit below), not at the batch-1 kernels' fitted stream
        extra = f.expert_share * max(0.0, expert_reads - 1.0)
        bulk = d.bandwidth_gbs * 1e9 * MAX_PEAK_SHARE
        t = d.weight_bytes * ((1 - f.expert_share) + f.expert_share / _routed_rate(f, d, p)) / stream
        t += d.weight_bytes * extra / bulk
        # an engine with its own GPU kernels unpacks at its own share (the backend's is llama.cpp's)
        share = eng.alu_eff if d.is_gpu and eng.alu_eff is not None else p.alu_eff
        alu_rate = share * p.vendor_alu_eff.get(d.vendor, 1.0)
        # unpacking: a batch-1 kernel's, for one token's bytes (a grouped product unpacks the other
        # experts' tiles while the next arrive)
        ops = f.ops_per_byte if d.is_gpu or f.cpu_ops_per_byte is None else f.cpu_ops_per_byte
        alu = d.weight_bytes * ops / (d.vector_tflops * 1e12 * alu_rate)
        # a GPU's batch-1 kernels unpack after the bytes arrive; a CPU's out-of-order cores prefetch
        # the next blocks while they unpack and multiply these: the slower of the two sets the pace
        t = t + alu if d.is_gpu else max(t, alu)
        matrix = users * f.linear_flops * d.flops_share / (d.matrix_tflops * 1e12 * _matrix_eff(d, p))
        # the memory's own limit: the step's bytes at the highest share of the nominal peak any memory
        # streams at
        limit = d.bandwidth_gbs * 1e9 * MAX_PEAK_SHARE
        floor = d.weight_bytes * read / limit
        if d.kv_share:
            attn = p.attn_eff * p.vendor_attn_eff.get(d.vendor, 1.0)
            nofa = 1.0 if f.flash_attention else p.nofa_attn_factor
            kv_rate = achieved_bandwidth(bw * p.kv_eff, p, d.is_gpu, f.engine, cap_scale) * nofa
            terms.append((t, matrix, d.kv_share, kv_rate, d.attn_tflops * 1e12 * attn * nofa, floor, limit))
        else:
            terms.append((t, matrix, 0.0, 0.0, 0.0, floor, limit))
    return terms


def _step_at(
    terms: Sequence[_Term], stages: Sequence[Sequence[int]], users: int, kv_b: float, fl: float
) -> float:
    """Seconds of one step at one depth point (`kv_b` cache bytes, `fl` attention FLOPs), without
    the fixed per-step costs: each stage waits for its slowest device."""
    times = []
    for t, matrix, share, kv_rate, attn_rate, floor, limit in terms:
        if share:
            t += users * max(kv_b * share / kv_rate, fl * share / attn_rate)
            floor += users * kv_b * share / limit
        times.append(max(t, matrix, floor))
    return _stages_seconds(times, stages) if times else 0.0


def _stages_seconds(times: Sequence[float], stages: Sequence[Sequence[int]]) -> float:
    """The stages one after another, each as long as its slowest device (a layer split's stages are
    one device each)."""
    total = 0.0
    for stage in stages:
        total += times[stage[0]] if len(stage) == 1 else max([times[i] for i in stage])
    return total


def decode_seconds(f: DecodeFeatures, params: SpeedParams) -> float:
    """Mean seconds per generated token over the feature's depth points (a step of one user)."""
    return step_seconds(f, params)


def _expert_seconds(f: PrefillFeatures, d: DeviceTerm, p: BackendParams, compute: float) -> float:
    """Routed experts' matmuls on one device: the slower of their arithmetic and reading the bytes of
    every expert a micro-batch touches (1 - (1 - k/E)^tokens of them), once per micro-batch."""
    if not (f.expert_share and d.is_gpu and d.resident_bytes and f.expert_active_share < 1):
        return compute
    k = f.expert_active_share
    touched = touched_experts(f)
    # resident = dense + routed; a token reads dense + k x routed: routed = (resident - read) / (1 - k)
    routed = max(0.0, d.resident_bytes - d.weight_bytes) / (1 - k)
    return max(compute, f.ubatches * routed * touched / weight_bandwidth(d, p))


def _dequantized_bytes(f: PrefillFeatures, d: DeviceTerm) -> float:
    """Quantized weight bytes a micro-batch dequantizes on a device whose prompt products go through
    BLAS: every dense weight held there, and of the routed experts those the micro-batch touches."""
    resident = d.resident_bytes or d.weight_bytes
    k = f.expert_active_share
    if not (f.expert_share and 0 < k < 1):
        return resident
    routed = max(0.0, resident - d.weight_bytes) / (1 - k)
    return resident - routed + routed * touched_experts(f)


def touched_experts(f: PrefillFeatures) -> float:
    """Share of the routed experts one micro-batch routes at least one token to: 1 - (1 - k/E)^tokens."""
    k = f.expert_active_share
    if not 0 < k < 1:
        return 1.0
    per_ubatch = max(1.0, min(f.tokens, f.tokens / f.ubatches))
    return 1.0 - float((1.0 - k) ** per_ubatch)


def expert_matmul_eff(f: PrefillFeatures, d: DeviceTerm, p: BackendParams) -> float:
    """Share of the dense matmuls' efficiency the routed experts' matmuls reach. Routed experts multiply
    only the rows routed to them: a grouped expert kernel (llama.cpp's mul_mat_id) loads and unpacks
    each touched expert's weight tiles for those few rows and pads them up to its tile width, a cost
    per micro-batch and touched expert beside the products' own time. Relative to the products it is
    `moe_half_batch` (the rows per expert at which it equals them) over the rows each expert gets,
    times the share of the experts a micro-batch touches (an expert no token picks costs nothing:
    512 tokens x 10 of 512 experts leave a third of them idle), all of it under `moe_mm_eff`, the share
    the grouped kernel keeps with full tiles (its sorting, gathering and scattering of rows by expert)."""
    if not f.expert_share:
        return 1.0
    mmq = d.quantized and not d.prompt_dequant
    half = p.moe_half_batch * (1.0 if mmq else p.moe_f16_batch_factor)
    return p.moe_mm_eff / (1.0 + half / max(f.tokens_per_expert, 1e-9) * touched_experts(f))


def sustained_clock_share(d: DeviceTerm, p: BackendParams) -> float:
    """Share of its boost clock a discrete GPU holds through a long prompt batch: a board whose 16-bit
    matrix peak needs more power than its limit allows lowers its clock under dense matmuls (a smooth
    minimum of 1 and the rate its limit sustains over its peak). Datacenter and workstation boards pair
    big matrix peaks with low limits (H100 PCIe: 757 TFLOPS in 350 W; L40S: 366 in 350 W), GeForce
    cards the reverse (RTX 3090: 142 in 350 W). The rate per watt is the backend's: kernels that reach
    less of the peak (Vulkan's) draw less power for it. It is fitted (on CUDA rows only), and the fit
    also absorbs how little of the biggest chips' matrix peak llama.cpp's kernels reach: read its
    shares (H100 SXM ~0.55) as a fitted efficiency on power-dense chips, not as measured clocks."""
    if not (d.is_gpu and d.tdp_w > 0 and d.fp16_matrix_tflops > 0 and p.tflops_per_watt > 0):
        return 1.0
    x = d.fp16_matrix_tflops / (p.tflops_per_watt * d.tdp_w)
    return float((1 + x**_CLOCK_SHARPNESS) ** (-1 / _CLOCK_SHARPNESS))


def prompt_matrix_tflops(d: DeviceTerm, p: BackendParams) -> float:
    """Peak rate of a device's prompt matmuls on its path. llama.cpp's quantized prompt kernels on
    NVIDIA tensor cores (MMQ) load each weight tile into shared memory, unpack it to int8 on the shader
    cores and feed it to int8 MMA instructions: the tile loads and unpacking run on the SMs at their
    clock, so past a ratio of int8 tensor to FP32 shader rate the shader side sets the pace. Public
    pp512 rows of Llama 2 7B Q4_0 (llama.cpp's CUDA scoreboard) show it: an H100 SXM (1979 int8 TOPS,
    67 FP32 TFLOPS) runs it slower than an RTX 4090 (661 TOPS, 83 TFLOPS), at about the same share of
    its FP32 rate (~2x) as the GeForce Ampere, Ada and Blackwell cards. The slower of the two peaks."""
    peak = d.matrix_tflops
    mmq = d.quantized and not d.prompt_dequant
    if d.is_gpu and mmq and d.matrix_path == "tc" and p.mmq_fp32_ratio > 0 and d.fp32_tflops > 0:
        return min(peak, p.mmq_fp32_ratio * d.fp32_tflops)
    return peak


def _device_prefill(f: PrefillFeatures, d: DeviceTerm, params: SpeedParams, eng: EngineParams) -> float:
    linear, attn_eff = _device_linear(f, d, params, eng)
    return linear + _device_attention(f, d, attn_eff)


def _device_linear(
    f: PrefillFeatures, d: DeviceTerm, params: SpeedParams, eng: EngineParams
) -> tuple[float, float]:
    """A device's seconds of a prompt's linear products, and the share of its attention peak the
    prompt's attention reaches there: neither depends on the depth the prompt starts at."""
    p = params.for_backend(d.backend)
    if not d.is_gpu:
        # llama.cpp's CPU backend multiplies quantized weights by int8 dot products against activations
        # quantized to 8 bits (vec_dot_q*_q8 and the repacked GEMM kernels), 16-bit weights through FP16
        # or BF16 FMAs: each path reaches its own share of the cores' FP32 FMA peak
        if d.quantized:
            mm = p.mm_eff_quant * p.prefill_quant_eff.get(f.quant, 1.0)
        else:
            mm = p.mm_eff_bf16 if f.quant == "bf16" else p.mm_eff_f16
        mm *= eng.cpu_prefill_factor
    elif d.matrix_path == "simd" and f.quant == "bf16" and d.backend in _BLAS_BF16_BACKENDS:
        # BF16 weights on a GPU without BF16 arithmetic (Pascal, Vega/GCN 5): ggml-cuda and its HIP
        # build hand them to the BLAS library's BF16 GEMM, which widens them to FP32 on the shader ALUs
        # (matrix_tflops gives the FP32 rate): the BF16 BLAS path's share, not the int8/FP16 kernels'
        mm = p.mm_eff_bf16
    elif d.matrix_path == "simd":
        mm = p.mm_eff_simd
    elif d.quantized and d.prompt_dequant:
        # dequantized to FP16 and multiplied by the BLAS library: the 16-bit path's share
        mm = p.mm_eff_f16
    elif d.quantized:
        mm = p.mm_eff_quant * p.prefill_quant_eff.get(f.quant, 1.0)
    else:
        mm = p.mm_eff_bf16 if f.quant == "bf16" else p.mm_eff_f16
    if d.is_gpu:
        mm *= eng.prefill_factor * p.vendor_mm_eff.get(d.vendor, 1.0)
        if d.unified:
            mm *= p.uma_mm_factor
    clock = sustained_clock_share(d, p)
    mm *= clock
    moe_eff = expert_matmul_eff(f, d, p)
    if d.is_gpu and f.mode in ("tensor", "row") and f.engine in _GGUF_ENGINES:
        # llama.cpp's tensor split shards every expert across the GPUs: each shard's expert matmuls
        # shrink further (dense layers keep near-layer-split speed, docs/multi-gpu.md)
        moe_eff *= params.tensor_prefill_eff
    # the MMQ cap is that of llama.cpp's kernels (and its fork's): vLLM's and SGLang's FP8/INT4 GEMMs feed
    # the tensor cores from their own tile loaders
    peak = prompt_matrix_tflops(d, p) if f.engine in _MMQ_ENGINES else d.matrix_tflops
    flops = f.linear_flops * d.flops_share / (peak * 1e12 * mm)
    linear = flops * (1 - f.expert_share) + _expert_seconds(f, d, p, flops * f.expert_share / moe_eff)
    if d.is_gpu and d.quantized and d.prompt_dequant:
        # every micro-batch dequantizes the weights it multiplies into a 16-bit buffer first
        linear += f.ubatches * _dequantized_bytes(f, d) * d.prompt_dequant / scores_bandwidth(d)
    attn_eff = p.attn_pp_eff if f.flash_attention else p.attn_pp_eff_nofa
    if d.is_gpu:
        attn_eff *= attention_group_eff(f, p)
    if d.is_gpu and d.unified:
        # the same shader cores under the same shared power budget as the matmuls
        attn_eff *= p.uma_mm_factor
    attn_eff *= clock
    return linear, attn_eff


def _device_attention(f: PrefillFeatures, d: DeviceTerm, attn_eff: float) -> float:
    """A device's seconds of a prompt's attention (what grows with the depth)."""
    attn = f.attn_flops * d.kv_share / ((d.prompt_attn_tflops or d.attn_tflops) * 1e12 * attn_eff)
    if f.attn_scores:
        # without flash attention the scores go through memory between the kernels: on boards whose
        # bandwidth is short of their matrix rate (L40S, unified-memory APUs) that traffic, not the
        # arithmetic, grows the prompt's time with its length and depth
        attn += f.attn_scores * d.kv_share * NOFA_BYTES_PER_SCORE / scores_bandwidth(d)
    return attn


def prefill_seconds(f: PrefillFeatures, params: SpeedParams) -> float:
    """Seconds to process the prompt."""
    if not f.devices:
        return 0.0
    eng = params.for_engine(f.engine)
    return _prefill_total(f, [_device_prefill(f, d, params, eng) for d in f.devices], params)


def prefill_seconds_each(fs: Sequence[PrefillFeatures], params: SpeedParams) -> list[float]:
    """`prefill_seconds` of each of `fs`, the same prompt at several depths (`prefill_features_at`):
    the linear products' time, which does not depend on the depth, is worked out once per device."""
    if not fs:
        return []
    first = fs[0]
    same = all(_depth_free(f) == _depth_free(first) for f in fs)
    if not same or not first.devices:
        return [prefill_seconds(f, params) for f in fs]
    eng = params.for_engine(first.engine)
    parts = [(d, _device_linear(first, d, params, eng)) for d in first.devices]
    return [
        _prefill_total(f, [linear + _device_attention(f, d, eff) for d, (linear, eff) in parts], params)
        for f in fs
    ]


def _depth_free(f: PrefillFeatures) -> tuple[object, ...]:
    """What `_device_linear` reads of `f`."""
    return (
        f.devices,
        f.tokens,
        f.linear_flops,
        f.ubatches,
        f.flash_attention,
        f.expert_share,
        f.tokens_per_expert,
        f.mode,
        f.engine,
        f.quant,
        f.expert_active_share,
        f.attn_group,
    )


def _prefill_total(f: PrefillFeatures, times: list[float], params: SpeedParams) -> float:
    """Seconds to process the prompt, from each device's compute time (`_device_prefill`)."""
    lead = _lead(params, f.devices)
    overhead = f.ubatches * lead.ubatch_ms / 1000
    transfer = f.ubatches * f.pcie_bytes / (PCIE_GBS * 1e9)
    link = params.for_link(f.link)
    latency = allreduce_seconds(params, f.link, f.ranks, f.engine)
    comm = f.ubatches * f.allreduces * (f.allreduce_bytes / (link.bandwidth_gbs * 1e9) + latency)
    gpu_times = [t for t, d in zip(times, f.devices, strict=True) if d.is_gpu]
    if f.pipelined and len(gpu_times) > 1 and f.ubatches > 1:
        # micro-batches flow through the layer split, up to 4 in flight within a batch of 2048
        # tokens: a batch takes (stages + micro-batches - 1) x the slowest stage at best. The copies
        # between GPUs and the events that order them keep the stages from overlapping fully (without
        # peer-to-peer copies they go through the host and the pipeline stalls, ggml-org/llama.cpp
        # PR #6208; on a 3090 Ti beside a 3080, Llama 7B Q4_0 pp4096 in 16 micro-batches ran 1.58x
        # faster pipelined, where an ideal two-stage pipeline gives ~1.9x, PR #4918): the backend's
        # `pipeline_overlap` is the share of the ideal saving a layer split reaches
        per_ub = [t / f.ubatches for t in times]
        in_flight = min(f.ubatches, max(1, _BATCH // _UBATCH_DEFAULT), _MAX_IN_FLIGHT)
        batches = math.ceil(f.ubatches / in_flight)
        pipelined = batches * (sum(per_ub) + (in_flight - 1) * max(per_ub))
        serial = _stages_seconds(times, f.stages)
        compute = serial - lead.pipeline_overlap * max(0.0, serial - pipelined)
    else:
        compute = _stages_seconds(times, f.stages)
    return compute + overhead + transfer + comm
