"""Cue words: what a word next to an amount of memory says it is, and the symbols that end an item."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Literal

from ._lexicon import (
    CACHE_CUES,
    GENERIC_MEMORY_CUES,
    NETWORK_CUES,
    OTHER_MACHINE_WORDS,
    RAM_CUES,
    STORAGE_CUES,
    UNIFIED_CUES,
    VRAM_CUES,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._quantities import Quantity
    from ._tokens import Token

__all__ = ["BREAK", "VRAM_CONTEXT", "QuantityKind", "apply_cue", "cjk_than", "cue_in", "other_machine_before"]

QuantityKind = Literal["vram", "ram", "unified", "storage", "other", "unknown"]

BREAK = frozenset({";", "|", "•", "·"})
# words for a graphics card: an amount beside them is its VRAM ("16GB card", "8GB 显卡")
# NVLink joins cards: "3090 24GB x2 NVLink" is the cards' memory, no network's speed
VRAM_CONTEXT = frozenset(
    {
        "gpu",
        "gpus",
        "card",
        "cards",
        "graphics",
        "videocard",
        "vga",
        "显卡",
        "顯示卡",
        "grafikkarte",
        "nvlink",
        # the brands of graphics cards alone, their model left out: "Radeon 8GB", "GeForce 4GB", "intel arc
        # 16gb"
        "radeon",
        "geforce",
        "arc",
    }
)


# 比 opening a word, not "than": 比较 (rather), 比如 (for example), 比例 (ratio), 比赛, 比率, 比特 (bit)
_NOT_THAN = frozenset("较較如例赛賽率特")


def cjk_than(run: str) -> bool:
    """A CJK run right before a device holds 比 (than) of a comparison: the device after it is what
    something is measured against ("4090的显存带宽比H20低", "3090比双卡4090的服务器快"), unless the user's own
    one follows ("比我的3090快": measured against the user's card)."""
    at = run.rfind("比")
    if at < 0:
        return False
    rest = run[at + 1 :]
    if run[at - 1 : at] in ("价", "價"):
        return False  # 性价比 (value for money): "性价比高的3090" is a 3090, none measured against
    return not rest.startswith(("我", "咱")) and rest[:1] not in _NOT_THAN


def other_machine_before(tokens: Sequence[Token], start: int, reach: int) -> bool:
    """'... Other config is 16 GB VRAM (5060ti) + 32 GB system RAM', 'my other PC has a 3060': a second
    computer opens the sentence part before `start` (on its line), and what follows is that computer's."""
    line = tokens[start].line
    for k in range(start - 1, max(0, start - reach), -1):
        t = tokens[k]
        if t.line != line or t.text in (".", "!", "?", ";"):
            return False
        if t.text in OTHER_MACHINE_WORDS and tokens[k - 1].text in ("other", "another", "second"):
            return True
    return False


def cue_in(word: str, cues: frozenset[str]) -> bool:
    """Whether `word` is a cue; CJK runs ("内存64g" -> run "内存") match on substrings."""
    if word in cues:
        return True
    if word and word[0] >= "\u3040":
        return _cjk_cue_in(word, cues)
    return False


@functools.lru_cache(maxsize=4096)
def _cjk_cue_in(run: str, cues: frozenset[str]) -> bool:
    """Whether a CJK run holds one of the CJK cues of a set (a long message says the same runs over and
    over: each run is tested against each set once)."""
    return any(c in run for c in _cjk_cues(cues))


@functools.cache
def _cjk_cues(cues: frozenset[str]) -> tuple[str, ...]:
    """The CJK cues of a set (the only ones a CJK run can hold)."""
    return tuple(c for c in cues if c and c[0] >= "\u3040")


def apply_cue(q: Quantity, word: str) -> bool:
    """Set q.kind from a cue word; returns whether the word was a cue."""
    if word and word[0] >= "\u3040":
        hit = _cjk_cue(word)
    else:
        hit = _CUE_OF.get(word)
        if hit is None and word.startswith(("ddr", "lpddr")):
            hit = ("ram", 3, False)
    if hit is None:
        return False
    q.kind, q.cue_strength = hit[0], hit[1]
    if hit[2]:
        q.memory_word = True
    return True


_Cue = tuple[QuantityKind, int, bool]  # what the word says an amount is, how surely, a bare "memory" word
# in the order a word is tried against them: the first set holding it says what it cues
_CUE_SETS: tuple[tuple[frozenset[str], _Cue], ...] = (
    (VRAM_CUES, ("vram", 3, False)),
    (RAM_CUES, ("ram", 3, False)),
    (UNIFIED_CUES, ("unified", 3, False)),
    (STORAGE_CUES, ("storage", 3, False)),
    (NETWORK_CUES, ("other", 3, False)),
    (CACHE_CUES, ("other", 3, False)),
    (GENERIC_MEMORY_CUES, ("ram", 2, True)),
    (VRAM_CONTEXT, ("vram", 2, False)),
)


def _cue_table() -> dict[str, _Cue]:
    """Every cue word -> what it cues, as the sets are tried in order ("ddr..." words come second)."""
    table: dict[str, _Cue] = {}
    for rank, (cues, cue) in enumerate(_CUE_SETS):
        for word in cues:
            if word not in table:
                table[word] = ("ram", 3, False) if rank > 1 and word.startswith(("ddr", "lpddr")) else cue
    return table


_CUE_OF = _cue_table()


@functools.lru_cache(maxsize=1024)
def _cjk_cue(word: str) -> _Cue | None:
    """A CJK run holds its cue unspaced ("内存64g" -> run "内存"): the first set with a cue inside it."""
    if word.startswith(_SHARED_CJK):
        return _SHARED_CUE  # "8G共享内存": the RAM Windows lends the graphics, no size of the RAM or a card
    for cues, cue in _CUE_SETS:
        if cue_in(word, cues):
            return cue
    card = word.removeprefix("的")  # "80G的卡", "24G卡": a card of that memory
    if card.startswith("卡") and card[1:2] not in _STUCK:
        return _CARD_CUE
    return None


_CARD_CUE: _Cue = ("vram", 2, False)
# "共享内存", "共享显存", "共享GPU内存": Windows' shared GPU memory (a share of the RAM), as Task Manager
# words it
_SHARED_CJK = ("共享", "共用")
_SHARED_CUE: _Cue = ("other", 3, False)
# 卡 opening a verb: "卡住", "卡顿", "卡死", "卡在" (stuck, lagging, frozen), never a card
_STUCK = frozenset("住顿頓死在了得主")
