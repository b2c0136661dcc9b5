"""How fast: decode and prefill tokens per second, at a KV depth or over a whole context.

The physics lives in sizing/_speed_model.py, what each configuration asks of each device in
sizing/_speed_features.py, the calibrated efficiencies in sizing/data/speed_params.yaml.

Without a depth, `decode_tps` is the average speed generating from an empty cache up to `context`
tokens and `prefill_tps` the average speed processing a `context`-token prompt from empty. With a
depth D, both are instantaneous at D tokens already in the cache: generating the next token, and
processing the next 512-token chunk of a prompt (llama-bench's tgN @ dD and pp512 @ dD).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar, cast

from ._compute_capability import oldest_nvidia_gpu
from ._pools import rig_key
from ._prompt_path import dequant_traffic, prompt_takes_blas
from ._speed_evidence import Measurement, device_key, measured_speeds
from ._speed_features import (
    NUMA_REPLICATING_ENGINES,
    DecodeFeatures,
    DeviceTerm,
    PrefillFeatures,
    SplitMode,
    alu_ops_per_byte,
    decode_attention,
    decode_features,
    device_terms,
    prefill_features,
    prefill_features_at,
    quant_class,
)
from ._speed_model import (
    ATTN_GROUP_REF,
    MAX_PEAK_SHARE,
    MOE_SHADER_REF_TFLOPS,
    STREAM_CAP_REF_SM_GHZ,
    allreduce_seconds,
    attention_group_eff,
    decode_seconds,
    decode_seconds_each,
    decode_seconds_with,
    expert_matmul_eff,
    prefill_seconds,
    prefill_seconds_each,
    prompt_matrix_tflops,
    sustained_clock_share,
    touched_experts,
)
from ._speed_params import BackendParams, EngineParams, LinkParams, SpeedParams, load_speed_params
from ._speed_serving import ServingSpeed, batched_step_seconds, expert_read_multiplier, serving_speed
from ._throughput import NO_DOT_INT8_SHARE, NO_FP16_ARITH_SHARE, CpuCompute, matrix_tflops
from .catalog import ARCH_FAMILIES, ModelSpec, QuantSpec
from .hardware import Hardware
from .memory import MemoryEstimate

__all__ = [
    "ATTN_GROUP_REF",
    "MAX_PEAK_SHARE",
    "MOE_SHADER_REF_TFLOPS",
    "NO_DOT_INT8_SHARE",
    "NO_FP16_ARITH_SHARE",
    "STREAM_CAP_REF_SM_GHZ",
    "TENSOR_SPLIT_WORDS",
    "BackendParams",
    "CpuCompute",
    "DecodeFeatures",
    "DeviceTerm",
    "EngineParams",
    "LinkParams",
    "Measurement",
    "PrefillFeatures",
    "ServingSpeed",
    "SpeedEstimate",
    "SpeedParams",
    "SpeedPoint",
    "SplitMode",
    "allreduce_seconds",
    "alu_ops_per_byte",
    "attention_group_eff",
    "batched_step_seconds",
    "curve_depths",
    "decode_attention",
    "decode_choice",
    "decode_features",
    "decode_seconds",
    "decode_seconds_each",
    "decode_seconds_with",
    "decode_tps_ceiling",
    "dequant_traffic",
    "device_key",
    "estimate_speed",
    "expert_matmul_eff",
    "expert_read_multiplier",
    "host_decode_ceiling",
    "load_speed_params",
    "matrix_tflops",
    "measured_speeds",
    "prefill_features",
    "prefill_seconds",
    "prefill_seconds_each",
    "prompt_matrix_tflops",
    "prompt_takes_blas",
    "quant_class",
    "serving_speed",
    "split_modes_for",
    "sustained_clock_share",
    "touched_experts",
]

# the prompt chunk whose speed "prefill at depth D" reports (llama-bench pp512 @ dD)
PREFILL_PROBE_TOKENS = 512
# depths of the small speed curve every answer carries, besides the context the answer is sized for
CURVE_DEPTHS = (0, 8192, 32768)
# the split mode llama.cpp is told to use is the one that finishes a typical chat turn sooner:
# a 2,048-token prompt (capped at the context) and a 512-token reply
_TURN_PROMPT = 2048
_TURN_REPLY = 512
# llama.cpp's tensor split is experimental (llama-server --help: "-sm tensor ... EXPERIMENTAL"; PR
# ggml-org/llama.cpp#19378): it replaces the default layer split only where that turn is predicted this
# much sooner, beyond the model's 90th-percentile error on the tensor-split rows (23 %, docs/ACCURACY.md),
# and only on the cards it is measured on: CUDA, compute capability 8.0 on (RTX 3090, RTX 4090 rows in
# benchmarks/data). Elsewhere it is an option shown beside the layer split, or taken when asked for.
SPLIT_MODE_MARGIN = 1.25
TENSOR_SPLIT_MEASURED_FROM = (8, 0)
_UNCALIBRATED_WIDENING = 1.5  # ranges widen this much where no measurement backs the setup
_GGUF_ENGINES = ("llama.cpp", "ollama", "lmstudio")
_PAGED_CHUNK = 8192  # vLLM/SGLang prefill chunk (max_num_batched_tokens) for a single long prompt

# llama.cpp -sm tensor: not implemented for these architectures (docs/multi-gpu.md, "Limitations",
# https://github.com/ggml-org/llama.cpp/blob/master/docs/multi-gpu.md): DeepSeek2/GLM-DSA/Kimi (MLA),
# Nemotron-H, Granite-Hybrid, Falcon-H1, Jamba (Mamba mixers), Kimi-Linear, LFM2-MoE, Minimax-M2
_TENSOR_EXCLUDED_MIXERS = ("mamba2", "lightning", "rwkv", "short_conv")
_TENSOR_EXCLUDED_IDS = ("minimax-m2",)
# the GGUF architectures that list excludes by name ("LLAMA_SPLIT_MODE_TENSOR not implemented for
# architecture '...'", a fatal error at start-up), as src/llama-arch.cpp names them; LFM2-MoE, on the
# list, was enabled since (ggml-org/llama.cpp PR #26993, "lfm2/lfm2moe: enable tensor split")
_TENSOR_EXCLUDED_ARCHES = frozenset(
    {
        "grok", "mpt", "olmoe", "deepseek2", "glm-dsa", "nemotron_h", "nemotron_h_moe", "granitehybrid",
        "minimax-m2", "mistral4", "kimi-linear", "jamba", "falcon-h1", "mamba", "mamba2", "plamo2",
        "minicpm3", "gemma3n", "olmo2", "bitnet", "t5",
    }
)  # fmt: skip


@functools.cache
def _tensor_excluded_families() -> frozenset[str]:
    """The catalog families whose GGUF files carry only excluded architectures (ARCH_FAMILIES): OLMo 2
    and Olmo 3 (olmo2), Gemma 3n, Grok, Mistral Small 4, Kimi Linear. A family another architecture
    also carries is not excluded by name (its mixers or MLA still may be)."""
    carried: dict[str, set[str]] = {}
    for arch, (own, related) in ARCH_FAMILIES.items():
        for family in (*own, *related):
            carried.setdefault(family, set()).add(arch)
    return frozenset(f for f, arches in carried.items() if arches <= _TENSOR_EXCLUDED_ARCHES)


@dataclass(frozen=True, slots=True)
class SpeedPoint:
    """Speed with `depth` tokens already in the KV cache."""

    depth: int
    decode_tps: float
    prefill_tps: float


@dataclass(frozen=True, slots=True)
class SpeedEstimate:
    decode_tps: float
    prefill_tps: float
    decode_tps_range: tuple[float, float]
    prefill_tps_range: tuple[float, float]
    ttft_s: float  # time to the first token of a reply to a `context`-token prompt
    notes: tuple[str, ...]
    depth: int | None = None  # the KV depth decode/prefill are given at (None: averaged over the context)
    curve: tuple[SpeedPoint, ...] = ()  # speed at 0, 8k, 32k and the context, where they fit
    split_mode: str = "none"  # how the GPUs share the model: none | layer | row | tensor | pipeline
    split_options: tuple[tuple[str, float, float], ...] = ()  # (mode, decode, prefill) compared
    serving: ServingSpeed | None = None  # several users at once

    @property
    def split_words(self) -> str:
        """' with llama.cpp's experimental tensor split (-sm tensor)' where the speed rests on it, so a
        verdict that names the speed names the mode too; '' otherwise."""
        return TENSOR_SPLIT_WORDS if self.split_mode == "tensor" else ""


TENSOR_SPLIT_WORDS = " with llama.cpp's experimental tensor split (-sm tensor)"


def tensor_split_problem(spec: ModelSpec, mem: MemoryEstimate, backend: str) -> str | None:
    """Why llama.cpp's -sm tensor cannot run this, or None (docs/multi-gpu.md)."""
    gpus = [p for p in mem.rig.gpus]
    if len(gpus) < 2:
        return "needs two or more GPUs"
    if backend not in ("cuda", "rocm"):
        return "tensor split runs on CUDA and ROCm only"
    if max(mem.rig.machines, sum(1 for p in gpus if p.unified)) > 1:
        return "tensor split keeps to one machine's GPUs: llama.cpp's RPC backend splits by layers"
    if len({p.spec.id if p.spec is not None else p.name for p in gpus}) > 1:
        return "tensor split shares every layer evenly: the GPUs differ"
    if mem.placement.strategy != "gpu":
        return "tensor split needs the whole model on the GPUs"
    if not mem.flash_attention:
        return "tensor split requires flash attention"
    if mem.kv_type not in ("f16", "bf16", "f32"):
        return "tensor split does not support a quantized KV cache"
    att = spec.attention
    if (
        att.mla is not None
        or spec.id.startswith(_TENSOR_EXCLUDED_IDS)
        or spec.family in _tensor_excluded_families()
    ):
        return f"tensor split is not implemented for {spec.name}'s architecture"
    if att.linear is not None and att.linear.kind in _TENSOR_EXCLUDED_MIXERS:
        return f"tensor split is not implemented for {spec.name}'s architecture"
    return None


