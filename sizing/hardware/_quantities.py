"""Amounts of memory in the token stream: "24GB", "24 gigs", "24564MiB", "1TB", "2x32GB", "64g*8"."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ._cues import QuantityKind, apply_cue, cue_in
from ._lexicon import GLUED_ONLY_UNITS, MEMORY_UNITS, NETWORK_CUES, RAM_CUES, STICK_WORDS, VRAM_CUES
from ._mentions import Mention
from ._tokens import Token

__all__ = ["SSD_SIZES_GB", "Quantity", "QuantityKind", "find_quantities"]


@dataclass(slots=True)
class Quantity:
    """An amount of memory in the text, tokens [start, end)."""

    start: int
    end: int
    gb: float
    kind: QuantityKind = "unknown"
    total: bool = False
    per_card: bool = False
    hypothetical: bool = False
    attached: Mention | None = None  # the device it describes
    consumed: bool = False  # already used for a device's memory
    carveout: bool = False  # named as an iGPU's BIOS carve-out ("UMA set to 4GB")
    cue_strength: int = 0  # 3: specific cue word, 2: generic "memory", 1: adjacency, 0: none
    after_comma: bool = False  # tied to a device only across a comma: a list item ("4090, 64GB")
    multiplier: int = 1  # "2x32GB": the count before the size; "32GB*2": after it
    multiplier_after: bool = False
    listed: bool = False  # an item of a list of the rig's parts ("5950X / 128GB / 3090")
    usage_total: bool = False  # the total of a "used / total" pair, as nvidia-smi prints it
    model_like: bool = False  # the size of a model or a file ("takes ~5GB", "the 40GB file")


def _unit_at(tokens: Sequence[Token], k: int) -> tuple[float, str] | None:
    """(factor to GB, cue glued after the unit) for a unit token at k, or None."""
    if k >= len(tokens):
        return None
    t = tokens[k]
    if not (t.is_word or t.is_cjk):
        return None
    text = t.text
    for unit in _UNITS_LONGEST_FIRST:
        if text.startswith(unit):
            rest = text[len(unit) :]
            if rest and rest not in ("vram", "ram", "of", "unified", "ddr", "memory", "mem", "显存", "内存"):
                continue
            if unit in GLUED_ONLY_UNITS and not t.glued:
                nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
                if not (cue_in(nxt, RAM_CUES) or cue_in(nxt, VRAM_CUES) or nxt in ("de", "of")):
                    return None
            return MEMORY_UNITS[unit], rest
    return None


_UNITS_LONGEST_FIRST = tuple(sorted(MEMORY_UNITS, key=len, reverse=True))


def find_quantities(tokens: Sequence[Token], masked: Sequence[bool]) -> list[Quantity]:
    """Amounts of memory: "24GB", "24 gigs", "24564MiB", "1TB", "2x32GB", "64g*8", "12 VRAM"."""
    out: list[Quantity] = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        if masked[i] or not t.is_num or (t.glued and i > 0 and tokens[i - 1].is_word):
            i += 1
            continue
        unit = _unit_at(tokens, i + 1)
        glued_cue = ""
        if unit is not None:
            factor, glued_cue = unit
            end = i + 2
            # "gb/s" is bandwidth, not memory; "200G ConnectX" is a network
            if end + 1 < n and tokens[end].text == "/" and tokens[end + 1].text in ("s", "sec"):
                i = end + 2
                continue
        elif i + 1 < n and tokens[i + 1].text in ("vram", "ram") and not tokens[i + 1].glued:
            factor, end = 1.0, i + 1  # "12 VRAM": unit left out
        elif i + 2 < n and tokens[i + 1].text == "vram" and tokens[i + 2].text in ("gb", "gib"):
            factor, end = 1.0, i + 1  # "384 VRAM GB"
        else:
            pair = _bare_pair(tokens, i)
            if pair is not None:  # "Mac mini M4 24+512": memory + SSD, units left out
                out += pair
                i = pair[1].end
                continue
            i += 1
            continue
        gb = t.value * factor
        if not math.isfinite(gb):  # hundreds of digits: no amount of memory
            i = end
            continue
        if factor < 1:  # MiB as nvidia-smi prints it: snap to the nominal size
            gb = _snap_mib(t.value)
        q = Quantity(i, end, gb)
        if factor < 1 and i >= 3 and tokens[i - 1].text == "/" and any(o.end == i - 1 for o in out):
            q.kind, q.cue_strength = "vram", 2  # "8MiB / 24576MiB": used / total of a card
            q.usage_total = True
            used = next(o for o in out if o.end == i - 1)
            used.kind, used.cue_strength = "other", 3  # the memory in use is no size of anything
        _products(tokens, q)
        if glued_cue:
            apply_cue(q, glued_cue)
        if end < n and cue_in(tokens[end].text, NETWORK_CUES):
            q.kind, q.cue_strength = "other", 3
        out.append(q)
        i = end
    _mark_storage_pairs(tokens, out)
    # "0GB", or the "8MiB" used of "8MiB / 24576MiB": no memory size (kept above for used/total pairs)
    return [q for q in out if q.gb > 0]


# memory sizes machines are sold with, and SSD sizes (GB): "16GB/1TB", "24+512", "12+256GB"
_MEMORY_SIZES_GB = frozenset({2, 3, 4, 6, 8, 12, 16, 18, 24, 32, 36, 48, 64, 96, 128, 192, 256, 512})
SSD_SIZES_GB = frozenset({128, 256, 512, 1000, 1024, 2000, 2048, 4000, 4096, 8000, 8192})


def _bare_pair(tokens: Sequence[Token], i: int) -> tuple[Quantity, Quantity] | None:
    """'24+512', '64+1T', '16/512': memory and SSD of a configuration, the first without a unit."""
    n = len(tokens)
    if i + 2 >= n or tokens[i + 1].text not in ("+", "/") or not tokens[i + 2].is_num:
        return None
    first, second = tokens[i], tokens[i + 2]
    if "." in first.text or "," in first.text or int(first.value) not in _MEMORY_SIZES_GB:
        return None
    end = i + 3
    factor = 1.0
    unit = _unit_at(tokens, end)
    if unit is not None:
        factor, end = unit[0], end + 1
    ssd = second.value * factor
    if round(ssd) not in SSD_SIZES_GB or ssd <= first.value:
        return None
    return Quantity(i, i + 1, first.value), Quantity(i + 2, end, ssd, kind="storage", cue_strength=3)


def _mark_storage_pairs(tokens: Sequence[Token], out: Sequence[Quantity]) -> None:
    """'16GB/1TB', '18GB 512GB', '16G+512G': the larger of a memory/SSD pair is the SSD."""
    for a, b in itertools.pairwise(out):
        between = [t.text for t in tokens[a.end : b.start]]
        if between not in ([], ["+"], ["/"], [","]) or b.kind != "unknown" or a.kind == "storage":
            continue
        if round(b.gb) in SSD_SIZES_GB and b.gb >= 4 * a.gb and round(a.gb) in _MEMORY_SIZES_GB:
            b.kind, b.cue_strength = "storage", 3


def _products(tokens: Sequence[Token], q: Quantity) -> None:
    """'2x32GB', '4 * 16 gb' (count before); '32GB*2', '64g 4800MHz DDR5 x12' (after);
    '2 sticks of 48GB', '16 DIMMs of 32GB'."""
    i = q.start
    if i >= 2 and tokens[i - 1].text == "*" and tokens[i - 2].is_num and tokens[i - 2].value <= 64:
        q.multiplier = int(tokens[i - 2].value)
        q.gb *= q.multiplier
        q.start = i - 2
        return
    if i >= 3 and tokens[i - 1].text == "of" and tokens[i - 2].text in STICK_WORDS and tokens[i - 3].is_num:
        mult = int(tokens[i - 3].value)
        if 1 < mult <= 64:
            q.multiplier = mult
            q.gb *= mult
            q.start = i - 3
            q.kind, q.cue_strength = "ram", 3
        return
    k = q.end
    steps = 0
    while k + 1 < len(tokens) and steps < 5 and tokens[k].line == tokens[i].line:
        w = tokens[k].text
        if w == "*" and tokens[k + 1].is_num and "." not in tokens[k + 1].text:
            mult = int(tokens[k + 1].value)
            if 1 < mult <= 64:
                q.multiplier = mult
                q.multiplier_after = True
                q.gb *= mult
                q.end = k + 2
            return
        # memory descriptors may sit between: "64G 4800MHz DDR5 x12"
        if (
            tokens[k].is_num
            or w in ("mhz", "mt", "mts", "s", "/", "ddr", "ecc", "rdimm", "dimm", "-")
            or w.startswith(("ddr", "lpddr"))
        ):
            k += 1
            steps += 1
            continue
        return


_NOMINAL_GB = (
    1, 2, 3, 4, 6, 8, 10, 11, 12, 16, 20, 22, 24, 32, 40, 48, 64, 80, 94, 96, 128, 141, 192, 256, 288
)  # fmt: skip


def _snap_mib(mib: float) -> float:
    gib = mib / 1024
    for nominal in _NOMINAL_GB:
        if abs(gib - nominal) <= 0.06 * nominal:
            return float(nominal)
    return round(gib * 1.073741824, 1)
