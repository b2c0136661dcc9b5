"""The speed lines every renderer adds under an estimate: the curve over context depth, and the
public measurements of the same setup."""

from __future__ import annotations

from sizing import EstimateContract

from ._words import fmt_tps

__all__ = ["measured_text", "speed_curve_text"]


def _k(depth: int) -> str:
    return f"{depth // 1024}k" if depth >= 1024 and depth % 1024 == 0 else f"{depth:,}"


def speed_curve_text(option: EstimateContract) -> str:
    """'generating at 0 / 8k / 32k tokens in: 45 / 41 / 33 tok/s', or '' without a curve."""
    curve = option.speed.curve
    if len(curve) < 2 or option.placement.verdict == "no":
        return ""
    depths = " / ".join(_k(p.depth) for p in curve)
    speeds = " / ".join(fmt_tps(p.decode_tps) for p in curve)
    return f"generating at {depths} tokens in: {speeds} tok/s"


def measured_text(option: EstimateContract) -> str:
    """'measured: 41-44 tok/s generating (tg128) on 2x RTX 3090, llama.cpp/cuda, Q4_K_M (source)', or ''."""
    rows = [m for m in option.speed.measured if m.kind == "decode"]
    if not rows:
        return ""
    m = rows[0]
    lo, hi = m.tps_range
    span = fmt_tps(lo) if lo == hi else f"{fmt_tps(lo)}-{fmt_tps(hi)}"
    model = "" if m.exact_model else f"{m.model}, "
    return (
        f"measured: {span} tok/s generating ({m.test}) on {m.device}, {model}"
        f"{m.engine}/{m.backend}, {m.quant} ({m.source})"
    )