def split_modes_for(spec: ModelSpec, mem: MemoryEstimate, backend: str, engine: str) -> tuple[SplitMode, ...]:
    """The ways this engine can share the model across the rig's GPUs, the default first."""
    gpus = len(mem.placement.gpu_devices)
    if engine not in _GGUF_ENGINES:
        if mem.placement.tensor_parallel > 1:
            return ("tensor",) if gpus <= mem.placement.tensor_parallel else ("pipeline",)
        return ("layer",) if gpus > 1 else ("none",)
    if gpus < 2:
        return ("none",)
    # -sm row is not offered: deprecated, slower than tensor, and removed from the CUDA/ROCm backend
    # (llama.cpp PR #24216, "CUDA: remove -sm row"); it can still be forced for older builds
    modes: list[SplitMode] = ["layer"]
    if engine == "llama.cpp" and tensor_split_problem(spec, mem, backend) is None:
        modes.append("tensor")
    return tuple(modes)


def _forceable_modes(
    spec: ModelSpec, mem: MemoryEstimate, backend: str, engine: str, split_mode: SplitMode | None
) -> tuple[SplitMode, ...]:
    """`split_modes_for`, with llama.cpp's deprecated row split where it is forced and the build
    still has it (CUDA, ROCm and SYCL, beside a layer split)."""
    modes = split_modes_for(spec, mem, backend, engine)
    if (
        split_mode == "row"
        and "layer" in modes
        and engine == "llama.cpp"
        and backend in ("cuda", "rocm", "sycl")
    ):
        return (*modes, "row")
    return modes


