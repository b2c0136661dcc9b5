"""Amounts of memory in the token stream: "24GB", "24 gigs", "24564MiB", "1TB", "2x32GB", "64g*8"."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from ._cues import VRAM_CONTEXT, QuantityKind, apply_cue, cue_in
from ._lexicon import (
    CONNECTORS,
    COUNT_WORDS,
    GENERIC_MEMORY_CUES,
    GLUED_ONLY_UNITS,
    MEMORY_UNITS,
    NETWORK_CUES,
    RAM_CUES,
    SIBLING_WORDS,
    STICK_WORDS,
    VRAM_CUES,
)
from ._mentions import Mention
from ._tokens import Token

__all__ = ["SSD_SIZES_GB", "Quantity", "QuantityKind", "find_quantities", "mark_storage_pairs"]


@dataclass(slots=True, eq=False)
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
    bracketed: bool = False  # alone in brackets: "2x 4090 (48GB)"
    memory_word: bool = False  # cued by a bare "memory" word ("64GB memory", "64G内存"), not "VRAM"
    on_card: bool = False  # said to be on a card ("only 8GB on my 3070"): its memory, if a size it has
    ram_after_card: bool = False  # "Quadro RTX 4000 8GB ram": the card's memory if a size it has, else RAM
    unit_slip: bool = False  # "48 MB RAM" on a PC: a GB size typed with MB, read as GB (with a note)
    past: bool = False  # in a sentence about a machine the user had ("I had a 2060 with 32gb ram")


def _unit_at(tokens: Sequence[Token], k: int) -> tuple[float, str] | None:
    """(factor to GB, cue glued after the unit) for a unit token at k, or None."""
    if k >= len(tokens):
        return None
    t = tokens[k]
    if not (t.is_word or t.is_cjk):
        return None
    form = _UNIT_FORMS.get(t.text)
    if form is None and t.is_cjk:
        form = _UNIT_FORMS.get(_KOREAN_PARTICLE.sub("", t.text))  # "128기가로": "128 기가" + "with"
    if form is None:
        return None
    unit, rest = form
    if unit in GLUED_ONLY_UNITS and not t.glued:
        nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
        if not (cue_in(nxt, RAM_CUES) or cue_in(nxt, VRAM_CUES) or nxt in ("de", "of")):
            return None
    return MEMORY_UNITS[unit], rest


# Korean particles glued after a word ("기가로" with, "기가인데" but, "기가짜리" of): not part of the unit
_KOREAN_PARTICLE = re.compile(r"(?:으로|로|이랑|랑|이|가|은|는|을|를|에서|에|의|와|과|도|짜리|인데)$")
# a cue word the tokenizer leaves glued to a unit ("16gbvram", "24g显存")
_GLUED_CUES = ("", "vram", "ram", "of", "unified", "ddr", "memory", "mem", "显存", "内存")


def _unit_forms() -> Mapping[str, tuple[str, str]]:
    """Every token a unit may be written as -> (unit, cue glued after it); the longest unit wins."""
    forms: dict[str, tuple[str, str]] = {}
    for unit in sorted(MEMORY_UNITS, key=len, reverse=True):
        for cue in _GLUED_CUES:
            forms.setdefault(unit + cue, (unit, cue))
    return MappingProxyType(forms)


_UNIT_FORMS = _unit_forms()


def find_quantities(tokens: Sequence[Token], masked: Sequence[bool]) -> list[Quantity]:
    """Amounts of memory: "24GB", "24 gigs", "24564MiB", "1TB", "2x32GB", "64g*8", "12 VRAM"."""
    out: list[Quantity] = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        if (
            masked[i]
            or not t.is_num
            or (t.glued and i > 0 and tokens[i - 1].is_word and not _after_suffix(tokens, i))
        ):
            i += 1
            continue
        unit = _unit_at(tokens, i + 1)
        if unit is None and "." in t.text and i + 1 < n and tokens[i + 1].text == "ti":
            unit = (1024.0, "") if tokens[i + 1].glued else None  # `free -h`: "1.0Ti" ("3080ti" is a card)
        glued_cue = ""
        if unit is not None:
            factor, glued_cue = unit
            end = i + 2
            # "gb/s" is bandwidth, not memory; "200G ConnectX" is a network
            if end + 1 < n and tokens[end].text == "/" and tokens[end + 1].text in ("s", "sec"):
                i = end + 2
                continue
            if _threads_after_cores(tokens, i):  # "16C/32T": a CPU's cores and threads, no 32 TB
                i = end
                continue
            if tokens[i + 1].text == "m" and tokens[i + 1].glued and i > 0 and tokens[i - 1].text == "radeon":
                i = end  # "Radeon 840M": the name of AMD's integrated graphics, no 840 MB
                continue
        elif (
            i + 1 < n
            and tokens[i + 1].text in ("vram", "ram")
            and tokens[i + 1].line == t.line  # "2x 3090" then a "VRAM ..." line: a card, then a key
            and not (i > 0 and tokens[i - 1].text in ("x", "*", "×"))  # "80G*2 VRAM": the count of a size
            and (not tokens[i + 1].glued or (t.text.isdigit() and int(t.text) in _MEMORY_SIZES_GB))
        ):
            factor, end = 1.0, i + 1  # "12 VRAM", "64ram": unit left out
        elif (
            i + 2 < n
            and tokens[i + 1].text in ("de", "of", "di")
            and tokens[i + 2].text in ("ram", "vram")
            and t.text.isdigit()
            and int(t.text) in _MEMORY_SIZES_GB
        ):
            factor, end = 1.0, i + 1  # "16 de RAM", "32 of RAM": unit left out
        elif i + 2 < n and tokens[i + 1].text == "vram" and tokens[i + 2].text in ("gb", "gib"):
            factor, end = 1.0, i + 1  # "384 VRAM GB"
        elif (sticks := _keyed_sticks(tokens, i)) is not None:
            out.append(Quantity(i, i + 3, sticks, kind="ram", cue_strength=3))
            i += 3
            continue
        elif _keyed_bare(tokens, i):
            factor, end = 1.0, i + 1  # "ram 16", "RAM: 64": the key names it, the unit is left out
        elif (total := _free_total(tokens, i)) is not None:
            q = Quantity(i, i + 1, total, kind="ram", cue_strength=3)
            out.append(q)
            i = _row_end(tokens, i)
            continue
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
        if _cpu_clock(tokens, i, end):  # "至强铂金8168 2.7G 24核": the CPU's clock in GHz, no memory
            i = end
            continue
        if t.text == "5" and tokens[end - 1].text == "g" and not _memory_cue_at(tokens, end):
            i = end  # "Mate 30 Pro 5G", "Galaxy A54 5G": the phone network, no 5 GB of memory
            continue
        slip = factor < 1 and _mb_slip(tokens, i, end)
        if slip:
            gb = t.value
        elif factor < 1:  # MiB as nvidia-smi prints it: snap to the nominal size
            gb = _snap_mib(t.value)
        elif end == i + 2 and tokens[i + 1].text == "ti":
            gb = float(round(t.value * 1024))  # one decimal of TiB: the nominal TB people buy
        elif end == i + 2 and (tokens[i + 1].text == "gi" or (tokens[i + 1].text == "gib" and "." in t.text)):
            # `free -h`, Ollama's log: the usable GiB as a tool prints it ("125Gi", "62.7 GiB" of 64 GB)
            gb = _snap_mib(t.value * 1024, printed_gib=True)
        q = Quantity(i, end, gb, unit_slip=slip)
        used = out[-1] if out and out[-1].end == i - 1 and tokens[i - 1].text == "/" else None
        usage_key = used is not None and factor >= 1 and _usage_key_pair(tokens, used, gb)
        if used is not None and (factor < 1 or _tool_gib_pair(tokens, used, end) or usage_key):
            used.kind, used.cue_strength = "other", 3  # the memory in use is no size of anything
            if usage_key or _memory_key_before(tokens, used.start):
                q.kind, q.cue_strength = "ram", 3  # "Memory: 5432MiB / 63420MiB" (fastfetch)
            else:
                q.kind, q.cue_strength = "vram", 2  # "8MiB / 24576MiB": used / total of a card
                q.usage_total = True
        _products(tokens, q)
        if glued_cue:
            apply_cue(q, glued_cue)
        if end < n and cue_in(tokens[end].text, NETWORK_CUES):
            q.kind, q.cue_strength = "other", 3
        out.append(q)
        i = end
    # "0GB", or the "8MiB" used of "8MiB / 24576MiB": no memory size (kept above for used/total pairs)
    return [q for q in out if q.gb > 0]


def _threads_after_cores(tokens: Sequence[Token], i: int) -> bool:
    """'16C/32T', '8c/16t': a CPU's cores, a slash, and its threads; the "T" is threads, not terabytes."""
    return (
        tokens[i + 1].text == "t"
        and i >= 3
        and tokens[i - 1].text == "/"
        and tokens[i - 2].text == "c"
        and tokens[i - 3].is_num
    )


