"""What a configuration asks of each device, independent of any efficiency: bytes read and FLOPs per
generated token at a KV depth, FLOPs per prompt, and how devices run together (one after another in a
layer split or pipeline, side by side with all-reduces in a tensor split).

Calibration computes these once per measurement and then only varies the efficiencies.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ._kv import KV_TYPE_BYTES, recurrent_state_bytes
from ._overhead import GiB
from ._pools import Rig, per_object, unnamed_gpu_stand_in
from ._prompt_path import dequant_traffic, prompt_takes_blas
from ._throughput import (
    attention_tflops,
    cpu_compute,
    matrix_tflops,
    sm_ghz,
    tile_attention_tflops,
    vector_tflops,
)
from .catalog import ModelSpec, QuantSpec, TensorClass, active_params, tensor_inventory
from .hardware import DeviceDatabase, Hardware, default_database
from .memory import MemoryEstimate
from .vocabulary import SplitMode

__all__ = [
    "NUMA_REPLICATING_ENGINES",
    "DecodeFeatures",
    "DeviceTerm",
    "PrefillFeatures",
    "SplitMode",
    "alu_ops_per_byte",
    "decode_attention",
    "decode_features",
    "device_terms",
    "expert_share",
    "prefill_features",
    "prefill_features_at",
    "quant_class",
]


_BATCH = 2048  # llama.cpp n_batch default (common.h)
# prompt batches this large send host-resident weights to the GPU (ggml-backend sched, op_offload)
OP_OFFLOAD_MIN_BATCH = 32
# depths at which the average decode time over a context is taken (fractions): Simpson's rule on [0, 1]
_DEPTHS = (0.0, 0.25, 0.5, 0.75, 1.0)
_SIMPSON = (1 / 12, 4 / 12, 2 / 12, 4 / 12, 1 / 12)
# all-reduces per block in a tensor split: after attention's output projection and after the FFN
# (Megatron-style sharding, as vLLM, SGLang and llama.cpp's -sm tensor do it)
ALLREDUCES_PER_LAYER_TENSOR = 2
# llama.cpp's row split gathers every split matrix product on the main GPU: q, k, v, o, gate, up, down
ALLREDUCES_PER_LAYER_ROW = 7

# Arithmetic per weight byte at batch 1: one multiply-add (2 FLOPs) per weight, times the unpacking
# work of the format relative to plain 16-bit (a modelling assumption; alu_eff absorbs the scale)
_UNPACK = {
    "f16": 1.0,
    "bf16": 1.0,
    "q8": 1.0,
    "legacy": 1.2,
    "kquant": 1.5,
    "iquant": 2.5,
    "mxfp4": 1.3,
    "exl": 1.5,
}


# I-quants whose weights are 4-bit (or wider) indices into a small table of values: IQ4_NL and IQ4_XS
# (and ik_llama.cpp's IQ4_K to IQ6_K). A CPU looks 16 or 32 indices up at once with one register byte
# shuffle (AVX2 vpshufb, NEON tbl), as cheap as a k-quant's nibbles: on a Ryzen 7950X IQ4_XS generates
# 15.8 tokens/s beside Q4_0's 14.5, in step with its bytes, and on an M2 Max's cores 28.8 beside 28.2
# (ggml-org/llama.cpp PR #5747). GPU threads look weights up one by one in a table in shared memory,
# and the same PR measures them apart from their bytes: Metal (30-core M2 Max) 53.9 tokens/s beside
# Q4_0's 63.1, 15 % slower in spite of fewer bytes, CUDA (RTX 4080) 133.7 beside 128.8, under its bytes'
# 6 %: on GPUs the I-quant cost stays. The sub-4-bit I-quants gather each group of
# weights from a lattice codebook of 256 to 2048 entries (IQ1_S to IQ3_S) or compute it from a trellis
# (ik_llama.cpp's _KT types), and run on CPUs far below the k-quants (ikawrakow/ik_llama.cpp PR #154:
# IQ2_XXS on a Ryzen 7950X and an M2 Max): the codebook cost above on every device
_TABLE_IQUANTS = frozenset({"IQ4_NL", "IQ4_XS", "IQ4_K", "IQ4_KS", "IQ4_KSS", "IQ5_K", "IQ5_KS", "IQ6_K"})


def alu_ops_per_byte(quant: QuantSpec, *, cpu: bool = False) -> float:
    """Arithmetic per weight byte of a batch-1 step: a multiply-add per weight and the format's
    unpacking (on a CPU, table I-quants at a k-quant's cost; codebook I-quants, and every I-quant on a
    GPU, at their own)."""
    bits = max(quant.bits, 1.0)
    qc = quant_class(quant)
    table = cpu and qc == "iquant" and quant.ftype in _TABLE_IQUANTS
    return 2 * (8 / bits) * _UNPACK["kquant" if table else qc]


@per_object  # asked at every device term, feature and step of every placement
def quant_class(quant: QuantSpec) -> str:
    """Kernel family of a quantization, for decode efficiency."""
    if quant.ftype == "BF16":
        return "bf16"  # BF16 GGUF: GPUs without bf16 arithmetic convert on the fly
    if quant.format in ("safetensors",) or quant.ftype in ("F16", "F32"):
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
    unified: bool = False  # shares system memory and power with the CPU (iGPU, APU, DGX Spark)
    vendor: str = ""  # GPU vendor (for backends whose kernels behave differently per vendor)
    resident_bytes: float = 0.0  # weight bytes held here (every expert, not only the active ones)
    prompt_attn_tflops: float = 0.0  # peak rate of prompt attention, where it differs from attn_tflops
    # peak rate of the fallback (shader ALU) prompt attention kernel for head shapes the matrix kernel
    # does not take, where the backend has one (0: the matrix kernel takes every shape)
    prompt_attn_tile_tflops: float = 0.0
    # the board's power limit and its 16-bit matrix peak (W, TFLOPS), for the share of its boost clock a
    # long prompt batch sustains (0: not known)
    tdp_w: float = 0.0
    fp16_matrix_tflops: float = 0.0
    # the FP32 shader rate alone (cores x clock, without packed FP16): how fast the cores run scalar
    # code such as a MoE block's routing kernels (0: not known)
    fp32_tflops: float = 0.0
    # memory traffic per quantized weight byte when a prompt's quantized products are dequantized to
    # 16 bits and handed to the BLAS library (the quantized bytes read, the FP16 copy written), as
    # llama.cpp's CUDA builds did on tensor-core GPUs until mid-2024; 0 where the
    # int8 matrix kernels (MMQ) multiply the quantized weights directly, as current builds do
    prompt_dequant: float = 0.0
    # streaming multiprocessors x clock (GHz) of the GPU, where its architecture gives the FP32 lanes
    # per SM (0: not known)
    sm_ghz: float = 0.0
    arch: str = ""  # the GPU's architecture id in the device database ("" for the CPU or not known)


@dataclass(frozen=True, slots=True)
class DecodeFeatures:
    devices: tuple[DeviceTerm, ...]
    kv_bytes: tuple[float, ...]  # KV bytes read per token at each depth point
    attn_flops: tuple[float, ...]  # attention FLOPs per token at those depths
    weights: tuple[float, ...]  # averaging weights of those depths
    quant: str
    ops_per_byte: float  # a GPU's unpacking work per weight byte
    layers: int
    moe_layers: int
    stages: tuple[tuple[int, ...], ...]  # device indices; a stage's devices run side by side
    mode: SplitMode = "none"
    allreduces: int = 0  # all-reduces per token across `ranks` GPUs
    ranks: int = 1
    link: str = "pcie"
    engine: str = "llama.cpp"
    expert_share: float = 0.0  # share of a token's weight bytes in routed experts
    # MoE blocks whose routed experts the CPU runs while a GPU runs the rest (--n-cpu-moe): each hands
    # the hidden state to the CPU and back for every token
    host_expert_layers: int = 0
    # without flash attention the KQ scores and softmax go through memory in separate kernels
    flash_attention: bool = True
    linear_layers: int = 0  # linear-attention / recurrent blocks (gated delta-net, Mamba)
    linear_flops: float = 0.0  # 2 x active linear parameters: one token's matrix products
    moe_experts: int = 0  # experts one token runs in a MoE block: the routed ones and the shared ones
    mla_layers: int = 0  # blocks with multi-head latent attention (DeepSeek V3, Kimi K2)
    cpu_ops_per_byte: float | None = None  # a CPU's unpacking work per weight byte (None: a GPU's)

    @property
    def hops(self) -> int:
        """Hand-overs between stages per token (a layer split or pipeline)."""
        n = len(self.stages)
        if n <= 1:
            return 0
        devices = self.devices
        for stage in self.stages:
            for i in stage:
                if devices[i].is_gpu:
                    return n - 1
        return 0


@dataclass(frozen=True, slots=True)
class PrefillFeatures:
    devices: tuple[DeviceTerm, ...]
    tokens: int
    linear_flops: float  # 2 x active params x tokens
    attn_flops: float
    ubatches: int
    pcie_bytes: float  # weights (and host layers' K/V) in system RAM that cross PCIe per micro-batch
    flash_attention: bool
    pipelined: bool  # every layer on the GPUs of a layer split: llama.cpp pipelines micro-batches
    stages: tuple[tuple[int, ...], ...]
    expert_share: float = 0.0  # share of the linear FLOPs in routed experts
    tokens_per_expert: float = 0.0  # rows each routed expert multiplies per micro-batch
    mode: SplitMode = "none"
    allreduces: int = 0  # all-reduces per micro-batch
    ranks: int = 1
    allreduce_bytes: float = 0.0  # bytes each all-reduce moves per micro-batch
    link: str = "pcie"
    engine: str = "llama.cpp"
    quant: str = "kquant"
    expert_active_share: float = 0.0  # routed experts a token uses / routed experts (k / E)
    # attention scores (query x cached position x head x layer) a prompt without flash attention writes
    # to memory as 32-bit values and reads back (softmax, then the product with V)
    attn_scores: float = 0.0
    # query heads that share one K/V head in the prompt's attention (grouped-query attention; 0 where the
    # model's attention runs kernels of its own, as multi-head latent attention does)
    attn_group: float = 0.0


# --- attention arithmetic ---------------------------------------------------------------------------


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
    """(KV bytes read, attention FLOPs) for one generated token at `depth`. Linear-attention and
    recurrent blocks read and write their fixed F32 state once per token, at any depth."""
    return _attention_over(spec, (depth,), kv_type)[0]


def _attention_over(spec: ModelSpec, depths: Sequence[float], kv_type: str) -> list[tuple[float, float]]:
    """`_attention_at` at each of `depths` (the per-token sizes worked out once)."""
    att = spec.attention
    window = att.sliding_window or 0
    full_b, swa_b = _kv_bytes_per_token(spec, kv_type)
    state = 2 * recurrent_state_bytes(spec) * att.linear_layers
    heads, dk, dv = _attention_dims(spec, decode=True)
    per_pos = 2 * heads * (dk + dv)
    out = []
    for depth in depths:
        swa_depth = min(depth, window) if window else 0.0
        kv = full_b * depth + swa_b * swa_depth + state
        flops = per_pos * (spec.full_attention_layers * depth + att.sliding_layers * swa_depth)
        out.append((kv, flops))
    return out


def decode_attention(spec: ModelSpec, depths: Sequence[float], kv_type: str) -> list[tuple[float, float]]:
    """(KV bytes read, attention FLOPs) of one generated token at each of `depths`: the per-point
    figures `decode_features` holds."""
    return _attention_over(spec, depths, kv_type)


def _prefill_attention_flops(spec: ModelSpec, tokens: int, depth: int, ubatch: int, flash: bool) -> float:
    """Attention FLOPs of a prompt: flash attention skips the masked (future) positions, so a query
    attends on average to the depth plus half the prompt; without it the products cover every cached
    position each micro-batch sees (`_prefill_attention_scores`)."""
    att = spec.attention
    heads, dk, dv = _attention_dims(spec, decode=False)
    if not flash:
        return 2 * (dk + dv) * _prefill_attention_scores(spec, tokens, depth, ubatch)
    per_pair = 2 * heads * (dk + dv)
    mean_span = depth + tokens / 2
    full = spec.full_attention_layers * tokens * mean_span
    window = att.sliding_window or 0
    swa = att.sliding_layers * tokens * min(mean_span, window) if window else 0.0
    return per_pair * (full + swa)


def _prefill_attention_scores(spec: ModelSpec, tokens: int, depth: int, ubatch: int) -> float:
    """Attention scores a prompt without flash attention materializes: each micro-batch's queries
    against every cached position the micro-batch sees, masked ones included (the KQ product covers
    the whole KV view, positions up to the micro-batch's last; a sliding layer's cache holds the
    window plus one micro-batch)."""
    att = spec.attention
    heads, _, _ = _attention_dims(spec, decode=False)
    step = min(tokens, ubatch)
    mean_kv = depth + (tokens + step) / 2
    window = att.sliding_window or 0
    swa = att.sliding_layers * min(mean_kv, window + step) if window else 0.0
    return float(heads * tokens * (spec.full_attention_layers * mean_kv + swa))


def _matrix_attention_takes(spec: ModelSpec) -> bool:
    """Whether flash-attention kernels on matrix units that need grouped-query heads of size <= 128
    take this model's prompt attention (MLA's prompt heads are full multi-head, 192 wide)."""
    att = spec.attention
    heads, dk, dv = _attention_dims(spec, decode=False)
    kv_heads = heads if att.mla is not None else (att.full_kv_heads or spec.kv_heads)
    return max(dk, dv, att.full_head_dim or 0) <= 128 and heads > kv_heads


def _attention_group(spec: ModelSpec) -> float:
    """Query heads per K/V head of the full-attention layers (1: multi-head attention). A prompt's
    multi-head latent attention is costed expanded (`_attention_dims`): every head its own K and V."""
    att = spec.attention
    if att.mla is not None:
        return 1.0
    return spec.heads / max(1, att.full_kv_heads or spec.kv_heads)


@functools.lru_cache(maxsize=256)  # per model: every placement's features ask again
def _linear_params(spec: ModelSpec) -> float:
    """Parameters a token multiplies by (active, without the embedding lookup)."""
    return active_params(spec) - spec.vocab * spec.hidden


@functools.lru_cache(maxsize=256)  # per model: every placement's features ask again
def expert_share(spec: ModelSpec) -> float:
    """Share of the active linear parameters in routed experts (0 for a dense model)."""
    if spec.moe is None:
        return 0.0
    routed = sum(g.params for g in tensor_inventory(spec) if g.klass is TensorClass.EXPERTS)
    linear = _linear_params(spec)
    return routed * spec.moe.active / spec.moe.experts / linear if linear else 0.0


def _moe_layers(spec: ModelSpec) -> int:
    if spec.moe is None:
        return 0
    ffn_blocks = spec.layers - spec.ffnless_layers - spec.moe.dense_layers
    return ffn_blocks // spec.moe.every


# --- devices ----------------------------------------------------------------------------------------


def device_terms(
    mem: MemoryEstimate, hw: Hardware, backend: str, quant: QuantSpec, db: DeviceDatabase | None = None
) -> tuple[DeviceTerm, ...]:
    """What each device of the placement brings to a token: bandwidth, compute, its share of the
    weights and the cache (the same at every depth and prompt length)."""
    db = db or default_database()
    placement = mem.placement
    total_kv = sum(d.kv for d in placement.devices) or 1.0
    total_read = sum(d.weight_read for d in placement.devices) or 1.0
    quantized = quant_class(quant) not in ("f16", "bf16")
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
                    cpu.int8_tflops if quantized else cpu.half_tflops,
                    "simd",
                    cpu.tflops,
                    cpu.tflops,
                    d.weight_read,
                    d.kv / total_kv,
                    d.weight_read / total_read,
                    quantized,
                    False,
                    resident_bytes=d.weights,
                )
            )
            continue
        pool = pools.get(d.name)
        spec = pool.spec if pool is not None else None
        if spec is None and pool is not None and not pool.unified:
            # a card named only by its memory computes like the card on file its bandwidth is taken from
            vendor = next((g.vendor for g in hw.gpus if g.spec is None and g.vendor is not None), None)
            spec = unnamed_gpu_stand_in(pool.total / GiB, backend, laptop=hw.laptop, vendor=vendor)
        mm, path = matrix_tflops(spec, db, backend, quantized, bf16=quant_class(quant) == "bf16")
        attn = attention_tflops(spec, db, backend)
        vector = vector_tflops(spec)
        unified = d.unified or (spec is not None and spec.kind in ("igpu", "soc"))
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
                unified,
                spec.vendor if spec is not None else "",
                d.weights,
                attention_tflops(spec, db, backend, prompt=True),
                tile_attention_tflops(spec, backend),
                (spec.tdp_w or 0.0) if spec is not None and not unified else 0.0,
                attn,
                fp32_tflops=(spec.fp32_tflops or 0.0) / max(1, spec.board_gpus) if spec is not None else 0.0,
                sm_ghz=sm_ghz(spec, db),
                arch=(spec.arch or "") if spec is not None else "",
            )
        )
    return tuple(terms)


def _sequential(terms: Sequence[DeviceTerm]) -> tuple[tuple[int, ...], ...]:
    return _one_per_stage(len(terms))


@functools.lru_cache(maxsize=64)
def _one_per_stage(n: int) -> tuple[tuple[int, ...], ...]:
    return tuple((i,) for i in range(n))


@functools.lru_cache(maxsize=256)  # pure in frozen terms; the same for every depth and prompt of one estimate
def _side_by_side(
    terms: tuple[DeviceTerm, ...], mode: SplitMode
) -> tuple[tuple[DeviceTerm, ...], tuple[tuple[int, ...], ...]]:
    """GPUs of a tensor or row split: every GPU holds an equal share of every layer (llama.cpp's
    -sm tensor splits evenly by default); host-resident weights stay where they are and run first."""
    gpus = [t for t in terms if t.is_gpu]
    n = len(gpus)
    weights = sum(t.weight_bytes for t in gpus) / n
    resident = sum(t.resident_bytes for t in gpus) / n
    flops = sum(t.flops_share for t in gpus) / n
    kv = sum(t.kv_share for t in gpus)
    out: list[DeviceTerm] = []
    for t in terms:
        if not t.is_gpu:
            out.append(t)
            continue
        first = not any(o.is_gpu for o in out)
        # row split keeps the KV cache and attention on the main GPU
        share = (kv if first else 0.0) if mode == "row" else kv / n
        out.append(
            replace(t, weight_bytes=weights, resident_bytes=resident, flops_share=flops, kv_share=share)
        )
    host = tuple(i for i, t in enumerate(out) if not t.is_gpu)
    gpu_idx = tuple(i for i, t in enumerate(out) if t.is_gpu)
    stages = (*((i,) for i in host), gpu_idx)
    return tuple(out), stages


def _paged_stages(terms: tuple[DeviceTerm, ...], tp: int) -> tuple[tuple[int, ...], ...]:
    """vLLM/SGLang: consecutive groups of `tp` GPUs are the pipeline stages."""
    return tuple(tuple(range(i, min(i + tp, len(terms)))) for i in range(0, len(terms), tp))


def _layout(
    terms: tuple[DeviceTerm, ...], mem: MemoryEstimate, mode: SplitMode
) -> tuple[tuple[DeviceTerm, ...], tuple[tuple[int, ...], ...], int]:
    """(terms as placed for the mode, stages, ranks of the all-reduce group)."""
    tp = mem.placement.tensor_parallel
    if tp > 1 or mode == "pipeline":
        stages = _paged_stages(terms, max(1, tp))
        return terms, stages, max(1, tp)
    if mode in ("tensor", "row") and sum(1 for t in terms if t.is_gpu) > 1:
        placed, stages = _side_by_side(terms, mode)
        return placed, stages, sum(1 for t in placed if t.is_gpu)
    return terms, _sequential(terms), 1


def _link(mem: MemoryEstimate) -> str:
    """NVLink/NVSwitch (or Infinity Fabric) when every GPU has one, else PCIe."""
    return _rig_link(mem.rig)


@per_object  # the pools of a rig are one object per rig and backend: every feature asks again
def _rig_link(rig: Rig) -> str:
    specs = [p.spec for p in rig.gpus]
    if specs and all(s is not None and s.interconnect_gbs for s in specs):
        return "nvlink"
    return "pcie"


def resolved_mode(mem: MemoryEstimate, mode: SplitMode) -> SplitMode:
    tp = mem.placement.tensor_parallel
    gpus = sum(1 for d in mem.placement.devices if d.kind == "gpu")
    if tp > 1:
        return "tensor" if len(mem.placement.gpu_devices) <= tp else "pipeline"
    if gpus > 1 and mode in ("tensor", "row", "pipeline"):
        return mode
    return "layer" if gpus > 1 else "none"


def decode_features(
    spec: ModelSpec,
    mem: MemoryEstimate,
    hw: Hardware,
    backend: str,
    quant: QuantSpec,
    *,
    depths: Sequence[float] | None = None,
    mode: SplitMode = "layer",
    engine: str = "llama.cpp",
    db: DeviceDatabase | None = None,
    terms: tuple[DeviceTerm, ...] | None = None,
) -> DecodeFeatures:
    """What generating tokens asks of each device; by default averaged from empty to the context,
    else the mean over the given depths. `terms`: `device_terms` of the same arguments, when the
    caller already has them."""
    if terms is None:
        terms = device_terms(mem, hw, backend, quant, db)
    terms = _numa_reads(terms, hw, engine)
    mode = resolved_mode(mem, mode)
    placed, stages, ranks = _layout(terms, mem, mode)
    if depths is None:
        points = [mem.context * f for f in _DEPTHS]
        weights: tuple[float, ...] = _SIMPSON
    else:
        points = list(depths)
        weights = tuple(1 / len(points) for _ in points)
    at = _attention_over(spec, points, mem.kv_type)
    per_layer = ALLREDUCES_PER_LAYER_ROW if mode == "row" else ALLREDUCES_PER_LAYER_TENSOR
    # a pipeline's stages each all-reduce their own layers, one stage after another
    allreduces = per_layer * spec.layers if ranks > 1 else 0
    return DecodeFeatures(
        placed,
        tuple(a[0] for a in at),
        tuple(a[1] for a in at),
        weights,
        quant_class(quant),
        alu_ops_per_byte(quant),
        spec.layers,
        _moe_layers(spec),
        stages,
        mode,
        allreduces,
        ranks,
        _link(mem),
        engine,
        expert_share(spec),
        _host_expert_layers(mem, terms),
        mem.flash_attention,
        spec.attention.linear_layers,
        2 * _linear_params(spec),
        spec.moe.active + spec.moe.shared_experts if spec.moe is not None else 0,
        spec.layers if spec.attention.mla is not None else 0,
        alu_ops_per_byte(quant, cpu=True),
    )


# engines whose CPU weights are copied to every socket's memory, each socket's threads reading their
# own copy: KTransformers built with USE_NUMA=1 (its DeepSeek-V3 tutorial, "Dual socket version":
# decode 8.73 tokens/s on one socket under numactl -N 1 -m 1, 12.21 on both)
NUMA_REPLICATING_ENGINES = ("ktransformers",)


def _numa_reads(terms: tuple[DeviceTerm, ...], hw: Hardware, engine: str) -> tuple[DeviceTerm, ...]:
    """System RAM's share of a multi-socket board a token's CPU work reads at. llama.cpp's default
    (no --numa) leaves the weights on the node that loaded them, so every socket's threads read one
    node's channels, the far ones across the socket link (oobabooga/text-generation-webui #3444: the
    model allocated on one node only; mozilla-ai/llamafile #765: two Xeon 5218 decode ~4 tokens/s,
    one socket under numactl ~8): one socket's bandwidth at most. Engines that copy the weights to
    every node read them all."""
    sockets = hw.cpu.sockets if hw.cpu is not None else 1
    if sockets <= 1 or engine in NUMA_REPLICATING_ENGINES:
        return terms
    return tuple(replace(t, bandwidth_gbs=t.bandwidth_gbs / sockets) if not t.is_gpu else t for t in terms)


def _host_expert_layers(mem: MemoryEstimate, terms: tuple[DeviceTerm, ...]) -> int:
    """MoE blocks whose experts stay in system RAM beside GPUs that hold the rest of those blocks."""
    placement = mem.placement
    if placement.strategy != "expert_offload" or not any(t.is_gpu for t in terms):
        return 0
    return placement.cpu_moe_layers


@functools.lru_cache(maxsize=256)  # pure in frozen terms; the same for every prompt of one estimate
def _gpu_runs_host_matmuls(terms: tuple[DeviceTerm, ...]) -> tuple[DeviceTerm, ...]:
    """With a prompt batch, llama.cpp copies weights held in system RAM to the first GPU and multiplies
    there (op offload): the CPU's share of the matrix work moves to that GPU, and so does the attention
    of the host's layers (ggml's scheduler runs every op between two GPU ops on the GPU: "cpu will never
    be used unless weights are on cpu, or there are no gpu ops between cpu ops", ggml-backend.cpp pass 2,
    github ggml-org/llama.cpp). PCIe time is counted apart."""
    host = sum(t.flops_share for t in terms if not t.is_gpu)
    host_kv = sum(t.kv_share for t in terms if not t.is_gpu)
    lead = next(i for i, t in enumerate(terms) if t.is_gpu)
    out = []
    for i, t in enumerate(terms):
        if not t.is_gpu:
            t = replace(t, flops_share=0.0, kv_share=0.0)
        elif i == lead:
            t = replace(t, flops_share=t.flops_share + host, kv_share=t.kv_share + host_kv)
        out.append(t)
    return tuple(out)


# engines whose prompts on NVIDIA and AMD GPUs run ggml-cuda's kernels (and so its choice of them)
_GGML_CUDA_ENGINES = ("llama.cpp", "ollama", "lmstudio")


def _blas_prompt_terms(
    terms: tuple[DeviceTerm, ...], quant: QuantSpec, rows: int, experts: int
) -> tuple[DeviceTerm, ...]:
    """The devices' prompt path where ggml-cuda dequantizes the quantized weights of each micro-batch
    to 16 bits and multiplies them with the BLAS library (`prompt_takes_blas`): the 16-bit matrix
    rate, and the dequantization's memory traffic per quantized byte."""
    ftype = quant.ftype or ""
    traffic = dequant_traffic(quant.bits)
    return tuple(
        replace(t, matrix_tflops=t.fp16_matrix_tflops, prompt_dequant=traffic)
        if t.is_gpu
        and t.quantized
        and t.backend in ("cuda", "rocm")
        and t.matrix_path == "tc"
        and t.fp16_matrix_tflops > 0
        and prompt_takes_blas(t.arch, ftype, rows, experts)
        else t
        for t in terms
    )


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
    mode: SplitMode = "layer",
    engine: str = "llama.cpp",
    db: DeviceDatabase | None = None,
    terms: tuple[DeviceTerm, ...] | None = None,
) -> PrefillFeatures:
    """What processing a prompt of `tokens` tokens after `depth` cached ones asks of each device.
    `terms`: `device_terms` of the same arguments, when the caller already has them."""
    return prefill_features_at(
        spec,
        mem,
        hw,
        backend,
        quant,
        tokens=tokens,
        depths=(depth,),
        ubatch=ubatch,
        mode=mode,
        engine=engine,
        db=db,
        terms=terms,
    )[0]