def curve_depths(context: int) -> tuple[int, ...]:
    """Depths of the speed curve: 0, 8k and 32k where below the context, and the context itself."""
    return tuple(sorted({d for d in CURVE_DEPTHS if d < context} | {context}))


@dataclass(frozen=True, slots=True)
class _Setup:
    spec: ModelSpec
    mem: MemoryEstimate
    hw: Hardware
    backend: str
    quant: QuantSpec
    engine: str
    params: SpeedParams
    ubatch: int
    terms: tuple[DeviceTerm, ...]  # the devices' terms: the same for every depth and mode asked


def _setup(
    spec: ModelSpec,
    mem: MemoryEstimate,
    hw: Hardware,
    backend: str,
    quant: QuantSpec,
    engine: str,
    params: SpeedParams,
    ubatch: int,
) -> _Setup:
    return _Setup(
        spec, mem, hw, backend, quant, engine, params, ubatch, _terms(_Placed(mem, hw, quant), backend)
    )


class _Placed:
    """A placement as a cache key by identity: ranking an option and completing the one shown ask
    for the device terms of the same placement objects; comparing them field by field would cost about
    what the terms do. The key holds the objects, so their ids are not reused while it is cached. (A
    plain class with its hash worked out once: every speed asked for builds one, and a frozen
    dataclass's construction cost more than the cache lookup it serves.)"""

    __slots__ = ("_hash", "hw", "mem", "quant")

    def __init__(self, mem: MemoryEstimate, hw: Hardware, quant: QuantSpec) -> None:
        self.mem = mem
        self.hw = hw
        self.quant = quant
        self._hash = hash((id(mem), id(hw), id(quant)))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Placed)
            and other.mem is self.mem
            and other.hw is self.hw
            and other.quant is self.quant
        )