# the least RAM a PC that runs a language model has, in MB: a RAM size in MB under it is a GB size mistyped
_LEAST_PC_RAM_MB = 512


def _mb_slip(tokens: Sequence[Token], i: int, end: int) -> bool:
    """'48 MB RAM', '16mb of ram': a size RAM is sold in (GB), typed with MB and said to be the RAM; no
    machine that runs a model has that little (a Pi Zero has 512 MB), so the MB is a slip for GB."""
    t = tokens[i]
    if tokens[end - 1].text != "mb" or not t.text.isdigit() or int(t.text) not in _MEMORY_SIZES_GB:
        return False
    if int(t.text) >= _LEAST_PC_RAM_MB:
        return False
    after = [w.text for w in tokens[end : end + 2] if w.line == t.line]
    return after[:1] == ["ram"] or after == ["of", "ram"]


# what follows a CPU's clock written "2.7G": its cores and threads ("2.7G 24核48线程", "3.5G 16 cores")
_CORE_WORDS = frozenset({"核", "核心", "cores", "core", "c", "threads", "线程", "코어", "コア"})
_CPU_KEYS = frozenset({"cpu", "cpus", "processor", "处理器", "處理器", "cpu型号"})


def _cpu_clock(tokens: Sequence[Token], i: int, end: int) -> bool:
    """A decimal under 6 with a bare "G" (never "GB") is a CPU's clock where cores follow it or the line
    is keyed as the CPU's ("CPU: Xeon Platinum 8168 2.7G 24核", "CPU @ 2.70G"): no RAM comes as 2.7 GB."""
    t = tokens[i]
    if "." not in t.text or not 1 <= t.value < 6 or tokens[end - 1].text != "g":
        return False
    after = [w.text for w in tokens[end : end + 3] if w.line == t.line]
    if any(w in _CORE_WORDS or (w and w[-1] == "核") for w in after):
        return True
    if i > 0 and tokens[i - 1].text == "@":
        return True
    first = next(k for k in range(i, -1, -1) if k == 0 or tokens[k - 1].line != t.line)
    return tokens[first].text in _CPU_KEYS and not any(
        cue_in(w.text, RAM_CUES) or cue_in(w.text, GENERIC_MEMORY_CUES) for w in tokens[first + 1 : i]
    )


