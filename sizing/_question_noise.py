"""Text that is no question at all: random characters, keyboard mashing, a binary blob as text.

Such text still holds fragments a reader can take for a card, a size or a quant ("M2", "4096",
"q7k"), and answering them would be answering noise. Words people write, in any language, are
letter runs in one of a few shapes (lower, UPPER, Capitalized, CamelCase like "GeForce" or
"DeepSeek") with a vowel somewhere; random characters make runs of random case ("LueHX",
"JzOxItqJEsD") between symbols from every corner of the keyboard. A text is noise when it has
many letter runs, few of them word-shaped, and many symbols: pastes of logs, tables or
config.json keep words ("hidden_size", "NVIDIA-SMI") and so stay questions. Scripts without
Latin letters (Chinese, Cyrillic) have no such runs and are never called noise.
"""

from __future__ import annotations

from ._lazy_re import LazyPattern

__all__ = ["is_noise"]

_RUN = LazyPattern(r"[A-Za-z]{3,}")
_WORD_SHAPE = LazyPattern(r"(?:[A-Z]?[a-z]+)(?:[A-Z][a-z]+)*|[A-Z]+[a-z]*|[A-Z]+s")
_VOWEL = LazyPattern(r"[aeiouyAEIOUY]")
_MIN_RUNS = 12  # below that, too little text to judge: a short odd question is still read
_MAX_WORD_SHARE = 0.5  # random letters make word-shaped runs about a quarter of the time
_MIN_SYMBOL_SHARE = 0.12  # symbols among the non-space characters: random printable text has ~1/3
_PLAIN_SYMBOLS = frozenset("-|+_.:/,=%()'\"")  # the punctuation of tables, logs and commands


def is_noise(text: str) -> bool:
    """Whether `text` reads as random characters rather than a question (see the module doc)."""
    runs = [m.group() for m in _RUN.finditer(text)]
    if len(runs) < _MIN_RUNS:
        return False
    words = sum(1 for r in runs if _WORD_SHAPE.fullmatch(r) and _VOWEL.search(r))
    if words / len(runs) >= _MAX_WORD_SHARE:
        return False
    chars = [c for c in text if not c.isspace()]
    odd = sum(1 for c in chars if not c.isalnum() and c not in _PLAIN_SYMBOLS)
    return odd / max(1, len(chars)) >= _MIN_SYMBOL_SHARE
