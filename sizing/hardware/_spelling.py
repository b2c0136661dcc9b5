"""Misspelt words of device names: "suepr", "xtxx", "geforse", "snapdargon", "studoi".

Every spelling one edit away (a letter dropped, added, changed, or two swapped) from a word of a
device name maps to that word, unless it is itself a word people write, a plural, or one edit from two
name words. The tokenizer reads such a spelling as the word; the parser keeps the reading only where a
number or another name word stands beside it, and says so in the assumptions.
"""

from __future__ import annotations

import string
from pathlib import Path

from ..data_cache import files_digest, load_built

__all__ = ["NAME_WORDS", "NEAR_MISSES", "SHORT_SPELLINGS", "SUFFIX_SLIPS"]

# words of device and machine names (TYPO_FIXES in _lexicon lists the common misspellings seen)
NAME_WORDS = frozenset(
    {
        "super", "ultra", "laptop", "mobile", "studio", "macbook", "nvidia", "geforce", "radeon", "quadro",
        "tesla", "titan", "instinct", "jetson", "snapdragon", "ryzen", "threadripper", "xeon", "epyc",
        "orin", "elite", "xtx", "ada", "rtx", "gtx", "blackwell", "vram", "memory", "unified", "system",
    }
)  # fmt: skip
# real words one edit from a name word: never read as the name
_REAL_WORDS = frozenset(
    {
        "neon", "xenon", "duper", "elide", "orion", "stdio", "adam", "aida", "yada", "adan", "adas", "data",
        "sada", "epic", "titian", "mobil", "tiran", "titans", "suber", "sober", "upper", "paper", "saber",
        "sure", "user", "supe", "sped", "lite", "elites", "laptops", "studios", "radon", "quadra", "ultras",
        "aeon", "leon", "peon", "odin", "grin", "nada", "dada", "lada", "exon", "elit", "oran", "akin",
        "erin", "lorin", "marin", "torin", "florin", "pada", "soda", "rada", "agda", "wada", "cram",
        "tram", "dram", "vrm", "memo", "memos", "systemd", "unifies", "unifier",
        "altra",  # Ampere Altra, a server CPU: no misspelt "Ultra"
        "titanx", "titanv",  # a Titan X or Titan V written glued ("4 TitanX GPUs"): no misspelt "Titan"
    }
)  # fmt: skip
_LETTERS = string.ascii_lowercase


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changes = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | swaps | changes | inserts


def _near_misses() -> dict[str, str]:
    owners: dict[str, set[str]] = {}
    for word in NAME_WORDS:
        for variant in _edits(word):
            owners.setdefault(variant, set()).add(word)
    near = {
        variant: next(iter(words))
        for variant, words in owners.items()
        if len(words) == 1
        and len(variant) >= 4
        and variant not in NAME_WORDS
        and variant not in _REAL_WORDS
        and variant not in {w + "s" for w in words}
    }
    return near | {slip: word for slip, word in SUFFIX_SLIPS.items() if len(slip) >= 4}


# a card's suffix cut short, with a look-alike letter or a neighbouring key ("4080 supe", "4080 sup",
# "2080 tl", "4070 tu super", "3060 ri"): read as the suffix only right after the card's number (the
# parser checks), never elsewhere ("sup guys")
SUFFIX_SLIPS: dict[str, str] = {
    "sup": "super", "supe": "super", "tl": "ti", "tı": "ti", "tu": "ti", "ri": "ti", "yi": "ti",
}  # fmt: skip

# some ten thousand spellings: kept built between runs (sizing/data_cache.py), under a hash of this file
NEAR_MISSES: dict[str, str] = load_built(
    "near-misses", files_digest([Path(__file__).resolve()]), _near_misses, version="1", kind=dict
)

# card suffixes too short for one edit to stay unambiguous: read only with one key pressed twice
# ("3090tii", "4070 tti super"; "xtt" may be an XT or an XTX)
_SHORT_SUFFIXES = ("ti",)
DOUBLED_KEYS: dict[str, str] = {w[: i + 1] + w[i:]: w for w in _SHORT_SUFFIXES for i in range(len(w))}
# the spellings of words of three letters or fewer read as name words: one lookup in the tokenizer
SHORT_SPELLINGS: dict[str, str] = DOUBLED_KEYS | {
    slip: w for slip, w in SUFFIX_SLIPS.items() if len(slip) < 4
}