def _memory_cue_at(tokens: Sequence[Token], k: int) -> bool:
    return k < len(tokens) and (
        cue_in(tokens[k].text, RAM_CUES)
        or cue_in(tokens[k].text, VRAM_CUES)
        or tokens[k].text in ("of", "de")
    )


_BARE_KEYS = frozenset({"ram", "vram", "memory", "mem"})
_ITEM_END = frozenset({",", "|", ";", "/", ")", "+", "and", "&", ".", "!", "?"})


def _bare_key(t: Token) -> bool:
    """A memory key a bare amount may follow: "ram", "VRAM", "ОЗУ", "Arbeitsspeicher", "内存", "显存"."""
    return _bare_key_word(t.text)


@functools.lru_cache(maxsize=4096)
def _bare_key_word(word: str) -> bool:
    """_bare_key of a token's text (asked of the word before every number: each word tested once)."""
    if word in _BARE_KEYS:
        return True
    if word in STICK_WORDS or word in _NOT_BARE_KEYS or word.startswith(("ddr", "lpddr")):
        return False
    return cue_in(word, RAM_CUES) or cue_in(word, VRAM_CUES) or cue_in(word, GENERIC_MEMORY_CUES)


_NOT_BARE_KEYS = frozenset({"bios", "carve", "ecc", "uma", "hbm", "hbm2", "hbm2e", "hbm3", "hbm3e"})


