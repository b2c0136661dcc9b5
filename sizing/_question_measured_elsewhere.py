"""A speed measured on the asker's card, then the speed asked on another card ("my 3090 gives 110
tok/s on X, how fast would a 5090 be?", "getting 30 t/s with a 4090, what would a 5090 give?"): the
other card is asked about in place of the one measured, never beside it in one rig. The answer weighs
the replacement and scales its estimate by the speed measured."""

from __future__ import annotations

from dataclasses import dataclass

from ._lazy_re import LazyPattern
from .hardware import DeviceDatabase, Hardware, parse_hardware

__all__ = ["MeasuredElsewhere", "adds_a_card", "measured_elsewhere"]

# a card asked about by its article or its count: "a 5090", "the 5090", "2x 3090", "two 3090s", "dual 3090s"
# (a count stays in the card's words, read with it)
_ONE = r"(?:(?:an?|one|the|a\s+single)\s+|(?=(?:[2-8]|two|three|four|dual|quad)(?:\s*x)?\s+))"
_DEV = r"(?P<{0}>[^,.;?!\n()]+?)"
# the speed asked on another card, after one measured: "how fast would a 5090 be", "how fast would it
# be on a 5090", "how fast on a 5090", "how much faster with a 5090", "what would a 5090 give",
# "what would I get with a 5090", "what about a 5090", "would a 5090 be much faster", "would a 5090
# get me past 50"
_OTHER_CARD_SPEED = LazyPattern(
    r"\bhow\s+(?:fast|quick(?:ly)?|much\s+(?:faster|quicker|better|more)|many\s+(?:t/s|tok|tokens))\s+"
    r"(?:would|will|could|might|does|do|is)\s+"
    + _ONE
    + _DEV.format("a")
    + r"\s+(?:be|go|run|do|get|give|manage)\b"
    r"|\bhow\s+(?:fast|quick(?:ly)?|much\s+(?:faster|quicker|better|more)|many\s+(?:t/s|tok|tokens))\b"
    r"[^.?!\n]{0,40}?\b(?:on|with|using|from)\s+"
    + _ONE
    + _DEV.format("b")
    + r"\s*(?=$|[,.;?!\n(]|\s+(?:be|instead|though)\b)"
    r"|\bwhat\s+(?:would|will|could|might|does|do|can)\s+"
    + _ONE
    + _DEV.format("c")
    + r"\s+(?:give|get|do|hit|manage|reach|push|run\s+(?:it|that))\b"
    r"|\bwhat\s+(?:would|will|could|might|can)\s+(?:i|we|you)\s+(?:get|see|expect)\s+(?:on|with|from|using)\s+"
    + _ONE
    + _DEV.format("d")
    + r"\s*(?=$|[,.;?!\n(]|\s+(?:instead|though)\b)"
    r"|\b(?:what|how)\s+about\s+" + _ONE + _DEV.format("e") + r"\s*(?=$|[,.;?!\n(])"
    r"|\bwould\s+"
    + _ONE
    + _DEV.format("f")
    + r"\s+be\s+(?:much\s+|a\s+lot\s+|any\s+|way\s+)?(?:faster|quicker)\b"
    # "would a 5090 get me past 50?", "could a 4090 push it over 40"
    r"|\b(?:would|will|could|can)\s+"
    + _ONE
    + _DEV.format("g")
    + r"\s+(?:get|push|take|bring)\s+(?:me|us|it)\s+(?:up\s+)?(?:past|over|above|to|beyond)\b"
)
# more of a card, or a card beside the one owned, is an addition, not another card asked in its place
_ADDED_WORDS = LazyPattern(r"\b(?:second|another|more|extra|additional|2nd|third|3rd)\b")


# words that put a card beside the one owned: "add a 4070", "pair it with", "alongside my 3090"
_ADD_SAID = LazyPattern(
    r"\b(?:add|adding|added|adds|pair|pairing|paired|alongside|beside|next\s+to|together\s+with|plus|along\s+with)\b"
    r"|\+"
)


def adds_a_card(s: str) -> bool:
    """Whether `s` says a card is put beside the one owned (an addition read from those words)."""
    return _ADD_SAID.search(s) is not None


@dataclass(frozen=True, slots=True)
class MeasuredElsewhere:
    """The rig measured and the card asked about in its place."""

    measured: Hardware
    other: Hardware


def _has_device(hw: Hardware) -> bool:
    return bool(hw.gpus) or hw.soc is not None


def measured_elsewhere(hw_s: str, db: DeviceDatabase | None = None) -> MeasuredElsewhere | None:
    """With a speed measured told (the caller's to know), the rig measured and the other card whose
    speed `hw_s` asks (lowercased, the models' names blanked), or None. The rig measured is the one
    told before the question (else after it)."""
    m = _OTHER_CARD_SPEED.search(hw_s)
    if m is None:
        return None
    said = next(g for g in m.groups() if g is not None)
    if _ADDED_WORDS.search(said) or _ADDED_WORDS.search(hw_s[max(0, m.start() - 12) : m.start()]):
        return None
    other = parse_hardware(said, db)
    measured = parse_hardware(hw_s[: m.start()], db)
    if not _has_device(measured):
        measured = parse_hardware(hw_s[m.end() :], db)
    if not (_has_device(other) and _has_device(measured)) or other.canonical() == measured.canonical():
        return None
    return MeasuredElsewhere(measured, other)
