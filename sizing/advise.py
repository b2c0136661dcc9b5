"""What to do: the best way to run a model on a rig, the other ways worth knowing, and what to change.

The recommendation is the best quality that fits at the asked context (sizing/quant_policy.py):
speed is a warning and a tie-breaker inside a quality band, never a reason to drop to 1-2 bits. The
options table shows the best of each kind (fully on the GPUs, layers offloaded, MoE experts in RAM,
CPU only), the best quality and the fastest acceptable option, each with the longest context it
keeps per KV cache type. A quantization or engine the question names is routed to an engine that
loads it (sizing/_routing.py). Quality bands are llama.cpp's KL-divergence scoreboard
(sizing/catalog/data/quants.yaml cites it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ._bounds import gguf_beyond_gpus, gguf_beyond_rig, llama_cpp_surely_on_gpus, llama_cpp_surely_runs
from ._compute_capability import rocm_architecture_problem
from ._dynamic_quants import dynamic_twin, from_a_repo, published_dynamic, shown_by_a_repo
from ._engine_fit import EngineOptions
from ._engines import engine_family, engine_problem
from ._errors import EstimateError, SizingError
from ._kernel_builds import build_with_kernels
from ._kv import KV_TYPE_BYTES
from ._ollama_tags import ollama_only_quants
from ._overhead import GiB, MiB
from ._placement import Placement
from ._pools import DEFAULT_RAM_GB, per_object
from ._question_kv import engine_kv_name, kv_for_engine
from ._routing import engine_backend, engine_name, equivalent_quant, route
from ._upgrades import upgrades
from .catalog import ModelSpec, QuantSpec, default_repos, quant_by_id, resolve_quant
from .estimate import Estimate, Sized, complete, decode_rate, estimate_again, estimate_or_none, ranked, size
from .hardware import Hardware
from .memory import MemoryEstimate, estimate_memory
from .quant_policy import (
    PRACTICALLY_LOSSLESS_KLD,
    SPEED_TOLERANCE,
    Candidate,
    pick,
    placement_rank,
    quality_band,
    raises_os_limit,
)
from .vocabulary import DEFAULT_MIN_TPS, SEVERE_KLD, SplitMode, decode_over_context_text, tps_text

__all__ = [
    "Advice",
    "Fix",
    "Option",
    "advise",
    "dominates",
    "fits_on_gpus_below",
    "gpu_only_words",
    "quality_label",
]

# the GGUF ladder tried for every model, best quality first; IQ3_XS is the smallest quant still of
# acceptable quality (mean KLD 0.139), 16 % smaller than Q3_K_M: what fits a big model on the GPUs
_GGUF_LADDER = (
    "Q8_0",
    "Q6_K",
    "Q5_K_M",
    "Q4_K_M",
    "IQ4_XS",
    "Q3_K_M",
    "IQ3_XS",
    "IQ3_XXS",
    "Q2_K",
    "IQ2_XXS",
    "IQ1_S",
)
_PAGED_LADDER = ("BF16-HF", "FP8", "NVFP4", "AWQ-INT4")
_MLX_LADDER = ("MLX-8bit", "MLX-6bit", "MLX-4bit", "MLX-3bit")
_EXL_BITS = (8.0, 6.0, 5.0, 4.0, 3.0, 2.5)
_EXL_STEPS = (
    6.0,
    5.0,
    4.5,
    4.0,
    3.5,
    3.0,
    2.5,
    2.25,
    2.0,
)  # bits a weight tried for the largest EXL build that fits
# bits of the released checkpoint: a GPU server loads nothing wider than what was published
# the quantization a low-bit release loads as published, per native dtype
_SHIPPED_QUANTS = {"mxfp4": ("MXFP4",), "fp8": ("FP8",), "int4": ("GPTQ-INT4",), "fp4": ("NVFP4",)}
_SAVES_WEIGHTS = 0.95  # a requantization must save at least 5% of the shipped weights to be worth listing
_NATIVE_BITS = {"fp8": 8.0, "int4": 4.25, "fp4": 4.5, "mxfp4": 4.25}
# KV cache types compared, per engine family (vLLM/SGLang quantize the cache to FP8)
# ExLlama's Q4 cache mode is the one TabbyAPI users run (config_sample.yml: FP16, Q8, Q6, Q4)
# a 4-bit cache (llama.cpp's q4_0 K and V) is tried last, and kept only where it puts the model fully
# on the GPUs: a long context on a small card at full GPU speed, before any layer goes to system RAM
_KV_TYPES = {
    "gguf": ("f16", "q8_0", "q4_0"),
    "paged": ("f16", "fp8"),
    "exllama": ("f16", "q8_0", "q4_0"),
    "mlx": ("f16",),
}
_ONLY_ON_THE_GPUS = ("q4_0",)
# the contexts the longest-context searches step through: powers of two and the halfway steps between
# them (24k, 48k, 96k), so a cache half the size shows about twice the context rather than the same
# power of two
_CONTEXT_STEPS = (
    2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576, 32768, 49152, 65536, 98304, 131072, 196608,
    262144, 393216, 524288, 786432, 1048576,
)  # fmt: skip
_TP_STEPS_DOWN = 2  # context steps below a pipeline-parallel fit tried for one that keeps tensor parallel
_ALTERNATIVES_AFTER = 2  # quants tried past the first good, fast GPU option (faster alternatives)
OPTIONS_SHOWN = 6
_REFERENCE_KLD = "Q4_K_M"
_FASTER = 1.15  # a speed-up worth listing another row for
# models this large keep working at a severe-loss quant (1-2 bits per weight), so one is still a fix
LOW_BIT_TOLERANT_B = 200.0
_INTERACTIVE_TPS = 2.0  # slower than this, nobody runs a model to chat with it: no "yes" leads with it
_NEAR_MISS = 1.05  # misses this close in memory are one miss: the better quality is named
# the start of the assumption sizing/memory.py adds where only llama.cpp's --fit margin offloads layers
_INSIDE_FIT_MARGIN = "fits fully on the GPUs only inside llama.cpp's"


def _short_words(e: Estimate) -> str:
    """'about 11 GB short'; under a gigabyte to one decimal ('about 0.3 GB short'), never '0 GB'."""
    gb = e.memory.placement.shortfall / 1e9
    if gb >= 1:
        return f"about {gb:.0f} GB short"
    return f"about {max(gb, 0.1):.1f} GB short"


def quality_label(kld: float) -> str:
    """How much a quantization costs, in words (bands from llama.cpp's Llama 3 8B KLD scoreboard)."""
    if kld < PRACTICALLY_LOSSLESS_KLD:
        return "practically lossless"
    if kld < 0.05:
        return "small loss"
    if kld < 0.15:
        return "noticeable loss"
    if kld < 0.5:
        return "large loss"
    return "severe loss"


@dataclass(frozen=True, slots=True)
class Option:
    estimate: Estimate
    max_context: int | None = None  # largest context that keeps this placement fully on the GPUs
    # per KV cache type: the largest context this option runs at without a worse placement
    # (fully on the GPUs for a GPU option; at all for an offloaded one); None where none does
    max_context_by_kv: tuple[tuple[str, int | None], ...] = ()

    @property
    def kld(self) -> float:
        return self.estimate.quant.kld


@dataclass(frozen=True, slots=True)
class Fix:
    """A change that makes it run (fully on GPU, or at all, or usably), with what it gives."""

    change: str
    estimate: Estimate
    price_usd: float | None = None  # about what it costs; None: free or not priced
    ram_gb: float | None = None  # the system RAM the change gives the rig, where it is RAM
    free: bool = False  # a setting, nothing to buy (a Mac's GPU wired limit)


@dataclass(frozen=True, slots=True)
class Advice:
    model: ModelSpec
    hardware: Hardware
    options: tuple[Option, ...]  # best first
    fixes: tuple[Fix, ...]
    hints: tuple[str, ...]
    summary: str
    min_tps: float
    notes: tuple[str, ...] = ()  # how the asked quantization or engine was routed

    @property
    def best(self) -> Option | None:
        return self.options[0] if self.options else None

    @property
    def context_summary(self) -> str | None:
        """'Longest context fully on the GPU: 16,384 tokens at Q5_K_M with an f16 KV cache, 40,960
        with q8_0; 65,536 at Q4_K_M with q8_0.' — the pick's, and the option that holds the most;
        None when no option runs fully on the GPUs."""
        on_gpu = [o for o in self.options if o.estimate.verdict == "gpu" and o.max_context_by_kv]
        if not on_gpu:
            return None
        most = max(on_gpu, key=lambda o: max((n or 0) for _, n in o.max_context_by_kv))
        shown = [on_gpu[0]] if most is on_gpu[0] else [on_gpu[0], most]
        parts = []
        for o in shown:
            fits = [(kv, n) for kv, n in o.max_context_by_kv if n]
            if not fits:
                continue
            first, *rest = fits
            article = "an" if first[0][:1] in ("f", "F") else "a"  # "an f16", "a q8_0"
            words = f"{first[1]:,} tokens at {o.estimate.quant.id} with {article} {first[0]} KV cache"
            words += "".join(f", {n:,} with {kv}" for kv, n in rest)
            parts.append(words)
        if not parts:
            return None
        return f"Longest context fully on the GPU for {self.model.name}: " + "; ".join(parts) + "."


def _has_blackwell(hw: Hardware) -> bool:
    specs = [g.spec for g in hw.gpus if g.spec is not None]
    if hw.soc is not None and hw.soc.spec is not None:
        specs.append(hw.soc.spec)
    return any((s.arch or "").startswith("blackwell") for s in specs)


def _candidate_quants(
    model: ModelSpec, engine: str, hw: Hardware, like: QuantSpec | None = None
) -> list[QuantSpec]:
    """The quantizations the engine is tried at, best first; on ExLlama those of the version the
    quantization asked (`like`) is for (an EXL2 question stays on exllamav2's builds)."""
    family = engine_family(engine)
    if family == "mlx":
        if model.native_dtype == "mxfp4":  # the released MXFP4 loads as it is; fewer bits lose quality
            return [
                quant_by_id("MXFP4"),
                *(quant_by_id(q) for q in _MLX_LADDER if quant_by_id(q).bits < 4.25),
            ]
        return [quant_by_id(q) for q in _MLX_LADDER]
    if family == "exllama":
        version = "EXL2" if like is not None and like.format == "exl2" else "EXL3"
        return [resolve_quant(f"{version} {b:g}bpw") for b in _EXL_BITS]
    if family == "paged":
        # FP4 runs natively on Blackwell; a model released in FP4 (DeepSeek V4: FP4 experts, FP8 elsewhere)
        # ships one checkpoint for every GPU that loads it (the SGLang cookbook's DeepSeek-V4 page lists
        # H200 with FP4: https://docs.sglang.io/cookbook/autoregressive/DeepSeek/DeepSeek-V4)
        ids = [q for q in _PAGED_LADDER if q != "NVFP4" or _has_blackwell(hw) or model.native_dtype == "fp4"]
        if model.native_dtype == "mxfp4":
            ids = ["MXFP4", *ids[1:]]  # the released checkpoint: MXFP4 experts, BF16 elsewhere
        if model.native_dtype == "int4":
            return [quant_by_id("GPTQ-INT4")]  # the released INT4 (W4A16) checkpoint, nothing to requantize
        released_bits = _NATIVE_BITS.get(model.native_dtype, 16.0)
        ladder = [q for q in (quant_by_id(i) for i in ids) if q.bits <= released_bits + 0.5]
        # kernels the card's compute capability has (no AWQ before Turing, no FP8 before Ampere); a step
        # without kernels here takes the GPTQ build of its width, whose kernels run from Volta
        usable: list[QuantSpec] = []
        for q in ladder:
            built = build_with_kernels(engine, q, hw)
            if built is not None and built not in usable:
                usable.append(built)
        return usable or ladder
    ladder = [quant_by_id(q) for q in _GGUF_LADDER]
    if model.native_dtype == "mxfp4":
        ladder = [quant_by_id("MXFP4")] + [q for q in ladder if q.bits < 4.25]
    elif model.native_dtype in ("int4", "fp4"):
        # released at about 4 bits (Kimi K2 Thinking's INT4 experts): a wider GGUF stores the same
        # rounding in more bytes, so the 4-bit files are the top of the ladder
        ladder = [q for q in ladder if q.bits <= _NATIVE_BITS[model.native_dtype] + 0.5]
    loader = "llama.cpp" if engine == "lmstudio" else engine
    ladder = published_dynamic(model, ladder, twins=True) if engine != "ollama" else ladder
    ladder = [q for q in ladder if loader in q.engines]
    tagged = ollama_only_quants(model) if engine == "ollama" else ()
    if tagged:  # only Ollama's own tags hold it: their quantizations are the ones to pull
        ladder = [q for q in (quant_by_id(t) for t in tagged)]
    return ladder


def dominates(a: Estimate, b: Estimate) -> bool:
    """`a` is at least as good as `b` in every way a user cares about (within measurement noise)."""
    return (
        a.quant.kld <= b.quant.kld
        and placement_rank(a.verdict) <= placement_rank(b.verdict)
        and a.speed.decode_tps >= 0.97 * b.speed.decode_tps
        and a.memory.total_bytes <= 1.03 * b.memory.total_bytes
        and (a.memory.kv_type == "f16" or b.memory.kv_type != "f16")
    )


def _undominated(options: Sequence[Estimate]) -> list[Estimate]:
    """Drop options no one should pick: e.g. Q3_K_M of gpt-oss, whose experts stay MXFP4, is no
    smaller or faster than MXFP4 itself but loses quality."""
    kept: list[Estimate] = []
    for o in options:
        if not any(dominates(k, o) for k in kept):
            kept.append(o)
    return kept


def _undominated_kv(found: Sequence[Estimate], min_tps: float) -> list[Estimate]:
    """One row per quantization: the KV cache type the pick takes for it (_quant_row)."""
    return [_quant_row(e, found, min_tps) for e in {e.quant.id: e for e in found}.values()]


def _quant_row(e: Estimate, found: Sequence[Estimate], min_tps: float) -> Estimate:
    """Of `e`'s quantization's runs in `found` (one per KV cache type), the one the pick policy takes:
    the row the table shows for that quantization, and the one every sentence that weighs it against
    another quotes (its q8_0-cache run where that is the faster fit, not its f16 run)."""
    mine = [x for x in found if x.quant.id == e.quant.id] or [e]
    return mine[_best_index(mine, min_tps)]


def _raised_limit(e: Estimate) -> str | None:
    """The setting `e` needs to fit at all that takes memory from the OS (a raised macOS GPU wired
    limit: what its unified GPU holds is more than the OS's default share of it), or None. A raise
    the command suggests for a long conversation or a tight prefill is not needed to fit."""
    pools = {p.name: p for p in e.memory.rig.gpus if p.unified}
    over = any(
        d.unified and d.name in pools and d.weights + d.kv + d.compute > pools[d.name].usable
        for d in e.memory.placement.devices
    )
    if not over:
        return None
    return next((st.flag for st in e.memory.placement.settings if raises_os_limit((st.flag,))), None)


def _release_kld(e: Estimate) -> float:
    """The loss `e`'s quantization is ranked by: a build wider than the model's low-precision release
    loses what the release's own width does (the GGUF nearest it), never less."""
    if not _beyond_release(e.model, e.quant):
        return e.quant.kld
    native = _NATIVE_BITS[e.model.native_dtype] + 0.5
    width = max((quant_by_id(i) for i in _GGUF_LADDER if quant_by_id(i).bits <= native), key=lambda q: q.bits)
    return max(e.quant.kld, width.kld)


@per_object  # the pick, each kind's best in the table and the fixes read the same estimates again
def _candidate(e: Estimate) -> Candidate:
    return Candidate(
        _release_kld(e),
        e.verdict,
        e.speed.decode_tps,
        0 if e.memory.kv_type == "f16" else 1 if KV_TYPE_BYTES.get(e.memory.kv_type, 0.0) >= 1.0 else 2,
        raised_limit=_raised_limit(e) is not None,
        bits=e.quant.bits,
    )


def _evaluate(
    model: ModelSpec,
    hw: Hardware,
    quants: Sequence[QuantSpec],
    kv_types: Sequence[str],
    *,
    context: int | None,
    engine: str,
    backend: str,
    min_tps: float,
    extra_assumptions: tuple[str, ...],
    pending: dict[int, tuple[Estimate, Sized, tuple[SplitMode, float]]],
    engine_options: EngineOptions | None = None,
) -> tuple[list[Estimate], list[str]]:
    """Every (quantization, KV type) worth sizing, best quality first: a quantized cache only where
    the f16 one does not put the model on the GPUs; the ladder stops a little after the first good
    option that fits on the GPUs at the wished speed. Each comes with its decode speed alone (what
    the ranking reads); `pending` keeps what completes it, for the few that are shown, by the id of
    the ranked estimate, which it holds (an id is only unique while its object lives)."""
    found: list[Estimate] = []
    errors: list[str] = []
    after: int | None = None
    for q in quants:
        if after is not None:
            if after >= _ALTERNATIVES_AFTER:
                break
            after += 1
        kept: list[Estimate] = []
        for kv in kv_types:
            if kept and _cache_cannot_help(model, hw, kept[-1], kv):
                continue
            try:
                sized = size(
                    model,
                    hw,
                    quant=q,
                    context=context,
                    engine=engine,
                    backend=backend,
                    kv_type=kv,
                    extra_assumptions=extra_assumptions,
                    engine_options=engine_options,
                )
                if kept and not _cache_may_help(kept[-1], sized.memory):
                    continue
                if kv in _ONLY_ON_THE_GPUS and sized.memory.placement.verdict != "gpu":
                    continue
                e, decoded = ranked(sized)
                pending[id(e)] = (e, sized, decoded)
            except SizingError as err:
                if kept:
                    continue  # a smaller cache that cannot be sized helps nothing
                errors.append(str(err))
                break
            if not kept or _better_with_smaller_cache(e, kept[-1]):
                kept.append(e)
            if e.verdict == "gpu":
                if after is None and quality_band(q.kld) == 0 and e.speed.decode_tps >= min_tps:
                    after = 0
                break  # a smaller cache changes nothing when this one already fits
        found.extend(kept)
    if any(e.verdict == "gpu" and e.memory.kv_type not in _ONLY_ON_THE_GPUS for e in found):
        # something fits the GPUs with an 8-bit cache or better: a 4-bit cache buys nothing needed
        found = [e for e in found if e.memory.kv_type not in _ONLY_ON_THE_GPUS]
    return _better_twins(found), errors


def _better_twins(found: list[Estimate]) -> list[Estimate]:
    """Of a dynamic build and the plain quant it takes the place of, the dynamic one only where it
    serves at least as well: no worse a placement or cache and no slower (a larger file that moves
    the model off the GPUs, or onto a smaller cache, costs more than its wider layers win)."""
    worse: set[int] = set()
    for d in found:
        for p in found:
            if not dynamic_twin(d.quant, p.quant):
                continue
            if _serves_as_well(d, p):
                worse.add(id(p))
            elif _serves_as_well(p, d):
                worse.add(id(d))
    return [e for e in found if id(e) not in worse]


def _serves_as_well(a: Estimate, b: Estimate) -> bool:
    """`a` places and caches at least as well as `b`, at what the pick counts as the same speed."""
    return (
        placement_rank(a.verdict) <= placement_rank(b.verdict)
        and a.speed.decode_tps >= SPEED_TOLERANCE * b.speed.decode_tps
        and KV_TYPE_BYTES.get(a.memory.kv_type, 2.0) >= KV_TYPE_BYTES.get(b.memory.kv_type, 2.0)
    )


def _cache_cannot_help(model: ModelSpec, hw: Hardware, before: Estimate, kv: str) -> bool:
    """Bounds only, before sizing: a `kv` cache certainly fails `_cache_may_help` against `before`.
    Without GPUs a CPU-only option stays CPU-only with the same layers (no placement is better, none
    has more on the GPUs); a model that does not fit at all still does not where its weights and the
    smaller cache alone exceed the rig's memory (sizing/_bounds.py)."""
    if engine_family(before.engine) != "gguf":
        return False
    if before.verdict == "cpu":
        return not before.memory.rig.gpus
    return before.verdict == "no" and gguf_beyond_rig(
        model,
        before.quant,
        hw,
        context=before.context,
        engine=before.engine,
        backend=before.backend,
        kv_type=kv,
    )


def _cache_may_help(before: Estimate, mem: MemoryEstimate) -> bool:
    """Memory only: does a smaller KV cache (sized as `mem`) move the model to a better placement
    or put clearly more of it on the GPUs? (Sizing its speed is the costly part.)"""
    p, b = mem.placement, before.memory.placement
    if placement_rank(p.verdict) != placement_rank(b.verdict):
        return placement_rank(p.verdict) < placement_rank(b.verdict)
    if p.strategy == "expert_offload" and b.strategy != "expert_offload":
        # the cache now fits beside the attention on the GPUs, the experts alone in RAM: fewer whole
        # layers on the GPUs, yet every token reads only the active experts from RAM (the speed decides)
        return True
    on_gpu = p.gpu_layers - p.cpu_moe_layers
    return on_gpu >= _FASTER * max(1, b.gpu_layers - b.cpu_moe_layers) or p.cpu_moe_layers < b.cpu_moe_layers


def _better_with_smaller_cache(e: Estimate, before: Estimate) -> bool:
    """A quantized KV cache is worth listing when it moves the model to a better placement, or makes
    it clearly faster (more layers on the GPUs)."""
    return placement_rank(e.verdict) < placement_rank(before.verdict) or (
        e.verdict != "no" and e.speed.decode_tps >= _FASTER * before.speed.decode_tps
    )


# a quant no listed repo publishes (to make with llama-quantize) is the pick over one a listed repo has
# only where it is this much faster: a download beats an hour of quantizing for a few tokens/s
_WORTH_MAKING = 1.5


def _best_index(estimates: Sequence[Estimate], min_tps: float) -> int:
    chosen = pick([_candidate(e) for e in estimates], min_tps)
    if chosen is not None:
        return _published_instead(estimates, chosen, min_tps)
    # nothing runs: the nearest miss; of misses within a few percent of it, the best quality
    # (gpt-oss's Q2_K keeps its MXFP4 experts: barely smaller, worse, and no nearer a fit)
    least = min(e.memory.total_bytes for e in estimates)
    near = [i for i, e in enumerate(estimates) if e.memory.total_bytes <= _NEAR_MISS * least]
    return min(near, key=lambda i: (estimates[i].quant.kld, estimates[i].memory.placement.shortfall))


def _published_instead(estimates: Sequence[Estimate], chosen: int, min_tps: float) -> int:
    """The pick, or where it is a GGUF quant no listed repo publishes, the pick among the ones a listed
    repo has in its quality band and placement, unless the pick is much faster than all of those."""
    e = estimates[chosen]
    if not e.quant.is_gguf or from_a_repo(e.model, e.quant):
        return chosen
    band, rank = quality_band(e.quant.kld), placement_rank(e.verdict)
    near = [
        i
        for i, o in enumerate(estimates)
        if o.quant.is_gguf
        and o.engine == e.engine
        and quality_band(o.quant.kld) == band
        and placement_rank(o.verdict) <= rank
        and e.speed.decode_tps < _WORTH_MAKING * o.speed.decode_tps
        and from_a_repo(o.model, o.quant)
    ]
    # one a repo's listing shows before one it may have
    shown = [i for i in near if shown_by_a_repo(estimates[i].model, estimates[i].quant)]
    pool = shown or near
    i = pick([_candidate(estimates[j]) for j in pool], min_tps) if pool else None
    return pool[i] if i is not None else chosen


def _table(estimates: list[Estimate], chosen: int, min_tps: float) -> list[Estimate]:
    """The rows shown: the pick; the best of each placement kind; the best quality and the fastest
    acceptable option on the GPUs; then the rest by band, placement and speed."""
    rows: list[Estimate] = [estimates[chosen]]

    def add(e: Estimate | None) -> None:
        if e is not None and all(e is not r for r in rows):
            rows.append(e)

    runs = [e for e in estimates if e.verdict != "no"]
    for strategy in ("gpu", "tensor_parallel", "expert_offload", "layer_offload", "cpu"):
        kind = [e for e in runs if e.memory.placement.strategy == strategy]
        i = pick([_candidate(e) for e in kind], min_tps) if kind else None
        add(kind[i] if i is not None else None)
    on_gpu = [e for e in runs if e.verdict == "gpu"]
    if on_gpu:
        add(min(on_gpu, key=lambda e: (e.quant.kld, e.memory.kv_type != "f16")))
        acceptable = [e for e in on_gpu if quality_band(e.quant.kld) <= 1]
        if acceptable:
            add(max(acceptable, key=lambda e: e.speed.decode_tps))
    if not runs:
        for e in sorted(estimates, key=lambda e: e.memory.placement.shortfall):
            add(e)
    rest = sorted(
        runs,
        key=lambda e: (quality_band(e.quant.kld), placement_rank(e.verdict), -e.speed.decode_tps),
    )
    for e in rest:
        add(e)
    return _no_pointless_requants(_undominated(rows))[:OPTIONS_SHOWN]


def _no_pointless_requants(rows: list[Estimate]) -> list[Estimate]:
    """Drop a requantization of a model shipped in a low-bit format (gpt-oss's MXFP4, an FP8 or INT4
    release) that is no better in quality and saves less than a few percent of the weights: Q3_K_M of
    gpt-oss keeps its MXFP4 experts, and AWQ-INT4 of it is no smaller; nobody downloads those."""
    shipped = [r for r in rows if r.quant.id in _SHIPPED_QUANTS.get(r.model.native_dtype, ())]
    if not shipped:
        return rows
    return [
        r
        for i, r in enumerate(rows)
        if i == 0
        or any(r is s for s in shipped)
        or not any(
            s.quant.kld <= r.quant.kld and r.memory.weights_bytes >= _SAVES_WEIGHTS * s.memory.weights_bytes
            for s in shipped
        )
    ]


def _runs_at(model: ModelSpec, hw: Hardware, base: Estimate, context: int, kv: str, gpu_only: bool) -> bool:
    """Does `base` (at another context and KV type) keep its placement: on the GPUs for a GPU option,
    running at all otherwise. Memory only, for the searches; the closed-form bounds first."""
    fa = base.memory.flash_attention or kv not in ("f16", "bf16", "f32")
    q, engine, backend = base.quant, base.engine, base.backend
    surely = llama_cpp_surely_on_gpus if gpu_only else llama_cpp_surely_runs
    if surely(model, q, hw, context=context, engine=engine, backend=backend, kv_type=kv, flash_attention=fa):
        return True
    if gpu_only:
        bounded = gguf_beyond_gpus(
            model, q, hw, context=context, engine=engine, backend=backend, kv_type=kv, flash_attention=fa
        )
    else:
        bounded = gguf_beyond_rig(model, q, hw, context=context, engine=engine, backend=backend, kv_type=kv)
    if bounded:
        return False
    try:
        mem = estimate_memory(
            model,
            base.quant,
            hw,
            context=context,
            engine=base.engine,
            backend=base.backend,
            kv_type=kv,
            flash_attention=fa,
            gpu_only=gpu_only and engine_family(base.engine) == "gguf",
            options=base.memory.options,
        )
    except SizingError:
        return False
    return mem.placement.verdict == "gpu" if gpu_only else mem.placement.verdict != "no"


def _context_guess(base: Estimate, kv: str, gpu_only: bool) -> float:
    """About the longest context at which `base` keeps its placement with a `kv` cache: the cache
    grows linearly with the context (sizing/_kv.py), so the room left on its devices over the cache
    bytes per token. Only a hint where the search starts (the searches check every answer)."""
    mem = base.memory
    devices = mem.placement.devices
    if gpu_only:
        held = (
            sum(d.weights + d.kv for d in devices if d.kind != "gpu")
            - mem.weights.embedding
            - mem.weights.lookup
        )
        devices = tuple(d for d in devices if d.kind == "gpu")
    else:
        held = 0.0
    room = sum(d.usable - d.weights - d.kv - d.compute for d in devices) - max(0.0, held)
    ratio = KV_TYPE_BYTES[kv] / KV_TYPE_BYTES[mem.kv_type]
    per_token = mem.kv_bytes * ratio / max(1, mem.kv.cells)
    if per_token <= 0:
        return float("inf")
    return mem.context + (room + mem.kv_bytes * (1 - ratio)) / per_token


def _largest_context(
    model: ModelSpec,
    hw: Hardware,
    base: Estimate,
    kv: str,
    *,
    gpu_only: bool,
    below: int | None = None,
    at_least: int | None = None,
) -> int | None:
    """The largest context up to `below` (standard steps plus the model's own limit) at which `base`
    keeps its placement; `at_least` is known to. Memory grows with context, so a bisection over the
    steps finds it; it starts at the step the room left predicts and its neighbour above, which
    settle it in two estimates when the prediction holds."""
    top = min(below or model.max_context, model.max_context)
    # `base`'s own context is a step: the longest context is never put below the one the answer runs
    steps = sorted({c for c in (*_CONTEXT_STEPS, model.max_context, base.context) if c <= top})
    if not steps:
        return None
    # `base` itself keeps its placement at its own context and cache (llama.cpp's sizing is the same)
    holds = base.verdict == "gpu" if gpu_only else base.verdict != "no"
    if holds and kv == base.memory.kv_type and engine_family(base.engine) == "gguf":
        at_least = max(at_least or 0, base.context)
    lo = sum(1 for c in steps if at_least is not None and c <= at_least)  # steps[:lo] fit
    hi = len(steps)  # steps[hi:] do not
    guess = _context_guess(base, kv, gpu_only)
    first = max(lo, sum(1 for c in steps if c <= guess) - 1)  # the predicted answer
    for i in (first, first + 1):
        if not lo <= i < hi:
            break
        if _runs_at(model, hw, base, steps[i], kv, gpu_only):
            lo = i + 1
        else:
            hi = i
            break
    while lo < hi:
        mid = (lo + hi) // 2
        if _runs_at(model, hw, base, steps[mid], kv, gpu_only):
            lo = mid + 1
        else:
            hi = mid
    return steps[lo - 1] if lo else None


def format_builds(text: str) -> tuple[QuantSpec, ...]:
    """The builds a format asked without its bits comes in, most bits first: an EXL2 or EXL3 model is
    quantized to any bits per weight ("exl3" is 8.0 down to 2.5 bpw, as a GGUF list picks among its
    types); () for a quantization named in full ("exl3 4bpw", "Q4_K_M", "fp8")."""
    bare = re.fullmatch(r"(exl[23])", " ".join(text.lower().split()))
    if bare is None:
        return ()
    return tuple(resolve_quant(f"{bare.group(1)} {b:g}bpw") for b in _EXL_BITS)


def max_context_on_gpu(model: ModelSpec, hw: Hardware, base: Estimate) -> int | None:
    """The largest standard context (or the model's maximum) that keeps it fully on the GPUs, or None."""
    return _largest_context(model, hw, base, base.memory.kv_type, gpu_only=True)


def _with_contexts(model: ModelSpec, hw: Hardware, e: Estimate, kv_types: Sequence[str]) -> Option:
    """`e` with the longest context it keeps its placement at, per KV cache type (a smaller cache
    holds at least as many tokens as a larger one)."""
    if e.verdict == "no":
        return Option(e)
    on_gpu = e.verdict == "gpu"
    by_kv: dict[str, int | None] = {}
    known: int | None = None
    for kv in sorted(dict.fromkeys((e.memory.kv_type, *kv_types)), key=lambda k: -KV_TYPE_BYTES[k]):
        if known is not None and known >= model.max_context:
            by_kv[kv] = known
            continue
        known = _largest_context(model, hw, e, kv, gpu_only=on_gpu, at_least=known)
        by_kv[kv] = known
    order = dict.fromkeys((e.memory.kv_type, *kv_types))
    ranked = tuple((kv, by_kv[kv]) for kv in order)
    return Option(e, max_context=by_kv[e.memory.kv_type] if on_gpu else None, max_context_by_kv=ranked)


def advise(
    model: ModelSpec,
    hw: Hardware,
    *,
    context: int | None = None,
    engine: str | None = None,
    backend: str | None = None,
    quant: QuantSpec | str | None = None,
    min_tps: float = DEFAULT_MIN_TPS,
    kv_types: Sequence[str] | None = None,
    extra_assumptions: tuple[str, ...] = (),
    engine_options: EngineOptions | None = None,
    choices: Sequence[QuantSpec | str] = (),
    users: int = 1,
) -> Advice:
    """Rank the ways to run `model` on `hw` and say what to change when none is good; `engine_options`
    are engine settings the asker gave (vLLM's --language-model-only ...); `choices`, quantizations
    asked as a choice ("Q3 or Q4?"): only those are ranked, each shown, the pick first; `users`, people
    served at once: a better-quality alternative is offered only where it holds all of them."""
    if len(choices) > 1 and quant is None:
        quant = choices[0]
    if context is not None and context > model.max_context:
        # tokens past what the model handles are no use: answer at its limit, and say so first (never
        # a verdict, or RAM to buy, for a cache of tokens it cannot use)
        at_limit = advise(
            model,
            hw,
            context=model.max_context,
            engine=engine,
            backend=backend,
            quant=quant,
            min_tps=min_tps,
            kv_types=kv_types,
            extra_assumptions=extra_assumptions,
            engine_options=engine_options,
            choices=choices,
            users=users,
        )
        return _at_limit(at_limit, context)
    r = route(
        model,
        hw,
        engine=engine,
        backend=backend,
        quant=quant,
        version=engine_options.version if engine_options is not None else None,
    )
    extra_assumptions = (*extra_assumptions, *r.notes)  # how the asked quant or engine was read, per option
    if r.version is not None:  # an older release of the engine asked, the last that runs on this rig
        engine_options = replace(engine_options or EngineOptions(), version=r.version)
    family = engine_family(r.engine)
    kvs = _KV_TYPES[family]
    if kv_types:  # the cache types asked for, as the engine has them
        asked = [kv_for_engine(k, r.engine) for k in kv_types]
        kvs = tuple(dict.fromkeys(k for k, _ in asked))
        extra_assumptions = (*extra_assumptions, *(n for _, n in asked if n))
    quants = [r.quant] if r.quant is not None else _candidate_quants(model, r.engine, hw)
    if len(choices) > 1 and r.quant is not None:  # each as the engine routed for the first loads it
        routed = (route(model, hw, engine=r.engine, backend=r.backend, quant=c).quant for c in choices)
        quants = list({q.id: q for q in (r.quant, *routed) if q is not None}.values())
    chosen_among = len(quants) > 1 and r.quant is not None

    pending: dict[int, tuple[Estimate, Sized, tuple[SplitMode, float]]] = {}
    whole: dict[int, Estimate] = {}

    def finish(e: Estimate) -> Estimate:
        """The whole estimate of a ranked one (the same object each time it is asked for); any other
        estimate (a fix's, already whole) as it is."""
        entry = pending.get(id(e))
        if entry is None or entry[0] is not e:
            return e
        if id(e) not in whole:
            whole[id(e)] = complete(entry[1], entry[2])
        return whole[id(e)]

    def evaluate(quants: Sequence[QuantSpec]) -> tuple[list[Estimate], list[str]]:
        return _evaluate(
            model,
            hw,
            quants,
            kvs,
            context=context,
            engine=r.engine,
            backend=r.backend,
            min_tps=min_tps,
            extra_assumptions=extra_assumptions,
            pending=pending,
            engine_options=engine_options,
        )

    found, errors = evaluate(quants)
    if not found:
        raise EstimateError(errors[0] if errors else f"cannot size {model.name} on this rig")
    chosen = _best_index(found, min_tps)
    others: list[Estimate] = []
    if r.quant is not None and found[chosen].verdict != "gpu":
        # the asked quantization is not on the GPUs: the engine's own ladder, for the fixes
        ladder = _candidate_quants(model, r.engine, hw, like=r.quant)
        others, _ = evaluate([q for q in ladder if q.id != r.quant.id])
        if family != "gguf" and all(e.verdict == "no" for e in (*found, *others)):
            # nothing the asked engine loads fits (vLLM, SGLang and ExLlama keep every weight in VRAM):
            # llama.cpp's GGUF builds, with layers or experts in system RAM, are the fix
            gguf, _ = _evaluate(
                model,
                hw,
                _candidate_quants(model, "llama.cpp", hw),
                _KV_TYPES["gguf"],
                context=context,
                engine="llama.cpp",
                backend=engine_backend("llama.cpp", hw, None),
                min_tps=min_tps,
                extra_assumptions=(),
                pending=pending,
            )
            others += gguf
    table = _table(found, chosen, min_tps)
    swap = _same_band_on_gpu(found[chosen], others, min_tps) if chosen_among else None
    if chosen_among:  # every quantization asked is answered, the pick first
        asked_rows = [e for e in _undominated_kv(found, min_tps) if e.quant.id != found[chosen].quant.id]
        table = [*([swap] if swap is not None else []), found[chosen], *asked_rows][:OPTIONS_SHOWN]
    listed_kvs = tuple(k for k in _KV_TYPES[family] if k not in _ONLY_ON_THE_GPUS)
    options = tuple(_with_contexts(model, hw, finish(e), listed_kvs) for e in table)
    note = _offload_pick_note(table[0], found, min_tps) if r.quant is None else None
    if note is not None:
        first = options[0].estimate
        picked = replace(first, assumptions=(*first.assumptions, note))
        options = (replace(options[0], estimate=picked), *options[1:])
    best = table[0]  # as ranked: the summary and the fixes compare it with the others by identity
    summary = _summary(
        best, found, min_tps, compared=r.quant is None or chosen_among, whole=finish, users=users
    )
    if best.verdict != "no":
        summary += _qat_words(best)
    if chosen_among:

        def said(o: Estimate) -> str:
            fit = f"{_fit_words(o)}, {_tps(o.speed.decode_tps)}" if o.verdict != "no" else "does not fit"
            return f"{o.quant.id} ({_quality(o)}) {fit}"

        if swap is not None:
            summary += (
                " Of the quantizations asked, none fits fully on the GPU: "
                + "; ".join(said(o) for o in table[1:])
                + f". {swap.quant.id}, in the same quality band, does and is clearly faster: the pick."
            )
        else:
            rest = "; ".join(said(o) for o in table[1:])
            summary += f" Of the quantizations asked, {best.quant.id} is the pick; {rest}." if rest else ""
    if r.notes:
        summary += " (" + " ".join(n + "." for n in r.notes) + ")"
    ranked = [*found, *others]
    fixes = [replace(f, estimate=finish(f.estimate)) for f in _fixes(model, hw, best, ranked, min_tps)]
    if hw.ram_gb is None and (best.verdict == "no" or quality_band(best.quant.kld) >= 2):
        summary = _with_ram(summary, best, fixes)
    summary += _free_fix(best, fixes, min_tps)
    summary += _past_fit_margin(best)
    condition = _display_condition(best)
    if condition:  # said in the 'Yes': not again as a note under it
        summary += condition
        first = options[0].estimate
        kept = tuple(a for a in first.assumptions if _NO_DISPLAY.match(a) is None)
        options = (replace(options[0], estimate=replace(first, assumptions=kept)), *options[1:])
    if hw.soc is not None and hw.unified_memory_gb is None and hw.sized_unified_gb is not None:
        summary += (
            f" That is with {hw.sized_unified_gb:g} GB, the least the {hw.soc.name} is sold with:"
            " say how much memory yours has for a closer answer."
        )
    hints = _engine_hints(model, hw, best)
    return Advice(model, hw, options, tuple(fixes), tuple(hints), summary, min_tps, r.notes)


def _at_limit(advice: Advice, asked: int) -> Advice:
    """`advice` sized at its model's longest context, led by that limit and the `asked` length past it."""
    model = advice.model
    if asked % 1024 == 0 and asked // 1024 * 1000 <= model.max_context:
        # "200k" on a model of 202,752 tokens: read in thousands the asked length fits, so it is the
        # model's whole window, no refusal
        note = f"{asked // 1024}k read as {model.name}'s whole window, {model.max_context:,} tokens"
        options = tuple(
            replace(o, estimate=replace(o.estimate, assumptions=(note, *o.estimate.assumptions)))
            for o in advice.options
        )
        return replace(advice, options=options)
    limit = f"{model.name} handles at most {model.max_context:,} tokens"
    note = f"{limit}: sized at that, not the {asked:,} asked (tokens past it are no use)"
    options = tuple(
        replace(o, estimate=replace(o.estimate, assumptions=(note, *o.estimate.assumptions)))
        for o in advice.options
    )
    summary = f"{limit}, not the {asked:,} asked; at {model.max_context:,} tokens: {advice.summary}"
    return replace(advice, options=options, summary=summary)


# --- the verdict in words ------------------------------------------------------------------------


def _tps(x: float) -> str:
    return f"~{tps_text(x)} tokens/s"


def _speed_words(e: Estimate) -> str:
    """`e`'s generating speed with where it holds: on an empty context and at the context sized
    ('~20 tokens/s on an empty context, ~7.9 at 8k'), or at the depth asked; one number where flat."""
    s = e.speed
    if s.depth is not None:
        return f"{_tps(s.decode_tps)} with {s.depth:,} tokens in the context"
    if len(s.curve) < 2:
        return _tps(s.decode_tps)
    return decode_over_context_text(s.curve[0].decode_tps, s.curve[-1].decode_tps, s.curve[-1].depth)


def _on_average(e: Estimate) -> str:
    """' (~5.2 on average)' where `e`'s speed was said at the two ends of its context: the speed a
    wished one is weighed against; '' otherwise (the one number said is it)."""
    return "" if _speed_words(e).count("~") < 2 else f" (~{tps_text(e.speed.decode_tps)} on average)"


def _cost(q: QuantSpec) -> str:
    """What a costly quantization loses, against Q4_K_M, on the cited scoreboard."""
    ref = quant_by_id(_REFERENCE_KLD)
    return (
        f"{q.id} loses a lot of quality: mean KL divergence {q.kld:.2f} against FP16 on llama.cpp's "
        f"Llama 3 8B scoreboard, {q.kld / ref.kld:.0f}x that of {ref.id} ({ref.kld:.3f})"
    )


def _offloaded(e: Estimate) -> str:
    """Where the offloaded part of a partly offloaded `e` runs: the experts in system RAM, or, on a
    unified-memory machine (one memory for GPU and CPU), on the CPU cores."""
    if e.memory.placement.strategy != "expert_offload":
        return "some layers on the CPU"
    on_unified = any(d.unified for d in e.memory.placement.devices if d.kind == "cpu")
    return "experts on the CPU cores" if on_unified else "experts in system RAM"


def _where(e: Estimate) -> str:
    if e.verdict == "gpu":
        return "fully on the GPU"
    if e.verdict == "partial":
        return f"with {_offloaded(e)}"
    return "on the CPU only"


def _beyond_release(model: ModelSpec, quant: QuantSpec) -> bool:
    """`quant` stores more bits than `model` was released in (Q8_0 of Kimi K2 Thinking's INT4 experts,
    BF16 of DeepSeek V3's FP8): the same rounded weights in more bytes, no better quality. Unsloth's
    card for Kimi K2 Thinking: "To run the model in full precision, you can use 'UD-Q4_K_XL'"
    (https://huggingface.co/unsloth/Kimi-K2-Thinking-GGUF)."""
    native = _NATIVE_BITS.get(model.native_dtype)
    return native is not None and quant.bits > native + 0.5


_DTYPE_WORDS = {"int4": "INT4", "fp4": "FP4", "mxfp4": "MXFP4", "fp8": "FP8"}


def _quality(e: Estimate) -> str:
    """The loss of `e`'s quantization in words; a model released in INT4 loses nothing to its own
    release (trained for it), whatever generic INT4 loses, and gains nothing from more bits."""
    if e.model.native_dtype == "int4" and e.quant.format in ("gptq", "awq"):
        return "the INT4 checkpoint as released"
    if e.model.native_dtype == "fp4" and e.quant.format == "nvfp4":
        return "the FP4 checkpoint as released"
    if _beyond_release(e.model, e.quant):
        native = _DTYPE_WORDS.get(e.model.native_dtype, e.model.native_dtype)
        return f"no better than the {native} release it is made from, in more memory"
    if _qat_q4_0(e) or _qat_mlx_4bit(e):
        return f"{quality_label(e.quant.kld * QAT_Q4_0_LOSS_KEPT)}: the QAT checkpoint"
    return quality_label(e.quant.kld)


# Google's quantization-aware-trained Gemma releases are trained for Q4_0: "we reduce the perplexity
# drop by 54% (using llama.cpp perplexity evaluation) when quantizing down to Q4_0" (Google Developers
# Blog, "Gemma 3 QAT Models", 2025-04-18,
# https://developers.googleblog.com/en/gemma-3-quantized-aware-trained-state-of-the-art-ai-to-consumer-gpus/).
# The loss of Q4_0 taken as the share of it the QAT checkpoint keeps (our reading of that figure):
# Q4_0's 0.072 becomes about 0.033, Q4_K_M's band.
QAT_Q4_0_LOSS_KEPT = 1 - 0.54


def _qat_q4_0(e: Estimate) -> bool:
    """Whether `e` runs a Q4_0 GGUF of a model whose Q4_0 builds listed are its quantization-aware
    trained (QAT) release (the command downloads one of those)."""
    if e.quant.id != "Q4_0" or engine_family(e.engine) != "gguf":
        return False
    q4_0 = [r for r in default_repos().for_model(e.model.id) if r.kind == "gguf" and "Q4_0" in r.quants]
    return bool(q4_0) and all("qat" in r.repo.lower() for r in q4_0)


def _qat_mlx_4bit(e: Estimate) -> bool:
    """Whether `e` runs MLX's 4-bit build of a model whose 4-bit MLX conversions listed are all made
    from its QAT checkpoint (mlx-community's "-qat-4bit"): the same 4 bits a weight with a scale per
    small group of weights as Q4_0, rounded from weights trained for that rounding, so the QAT share of
    Q4_0's loss is read as holding here too (our reading: Google measured it on Q4_0)."""
    if e.quant.format != "mlx" or round(e.quant.bits) != 4:
        return False
    four = [r for r in default_repos().for_model(e.model.id) if r.kind == "mlx" and "4bit" in r.repo.lower()]
    return bool(four) and all("qat" in r.repo.lower() for r in four)


def _qat_words(e: Estimate) -> str:
    """For a QAT Q4_0 pick, how it compares with a Q4_K_M made after training ("as good as Q4_K_M?")."""
    if not _qat_q4_0(e):
        return ""
    ref = quant_by_id(_REFERENCE_KLD)
    return (
        " The Q4_0 file is Google's quantization-aware-trained (QAT) checkpoint: trained for Q4_0, it"
        " loses about half what a plain Q4_0 does (Google reports 54% less perplexity drop), about as"
        f" little as a {ref.id} made after training."
    )


def _served_text_only(e: Estimate) -> bool:
    """Whether the fit rests on vLLM's --language-model-only or llama-server's --no-mmproj: the vision
    model then sees no images."""
    return e.memory.options.language_model_only or any(
        st.flag in ("--language-model-only", "--no-mmproj") for st in e.memory.placement.settings
    )


def _summary(
    e: Estimate,
    found: Sequence[Estimate],
    min_tps: float,
    *,
    compared: bool = True,
    whole: Callable[[Estimate], Estimate] = lambda x: x,
    users: int = 1,
) -> str:
    """The verdict: where and how fast the pick runs, what the others give, what it costs. Without
    `compared` (one asked quantization) nothing is said about quantizations not sized. `whole`: the
    complete estimate (with its speed curve) of a ranked one; `users`, people served at once: an
    alternative of better quality that cannot hold their KV caches at the context is none."""
    q = f"{e.quant.id} ({_quality(e)})"
    ctx = f"{e.context:,} context"
    if _served_text_only(e):
        ctx += ", text only (no images)"
    v = e.verdict
    if v != "no" and e.memory.kv_type != "f16":
        name = engine_kv_name(e.memory.kv_type, e.engine)
        ctx += f" and {'an' if name.startswith(('f', 'F')) else 'a'} {name} KV cache"  # "an fp8", "a q8_0"
        if e.engine == "lmstudio":
            # LM Studio loads with flash attention off, and llama.cpp quantizes the V cache only with it on
            ctx += " (turn Flash Attention on in LM Studio's load settings: a quantized V cache needs it)"
    if v == "no":
        p = e.memory.placement
        if p.shortfall <= 0 and p.notes:  # a setting the engine refuses, not memory
            note = p.notes[0]
            keep = note[1:2].isupper()  # "vLLM refuses ...": a name keeps its case
            return f"No: {note if keep else note[:1].upper() + note[1:]}."
        if not compared:  # one asked quantization: no other was sized
            # llama.cpp and its front-ends offload layers: the shortfall is of GPU memory and RAM together
            offload = engine_family(e.engine) == "gguf" and any(not g.unified for g in e.memory.rig.gpus)
            where = " even with layers in system RAM" if offload else ""
            return f"No: {e.model.name} does not fit at {e.quant.id}; {_short_words(e)}{where}."
        # "even at" names the smallest quantization tried, which is not the one shown where the
        # near misses are all about as short (a KV cache that dwarfs the weights): then say both
        low = min(found, key=lambda x: (x.quant.bits, x.memory.total_bytes))
        if low.quant.id == e.quant.id or low.quant.bits >= e.quant.bits:
            return f"No: {e.model.name} does not fit even at {e.quant.id}; {_short_words(e)}."
        return (
            f"No: {e.model.name} does not fit even at {low.quant.id}, the smallest quantization tried; "
            f"at {e.quant.id} it is {_short_words(e)}."
        )
    if v == "gpu":
        text = (
            f"Yes: {e.model.name} fits fully on the GPU{_raised_words(e)} at {q} with {ctx}, "
            f"{_speed_words(whole(e))}"
        )
    elif v == "partial":
        text = (
            f"Yes, partly offloaded ({_offloaded(e)}): {e.model.name} at {q} with {ctx}, "
            f"{_speed_words(whole(e))}"
        )
    else:
        # sized for the CPU backend (a rig with no GPU, a phone's cores, or CPU-only asked) it is an
        # answer; on a GPU backend whose GPUs hold none of it, it runs only there
        lead = "Yes, on the CPU" if e.backend == "cpu" else "Only on the CPU"
        text = f"{lead}: {e.model.name} at {q} with {ctx}, {_speed_words(whole(e))}"
    # judged on the tenth the contract carries and the answer prints: "~10 tokens/s" is never below 10
    slow = round(e.speed.decode_tps, 1) < min_tps
    text += f"{_on_average(whole(e))}, below {min_tps:g} tokens/s." if slow else "."
    runs = [x for x in found if x.verdict != "no" and x is not e]
    better = [
        x
        for x in runs
        if x.quant.kld < e.quant.kld
        and placement_rank(x.verdict) <= placement_rank(v)
        and not _beyond_release(x.model, x.quant)
        and (users <= 1 or x.memory.placement.sequences_held >= users)
    ]
    if better:
        top = _quant_row(min(better, key=lambda x: x.quant.kld), better, min_tps)
        cache = f" with a {top.memory.kv_type} KV cache" if top.memory.kv_type != e.memory.kv_type else ""
        if cache and top.memory.kv_type != "f16" and top.engine == "lmstudio":
            cache += " and Flash Attention turned on"
        text += (
            f" For the best quality, {top.quant.id} also fits {_where(top)}{cache}{_raised_words(top)} at "
            f"{_speed_words(whole(top))}."
        )
        if cache and top.verdict == "gpu" and e.context < e.model.max_context:
            # (at the model's longest context there is none longer to make room for)
            text += f" {e.quant.id} leaves room for a longer context."
    if slow and compared:
        faster = [x for x in runs if quality_band(x.quant.kld) <= 1 and x.speed.decode_tps >= min_tps]
        if faster:
            f = max(faster, key=lambda x: (-x.quant.kld, x.speed.decode_tps))
            reach = f"reaches {_tps(f.speed.decode_tps)} {_where(f)}"
            text += f" {f.quant.id} ({quality_label(f.quant.kld)}) {reach}."
        else:
            costly = [x for x in runs if x.speed.decode_tps >= min_tps]
            if costly:
                # of one quant's runs (one per KV cache type), the best placed: the one the table shows
                f = min(costly, key=lambda x: (x.quant.kld, placement_rank(x.verdict), -x.speed.decode_tps))
                text += (
                    f" No quant of {e.model.name} of acceptable quality reaches {min_tps:g} tokens/s here; "
                    f"{f.quant.id} ({quality_label(f.quant.kld)}) would, {_where(f)}."
                )
            else:
                # the quants of this model, not every model: a smaller one may well reach it
                text += f" No quant of {e.model.name} reaches {min_tps:g} tokens/s on this rig."
    if quality_band(e.quant.kld) >= 2:
        text += " " + _cost(e.quant) + "."
        if e.model.params_b >= LOW_BIT_TOLERANT_B:
            # https://unsloth.ai/blog/deepseekr1-dynamic: the 1.58-bit build passes its Flappy Bird test
            text += (
                f" A model as large as {e.model.name} loses far less at these bits than that 8B does "
                "(unsloth's dynamic 1.58-bit DeepSeek-R1 still writes working code)."
            )
    return text


def _raised_words(e: Estimate) -> str:
    """' once macOS's GPU wired limit is raised (sudo sysctl iogpu.wired_limit_mb=60416, which leaves
    macOS 5 GiB of 64 ...)' for a fit that needs the raise; '' otherwise. The limit suggested leaves
    macOS the larger of a sixteenth of the memory and the smaller of 20 % of it and 5 GiB
    (sizing/_overhead.py raised_wired_limit_mb: exo's configure_mlx.sh rule, more on large Macs)."""
    flag = _raised_limit(e)
    if flag is None:
        return ""
    words = f" once macOS's GPU wired limit is raised ({flag}"
    total = e.memory.rig.unified_total
    mb = flag.rpartition("=")[2]
    if total > 0 and mb.isdigit():
        words += (
            f", which leaves macOS {(total - int(mb) * MiB) / GiB:.0f} GiB of {total / GiB:.0f}: "
            "the larger of a sixteenth and the smaller of 20 % and 5 GiB"
        )
    return words + ")"


def _same_band_on_gpu(e: Estimate, others: Sequence[Estimate], min_tps: float) -> Estimate | None:
    """Where the pick among the quantizations asked is offloaded: an option of the engine's ladder in the
    same quality band that runs fully on the GPUs and is clearly faster (past the 10 % an estimate is
    trusted to), the one the pick policy takes; None otherwise (Devstral Small 24B at 32k on a 16 GB
    card, asked Q4_K_M or Q5_K_M: IQ4_XS fits on the card at about twice the speed)."""
    if e.verdict in ("gpu", "no"):
        return None
    band = quality_band(e.quant.kld)
    fits = [
        x
        for x in others
        if x.verdict == "gpu"
        and quality_band(x.quant.kld) == band
        and x.speed.decode_tps * SPEED_TOLERANCE > e.speed.decode_tps
        and _raised_limit(x) is None
    ]
    return fits[_best_index(fits, min_tps)] if fits else None


def _offload_pick_note(e: Estimate, found: Sequence[Estimate], min_tps: float) -> str | None:
    """Why an offloaded pick is not the best quality of its band: the assumption line the answer
    shows (sizing/quant_policy.py, step 4)."""
    if placement_rank(e.verdict) <= placement_rank("gpu") or e.verdict == "no":
        return None
    band = quality_band(e.quant.kld)
    better = [
        x
        for x in found
        if x.verdict == e.verdict and quality_band(x.quant.kld) == band and x.quant.kld < e.quant.kld
    ]
    if not better or e.speed.decode_tps <= 0:
        return None
    top = _quant_row(min(better, key=lambda x: x.quant.kld), better, min_tps)
    ratio = e.speed.decode_tps / max(top.speed.decode_tps, 1e-9)
    reads = (
        "on the CPU, every token reads the weights from system RAM"
        if e.verdict == "cpu"
        else "offloaded, every token reads the offloaded weights from system RAM"
    )
    return (
        f"quantization: {e.quant.id} rather than {top.quant.id}, about {ratio:.1f}x as fast: {reads}, "
        f"so the pick is the best quality within "
        f"{1 - SPEED_TOLERANCE:.0%} of the fastest of its band ({quality_label(e.quant.kld)} or better); "
        f"system RAM keeps the OS's share in every option"
    )


def _with_ram(summary: str, best: Estimate, fixes: Sequence[Fix]) -> str:
    """A "no", or only a 1-2 bit fit, on a rig whose RAM was guessed: lead with the RAM that makes it
    a yes at 3.5 bits or better; for a "no", with the RAM that makes it run at all, however slowly
    (a guessed 16 GB is no reason to say a model does not run: one rule for every rig whose RAM
    decides the verdict)."""
    with_ram = [f for f in fixes if f.ram_gb is not None and f.estimate.verdict != "no"]
    runs = [f for f in with_ram if f.estimate.speed.decode_tps >= _INTERACTIVE_TPS]
    fix = next((f for f in runs if quality_band(f.estimate.quant.kld) <= 1), None)
    if fix is None and best.verdict == "no" and runs:
        fix = runs[0]
    if fix is None and best.verdict == "no" and with_ram:
        # more RAM runs it, but too slowly to lead with: still a "No", and the RAM it takes said
        slow = with_ram[0].estimate
        return (
            f"{summary} That is with the {DEFAULT_RAM_GB:g} GB of system RAM assumed (you did not say): "
            f"with {with_ram[0].ram_gb:g} GB or more, {slow.quant.id} runs {_where(slow)}, but at "
            f"{_tps(slow.speed.decode_tps)}."
        )
    if fix is None:
        return summary
    e = fix.estimate
    yes = "yes" if quality_band(e.quant.kld) <= 1 else "it runs"
    lead = (
        f"With {fix.ram_gb:g} GB of system RAM or more, {yes} "
        f"({_where(e)}): {e.model.name} at {e.quant.id} "
        f"({_quality(e)}) with {e.context:,} context, {_tps(e.speed.decode_tps)}. You did not "
        f"say how much RAM you have: with {DEFAULT_RAM_GB:g} GB"
    )
    if best.verdict == "no":
        return f"{lead} it does not fit ({_short_words(best)})."
    only = f"{best.quant.id} ({_quality(best)})"
    return f"{lead}, only {only} runs, {_where(best)}, {_tps(best.speed.decode_tps)}."


def _free_fix(best: Estimate, fixes: Sequence[Fix], min_tps: float) -> str:
    """' Without buying anything: let the GPU use more of the memory (...) to run IQ3_XXS fully on the
    GPU, ~12 tokens/s.' where a setting puts the model on the GPU at the wished speed and the best
    option as it stands does not get there."""
    if best.verdict == "gpu" and best.speed.decode_tps >= min_tps:
        return ""
    fix = next(
        (
            f
            for f in fixes
            if f.free and f.estimate.verdict == "gpu" and f.estimate.speed.decode_tps >= min_tps
        ),
        None,
    )
    if fix is None:
        return ""
    return f" Without buying anything: {fix.change}, {_tps(fix.estimate.speed.decode_tps)}."


def _past_fit_margin(best: Estimate) -> str:
    """' With -ngl 99 --fit off it runs fully on the GPU: ...' where only llama.cpp's own free-memory
    margin (and a desktop's share of the card) sends layers to the CPU: on a small card the 1 GiB
    --fit keeps free by default is a large share (llama-server --help: --fit-target, default 1024 MiB)."""
    if best.engine != "llama.cpp" or best.verdict != "partial":
        return ""
    if not any(a.startswith(_INSIDE_FIT_MARGIN) for a in best.assumptions):
        return ""
    desktop = any(d.reserve > 0 for d in best.memory.placement.devices if d.kind == "gpu")
    words = " With -ngl 99 --fit off it runs fully on the GPU"
    if desktop:
        words += " if no desktop holds part of it (a headless box, or the display on another GPU)"
    return words + ": llama.cpp keeps 1 GiB of each GPU free by default."


# the placement's note where a fit on the GPUs holds only with no desktop on the card
# (sizing/_placement_other.py)
_NO_DISPLAY = re.compile(r"^fits only if the (.+) does not drive a display$")


def _display_condition(best: Estimate) -> str:
    """' It fits only if the first GPU drives no display (a headless box, or the display on another
    GPU).' where the fit on the GPUs holds only without the desktop's share of the card: the 'Yes'
    says its condition, not only a note below."""
    if best.verdict != "gpu":
        return ""
    found = next((m for m in map(_NO_DISPLAY.match, best.assumptions) if m is not None), None)
    if found is None:
        return ""
    return (
        f" It fits only if the {found.group(1)} drives no display (a headless box, or the display on "
        "another GPU)."
    )


# --- what to change ------------------------------------------------------------------------------


def _fixes(
    model: ModelSpec, hw: Hardware, best: Estimate, found: Sequence[Estimate], min_tps: float
) -> list[Fix]:
    if best.verdict == "gpu" and best.speed.decode_tps >= min_tps and quality_band(best.quant.kld) <= 1:
        return []  # on the GPUs at speed and at 3.5 bits or better: nothing worth buying
    fixes: list[Fix] = []
    runs = [e for e in found if e.verdict != "no"]
    i = pick([_candidate(e) for e in runs], min_tps)
    alt = runs[i] if i is not None else None
    if (
        alt is not None
        and alt.quant.id != best.quant.id
        and (
            placement_rank(alt.verdict) < placement_rank(best.verdict)
            or alt.speed.decode_tps > _FASTER * best.speed.decode_tps
        )
    ):
        label = quality_label(alt.quant.kld)
        on = f" on {engine_name(alt.engine)}" if alt.engine != best.engine else ""
        fixes.append(
            Fix(f"use {alt.quant.id} ({label}){on} with {_context_words(alt)} to run {_fit_words(alt)}", alt)
        )
    # a quant that breaks the model is no fix, except for the largest models, which hold up at low
    # bits (unsloth's 1.58-bit DeepSeek-R1, https://unsloth.ai/blog/deepseekr1-dynamic)
    gpu = [
        e
        for e in found
        if e.verdict == "gpu"
        and (alt is None or e is not alt)
        and (e.quant.kld < SEVERE_KLD or model.params_b >= LOW_BIT_TOLERANT_B)
    ]
    if gpu and best.verdict != "gpu" and (alt is None or alt.verdict != "gpu"):
        o = gpu[pick([_candidate(e) for e in gpu], min_tps) or 0]
        kv = "" if o.memory.kv_type == "f16" else f" and a {o.memory.kv_type} KV cache"
        fixes.append(
            Fix(
                f"use {o.quant.id}{kv} with {_context_words(o)} to fit fully on the GPU{_raised_words(o)} "
                f"({quality_label(o.quant.kld)})",
                o,
            )
        )
    if best.verdict in ("partial", "cpu") and best.context > 2048 and engine_family(best.engine) == "gguf":
        e = _shorter(model, hw, best, gpu_only=True)
        if e is not None and e.verdict == "gpu":
            fixes.append(
                Fix(
                    f"shorten the context to {e.context:,} tokens to fit fully on the GPU{_raised_words(e)}",
                    e,
                )
            )
    if best.verdict == "no" and best.context > _CONTEXT_STEPS[0]:
        # vLLM, SGLang and ExLlama reserve the whole context up front: a shorter one is the free fix
        e = _shorter(model, hw, best, gpu_only=False)
        if e is not None and e.verdict != "no":
            fixes.append(Fix(f"shorten the context to {e.context:,} tokens to fit {_fit_words(e)}", e))
    settings = list(fixes)  # the changes that cost nothing to make
    for u in upgrades(model, hw, best, min_tps):
        bought = not u.free and u.ram_gb is None  # hardware to add, not a setting or the RAM to have
        if bought and any(_gives_as_much(f.estimate, u.estimate) for f in settings):
            continue  # a setting already runs it as well: no purchase for the same outcome
        fixes.append(Fix(u.change, u.estimate, u.price_usd, u.ram_gb, u.free))
    return fixes[:5]


# a purchase is worth naming beside a free change that runs the same quantization where it makes it at least
# this much faster (the upgrades' own "clearly better" step: fully on the GPUs at 1.5x the speed)
_CLEARLY_FASTER = 1.5


def _gives_as_much(free: Estimate, bought: Estimate) -> bool:
    """Does the free change run a quantization at least as good as the purchase's (the same one, or
    one losing less) at as long a context, as far on the GPUs, and at least 1/1.5 of its speed?"""
    where = ("cpu", "partial", "gpu")
    return (
        free.verdict != "no"
        and where.index(free.verdict) >= where.index(bought.verdict)
        and free.quant.kld <= bought.quant.kld
        and free.context >= bought.context
        and _CLEARLY_FASTER * free.speed.decode_tps > bought.speed.decode_tps
    )


def _context_words(e: Estimate) -> str:
    """'40,960 context': every fix says its context, so two fixes at different contexts compare."""
    return f"{e.context:,} context"


def _fit_words(e: Estimate) -> str:
    """Where `e` runs, with the macOS wired-limit raise it needs said (never a fit on the raised limit
    passed off as one on the default)."""
    return _where(e) + _raised_words(e)


def _shorter(model: ModelSpec, hw: Hardware, best: Estimate, *, gpu_only: bool) -> Estimate | None:
    """`best` at the longest shorter context that keeps it on the GPUs (`gpu_only`) or running at all."""
    kv = best.memory.kv_type
    shorter = _largest_context(model, hw, best, kv, gpu_only=gpu_only, below=best.context - 1)
    if shorter is None:
        return None

    def at(context: int) -> Estimate | None:
        return estimate_or_none(
            model,
            hw,
            quant=best.quant,
            context=context,
            engine=best.engine,
            backend=best.backend,
            kv_type=kv,
            engine_options=best.memory.options,
        )

    e = at(shorter)
    if e is None or engine_family(best.engine) != "paged":
        return e
    # a serving engine fits a longer context as pipeline stages (about one GPU's speed for one user)
    # where tensor parallelism over every GPU would not: the next step down that keeps the tensor
    # parallelism is the better fix
    gpus = len(e.memory.placement.gpu_devices)
    if gpus < 2 or e.memory.placement.tensor_parallel >= gpus:
        return e
    for context in sorted((c for c in _CONTEXT_STEPS if c < shorter), reverse=True)[:_TP_STEPS_DOWN]:
        wide = at(context)
        if wide is not None and wide.verdict != "no" and wide.memory.placement.tensor_parallel > 1:
            return wide
    return e


def _sized_or_none(model: ModelSpec, hw: Hardware, **options: Any) -> Sized | None:
    """The memory half of `estimate_or_none` (what the hints read: where it runs, what it takes)."""
    try:
        return size(model, hw, **options)
    except SizingError:
        return None


def _parallel_words(p: Placement) -> str:
    """How the serving command spreads the model: tensor parallel over a group, pipeline stages of
    such groups (the --tensor-parallel-size and --pipeline-parallel-size it prints)."""
    used = sum(1 for d in p.gpu_devices if d.weights > 0)
    tp = max(1, p.tensor_parallel)
    pp = max(1, used // tp)
    if pp > 1 and tp > 1:
        return f"{pp} pipeline stages of tensor parallel {tp} ({used} GPUs)"
    if pp > 1:
        return f"pipeline parallel {pp} (layers split over {pp} GPUs)"
    if tp > 1:
        return f"tensor parallel {tp}"
    return "one GPU (tensor parallel 1)"


def _engine_hints(model: ModelSpec, hw: Hardware, best: Estimate) -> list[str]:
    hints: list[str] = []
    apple = hw.soc is not None and hw.soc.spec is not None and hw.soc.spec.vendor == "apple"
    if apple and best.engine != "mlx":
        mlx = _sized_or_none(
            model, hw, engine="mlx", quant=equivalent_quant(best.quant, "mlx"), context=best.context
        )
        if mlx is not None and mlx.memory.placement.verdict == "gpu":
            hints.append(
                f"On a Mac, MLX (mlx-lm) also runs it: {mlx.quant.id} needs "
                f"{mlx.memory.total_bytes / 1e9:.0f} GB; it is often a little faster than llama.cpp."
            )
    identical = [
        g
        for g in hw.gpus
        if g.kind == "gpu" and g.count >= 2 and g.spec is not None and g.spec.vendor in ("nvidia", "amd")
    ]
    # offered only where vLLM's own builds run (an unlisted AMD chip needs a community build)
    serves = (
        identical
        and hw.machines == 1  # tensor parallel across computers needs a fast interconnect, not a LAN
        and engine_problem("vllm", hw, engine_backend("vllm", hw)) is None
        and rocm_architecture_problem("vllm", hw) is None
    )
    if serves and engine_family(best.engine) != "paged":
        v = _sized_or_none(model, hw, engine="vllm", context=best.context)
        if v is not None and v.engine == "vllm" and v.memory.placement.verdict == "gpu":
            hints.append(
                f"Serving several users at once? vLLM/SGLang fits {v.quant.id} on your "
                f"{identical[0].count}x {identical[0].name} with {_parallel_words(v.memory.placement)}."
            )
    nvfp4 = [r.repo for r in default_repos().for_model(model.id) if r.kind == "nvfp4"]
    if nvfp4 and engine_family(best.engine) == "gguf" and _has_blackwell(hw):
        fp4 = _sized_or_none(model, hw, engine="vllm", quant="NVFP4", context=best.context)
        tps = decode_rate(fp4) if fp4 is not None and fp4.memory.placement.verdict == "gpu" else 0.0
        if tps > _FASTER * best.speed.decode_tps:
            hints.append(
                f"Blackwell runs FP4 natively: the NVFP4 checkpoint {nvfp4[0]} with vLLM fits fully on the "
                f"GPU here, {_tps(tps)}."
            )
    hints += _expert_offload_hint(model, hw, best)
    hints += _pasted_cpu_moe_hint(hw, best)
    # experts in RAM cross PCIe to a discrete GPU; on unified memory they stay where they are
    discrete = hw.soc is None and any(g.kind == "gpu" for g in hw.gpus)  # an iGPU reads RAM in place
    if best.memory.placement.strategy == "expert_offload" and best.engine == "llama.cpp" and discrete:
        hints.append(
            "Prompt processing with experts in RAM is PCIe-bound: a larger batch (-ub 2048) speeds it up."
        )
    return hints


def _pasted_cpu_moe_hint(hw: Hardware, best: Estimate) -> list[str]:
    """The pasted --n-cpu-moe (or an -ot of the experts, --cpu-moe) is the one sized: where llama.cpp's
    own fit keeps fewer layers' experts in RAM and runs clearly faster, the line that does, and how
    fast."""
    asked = best.memory.options.cpu_moe_layers
    placed = best.memory.placement
    if asked is None or placed.strategy != "expert_offload" or best.engine != "llama.cpp":
        return []
    fitted = estimate_again(best, hw, engine_options=replace(best.memory.options, cpu_moe_layers=None))
    if fitted is None or fitted.memory.placement.strategy != "expert_offload":
        return []
    fewer = fitted.memory.placement.cpu_moe_layers
    if fewer >= placed.cpu_moe_layers or fitted.speed.decode_tps < _FASTER * best.speed.decode_tps:
        return []
    return [
        f"The line you pasted keeps the experts of {placed.cpu_moe_layers} layers in system RAM "
        f"({_tps(best.speed.decode_tps)}, as sized here); --n-cpu-moe {fewer} in its place keeps the "
        f"rest on the GPU, {_tps(fitted.speed.decode_tps)}."
    ]


def _expert_offload_hint(model: ModelSpec, hw: Hardware, best: Estimate) -> list[str]:
    """Ollama offloads an MoE by whole layers (num_gpu; keeping only the routed experts in RAM is an
    open request, github.com/ollama/ollama/issues/11772): where llama.cpp's --n-cpu-moe, which keeps
    attention and the shared weights of every layer on the GPU, is clearly faster, say so."""
    if best.engine != "ollama" or model.moe is None or best.memory.placement.strategy != "layer_offload":
        return []
    e = estimate_or_none(model, hw, engine="llama.cpp", quant=best.quant.id, context=best.context)
    if e is None or e.memory.placement.strategy != "expert_offload":
        return []
    tps = e.speed.decode_tps
    if tps <= _FASTER * best.speed.decode_tps:
        return []
    return [
        f"Ollama offloads whole layers (it cannot keep only the experts in RAM): llama.cpp's llama-server "
        f"with --n-cpu-moe {e.memory.placement.cpu_moe_layers} keeps attention on the GPU and only the "
        f"experts of {e.memory.placement.cpu_moe_layers} layers in RAM, {_tps(tps)} at {e.quant.id}."
    ]


def fits_on_gpus_below(model: ModelSpec, hw: Hardware, asked: Estimate) -> Estimate | None:
    """The best quantization below the one of `asked` (its engine's ladder, every step, a severe loss
    included) that holds `model` fully on the GPUs of `hw` at the same context; None where none does:
    what answers "would a q3 fit fully on the GPU, or is it hopeless?". A front-end of llama.cpp
    (Ollama) that loads fewer GGUF types leaves the rest to llama.cpp itself."""
    engines = [asked.engine]
    if engine_family(asked.engine) == "gguf" and asked.engine != "llama.cpp":
        engines.append("llama.cpp")
    for engine in engines:
        for quant in _candidate_quants(model, engine, hw, like=asked.quant):
            if quant.bits >= asked.quant.bits:
                continue
            e = estimate_again(asked, hw, quant=quant, engine=engine)
            if e is not None and e.verdict == "gpu":
                return e
    return None


def gpu_only_words(model: ModelSpec, hw: Hardware, asked: Estimate) -> str:
    """Why an engine that holds every weight on the GPUs (ExLlama, vLLM, SGLang) does not run
    `model` where llama.cpp offloads it, and for ExLlama the most bits a weight that fit: "ExLlama
    holds the whole model in VRAM (no offload to system RAM): at EXL2-4.0 it is about 14 GB short;
    EXL2-2.5 (large loss) fits, ~23 tokens/s."."""
    name = engine_name(asked.engine)
    if engine_family(asked.engine) == "gguf":
        # llama.cpp and its front-ends offload layers (-ngl, Ollama's num_gpu): the shortfall is of
        # GPU memory and system RAM together
        return f"With {name}, {asked.quant.id} is {_short_words(asked)} even with layers in system RAM."
    held = (
        "holds the whole model in VRAM (no offload to system RAM)"
        if engine_family(asked.engine) == "exllama"
        # vLLM's and SGLang's --cpu-offload-gb reads the offloaded weights over PCIe every step
        else "keeps the weights in GPU memory (its --cpu-offload-gb, not sized here, reads the rest over PCIe"
        " every step)"
    )
    text = f"{name} {held}: at {asked.quant.id} it is {_short_words(asked)}"
    if engine_family(asked.engine) == "exllama":
        fmt = asked.quant.id.split("-", 1)[0]
        for bits in _EXL_STEPS:
            if bits >= asked.quant.bits:
                continue
            e = estimate_or_none(
                model,
                hw,
                quant=f"{fmt} {bits:g}bpw",
                context=asked.context,
                engine=asked.engine,
                backend=asked.backend,
            )
            if e is not None and e.verdict == "gpu":
                return (
                    text + f"; {e.quant.id} ({quality_label(e.quant.kld)}) fits, {_tps(e.speed.decode_tps)}."
                )
        return text + f"; no {fmt} size fits."
    return text + "."