def _keyed_bare(tokens: Sequence[Token], i: int) -> bool:
    """A whole number of a memory size right after a memory key, ending its item ("ram 16, 3090")."""
    j = i - 1
    if j >= 0 and tokens[j].text in (":", "=", "is"):  # "ram 16", "RAM: 64", "RAM is 128"
        j -= 1
    if j < 0 or tokens[j].line != tokens[i].line:
        return False
    t = tokens[i]
    if not t.text.isdigit() or int(t.text) not in _MEMORY_SIZES_GB or not _bare_key(tokens[j]):
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is None or nxt.line != t.line or nxt.text in _ITEM_END or nxt.text in CONNECTORS


def _keyed_sticks(tokens: Sequence[Token], i: int) -> float | None:
    """Memory sticks written as sums or products without units after a RAM key, ending the item:
    "RAM: 4x16" (four 16 GB sticks), "RAM 32+32", "内存 16+16". Returns the total in GB, or None."""
    if i + 2 >= len(tokens) or tokens[i + 1].text not in ("*", "+") or i < 1:
        return None
    j = i - 1 if tokens[i - 1].text not in (":", "=") else i - 2
    key = tokens[j] if j >= 0 else None
    if key is None or key.line != tokens[i].line or not _bare_key(key) or cue_in(key.text, VRAM_CUES):
        return None
    a, b = tokens[i], tokens[i + 2]
    if not (a.text.isdigit() and b.text.isdigit()) or b.line != a.line:
        return None
    nxt = tokens[i + 3] if i + 3 < len(tokens) else None
    if (
        nxt is not None
        and nxt.line == a.line
        and nxt.text not in _ITEM_END
        and not nxt.text.startswith("ddr")
    ):
        return None  # "RAM: 2x32GB": the unit follows; read as an amount
    x, y = int(a.text), int(b.text)
    if tokens[i + 1].text == "*":
        return float(x * y) if 2 <= x <= 16 and y in _MEMORY_SIZES_GB else None
    return float(x + y) if x == y and x in _MEMORY_SIZES_GB else None  # a pair; "16+512" is RAM and SSD


def _free_total(tokens: Sequence[Token], i: int) -> float | None:
    """The "Mem:" row of `free` (total, used, free ... without units): its total in GB. free prints KiB,
    `free -m` MiB and `free -g` GiB (rounded down): the size of the figure tells which."""
    if i < 2 or tokens[i - 1].text != ":" or tokens[i - 2].text != "mem" or not tokens[i].text.isdigit():
        return None
    row = [t for t in tokens[i : i + 3] if t.line == tokens[i].line]
    if len(row) < 3 or not all(t.text.isdigit() for t in row):
        return None
    total = int(tokens[i].text)
    mib = total / 1024 if total >= 1 << 20 else total if total >= 1 << 10 else total * 1024
    return _snap_mib(mib) if mib >= 1024 else None