def prefill_features_at(
    spec: ModelSpec,
    mem: MemoryEstimate,
    hw: Hardware,
    backend: str,
    quant: QuantSpec,
    *,
    tokens: int,
    depths: Sequence[int],
    ubatch: int = 512,
    mode: SplitMode = "layer",
    engine: str = "llama.cpp",
    db: DeviceDatabase | None = None,
    terms: tuple[DeviceTerm, ...] | None = None,
) -> tuple[PrefillFeatures, ...]:
    """`prefill_features` after each of `depths` cached tokens: only the attention and the host
    layers' K/V crossing PCIe grow with the depth, the rest is worked out once."""
    if terms is None:
        terms = device_terms(mem, hw, backend, quant, db)
    mode = resolved_mode(mem, mode)
    placement = mem.placement
    has_gpu = any(t.is_gpu for t in terms)
    cpu_weights = (
        sum(d.weights for d in placement.devices if d.kind == "cpu" and not d.unified)
        - mem.weights.embedding
        - mem.weights.lookup
    )
    offload = has_gpu and tokens >= OP_OFFLOAD_MIN_BATCH and engine in ("llama.cpp", "ollama", "lmstudio")
    weights_pcie = max(0.0, cpu_weights) if offload else 0.0
    host_kv = 0.0
    if offload and weights_pcie > 0:
        # the host layers' K and V (cached in system RAM) cross PCIe with each micro-batch too, as far
        # as that micro-batch attends: on average the depth plus half the prompt and one micro-batch
        host_kv = sum(t.kv_share for t in terms if not t.is_gpu)
        terms = _gpu_runs_host_matmuls(terms)
    placed, stages, ranks = _layout(terms, mem, mode)
    if not _matrix_attention_takes(spec):
        placed = tuple(
            replace(t, prompt_attn_tflops=t.prompt_attn_tile_tflops) if t.prompt_attn_tile_tflops else t
            for t in placed
        )
    if engine in _GGML_CUDA_ENGINES:
        placed = _blas_prompt_terms(placed, quant, min(tokens, ubatch), spec.moe.experts if spec.moe else 0)
    ubatches = max(1, math.ceil(tokens / ubatch))
    pipelined = mode == "layer" and placement.strategy == "gpu" and sum(1 for t in placed if t.is_gpu) > 1
    per_expert = min(tokens, ubatch) * spec.moe.active / spec.moe.experts if spec.moe is not None else 0.0
    per_layer = ALLREDUCES_PER_LAYER_ROW if mode == "row" else ALLREDUCES_PER_LAYER_TENSOR
    allreduces = per_layer * spec.layers if ranks > 1 else 0
    linear_flops = 2 * _linear_params(spec) * tokens
    share = expert_share(spec)
    activations = min(tokens, ubatch) * spec.hidden * 2.0  # 16-bit activations of a micro-batch
    link = _link(mem)
    qc = quant_class(quant)
    active = spec.moe.active / spec.moe.experts if spec.moe is not None else 0.0
    out = []
    for depth in depths:
        pcie = weights_pcie
        if host_kv:
            span = depth + (tokens + min(tokens, ubatch)) / 2
            pcie += host_kv * _attention_at(spec, span, mem.kv_type)[0]
        out.append(
            PrefillFeatures(
                placed,
                tokens,
                linear_flops,
                _prefill_attention_flops(spec, tokens, depth, ubatch, mem.flash_attention),
                ubatches,
                pcie,
                mem.flash_attention,
                pipelined,
                stages,
                share,
                per_expert,
                mode,
                allreduces,
                ranks,
                activations,
                link,
                engine,
                qc,
                active,
                0.0 if mem.flash_attention else _prefill_attention_scores(spec, tokens, depth, ubatch),
                _attention_group(spec),
            )
        )
    return tuple(out)
