"""Misspelled words in a model's name, read as the words meant before the name is looked up: a family
word one letter off ("deepsek") and a variant word one letter off ("distil", "instuct", "thinkng") that
sits in the name (after its family word, with only name words between). A dropped word would let
another model win ("deepseek r1 distil llama 70b" is not R1 itself), so each is read as meant and said.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["VARIANT_WORDS", "with_name_spellings"]

# words a release adds to its family's name (its kind, its size class, its build)
VARIANT_WORDS = frozenset(
    {
        "distill", "distilled", "instruct", "coder", "code", "thinking", "reasoning", "abliterated",
        "uncensored", "maverick", "scout", "preview", "vision", "turbo", "lightning", "terminus",
        "speciale", "flash", "super", "nano", "ultra", "mini", "large", "medium", "small", "nemo", "next",
        "chat", "air", "oss", "moe", "lite", "max", "pro", "exp", "plus", "tiny", "micro", "base", "it",
    }
)  # fmt: skip
# words of the sentence around a name, in the languages the reader knows: never a name's typo ("gemma 3
# 12b oder qwen3 14b" offers two models; "oder" is not "coder" with a letter dropped)
_SENTENCE_WORDS = frozenset(
    {"or", "oder", "ou", "und", "and", "als", "than", "auf", "mit", "für", "with", "for", "over", "under"}
)
_SUBSTITUTION_MIN = 6  # shorter words take a dropped or doubled letter only: "cover" is no "coder"
_DROPPED_MIN = 5  # words this long are read with one letter dropped or added
_WORD = re.compile(r"[a-z0-9.+]+")
_JOINER = re.compile(r"[\s\-_/:]*")  # what may stand between two words of one name
_NAME_REACH = 5
_VERSION_GLUED = re.compile(r"[0-9.]+$")  # words after the family word a variant word is looked for in


def _one_off(word: str, right: str) -> bool:
    """`word` is `right` with one letter dropped, added or (for longer words) changed."""
    if word == right or len(right) < _DROPPED_MIN or abs(len(word) - len(right)) > 1:
        return False
    if word.startswith(right):
        return False  # a letter added at the end is an ending, not a typo: "larger", "coders"
    if len(word) == len(right):
        return len(right) >= _SUBSTITUTION_MIN and sum(a != b for a, b in zip(word, right, strict=True)) == 1
    short, long_ = (word, right) if len(word) < len(right) else (right, word)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _variant_meant(word: str) -> str | None:
    if word in VARIANT_WORDS or word.rstrip("s") in VARIANT_WORDS or word in _SENTENCE_WORDS:
        return None
    near = sorted(v for v in VARIANT_WORDS if _one_off(word, v))
    return near[0] if len(near) == 1 else None  # two words as near: no guess


def _name_word(word: str, family_meant: Callable[[str], str | None], families: frozenset[str]) -> bool:
    return (
        any(c.isdigit() for c in word)
        or word in VARIANT_WORDS
        or word in families
        or _variant_meant(word) is not None
        or family_meant(word) is not None
    )


def with_name_spellings(
    text: str, families: frozenset[str], family_meant: Callable[[str], str | None]
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`text` with misspelled family words, and misspelled variant words inside a model's name, written
    as meant; and each (word written, word read). `family_meant` gives the family word a word is a
    typo of (None for none)."""
    low = text.lower()
    words = list(_WORD.finditer(low))
    fixes: dict[int, tuple[int, str]] = {}  # start: (end, word meant)
    reach = 0  # name words left to read after the last family word
    for k, m in enumerate(words):
        word = m.group(0)
        joined = k > 0 and _JOINER.fullmatch(low, words[k - 1].end(), m.start()) is not None
        if not joined:
            reach = 0
        bare = _VERSION_GLUED.sub("", word)  # "qwen3", "llama3.3": the family word glued to its version
        family = None if bare in families else family_meant(word)
        if bare in families or family is not None:
            if family is not None:
                fixes[m.start()] = (m.end(), family)
            reach = _NAME_REACH
            continue
        if reach <= 0 or not _name_word(word, family_meant, families):
            reach = 0
            continue
        reach -= 1
        meant = _variant_meant(word)
        if meant is not None:
            fixes[m.start()] = (m.end(), meant)
    if not fixes:
        return text, ()
    pieces: list[str] = []
    said: list[tuple[str, str]] = []
    last = 0
    for start in sorted(fixes):
        end, meant = fixes[start]
        pieces += [text[last:start], meant]
        said.append((text[start:end], meant))
        last = end
    return "".join(pieces) + text[last:], tuple(dict.fromkeys(said))
