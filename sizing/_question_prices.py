"""Prices the asker gives for the hardware named: "a used 3090 for $750", "the 5070 Ti at 900 euros",
"$700 3090". A price said is what that asker pays (or, for a card they sell, "sell my 3090 for $650",
what they get for it), so it stands in for the dated price on file of that device (per unit: "two
3090s for $1,400" is $700 a card). A cap ("under $2000", "budget $1000") is no
price of a device and is read elsewhere (_question_intent)."""

from __future__ import annotations

import re

from ._lazy_re import LazyPattern
from ._question_intent import USD_PER_UNIT
from ._question_intent import _code as currency_code
from .hardware import DeviceDatabase, parse_hardware

__all__ = ["read_prices_said"]

# where one device's words end and the next one's begin: "a used 3090 for $750, or a new 5070 ti"
# (a sentence's full stop too: "option B: one 5090 for $2100. budget $2000")
_PARTS = LazyPattern(
    r",(?!\d{3})|[;\n?!]|\bor\b|\bvs\.?(?!\w)|\bversus\b|\bagainst\b|\bthen\b|(?<!\bvs)\.(?=\s|$)"
)
# an amount with its currency, either way round: "$750", "750 usd", "€900", "1.2k dollars"
# (never the figures of a card's name: the 4000 of "A4000 $500")
_NUM = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{2,6})(?:\.\d+)?"  # "750", "1,400", "1.2"
_CUR = r"\$|€|£|usd\b|eur\b|euros?\b|dollars?\b|bucks\b|gbp\b"
# a sign after a figure is that figure's only where no figure follows it ("500 $", not "4000 $500")
_CUR_AFTER = r"(?:\$|€|£)(?!\s*\d)|usd\b|eur\b|euros?\b|dollars?\b|bucks\b|gbp\b"
_AMOUNT_SAID = LazyPattern(
    rf"(?P<cur>{_CUR})\s*(?P<num>{_NUM})"
    r"(?!\d|[.,]\d)\s*(?P<k>k\b)?"
    rf"|(?P<num2>{_NUM})(?!\d|[.,]\d)\s*(?P<k2>k)?\s*(?P<cur2>{_CUR_AFTER})"
)
# an amount that is a cap or a rate, not a price paid: "under $1000", "budget", "$2 an hour", "/mo"
_NOT_A_PRICE = LazyPattern(
    r"\b(?:under|below|less\s+than|at\s+most|up\s+to|max(?:imum)?|within|budget|spend|cheaper\s+than|sub)\b"
    r"|\b(?:per|an?|each|every)\s+(?:hour|hr|day|week|month|year)\b|/\s*(?:h|hr|hour|mo|month|yr|year)\b"
)
_LOW_USD, _HIGH_USD = 30.0, 200_000.0  # a device's price is within these
# money the asker has beside the hardware, not its price: "I have a 3090 and $2500", "a 4090 plus ~$1k",
# "my 3060 12gb + $700"
_MONEY_HELD = LazyPattern(r"(?:\b(?:and|plus)\s+|\+\s*)(?:about\s+|around\s+|~\s*)?(?:\$|€|£)?\s*$")


def read_prices_said(s: str, db: DeviceDatabase | None = None) -> tuple[tuple[str, float], ...]:
    """(device id, US dollars a unit) for each device whose price the asker gives, in the order said;
    () where none is given. A part of the sentence with one kind of device and one amount says its
    price; a part with a cap, a rate or a sale says none."""
    if not any(c in s for c in "$€£") and not any(w in s for w in ("usd", "eur", "dollar", "buck", "gbp")):
        return ()
    found: dict[str, float] = {}
    start, seen = 0, 0
    cuts = [m.start() for m in _PARTS.finditer(s)] + [len(s)]
    for end in cuts:
        part, start = s[start:end], end + 1
        amounts = list(_AMOUNT_SAID.finditer(part))
        seen += len(amounts)
        if seen > _MAX_AMOUNTS:
            break  # a price list, not a question: the amounts read so far stand
        for k, m in enumerate(amounts):
            # the words between this amount and its neighbours are its own: "budget $900: used 3090 at $700"
            lo = amounts[k - 1].end() if k else 0
            hi = amounts[k + 1].start() if k + 1 < len(amounts) else len(part)
            near = (
                part[max(lo, m.start() - _NEAR) : m.start()] + " " + part[m.end() : min(hi, m.end() + _NEAR)]
            )
            if _NOT_A_PRICE.search(near) or _MONEY_HELD.search(part, lo, m.start()):
                continue
            # the device named right before the amount ("a 3090 at $600 and a 4060 ti at $450"), else
            # the words on both sides of it ("$700 3090")
            said = _said_price(part[lo : m.start()], m, part, db) or _said_price(
                part[lo : m.start()] + " " + part[m.end() : hi], m, part, db
            )
            if said is not None:
                found.setdefault(*said)
    return tuple(found.items())


# an amount said per unit: "two 3090s at $700 each", "$650 apiece", "$800 per card", "2x 3090 @ $700/ea"
_EACH = LazyPattern(
    r"\s*(?:each|apiece|a\s+piece|per\s+(?:card|gpu|unit|piece|one)|a\s+(?:card|gpu|unit)|/\s*(?:ea|each|card|gpu)"
    r"|for\s+each|per)\b"
)
# said before the amount: "two 3090s, each at $700", "two 3090s at $700 a card", "each for $650"
_EACH_BEFORE = LazyPattern(r"\beach\s+(?:at|for|is|costs?|@)?\s*(?:about\s+|around\s+|~\s*)?$")
_MAX_AMOUNTS = 8  # amounts read in one question at most
_NEAR = 30  # characters either side of an amount that say what it is ("under", "an hour", "budget")


def _said_price(
    words: str, m: re.Match[str], part: str, db: DeviceDatabase | None
) -> tuple[str, float] | None:
    """(device id, US dollars a unit) where `words` around the amount `m` name one kind of device."""
    num, k, cur = (m["num"], m["k"], m["cur"]) if m["num"] else (m["num2"], m["k2"], m["cur2"])
    usd = float(num.replace(",", "")) * (1000 if k else 1) * USD_PER_UNIT[currency_code(cur, part)]
    hw = parse_hardware(words, db)
    devices = [(g.id, g.count) for g in hw.gpus] + ([(hw.soc.id, hw.soc.count)] if hw.soc else [])
    if len(devices) != 1 or devices[0][0] is None:
        return None
    device, count = devices[0]
    each = _EACH.match(part, m.end()) is not None or _EACH_BEFORE.search(part, 0, m.start()) is not None
    unit = usd if each else usd / max(count, 1)
    return (device, round(unit, 2)) if device is not None and _LOW_USD <= unit <= _HIGH_USD else None