def _row_end(tokens: Sequence[Token], i: int) -> int:
    k = i
    while k < len(tokens) and tokens[k].line == tokens[i].line:
        k += 1
    return k


def _tool_gib_pair(tokens: Sequence[Token], used: Quantity, end: int) -> bool:
    """'Memory: 12.31 GiB / 31.84 GiB (39%)' (fastfetch): used / total in GiB after a memory key, as a
    tool prints them (people write "16GB/1TB" for memory and disk, never in GiB)."""
    if tokens[used.end - 1].text != "gib" or tokens[end - 1].text != "gib":
        return False
    if not _memory_key_before(tokens, used.start):
        return False
    key = used.start - 2 if tokens[used.start - 1].text in (":", "=") else used.start - 1
    # the key alone, not a card's "GPU Memory: 3.2 GiB / 24 GiB"
    return key == 0 or not tokens[key - 1].is_word or tokens[key - 1].line != tokens[key].line


_USAGE_WORDS = frozenset({"use", "used", "usage", "占用", "使用"})


def _usage_key_pair(tokens: Sequence[Token], used: Quantity, total_gb: float) -> bool:
    """'MEM USE: 280G/512G': a key that names memory and its use, then used / total."""
    if used.gb >= total_gb:
        return False
    line = tokens[used.start].line
    key = [t.text for t in tokens[: used.start] if t.line == line]
    if ":" not in key:
        return False
    words = key[: key.index(":")]
    if any(w in VRAM_CONTEXT or cue_in(w, VRAM_CUES) for w in words):
        return False  # "GPU memory used: 10GB/24GB": a card's
    return any(w in _USAGE_WORDS for w in words) and any(
        cue_in(w, GENERIC_MEMORY_CUES) or cue_in(w, RAM_CUES) for w in words
    )


def _memory_key_before(tokens: Sequence[Token], k: int) -> bool:
    """The key of a "key: value" line before token k names system memory ("Memory:", "Mem:", "RAM:")."""
    j = k - 1
    if j >= 0 and tokens[j].text in (":", "="):
        j -= 1
    return j >= 0 and (cue_in(tokens[j].text, GENERIC_MEMORY_CUES) or cue_in(tokens[j].text, RAM_CUES))


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
    if i > 0 and tokens[i - 1].text in ("*", "x"):
        return None  # "a4000 16gb x 2 + 128gb ram": a count, then the next item
    end = i + 3
    factor = 1.0
    unit = _unit_at(tokens, end)
    if unit is not None:
        factor, end = unit[0], end + 1
    ssd = second.value * factor
    if round(ssd) not in SSD_SIZES_GB or ssd <= first.value:
        return None
    if end < n and (cue_in(tokens[end].text, RAM_CUES) or cue_in(tokens[end].text, VRAM_CUES)):
        return None  # "... + 128gb ram": memory, named
    return Quantity(i, i + 1, first.value), Quantity(i + 2, end, ssd, kind="storage", cue_strength=3)