@functools.lru_cache(maxsize=64)  # pure in frozen inputs: the options of one answer are a few dozen
def _terms(placed: _Placed, backend: str) -> tuple[DeviceTerm, ...]:
    return device_terms(placed.mem, placed.hw, backend, placed.quant)


def _decode_at(s: _Setup, mode: SplitMode, depths: Sequence[float] | None) -> tuple[DecodeFeatures, float]:
    f = decode_features(
        s.spec, s.mem, s.hw, s.backend, s.quant, depths=depths, mode=mode, engine=s.engine, terms=s.terms
    )
    return f, decode_seconds(f, s.params)


def _prefill_at(s: _Setup, mode: SplitMode, tokens: int, depth: int) -> float:
    f = prefill_features(
        s.spec,
        s.mem,
        s.hw,
        s.backend,
        s.quant,
        tokens=tokens,
        depth=depth,
        ubatch=_prefill_ubatch(s),
        mode=mode,
        engine=s.engine,
        terms=s.terms,
    )
    return _prompt_tps(f, s.params)


def _curve(s: _Setup, mode: SplitMode, depths: Sequence[int]) -> tuple[SpeedPoint, ...]:
    """Decode and prompt speed at each depth, from one set of features: only the cache read and the
    attention grow with depth."""
    f = decode_features(
        s.spec,
        s.mem,
        s.hw,
        s.backend,
        s.quant,
        depths=[float(d) for d in depths],
        mode=mode,
        engine=s.engine,
        terms=s.terms,
    )
    seconds = decode_seconds_each(f, s.params)
    prompts = prefill_features_at(
        s.spec,
        s.mem,
        s.hw,
        s.backend,
        s.quant,
        tokens=PREFILL_PROBE_TOKENS,
        depths=depths,
        ubatch=_prefill_ubatch(s),
        mode=mode,
        engine=s.engine,
        terms=s.terms,
    )
    prompt_seconds = prefill_seconds_each(prompts, s.params)
    return tuple(
        SpeedPoint(d, 1 / t, p.tokens / pt if pt > 0 else 0.0)
        for d, t, p, pt in zip(depths, seconds, prompts, prompt_seconds, strict=True)
    )


def _prefill_ubatch(s: _Setup) -> int:
    return s.ubatch if s.engine in _GGUF_ENGINES else _PAGED_CHUNK


def _prompt_tps(f: PrefillFeatures, params: SpeedParams) -> float:
    t = prefill_seconds(f, params)
    return f.tokens / t if t > 0 else 0.0


