"""Cue words: what a word next to an amount of memory says it is, and the symbols that end an item."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Literal

from ._lexicon import (
    GENERIC_MEMORY_CUES,
    NETWORK_CUES,
    RAM_CUES,
    STORAGE_CUES,
    UNIFIED_CUES,
    VRAM_CUES,
)

if TYPE_CHECKING:
    from ._quantities import Quantity

__all__ = ["BREAK", "VRAM_CONTEXT", "QuantityKind", "apply_cue", "cue_in"]

QuantityKind = Literal["vram", "ram", "unified", "storage", "other", "unknown"]

BREAK = frozenset({";", "|", "•"})
# words for a graphics card: an amount beside them is its VRAM ("16GB card", "8GB 显卡")
VRAM_CONTEXT = frozenset(
    {"gpu", "gpus", "card", "cards", "graphics", "videocard", "vga", "显卡", "顯示卡", "grafikkarte"}
)


def cue_in(word: str, cues: frozenset[str]) -> bool:
    """Whether `word` is a cue; CJK runs ("内存64g" -> run "内存") match on substrings."""
    if word in cues:
        return True
    if word and word[0] >= "\u3040":
        return any(c in word for c in _cjk_cues(cues))
    return False


@functools.cache
def _cjk_cues(cues: frozenset[str]) -> tuple[str, ...]:
    """The CJK cues of a set (the only ones a CJK run can hold)."""
    return tuple(c for c in cues if c and c[0] >= "\u3040")


def apply_cue(q: Quantity, word: str) -> bool:
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
        q.kind, q.cue_strength, q.memory_word = "ram", 2, True
    elif cue_in(word, VRAM_CONTEXT):
        q.kind, q.cue_strength = "vram", 2
    else:
        return False
    return True