def mark_storage_pairs(tokens: Sequence[Token], out: Sequence[Quantity]) -> None:
    """'16GB/1TB', '18GB 512GB', '16G+512G': the larger of a memory/SSD pair is the SSD.

    Run once cue words and devices are read: an amount with its own cue ("24G, 128G内存") or a card's
    memory ("4090 24GB, 128GB") is no half of a configuration's memory/SSD pair."""
    for a, b in itertools.pairwise(out):
        between = [t.text for t in tokens[a.end : b.start]]
        if between not in ([], ["+"], ["/"], [","]) or b.kind != "unknown" or a.kind == "storage":
            continue
        if b.attached is not None or (a.attached is not None and a.attached.kind == "gpu"):
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
    j = i
    if i >= 5 and tokens[i - 1].is_num and tokens[i - 1].glued and tokens[i - 2].text in ("ddr", "lpddr"):
        j = i - 2  # "32 sticks of DDR3 8GB": the memory type between the sticks and their size
    if j >= 3 and tokens[j - 1].text == "of" and tokens[j - 2].text in STICK_WORDS and tokens[j - 3].is_num:
        mult = int(tokens[j - 3].value)
        if 1 < mult <= 64:
            q.multiplier = mult
            q.gb *= mult
            q.start = j - 3
            q.kind, q.cue_strength = "ram", 3
        return
    sticks = _stick_count(tokens, q)
    if sticks is not None:  # "two 16GB sticks", "4 32GB DDR5 DIMMs"
        q.multiplier = sticks
        q.gb *= sticks
        q.start = i - 1
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
        if (
            tokens[k].is_num
            and w != "*"
            and tokens[k + 1].text == "*"
            and _unit_at(tokens, k + 3) is not None
        ):
            return  # "24gb 2x32gb": the next amount's own count, not this one's
        # memory descriptors may sit between: "64G 4800MHz DDR5 x12"
        if (
            tokens[k].is_num
            or w in ("mhz", "mt", "mts", "s", "ddr", "ecc", "rdimm", "dimm", "-")
            or (w == "/" and tokens[k - 1].text == "mt")  # "MT/s", never a list's slash
            or w.startswith(("ddr", "lpddr"))
        ):
            k += 1
            steps += 1
            continue
        return


# words that may sit between a module's size and the word "sticks" ("16GB DDR5 RAM sticks")
_MODULE_DESCRIPTORS = frozenset({"ram", "memory", "ddr", "ecc", "mhz", "mt", "mts", "rdimm", "-"})


def _stick_count(tokens: Sequence[Token], q: Quantity) -> int | None:
    """'two 16GB sticks', '4 32GB DDR5 DIMMs': the count before a module's size, where the memory
    modules are named after it; None elsewhere."""
    i = q.start
    if i < 1 or tokens[i - 1].line != tokens[i].line:
        return None
    before = tokens[i - 1]
    if before.is_num:
        if "." in before.text or (i >= 2 and tokens[i - 2].is_num):
            return None
        mult = int(before.value)
    else:
        mult = COUNT_WORDS.get(before.text, 0)
    if not 1 < mult <= 32:
        return None
    for k in range(q.end, min(len(tokens), q.end + 4)):
        w = tokens[k].text
        if w in STICK_WORDS:
            return mult
        if not (tokens[k].is_num or w in _MODULE_DESCRIPTORS or w.startswith(("ddr", "lpddr"))):
            return None
    return None


_NOMINAL_GB = (
    1, 2, 3, 4, 6, 8, 10, 11, 12, 16, 20, 22, 24, 32, 40, 48, 64, 80, 94, 96, 128, 141, 192, 256, 288,
    384, 512, 768, 1024, 1536, 2048,  # server RAM: `free -h` prints "502Gi" for 512 GB of DIMMs
)  # fmt: skip


def _snap_mib(mib: float, printed_gib: bool = False) -> float:
    """A tool's figure snapped to the nominal size it is near; off every nominal size, MiB as decimal GB,
    and a figure printed in GiB as printed (sizes are read in GiB: "64GB" is 64 GiB)."""
    gib = mib / 1024
    for nominal in _NOMINAL_GB:
        if abs(gib - nominal) <= 0.06 * nominal:
            return float(nominal)
    return round(gib, 2) if printed_gib else round(gib * 1.073741824, 1)


# a card's suffix a memory size may be typed against ("4060ti16g", "4070super12gb")


def _after_suffix(tokens: Sequence[Token], i: int) -> bool:
    """The number at i is glued to a card's suffix glued to its model number ("4060ti16g", "ti16gb"), or to
    the unit of the amount before it ("8gb32gb ram": two amounts typed without a space)."""
    before = tokens[i - 1].text
    return i > 1 and tokens[i - 2].is_num and (before in SIBLING_WORDS or before in ("gb", "gib"))
