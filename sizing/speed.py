"""How fast: decode and prefill tokens per second from bandwidth and compute.

Decode is memory-bound: a token's time is the sum over devices of the bytes read there (weights,
active experts only, plus the KV cache at the current depth) divided by effective bandwidth, plus
fixed per-token overheads; attention at depth can turn compute-bound (MLA). A layer split runs the
devices one after another; tensor parallel runs them together. Prefill is compute-bound: 2 x active
parameters FLOPs per token plus attention growing with depth, at an effective fraction of the
device's matrix throughput; experts held in system RAM stream over PCIe for every micro-batch.

`decode_tps` is the average speed generating from an empty cache up to `context` tokens;
`prefill_tps` is the average speed processing a `context`-token prompt from empty.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ._kv import KV_TYPE_BYTES
from ._throughput import cpu_compute, matrix_tflops
from ._yaml import load_yaml
from .catalog import ModelSpec, QuantSpec, TensorClass, active_params, tensor_inventory
from .hardware import DeviceDatabase, Hardware, default_database
from .memory import MemoryEstimate

__all__ = [
    "BackendParams",
    "DecodeFeatures",
    "DeviceTerm",
    "PrefillFeatures",
    "SpeedEstimate",
    "SpeedParams",
    "decode_features",
    "decode_seconds",
    "estimate_speed",
    "load_speed_params",
    "prefill_features",
    "prefill_seconds",
    "quant_class",
]

_BATCH = 2048  # llama.cpp n_batch default (common.h)
_UBATCH_DEFAULT = 512
# PCIe 4.0 x16 moves ~25 GB/s in practice (32 GB/s theoretical); experts kept in system RAM cross it
# for every micro-batch of a long prompt (llama.cpp's op offload)
PCIE_GBS = 25.0
# prompt batches this large send host-resident weights to the GPU (ggml-backend sched, op_offload)
OP_OFFLOAD_MIN_BATCH = 32
# depths at which decode time is averaged (fractions of the context): Simpson's rule on [0, 1]
_DEPTHS = (0.0, 0.25, 0.5, 0.75, 1.0)
_SIMPSON = (1 / 12, 4 / 12, 2 / 12, 4 / 12, 1 / 12)


# Arithmetic per weight byte at batch 1: one multiply-add (2 FLOPs) per weight, times the unpacking
# work of the format relative to plain 16-bit (a modelling assumption; alu_eff absorbs the scale)
_UNPACK = {"f16": 1.0, "q8": 1.0, "legacy": 1.2, "kquant": 1.5, "iquant": 2.5, "mxfp4": 1.3, "exl": 1.5}


def alu_ops_per_byte(quant: QuantSpec) -> float:
    bits = max(quant.bits, 1.0)
    return 2 * (8 / bits) * _UNPACK[quant_class(quant)]


def quant_class(quant: QuantSpec) -> str:
    """Kernel family of a quantization, for decode efficiency."""
    if quant.format in ("safetensors",) or quant.ftype in ("F16", "BF16", "F32"):
        return "f16"
    if quant.ftype == "MXFP4_MOE" or quant.id == "MXFP4":
        return "mxfp4"
    if quant.format in ("exl2", "exl3"):
        return "exl"
    if quant.ftype == "Q8_0" or quant.format == "fp8" or quant.bits >= 8:
        return "q8"
    if quant.ftype and quant.ftype.startswith("IQ"):
        return "iquant"
    if (
        quant.ftype and quant.ftype in ("Q4_0", "Q4_1", "Q5_0", "Q5_1", "TQ1_0", "TQ2_0")
    ) or not quant.is_gguf:
        return "legacy"
    return "kquant"


@dataclass(frozen=True, slots=True)
class BackendParams:
    """Calibrated efficiencies of one backend (sizing/data/speed_params.yaml)."""

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
    attn_pp_eff: float = 0.3  # prefill with flash attention: share of the 16-bit matrix peak in attention
    attn_pp_eff_nofa: float = 0.1  # prefill without flash attention (the KQ matrix goes through memory)
    # tokens per expert per micro-batch at which expert matmuls reach half their dense efficiency
    # (a prompt's tokens spread over the experts: 512 tokens x 8 of 128 experts = 32 rows each)
    moe_half_batch: float = 32.0
    quant_eff: Mapping[str, float] = field(default_factory=dict)  # decode kernel efficiency by quant class
    decode_spread: tuple[float, float] = (0.8, 1.2)  # ~10th/90th percentile of measured/predicted
    prefill_spread: tuple[float, float] = (0.7, 1.3)
    calibrated: bool = True


@dataclass(frozen=True, slots=True)
class SpeedParams:
    backends: Mapping[str, BackendParams]
    engine_factor: Mapping[str, tuple[float, float]]  # engine -> (decode, prefill) relative to llama.cpp
    source: str

    def for_backend(self, backend: str) -> BackendParams:
        return self.backends.get(backend) or self.backends["vulkan"]


def _params_file() -> Path:
    return Path(str(resources.files("sizing") / "data" / "speed_params.yaml"))


@functools.cache
def load_speed_params(path: Path | None = None) -> SpeedParams:
    raw = load_yaml(path or _params_file())
    backends: dict[str, BackendParams] = {}
    for name, values in raw["backends"].items():
        fields: dict[str, Any] = {k: (tuple(v) if k.endswith("_spread") else v) for k, v in values.items()}
        fields.pop("note", None)
        backends[name] = BackendParams(**fields)
    engines = {k: (float(v[0]), float(v[1])) for k, v in raw.get("engine_factor", {}).items()}
    return SpeedParams(backends, engines, str(raw.get("source", "")))


# --- features: what a configuration asks of each device, independent of the efficiencies --------


@dataclass(frozen=True, slots=True)
class DeviceTerm:
    backend: str  # the params that apply ("cpu" for system RAM)
    bandwidth_gbs: float
    matrix_tflops: float  # peak for prompt matmuls on this path
    matrix_path: str  # "tc" (matrix units) or "simd"
    attn_tflops: float  # peak 16-bit matrix rate for attention
    vector_tflops: float  # FP32 shader rate (the ALU work of batch-1 decoding)
    weight_bytes: float  # read per generated token
    kv_share: float  # share of the KV cache held here
    flops_share: float  # share of the per-token linear FLOPs computed here
    quantized: bool
    is_gpu: bool


@dataclass(frozen=True, slots=True)
class DecodeFeatures:
    devices: tuple[DeviceTerm, ...]
    kv_bytes: tuple[float, ...]  # KV bytes read per token at each of _DEPTHS (or the given depths)
    attn_flops: tuple[float, ...]  # attention FLOPs per token at those depths
    weights: tuple[float, ...]  # Simpson weights of those depths
    quant: str
    ops_per_byte: float
    gpu_hops: int  # further devices a token passes in a layer split
    parallel: int  # tensor-parallel ranks (time divides)
    layers: int
    moe_layers: int


@dataclass(frozen=True, slots=True)
class PrefillFeatures:
    devices: tuple[DeviceTerm, ...]
    tokens: int
    linear_flops: float  # 2 x active params x tokens
    attn_flops: float
    ubatches: int
    pcie_bytes: float  # weights in system RAM that cross PCIe per micro-batch
    flash_attention: bool
    parallel: int
    pipelined: bool  # every layer on the GPUs of a layer split: llama.cpp pipelines micro-batches
    expert_share: float = 0.0  # share of the linear FLOPs in routed experts
    tokens_per_expert: float = 0.0  # rows each routed expert multiplies per micro-batch


def _attention_dims(spec: ModelSpec, decode: bool) -> tuple[int, int, int]:
    """(heads, K dim, V dim) used per head in attention arithmetic."""
    mla = spec.attention.mla
    if mla is not None:
        if decode:  # absorbed MLA: every head reads the shared latent
            return spec.heads, mla.kv_lora_rank + mla.qk_rope_head_dim, mla.kv_lora_rank
        return spec.heads, mla.qk_nope_head_dim + mla.qk_rope_head_dim, mla.v_head_dim
    return spec.heads, spec.head_dim, spec.head_dim


def _kv_bytes_per_token(spec: ModelSpec, kv_type: str) -> tuple[float, float]:
    """(bytes per cached token summed over full-attention layers, the same over sliding layers)."""
    b = KV_TYPE_BYTES[kv_type]
    att = spec.attention
    if att.mla is not None:
        full = spec.full_attention_layers * (att.mla.kv_lora_rank + att.mla.qk_rope_head_dim) * b
        return full, 0.0
    kvh = att.full_kv_heads or spec.kv_heads
    hd = att.full_head_dim or spec.head_dim
    full = (spec.full_attention_layers - att.kv_reuse_layers) * kvh * hd * 2 * b
    swa = att.sliding_layers * spec.kv_heads * spec.head_dim * 2 * b
    return full, swa


def _attention_at(spec: ModelSpec, depth: float, kv_type: str) -> tuple[float, float]:
    """(KV bytes read, attention FLOPs) for one generated token at `depth`."""
    att = spec.attention
    window = att.sliding_window or 0
    full_b, swa_b = _kv_bytes_per_token(spec, kv_type)
    swa_depth = min(depth, window) if window else 0.0
    kv = full_b * depth + swa_b * swa_depth
    heads, dk, dv = _attention_dims(spec, decode=True)
    per_pos = 2 * heads * (dk + dv)
    full_layers = spec.full_attention_layers
    flops = per_pos * (full_layers * depth + att.sliding_layers * swa_depth)
    return kv, flops


def _prefill_attention_flops(spec: ModelSpec, tokens: int, depth: int) -> float:
    att = spec.attention
    heads, dk, dv = _attention_dims(spec, decode=False)
    per_pair = 2 * heads * (dk + dv)
    mean_span = depth + tokens / 2
    full = spec.full_attention_layers * tokens * mean_span
    window = att.sliding_window or 0
    swa = att.sliding_layers * tokens * min(mean_span, window) if window else 0.0
    return per_pair * (full + swa)


def _linear_params(spec: ModelSpec) -> float:
    """Parameters a token multiplies by (active, without the embedding lookup)."""
    return active_params(spec) - spec.vocab * spec.hidden


def _device_terms(
    mem: MemoryEstimate, hw: Hardware, backend: str, quant: QuantSpec, db: DeviceDatabase
) -> tuple[DeviceTerm, ...]:
    placement = mem.placement
    total_kv = sum(d.kv for d in placement.devices) or 1.0
    total_read = sum(d.weight_read for d in placement.devices) or 1.0
    quantized = quant_class(quant) != "f16"
    cpu = cpu_compute(hw, db)
    pools = {p.name: p for p in mem.rig.gpus}
    terms = []
    for d in placement.devices:
        if d.weight_read <= 0 and d.kv <= 0:
            continue
        if d.kind == "cpu":
            terms.append(
                DeviceTerm(
                    "cpu",
                    d.bandwidth_gbs,
                    cpu.tflops,
                    "simd",
                    cpu.tflops,
                    cpu.tflops,
                    d.weight_read,
                    d.kv / total_kv,
                    d.weight_read / total_read,
                    quantized,
                    False,
                )
            )
            continue
        pool = pools.get(d.name)
        spec = pool.spec if pool is not None else None
        mm, path = matrix_tflops(spec, db, backend, quantized)
        attn, _ = matrix_tflops(spec, db, backend, False)
        vector = (spec.fp32_tflops if spec is not None and spec.fp32_tflops else 20.0) / max(
            1, spec.board_gpus if spec else 1
        )
        terms.append(
            DeviceTerm(
                backend,
                d.bandwidth_gbs,
                mm,
                path,
                attn,
                vector,
                d.weight_read,
                d.kv / total_kv,
                d.weight_read / total_read,
                quantized,
                True,
            )
        )
    return tuple(terms)


def decode_features(
    spec: ModelSpec,
    mem: MemoryEstimate,
    hw: Hardware,
    backend: str,
    quant: QuantSpec,
    *,
    depths: Sequence[float] | None = None,
    db: DeviceDatabase | None = None,
) -> DecodeFeatures:
    """What generating tokens asks of each device; by default averaged from empty to the context."""
    db = db or default_database()
    terms = _device_terms(mem, hw, backend, quant, db)
    if depths is None:
        points = [mem.context * f for f in _DEPTHS]
        weights: tuple[float, ...] = _SIMPSON
    else:
        points = list(depths)
        weights = tuple(1 / len(points) for _ in points)
    at = [_attention_at(spec, d, mem.kv_type) for d in points]
    gpus = sum(1 for t in terms if t.is_gpu)
    parallel = mem.placement.tensor_parallel
    hops = max(0, len(terms) - 1) if parallel == 1 else 0
    moe_layers = 0
    if spec.moe is not None:
        ffn_blocks = spec.layers - spec.ffnless_layers - spec.moe.dense_layers
        moe_layers = ffn_blocks // spec.moe.every
    return DecodeFeatures(
        terms,
        tuple(a[0] for a in at),
        tuple(a[1] for a in at),
        weights,
        quant_class(quant),
        alu_ops_per_byte(quant),
        hops if gpus else 0,
        parallel,
        spec.layers,
        moe_layers,
    )


def _gpu_runs_host_matmuls(terms: tuple[DeviceTerm, ...]) -> tuple[DeviceTerm, ...]:
    """With a prompt batch, llama.cpp copies weights held in system RAM to the first GPU and multiplies
    there (op offload): the CPU's share of the matrix work moves to that GPU; PCIe time is counted apart."""
    host = sum(t.flops_share for t in terms if not t.is_gpu)
    lead = next(i for i, t in enumerate(terms) if t.is_gpu)
    out = []
    for i, t in enumerate(terms):
        if not t.is_gpu:
            t = replace(t, flops_share=0.0)
        elif i == lead:
            t = replace(t, flops_share=t.flops_share + host)
        out.append(t)
    return tuple(out)


