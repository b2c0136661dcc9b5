"""Words and number formats every renderer shares, so the frontends say the same thing."""

from __future__ import annotations

from sizing import EstimateContract
from sizing.vocabulary import Verdict

__all__ = [
    "VERDICT_EMOJI",
    "VERDICT_WORD",
    "fmt_gb",
    "fmt_tps",
    "measured_text",
    "option_summary",
    "speed_curve_text",
    "speed_range",
]

VERDICT_WORD: dict[Verdict, str] = {
    "gpu": "fits on GPU",
    "partial": "partly offloaded",
    "cpu": "CPU only",
    "no": "does not fit",
}
VERDICT_EMOJI: dict[Verdict, str] = {"gpu": "✅", "partial": "🟡", "cpu": "🟠", "no": "❌"}


def fmt_gb(x: float) -> str:
    return f"{x:.1f} GB"


def fmt_tps(x: float) -> str:
    """Tokens per second with sensible precision: 0.4, 7.5, 42, 1,234."""
    if x < 10:
        return f"{x:.1f}"
    return f"{x:,.0f}"


def speed_range(option: EstimateContract) -> str:
    lo, hi = option.speed.decode_tps_range
    return f"{fmt_tps(lo)}-{fmt_tps(hi)}"


def option_summary(option: EstimateContract) -> str:
    """'Q4_K_M, 8,192 ctx, llama.cpp/cuda: fits on GPU, ~42 tok/s (35-50)' for one estimate."""
    verdict = option.placement.verdict
    head = f"{option.quant}, {option.context:,} ctx, {option.engine}/{option.backend}: "
    if verdict == "no":
        return head + f"does not fit ({option.placement.shortfall_gb:.1f} GB short)"
    return (
        head + f"{VERDICT_WORD[verdict]}, ~{fmt_tps(option.speed.decode_tps)} tok/s ({speed_range(option)})"
    )


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
