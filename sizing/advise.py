"""What to do: the best way to run a model on a rig, and what to change when it does not fit.

The default need: fully on the GPUs at the best quality that keeps at least 10 tokens/s at the
asked context. Quality order of quantizations is llama.cpp's KL-divergence scoreboard
(sizing/catalog/data/quants.yaml cites it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ._engines import default_backend, engine_family
from ._errors import EstimateError, SizingError
from ._overhead import GiB, raised_wired_limit_mb
from .catalog import ModelSpec, QuantSpec, quant_by_id
from .estimate import Estimate, estimate, estimate_or_none
from .hardware import GpuGroup, Hardware
from .memory import estimate_memory
from .vocabulary import DEFAULT_MIN_TPS, SEVERE_KLD

__all__ = ["Advice", "Fix", "Option", "advise", "dominates", "quality_label"]

# the GGUF ladder tried for every model, best quality first
_GGUF_LADDER = ("Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "IQ4_XS", "Q3_K_M", "IQ3_XXS", "Q2_K", "IQ2_XXS", "IQ1_S")
_VERDICT_RANK = {"gpu": 0, "partial": 1, "cpu": 2, "no": 3}
_CONTEXT_STEPS = (2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1048576)


def quality_label(kld: float) -> str:
    """How much a quantization costs, in words (bands from llama.cpp's Llama 3 8B KLD scoreboard)."""
    if kld < 0.01:
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

    @property
    def kld(self) -> float:
        return self.estimate.quant.kld


@dataclass(frozen=True, slots=True)
class Fix:
    """A change that makes it run (fully on GPU, or at all), with what it gives."""

    change: str
    estimate: Estimate


@dataclass(frozen=True, slots=True)
class Advice:
    model: ModelSpec
    hardware: Hardware
    options: tuple[Option, ...]  # best first
    fixes: tuple[Fix, ...]
    hints: tuple[str, ...]
    summary: str
    min_tps: float

    @property
    def best(self) -> Option | None:
        return self.options[0] if self.options else None


def _candidate_quants(model: ModelSpec, engine_family_name: str) -> list[QuantSpec]:
    if engine_family_name == "mlx":
        return [quant_by_id(q) for q in ("MLX-8bit", "MLX-6bit", "MLX-4bit", "MLX-3bit")]
    if engine_family_name == "paged":
        return [quant_by_id(q) for q in ("BF16-HF", "FP8", "AWQ-INT4")]
    ladder = [quant_by_id(q) for q in _GGUF_LADDER]
    if model.native_dtype == "mxfp4":
        ladder = [quant_by_id("MXFP4")] + [q for q in ladder if q.bits < 4.25]
    return ladder


_ALTERNATIVES_SHOWN = 2  # smaller quants listed after the best one that fits and keeps up


def _good(o: Option, min_tps: float) -> bool:
    e = o.estimate
    return e.verdict == "gpu" and e.speed.decode_tps >= min_tps and e.quant.kld < SEVERE_KLD


def _rank_key(o: Option, min_tps: float) -> tuple[float, ...]:
    """Tiers: fast enough at acceptable quality (GPU first, then best quality); fast but severe loss;
    too slow (fastest first); does not fit."""
    e = o.estimate
    fast = e.speed.decode_tps >= min_tps
    if e.verdict == "no":
        tier = 3.0
    elif fast and e.quant.kld < SEVERE_KLD:
        tier = 0.0
    elif fast:
        tier = 1.0
    else:
        tier = 2.0
    if tier < 2:
        within: tuple[float, ...] = (_VERDICT_RANK[e.verdict], e.quant.kld)
    elif tier == 2:
        within = (-e.speed.decode_tps, e.quant.kld)
    else:  # nothing fits: the nearest miss first
        within = (e.memory.placement.shortfall, e.quant.kld)
    return (tier, *within, 0.0 if e.memory.kv_type == "f16" else 1.0, -e.speed.decode_tps)


def dominates(a: Estimate, b: Estimate) -> bool:
    """`a` is at least as good as `b` in every way a user cares about (within measurement noise)."""
    return (
        a.quant.kld <= b.quant.kld
        and _VERDICT_RANK[a.verdict] <= _VERDICT_RANK[b.verdict]
        and a.speed.decode_tps >= 0.97 * b.speed.decode_tps
        and a.memory.total_bytes <= 1.03 * b.memory.total_bytes
        and (a.memory.kv_type == "f16" or b.memory.kv_type != "f16")
    )


def _undominated(options: Sequence[Option]) -> list[Option]:
    """Drop options no one should pick: e.g. Q3_K_M of gpt-oss, whose experts stay MXFP4, is no
    smaller or faster than MXFP4 itself but loses quality."""
    kept: list[Option] = []
    for o in options:
        if not any(dominates(k.estimate, o.estimate) for k in kept):
            kept.append(o)
    return kept


def _verdict_at(
    model: ModelSpec, hw: Hardware, base: Estimate, context: int, *, gpu_only: bool = False
) -> str:
    """Where `base` would run at another context: memory only (no speed), for searches."""
    try:
        mem = estimate_memory(
            model,
            base.quant,
            hw,
            context=context,
            engine=base.engine,
            backend=base.backend,
            kv_type=base.memory.kv_type,
            flash_attention=base.memory.flash_attention,
            gpu_only=gpu_only,
        )
    except SizingError:
        return "no"
    return mem.placement.verdict


def _largest_context_on_gpu(model: ModelSpec, hw: Hardware, base: Estimate, below: int) -> int | None:
    """The largest context up to `below` (standard steps plus the model's own limit) that keeps the
    model fully on the GPUs. Memory grows with context, so a bisection over the steps finds it."""
    steps = sorted({c for c in (*_CONTEXT_STEPS, model.max_context) if c <= min(below, model.max_context)})
    lo, hi = 0, len(steps)  # steps[:lo] fit; steps[hi:] do not
    while lo < hi:
        mid = (lo + hi) // 2
        if _verdict_at(model, hw, base, steps[mid], gpu_only=True) == "gpu":
            lo = mid + 1
        else:
            hi = mid
    return steps[lo - 1] if lo else None


def max_context_on_gpu(model: ModelSpec, hw: Hardware, base: Estimate) -> int | None:
    """The largest standard context (or the model's maximum) that keeps it fully on the GPUs, or None."""
    return _largest_context_on_gpu(model, hw, base, model.max_context)


def advise(
    model: ModelSpec,
    hw: Hardware,
    *,
    context: int | None = None,
    engine: str | None = None,
    backend: str | None = None,
    quant: QuantSpec | str | None = None,
    min_tps: float = DEFAULT_MIN_TPS,
    kv_types: Sequence[str] = ("f16", "q8_0"),
    extra_assumptions: tuple[str, ...] = (),
) -> Advice:
    """Rank the ways to run `model` on `hw` and say what to change when none is good."""
    chosen_backend = backend or default_backend(hw)
    engines = [engine] if engine else ["llama.cpp"]
    options: list[Option] = []
    errors: list[str] = []
    for eng in engines:
        quants = [quant] if quant is not None else _candidate_quants(model, engine_family(eng))
        after_good = 0  # quants tried since one fit on the GPUs fast enough: lower ones only rank below it
        for q in quants:
            if after_good >= _ALTERNATIVES_SHOWN:
                break
            if after_good or any(_good(o, min_tps) for o in options):
                after_good += 1
            for kv in kv_types:
                try:
                    e = estimate(
                        model,
                        hw,
                        quant=q,
                        context=context,
                        engine=eng,
                        backend=chosen_backend,
                        kv_type=kv,
                        extra_assumptions=extra_assumptions,
                    )
                except EstimateError as err:
                    errors.append(str(err))
                    continue
                options.append(Option(e))
                if e.verdict == "gpu" and kv == "f16":
                    break  # a smaller cache changes nothing when f16 already fits
    if not options:
        raise EstimateError(errors[0] if errors else f"cannot size {model.name} on this rig")
    options.sort(key=lambda o: _rank_key(o, min_tps))
    options = _undominated(options)
    # the largest context for the best few options that sit on the GPUs
    top = [
        replace(o, max_context=max_context_on_gpu(model, hw, o.estimate))
        if o.estimate.verdict == "gpu"
        else o
        for o in options[:3]
    ]
    options = top + options[3:]
    best = options[0].estimate
    fixes = _fixes(model, hw, best, options, min_tps, context)
    hints = _engine_hints(model, hw, best)
    summary = _summary(best, min_tps)
    if best.quant.kld >= SEVERE_KLD:
        better = [
            o.estimate
            for o in options
            if o.kld < SEVERE_KLD and o.estimate.verdict != "no" and o.estimate.speed.decode_tps >= 1.0
        ]
        if better:
            alt = min(better, key=lambda e: e.quant.kld)
            summary += (
                f" For better quality, {alt.quant.id} runs {alt.memory.placement.verdict} "
                f"at ~{alt.speed.decode_tps:.1f} tokens/s."
            )
    return Advice(model, hw, tuple(options), tuple(fixes), tuple(hints), summary, min_tps)


def _summary(e: Estimate, min_tps: float) -> str:
    v = e.verdict
    spd = (
        f"~{e.speed.decode_tps:.0f} tokens/s"
        if e.speed.decode_tps >= 1
        else f"~{e.speed.decode_tps:.1f} tokens/s"
    )
    q = f"{e.quant.id} ({quality_label(e.quant.kld)})"
    ctx = f"{e.context:,} context"
    if v == "gpu":
        slow = "" if e.speed.decode_tps >= min_tps else f", but below {min_tps:g} tokens/s"
        return f"Yes: {e.model.name} fits fully on the GPU at {q} with {ctx}, {spd}{slow}."
    if v == "partial":
        how = (
            "experts in system RAM"
            if e.memory.placement.strategy == "expert_offload"
            else "some layers on the CPU"
        )
        return f"Yes, partly offloaded ({how}): {q} with {ctx}, {spd}."
    if v == "cpu":
        return f"Only on the CPU: {q} with {ctx}, {spd}."
    short = e.memory.placement.shortfall / 1e9
    return f"No: {e.model.name} does not fit even at {e.quant.id}; about {short:.0f} GB short."


def _with_extra_gpu(hw: Hardware) -> Hardware | None:
    named = [g for g in hw.gpus if g.kind == "gpu" and g.id is not None]
    if not named:
        return None
    g = named[0]
    gpus = tuple(
        GpuGroup(id=x.id, name=x.name, count=x.count + 1, vram_gb=x.vram_gb, kind=x.kind, spec=x.spec)
        if x is g
        else x
        for x in hw.gpus
    )
    return hw.model_copy(update={"gpus": gpus})


def _fixes(
    model: ModelSpec,
    hw: Hardware,
    best: Estimate,
    options: Sequence[Option],
    min_tps: float,
    context: int | None,
) -> list[Fix]:
    if best.verdict == "gpu" and best.speed.decode_tps >= min_tps:
        return []
    fixes: list[Fix] = []
    gpu_options = [o for o in options if o.estimate.verdict == "gpu"]
    if gpu_options and best.verdict != "gpu":
        o = min(gpu_options, key=lambda o: (o.kld, o.estimate.memory.kv_type != "f16"))
        kv = "" if o.estimate.memory.kv_type == "f16" else f" and a {o.estimate.memory.kv_type} KV cache"
        fixes.append(
            Fix(f"use {o.estimate.quant.id}{kv} to fit fully on the GPU ({quality_label(o.kld)})", o.estimate)
        )
    if best.verdict != "gpu" and best.context > 2048:
        shorter = _largest_context_on_gpu(model, hw, best, best.context - 1)
        if shorter is not None:
            e = estimate_or_none(
                model, hw, quant=best.quant, context=shorter, engine=best.engine, backend=best.backend
            )
            if e is not None and e.verdict == "gpu":
                fixes.append(Fix(f"shorten the context to {shorter:,} tokens to fit fully on the GPU", e))
    wired = _raised_wired_limit(model, hw, best)
    if wired is not None:
        fixes.append(wired)
    if best.verdict == "no":
        more = _more_ram(model, hw, best)
        if more is not None:
            fixes.append(more)
    more_gpu = _with_extra_gpu(hw)
    if more_gpu is not None and best.verdict != "gpu":
        e = estimate_or_none(
            model, more_gpu, quant=best.quant, context=best.context, engine=best.engine, backend=best.backend
        )
        name = next(g.name for g in hw.gpus if g.kind == "gpu" and g.id is not None)
        if e is not None and e.verdict == "gpu":
            fixes.append(Fix(f"add one more {name} to fit fully on the GPUs", e))
    return fixes[:4]


def _raised_wired_limit(model: ModelSpec, hw: Hardware, best: Estimate) -> Fix | None:
    """On a Mac, macOS lets the GPU wire only part of the memory; raising the limit often fits it."""
    soc = hw.soc
    if best.verdict == "gpu" or soc is None or soc.spec is None or soc.spec.vendor != "apple":
        return None
    if not hw.unified_memory_gb:
        return None
    limit_mb = raised_wired_limit_mb(hw.unified_memory_gb * GiB * soc.count)
    e = estimate_or_none(
        model,
        hw,
        quant=best.quant,
        context=best.context,
        engine=best.engine,
        backend=best.backend,
        kv_type=best.memory.kv_type,
        wired_limit_mb=limit_mb,
    )
    if e is None or e.verdict != "gpu":
        return None
    return Fix(
        f"let the GPU use more of the memory: sudo sysctl iogpu.wired_limit_mb={limit_mb} "
        "(until reboot) to fit fully on the GPU",
        e,
    )


def _more_ram(model: ModelSpec, hw: Hardware, best: Estimate) -> Fix | None:
    if hw.soc is not None:
        return None
    have = hw.ram_gb or 16.0
    for extra in (16, 32, 64, 128, 256, 512):
        total = have + extra
        more = hw.model_copy(update={"ram_gb": total})
        if _verdict_at(model, more, best, best.context) == "no":
            continue
        e = estimate_or_none(
            model, more, quant=best.quant, context=best.context, engine=best.engine, backend=best.backend
        )
        if e is not None and e.verdict != "no":
            return Fix(f"add {extra} GB of system RAM ({total:g} GB in all) to run it partly offloaded", e)
    return None


def _engine_hints(model: ModelSpec, hw: Hardware, best: Estimate) -> list[str]:
    hints: list[str] = []
    if hw.soc is not None and hw.soc.spec is not None and hw.soc.spec.vendor == "apple":
        mlx = estimate_or_none(model, hw, engine="mlx", context=best.context)
        if mlx is not None and mlx.verdict == "gpu":
            hints.append(
                f"On a Mac, MLX (mlx-lm) also runs it: {mlx.quant.id} needs "
                f"{mlx.memory.total_bytes / 1e9:.0f} GB; it is often a little faster than llama.cpp."
            )
    identical = [
        g
        for g in hw.gpus
        if g.kind == "gpu" and g.count >= 2 and g.spec is not None and g.spec.vendor in ("nvidia", "amd")
    ]
    if identical:
        v = estimate_or_none(model, hw, engine="vllm", context=best.context)
        if v is not None and v.verdict == "gpu":
            hints.append(
                "Serving several users at once? vLLM/SGLang with tensor parallel "
                f"{v.memory.placement.tensor_parallel} "
                f"fits {v.quant.id} on your {identical[0].count}x {identical[0].name}."
            )
    if best.memory.placement.strategy == "expert_offload":
        hints.append(
            "Prompt processing with experts in RAM is PCIe-bound: a larger batch (-ub 2048) speeds it up."
        )
    return hints
