"""A smaller model of the asked model's family, where the asked one runs badly on a rig.

"Phi-4 on a Raspberry Pi 5 8GB": 14B fits only at 2 bits there, at ~1 token/s; Phi-4 Mini runs at
4 bits. The siblings are the catalog's models of the same family (its distills included: "DeepSeek
R1 Distill" beside "DeepSeek R1"), largest first; each tried costs one estimate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter

from ._bounds import gguf_beyond_gpus
from ._engines import engine_family
from ._errors import SizingError
from ._pools import per_object
from .advise import LOW_BIT_TOLERANT_B
from .catalog import ModelSpec, quant_by_id
from .estimate import Estimate, Sized, complete, ranked, size
from .hardware import Hardware
from .quant_policy import AS_FAST, SPEED_TOLERANCE, quality_band
from .speed import decode_tps_ceiling
from .vocabulary import DEFAULT_MIN_TPS, SplitMode

__all__ = ["smaller_sibling"]

# a smaller model of the same family is worth naming at most this share of the asked model's size
SIBLING_SHARE = 0.8
SIBLINGS_TRIED = 4  # the largest few: each costs one estimate
SIBLING_SPEEDUP = 2.0  # where none runs well, one this much faster than the asked model still helps
_INTERACTIVE_TPS = 2.0  # slower than this, nobody chats with a model
# better GGUF quantizations a sibling that fits fully on the GPUs at 4 bits is tried at, best first:
# a small model on a big rig runs at 8 bits, as `best` offers it
_ROOMY_STEPS = ("Q8_0", "Q6_K", "Q5_K_M")


def _of_family(models: Iterable[ModelSpec], family: str, named: str) -> Iterable[ModelSpec]:
    """The models of `family` or of a family named after it ("DeepSeek R1 Distill"), in their order
    in `models`; a catalog's tuple is looked up by family, not scanned model by model."""
    if not isinstance(models, tuple):
        return (m for m in models if m.family == family or m.family.startswith(named))
    index = _family_index(models)
    found = [pair for f, pairs in index.items() if f == family or f.startswith(named) for pair in pairs]
    found.sort(key=itemgetter(0))
    return [m for _, m in found]


@per_object  # the catalog's models: one tuple, asked at every answer
def _family_index(models: tuple[ModelSpec, ...]) -> Mapping[str, tuple[tuple[int, ModelSpec], ...]]:
    """Each family's models with their places in `models`."""
    index: dict[str, list[tuple[int, ModelSpec]]] = {}
    for k, m in enumerate(models):
        index.setdefault(m.family, []).append((k, m))
    return {family: tuple(pairs) for family, pairs in index.items()}


