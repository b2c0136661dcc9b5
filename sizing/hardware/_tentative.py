"""Devices the user considers, compares with, used to have, or someone else owns."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from .._lazy_re import LazyPattern
from ._cues import BREAK, cjk_than, cue_in, other_machine_before
from ._lexicon import (
    COUNT_WORDS,
    HYPOTHETICAL_AFTER,
    HYPOTHETICAL_BEFORE,
    OTHER_MACHINE_WORDS,
    OTHER_PEOPLE,
    SEEKING,
    SERIES_WORDS,
    SOUGHT_BEFORE,
    SUGGESTED_AFTER,
    UNOBTAINABLE_AFTER,
)
from ._mentions import Mention
from ._quantities import Quantity
from ._tokens import SENTENCE_ENDS as _SENTENCE_ENDS
from ._tokens import Token

__all__ = [
    "ANYONE",
    "EXAMPLE_CUES",
    "NEGATIONS",
    "QUOTE_MARKS",
    "REQUIREMENT_CUES",
    "SPEC_VERBS",
    "VERDICT_WORDS",
    "addressed_spans",
    "denied_object",
    "mark_addressed",
    "mark_asked_of_anyone",
    "mark_card_classes",
    "mark_examples",
    "mark_generic_statements",
    "mark_no_access",
    "mark_option_tables",
    "mark_plurals_in_general",
    "mark_quoted_advice",
    "mark_required_amounts",
    "mark_someone_elses_report",
    "mark_spec_statements",
    "mark_stated_minimum",
    "mark_tentative",
    "mark_yours_beside_another",
]


_PAST_MOVES = frozenset({"upgraded", "switched", "moved", "went", "changed", "swapped", "replaced"})
_ARTICLES = frozenset({"a", "an", "the", "my", "our", "one"})
# "(a good idea to) upgrade from a 3090 to a 5090": a move only planned, from the card the user has now
_UPGRADE_PLANNED = frozenset({"upgrade", "upgrading"})
# "I've just updated to an RTX 3070", "switched to a 4090": the card moved to is the one owned now
_MOVED_TO = _PAST_MOVES - {"went", "replaced", "swapped"} | {"updated"}
# "replaced my 3090 with a 4090", "swapped the 3060 for a 3090": the first card is gone
_REPLACING = frozenset({"replaced", "swapped", "traded"})
_CONDITION = frozenset({"used", "new", "refurbished", "secondhand"})
# "the same as an A6000", "compared to a 3090": a card another is measured against; "(same
# generation as 3090/3080)", "(same architecture as the A6000)": cards that name a card's generation
_YARDSTICK = frozenset(
    {
        ("same", "as"), ("compared", "to"), ("compared", "with"), ("similar", "to"),
        ("generation", "as"), ("architecture", "as"), ("arch", "as"), ("family", "as"),
        ("par", "with"), ("comparison", "to"), ("comparison", "with"), ("relative", "to"),
        ("is", "like"), ("are", "like"), ("was", "like"),
    }
)  # fmt: skip
# what joins the cards of one yardstick ("same generation as 3090/3080", "as the 3090 or 3080")
_LISTED_WITH = frozenset({"/", ",", "or", "and", "&"})
# "do I have to use a V100?", "would I need to use two": a card the rig would need, not one it has
_OBLIGED = frozenset({"have", "has", "need", "needs"})


# what a project's docs or an answer ask for ("the docs say an H100 works", "recommended: A100", "for the
# 70B model you need at least 42GB VRAM, so a single A6000 ..."): cards named there are not the user's
_REQUIREMENT_WORDS = frozenset(
    {
        "recommended", "recommend", "recommends", "recommendation", "require", "requires", "required",
        "requirement",
        "requirements", "minimum", "officially", "推荐", "要求",
    }
)  # fmt: skip
# where a requirement is written, when a word of saying follows ("the docs say", "the README lists"; not
# a commit title's "docs: fix Mac mini specs")
_WRITTEN_IN = frozenset({"docs", "documentation", "readme", "guide", "manual"})
_SAYING = frozenset(
    {"say", "says", "said", "list", "lists", "mention", "mentions", "suggest", "suggests", "claim", "claims",
     "state", "states", "recommend", "recommends"}
)  # fmt: skip
# a card a requirement is asked of ("the recommended quant for a 3090"): the rig, not the docs' card
_ASKED_OF = frozenset({"for", "on", "with", "using", "in", "用", "在"})
# a clause of the user's own ("I have", "my"): the requirement's sentence ends for the cards after it
_FIRST_PERSON = frozenset({"i", "my", "mine", "we", "our", "me", "i'm", "i've", "im", "我", "我的"})


# a card that is no longer the user's, said after it: "a 3080 which is now my kids'", "the 3060 went to
# my son", "my 3090 is my brother's now", "the 2080 is not mine anymore" (a person it went to, with a
# word of handing over or "now"; or "no longer" / "not mine" / "anymore")
_PEOPLE_IT_WENT_TO = frozenset(
    {
        "kids", "kid", "children", "child", "son", "daughter", "wife", "husband", "brother", "sister",
        "mom", "mum", "dad", "parents", "nephew", "niece", "cousin", "partner", "friend", "buddy",
        "roommate", "girlfriend", "boyfriend", "family",
    }
)  # fmt: skip
_HANDED_OVER = frozenset(
    {"now", "went", "gave", "given", "sold", "handed", "passed", "belongs", "inherited", "donated"}
)
# "coming from a gaming PC with a 3080", "switching from a 3060": where the user comes from
_LEFT_BEHIND = frozenset({"coming", "switching", "moving", "migrating", "came", "switched", "moved"})
_IS_CJK = attrgetter("is_cjk")
# every word that starts a requirement's reach (_requirement_said)
_REQUIREMENT_CUES = _REQUIREMENT_WORDS | _WRITTEN_IN | {"need", "needs"}
REQUIREMENT_CUES = _REQUIREMENT_CUES
_CUE_WORDS = (
    HYPOTHETICAL_BEFORE
    | HYPOTHETICAL_AFTER
    | OTHER_PEOPLE
    | UNOBTAINABLE_AFTER
    | _REQUIREMENT_WORDS
    | _WRITTEN_IN
    | _REPLACING
    | _MOVED_TO
    | {"from", "as", "compared", "use", "similar", "need", "needs", "had", "par", "comparison", "relative"}
    | {"mine", "other", "another", "mix", "pair", "combine", "looking", "like", "anymore", "longer"}
    | SOUGHT_BEFORE
    | {"benchmark", "benchmarks", "results", "numbers", "scores", "say", "but", "while", "whereas"}
    | _PEOPLE_IT_WENT_TO
    | _HANDED_OVER
)


# a card in the bare plural said of the model in general: "3090s are cheap now", "used P40s go for $150"
_IN_GENERAL_VERBS = frozenset({"are", "were", "go", "cost", "sell", "seem", "remain"})
_IN_GENERAL_BEFORE = SERIES_WORDS | {"nvidia", "amd", "geforce", "radeon", "used", "new", "refurbished"}
_ITEM_BOUNDS = frozenset({",", ":", "("}) | _SENTENCE_ENDS  # not "+", "/": "4090 + 3090s are both mine"
_SIZE_UNITS = frozenset({"gb", "g", "gig", "gigs"})


def mark_plurals_in_general(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """A card in the bare plural, no count, owner or article before it, followed by a verb said of the
    model in general ("3090s are cheap now, I have a 4090", "RTX 4070s are hard to find, so I run a 4060
    Ti") is talk of that model, not cards of the writer's; the parser keeps it only when no other card is
    named (then it is the card asked about)."""
    n = len(tokens)
    for m in mentions:
        after = m.end + 2 if m.end + 1 < n and tokens[m.end].text in ("'", "’") else m.end  # "ti's are"
        if not m.plural or m.count is not None or after >= n or tokens[after].text not in _IN_GENERAL_VERBS:
            continue
        line = tokens[m.start].line
        k = m.start - 1
        while k >= 0 and tokens[k].line == line and tokens[k].text in _IN_GENERAL_BEFORE:
            k -= 1
        if k >= 1 and tokens[k].text in _SIZE_UNITS and tokens[k - 1].is_num:
            k -= 2  # "16GB A770s are $230": the model's memory before it
        opens = k < 0 or tokens[k].line != line or tokens[k].text in _ITEM_BOUNDS or tokens[k].text in BREAK
        # "(honestly) 16GB A770s are $230 right now": the market's price of the model, no card of anyone's
        priced = any(t.text in _PRICE_SIGNS for t in tokens[after + 1 : after + 3])
        if opens or (priced and tokens[k].text not in _HELD):
            m.tentative = True
            if priced:
                m.denied = "it reads as the card's price on the market, not your card"


# "no", "not", "never", and "don't", "doesn't", "haven't" ... as split at the apostrophe ("don", "'", "t")
_NOT = frozenset(
    {"no", "not", "dont", "without", "never", "cannot", "don", "doesn", "didn", "haven", "hasn", "isn"}
)


def mark_no_access(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """A card the writer says they cannot use ("I don't have access to an A100", "no access to H100s",
    "the A100 is not available to me") is not their rig; the parser keeps it only when no other card is
    named (then it is the card asked about)."""
    n = len(tokens)
    for m in mentions:
        line = tokens[m.start].line
        before = [t.text for t in tokens[max(0, m.start - 8) : m.start] if t.line == line]
        if "access" in before or "available" in before:
            at = len(before) - 1 - before[::-1].index("access" if "access" in before else "available")
            if any(w in _NOT for w in before[max(0, at - 4) : at]):
                m.tentative = True
                continue
        after = [t.text for t in tokens[m.end : min(n, m.end + 5)] if t.line == line]
        if "available" in after:
            at = after.index("available")
            if any(w in _NOT for w in after[:at]):
                m.tentative = True


def mark_tentative(tokens: Sequence[Token], mentions: Sequence[Mention], words: set[str]) -> None:
    """Devices the user considers, compares with, used to have, or someone else owns.

    `words`: the texts of the tokens (no cue among them and no CJK run: nothing to mark)."""
    if not mentions:
        return
    cjk = any(map(_IS_CJK, tokens))
    if words & NEGATIONS or cjk:
        _mark_denied(tokens, mentions)
    if not (words & _CUE_WORDS or "?" in words or cjk):
        return
    n = len(tokens)
    _mark_moves(tokens, mentions)
    if len(mentions) > 1 and not words.isdisjoint(_MOVED_TO):
        _mark_moved_to(tokens, mentions)
    _mark_yardsticks(tokens, mentions)
    if words & _REQUIREMENT_CUES:  # no such word: no requirement is said
        _mark_requirements(tokens, mentions)
    starts = {m.start for m in mentions}
    ends = {m.end for m in mentions}
    for m in mentions:
        if _no_longer_mine(tokens, m, starts):
            m.tentative = True
            continue
        if m.owned:
            continue
        line = tokens[m.start].line
        k = m.start - 1
        steps = 0
        while k >= 0 and steps < 6:
            w = tokens[k].text
            if w in BREAK or w in (".", "!", "?", ";") or tokens[k].line != line:
                break
            if k + 1 in ends and not all(t.text in _OPTION_JOINERS for t in tokens[k + 1 : m.start]):
                break  # "upgrade to a 5090 from my 3080": a cue before another device is that device's
            if (
                (w in OTHER_PEOPLE and not _own_clause_between(tokens, k, m.start))
                or _obliged_use(tokens, k)
                or _had_before(tokens, k, m.start)
                or _needed(tokens, k, m.start)
            ):
                m.tentative = True
                break
            if tokens[k].is_cjk and (
                (cue_in(w, OTHER_PEOPLE) and not _mine_after(tokens, k, m.start))
                or (steps < 3 and cjk_than(w))
            ):
                m.tentative = True  # "别人的2080ti", "显存带宽比H20低", "比双卡4090的服务器快"
                break
            if w == "say" and k > 0 and tokens[k - 1].text in _LETS:
                m.tentative = True  # "if let's say I connect a 3090 to my Mac": a case imagined
                break
            if w == "from" and k > 0 and tokens[k - 1].text in _LEFT_BEHIND:
                m.tentative = True  # "coming from a gaming PC with a 3080": the rig left behind
                break
            if w in HYPOTHETICAL_BEFORE or cue_in(w, HYPOTHETICAL_BEFORE):
                if w in _MEASURED and k + 1 < m.start and tokens[k + 1].text in _POSSESSIVE:
                    break  # "faster than my 3090", "vs my 3090": the user's own card, measured against
                if w == "used" and not (k + 1 < n and tokens[k + 1].text == "to"):
                    pass  # "used my 3090" is not past tense; "used to have" is
                elif w == "get" and k > 0 and tokens[k - 1].text in ("i", "we"):
                    pass  # "I get 20 t/s on my 3090": a report, not a purchase
                elif w == "if" and k > 0 and tokens[k - 1].text == "matter":
                    pass  # "no matter if the order is 3090, A4000": regardless, no condition on the cards
                elif w == "order" and _order_noun(tokens, k):
                    pass  # "the order is 3090, 3090, A4000": the cards' sequence, not a purchase
                else:
                    m.tentative = True
                    break
            k -= 1
            steps += 1
        for k in range(m.end, min(n, m.end + 5)):
            w = tokens[k].text
            if w in (".", "!", "?", ";") or tokens[k].line != line or k in starts:
                break  # a word after the next device is said of that one ("a 1080 Ti, the 5090 I ordered")
            if (
                w in HYPOTHETICAL_AFTER
                or cue_in(w, UNOBTAINABLE_AFTER)
                or (tokens[k].is_cjk and cue_in(w, SUGGESTED_AFTER))
            ):
                m.tentative = True
                break
    if words & _SEEK_CUES:
        _mark_sought(tokens, mentions)
    _weighed_again(tokens, mentions)
    if "with" in words and words & _JOINING:
        _joined_with(tokens, mentions)
    if "mine" in words:
        _contrasted_with_mine(tokens, mentions)
    if words & {"other", "another", "second"} and words & OTHER_MACHINE_WORDS:
        for m in mentions:  # "my other PC has a 3060", "Other config is 16 GB VRAM (5060ti)": that PC's
            if not m.owned and other_machine_before(tokens, m.start, _OTHER_MACHINE_REACH):
                m.tentative = True
    if "?" in words:
        _asked_beside_owned(tokens, mentions)


def _own_clause_between(tokens: Sequence[Token], k: int, start: int) -> bool:
    """The writer's own clause ("I use", "we run") opens between another person's word and the device:
    "gave my 3080 to my son, now I use a 4070" is the writer's 4070."""
    return any(tokens[j].text in ("i", "we") for j in range(k + 1, start))


# "lets say", "let's say" (the apostrophe's "s" a token of its own)
_LETS = frozenset({"lets", "let", "s"})


# what joins devices weighed together ("buy a 3090 or a 4090"): a cue before the first is the second's too
_OPTION_JOINERS = frozenset(
    {"or", "and", ",", "/", "a", "an", "the", "two", "vs", "versus", "&", "+", "(", ")"}
)
# a comparison's words before a card the user owns ("faster than my 3090")
_MEASURED = frozenset({"than", "vs", "versus"})
_POSSESSIVE = frozenset({"my", "our", "mine"})
# words just before a card that say the user has it now ("my 5060", "I got a 5060")
_HELD = frozenset({"my", "our", "have", "has", "got", "own", "bought", "mine", "我的"})


# "the order is", "in this order", "order of the cards": the noun of a sequence, never a purchase
_ORDER_DETERMINERS = frozenset({"the", "this", "that", "same", "in", "any", "whatever", "which"})
_ORDER_AFTER = frozenset({"is", "was", "of", ":"})


def _order_noun(tokens: Sequence[Token], k: int) -> bool:
    """'order' at k names a sequence ("the order is ...", "in any order"), not an order placed."""
    before = tokens[k - 1].text if k > 0 else ""
    after = tokens[k + 1].text if k + 1 < len(tokens) else ""
    return before in _ORDER_DETERMINERS or after in _ORDER_AFTER


_SEEK_CUES = SOUGHT_BEFORE | {"looking"}
# "looking for a model that runs on a 3090": what is sought is no card
_SEEK_ENDS = frozenset({"model", "models", "llm", "that", "which", "to", "on"})
_SOUGHT_REACH = 12  # "where to find a 64GB/s PCIe supported GPU 3090": the card ends a long description


def _mark_sought(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """The cards after 'where to find', 'looking for', 'to rent' in the sentence, up to the user's words."""
    starts = {m.start: m for m in mentions}
    for k in range(len(tokens)):
        if tokens[k].text not in _SEEK_CUES or not _sought(tokens, k):
            continue
        line = tokens[k].line
        for j in range(k + 1, min(len(tokens), k + 1 + _SOUGHT_REACH)):
            t = tokens[j]
            if t.line != line or t.text in _SENTENCE_ENDS or t.text in _FIRST_PERSON or t.text in _SEEK_ENDS:
                break
            m = starts.get(j)
            if m is not None and not m.owned:
                m.tentative = True


def _sought(tokens: Sequence[Token], k: int) -> bool:
    """'where to find a 3090', 'looking for a used 4090', 'trying to rent an H100': a card sought, not had."""
    w = tokens[k].text
    if w == "looking":
        return k + 1 < len(tokens) and tokens[k + 1].text == "for"
    if w not in SOUGHT_BEFORE or k == 0:
        return False
    before = tokens[k - 1].text
    # "where to find", "can't find"; "where can I find", "could we rent" (not "I find my 3090 slow")
    return before in SEEKING or (before in _ASKERS and k > 1 and tokens[k - 2].text in _ASKING)


_ASKERS = frozenset({"i", "we", "you", "one"})
_ASKING = frozenset({"can", "could", "do", "where", "how"})


def _asked_beside_owned(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'Has anyone tried it on a 3090? I only have a 3060', 'does it work on a 4090? mine is a 4070': a
    device in a question that says nothing of the user's, beside a device in a statement of the user's
    own, is asked about, not the rig."""
    sentence = [0] * len(tokens)
    ends_with_question: list[bool] = []
    first_person: list[bool] = []
    s, mine = 0, False
    for k, t in enumerate(tokens):
        if k and (t.line != tokens[k - 1].line) and tokens[k - 1].text not in _SENTENCE_ENDS:
            ends_with_question.append(False)
            first_person.append(mine)
            s, mine = s + 1, False
        sentence[k] = s
        mine = mine or t.text in _FIRST_PERSON or t.text == "mine"
        if t.text in _SENTENCE_ENDS:
            ends_with_question.append(t.text == "?")
            first_person.append(mine)
            s, mine = s + 1, False
    ends_with_question.append(False)
    first_person.append(mine)
    own = [
        m
        for m in mentions
        if not m.tentative and first_person[sentence[m.start]] and not ends_with_question[sentence[m.start]]
    ]
    for m in mentions if own else ():
        at = sentence[m.start]
        if m.tentative or m.owned or not ends_with_question[at] or first_person[at]:
            continue
        if any(o.device_id.startswith(m.device_id) or m.device_id.startswith(o.device_id) for o in own):
            continue  # "Anyone tried Arc 770? I have an Arc A770M": the user's card, named loosely first
        m.tentative = True


# verbs that join a card to the user's own, in the base form of a plan or a question ("can I mix my 3090
# with a 4060?"); "paired", "added" report a rig as it is
_JOINING = frozenset({"mix", "pair", "combine"})


def _joined_with(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'can I mix my 3090 with a 4060/5060 Ti?', 'I want to pair my 4090 with a second 3090': the cards
    after "with" are weighed to join the user's own card (named right after the verb), not had."""
    by_start = {m.start: m for m in mentions}
    for k, t in enumerate(tokens):
        if t.text not in _JOINING:
            continue
        j = k + 1
        while j < len(tokens) and tokens[j].text in _POSSESSIVE | _ARTICLES:
            j += 1
        own = by_start.get(j)
        if own is None or own.end >= len(tokens) or tokens[own.end].text != "with":
            continue
        for m in mentions:  # the cards listed after "with", to the sentence's end
            if m.start > own.end and _in_sentence(tokens, own.end, m.start) and not m.owned:
                m.tentative = True


_OTHER_MACHINE_REACH = 16  # tokens back from a device to "other PC" in its sentence


def _mine_after(tokens: Sequence[Token], k: int, start: int) -> bool:
    """The user's own word (我) stands after the other person's in the CJK run at k or before the device
    ("朋友们，我的3090": the friends are addressed, the 3090 is the user's)."""
    run = tokens[k].text
    cue_end = max((run.find(c) + len(c) for c in _CJK_OTHERS if c in run), default=0)
    return "我" in run[cue_end:] or any("我" in t.text for t in tokens[k + 1 : start] if t.is_cjk)


_CJK_OTHERS = tuple(w for w in OTHER_PEOPLE if w[0] >= "\u3040")


def _contrasted_with_mine(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'Its GPU is an RTX 2060 and mine is an RTX 3070 Ti', 'the docs use a 4090, mine is a 3060': a device
    said to be the user's with "mine is" makes a device named before it in its sentence, with no word of
    the user's own near it, someone else's."""
    starts = {m.start: m for m in mentions}
    for k in range(len(tokens) - 1):
        if tokens[k].text != "mine" or tokens[k + 1].text not in ("is", "was", "has", ":"):
            continue
        j = k + 2
        while j < len(tokens) and j < k + 5 and j not in starts and tokens[j].text in _ARTICLES | {"an", "a"}:
            j += 1
        own = starts.get(j)
        if own is None:
            continue
        for m in mentions:
            if m is own or m.start >= k or m.owned or not _in_sentence(tokens, m.start, k):
                continue
            near = tokens[max(0, m.start - 4) : m.start]
            if not any(t.text in _FIRST_PERSON for t in near):
                m.tentative = True


def _in_sentence(tokens: Sequence[Token], a: int, b: int) -> bool:
    """Tokens a < b stand in one sentence on one line."""
    return tokens[a].line == tokens[b].line and not any(t.text in _SENTENCE_ENDS for t in tokens[a:b])


def _weighed_again(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'if I bought a 5060 16GB, ... or is the added vram the 5060?': a card weighed before and named
    again with no word of having it is the same weighed card, not one the rig has."""
    weighed = {m.device_id: m.start for m in mentions if m.tentative and not m.yardstick and not m.required}
    if not weighed:
        return
    for m in mentions:
        first = weighed.get(m.device_id)
        if m.tentative or m.owned or first is None or first >= m.start:
            continue
        line = tokens[m.start].line
        near = tokens[max(0, m.start - 4) : m.start]
        if not any(t.text in _HELD for t in near if t.line == line):
            m.tentative = True


# handing a device over, said before it ("gave my 3080 to my son", "sold my old 2070 to a friend")
_GAVE = frozenset({"gave", "sold", "handed", "passed", "donated", "gifted", "lent"})


def _no_longer_mine(tokens: Sequence[Token], m: Mention, starts: set[int]) -> bool:
    """The clause after the device says it is no longer the user's ("which is now my kids'", "went
    to my son", "is not mine anymore", "gave my 3080 to my son"), up to the sentence's end or the next
    device."""
    line = tokens[m.start].line
    lead = tokens[max(0, m.start - 3) : m.start]
    gave = [i for i, t in enumerate(lead) if t.text in _GAVE and t.line == line]
    # "gave my 3080 to my son": the handing over said before the card, only words of its own between
    handed = bool(gave) and all(t.text in _ARTICLES or t.text == "old" for t in lead[gave[-1] + 1 :])
    person = False
    for k in range(m.end, min(len(tokens), m.end + 8)):
        w = tokens[k].text
        if w in _SENTENCE_ENDS or tokens[k].line != line or k in starts:
            break
        before = tokens[k - 1].text
        if w == "anymore" or (w == "longer" and before == "no") or (w == "mine" and before == "not"):
            return True
        handed = handed or w in _HANDED_OVER
        person = person or w in _PEOPLE_IT_WENT_TO
    return handed and person


def _had_before(tokens: Sequence[Token], k: int, start: int) -> bool:
    """'I had an RTX 2060 with 32gb ram', 'we had two 3060s': a card the user had, right before it
    (articles or a count between), not 'I had to use a 3090' or 'I had a crash on my 3090'."""
    if tokens[k].text != "had" or k == 0 or tokens[k - 1].text not in ("i", "we"):
        return False
    return all(
        tokens[b].text in _ARTICLES
        or tokens[b].text in COUNT_WORDS
        or tokens[b].text == "*"
        or tokens[b].is_num
        for b in range(k + 1, start)
    )


def _mark_requirements(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """Cards in a sentence that states what the docs recommend or a model requires ("the docs say an H100
    works", "Recommended: A100 80GB", "you need at least 42GB VRAM, so a single A6000 / 6000 Ada or two
    3090s") are not the rig: back from the card to the sentence's start, unless the user's own clause
    ("I have", "my") comes first. One pass forward: after each token, whether a requirement was said
    since the last thing that ends its reach."""
    said = _requirement_said(tokens)
    for m in mentions:
        if (
            not m.owned
            and m.start > 0
            and said[m.start - 1]
            and tokens[m.start - 1].line == tokens[m.start].line
        ):
            m.tentative = m.required = True


def _requirement_said(tokens: Sequence[Token]) -> list[bool]:
    """For each token: a requirement word stands between it and the last sentence end, line break, the
    user's own clause ("I", "my"), a title's dash or a card the requirement is asked of ("for a 3090")."""
    said: list[bool] = []
    state = False
    for k, t in enumerate(tokens):
        w = t.text
        if k > 0 and t.line != tokens[k - 1].line:
            state = False
        if t.is_cjk and w not in _REQUIREMENT_WORDS:
            state = _cjk_requirement_state(w, state)
        elif (
            w in (".", "!", "?", ";")
            or (w in _FIRST_PERSON and not (k > 0 and tokens[k - 1].text in _REQUIREMENT_WORDS))
            or (w in ("-", "–", "—") and not t.glued)  # "70b hardware requirements - 2x 3090 ...?"
            or w in _ASKED_OF  # "recommended quant for a 3090": the user's card
        ):
            state = False
        elif (
            w in _REQUIREMENT_WORDS
            or (w in ("need", "needs") and k > 0 and tokens[k - 1].text in ("you", "you'll"))
            or (w in _WRITTEN_IN and k + 1 < len(tokens) and tokens[k + 1].text in _SAYING)
        ):
            state = True
        said.append(state)
    return said


_CJK_REQUIREMENT_WORDS = frozenset(w for w in _REQUIREMENT_WORDS if w[0] >= "\u3040")


def _cjk_requirement_state(run: str, state: bool) -> bool:
    """Whether a requirement's reach goes on after a CJK run: it opens at a requirement word ("推荐",
    "要求") and ends at the writer's own "我", except right after the requirement word ("要求我内存必须
    256G": what is asked of the writer)."""
    said = max((run.rfind(c) + len(c) for c in _CJK_REQUIREMENT_WORDS if c in run), default=-1)
    mine = run.rfind("我")
    if said > mine or (mine >= 0 and mine == said):
        return True
    return False if mine >= 0 else state


# in the CJK run right before an amount: a need or a minimum ("单次推理需至少16GB显存", "最低 24G"), a
# must ("推理必须是80G卡吗"), or a shortfall the amount measures ("显示内存不足18G")
_CJK_NEED = LazyPattern(r"需|最低|起码|必须|(?:不足|不够|缺少?)$")


def mark_required_amounts(tokens: Sequence[Token], quantities: Sequence[Quantity]) -> None:
    """An amount in a sentence that states what the docs recommend or a model requires ("推荐 80G 的显存",
    "the docs require 256GB of RAM", "单次推理需至少16GB显存"), or a shortfall ("内存不足18G"), is no part
    of the rig, as a card there is not (_mark_requirements)."""
    said = _requirement_said(tokens)
    for q in quantities:
        if q.attached is not None or q.start == 0 or q.model_like:
            continue  # what a model needs is set aside with its own note
        before = tokens[q.start - 1]
        if before.line == tokens[q.start].line and (
            said[q.start - 1] or (before.is_cjk and _CJK_NEED.search(before.text) is not None)
        ):
            q.kind, q.cue_strength = "other", 3


# words an example is named after: "such as", "for example", "for instance", and "like" after a noun of
# hardware ("GPUs like the 3090 or 4090", "a setup like 2 GPUs"; not "looks like", "I'd like")
_EXAMPLE_NOUNS = frozenset(
    {
        "gpu", "gpus", "card", "cards", "setup", "setups", "rig", "rigs", "hardware", "device", "devices",
        "machine", "machines", "system", "systems", "chip", "chips", "accelerators", "boxes",
    }
)  # fmt: skip
EXAMPLE_CUES = frozenset({"such", "example", "instance", "like"})
# a CJK run that ends in "for example" and a count ("比如两张", "如4张" without the count's digits)
_CJK_EXAMPLE = LazyPattern(r"(?:比如|例如|譬如|^如)[一两兩二三四五六七八九十]*[张張块塊个個台片]?$")
_CJK_ASKED = frozenset("吗嗎么麼？")
# between an example's cue and its card: articles, counts, makers
_EXAMPLE_LEAD = frozenset(
    {",", ":", "a", "an", "the", "one", "two", "three", "four", "eight", "x", "nvidia", "amd", "张", "块"}
)


def _example_cue(tokens: Sequence[Token], k: int) -> bool:
    w = tokens[k].text
    if tokens[k].is_cjk:
        return _CJK_EXAMPLE.search(w) is not None
    if w == "as":
        return k > 0 and tokens[k - 1].text == "such"
    if w in ("example", "instance"):
        return k > 0 and tokens[k - 1].text == "for"
    if w != "like" or k == 0:
        return False
    if tokens[k - 1].text == "." and tokens[k - 1].line == tokens[k].line:
        # "for consumer GPUs with 24GB VRAM. like RTX 3090 and RTX 4090": the noun ends the sentence before
        return any(t.text in _EXAMPLE_NOUNS for t in tokens[max(0, k - 1 - _NOUN_REACH) : k - 1])
    return tokens[k - 1].text in _EXAMPLE_NOUNS


_NOUN_REACH = 6  # the sentence before a "like" that opens a sentence names its noun this near its end


# a GPU one rents rather than owns: examples of it ("cloud GPUs such as an H100") are options
_RENTED = frozenset({"cloud", "rent", "rented", "renting", "rental", "hosted"})


def mark_examples(
    tokens: Sequence[Token], mentions: Sequence[Mention], quantities: Sequence[Quantity]
) -> None:
    """Cards and amounts named as examples in a statement ("consumer GPUs like the RTX 3090 or 4090, each
    with 24 GB", "a setup like 2 GPUs (11GB VRAM each)", "需多卡并行(如4张A100 80GB显卡)") are nobody's rig,
    even alone; not in a question ("比如两张A100 80G够吗": the rig asked about) nor after the writer's own
    clause ("I have a card like the 3090")."""
    n = len(tokens)
    starts = {m.start: m for m in mentions}
    k = 0
    while k < n:
        if not _example_cue(tokens, k):
            k += 1
            continue
        line = tokens[k].line
        a = k - 1 if k > 0 and tokens[k - 1].text == "." and tokens[k].text == "like" else k
        while a > 0 and tokens[a - 1].line == line and tokens[a - 1].text not in _SENTENCE_ENDS:
            a -= 1
        b = k + 1
        while (
            b < n
            and tokens[b].line == line
            and tokens[b].text not in _SENTENCE_ENDS
            and tokens[b].text != "。"
        ):
            b += 1
        asked = (b < n and tokens[b].text == "?") or any(
            t.is_cjk and not _CJK_ASKED.isdisjoint(t.text) for t in tokens[k:b]
        )
        mine = any(t.text in _FIRST_PERSON or (t.is_cjk and "我" in t.text) for t in tokens[a:k])
        if asked and any(t.text in _RENTED for t in tokens[a:k]) and any(m.end <= a for m in mentions):
            # "3090 here. Should I try cloud GPUs such as A100 or H100?": rented options weighed beside the
            # writer's own card, not the rig asked of ("is a cloud GPU like an L40S enough?" asks of it)
            asked = mine = False
        if asked or mine:
            k = b
            continue
        j = k + 1
        while j < b and (tokens[j].text in _EXAMPLE_LEAD or tokens[j].is_num) and j not in starts:
            j += 1
        if j in starts:
            m = starts[j]
            while True:
                if not m.owned:
                    m.denied = "it reads as an example named, not your card"
                nxt = next((x for x in mentions if x.start >= m.end), None)
                if (
                    nxt is None
                    or nxt.start >= b
                    or not all(  # "like the 4060 Ti 16GB or 4080": the first one's memory between
                        t.text in _OPTION_JOINERS or t.is_num or t.text in _SIZE_UNITS
                        for t in tokens[m.end : nxt.start]
                    )
                ):
                    break
                m = nxt
            opened = tokens[k - 1].text == "."  # "GPUs with 24GB VRAM. like the 3090": a sentence before
            for q in quantities:  # "a 24GB card like the 4090": the size of the example's noun too
                if (
                    k < q.start < b
                    or (q.end == k - 1 and tokens[k - 1].text in _EXAMPLE_NOUNS)
                    or (opened and k - 1 - _NOUN_REACH <= q.start < k - 1)
                ):
                    q.kind, q.cue_strength = "other", 3
        elif j < b and tokens[j].text in ("gpus", "cards", "gpu", "card", "显卡", "卡"):
            for q in quantities:  # "a setup like 2 GPUs (11GB VRAM each)": unnamed cards as an example
                if k < q.start < b:
                    q.kind, q.cue_strength = "other", 3
        k = b


# verbs of a spec sheet or a price list said of a device: "the RTX 6000 Ada brings 48GB", "two 3090s
# give you 48 GB", "the M3 Ultra starts at $3,999", "P100 cards are priced at $70 each, each offering 16GB"
SPEC_VERBS = frozenset(
    {
        "offers", "offer", "offering", "brings", "bring", "gives", "give", "giving", "provides", "provide",
        "providing", "priced", "costs", "retails", "starts", "available", "comes", "runs",
    }
)  # fmt: skip
# verbs said only with the word after them ("comes with 8GB", "available with 64 GB", "runs $7,000")
_SPEC_NEXT = {"available": ("with", "in", "for"), "comes": ("with",), "runs": ("$", "€", "£")}
_PRICE_SIGNS = frozenset({"$", "€", "£", "¥"})
_SPEC_REACH = 8


def _spec_verb_after(tokens: Sequence[Token], end: int, stop: int, amounts: set[int]) -> bool:
    """A spec sheet's verb after a device, with an amount of memory or a price right after it ("gives you
    48 GB", "starts at $3,999"; not "gives 20 t/s"); "has" only as "only has 24 GB"."""
    for k in range(end, min(stop, end + _SPEC_REACH)):
        w = tokens[k].text
        spec = w in SPEC_VERBS or (w in ("has", "have") and tokens[k - 1].text == "only")
        if not spec or (w in _SPEC_NEXT and not (k + 1 < stop and tokens[k + 1].text in _SPEC_NEXT[w])):
            continue
        return any(j in amounts or tokens[j].text in _PRICE_SIGNS for j in range(k + 1, min(stop, k + 6)))
    return False


def mark_spec_statements(
    tokens: Sequence[Token], mentions: Sequence[Mention], quantities: Sequence[Quantity]
) -> None:
    """In a text with no word of the writer's own ("I", "my", "我"), a device a sentence gives a spec
    sheet's or a price list's verb ("The RTX 3090, while a powerful card, only offers 24GB", "Four RTX
    4090 cards give 96 GB", "The Mac Studio M3 Ultra starts at $3,999 for 96 GB") is a product described,
    nobody's rig, with the other devices and the amounts of that sentence; not in a question ("does the
    4090 offer enough?"), nor in a text that asks anything: a product described and then asked about
    ("The RTX 4060 Ti only offers 16GB. Will Mistral Small fit?") is the machine asked about."""
    if any(t.text in _FIRST_PERSON or (t.is_cjk and "我" in t.text) for t in tokens) or _asks_for_self(
        tokens
    ):
        return
    n = len(tokens)
    starts = sorted(m.start for m in mentions)
    amounts = {q.start for q in quantities}
    for m in mentions:
        line = tokens[m.start].line
        b = m.end
        while b < n and tokens[b].line == line and not _ends_sentence(tokens, b):
            b += 1
        if b < n and tokens[b].text == "?":
            continue
        nxt = next((x for x in starts if x >= m.end), b)
        if m.owned or not _spec_verb_after(tokens, m.end, min(b, nxt), amounts):
            continue
        a = m.start
        while a > 0 and tokens[a - 1].line == line and not _ends_sentence(tokens, a - 1):
            a -= 1
        for x in mentions:  # the sentence's other devices are described beside it ("for the price of a 4080")
            if a <= x.start < b and not x.owned:
                x.denied = "it reads as a product described, not your rig"
        for q in quantities:
            if a <= q.start < b:
                q.kind, q.cue_strength = "other", 3


# words of a verdict on hardware in general ("the 3090 wins on value", "a 64 GB Mac is faster than a 128 GB
# one", "the 4070 Super tops out at 13B", "the cheapest way to 48 GB"), said in a text of no one's own
VERDICT_WORDS = frozenset(
    {
        "than", "better", "faster", "slower", "cheaper", "cheapest", "wins", "beats", "outperforms",
        "ideal", "tops", "maxes",
    }
)  # fmt: skip
# "you can run it on a laptop with 16 GB", "will let you load": what anyone can do with the hardware
_ANYONE_CAN = frozenset({"can", "could", "will", "ll"})
_LETS_ANYONE = frozenset({"let", "lets", "allows", "allow"})
# an indefinite machine's verbs: "A laptop with an i7 and 32GB RAM achieves 8-12 t/s", "a 3090 handles it"
_GENERIC_VERBS = frozenset(
    {
        "is", "are", "has", "achieves", "delivers", "handles", "runs", "can", "will", "gets", "fits", "loads",
        "does", "reaches", "hits", "manages", "needs",
    }
)  # fmt: skip
_ARTICLE_WORDS = frozenset({"a", "an", "the"})
_WHICH_ASKED = frozenset({"is", "are", "one", "would", "will", "s", "should"})
_RELATIVE = frozenset({"which", "that", "who"})


def _writer_speaks(tokens: Sequence[Token]) -> bool:
    """A word of the writer's own anywhere ("I", "my", "我"); the "i" of a CPU's name ("i7") is none."""
    n = len(tokens)
    for k, t in enumerate(tokens):
        if t.is_cjk and "我" in t.text:
            return True
        if t.text in _FIRST_PERSON and not (
            t.text == "i" and k + 1 < n and tokens[k + 1].glued and tokens[k + 1].is_num
        ):
            return True
    return False


# a sentence opened by the writer's own doing, its "I" left out ("using a 4060 16gb, flux needs more than
# a 4090 gives"), and the words that point at one machine ("all this PC has")
_DOING_OPENERS = frozenset({"using", "tested", "testing", "trying", "tried", "got"})
_THIS = frozenset({"this", "these"})
_ONE_MACHINE = frozenset({"pc", "machine", "laptop", "box", "rig", "computer", "system", "desktop", "server"})


def _one_machine_said(tokens: Sequence[Token], a: int, b: int) -> bool:
    """The sentence [a, b) is about one machine: opened by the writer's own doing or pointing at it."""
    if a < b and tokens[a].text in _DOING_OPENERS:
        return True
    return any(tokens[k].text in _THIS and tokens[k + 1].text in _ONE_MACHINE for k in range(a, b - 1))


def _clauses(tokens: Sequence[Token], a: int, b: int) -> list[tuple[int, int]]:
    """The comma-parted clauses of the sentence [a, b); a relative clause stays with the noun before it
    ("the RTX 4070 Super (12GB), which tops out at 13B")."""
    out: list[tuple[int, int]] = []
    x = a
    for k in range(a, b):
        if tokens[k].text == "," and not (k + 1 < b and tokens[k + 1].text in ("which", "that", "who")):
            out.append((x, k))
            x = k + 1
    out.append((x, b))
    return [(x, y) for x, y in out if x < y]


def _generic_cue(tokens: Sequence[Token], a: int, b: int, opens: bool) -> bool:
    """A sentence [a, b) that says what hardware of some kind does for anyone: a verdict word after its
    article ("the 3090 wins", "a 64 GB Mac is faster"), "you can"/"lets you", or an indefinite machine
    ("A laptop with ...") opening the sentence (`opens`) with a verb after."""
    words = [t.text for t in tokens[a:b]]
    article = next((i for i, w in enumerate(words) if w in _ARTICLE_WORDS), None)
    # "..., which is faster": a choice asked even where its question mark is gone, no verdict
    asked = any(w == "which" and words[i + 1] in _WHICH_ASKED for i, w in enumerate(words[:-1]))
    if article is not None and not asked and any(w in VERDICT_WORDS for w in words[article:]):
        return True
    for i, w in enumerate(words):
        if w != "you":
            continue
        if (i + 1 < len(words) and words[i + 1] in _ANYONE_CAN) or (i > 0 and words[i - 1] in _LETS_ANYONE):
            return True
    if not opens or words[0] not in ("a", "an"):
        return False  # a verb of a relative clause leaves a fragment ("a 2080 Ti which has 11 GB")
    return any(w in _GENERIC_VERBS and words[i - 1] not in _RELATIVE for i, w in enumerate(words[2:], 2))


def mark_generic_statements(
    tokens: Sequence[Token], mentions: Sequence[Mention], quantities: Sequence[Quantity]
) -> list[tuple[int, int]]:
    """In a text with no word of the writer's own, a statement about hardware of a kind rather than one
    machine (a verdict: "The used RTX 3090 is the better card for anyone running 13B", "A 64 GB / 40-core
    Mac is faster than a 128 GB / 32-core Mac"; what anyone can do: "a M5 Max 128GB will let you load big
    models", "you can run it on a laptop with 16 GB of RAM"; an indefinite machine's result: "A laptop
    with an i7-12700H and 32GB RAM achieves 8-12 t/s") names nobody's rig: its devices and amounts are
    set aside; not a question, nor a title without an article ("RTX 3090 slower than CPU"). Returns the
    sentences set aside (a CPU named in one is no part of the rig either)."""
    if _writer_speaks(tokens):
        return []
    n = len(tokens)
    spans: list[tuple[int, int]] = []
    a = 0
    while a < n:
        b = a
        while b < n and tokens[b].line == tokens[a].line and not _ends_sentence(tokens, b):
            b += 1
        if not (b < n and tokens[b].text in ("?", "？")) and not _one_machine_said(tokens, a, b):
            spans += [(x, y) for x, y in _clauses(tokens, a, b) if _generic_cue(tokens, x, y, x == a)]
        a = b + 1 if b < n and tokens[b].line == tokens[a].line else b
    if not spans:
        return []
    for m in mentions:
        if not m.owned and any(x <= m.start < y for x, y in spans):
            m.denied = "it reads as hardware of a kind described, not your rig"
    for q in quantities:
        if any(x <= q.start < y for x, y in spans):
            q.kind, q.cue_strength = "other", 3
    return spans


# a plural card noun after sizes with no count ("runs on 6GB and 8GB cards"): cards of those sizes in general
_PLURAL_CARDS = frozenset({"cards", "gpus"})
# (or after a verb of fitting: "a Q3 quant would fit 12GB cards")
_CLASS_LEADS = frozenset({"on", "for", "with", "to", "in", "using", "of", "fit", "fits", "fitting"})
_SIZES_JOINED = frozenset({"and", "or", ",", "/", "&"})


def mark_card_classes(tokens: Sequence[Token], quantities: Sequence[Quantity]) -> None:
    """Sizes said before a plural card noun with no count nor owner, after a preposition ("people run it
    on 6GB and 8GB cards", "it works on 8GB cards too"), name cards of those sizes in general, no card of
    the rig; "two 8GB cards", "my 12GB cards", "I have 24GB cards" keep theirs."""
    n = len(tokens)
    by_start = {q.start: q for q in quantities}
    for q in quantities:
        if q.start == 0 or tokens[q.start - 1].text not in _CLASS_LEADS:
            continue
        run = [q]
        k = q.end
        while k < n and (tokens[k].text in _SIZES_JOINED or k in by_start):
            if k in by_start:
                run.append(by_start[k])
                k = by_start[k].end
            else:
                k += 1
        if k < n and tokens[k].text in _PLURAL_CARDS and tokens[k - 1].text not in _SIZES_JOINED:
            for x in run:
                x.kind, x.cue_strength = "other", 3


# between "your" and the card it owns: "your 3090", "your GPU is A800 80G", "yours is a 3060"
_YOURS = frozenset({"your", "yours"})
_YOURS_BETWEEN = frozenset(
    {
        "gpu", "gpus", "card", "cards", "machine", "rig", "pc", "system", "setup", "box", "laptop", "mac",
        "own", "is", "was", "are", "s", ":", "a", "an", "the", "'",
        # the work the reader did on them: "your work was done on four `Nvidia A100 GPU`"
        "work", "paper", "model", "experiments", "results", "done", "trained", "tested", "ran", "on",
        "using", "`", "were", "nvidia", "amd",
    }
)  # fmt: skip
_YOURS_REACH = 9


def _yours(tokens: Sequence[Token], m: Mention) -> bool:
    for k in range(m.start - 1, max(-1, m.start - 1 - _YOURS_REACH), -1):
        w = tokens[k].text
        if w in _YOURS:
            return True
        counted = w in COUNT_WORDS or tokens[k].is_num
        if (w not in _YOURS_BETWEEN and not counted) or tokens[k].line != tokens[m.start].line:
            return False
    return False


def mark_yours_beside_another(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """A card said to be the reader's ("your GPU is A800 80G", "your card is a 3060"), in a text that
    names another card that is not, belongs to the one written to: the writer's is the other ("It's A100
    80G. And your GPU is A800 80G"); a reply naming only "your 3090" keeps it as the rig talked about."""
    yours: list[Mention] = []
    for m in sorted(mentions, key=attrgetter("start")):
        listed = bool(yours) and all(t.text in _OPTION_JOINERS for t in tokens[yours[-1].end : m.start])
        if not m.owned and (listed or _yours(tokens, m)):
            yours.append(m)  # "your 3090 and 4090": the cards listed with it are the reader's too
    if not yours or len(yours) == len(mentions):
        return
    for m in yours:
        m.denied = "it reads as the card of the one written to, not your rig"


def _asks_for_self(tokens: Sequence[Token]) -> bool:
    """A question the writer asks for their own sake ("Will Mistral Small fit?"); one asked of the reader
    ("How much memory does your Jetson have?") is not."""
    start = 0
    for k, t in enumerate(tokens):
        if t.text in ("?", "？") and not any(x.text == "your" for x in tokens[start:k]):
            return True
        if _ends_sentence(tokens, k) or (k + 1 < len(tokens) and tokens[k + 1].line != t.line):
            start = k + 1
    return False


# someone the writer asks to run or share ("Anyone care to run it with RX 7800 XT?", "anyone with a 4090
# want to test?", "if anyone has data with the DGX Spark")
ANYONE = frozenset({"anyone", "anybody", "someone", "somebody"})
_FIGURES_HELD = frozenset({"data", "numbers", "results", "benchmarks", "figures"})


def _asks_anyone(tokens: Sequence[Token], k: int, b: int) -> bool:
    """Token k is "anyone" asked to run or share: "anyone care to", "anyone with", "anyone has data"."""
    nxt = tokens[k + 1].text if k + 1 < b else ""
    if nxt in ("care", "with", "willing"):
        return True
    return nxt in ("has", "have", "got") and k + 2 < b and tokens[k + 2].text in _FIGURES_HELD


def mark_asked_of_anyone(
    tokens: Sequence[Token], mentions: Sequence[Mention], quantities: Sequence[Quantity]
) -> None:
    """Devices in a sentence that asks someone else to run or share on them ("Anyone care to run it with
    an RX 7800 XT 16 GB?", "Anyone with a 4090 want to test this?", "curious if anyone has data with the
    DGX Spark") are that someone's, with the sentence's amounts; not where the writer says their own in
    it ("anyone with a 4090 like mine?"), nor "has anyone tried it on a 4090?" (often the asker's)."""
    n = len(tokens)
    a = 0
    while a < n:
        b = a
        while b < n and tokens[b].line == tokens[a].line and not _ends_sentence(tokens, b):
            b += 1
        asked = next(
            (k for k in range(a, b) if tokens[k].text in ANYONE and _asks_anyone(tokens, k, b)), None
        )
        if asked is not None and not _writer_speaks(tokens[a:b]):
            for m in mentions:
                if asked < m.start < b and not m.owned:
                    m.denied = "it reads as a device someone else is asked to run, not your rig"
            for q in quantities:
                if asked < q.start < b:
                    q.kind, q.cue_strength = "other", 3
        a = b + 1 if b < n and tokens[b].line == tokens[a].line else b


def _ends_sentence(tokens: Sequence[Token], k: int) -> bool:
    """A sentence's end; not a dot inside a web address or a number ("www.apple.com", "3.5")."""
    if tokens[k].text not in _SENTENCE_ENDS:
        return False
    return tokens[k].text != "." or k + 1 == len(tokens) or not tokens[k + 1].glued


# a table's header word that makes its rows options weighed or asked for ("| Setup | VRAM | Cost |", "|
# Component | Requirement |", "| Model | 4-bit VRAM | Fits on |"), not the rig of the one who pastes it
_OPTION_HEADERS = frozenset(
    {
        "requirement", "requirements", "recommended", "minimum", "cost", "costs", "price", "prices", "fits",
        "budget", "typical", "common", "推荐", "要求", "价格", "售价", "常见", "典型",
    }
)  # fmt: skip
_TABLE_RULE = frozenset({"|", "-", ":"})


def mark_option_tables(
    tokens: Sequence[Token], mentions: Sequence[Mention], quantities: Sequence[Quantity]
) -> None:
    """Devices and amounts in the rows of a Markdown table whose header names a cost, a requirement or
    what a model fits on are options, nobody's rig, even alone; a table of one's own parts ("| GPU | RTX
    4090 |") has no such header and stays."""
    lines: dict[int, list[Token]] = {}
    for t in tokens:
        lines.setdefault(t.line, []).append(t)
    option_lines: set[int] = set()
    for ln, rule in lines.items():
        header = lines.get(ln - 1)
        if header is None or rule[0].text != "|" or not all(t.text in _TABLE_RULE for t in rule):
            continue
        if not any(cue_in(t.text, _OPTION_HEADERS) for t in header):
            continue
        option_lines.add(ln - 1)
        row = ln + 1  # the rows right after the rule; a two-cell row reads "gpu: rtx 4090" by then
        while row in lines and (lines[row][0].text == "|" or any(t.text == ":" for t in lines[row][1:4])):
            option_lines.add(row)
            row += 1
    if not option_lines:
        return
    for m in mentions:
        if tokens[m.start].line in option_lines and not m.owned:
            m.denied = "it reads as an option in a table of costs or requirements, not your rig"
    for q in quantities:
        if tokens[q.start].line in option_lines:
            q.kind, q.cue_strength = "other", 3


# what may stand between "need" and the device it asks for: "need two 3090s", "need an A100", "need 4x H100"
_NEEDED_LEAD = frozenset({"a", "an", "another", "more", "two", "three", "four", "eight", "x", "at", "least"})


def _needed(tokens: Sequence[Token], k: int, start: int) -> bool:
    """'do I need two 3090s?', 'you'd need an A100': the device right after a need (a count or article
    between) is one the rig would need, not one it has ("I need help with my 3090" is no such need)."""
    if tokens[k].text not in ("need", "needs"):
        return False
    return all(t.text in _NEEDED_LEAD or t.is_num for t in tokens[k + 1 : start])


def _obliged_use(tokens: Sequence[Token], k: int) -> bool:
    """'(do I) have to use', 'need to use': the device after it is one the rig would need."""
    if tokens[k].text != "use" or k < 2:
        return False
    return tokens[k - 1].text == "to" and tokens[k - 2].text in _OBLIGED


def _mark_moves(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'I upgraded from a 3060 to a 4090': the card moved from is gone, the card moved to is owned."""
    starts = {m.start: m for m in mentions}
    for i, t in enumerate(tokens):
        if t.text in _REPLACING:
            _mark_replaced(tokens, starts, i)
            continue
        if t.text != "from" or i == 0:
            continue
        k = i + 1
        while k < len(tokens) and tokens[k].text in _ARTICLES:
            k += 1
        _mark_listed_move(tokens, mentions, i)
        old = starts.get(k)
        if old is None or k + 1 >= len(tokens):
            continue
        j = old.end
        if j < len(tokens) and tokens[j].text in ("to", "->", "→"):
            if tokens[i - 1].text in _UPGRADE_PLANNED:
                # "is it a good idea to upgrade from a 3090 Ti to an RTX Pro 6000?": the card upgraded
                # from is the one the user has now; the one upgraded to is only weighed
                old.owned = True
                j += 1
                while j < len(tokens) and tokens[j].text in _ARTICLES:
                    j += 1
                if (target := starts.get(j)) is not None and not target.owned:
                    target.tentative = True
                continue
            old.tentative = True
            if any(tokens[b].text in _PAST_MOVES for b in range(max(0, i - 3), i)):
                j += 1
                while j < len(tokens) and tokens[j].text in _ARTICLES:
                    j += 1
                new = starts.get(j)
                if new is not None:
                    new.owned = True


def _mark_moved_to(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'I worked on my GTX 1060 for two years. I've just updated to an RTX 3070': the card moved to (a move
    said in the past, right before "to") is owned now, and the cards named before that move are the past
    ones it replaced."""
    starts = {m.start: m for m in mentions}
    for i, t in enumerate(tokens[:-2]):
        if t.text not in _MOVED_TO or tokens[i + 1].text != "to":
            continue
        j = i + 2
        while j < len(tokens) and (tokens[j].text in _ARTICLES or tokens[j].text in _CONDITION):
            j += 1
        new = starts.get(j)
        if new is None or new.kind != "gpu":
            continue
        new.owned = True
        for m in mentions:
            if m.end <= i and m.kind == "gpu" and not m.owned:
                m.tentative = True


def _mark_replaced(tokens: Sequence[Token], starts: dict[int, Mention], i: int) -> None:
    """'I replaced my 3090 with a 4090': the card replaced is gone, the one it was replaced with owned."""
    k = i + 1
    while k < len(tokens) and tokens[k].text in _ARTICLES:
        k += 1
    old = starts.get(k)
    if old is None or old.end >= len(tokens) or tokens[old.end].text not in ("with", "for", "by"):
        return
    j = old.end + 1
    while j < len(tokens) and (tokens[j].text in _ARTICLES or tokens[j].text in _CONDITION):
        j += 1  # "for a used 3090"
    new = starts.get(j)
    if new is not None:
        old.tentative = True
        new.owned = True


def _mark_listed_move(tokens: Sequence[Token], mentions: Sequence[Mention], i: int) -> None:
    """'I switched computers from a desktop with: / gtx1080ti gpu / ... / to: / rtx3080 gpu': a move said
    as two lists, the second opened by a line "to:"; the devices of the first are gone."""
    if not any(tokens[b].text in _PAST_MOVES for b in range(max(0, i - 4), i)):
        return
    n = len(tokens)
    to = next(
        (
            j
            for j in range(i + 1, n)
            if tokens[j].text == "to"
            and tokens[j - 1].line < tokens[j].line
            and (j + 1 == n or tokens[j + 1].line > tokens[j].line or tokens[j + 1].text == ":")
        ),
        None,
    )
    if to is None:
        return
    for m in mentions:
        if i < m.start < to:
            m.tentative = True


_QUOTES = frozenset({'"', "“", "”"})
_ADVICE_LEAD = frozenset({"just", "simply", "you", "should", "to", "'", "ll"})
_ADVICE_VERBS = frozenset({"get", "buy", "grab", "go", "pick", "add", "use"})
QUOTE_MARKS = _QUOTES


def mark_quoted_advice(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'The Reddit threads all say "just get two 3090s, 48 GB total."': cards in advice quoted after a verb
    of saying (the quote opens with "get", "buy", "go" ...) are what others advise, not the writer's rig;
    not the writer's own words ("I said ...") nor a message quoted ('the error says "... RTX 3060"')."""
    n = len(tokens)
    for k in range(1, n - 2):
        if tokens[k].text not in _SAYING or tokens[k + 1].text not in _QUOTES:
            continue
        if tokens[k - 1].text in _FIRST_PERSON:
            continue  # "I said 'my 3090 is enough'": the writer's own words
        j = k + 2
        while j < n and tokens[j].text in _ADVICE_LEAD:
            j += 1
        if j >= n or tokens[j].text not in _ADVICE_VERBS:
            continue  # 'the error says "out of memory on RTX 3060"': a message, no advice
        line = tokens[k].line
        end = next((j for j in range(k + 2, n) if tokens[j].text in _QUOTES or tokens[j].line != line), n)
        for m in mentions:
            if k + 1 < m.start < end and not m.owned:
                m.denied = "it reads as advice quoted, not your card"


# "B站有人测试过 魔改4x2080ti的推理": someone (有人) who tried it, said as a report (no question): their cards
_SOMEONE_TRIED = LazyPattern(r"有人(?:实测|測試|测试|测|試|试|跑|用)过|有人(?:实测|實測)")
_CJK_ASK_MARKS = frozenset("吗嗎？?")


def mark_someone_elses_report(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'B站有人测试过 魔改4x2080ti的推理，5tks左右': cards in a sentence that reports what someone tried are
    theirs, not the writer's ('有人试过2080ti双卡吗' asks of them, so they are the rig asked about)."""
    for m in mentions:
        a = m.start
        while a > 0 and tokens[a - 1].text not in _SENTENCE_ENDS and tokens[a - 1].text != "。":
            a -= 1
        if not any(t.is_cjk and _SOMEONE_TRIED.search(t.text) for t in tokens[a : m.start]):
            continue
        b = m.end
        while b < len(tokens) and tokens[b].text not in _SENTENCE_ENDS and tokens[b].text != "。":
            b += 1
        asked = any(not _CJK_ASK_MARKS.isdisjoint(t.text) for t in tokens[a : min(b + 1, len(tokens))])
        if not asked and not m.owned:
            m.denied = "it reads as hardware someone else tried, not yours"


_MINIMUM_WORDS = frozenset({"minimum", "lowest", "min"})
_MINIMUM_FILLER = frozenset(
    {
        "is",
        "are",
        "s",
        "'",
        "probably",
        "likely",
        "really",
        "about",
        "the",
        "a",
        "bare",
        "absolute",
        "imho",
        "imo",
    }
)
_MINIMUM_ADJECTIVES = frozenset({"viable", "usable", "workable", "recommended", "reasonable", "practical"})
_SPEC_NOUNS = frozenset({"spec", "specs", "requirement", "requirements", "setup", "config", "configuration"})


def _stated_minimum_at(tokens: Sequence[Token], k: int) -> bool:
    """'… is probably the lowest viable spec', '… is the minimum spec': a minimum word at k, a verb of being
    (with fillers) before it, a spec noun (after an adjective) right after."""
    if tokens[k].text not in _MINIMUM_WORDS:
        return False
    j = k + 1
    while j < len(tokens) and tokens[j].text in _MINIMUM_ADJECTIVES:
        j += 1
    if j >= len(tokens) or tokens[j].text not in _SPEC_NOUNS:
        return False
    b = k - 1
    while b >= 0 and tokens[b].text in _MINIMUM_FILLER and tokens[b].text not in ("is", "are", "s"):
        b -= 1
    return b >= 0 and tokens[b].text in ("is", "are", "s")


def mark_stated_minimum(
    tokens: Sequence[Token], mentions: Sequence[Mention], quantities: Sequence[Quantity]
) -> None:
    """'3060 12GB and 64GB system RAM is probably the lowest viable spec IMHO': devices and amounts a
    sentence calls the minimum spec are a requirement stated, not the writer's rig (not in the writer's
    own clause: "my 3060 is the minimum spec for it" keeps the 3060)."""
    for k, t in enumerate(tokens):
        if t.text not in _MINIMUM_WORDS or not _stated_minimum_at(tokens, k):
            continue
        a = k
        while (
            a > 0
            and tokens[a - 1].text not in _SENTENCE_ENDS
            and tokens[a - 1].text not in (":", ";")
            and tokens[a - 1].line == t.line
        ):
            a -= 1
        if any(x.text in _FIRST_PERSON for x in tokens[a:k]) or _asked_after(tokens, k):
            continue  # "my 3060 is the minimum spec"; "...: what are the minimum requirements?" asks
        for m in mentions:
            if a <= m.start < k and not m.owned:
                m.tentative = m.required = True
        for q in quantities:
            if a <= q.start < k and q.attached is None:
                q.kind, q.cue_strength = "other", 3


def _mark_yardsticks(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'Does it run the same as an A6000?': the card measured against is no part of the rig."""
    for m in mentions:
        k = m.start - 1
        while k >= 0 and tokens[k].text in _ARTICLES:
            k -= 1
        if k >= 1 and (tokens[k - 1].text, tokens[k].text) in _YARDSTICK and not m.owned:
            m.tentative = m.yardstick = True
        elif _as_much_as(tokens, k, m) and not m.owned:
            # "It only runs LLM as fast as a M2 Ultra": the device measured against, no part of the rig
            # even alone; in a question only beside the writer's own card ("will my 3060 run it as fast
            # as a 4090?"), not when two cards are weighed as equals ("is a 3090 as fast as a 4090?")
            if not _asked_after(tokens, m.end):
                m.tentative = m.yardstick = True
                m.denied = "it reads as the device yours is measured against"
            elif _own_card_before(tokens, mentions, m):
                m.tentative = m.yardstick = True
        elif _comparison_opens(tokens, k, m.start):
            m.tentative = m.yardstick = True  # "As a comparison, my M1 MacBook Pro is faster"
        elif _published_figures(tokens, m):
            m.tentative = m.yardstick = True  # "A100 benchmarks show ~1200 tok/s": another card's numbers
        elif _contrasted_machine(tokens, m):
            m.tentative = m.yardstick = True  # "but it only takes 10 seconds on a 4090 computer"
    by_start = {m.start: m for m in mentions}
    for m in sorted(mentions, key=attrgetter("start")):
        if not m.yardstick or m.end + 1 >= len(tokens) or tokens[m.end].text not in _LISTED_WITH:
            continue
        nxt = by_start.get(m.end + 1)
        if nxt is not None and not nxt.owned:
            nxt.tentative = nxt.yardstick = True  # the cards listed with the one measured against


def _as_much_as(tokens: Sequence[Token], k: int, m: Mention) -> bool:
    """'as fast as a M2 Ultra', 'as good as an A100': an equal comparison right before the device (no
    "my" or "our" between: "as fast as my 3090" measures against the user's own card)."""
    return (
        k >= 2
        and tokens[k].text == "as"
        and tokens[k - 2].text == "as"
        and tokens[k - 1].is_word
        and not any(t.text in _POSSESSIVE for t in tokens[k + 1 : m.start])
    )


def _own_card_before(tokens: Sequence[Token], mentions: Sequence[Mention], m: Mention) -> bool:
    """A card of the writer's ("my 3060") is named before `m` in its sentence."""
    line = tokens[m.start].line
    return any(
        x.end <= m.start
        and tokens[x.start].line == line
        and x.start > 0
        and tokens[x.start - 1].text in _POSSESSIVE
        and not any(t.text in _SENTENCE_ENDS for t in tokens[x.end : m.start])
        for x in mentions
    )


def _asked_after(tokens: Sequence[Token], end: int) -> bool:
    """The sentence that goes on after `end` is a question."""
    for t in tokens[end:]:
        if t.text == "?":
            return True
        if t.text in _SENTENCE_ENDS:
            return False
    return False


def _comparison_opens(tokens: Sequence[Token], k: int, start: int) -> bool:
    """'As a comparison, my M1 MacBook Pro ...', 'For comparison: a 4090 ...': the sentence opens as a
    comparison right before the device (a comma or colon, then articles and "my")."""
    if k < 1 or tokens[k].text not in (",", ":") or tokens[k].line != tokens[start].line:
        return False
    return tokens[k - 1].text == "comparison" and (k < 2 or tokens[k - 2].text in _COMPARISON_OPENERS)


_COMPARISON_OPENERS = frozenset({"as", "a", "in", "by", "for"})
# the figures measured on a card, named right after it ("A100 benchmarks show", "H100 results")
_FIGURES = frozenset({"benchmark", "benchmarks", "results", "numbers", "scores"})


# a machine named by its card ("a 4090 computer"), and the words that set a run on it against the writer's
_MACHINE_AFTER = frozenset({"computer", "machine", "pc", "box", "server", "rig", "system", "workstation"})
_CONTRAST = frozenset({"but", "while", "whereas", "only"})
_CONTRAST_REACH = 12


def _contrasted_machine(tokens: Sequence[Token], m: Mention) -> bool:
    """'It takes 2 hours on the 5090D, but it only takes 10 seconds on a 4090 computer': some machine with
    the card ("a 4090 computer", an article and no word of the writer's own), named in a clause set
    against the writer's run, is another machine measured against."""
    k = m.start - 1
    if m.owned or k < 1 or tokens[k].text not in ("a", "an") or m.end >= len(tokens):
        return False
    if tokens[m.end].text not in _MACHINE_AFTER:
        return False
    line = tokens[m.start].line
    for j in range(k - 1, max(-1, k - 1 - _CONTRAST_REACH), -1):
        t = tokens[j]
        if t.line != line or t.text in _SENTENCE_ENDS or t.text in _FIRST_PERSON:
            return False
        if t.text in _CONTRAST:
            return True
    return False


def _published_figures(tokens: Sequence[Token], m: Mention) -> bool:
    """'Getting 400 tok/s on MI210. A100 benchmarks show ~1200 tok/s': the card whose figures are quoted,
    with no word of the writer's own before it ("my 4090 benchmarks" are the writer's)."""
    if m.owned or m.end >= len(tokens) or tokens[m.end].text not in _FIGURES:
        return False
    for t in reversed(tokens[max(0, m.start - 3) : m.start]):
        if t.text in _SENTENCE_ENDS or t.text == ",":
            break
        if t.text in _FIRST_PERSON:
            return False
    return True


# modal words that ask about the card ("how could I run it on an RTX 4060 Ti 16GB?"), where the
# other cues weigh another card ("buy", "upgrade", "instead")
_ASKING = frozenset({"would", "could", "should", "can", "if", "maybe"})
# the place a model is run: "run it on", "load it on"
_RUN_ON = frozenset({"on", "onto"})


def named_again(
    tokens: Sequence[Token], mentions: Sequence[Mention], sized: Sequence[Mention]
) -> list[Mention]:
    """'Out of memory - RTX 4060 Ti' then 'how could I run it on an RTX 4060 Ti 16GB?': the card asked
    about with its memory is the card named before, not one weighed beside it; it replaces the first
    mention (whose memory would be a default). `sized`: the mentions a stated memory is attached to.
    Returns the mentions to read."""
    sized_ids = {id(m) for m in sized}
    gone: set[int] = set()
    for m in mentions:
        if not m.tentative or m.yardstick or id(m) not in sized_ids or (m.count or 1) > 1:
            continue
        cue_at = _cue_before(tokens, m)
        if cue_at < 0 or tokens[cue_at].text not in _ASKING:
            continue
        if not any(t.text in _RUN_ON for t in tokens[cue_at + 1 : m.start]):
            continue  # "would a 4060 Ti 16GB be better?" weighs another card; "run it on" asks of one
        same = [
            f
            for f in mentions
            if f is not m and not f.tentative and f.device_id == m.device_id and id(f) not in sized_ids
        ]
        if len(same) == 1 and (same[0].count or 1) == 1:
            m.tentative = False
            gone.add(id(same[0]))
    return [m for m in mentions if id(m) not in gone] if gone else list(mentions)


def _cue_before(tokens: Sequence[Token], m: Mention) -> int:
    """Where the nearest word before a mention, on its line and in its sentence, that made it tentative
    stands; -1 where none does."""
    line = tokens[m.start].line
    for k in range(m.start - 1, max(-1, m.start - 7), -1):
        w = tokens[k].text
        if w in BREAK or w in (".", "!", "?", ";") or tokens[k].line != line:
            return -1
        if w in HYPOTHETICAL_BEFORE or w in OTHER_PEOPLE:
            return k
    return -1


# a "have" the speaker denies: "I don't have", "do not have", "haven't got", "no longer own"
NEGATIONS = frozenset({"not", "t", "dont", "never", "longer"})
_HAVE = frozenset({"have", "own", "got", "possess"})
_NEGATED_BEFORE_T = frozenset({"don", "doesn", "didn", "haven", "hasn", "won"})
# what may stand between a denied "have" and the device it denies ("don't have 8 x NVIDIA H200")
_OBJECT_FILLER = frozenset(
    {"a", "an", "any", "the", "x", "*", "×", "multiple", "several", "nvidia", "amd", "intel", "geforce",
     "radeon", "rtx", "gtx"}
)  # fmt: skip
_OBJECT_REACH = 5
# "没有4090", "我没有两张4090", "没4090显卡别碰" (not "有没有": "is there ..."): the CJK run just before
# the device
_CJK_DENIED = LazyPattern(r"(?<!有)[没沒]有?(?:[一两兩二三四五六七八九十\d]+[张張块塊个個台片])?$")
_SENTENCE_END = frozenset({".", "!", "?", ";"})
# "4090 48g上没卡没跑过", "H100没有卡": no card of it at hand, said right after the card (and its memory)
_CJK_NO_CARD_AFTER = LazyPattern(r"^.?(?:[没沒]有?(?:这个?|這個?)?卡|无卡|無卡)")


def _no_card_after(tokens: Sequence[Token], end: int) -> bool:
    """The first CJK run after the card, past its memory ("48g"), opens with "no card" (没卡)."""
    for t in tokens[end : end + 4]:
        if t.is_cjk:
            return _CJK_NO_CARD_AFTER.search(t.text) is not None
        if not (t.is_num or t.text in ("g", "gb", "G")):
            return False
    return False


def _mark_denied(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """A device the speaker says they do not have ("I don't have 8 x H200", "没有4090，只有一张3090") is
    no part of their rig, even alone. "(in fact, I only have one)" later in the sentence keeps the device,
    with that count: the "have" denied a count of it, not the device."""
    for m in mentions:
        if m.owned or _out_of_use(tokens, m.end):
            continue
        if not denied_object(tokens, m.start):
            if _no_card_after(tokens, m.end):
                m.denied = "you said you do not have it"
            continue
        only = _only_have_count(tokens, m.end, mentions)
        if only is None:
            m.denied = "you said you do not have it"
        else:
            m.count, m.count_explicit = only, True


def denied_object(tokens: Sequence[Token], start: int) -> bool:
    """The device at `start` is the object of a denied "have" (English), or follows a CJK 没有."""
    if start > 0 and tokens[start - 1].is_cjk:
        return _CJK_DENIED.search(tokens[start - 1].text) is not None
    k = start - 1
    while k >= 0 and start - k <= _OBJECT_REACH and (tokens[k].is_num or _object_filler(tokens[k].text)):
        k -= 1
    if k < 1 or tokens[k].text not in _HAVE:
        return False
    w = tokens[k - 1].text
    if w in ("not", "dont", "never"):
        return True
    if w == "longer":
        return k >= 2 and tokens[k - 2].text == "no"
    # "don't", "haven't": the tokens "don", "'", "t"
    return w == "t" and k >= 3 and tokens[k - 3].text in _NEGATED_BEFORE_T


# "I don't have the 3090 plugged in right now": a card the writer owns, only out of use
_OUT_OF_USE = frozenset(
    {"installed", "plugged", "connected", "hooked", "mounted", "running", "working", "enabled", "in", "on"}
)


def _out_of_use(tokens: Sequence[Token], end: int) -> bool:
    return any(t.text in _OUT_OF_USE for t in tokens[end : end + 2])


def _object_filler(word: str) -> bool:
    return word in _OBJECT_FILLER or word in COUNT_WORDS


def _only_have_count(tokens: Sequence[Token], end: int, mentions: Sequence[Mention]) -> int | None:
    """'(in fact, I only have one)': the count an "only have" gives later in the sentence, where no device
    is named before it or right after the count ("I only have a 3060" names another card)."""
    starts = {m.start for m in mentions}
    n = len(tokens)
    for k in range(end, min(n, end + 12)):
        if k in starts or tokens[k].text in _SENTENCE_END:
            return None
        if tokens[k].text != "only":
            continue
        j = k + 2 if k + 1 < n and tokens[k + 1].text in _HAVE else k + 1
        if j >= n or j + 1 in starts or j in starts:
            return None
        v = int(tokens[j].text) if tokens[j].text.isdigit() else COUNT_WORDS.get(tokens[j].text)
        return v if v is not None and 1 <= v <= _OBJECT_COUNT_MAX else None
    return None


_OBJECT_COUNT_MAX = 64


# "if you (already) own ...", "what if you bought ...": a rig the writer puts to the one addressed
_IF_YOU_VERBS = frozenset(
    {"own", "have", "had", "got", "get", "buy", "bought", "spent", "spend", "pick", "picked", "purchase",
     "purchased"}
)  # fmt: skip
_IF_YOU_ADVERBS = frozenset({"already", "ever", "just", "really", "do", "did", "only", "still", "instead"})
_LIST_BULLETS = frozenset({"-", "*", "•", "·", "+"})
_MINE_BEFORE = frozenset({"my", "our", "mine"})


def addressed_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """The token spans of clauses that put a rig to the one addressed ("If you already own a Mac Studio
    M3 Ultra with 192GB ...", "What if you spent the same on: - 2x 4090 - ..."): from the "if" to the
    sentence's end; a clause ending in a colon runs on through the bulleted lines that follow it."""
    spans = []
    n = len(tokens)
    for i in range(n - 2):
        if tokens[i].text != "if" or tokens[i + 1].text != "you":
            continue
        j = i + 2
        while j < n and tokens[j].text in _IF_YOU_ADVERBS:
            j += 1
        if j >= n or tokens[j].text not in _IF_YOU_VERBS:
            continue
        end = j
        while end < n and tokens[end].text not in _SENTENCE_END and tokens[end].line == tokens[i].line:
            end += 1
        if end < n and end > 0 and tokens[end - 1].text == ":":
            end = _bulleted_lines_end(tokens, end)
        spans.append((i, end))
    return spans


def _bulleted_lines_end(tokens: Sequence[Token], k: int) -> int:
    """The end of the bulleted lines that start at token k ("- 2x RTX 4090 ..."), or k itself."""
    n = len(tokens)
    while k < n and tokens[k].text in _LIST_BULLETS and (k == 0 or tokens[k - 1].line != tokens[k].line):
        line = tokens[k].line
        while k < n and tokens[k].line == line:
            k += 1
    return k


def mark_addressed(
    tokens: Sequence[Token], mentions: Sequence[Mention], spans: Sequence[tuple[int, int]]
) -> None:
    """The devices in a clause put to the one addressed are theirs, never the writer's rig ("my" before a
    device keeps it: "if you have my 3090's twin ...")."""
    for m in mentions:
        if m.denied or m.owned or not any(a < m.start < b for a, b in spans):
            continue
        if m.start > 0 and tokens[m.start - 1].text in _MINE_BEFORE:
            continue
        m.denied = "it reads as a rig put to the one addressed (if you ...), not yours"