def _turn_seconds(s: _Setup, mode: SplitMode) -> float:
    prompt = min(_TURN_PROMPT, s.mem.context)
    pre = _prefill_at(s, mode, prompt, 0)
    _, t_dec = _decode_at(s, mode, [prompt + _TURN_REPLY / 2])
    return (prompt / pre if pre else 0.0) + _TURN_REPLY * t_dec


def _chosen_mode(s: _Setup, modes: tuple[SplitMode, ...]) -> SplitMode:
    """The default (first) split mode, unless another finishes a chat turn `SPLIT_MODE_MARGIN` times
    sooner (tensor split only where it is measured: `TENSOR_SPLIT_MEASURED_FROM`)."""
    modes = _contending(s, modes)
    if len(modes) == 1:
        return modes[0]
    times = {m: _turn_seconds(s, m) for m in modes}
    return _faster(modes, times)


def _contending(s: _Setup, modes: tuple[SplitMode, ...]) -> tuple[SplitMode, ...]:
    if "tensor" in modes and len(modes) > 1 and not _tensor_split_measured(s):
        return tuple(m for m in modes if m != "tensor")
    return modes


def _faster(modes: tuple[SplitMode, ...], times: dict[SplitMode, float]) -> SplitMode:
    best = min(modes, key=times.__getitem__)
    return best if times[best] * SPLIT_MODE_MARGIN < times[modes[0]] else modes[0]


def _chosen_decode(s: _Setup, modes: tuple[SplitMode, ...]) -> tuple[SplitMode, float]:
    """(`_chosen_mode`, its seconds per generated token over the context): each mode's turn and its
    decode over the context from one set of decode features (`_turn_seconds`, `_decode_at`)."""
    modes = _contending(s, modes)
    if len(modes) == 1:
        return modes[0], _decode_at(s, modes[0], None)[1]
    prompt = min(_TURN_PROMPT, s.mem.context)
    turn_point = decode_attention(s.spec, [prompt + _TURN_REPLY / 2], s.mem.kv_type)
    times: dict[SplitMode, float] = {}
    whole: dict[SplitMode, float] = {}
    for m in modes:
        pre = _prefill_at(s, m, prompt, 0)
        f = decode_features(
            s.spec, s.mem, s.hw, s.backend, s.quant, depths=None, mode=m, engine=s.engine, terms=s.terms
        )
        whole[m], (t_dec,) = decode_seconds_with(f, s.params, turn_point)
        times[m] = (prompt / pre if pre else 0.0) + _TURN_REPLY * t_dec
    mode = _faster(modes, times)
    return mode, whole[mode]


def _tensor_split_measured(s: _Setup) -> bool:
    """Whether the rig is of the kind llama.cpp's tensor split is measured on: CUDA cards of compute
    capability `TENSOR_SPLIT_MEASURED_FROM` or newer."""
    if s.backend != "cuda":
        return False
    oldest = oldest_nvidia_gpu(s.hw)
    return oldest is not None and oldest[1] >= TENSOR_SPLIT_MEASURED_FROM


def _spreads(
    params: SpeedParams, backend: str, engine: str
) -> tuple[tuple[float, float], tuple[float, float], bool]:
    if engine in _GGUF_ENGINES:
        p = params.for_backend(backend)
        return p.decode_spread, p.prefill_spread, p.calibrated
    e = params.for_engine(engine)
    return e.decode_spread, e.prefill_spread, e.calibrated


def _bandwidth_gain(p: BackendParams, qc: str, factor: float, unified: bool) -> float:
    """The most `decode_seconds` multiplies a device's bandwidth by, streaming weights."""
    return (
        p.weight_eff
        * p.quant_eff.get(qc, 1.0)
        * max(1.0, factor)
        * (max(1.0, p.uma_bw_factor) if unified else 1.0)
        * max([1.0, *p.vendor_bw_eff.values()])
    )


