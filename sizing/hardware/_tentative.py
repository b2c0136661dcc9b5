"""Devices the user considers, compares with, used to have, or someone else owns."""

from __future__ import annotations

from collections.abc import Sequence

from ._cues import BREAK, cue_in
from ._lexicon import HYPOTHETICAL_AFTER, HYPOTHETICAL_BEFORE, OTHER_PEOPLE
from ._mentions import Mention
from ._tokens import Token

__all__ = ["mark_tentative"]


def mark_tentative(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """Devices the user considers, compares with, used to have, or someone else owns."""
    n = len(tokens)
    for m in mentions:
        line = tokens[m.start].line
        k = m.start - 1
        steps = 0
        while k >= 0 and steps < 6:
            w = tokens[k].text
            if w in BREAK or w in (".", "!", "?", ";") or tokens[k].line != line:
                break
            if w in OTHER_PEOPLE:
                m.tentative = True
                break
            if w in HYPOTHETICAL_BEFORE or cue_in(w, HYPOTHETICAL_BEFORE):
                if w == "used" and not (k + 1 < n and tokens[k + 1].text == "to"):
                    pass  # "used my 3090" is not past tense; "used to have" is
                elif w == "get" and k > 0 and tokens[k - 1].text in ("i", "we"):
                    pass  # "I get 20 t/s on my 3090": a report, not a purchase
                else:
                    m.tentative = True
                    break
            k -= 1
            steps += 1
        for k in range(m.end, min(n, m.end + 5)):
            w = tokens[k].text
            if w in (".", "!", "?", ";") or tokens[k].line != line:
                break
            if w in HYPOTHETICAL_AFTER:
                m.tentative = True
                break
