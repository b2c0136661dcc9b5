"""What to buy, asked of a rig that runs a named model ("I have a 4090 and $1000 saved, what should I
add to run 70b models?"): the answer leads with the purchase that does it, the fastest within the money
the asker has (their budget, or the money said beside the rig), else says none on file fits it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sizing import Question
from sizing.vocabulary import tps_text

from ._types import AnswerFix

__all__ = ["money_beside", "purchase_asked", "purchase_lead"]

_BUY_ASKED = re.compile(
    r"(?i)\bwhat\s+(?:should|do|would|could|can|must)\s+(?:i|we)\s+(?:add|buy|get|upgrade|purchase)\b"
    r"|\bwhat\s+(?:to|else\s+to)\s+(?:add|buy|get|upgrade)\b"
    r"|\bwhat(?:'s|\s+is)\s+the\s+(?:best|cheapest)\s+(?:thing\s+)?(?:to\s+)?(?:add|buy|upgrade)\b"
    r"|\bhow\s+should\s+i\s+(?:spend|upgrade)\b"
)
# money the asker has beside the rig: "a 4090 and $1000 saved", "plus $800 to spend", "+ $700"
_MONEY_BESIDE = re.compile(
    r"(?i)(?:\band\b|\bplus\b|\+|\bwith\b)\s*(?:about\s+|around\s+|~\s*)?\$\s*(?P<n>\d{1,3}(?:,\d{3})+|\d{2,6})"
    r"(?P<k>k\b)?"
)


def purchase_asked(q: Question) -> bool:
    """Whether the question asks what to buy or add for the model on the rig it names."""
    return _BUY_ASKED.search(q.text) is not None


def money_beside(text: str) -> float | None:
    """US dollars the asker has beside the rig ("a 4090 and $1000 saved", "my 3060 + $700"), or None."""
    m = _MONEY_BESIDE.search(text)
    if m is None:
        return None
    return float(m["n"].replace(",", "")) * (1000 if m["k"] else 1)


def _money(q: Question) -> float | None:
    return q.max_usd if q.max_usd is not None else money_beside(q.text)


def purchase_lead(q: Question, fixes: Sequence[AnswerFix]) -> str | None:
    """'What to buy with $1,000: add an RTX 3090 beside it (...) to run Q4_K_M fully on the GPUs,
    ~16 tokens/s.' The fastest priced change within the money said (the cheapest where none is said);
    where each costs more, the cheapest is named as over it. None when no priced change is on file."""
    priced = [f for f in fixes if f.price_usd is not None]
    if not priced:
        return None
    money = _money(q)

    def words(f: AnswerFix) -> str:
        return f"{f.change}, ~{tps_text(f.estimate.speed.decode_tps)} tokens/s"

    if money is None:
        cheapest = min(priced, key=lambda f: f.price_usd or 0.0)
        return f"What to buy: {words(cheapest)}."
    within = [f for f in priced if (f.price_usd or 0.0) <= money]
    if not within:
        cheapest = min(priced, key=lambda f: f.price_usd or 0.0)
        return (
            f"Nothing on file within ${money:,.0f} does it; the cheapest that does: {words(cheapest)} "
            f"(about ${cheapest.price_usd:,.0f})."
        )
    best = max(within, key=lambda f: f.estimate.speed.decode_tps)
    return f"What to buy with ${money:,.0f}: {words(best)}."