def decode_tps_ceiling(
    mem: MemoryEstimate, *, backend: str, quant: QuantSpec, engine: str, params: SpeedParams | None = None
) -> float:
    """An upper bound on the decode tokens/s `estimate_speed` gives for `mem` (same backend, quant
    and engine), from the placement alone: a generated token reads every active weight byte once,
    and no device streams its share faster than its bandwidth times the efficiencies
    `decode_seconds` grants it (taken at their most generous where the placement does not say).
    Searches use it to skip the speed of a placement that cannot reach a wished speed."""
    if mem.placement.verdict == "no":
        return 0.0
    params = params or load_speed_params()
    eng = params.for_engine(engine)
    qc = quant_class(quant)
    gpus = [d for d in mem.placement.devices if d.kind == "gpu"]
    # the GPUs' share: however split (layers one after another, or shards side by side), no faster
    # than all of it spread evenly over them at the fastest GPU's bandwidth
    gpu_read = sum(d.weight_read for d in gpus)
    gain = _bandwidth_gain(params.for_backend(backend), qc, eng.weight_factor, True)
    gpu_s = gpu_read / (len(gpus) * max(d.bandwidth_gbs for d in gpus) * 1e9 * gain) if gpu_read > 0 else 0.0
    gguf = engine in _GGUF_ENGINES
    if gguf and mem.placement.strategy != "gpu":
        # llama.cpp splits a model it does not hold whole on the GPUs by layer (tensor split needs
        # the whole model there): the GPUs read their layers one after another
        gpu_s = sum(d.weight_read / (d.bandwidth_gbs * 1e9 * gain) for d in gpus if d.bandwidth_gbs > 0)
    host_s = max(
        (
            1 / host_decode_ceiling(d.weight_read, d.bandwidth_gbs, quant=quant, engine=engine, params=params)
            for d in mem.placement.devices
            if d.kind != "gpu" and d.weight_read > 0
        ),
        default=0.0,
    )
    # llama.cpp engines run the layers held in system RAM as stages of their own, before or after
    # the GPUs' (each token waits for both); other engines' parts may overlap
    seconds = gpu_s + host_s if gguf else max(gpu_s, host_s)
    return 1 / seconds if seconds > 0 else float("inf")


def host_decode_ceiling(
    read_bytes: float,
    bandwidth_gbs: float,
    *,
    quant: QuantSpec,
    engine: str,
    params: SpeedParams | None = None,
) -> float:
    """An upper bound on decode tokens/s when system RAM (`bandwidth_gbs`) serves `read_bytes` of
    weights to every token (the CPU runs its layers and experts itself), whatever the GPUs do."""
    if read_bytes <= 0:
        return float("inf")
    params = params or load_speed_params()
    gain = _bandwidth_gain(
        params.for_backend("cpu"), quant_class(quant), params.for_engine(engine).cpu_factor, False
    )
    return bandwidth_gbs * 1e9 * gain / read_bytes


