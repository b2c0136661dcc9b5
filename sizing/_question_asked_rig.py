"""Which rig a question asks about when its text tells of more than one.

"ran fine on my 2x 3090s. Will it work on a single 4090?": a rig something already ran on, then a
question about another. "I'm on a 3060 now but picking up a 3090 next week. Will X fit on the
3090?": the rig the asker has now, then the one planned. Either way the closing question's rig is
the one asked about (its RAM and CPU, when it names none, are the ones told before).

"My laptop has a 4060; the desktop I'm building will have a 5090 and 64GB. How would X run on the
desktop?", "At work we have an A100, at home a 4090. Could X run on the work one?": the question
names no rig but refers to one told before ("the desktop", "the mini", "the work one"); the rig
is read from the clause that names it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ._lazy_re import LazyPattern
from .hardware import DeviceDatabase, Hardware, parse_hardware

__all__ = ["asked_rig"]

# (the spaces before the first word are taken whole, possessively: no word starts inside them, and
# trying each one over again made a long run of blanked model names cost time quadratic in its length)
_QUESTION_START = r"(?:^|(?<=[.!;,\n，。；])\s*+|(?<=\s[-–—])\s++)(?:(?:but|so|and|now)\s++)?"
_QUESTION_WORDS = (
    r"(?:could|would|will|can|does|do|might|is|what\s+about|what\s+would|what\s+will|how\s+(?:would|will|fast|well)"
    r"|what\s+(?:speed|t/s|tok/s)"
    # German, French, Spanish, Portuguese
    r"|würde|wird|kann|passt|läuft|est-ce\s+que|pourrait|peut|podría|puede|cabe|roda|vai"
)
_QUESTION_REST = r"\b[^.!?;\n，。；]*[?？]"
_RIG_QUESTION = LazyPattern(
    # Chinese asks without a first word: a clause ending in 吗 and a question mark
    _QUESTION_START + _QUESTION_WORDS + r"|(?=[^.!?;\n，。；]*[吗嗎]\s*[?？]))" + _QUESTION_REST,
    re.IGNORECASE,
)
# the same without the Chinese branch, for text with no 吗 (that branch scans each clause to its end)
_RIG_QUESTION_WORDED = LazyPattern(_QUESTION_START + _QUESTION_WORDS + ")" + _QUESTION_REST, re.IGNORECASE)
# a rig something already ran on
_RAN_ON = LazyPattern(
    r"\b(?:was able to run|able to run|ran|runs?|running|works?|worked|working|loads?|loaded)\b",
    re.IGNORECASE,
)
# a rig planned beside the one there is now: buying, ordering, building, switching to
_PLANNED = LazyPattern(
    r"\b(?:pick(?:ing)?\s+up|buy(?:ing)?|order(?:ing|ed)?|build(?:ing)?|getting|switch(?:ing)?\s+to|"
    r"upgrad(?:e|ing)\s+to|mov(?:e|ing)\s+to|replac(?:e|ing)|planning|plan\s+to|thinking\s+(?:about|of)|"
    r"considering|will\s+have|going\s+to\s+(?:have|get|buy)|next\s+(?:week|month)|soon"
    r"|kaufen|überlege|bestell\w*|acheter|compte|commander|comprar|voy\s+a)\b|准备|打算|要买|想买|换成?",
    re.IGNORECASE,
)
# the question is about the rig after the change: "will it run then?", "换了以后能跑吗"
_AFTER_CHANGE = LazyPattern(
    r"\b(?:then|after\s+that|afterwards|once\s+i\s+have\s+it|with\s+the\s+new\s+one|danach|dann|ensuite|après|"
    r"después|luego|depois)\b|以后|之后|換了|换了"
    # the planned rig referred to: "how fast would X be on it?", "considering a Mac Studio, can it run X?"
    r"|\bon\s+(?:it|that|one|this)\b|\b(?:can|could|would|will)\s+it\s+(?:run|handle|fit|do)\b",
    re.IGNORECASE,
)
# where one rig's description ends: a sentence, "; ", or a comma, "and" or "but" before a new
# subject ("..., my MacBook is", "..., at home I've got", "... and I'm ordering")
_CLAUSE = LazyPattern(
    r"[.!?;\n，。；]+\s*|,?\s+(?:but|and|while|whereas)\s+(?=(?:i|i'm|im|i've|my|the|we|we're|our)\b)"
    r"|,\s+(?=(?:i|i'm|im|i've|my|the|we|we're|our|at|on|for)\b)",
    re.IGNORECASE,
)
# "the desktop", "the mini", "the new box": a word the question refers to a told rig by
_REFERENT = LazyPattern(
    r"\b(?:the|that|this)\s+(?:new\s+|other\s+|old\s+)?([a-z][a-z0-9-]{2,})\b", re.IGNORECASE
)


def _has_device(hw: Hardware) -> bool:
    return bool(hw.gpus) or hw.soc is not None


def _with_told_memory(rig: Hardware, told: Hardware) -> Hardware:
    if rig.ram_gb is not None or rig.soc is not None or told.ram_gb is None:
        return rig
    return rig.model_copy(
        update={
            "ram_gb": told.ram_gb,
            "ram_type": told.ram_type,
            "ram_mts": told.ram_mts,
            "ram_channels": told.ram_channels,
            "cpu": rig.cpu or told.cpu,
            "assumptions": (*rig.assumptions, *told.assumptions),
        }
    )


def _referents(question: str, told_text: str) -> list[re.Pattern[str]]:
    """The words the question refers to a told rig by ("the desktop") that the told text has."""
    told_lower = told_text.lower()
    words = [
        re.compile(rf"(?<![a-z0-9]){re.escape(m.group(1).lower())}(?![a-z0-9])")
        for m in _REFERENT.finditer(question)
    ]
    return [w for w in words if w.search(told_lower)]


def _referred_rig(told_text: str, question: str, db: DeviceDatabase | None) -> Hardware | None:
    """The rig of the one told clause that the question refers to by a word ("the desktop")."""
    words = _referents(question, told_text)
    if not words:
        return None
    cuts = [0, *(m.end() for m in _CLAUSE.finditer(told_text)), len(told_text)]
    clauses = [told_text[a:b] for a, b in pairwise(cuts) if told_text[a:b].strip()]
    rigs = [(c.lower(), parse_hardware(c, db)) for c in clauses]
    rigs = [(c, hw) for c, hw in rigs if not hw.is_empty]
    if len(rigs) < 2 or not any(_has_device(hw) for _, hw in rigs):
        return None
    for word in words:
        named = [hw for c, hw in rigs if word.search(c)]
        if len(named) == 1:
            return named[0]
    return None


def _planned_rig(told_text: str, db: DeviceDatabase | None) -> Hardware | None:
    """The rig of the one told clause that plans a change ("准备换4090", "upgrading to a 4090")."""
    cuts = [0, *(m.end() for m in _CLAUSE.finditer(told_text)), len(told_text)]
    planned = []
    for a, b in pairwise(cuts):
        cue = _PLANNED.search(told_text, a, b)
        if cue is not None:  # "I'm on a 3060 now, upgrading to a 4090": from the plan on
            planned.append(told_text[cue.start() : b])
    rigs = [hw for hw in (parse_hardware(c, db) for c in planned) if _has_device(hw)]
    return rigs[0] if len(rigs) == 1 else None


def asked_rig(hw_text: str, db: DeviceDatabase | None) -> Hardware | None:
    """The rig of a closing question about another rig than one told before, or None."""
    if "?" not in hw_text and "？" not in hw_text:
        return None  # no question mark: no closing question
    rx = _RIG_QUESTION if "吗" in hw_text or "嗎" in hw_text else _RIG_QUESTION_WORDED
    asked = None
    for m in rx.finditer(hw_text):
        asked = m
    if asked is None or asked.start() == 0:
        return None
    told_text, question = hw_text[: asked.start()], asked.group()
    cue = _RAN_ON.search(told_text) is not None or _PLANNED.search(told_text) is not None
    if not cue and not _referents(question, told_text):
        return None  # most questions: one rig told, or none asked about apart
    rig = parse_hardware(question, db)
    if rig.is_empty and rig.cpu is None:  # "... on the desktop?": one of the rigs told, by a word
        referred = _referred_rig(told_text, question, db)
        if referred is None and cue and _AFTER_CHANGE.search(question):
            return _planned_rig(told_text, db)
        return referred
    if not cue or not _has_device(rig):
        return None
    told = parse_hardware(told_text, db)
    if not _has_device(told) or _same_card_by_size(rig, told):
        return None
    return _with_told_memory(rig, told)


def _same_card_by_size(asked: Hardware, told: Hardware) -> bool:
    """'I only have a laptop with a GTX 2050. Could it run on a 4GB VRAM GPU?': a question naming only
    an amount of VRAM that a card told before has asks about that card, not another rig."""
    if asked.soc is not None or not asked.gpus or any(g.id is not None for g in asked.gpus):
        return False
    sizes = {g.vram_gb for g in told.gpus if g.id is not None and g.vram_gb is not None}
    return all(g.vram_gb in sizes for g in asked.gpus)