def prefill_features(
    spec: ModelSpec,
    mem: MemoryEstimate,
    hw: Hardware,
    backend: str,
    quant: QuantSpec,
    *,
    tokens: int,
    depth: int = 0,
    ubatch: int = 512,
    db: DeviceDatabase | None = None,
) -> PrefillFeatures:
    """What processing a prompt asks of each device."""
    db = db or default_database()
    terms = _device_terms(mem, hw, backend, quant, db)
    placement = mem.placement
    has_gpu = any(t.is_gpu for t in terms)
    cpu_weights = (
        sum(d.weights for d in placement.devices if d.kind == "cpu" and not d.unified) - mem.weights.embedding
    )
    offload = has_gpu and tokens >= OP_OFFLOAD_MIN_BATCH
    pcie = max(0.0, cpu_weights) if offload else 0.0
    if offload and pcie > 0:
        terms = _gpu_runs_host_matmuls(terms)
    ubatches = max(1, math.ceil(tokens / ubatch))
    pipelined = placement.strategy == "gpu" and sum(1 for t in terms if t.is_gpu) > 1
    expert_share, per_expert = 0.0, 0.0
    if spec.moe is not None:
        linear = _linear_params(spec)
        routed = sum(g.params for g in tensor_inventory(spec) if g.klass is TensorClass.EXPERTS)
        active_routed = routed * spec.moe.active / spec.moe.experts
        expert_share = active_routed / linear if linear else 0.0
        per_expert = min(tokens, ubatch) * spec.moe.active / spec.moe.experts
    return PrefillFeatures(
        terms,
        tokens,
        2 * _linear_params(spec) * tokens,
        _prefill_attention_flops(spec, tokens, depth),
        ubatches,
        pcie,
        mem.flash_attention,
        placement.tensor_parallel,
        pipelined,
        expert_share,
        per_expert,
    )


