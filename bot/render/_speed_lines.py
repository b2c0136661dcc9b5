"""The speed lines every renderer adds under an estimate: the curve over context depth, and the
public measurements of the same setup (with the build measured and a link to the source)."""

from __future__ import annotations

import re

from sizing import EstimateContract

from ._words import fmt_tps

__all__ = ["measured_link", "measured_text", "speed_curve_text"]

_URL = re.compile(r"https://[^\s()<>]+[^\s()<>.,;:'\"]")


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


def _family(engine: str) -> str:
    """llama.cpp's front-ends run its kernels: a measurement of one checks the others."""
    return "llama.cpp" if engine in ("llama.cpp", "ollama", "lmstudio") else engine


def _build(engine: str, build: str) -> str:
    if not build:
        return ""
    return f" build {build}" if build[0].isdigit() else f" ({build})"


def measured_link(option: EstimateContract) -> tuple[str, str | None, str]:
    """('measured: 41-44 tok/s generating (tg128) on 2x RTX 3090, llama.cpp/cuda build 7423, Q4_K_M',
    the source's URL or None, the source as written); ('', None, '') when nothing was measured."""
    rows = [m for m in option.speed.measured if m.kind == "decode"]
    if not rows:
        return "", None, ""
    m = rows[0]
    lo, hi = m.tps_range
    span = fmt_tps(lo) if lo == hi else f"{fmt_tps(lo)}-{fmt_tps(hi)}"
    model = "" if m.exact_model else f"{m.model} (same family and size), "
    # a measurement of another engine or quantization is no check of this estimate: it says so first
    same = _family(m.engine) == _family(option.engine) and m.quant == option.quant
    head = "measured" if same else f"measured on another setup, not {option.engine} at {option.quant}"
    text = (
        f"{head}: {span} tok/s generating ({m.test}) on {m.device}, {model}"
        f"{m.engine}/{m.backend}{_build(m.engine, m.build)}, {m.quant}"
    )
    url = _URL.search(m.source)
    return text, (url.group(0) if url else None), m.source


def measured_text(option: EstimateContract) -> str:
    """'measured: 41-44 tok/s generating (tg128) on 2x RTX 3090, llama.cpp/cuda build ..., Q4_K_M
    (source)', or ''."""
    text, url, source = measured_link(option)
    return f"{text} ({url or source})" if text else ""
