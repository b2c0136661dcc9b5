"""Words and number formats every renderer shares, so the frontends say the same thing."""

from __future__ import annotations

from sizing import EstimateContract
from sizing.vocabulary import Verdict, context_depth_text
from sizing.vocabulary import tps_text as fmt_tps  # tokens per second: 0.4, 7.5, 42, 1,234

__all__ = [
    "VERDICT_EMOJI",
    "VERDICT_WORD",
    "fmt_gb",
    "fmt_quality",
    "fmt_row_tps",
    "fmt_tps",
    "kv_copies",
    "memory_shortfall_gb",
    "option_summary",
    "speed_basis",
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


# Quality below one point of the 0-100 reference is its floor (the scale clips at 0, a board's rating
# at or under its 1000-point reference): a "0" there reads as a measured score and says nothing.
_QUALITY_FLOOR = 1.0


def fmt_quality(q: float | None) -> str:
    """A quality column's cell: the whole-number score, '-' where there is none or it is at the floor."""
    return f"{q:.0f}" if q is not None and q >= _QUALITY_FLOOR else "-"


def fmt_row_tps(option: EstimateContract, digits: int | None = None) -> str:
    """A table's tok/s cell: '-' for an option that does not fit (it generates nothing)."""
    if option.placement.verdict == "no":
        return "-"
    tps = option.speed.decode_tps
    return fmt_tps(tps) if digits is None else f"{tps:.{digits}f}"


def kv_copies(o: EstimateContract) -> str:
    """' x 8 GPUs' where every GPU keeps the whole KV cache (MLA's latent cache under tensor
    parallelism), so the total counts it once per copy; '' where the cache is split or on one device."""
    m = o.memory
    held = sum(d.kv_cache_gb for d in o.placement.devices)
    copies = round(held / m.kv_cache_gb) if m.kv_cache_gb > 0 else 0
    if m.kv_cache_gb <= 0 or held <= m.kv_cache_gb * 1.05 or copies < 2:
        return ""  # (a share past the total that rounds to one copy is no copy per GPU: never "x 1 GPUs")
    return f" x {copies} GPUs"


def speed_range(option: EstimateContract) -> str:
    lo, hi = option.speed.decode_tps_range
    return f"{fmt_tps(lo)}-{fmt_tps(hi)}"


def speed_basis(option: EstimateContract) -> str:
    """What the generating speed shown is: ' at 32,768 tokens in' (a depth asked), ' averaged over 8k'
    where it slows over the context (its curve says how), '' where it is flat."""
    s = option.speed
    if s.depth is not None:
        return f" at {s.depth:,} tokens in"
    if len(s.curve) < 2 or fmt_tps(s.curve[0].decode_tps) == fmt_tps(s.curve[-1].decode_tps):
        return ""
    return f" averaged over {context_depth_text(option.context)}"


def memory_shortfall_gb(option: EstimateContract) -> float | None:
    """The memory a "no" lacks, in GB; None where the refusal is not of memory (a setting the engine
    refuses, an engine release) and there is no shortfall to show."""
    short = option.placement.shortfall_gb
    return short if option.placement.verdict == "no" and short >= 0.05 else None


def option_summary(option: EstimateContract) -> str:
    """'Q4_K_M, 8,192 ctx, llama.cpp/cuda: fits on GPU, ~42 tok/s (35-50)' for one estimate."""
    verdict = option.placement.verdict
    head = f"{option.quant}, {option.context:,} ctx, {option.engine}/{option.backend}: "
    if verdict == "no":
        short = memory_shortfall_gb(option)
        return head + "does not fit" + (f" ({short:.1f} GB short)" if short is not None else "")
    return (
        head
        + f"{VERDICT_WORD[verdict]}, ~{fmt_tps(option.speed.decode_tps)} tok/s{speed_basis(option)} "
        + f"({speed_range(option)})"
    )