# --- the model: seconds from features and efficiencies ---------------------------------------------


def _eff(params: SpeedParams, t: DeviceTerm) -> BackendParams:
    return params.for_backend(t.backend)


def decode_seconds(f: DecodeFeatures, params: SpeedParams) -> float:
    """Mean seconds per generated token."""
    total = 0.0
    for kv_b, fl, w in zip(f.kv_bytes, f.attn_flops, f.weights, strict=True):
        t = 0.0
        for d in f.devices:
            p = _eff(params, d)
            q = p.quant_eff.get(f.quant, 1.0)
            t += d.weight_bytes / (d.bandwidth_gbs * 1e9 * p.weight_eff * q)
            t += d.weight_bytes * f.ops_per_byte / (d.vector_tflops * 1e12 * p.alu_eff)
            if d.kv_share:
                kv_t = kv_b * d.kv_share / (d.bandwidth_gbs * 1e9 * p.kv_eff)
                at_t = fl * d.kv_share / (d.attn_tflops * 1e12 * p.attn_eff)
                t += max(kv_t, at_t)
        lead = _eff(params, f.devices[0]) if f.devices else params.for_backend("cpu")
        t += lead.token_ms / 1000 + f.gpu_hops * lead.hop_ms / 1000
        t += (f.layers * lead.layer_us + f.moe_layers * lead.moe_layer_us) / 1e6
        total += w * t
    return total / max(1, f.parallel) if f.parallel > 1 else total


