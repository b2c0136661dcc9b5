"""Model names written out of the catalog's order, put back in it before a question's models are
found: "mixtral 7b*8" is Mixtral 8x7B (the count of experts written after the size), "the 120b
model of gpt-oss" is gpt-oss 120b (the size said before the family it belongs to), and "qwen3(8b、
14b、30b-a3b)" names three models of the family, one of each size listed in parentheses after it."""

from __future__ import annotations

import re
from collections.abc import Callable

from ._lazy_re import LazyPattern

__all__ = ["in_catalog_order", "with_sizes_spelled_out"]

# "mixtral 7b*8", "Mixtral-22Bx8", "mixtral 7b × 8": experts counted after the size
_EXPERTS_AFTER = LazyPattern(
    r"(mixtral[\s\-_]*)(\d+(?:\.\d+)?)\s*b\s*[*x×]\s*(\d{1,2})(?![\w.])", re.IGNORECASE
)
# "the 120b model of", "the 32B version of the": a size said of the family named next
_SIZE_OF = LazyPattern(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*b\s+(?:model|version|variant|one|size)\s+of\s+(?:the\s+)?", re.IGNORECASE
)
# "30b 4-bit llama", "65B q4 llama", "13b int8 vicuna": a size, then its quant, then the family
_SIZE_QUANT_BEFORE = LazyPattern(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*b\s+(\d{1,2}[\s\-]?bits?|q\d(?:_k(?:_[sml])?|_[01])?|int[48]|fp(?:8|16)|bf16|awq|gptq)\s+",
    re.IGNORECASE,
)
# the characters of a pasted name ("gpt-oss", "qwen2.5-coder")
_NAME_RUN = re.compile(r"[\w.\-]+")
# a size as a family's releases are told apart: "8b", "30b-a3b", "0.6B"
_ONE_SIZE = r"\d{1,4}(?:\.\d{1,2})?b(?:-a\d{1,3}(?:\.\d{1,2})?b)?"
# two or more sizes in parentheses, right after a name: "(8b、14b、30b-a3b)", "（8b 14b 30b-a3b）",
# "(6.7B and 33B)"
_LIST_SEP = r"(?:\s*[,、，/;&]?\s*(?:(?:and|or)\s+|[和或及]\s*)?)"
_SIZES_LISTED = LazyPattern(rf"[(（]\s*({_ONE_SIZE}(?:{_LIST_SEP}{_ONE_SIZE}){{1,7}})\s*[)）]", re.IGNORECASE)
_SIZE_IN_LIST = LazyPattern(_ONE_SIZE, re.IGNORECASE)
_OR_IN_LIST = LazyPattern(r"\bor\b|或", re.IGNORECASE)
# a name's size, then more sizes alone after slashes: "InternVL2-26B / 40B", "qwen2.5 7b/14b/32b"
_SLASHED_SIZES = LazyPattern(rf"[\-_\s]({_ONE_SIZE}(?:\s*/\s*{_ONE_SIZE})+)(?![\w.])", re.IGNORECASE)
# the name right before the parentheses, with no size of its own ("qwen3", "gemma-3"), of one or two
# words (a version apart from it too: "gemma 3", "deepseek coder"), a word like "models" after it
_FILLER = r"(?:\s+(?:models?|series|versions?|variants?|sizes?))?[\s\-_]*\Z"
_NAME_BEFORE = LazyPattern(rf"([a-z][\w.\-]{{1,30}}?(?:\s\d{{1,2}}(?:\.\d)?)?){_FILLER}", re.IGNORECASE)
_TWO_WORDS_BEFORE = LazyPattern(
    rf"([a-z][\w.\-]{{1,30}}?\s[a-z][\w.\-]{{1,20}}?(?:\s\d{{1,2}}(?:\.\d)?)?){_FILLER}", re.IGNORECASE
)
_HAS_SIZE = LazyPattern(r"\d+(?:\.\d+)?\s*b\b", re.IGNORECASE)


def in_catalog_order(text: str, family_start: re.Pattern[str]) -> str:
    """`text` with experts counted after a size and sizes said before their family rewritten as
    the catalog writes them. `family_start` matches where a family's name starts."""
    text = _EXPERTS_AFTER.sub(lambda m: f"{m.group(1)}{m.group(3)}x{m.group(2)}b", text)
    text = _moved_before_family(text, family_start, _SIZE_OF, quant_kept=False)
    return _moved_before_family(text, family_start, _SIZE_QUANT_BEFORE, quant_kept=True)


def _moved_before_family(
    text: str, family_start: re.Pattern[str], said: LazyPattern, *, quant_kept: bool
) -> str:
    """`text` with each size `said` matches (and its quant, where `quant_kept`) put after the family
    named right after it."""
    pieces: list[str] = []
    last = 0
    for m in said.finditer(text):
        family = family_start.match(text, m.end())
        if family is None or m.start() < last:
            continue
        name = _NAME_RUN.match(text, family.start())
        end = name.end() if name is not None else family.end()
        quant = f" {m.group(2)}" if quant_kept else ""
        pieces += [text[last : m.start()], f"{text[m.end() : end]} {m.group(1)}b{quant}"]
        last = end
    return "".join(pieces) + text[last:] if pieces else text


def with_sizes_spelled_out(text: str, family_start: re.Pattern[str]) -> str:
    """`text` with a family followed by sizes in parentheses ("qwen3(8b、14b、30b-a3b)") written as one
    model of the family per size ("qwen3 8b, qwen3 14b, qwen3 30b-a3b"), and a name's size followed by a
    size or more after slashes ("InternVL2-26B / 40B") as one name each ("InternVL2-26B, InternVL2-40B").
    `family_start` matches where a family's name starts; a name that carries a size already ("qwen3 32b
    (4b, 8b)") is left alone."""
    text = _spelled_out(text, family_start, _SIZES_LISTED, _sizes_in_list, " ")
    return _spelled_out(text, family_start, _SLASHED_SIZES, _sizes_in_list, None)


def _sizes_in_list(m: re.Match[str]) -> list[str]:
    return [size.group() for size in _SIZE_IN_LIST.finditer(m.group(1))]


def _spelled_out(
    text: str,
    family_start: re.Pattern[str],
    listed: LazyPattern,
    sizes_of: Callable[[re.Match[str]], list[str]],
    joint: str | None,
) -> str:
    """`text` with each list of sizes `listed` matches written as one model of the family named right
    before it per size, joined to the name by `joint` (None: the character the text joins them with)."""
    pieces: list[str] = []
    last = 0
    for m in listed.finditer(text):
        before = _family_before(text, max(last, m.start() - 40), m.start(), family_start)
        if before is None:
            continue
        start, name = before
        sep = joint if joint is not None else text[m.start()]
        sizes = sizes_of(m)
        glue = " or " if _OR_IN_LIST.search(m.group()) else ", "  # "(8B or 70B)" stays a choice
        pieces += [text[last:start], glue.join(f"{name}{sep}{size}" for size in sizes)]
        last = m.end()
    return "".join(pieces) + text[last:] if pieces else text


def _family_before(text: str, lo: int, hi: int, family_start: re.Pattern[str]) -> tuple[int, str] | None:
    """Where the family named right before `hi` starts, and its name: one word (and a version) or two,
    with no size of its own."""
    for pattern in (_NAME_BEFORE, _TWO_WORDS_BEFORE):
        before = pattern.search(text, lo, hi)
        if before is None or _HAS_SIZE.search(before.group(1)) is not None:
            continue
        if family_start.match(text, before.start(1)) is not None:
            return before.start(1), before.group(1).rstrip("-_.")
    return None
