"""Short names for a model family, read as the full name before a question's models are found:
"oss 120" is gpt-oss 120, "r1" DeepSeek R1, "L3.3 70B" Llama 3.3 70B (data/nicknames.yaml)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ._errors import CatalogError
from ._lazy_re import LazyPattern
from ._yaml import load_yaml

__all__ = ["SIZE_BEFORE", "Nickname", "expand_nicknames", "load_nicknames"]

# a size right after the short name: "oss 120", "oss-20b", "oss120b"
_SIZE_AFTER = re.compile(r"[\s\-_]?\d+(?:\.\d+)?\s*b?(?![a-z])")
# or right before it: "the 120b oss model"
# (not one glued to a name before it by ":", "-", "_" or "/": "deepseek-r1:14b deepseek-r1:32b" is two names)
SIZE_BEFORE = LazyPattern(r"(?<![a-z0-9.:_/\-])\d+(?:\.\d+)?\s*b\s+$")
_WORD_BEFORE = re.compile(r"([a-z][a-z0-9.\-]*)\s+$")
_TYPO_MIN = 6  # words this long are also read with one letter off (as family words are)


@dataclass(frozen=True, slots=True)
class Nickname:
    says: str  # the short name, lower case ("oss", "l3.3")
    means: str  # the family's name it stands for ("gpt-oss", "llama 3.3")
    sized: bool  # read only when a size follows
    not_after: frozenset[str]  # words before it that make it something else ("grid k2")
    source: str
    before: tuple[str, ...] = ()  # read only when one of these words follows ("ds v3", "ds-r1")


def _file() -> Path:
    return Path(__file__).parent / "data" / "nicknames.yaml"


@functools.cache
def load_nicknames() -> tuple[Nickname, ...]:
    """The bundled table; CatalogError when a row lacks a field."""
    out = []
    for i, row in enumerate(load_yaml(_file())):
        if not isinstance(row, dict) or not all(
            isinstance(row.get(k), str) and row[k] for k in ("says", "means", "source")
        ):
            raise CatalogError(f"nicknames.yaml row {i + 1}: needs says, means and source")
        out.append(
            Nickname(
                row["says"].lower(),
                row["means"].lower(),
                bool(row.get("sized", False)),
                frozenset(w.lower() for w in row.get("not_after", ())),
                row["source"],
                tuple(str(w).lower() for w in row.get("before", ())),
            )
        )
    return tuple(out)


@functools.cache
def _pattern() -> re.Pattern[str]:
    words = sorted((n.says for n in load_nicknames()), key=len, reverse=True)
    # a short name may be glued to the version that follows it ("DSv4 Flash", "dsv3"): "v" and a digit
    alternatives = "|".join(map(re.escape, words))
    return re.compile(r"(?<![a-z0-9_\-./:])(" + alternatives + r")(?![a-uw-z]|v(?!\d))", re.I)


def _names_family(word: str, words: frozenset[str] | set[str]) -> bool:
    """`word` is one of `words`, or one letter off a long one ("mistrall")."""
    if word in words:
        return True
    if len(word) < _TYPO_MIN:
        return False
    from rapidfuzz.distance import Levenshtein  # loaded by the first long word that needs it

    return any(
        abs(len(w) - len(word)) <= 1 and Levenshtein.distance(word, w, score_cutoff=1) <= 1 for w in words
    )


def _followed_by(text: str, end: int, words: tuple[str, ...]) -> bool:
    """One of `words` right after position `end`, across a space, dash or underscore ("ds v3.1",
    "ds-r1"); a version's own digits may follow ("v3" in "v3.1", "v3-0324")."""
    alts = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"[\s\-_]*(?:{alts})(?![a-z])").match(text, end) is not None


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")


def _word_run_start(text: str, end: int) -> int:
    """Where the run of `_WORD_BEFORE`'s word characters before the spaces ending at `end` starts: no
    match of it ending at `end` starts earlier, so it is searched from there, not from the text's start
    (each name in a long message would scan all the text before it)."""
    k = end
    while k > 0 and text[k - 1].isspace():
        k -= 1
    while k > 0 and text[k - 1] in _WORD_CHARS:
        k -= 1
    return k


def expand_nicknames(text: str, family_words: frozenset[str]) -> str:
    """`text` with each short name standing alone replaced by the name it stands for."""
    table = {n.says: n for n in load_nicknames()}
    pieces: list[str] = []
    last = 0
    low = text.lower()
    for m in _pattern().finditer(text):
        nick = table[m.group(1).lower()]
        if nick.sized and not (_SIZE_AFTER.match(low, m.end()) or SIZE_BEFORE.search(low, 0, m.start())):
            continue
        if nick.before and not _followed_by(low, m.end(), nick.before):
            continue  # "ds on a 3090", "DS work", "DS 918+"
        before = _WORD_BEFORE.search(low, _word_run_start(low, m.start()), m.start())
        if before is not None:
            word = before.group(1).strip("-.")
            own = set(re.split(r"[\s\-]+", nick.means))
            if word in nick.not_after or _names_family(word, own | family_words):
                continue  # "kimi k2", "gpt oss 120", "GRID K2", "seed oss", "mistrall nemo"
        # a short name glued to the rest of a pasted name ("R1-Qwen-7B") stays one name: glued too; one
        # glued to its version ("DSv4") is the full name, then the version
        after = text[m.end() : m.end() + 2]
        glued = after[:1] in ("-", "_") and after[1:].isalnum()
        means = nick.means.replace(" ", "-") if glued else nick.means + (" " if after[:1].isalpha() else "")
        pieces += [text[last : m.start()], means]
        last = m.end()
    return "".join(pieces) + text[last:] if pieces else text