def decode_choice(
    spec: ModelSpec,
    mem: MemoryEstimate,
    hw: Hardware,
    *,
    backend: str,
    quant: QuantSpec,
    engine: str = "llama.cpp",
    params: SpeedParams | None = None,
    ubatch: int = 512,
    split_mode: SplitMode | None = None,
) -> tuple[SplitMode, float]:
    """(the split mode `estimate_speed` chooses, seconds per generated token) with the same
    arguments (one user, no depth); `estimate_speed` takes it back as `decoded` instead of working
    it out again. A placement that does not fit gives ("none", 0.0)."""
    if params is None:  # the bundled parameters: worked out once per placement
        settings = (
            ("backend", backend),
            ("engine", engine),
            ("split_mode", split_mode),
            ("ubatch", ubatch),
        )
        return cast(
            tuple[SplitMode, float], _kept(decode_choice, _Placed(mem, rig_key(hw).hw, quant), spec, settings)
        )
    if mem.placement.verdict == "no":
        return "none", 0.0
    s = _setup(spec, mem, hw, backend, quant, engine, params, ubatch)
    modes = _forceable_modes(spec, mem, backend, engine, split_mode)
    if split_mode is not None and split_mode in modes:
        return split_mode, _decode_at(s, split_mode, None)[1]
    return _chosen_decode(s, modes)


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
    depth: int | None = None,
    users: int = 1,
    split_mode: SplitMode | None = None,
    decoded: tuple[SplitMode, float] | None = None,
) -> SpeedEstimate:
    """Speed of a placed model; `depth` asks for the speed at that KV depth, `users` for several
    sequences at once, `split_mode` forces a llama.cpp split mode (else the faster one is chosen).
    `decoded`: what `decode_choice` gave for the same placement, when the caller has it (used
    for one user at no depth and no forced mode)."""
    if params is None:  # the bundled parameters: worked out once per placement and question
        settings = (
            ("backend", backend),
            ("decoded", decoded),
            ("depth", depth),
            ("engine", engine),
            ("split_mode", split_mode),
            ("ubatch", ubatch),
            ("users", users),
        )
        return cast(SpeedEstimate, _kept(estimate_speed, _Placed(mem, rig_key(hw).hw, quant), spec, settings))
    if mem.placement.verdict == "no":
        return SpeedEstimate(0.0, 0.0, (0.0, 0.0), (0.0, 0.0), 0.0, ("does not fit: no speed",))
    s = _setup(spec, mem, hw, backend, quant, engine, params, ubatch)
    notes: list[str] = []
    modes = _forceable_modes(spec, mem, backend, engine, split_mode)
    options: list[tuple[str, float, float]] = []
    if "row" in modes:
        notes.append("llama.cpp's row split is deprecated and gone from recent CUDA/ROCm builds")
    reuse = decoded if split_mode is None and depth is None and users == 1 else None
    if split_mode is not None and split_mode in modes:
        mode: SplitMode = split_mode
    else:
        if split_mode is not None and modes[0] != "none":
            problem = tensor_split_problem(spec, mem, backend) if split_mode == "tensor" else None
            why = f" ({problem})" if problem else ""
            notes.append(f"split mode {split_mode} is not available here{why}: {modes[0]} instead")
        mode = reuse[0] if reuse is not None else _chosen_mode(s, modes)
    depths = None if depth is None else [float(depth)]
    # the speed at the asked depth (or over the context), per mode: the chosen mode's is the answer's
    probe = PREFILL_PROBE_TOKENS if depth is not None else mem.context
    at_mode: dict[str, tuple[DecodeFeatures | None, float, float]] = {}
    for m in modes if len(modes) > 1 else ():
        # the chosen mode's decode time over the context is `decoded`'s, when the caller has it
        f, t = (None, reuse[1]) if reuse is not None and m == reuse[0] else _decode_at(s, m, depths)
        pre = _prefill_at(s, m, probe, depth or 0)
        at_mode[m] = (f, t, pre)
        options.append((m, 1 / t if t > 0 else 0.0, pre))
    df: DecodeFeatures | None
    if reuse is not None:
        df, t_dec = None, reuse[1]
    elif mode in at_mode:
        df, t_dec = at_mode[mode][:2]
    else:
        df, t_dec = _decode_at(s, mode, depths)
    prefill = at_mode[mode][2] if mode in at_mode else _prefill_at(s, mode, probe, depth or 0)
    decode = 1 / t_dec if t_dec > 0 else 0.0
    whole_prompt = prefill if depth is None else _prefill_at(s, mode, mem.context, 0)
    ttft = (mem.context / whole_prompt if whole_prompt else 0.0) + t_dec
    curve = _curve(s, mode, curve_depths(mem.context))
    d_spread, p_spread, calibrated = _spreads(params, backend, engine)
    widen = 1.0
    if not calibrated:
        widen *= _UNCALIBRATED_WIDENING
        what = backend if engine in _GGUF_ENGINES else engine
        notes.append(f"few public {what} measurements to calibrate on: speeds are rougher")
    if mem.placement.verdict == "partial":
        widen *= _UNCALIBRATED_WIDENING
        if any(d.unified for d in mem.placement.devices if d.kind == "cpu"):
            notes.append(
                "part of the model runs on the CPU cores: speed depends on their share of memory bandwidth"
            )
        else:
            notes.append("part of the model runs from system RAM: speed depends on your RAM and PCIe")
    sockets = hw.cpu.sockets if hw.cpu is not None else 1
    on_cpu = any(d.kind == "cpu" and d.weight_read > 0 for d in mem.placement.devices)
    if sockets > 1 and on_cpu and engine not in NUMA_REPLICATING_ENGINES:
        how = (
            "llama.cpp reads the weights from one socket's RAM unless started with --numa distribute (after"
            " dropping the page cache)"
            if engine in _GGUF_ENGINES
            else f"{engine} reads the weights from one socket's RAM"
        )
        notes.append(f"{sockets} CPU sockets: {how}; the speed shown is one socket's")
    if mode == "tensor" and engine in _GGUF_ENGINES:
        why = "asked for" if split_mode == "tensor" else "predicted faster here than the default layer split"
        notes.append(f"llama.cpp's tensor split (-sm tensor) is experimental: {why}")
    serving = None
    if users > 1:
        moe = spec.moe
        # Ollama allocates OLLAMA_NUM_PARALLEL contexts (the KV cache placed is all of them) and runs
        # that many at once; the other engines' memory holds as many caches of one context as fit
        ollama_slots = engine == "ollama" and mem.slots > 1
        # llama-server sized for every user's cache (-np, -c context x users: the cache's cells are
        # every slot's context) holds that many
        server_slots = engine == "llama.cpp" and mem.slots > 1 and mem.kv.cells >= mem.context * mem.slots
        held = mem.slots if ollama_slots or server_slots else mem.placement.sequences_held
        running = min(users, max(1, held))  # the others wait for a turn: a batch of those held runs
        serving = serving_speed(
            df if df is not None else _decode_at(s, mode, depths)[0],
            params,
            running,
            moe_active=moe.active if moe else 0,
            moe_experts=moe.experts if moe else 0,
        )
        serving = replace(serving, users=users, users_held=held)
        if held < users:
            # the fit holds one at this context: a smaller pool still runs one at a time, as the verdict says
            more = "a shorter context" + (
                " or an 8-bit KV cache" if mem.kv_type in ("f32", "f16", "bf16") else ""
            )
            notes.append(
                f"{users} users at once: the memory holds the KV cache of {running} at this context; "
                f"the others wait for a turn ({more} holds more)"
            )
        elif server_slots:
            # the KV cache placed is every user's: the row shows all of them
            notes.append(
                f"{users} users at once: the KV cache shown ({mem.kv_bytes / 1e9:.1f} GB) is all {held} "
                f"users' (-np {held}); more of the weights sit in system RAM to make room for them"
            )
        elif ollama_slots:
            # the KV cache placed is every slot's: the row shows all the users' caches
            notes.append(
                f"{users} users at once: the KV cache shown ({mem.kv_bytes / 1e9:.1f} GB) is all {held} "
                "slots' (Ollama allocates a whole context per OLLAMA_NUM_PARALLEL slot)"
            )
        else:
            # the KV cache placed is one sequence's: the total for all the users is said
            where = " (in the KV pool the engine preallocates)" if engine in ("vllm", "sglang") else ""
            one = mem.kv_bytes / 1e9
            notes.append(
                f"{users} users at once: each needs its own KV cache, {users} x {one:.1f} GB = "
                f"{users * one:.1f} GB for all {users}{where}; the KV cache shown is one user's"
            )
    d_range = (decode * d_spread[0] ** widen, decode * d_spread[1] ** widen)
    p_range = (prefill * p_spread[0] ** widen, prefill * p_spread[1] ** widen)
    return SpeedEstimate(
        decode,
        prefill,
        d_range,
        p_range,
        ttft,
        tuple(notes),
        depth,
        curve,
        mode,
        tuple(options),
        serving,
    )


_Speed = TypeVar("_Speed")


# pure in frozen inputs with the bundled parameters: sizing/memory.py hands out one placement object per
# value and `rig_key` one rig object, so the questions after the first about the same model and rig ask
# for the speed of the same objects again
@functools.lru_cache(maxsize=2048)
def _kept(
    fn: Callable[..., _Speed], placed: _Placed, spec: ModelSpec, settings: tuple[tuple[str, object], ...]
) -> _Speed:
    return fn(spec, placed.mem, placed.hw, quant=placed.quant, params=load_speed_params(), **dict(settings))
