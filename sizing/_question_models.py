"""Models a question names by size when it names several: a range ("200-700B", "between 100 and
200 billion"), an open shape ("dense or MoE?") and a choice between sizes ("a 70B dense or a 235B
MoE").

A range is answered at both ends (and at its middle when asked for: "and in between"); a shape
left open is answered both ways, dense and MoE, side by side. Each size becomes a generic model
shaped like today's releases (sizing.catalog.hypothetical_model), with every guess an assumption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ._question_intent import COMPARED_THAN, choice_words
from .catalog import ModelIndex, Resolution, hypothetical_model

__all__ = ["SizedModels", "sized_models"]

_UNIT = r"(b|bn|billion|t|trillion)"
# "200-700B", "200 to 700 billion", "between 100 and 200B"; never inside a name ("gemma-3-27b"); two
# sizes joined in Chinese ("7B和20B模型") are read at both ends too
_RANGE = re.compile(
    rf"(?<![\w.\-])(?:between\s+)?(\d+(?:\.\d+)?)\s*{_UNIT}?\s*(?:-|–|—|~|to|and|bis|à|a|до|到|～|和|与|及|跟)\s*"
    rf"(\d+(?:\.\d+)?)\s*{_UNIT}\b"
)
_MIDDLE = re.compile(
    r"\b(?:and|or|plus)\s+(?:the\s+)?(?:middle|midpoint|in[\s-]between|sizes?\s+in\s+between)\b"
    r"|\bin[\s-]between\b|\bmidpoint\b|\bthe\s+middle\b|\bhalfway\b"
)
# "dense or MoE?" with no size between the two words: the shape is open
_OPEN_SHAPE = re.compile(
    r"\bdense\s*(?:or|vs\.?|versus|/|and)\s*(?:an?\s+)?(?:moe|mixture[\s-]of[\s-]experts)\b"
    r"|\b(?:moe|mixture[\s-]of[\s-]experts)\s*(?:or|vs\.?|versus|/|and)\s*(?:a\s+)?dense\b"
)
_SIZE = re.compile(r"(?<![\w.\-])(\d+(?:\.\d+)?)\s*(?:b|bn|billion|t|trillion)\b(?!\s*active)")
# the words of a choice between sizes, with any comparative before "than" ("is a 14b dense quicker
# than a 30b moe", "more accurate than", "schneller als")
_CHOICE = re.compile(rf"\b(?:or|vs\.?|versus|oder|ou|o|или|{COMPARED_THAN})\b|还是|或者")
RANGE_RATIO_MIN = 1.2  # "7-8B" is one size written loosely, not a range worth two answers
MAX_SIZES = 6  # generic models read from one question


@dataclass(frozen=True, slots=True)
class SizedModels:
    models: tuple[Resolution, ...]
    both_shapes: bool = False  # "dense or MoE?": each size read both ways
    range_b: tuple[float, float] | None = None  # the ends of a range, in billions
    # a choice between sizes: where each model's size is written, and how far the words about it go
    # ((start, end, reach) in the text read, one per model)
    at: tuple[tuple[int, int, int], ...] = ()


def _billions(value: str, unit: str | None) -> float:
    return float(value) * (1000.0 if unit in ("t", "trillion") else 1.0)


def _nice(x: float) -> float:
    """A middle size as people would write it: two significant figures."""
    digits = len(str(int(x))) - 2
    step = 10 ** max(digits, 0)
    return float(round(x / step) * step)


def _read(text: str, index: ModelIndex, *, bare_size: bool = False) -> Resolution | None:
    try:
        return hypothetical_model(text, index, bare_size=bare_size)
    except ValueError:
        return None


def _shapes(text: str) -> list[str]:
    """The text once for each shape asked: both ways when the shape is open."""
    open_shape = _OPEN_SHAPE.search(text)
    if open_shape is None:
        return [text]
    a, b = open_shape.span()
    return [text[:a] + " dense " + text[b:], text[:a] + " moe " + text[b:]]


def sized_models(s: str, index: ModelIndex, *, bare_size: bool = False) -> SizedModels | None:
    """The generic models a question names by size when it names several (a range, an open shape,
    a choice between sizes); None when it names at most one that way. `s` is lowercased text with
    the catalog models' names blanked out; with `bare_size` a size standing alone is a model's
    ("8b at fp16 or 32b at q4?")."""
    open_shape = _OPEN_SHAPE.search(s)
    rng = _RANGE.search(s)
    if rng is not None:
        lo = _billions(rng.group(1), rng.group(2) or rng.group(4))
        hi = _billions(rng.group(3), rng.group(4))
        if lo >= 0.1 and hi / lo >= RANGE_RATIO_MIN and hi <= 5000:
            sizes = [lo, hi]
            if _MIDDLE.search(s):
                sizes.insert(1, _nice((lo + hi) / 2))
            models: list[Resolution] = []
            for size in sizes:
                one = s[: rng.start()] + f" {size:g}b " + s[rng.end() :]
                for variant in _shapes(one):
                    r = _read(variant, index)
                    if r is not None and all(m.model.id != r.model.id for m in models):
                        models.append(r)
            if models:
                return SizedModels(tuple(models[:MAX_SIZES]), open_shape is not None, (lo, hi))
    if open_shape is not None:
        models = [r for r in (_read(v, index) for v in _shapes(s)) if r is not None]
        if len({r.model.id for r in models}) == 2:
            return SizedModels(tuple(models), both_shapes=True)
    return _choice_of_sizes(s, index, bare_size)


def _choice_of_sizes(s: str, index: ModelIndex, bare_size: bool) -> SizedModels | None:
    """'a 70B dense or a 235B MoE', 'is a 14b dense faster than a 30b moe': each side of the choice
    read on its own. A size alone on one side ("is a 32b or a 24b model better") is a model's size
    as much as the other side's."""
    sizes = list(_SIZE.finditer(s))
    if len(sizes) < 2:
        return None
    words = [*(m.span() for m in _CHOICE.finditer(s)), *choice_words(s)]
    cuts = [0]
    for left, right in pairwise(sizes):
        between = [a for a, b in words if left.end() <= a and b <= right.start()]
        if between:
            cuts.append(min(between))
    if len(cuts) < 2:
        return None
    cuts.append(len(s))
    pieces = list(pairwise(cuts))
    # one side described as a model makes the bare sizes beside it models too
    bare = bare_size or any(_read(s[a:b], index) is not None for a, b in pieces)
    models: list[Resolution] = []
    at: list[tuple[int, int, int]] = []
    for a, b in pieces:
        size = next(x for x in sizes if a <= x.start() < b)  # each piece holds a size: cut between two
        r = _read(s[a:b], index, bare_size=bare)
        if r is not None and all(m.model.id != r.model.id for m in models):
            models.append(r)
            at.append((size.start(), size.end(), b))
    if len(models) < 2:
        return None
    return SizedModels(tuple(models[:MAX_SIZES]), at=tuple(at[:MAX_SIZES]))