def smaller_sibling(
    model: ModelSpec,
    hw: Hardware,
    models: Iterable[ModelSpec],
    now: Estimate,
    *,
    min_tps: float = DEFAULT_MIN_TPS,
    context: int | None = None,
    others: Sequence[Estimate] = (),
) -> Estimate | None:
    """The largest smaller model of `model`'s family that runs on `hw` where `now` (the asked model's
    recommended option) runs badly: at the engine's usual quantization (4-bit), fully on the GPUs or
    at half the wished speed or more (one fully on the GPUs at the best GGUF quantization that still
    fits there); else one at least twice as fast as `now`. Where `now` is usable (at
    most a noticeable loss, at an interactive speed) only one twice as fast is named. None where `now`
    runs at the wished speed at an acceptable quantization (at most a noticeable loss), wherever it is
    placed: a smaller model is then a downgrade, not "better"; None where another of the asked model's
    options (`others`: another quantization or KV cache) does so, a switch of quantization being the
    advice then; and None where no sibling does better. A model as large as LOW_BIT_TOLERANT_B counts
    as acceptable at any quantization: large models lose far less to it."""
    if any(_runs_well(e, min_tps) for e in (now, *others)):
        return None
    family, named = model.family, f"{model.family} "  # "DeepSeek R1 Distill" is of "DeepSeek R1"
    tasks = set(model.tasks)
    siblings = sorted(
        (
            m
            for m in _of_family(models, family, named)
            if not m.is_generic
            and m.params_b <= SIBLING_SHARE * model.params_b
            and not tasks.isdisjoint(m.tasks)
            # a sibling carrying encoders the asked model has none of loads weights nobody asked for
            and not (m.vision_params_b and not model.vision_params_b)
        ),
        key=lambda m: -m.params_b,
    )
    faster = SIBLING_SPEEDUP * now.speed.decode_tps if now.verdict != "no" else 0.0
    # a sibling slower than `now` runs no better, unless it reaches the wished speed `now` misses
    as_fast = SPEED_TOLERANCE * now.speed.decode_tps if now.verdict != "no" else 0.0
    # a big model at 3 bits and an interactive speed beats a smaller one at 4 bits (large models lose
    # less to quantization): only a much faster sibling is worth naming beside it
    usable = now.verdict != "no" and _acceptable(now) and now.speed.decode_tps >= _INTERACTIVE_TPS
    # each sibling sized with its decode speed alone (what the choice reads), largest first: the
    # first that runs well is the one named (estimated whole); else the first much faster than now
    better: list[tuple[Sized, tuple[SplitMode, float]]] = []
    for m in siblings[:SIBLINGS_TRIED]:
        try:
            s = size(m, hw, context=context, engine=now.engine, evidence=False)
        except SizingError:
            continue
        if quality_band(s.quant.kld) != 0 or s.memory.placement.verdict == "no":
            continue
        # what any outcome below needs of an option not fully on the GPUs: its speed, bounded from
        # its placement first (sizing/speed.py `decode_tps_ceiling`)
        needed = (
            max(min_tps / 2, faster)
            if better
            else min(max(min_tps / 2, faster), max(_INTERACTIVE_TPS, faster))
        )
        if s.memory.placement.verdict != "gpu" and _ceiling(s) < needed:
            continue
        ranked_as, decoded = ranked(s)
        tps = ranked_as.speed.decode_tps
        # usable: fully on the GPUs, or offloaded at about the wished speed and much faster than now
        slower = tps < as_fast and not tps >= min_tps > now.speed.decode_tps
        if (
            not usable
            and not slower
            and (s.memory.placement.verdict == "gpu" or tps >= max(min_tps / 2, faster))
        ):
            return complete(*_roomier(s, (s, decoded), max(min_tps, faster), context))
        if better:
            continue  # only the first much faster one is named: a later one matters only above
        # where `now` is usable but not good (a noticeable loss, or offloaded below the wish): the largest
        # sibling at a good quantization fully on the GPUs and as fast runs better; else a much faster one
        # (beside a usable pick, "runs better" never names a slower setup: at least the pick's speed)
        floor = max(_INTERACTIVE_TPS, AS_FAST * now.speed.decode_tps if usable else faster)
        if s.memory.placement.verdict == "gpu" and tps >= floor:
            better.append(_roomier(s, (s, decoded), floor, context))
        elif tps >= max(_INTERACTIVE_TPS, faster):
            better.append((s, decoded))
        if better and usable:
            break  # where `now` is usable, nothing returns above: the first is the one named
    return complete(*better[0]) if better else None


def _acceptable(e: Estimate) -> bool:
    """At most a noticeable loss, or any quantization of a model as large as LOW_BIT_TOLERANT_B (one
    still works at 1-2 bits a weight: unsloth's dynamic 1.58-bit DeepSeek-R1)."""
    return quality_band(e.quant.kld) <= 1 or e.model.params_b >= LOW_BIT_TOLERANT_B


def _runs_well(e: Estimate, min_tps: float) -> bool:
    return e.verdict != "no" and _acceptable(e) and e.speed.decode_tps >= min_tps


def _ceiling(s: Sized) -> float:
    return decode_tps_ceiling(s.memory, backend=s.backend, quant=s.quant, engine=s.engine)


def _roomier(
    s: Sized, fallback: tuple[Sized, tuple[SplitMode, float]], floor_tps: float, context: int | None
) -> tuple[Sized, tuple[SplitMode, float]]:
    """`s` (a sibling fully on the GPUs) at the best GGUF quantization that still fits there at
    `floor_tps` or faster; `fallback` where none does or the engine is not a GGUF one."""
    if s.memory.placement.verdict != "gpu" or engine_family(s.engine) != "gguf":
        return fallback
    for q in (quant_by_id(i) for i in _ROOMY_STEPS):
        if q.bits <= s.quant.bits:
            break
        if gguf_beyond_gpus(
            s.model, q, s.hardware, context=s.context, engine=s.engine, backend=s.backend, kv_type="f16"
        ):
            continue  # not fully on the GPUs for certain (sizing/_bounds.py): not sized
        try:
            better = size(s.model, s.hardware, quant=q, context=context, engine=s.engine, evidence=False)
        except SizingError:
            continue
        if better.memory.placement.verdict != "gpu":
            continue
        ranked_as, decoded = ranked(better)
        if ranked_as.speed.decode_tps >= floor_tps:
            return better, decoded
    return fallback
