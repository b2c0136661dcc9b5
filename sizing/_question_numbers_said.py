"""Numbers said that are no value to size, told beside the answer rather than dropped silently: a
context length with a minus sign ("context -5k": the length read without the sign, as a memory size
with a minus sign is) and a head count past what is sized ("for 1000000000 users")."""

from __future__ import annotations

import re

from ._lazy_re import LazyPattern

__all__ = ["negative_card_count", "negative_context", "users_past_bound"]

# a context length written with a minus sign before it: "context -5k", "ctx: -4096", "-8k context"
_NEGATIVE_CONTEXT = LazyPattern(
    r"\b(?:context|ctx)(?:\s+(?:length|window|size))?(?:\s+of)?\s*[:=]?\s*(?P<a>-\s*(?P<av>\d+(?:\.\d+)?\s*[km]?))"
    r"(?![\w.])"
    r"|(?<![\w.\-])(?P<b>-\s*(?P<bv>\d+(?:\.\d+)?\s*[km]?))\s*(?:-\s*)?(?:tokens?\s+)?(?:of\s+)?(?:context|ctx)\b"
)
# a count of cards with a minus sign and no card named in it: "on -3 gpus", "-2 cards"
_NEGATIVE_CARDS = LazyPattern(r"(?<![\w.])-\s*(\d+)\s*x?\s*(?:gpus?|cards?|graphics\s+cards?)\b")
# a head count with its people: "for 1000000000 users", "50000000 concurrent requests"
_MANY_USERS = LazyPattern(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)\s+(?:concurrent\s+|simultaneous\s+|parallel\s+)?"
    r"(?:users|people|requests|clients|sessions)\b"
)


def negative_context(s: str) -> tuple[str, str] | None:
    """(`s` with the minus sign of a context length left out, the note saying so) where a length is
    written with one; None otherwise."""
    m = _NEGATIVE_CONTEXT.search(s)
    if m is None:
        return None
    key = "a" if m.group("a") is not None else "b"
    said, value = m.group(key), re.sub(r"\s+", "", m.group(key + "v"))
    fixed = (
        s[: m.start(key)] + " " * (len(said) - len(m.group(key + "v"))) + m.group(key + "v") + s[m.end(key) :]
    )
    return (
        fixed,
        f"read context '{said.replace(' ', '')}' as {value}: no length is negative, so the minus sign was "
        "left out",
    )


def users_past_bound(s: str, most: int) -> str | None:
    """The note for a head count said past `most` people ("for 1000000000 users"); None otherwise."""
    for m in _MANY_USERS.finditer(s):
        n = int(m.group(1).replace(",", ""))
        if n > most:
            return f"did not size '{m.group(1)}' users: too many (at most {most:,}); sized for one"
    return None


def negative_card_count(s: str) -> str | None:
    """The note for a count of cards written with a minus sign and no card named ("on -3 gpus"): no
    count of cards is negative, and a count with no card names none to size."""
    m = _NEGATIVE_CARDS.search(s)
    if m is None:
        return None
    return (
        f"did not read '{m.group(0)}' as cards: no count is negative, and no card is named in it "
        "(name the card, like 3x RTX 3090)"
    )
