"""The quant written beside each model when a question names several with different ones.

"gemma 3 27b q4 or qwen3 32b q3", "qwen3 30b a3b at q8 vs qwen3 14b at q4", "27b (4bit) or 12b
(fp16)", "Q4_K_M of llama 3.3 70b or Q8 of qwen3 32b", "Qwen3-32B-Q4_K_M.gguf or
gemma-3-27b-it-Q6_K.gguf": each quant belongs to the model it is written beside (glued into the
name, right after it, in brackets after it, or before it with "of"). One quant said once for
several models ("gemma 3 27b vs qwen3 32b at q4") stays the question's quant for all of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ._lazy_re import LazyPattern

__all__ = ["AFTER_CHARS", "QuantWish", "model_quants"]

# reads a quant wish from a quant name and a bit count found in the text (either may be missing)
QuantWish = Callable[[re.Match[str] | None, re.Match[str] | None], str | None]

AFTER_CHARS = 24  # how far after a name its own quant is looked for (" at q4_k_m", " (4bit)")
# where the words about one model end: the choice that names the next, or the clause's end
_NEXT = LazyPattern(
    r"\b(?:or|vs\.?|versus|than|and|against|compared|oder|und|als|ou|et|with|on|for|auf|mit|für)\b"
    r"|还是|或者|或|和|跟|与|比|在|[,;?!？，。\n]"
)
# one quant said for every model in words: "at the same quant", "both at q4", "beide in q4"
_SAME = LazyPattern(
    r"\bsame\s+(?:quant\w*|bits?|precision|bpw)\b|\bboth\s+(?:at|in|on)\b|\bbeide\s+(?:in|mit|bei)\b"
    r"|\bgleiche[nmr]?\s+quant"
)


def asks_same_quant(s: str) -> bool:
    """Whether the question asks every side at one quant without naming it ("same quant please")."""
    return bool(_SAME.search(s))


# "Q8 of qwen3 32b", "Q4 von ...", "the 4-bit of ...": the quant written before the name it is of
_OF_BEFORE = LazyPattern(r"(?:\s+(?:of|von|de|du)\s+(?:the\s+)?)$")


def model_quants(
    s: str,
    named: Sequence[tuple[str, int, int, int]],
    quant_rx: re.Pattern[str],
    bits_rx: re.Pattern[str],
    wish: QuantWish,
) -> tuple[tuple[str, str], ...]:
    """(model id, quant wish) for each model in `named` that has a quant of its own, where the
    models carry different quants; () where one quant (or none) is said for all. `named` holds, in
    order, (id, start, end, reach) of where `s` names each model: its name runs from start to end,
    and the words about it go on at most to reach."""
    if len({mid for mid, _, _, _ in named}) < 2 or _SAME.search(s):
        return ()
    found: dict[str, str] = {}
    glued = tight = False
    for k, (mid, a, b, reach) in enumerate(named):
        nxt = min(named[k + 1][1] if k + 1 < len(named) else len(s), reach)
        prev = named[k - 1][2] if k > 0 else 0
        inside = _wish_in(s, a, b, quant_rx, bits_rx, wish)
        if inside is not None:
            found.setdefault(mid, inside)
            glued = True
            continue
        after = _wish_in(s, b, _after_end(s, b, nxt), quant_rx, bits_rx, wish)
        before = _wish_before(s, prev, a, quant_rx, bits_rx, wish)
        own = after or before
        if own is not None:
            found.setdefault(mid, own)
            # "X or Y fp8": a quant written right after a name, with no word between, is that model's
            tight = tight or (after is not None and _right_after(s, b, nxt, quant_rx, bits_rx))
    # one quant written once after the last name with a word of its own is said for all ("X vs Y at
    # q4"); one glued into a name (a file name, an Ollama tag), written right after it ("X or Y q8") or
    # beside an earlier name ("X at q8 or Y") is that model's alone
    last = named[-1][0]
    # ("X q4 or Y q4": the same quant right after every name is every model's)
    tight = tight and len(found) < len({mid for mid, _, _, _ in named})
    if len(set(found.values())) >= 2 or (found and (glued or tight or last not in found)):
        return tuple(found.items())
    return ()


def _after_end(s: str, b: int, end: int) -> int:
    cut = _NEXT.search(s, b, end)
    if cut is not None and s[b : cut.start()].strip() == "" and cut.group(0).strip() in ("on", "with"):
        cut = _NEXT.search(s, cut.end(), end)  # "X with fp16", "X on q8": the quant is next
    return cut.start() if cut is not None else end


def _right_after(s: str, b: int, end: int, quant_rx: re.Pattern[str], bits_rx: re.Pattern[str]) -> bool:
    """Whether the first quant after a name's end follows it with only spaces or a dash between."""
    starts = [m.start() for m in (quant_rx.search(s, b, end), bits_rx.search(s, b, end)) if m is not None]
    return bool(starts) and s[b : min(starts)].strip(" -_") == ""


def _wish_before(
    s: str, prev: int, a: int, quant_rx: re.Pattern[str], bits_rx: re.Pattern[str], wish: QuantWish
) -> str | None:
    """A quant written right before the name with "of" between: "Q8 of qwen3 32b"."""
    of = _OF_BEFORE.search(s, prev, a)
    if of is None:
        return None
    start = max(prev, of.start() - AFTER_CHARS)
    named = [m for m in quant_rx.finditer(s, start, of.start()) if m.end() == of.start()]
    bits = [m for m in bits_rx.finditer(s, start, of.start()) if m.end() == of.start()]
    if not named and not bits:
        return None
    return wish(named[-1] if named else None, bits[-1] if bits else None)


def _wish_in(
    s: str, a: int, b: int, quant_rx: re.Pattern[str], bits_rx: re.Pattern[str], wish: QuantWish
) -> str | None:
    if b <= a:
        return None
    named = quant_rx.search(s, a, b)
    bits = bits_rx.search(s, a, b)
    if named is None and bits is None:
        return None
    return wish(named, bits)
