"""Configurations asked as a choice: a quantization and a context length each ("q4_k_m with 64k
context or q6_k with 16k"), or context lengths alone ("128k vs 32k context, how much more memory?").
Each is sized on its own, and the answer weighs them."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from ._lazy_re import LazyPattern

__all__ = ["read_configs_compared"]

# a context length in thousands of tokens, with the quantization said right before it where one is
_LENGTH = LazyPattern(r"(?<![\w.])(?P<k>\d{1,4})\s*k\b(?:\s*(?:context|ctx|tokens?|window|of\s+context))?")
# what joins two configurations weighed against each other
_CHOICE = LazyPattern(
    r"\s*,?\s*(?:or|vs\.?|versus|compared\s+(?:to|with)|against|instead\s+of)\s+(?:with\s+|at\s+|a\s+)?"
)
# what may stand between a quantization and the context it is paired with
_JOIN = LazyPattern(r"\s*(?:with|at|@|and|\+|,)?\s*(?:a\s+|an\s+)?")
_K_LENGTHS = frozenset({2, 4, 8, 16, 24, 32, 40, 48, 64, 96, 128, 160, 192, 200, 256, 512, 1000, 1024})


def read_configs_compared(
    s: str,
    quants: re.Pattern[str],
    wish: Callable[[re.Match[str]], str | None],
    length: Callable[[float], int],
) -> tuple[tuple[str | None, int], ...]:
    """(quantization or None, context tokens) of each configuration asked as a choice, in order; () when
    the text weighs no two context lengths against each other. `quants` finds quantization names,
    `wish` reads one as the quant asked, `length` turns thousands of tokens into tokens."""
    found = [m for m in _LENGTH.finditer(s) if int(m.group("k")) in _K_LENGTHS]
    for first, second in pairwise(found):
        between = s[first.end() : second.start()]
        quant_b = _quant_before(s, first.end(), second.start(), quants, wish)
        gap = between if quant_b is None else between[: quant_b[1]]
        if not _CHOICE.fullmatch(gap) and not (quant_b is not None and _CHOICE.match(gap)):
            continue
        start = max(0, first.start() - 40)
        quant_a = _quant_before(s, start, first.start(), quants, wish)
        pairs = (
            (quant_a[0] if quant_a else None, length(float(first.group("k")))),
            (quant_b[0] if quant_b else None, length(float(second.group("k")))),
        )
        if pairs[0] != pairs[1]:
            return pairs
    return ()


def _quant_before(
    s: str, start: int, end: int, quants: re.Pattern[str], wish: Callable[[re.Match[str]], str | None]
) -> tuple[str | None, int] | None:
    """The quantization said right before `end` (after `start`), with only joining words between it
    and `end`, and where it starts (from `start`); None where there is none."""
    last = None
    for m in quants.finditer(s, start, end):
        last = m
    if last is None or not _JOIN.fullmatch(s, last.end(), end):
        return None
    return wish(last), last.start() - start
