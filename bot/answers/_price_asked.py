"""A card's price asked with no model to size ("how much would a used 3090 cost?", "what's a 5090
worth now"): answered from the bundled price table, each figure with its kind, date and public
source, or said to be unknown; never a question back about which model."""

from __future__ import annotations

import re

from sizing import Question
from sizing.hardware import DevicePrice, device_price

__all__ = ["price_asked", "price_words"]

_PRICE_ASKED = re.compile(
    r"(?i)\bhow\s+much\s+(?:is|are|does|do|would|will|should|for|did|to\s+pay|money)\b"
    r"|\bwhat(?:'s|\s+is|\s+are|\s+would)\b.{0,40}?\b(?:worth|cost|price|prices|going\s+for|go\s+for|selling\s+for)\b"
    r"|\bwhat\s+(?:does|do|would|will|did)\b.{0,40}?\bcost\b"
    r"|\b(?:price|prices|cost|value)\s+of\b|\bgoing\s+rate\b|\bfair\s+price\b|\bworth\s+now\b"
)
_USED = re.compile(r"(?i)\b(?:used|second[\s-]?hand|pre[\s-]?owned|ebay|refurb\w*|hardware\s*swap)\b")
_NEW = re.compile(r"(?i)\b(?:new|msrp|retail|launch)\b")


def price_asked(q: Question) -> bool:
    """Whether the question asks what a card it names costs, naming no model to size on it."""
    hw = q.hardware
    return (
        "model" in q.missing
        and hw is not None
        and any(g.id for g in hw.gpus)
        and _PRICE_ASKED.search(q.text) is not None
    )


def _row(p: DevicePrice, vram_gb: float | None) -> str:
    """One price with its source; a price of the card's other memory size says which it is."""
    other = f"the {p.memory_gb:g} GB card " if vram_gb is not None and p.memory_gb != vram_gb else ""
    return f"{other}{p.describe()}, {p.source}"


def price_words(q: Question) -> str:
    """Each named card's latest used and new prices on file (only the kind asked, where one is), per
    card and for the count named; a card with none on file is said to be unpriced."""
    hw = q.hardware
    if hw is None:
        return ""
    used_asked = _USED.search(q.text) is not None
    new_asked = _NEW.search(q.text) is not None and not used_asked
    parts: list[str] = []
    priced = False
    for g in hw.gpus:
        if not g.id:
            continue
        used = device_price(g.id, g.vram_gb, used=True) or device_price(g.id, used=True)
        new = device_price(g.id, g.vram_gb) or device_price(g.id)
        rows = [r for r, keep in ((used, not new_asked), (new, not used_asked)) if r is not None and keep]
        if not rows:
            rows = [r for r in (used, new) if r is not None]
        if not rows:
            parts.append(f"{g.name}: no price on file, so canirun cannot say what it costs.")
            continue
        priced = True
        each = "; ".join(_row(r, g.vram_gb) for r in rows)
        total = ""
        if g.count > 1:
            first = rows[0]
            high = first.price_usd_high or first.price_usd
            span = f"${g.count * first.price_usd:,.0f}" + (
                f"-{g.count * high:,.0f}" if high != first.price_usd else ""
            )
            total = f" For {g.count}: about {span} ({first.describe().split('(')[1].rstrip(')')})."
        size = f" ({g.vram_gb:g} GB)" if g.vram_gb else ""
        parts.append(f"{g.name}{size}, per card: {each}.{total}")
    if priced:
        parts.append("These are dated public figures, not quotes: prices move, check current listings.")
    parts.append('Name a model to see what the card runs ("can a 3090 run Qwen3 32B?").')
    return " ".join(parts)
