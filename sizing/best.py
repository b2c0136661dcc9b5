"""The best models for a rig: those that run at a usable speed, ranked by a size/recency proxy."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from ._engines import default_backend
from ._errors import SizingError
from ._pools import rig_pools
from ._weights import weight_bytes
from .catalog import ModelSpec, active_params, quant_by_id, total_params
from .estimate import Estimate, estimate_or_none
from .hardware import Hardware
from .vocabulary import DEFAULT_MIN_TPS

__all__ = ["best_models"]

# quantizations tried for each model, best quality first (MXFP4-native models keep MXFP4)
_LADDER = ("Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "IQ4_XS", "Q3_K_M")


def _quality_score(m: ModelSpec, today: dt.date) -> float:
    """A size-and-recency proxy: canirun has no benchmark scores, so bigger and newer rank higher."""
    total = max(m.params_b, 0.1)
    active = m.active_params_b or total
    age_years = (today - (m.released or dt.date(2023, 1, 1))).days / 365.25
    return math.log2(total) * 0.6 + math.log2(active) * 0.8 - 0.9 * max(0.0, age_years)


def best_models(
    models: Iterable[ModelSpec],
    hw: Hardware,
    *,
    context: int | None = None,
    task: str | None = None,
    min_tps: float = DEFAULT_MIN_TPS,
    limit: int = 10,
    today: dt.date | None = None,
) -> list[Estimate]:
    """Models that run on this rig at ≥ min_tps, ranked by a size/recency quality proxy."""
    today = today or dt.date.today()
    pool = [
        m for m in models if task is None or task in m.tasks or (task == "chat" and "base" not in m.tasks)
    ]
    if task == "code":
        pool = [m for m in pool if "code" in m.tasks]
    ranked = sorted(pool, key=lambda m: -_quality_score(m, today))
    room, fastest_gbs = _rig_bounds(hw)
    out: list[Estimate] = []
    for m in ranked:
        if len(out) >= limit:
            break
        quants = [quant_by_id(q) for q in (_LADDER if m.native_dtype != "mxfp4" else ("MXFP4",))]
        share = active_params(m) / total_params(m)
        for q in quants:
            weights = weight_bytes(m, q).total
            if weights > room:
                continue  # more weights than the rig has memory: no placement can fit them
            if fastest_gbs * 1e9 / (weights * share) < min_tps:
                continue  # even its fastest memory cannot stream the active weights that often
            e = estimate_or_none(m, hw, quant=q, context=context)
            if e is None:
                break
            if e.verdict in ("gpu", "partial") and e.speed.decode_tps >= min_tps:
                out.append(e)
                break
    return out


def _rig_bounds(hw: Hardware) -> tuple[float, float]:
    """(bytes of memory in all, GPUs and system RAM with unified memory once; the fastest memory's
    GB/s): upper bounds on the weights any placement holds and on how fast it can read them."""
    try:
        rig = rig_pools(hw, default_backend(hw), margin=0)
    except SizingError:
        return math.inf, math.inf
    room = rig.cpu.total + sum(p.total for p in rig.gpus if not p.unified)
    return room, max([rig.cpu.bandwidth_gbs, *(p.bandwidth_gbs for p in rig.gpus)])
