"""What the hardware reader has decided so far, and small helpers every reading step shares."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .._lazy_re import LazyPattern
from ._database import DeviceDatabase
from ._lexicon import COUNT_WORDS
from ._mentions import Mention
from ._models import GpuGroup, SocInfo
from ._schema import DeviceSpec

__all__ = [
    "WORD_NUM",
    "Reading",
    "counted_unnamed_cards",
    "display",
    "fmt_gb",
    "memory_sizes",
    "same_size",
    "unnamed_count",
]


@dataclass
class Reading:
    """What the parser has decided so far."""

    gpus: list[GpuGroup] = field(default_factory=list)
    soc: SocInfo | None = None
    unified: float | None = None
    ram: float | None = None
    notes: list[str] = field(default_factory=list)


def fmt_gb(gb: float) -> str:
    return f"{gb:g} GB"


def memory_sizes(rows: Sequence[DeviceSpec]) -> list[float]:
    return sorted({r.memory_gb for r in rows if r.memory_gb})


def same_size(a: float, b: float) -> bool:
    return abs(a - b) <= 0.05 * b + 0.01


WORD_NUM = {
    "dual": 2,
    "twin": 2,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "sixteen": 16,
}


_UNNAMED_COUNT = re.compile(
    r"\b(\d{1,2}|dual|twin|two|three|four|five|six|seven|eight|nine|ten|twelve|sixteen)"
    r"\s*(?:x\s*)?(?:gpus|cards|graphics cards|gpu devices?)\b"
)


# "2 24gb cards", "three 16GB GPUs", "4x 24 GB cards": a count, then each card's memory
_COUNTED_SIZE = re.compile(
    r"\b(\d{1,2}|dual|twin|two|three|four|five|six|seven|eight|nine|ten|twelve|sixteen)\s*(?:x\s*)?"
    r"(\d{1,3}(?:\.\d+)?)\s*(?:gb|g|gib)\s*(?:vram\s*)?(?:gpus|cards|graphics cards)\b"
)


# the same in Chinese: a count and its classifier, then each card's memory ("四张80g显卡", "两块24G的卡",
# "两个24G显卡")
_COUNTED_SIZE_CJK = LazyPattern(
    r"(\d{1,2}|[一二两三四五六七八九十])\s*[张張块塊片个個]\s*(\d{1,3}(?:\.\d+)?)\s*(?:gb|g)"
)


def counted_unnamed_cards(norm: str, gb: float) -> int | None:
    """How many cards of `gb` each the text counts by their memory alone ("two 24GB cards", "四张80g显卡"),
    or None."""
    if "卡" in norm:
        for m in _COUNTED_SIZE_CJK.finditer(norm):
            if float(m.group(2)) == gb and "卡" in norm[m.end() : m.end() + 4]:
                word = m.group(1)
                return COUNT_WORDS.get(word) or int(word)
    if "gpus" not in norm and "cards" not in norm:  # every match ends with one of the words
        return None
    for m in _COUNTED_SIZE.finditer(norm):
        if float(m.group(2)) == gb:
            word = m.group(1)
            return WORD_NUM.get(word) or int(word)
    return None


def unnamed_count(norm: str) -> int:
    """How many cards the text counts with no card's name ("B200 node, 8 GPUs", "RTX 3090, 8 GPU device",
    "HGX模块的8卡", "npu的4卡"), else 1."""
    if "卡" in norm and (cjk := _cjk_unnamed_count(norm)) is not None:
        return cjk
    if "gpus" not in norm and "cards" not in norm and "gpu device" not in norm:  # every match ends so
        return 1
    for m in _UNNAMED_COUNT.finditer(norm):
        if _NEEDED.search(norm, max(0, m.start() - 24), m.start()):
            continue  # "why do you need 2 GPUs, my 4090 ...": cards someone needs, not the ones named
        word = m.group(1)
        return WORD_NUM.get(word) or int(word)
    return 1


# a count of cards in Chinese with no card's name after it: "8卡", "四张卡", "2块显卡" (not the end of a
# card's number: "3090卡"; "单卡", "多卡", "第2卡" count no cards)
_UNNAMED_COUNT_CJK = LazyPattern(r"(?<![\d.a-z第])(\d{1,2}|[两二三四五六七八九十])\s*(?:[张張块塊]\s*)?显?卡")
# a need said before it ("需要8卡", "至少要4卡"): cards someone needs, not the ones named
_NEEDED_CJK = ("需要", "要求", "至少", "需")


def _cjk_unnamed_count(norm: str) -> int | None:
    for m in _UNNAMED_COUNT_CJK.finditer(norm):
        if any(w in norm[max(0, m.start() - 4) : m.start()] for w in _NEEDED_CJK):
            continue
        word = m.group(1)
        count = COUNT_WORDS.get(word) or int(word)
        if count > 1:
            return count
    return None


# a need said right before a count of cards ("you need 2 GPUs", "no need for two cards")
_NEEDED = LazyPattern(r"\b(?:need|needs|needed|require|requires|required)\b(?:\s+\w+)?\s*$")


def display(m: Mention, db: DeviceDatabase) -> str:
    if m.spec is not None:
        return m.spec.name
    row = db.default_variant(m.device_id)
    return row.name if row else m.device_id
