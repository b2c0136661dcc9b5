"""A price asked with no model to size ("how much would a used 3090 cost?", "what's a 5090 worth now",
"how much is a 128GB Mac Studio", "what does 64GB of DDR5 cost"): answered from the bundled price
table, each figure with its kind, date and public source, or said to be unknown (with the nearest
configurations on file); never a question back about which model."""

from __future__ import annotations

import re

from sizing import Question
from sizing.hardware import DevicePrice, Hardware, device_price, memory_price_per_gb, price_table

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
        and (any(g.id for g in hw.gpus) or _mac(hw) or _ram_alone(hw, q.text))
        and _PRICE_ASKED.search(q.text) is not None
    )


def _mac(hw: Hardware) -> bool:
    return hw.soc is not None and hw.soc.id is not None and hw.unified_memory_gb is not None


# system RAM named as what is priced: "64GB of DDR5", "128gb ram", "a 2x32GB kit"
_RAM_WORDS = re.compile(r"(?i)\b(?:ddr[45]|ram|memory|dimms?|kits?|sticks?)\b")


def _ram_alone(hw: Hardware, text: str) -> bool:
    """System RAM alone named (no card, no chip): its price per GB is what is asked."""
    return not hw.gpus and hw.soc is None and bool(hw.ram_gb) and _RAM_WORDS.search(text) is not None


# a Mac named by its box: only that box's prices answer it
_SYSTEMS = re.compile(r"(?i)\bmac\s*(studio|mini|pro)\b|\bmacbook\s*pro\b")
_CHIP_NOT_NAMED = "chip not named"
_BOXES = {"studio": "Mac Studio", "mini": "Mac mini", "pro": "Mac Pro", "macbook": "MacBook Pro"}


def _mac_words(hw: Hardware, text: str) -> str:
    """The price on file of the Mac named (chip and memory), or, where none is, the Macs of that chip
    (or box, where the chip is not named) the table prices."""
    soc = hw.soc
    memory = hw.unified_memory_gb
    if soc is None or soc.id is None or memory is None:
        return ""
    chip_named = not any(_CHIP_NOT_NAMED in a for a in hw.assumptions)
    box = _SYSTEMS.search(text)
    box_said = None if box is None else _BOXES.get((box.group(1) or "macbook").lower())
    macs = [r for r in price_table().devices if r.system is not None and r.system.startswith("Mac")]
    if chip_named:
        same = [r for r in macs if r.device == soc.id]
        named = f"{soc.name} with {memory:g} GB"
    else:
        same = [r for r in macs if box_said is None or r.system == box_said]
        named = f"{box_said or 'Mac'} with {memory:g} GB"
    exact = [r for r in same if r.memory_gb == memory]
    if exact:
        latest = max(exact, key=lambda r: r.as_of)
        return f"{_mac_row(latest)}."
    near = {}
    for r in sorted(same, key=lambda r: r.as_of):
        near[(r.device, r.memory_gb)] = r  # the latest of each configuration
    if not near:
        return f"{named}: no price on file, so canirun cannot say what it costs."
    listed = "; ".join(_mac_row(r) for r in sorted(near.values(), key=lambda r: r.memory_gb))
    return f"{named}: no price on file for that configuration. The nearest on file: {listed}."


def _mac_row(r: DevicePrice) -> str:
    chip = r.device.replace("-", " ").title()
    cores = f" ({r.gpu_cores}-core GPU)" if r.gpu_cores else ""
    box = f"{r.system}, " if r.system else ""
    return f"{box}Apple {chip}{cores}, {r.memory_gb:g} GB: {r.describe()}, {r.source}"


def _ram_words(hw: Hardware, text: str) -> str:
    """The RAM named at the latest per-GB price of its type (both types where none is said)."""
    gb = hw.ram_gb or 0
    types = [hw.ram_type.upper()] if hw.ram_type else ["DDR5", "DDR4"]
    parts = []
    for t in types:
        p = memory_price_per_gb(t)
        if p is None:
            parts.append(f"{gb:g} GB of {t}: no price on file.")
            continue
        parts.append(
            f"{gb:g} GB of {p.type}: about ${gb * p.price_usd_per_gb:,.0f} at ${p.price_usd_per_gb:g} a GB "
            f"({p.kind.replace('_', ' ')}, {p.date}), {p.source}."
        )
    return " ".join(parts)


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
    if not any(g.id for g in hw.gpus) and (_mac(hw) or _ram_alone(hw, q.text)):
        said = _mac_words(hw, q.text) if _mac(hw) else _ram_words(hw, q.text)
        return (
            f"{said} These are dated public figures, not quotes: prices move, check current listings. "
            'Name a model and a rig to see what runs ("can a 3090 with 64GB RAM run Llama 3.3 70B?").'
        )
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
        # the kind asked has no row: said, before the other kind's price stands in
        missing_kind = "" if rows else ("no used price on file; " if used_asked else "no new price on file; ")
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
        parts.append(f"{g.name}{size}, per card: {missing_kind}{each}.{total}")
    if priced:
        parts.append("These are dated public figures, not quotes: prices move, check current listings.")
    parts.append('Name a model to see what the card runs ("can a 3090 run Qwen3 32B?").')
    return " ".join(parts)