def prefill_seconds(f: PrefillFeatures, params: SpeedParams) -> float:
    """Seconds to process the prompt."""
    stage_times = []
    for d in f.devices:
        p = _eff(params, d)
        mm = p.mm_eff_simd if d.matrix_path == "simd" else p.mm_eff_quant if d.quantized else p.mm_eff_f16
        # routed experts multiply only the tokens routed to them: small matmuls run below peak
        moe_eff = f.tokens_per_expert / (f.tokens_per_expert + p.moe_half_batch) if f.expert_share else 1.0
        linear_eff = mm / ((1 - f.expert_share) + f.expert_share / moe_eff)
        linear = f.linear_flops * d.flops_share / (d.matrix_tflops * 1e12 * linear_eff)
        attn_eff = p.attn_pp_eff if f.flash_attention else p.attn_pp_eff_nofa
        attn = f.attn_flops * d.kv_share / (d.attn_tflops * 1e12 * attn_eff)
        stage_times.append(linear + attn)
    if not stage_times:
        return 0.0
    lead = _eff(params, f.devices[0])
    overhead = f.ubatches * lead.ubatch_ms / 1000
    transfer = f.ubatches * f.pcie_bytes / (PCIE_GBS * 1e9)
    gpu_stages = [t for t, d in zip(stage_times, f.devices, strict=True) if d.is_gpu]
    if f.pipelined and len(gpu_stages) > 1 and f.ubatches > 1:
        # llama.cpp pipelines micro-batches across a layer split, up to 4 in flight (GGML_SCHED_MAX_COPIES)
        # within a batch of 2048 tokens: a batch takes (stages + micro-batches - 1) x the slowest stage
        per_ub = [t / f.ubatches for t in stage_times]
        in_flight = min(f.ubatches, max(1, _BATCH // _UBATCH_DEFAULT), 4)
        batches = math.ceil(f.ubatches / in_flight)
        compute = batches * (sum(per_ub) + (in_flight - 1) * max(per_ub))
    else:
        compute = sum(stage_times)
    if f.parallel > 1:
        compute /= f.parallel
    return compute + overhead + transfer


# --- the public estimate --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpeedEstimate:
    decode_tps: float
    prefill_tps: float
    decode_tps_range: tuple[float, float]
    prefill_tps_range: tuple[float, float]
    ttft_s: float  # time to the first token of a reply to a `context`-token prompt
    notes: tuple[str, ...]


_UNCALIBRATED_WIDENING = 1.5  # ranges widen this much where no measurement backs the setup


def estimate_speed(
    spec: ModelSpec,
    mem: MemoryEstimate,
    hw: Hardware,
    *,
    backend: str,
    quant: QuantSpec,
    engine: str = "llama.cpp",
    params: SpeedParams | None = None,
    ubatch: int = 512,
) -> SpeedEstimate:
    params = params or load_speed_params()
    notes: list[str] = []
    if mem.placement.verdict == "no":
        return SpeedEstimate(0.0, 0.0, (0.0, 0.0), (0.0, 0.0), 0.0, ("does not fit: no speed",))
    df = decode_features(spec, mem, hw, backend, quant)
    pf = prefill_features(spec, mem, hw, backend, quant, tokens=mem.context, ubatch=ubatch)
    t_dec = decode_seconds(df, params)
    t_pre = prefill_seconds(pf, params)
    dec_factor, pre_factor = params.engine_factor.get(engine, (1.0, 1.0))
    decode = dec_factor / t_dec if t_dec > 0 else 0.0
    prefill = pre_factor * mem.context / t_pre if t_pre > 0 else 0.0
    p = params.for_backend(backend)
    d_lo, d_hi = p.decode_spread
    p_lo, p_hi = p.prefill_spread
    widen = 1.0
    if not p.calibrated:
        widen *= _UNCALIBRATED_WIDENING
        notes.append(f"no {backend} measurements to calibrate on: speeds are rougher")
    if mem.placement.verdict == "partial":
        widen *= _UNCALIBRATED_WIDENING
        notes.append("part of the model runs from system RAM: speed depends on your RAM and PCIe")
    if engine not in ("llama.cpp", "ollama", "lmstudio"):
        widen *= _UNCALIBRATED_WIDENING
    d_range = (decode * d_lo**widen, decode * d_hi**widen)
    p_range = (prefill * p_lo**widen, prefill * p_hi**widen)
    ttft = t_pre / pre_factor + (t_dec / dec_factor if decode else 0.0)
    return SpeedEstimate(decode, prefill, d_range, p_range, ttft, tuple(notes))
