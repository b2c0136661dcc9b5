"""Rigs a question puts side by side: a choice ("3090 or 4090", "M2 Max 64GB vs 2x 3090",
"4090 oder zwei 3090"), a replacement ("upgrade from a 4070 to a 5090", "swapping my 4060 for a
4060 Ti"), a plan beside the rig owned now ("a 3060 now, thinking of a 4070 Ti Super") or an addition
("put a 3090 next to my two P40s", "is adding a second 3090 worth it?", "2 more 3090s (4 total)").

Each side is read by the hardware reader on its own words. System RAM or a CPU named apart from
any GPU applies to every side (it is the same PC), and a replacement keeps the RAM of the rig it
replaces a card in. An addition needs the rig it adds to: named ("my two P40s"), implied by the
ordinal ("a second 3090": one now), or by the total ("2 more (4 total)": two now).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from ._lazy_re import LazyPattern
from ._question_intent import choice_words
from .hardware import DeviceDatabase, GpuGroup, Hardware, parse_hardware
from .vocabulary import RAM_SIZES_GB

__all__ = ["ComparedRigs", "compared_rigs", "labels_options", "merged", "replaced_by"]

_FROM_TO = LazyPattern(
    r"\bfrom\s+(?:an?\s+|my\s+|the\s+)?(?P<a>[^,;?!]+?)\s+(?:to|into)\s+(?P<b>[^,;?!]+)"
    r"|\breplac\w*\s+(?:my\s+|the\s+)?(?P<c>[^,;?!]+?)\s+(?:with|by)\s+(?P<d>[^,;?!]+)"
    # "swapping my 4060 for a 4060 Ti", "trocar minha 3060 por uma 4070", "cambiar mi 3060 por una 4070"
    r"|\bswap\w*\s+(?:out\s+)?(?:my\s+|the\s+)?(?P<e>[^,;?!]+?)\s+(?:for|with)\s+(?P<f>[^,;?!]+)"
    r"|\b(?:trocar|cambiar|substituir|reemplazar)\s+(?:a\s+|o\s+|la\s+|el\s+)?(?:minha\s+|meu\s+|mi\s+)?"
    r"(?P<g>[^,;?!]+?)\s+(?:por|pela|pelo)\s+(?P<h>[^,;?!]+)"
    # "sell my 3090 and buy a 5090", "selling the 4080 to fund a 5090", "selling my 4090 for two 3090s",
    # "trade my 4090 for two 3090s", "trading in the 3080 for a 3090": the card sold is the one replaced
    # (a price it is sold for names no card: that side reads as no rig)
    r"|\b(?:sell(?:ing)?|trad(?:e|ing))\s+(?:off\s+|in\s+)?(?:my\s+|the\s+|our\s+)?(?P<i>[^,;?!]+?)\s+"
    r"(?:and\s+(?:then\s+)?(?:buy(?:ing)?|get(?:ting)?|grab(?:bing)?|go(?:ing)?\s+for|pick(?:ing)?\s+up)"
    r"|to\s+(?:fund|pay\s+for|buy|get|afford|finance)|for|in\s+for)\s+(?P<j>[^,;?!]+)"
)
_SIDES = (("a", "b"), ("c", "d"), ("e", "f"), ("g", "h"), ("i", "j"))
# the word every branch of _FROM_TO needs between its sides, spaced: looked for once before the pattern
# (whose sides each run to the end of a clause: tried after every "from", they cost quadratic time)
_FROM_TO_LINK = re.compile(r"\s(?:to|into|with|by|for|por|pela|pelo|and)\s")
_ADD_VERB = (
    r"\b(?:add|adding|put|putting|buy|buying|get|getting|install|installing|throw\s+in|throwing\s+in|"
    r"plug\s+in|plugging\s+in|pair|pairing)"
    # "I get 12 t/s": a speed reported, nothing added (also where the reader has blanked that speed)
    r"(?!\s{4})\s+(?!(?:about\s+|around\s+|~\s*)?\d+(?:\.\d+)?\s*(?:t/s|tok|tps|tokens?\b|it/s))"
)
_ORDINALS = {
    **{"second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5},
    # German, French, Spanish and Portuguese: "eine zweite 3090", "une deuxième 3090", "una segunda"
    **{"zweite": 2, "zweiten": 2, "zweiter": 2, "dritte": 3, "dritten": 3, "vierte": 4, "vierten": 4},
    **{"deuxième": 2, "seconde": 2, "troisième": 3, "segunda": 2, "tercera": 3, "terceira": 3},
}
_ORDINAL_WORDS = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_WORD_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_ADDED = LazyPattern(
    rf"\b(?P<lead>(?:a\s+|an\s+|eine?n?\s+|une?\s+|una\s+|uma\s+)?(?P<ord>{_ORDINAL_WORDS})|another|one\s+more|"
    r"(?P<n>\d+|two|three|four|five|six)\s+more|an?|one)\s+(?P<dev>[^,.;?!()]+?)"
    r"(?=\s+(?:next\s+to|alongside|beside|to|with|in\s+addition\s+to|on\s+top\s+of)\s+(?:my|the|our)\b"
    r"|\s*[,.;?!()]|\s+(?:for|worth|to\s+run|is\s+it|would|will|make|help|für|pour|para)\b|\s*$)"
)
_UPGRADE_CUE = LazyPattern(
    r"\bworth\b|\bmake\s+sense\b|\bhelp\b|\bdifference\b|\bimprove|\bfaster\b|\bupgrad|\bgain\b"
    r"|\bshould\s+i\s+(?:go|move|bump|jump|step\s+up)\b|\bwhat\s+if\s+i\s+add\b"
    r"|\blohnt\b|\bvaut\b|\bvale\s+(?:la|a)\s+pena\b|\bстоит\b" + "|" + _ADD_VERB
)
# what is there now: "next to my two P40s", "I have a 3090" (up to the words that end a rig)
_OWN_END = (
    r"(?=\s+(?:be|is|are|would|will|with|for|to|vs|or|and|next|alongside|worth|make|run|running|can|could|"
    r"get|getting|buy|buying|add|adding)\b|\s*[,.;?!()]|\s*$)"
)
_OWN = LazyPattern(
    r"\b(?:next\s+to|alongside|beside|to|with|in\s+addition\s+to|on\s+top\s+of)\s+my\s+(?P<own>[^,.;?!()]+?)"
    + _OWN_END
    + r"|\b(?:i\s+have|i've\s+got|i\s+got|i\s+own|my)\s+(?P<own2>[^,.;?!()]+?)"
    + _OWN_END
)
# from a number's first digit: the leftmost match starts there anyway, and a long run of digits
# would otherwise cost time quadratic in its length
_TOTAL = LazyPattern(r"\(?\s*(?<!\d)(\d+)\s+(?:in\s+)?total\b|\btotal\s+of\s+(\d+)\b")
# _TOTAL less the bracket and the spaces it opens with: searched for first, they are read back from the
# number (searching _TOTAL itself tries them from every place in a run of blank lines or spaces, time
# quadratic in its length)
_TOTAL_CORE = LazyPattern(r"(?<!\d)(\d+)\s+(?:in\s+)?total\b|\btotal\s+of\s+\d+\b")


def _total(s: str) -> re.Match[str] | None:
    """`_TOTAL.search(s)` in time linear in the length of `s`: the same match, spans and groups."""
    m = _TOTAL_CORE.search(s)
    if m is None:
        return None
    start = m.start()
    if m.group(1) is not None:  # a number before "total": its match opens at the spaces and bracket before it
        start = len(s[:start].rstrip())
        if start > 0 and s[start - 1] == "(":
            start -= 1
    return _TOTAL.match(s, start)


# "a second 3090 or more RAM?": the other upgrade weighed against the card; "or 128gb ram" names the
# RAM it would have in all, "or 64gb more ram" what it adds
_MORE_RAM = LazyPattern(
    r"\b(?:or|vs\.?|versus)\s+(?:(?:should|shall|do|would|could)\s+(?:i|we)\s+|just\s+|rather\s+)?"
    r"(?:(?:get|getting|buy|buying|add|adding|upgrade|upgrading|go|going|max|maxing|"
    r"double|doubling)\s+(?:(?:out|to|with|up|my|the)\s+)*)?"
    r"(?:(?:more|extra|additional)\s+|(?P<gb>\d{2,4})\s*gb\s+(?:of\s+)?(?P<more>more\s+|extra\s+)?)"
    r"(?:system\s+)?(?:ram|memory|ddr[45])\b"
    r"|\b(?:more|extra|additional)\s+(?:system\s+)?(?:ram|memory)\s+(?:or|vs\.?|versus)\b"
)
_RAM_STEPS_GB = tuple(s for s in RAM_SIZES_GB if 32 <= s <= 1024)  # "more RAM": a size one buys
_RAM_UNSTATED_GB = 64.0  # "more RAM" on a rig whose RAM is not given: what MoE offload rigs are built with


@dataclass(frozen=True, slots=True)
class ComparedRigs:
    rigs: tuple[Hardware, ...]
    change: str | None = None  # an upgrade in words ("adding 1x NVIDIA GeForce RTX 3090")
    instead: str | None = None  # the other upgrade weighed against it, for the third rig ("RAM to 64 GB")


def _more_ram(s: str, now: Hardware) -> tuple[Hardware, str] | None:
    """The rig with more system RAM, where `s` weighs RAM against the card added, and its words."""
    m = _MORE_RAM.search(s)
    if m is None or now.soc is not None:
        return None
    have = now.ram_gb
    told = None if m.group("gb") else _RAM_ADDED.search(s)  # "add 64gb more ram or a second 4090"
    if m.group("gb"):
        gb = float(m.group("gb"))
        total = (have or 0.0) + gb if m.group("more") else gb
    elif told is not None and (told.group("add") or told.group("more")):
        total = (have or 0.0) + float(told.group("add") or told.group("more"))
    elif told is not None:
        total = float(told.group("total") or told.group("bare"))
    elif have is not None:
        total = float(next((x for x in _RAM_STEPS_GB if x >= 2 * have), _RAM_STEPS_GB[-1]))
    else:
        total = _RAM_UNSTATED_GB
    if have is not None and total <= have:
        return None
    return now.model_copy(update={"ram_gb": total}), f"system RAM to {total:g} GB"


def _has_device(hw: Hardware) -> bool:
    return bool(hw.gpus) or hw.soc is not None


def _shared(base: Hardware, extra: Hardware) -> Hardware:
    """`base` with the RAM and CPU of `extra` where it names none."""
    update: dict[str, object] = {}
    for key in ("ram_gb", "cpu", "ram_type", "ram_mts", "ram_channels"):
        if getattr(base, key) is None and getattr(extra, key) is not None:
            update[key] = getattr(extra, key)
    return base.model_copy(update=update) if update else base


def merged(a: Hardware, b: Hardware) -> Hardware:
    """The rig with the GPUs of both (same cards counted together) and `a`'s memory and CPU."""
    gpus: list[GpuGroup] = list(a.gpus)
    for g in b.gpus:
        same = next((i for i, x in enumerate(gpus) if x.id == g.id and x.vram_gb == g.vram_gb), None)
        if same is None:
            gpus.append(g)
        else:
            gpus[same] = gpus[same].model_copy(update={"count": gpus[same].count + g.count})
    notes = tuple(dict.fromkeys((*a.assumptions, *b.assumptions)))
    return _shared(a, b).model_copy(update={"gpus": tuple(gpus), "assumptions": notes})


def _with_count(g: GpuGroup, count: int) -> GpuGroup:
    return g.model_copy(update={"count": count})


def _describe(hw: Hardware) -> str:
    return " + ".join(f"{g.count}x {g.name}" for g in hw.gpus) or (hw.soc.name if hw.soc else "the rig")


_PRONOUNS = frozenset({"it", "them", "that", "this", "that one", "this one", "those", "these"})


class _Reads:
    """The hardware reader (`parse_hardware`) for the readers of one text: a text they read again
    ("the rig told" and "each side of the choice" are often the same words) is read once."""

    __slots__ = ("_db", "_read")

    def __init__(self, db: DeviceDatabase | None) -> None:
        self._db = db
        self._read: dict[str, Hardware] = {}

    def __call__(self, text: str) -> Hardware:
        hw = self._read.get(text)
        if hw is None:
            hw = self._read[text] = parse_hardware(text, self._db)
        return hw


def replaced_by(old: Hardware, new: Hardware) -> ComparedRigs:
    """`old` beside the rig whose card `new` replaces (keeping `old`'s RAM and CPU), in words."""
    return ComparedRigs((old, _shared(new, old)), change=f"replacing {_describe(old)} with {_describe(new)}")


def _replacement(s: str, read: _Reads) -> ComparedRigs | None:
    m = _FROM_TO.search(s) if _FROM_TO_LINK.search(s) else None
    if m is None:
        return None
    old_key, new_key = next(pair for pair in _SIDES if m.group(pair[0]) is not None)
    # "my 3090 ..., would replacing it with a 5090 help?": a pronoun is the rig told before it
    said = m.group(old_key).strip()
    old_text = s[: m.start()] if said in _PRONOUNS else said
    old, new = read(old_text), read(m.group(new_key))
    if not (_has_device(old) and _has_device(new)):
        return None
    return ComparedRigs((old, _shared(new, old)), change=f"replacing {_describe(old)} with {_describe(new)}")


# a card or rig planned beside the one owned now: "I have a 3060 now and plan to buy a 4070 Ti Super",
# "currently on a 2070, thinking of a 5070 Ti", "my rig now: 3080 + 32GB. planned: 3090 + 64GB"
_PLANNED = LazyPattern(
    r"\b(?:(?:i\s+|i'm\s+|i\s+am\s+)?(?:plan(?:ning)?|going|want(?:ing)?|hoping)\s+(?:to|on)\s+"
    r"(?:buy|get|buying|getting|order|ordering)|thinking\s+(?:of|about)(?:\s+(?:buying|getting))?|"
    r"considering(?:\s+(?:buying|getting))?|eyeing|planned\s*:|(?:the\s+)?plan\s+is|upgrading\s+to)\s+"
    r"(?P<new>[^.;?!\n]+)"
)
# what is asked of a plan is the gain ("how much faster", "worth it?"); otherwise the question is
# about the planned rig alone ("will qwen3 32b fit on the 3090?")
_GAIN = LazyPattern(
    r"\bworth\b|\b(?:faster|slower|better|quicker)\b|\bdifference\b|\bimprove|\bgain\b|\bspeed\s*up\b|\bboost\b"
    r"|\bhelp\b|\bfix\b|\blohnt\b|\bschneller\b|\bvaut\b|\bvale\s+(?:la|a)\s+pena\b|\bстоит\b|быстрее"
)


def _planned(s: str, read: _Reads) -> ComparedRigs | None:
    """The rig owned now (told before the plan) beside the one planned, which replaces its card, when
    the gain is asked."""
    m = _PLANNED.search(s)
    if m is None or not _GAIN.search(s):
        return None
    now, new = read(s[: m.start()]), read(m.group("new"))
    if not (_has_device(now) and _has_device(new)) or now.canonical() == new.canonical():
        return None
    return ComparedRigs((now, _shared(new, now)), change=f"replacing {_describe(now)} with {_describe(new)}")


def _addition(s: str, read: _Reads, *, weighed: bool = False) -> ComparedRigs | None:
    """The rig now beside it with the cards `s` adds (and, with more RAM weighed against them, with
    that RAM instead); `weighed` reads on past the rig owned for the card weighed against the RAM."""
    if not (_UPGRADE_CUE.search(s) or _MORE_RAM.search(s)):
        return None
    own_m = _OWN.search(s)
    own_text = (own_m.group("own") or own_m.group("own2")) if own_m else ""
    own = read(own_text) if own_text else None
    owned = own is not None and _has_device(own)
    total_m = None if owned else _total(s)
    told: Hardware | None = None  # the whole text, read once where an added card needs it
    for m in _added(s, own_m, resume=weighed):
        n_text = m.group("n")
        count = 1 if n_text is None else _WORD_COUNTS.get(n_text, 0) or int(n_text)
        if not 1 <= count <= 64:
            continue
        # what is there now, when no rig of the asker's is named: from the words (before any card is read)
        have = 0 if owned else _had(m, total_m, count)
        if not owned and not 1 <= have <= 64:
            continue
        added = read(m.group("dev"))
        if _SAME_CARD.fullmatch(m.group("dev")) and (
            m.group("ord") or m.group("lead") in ("another", "one more")
        ):
            # "a second one", "another card": more of the one card the asker has
            if told is None:
                told = read(s)
            mine = own if own is not None and owned else told
            if len(mine.gpus) == 1 and mine.soc is None:
                added = mine.model_copy(update={"gpus": (_with_count(mine.gpus[0], 1),)})
        if len(added.gpus) != 1 or added.soc is not None:
            continue
        g = added.gpus[0]
        if told is None:
            told = read(s)
        # "4060 Ti 16GB now, adding a second 4060 Ti": the card told with its memory elsewhere
        same = (
            None
            if _STATED_GB.search(m.group("dev"))
            else next((t for t in told.gpus if t.id == g.id and t.vram_gb != g.vram_gb), None)
        )
        g = _with_count(same or g, count)
        if own is not None and owned:
            # "I have a 4090 and 64gb": the RAM told beside the rig (not the RAM weighed against it)
            now = _shared(own, read(_MORE_RAM.sub(" ", s)))
        else:
            now = added.model_copy(update={"gpus": (_with_count(g, have),)})
        now = _shared(now, told)  # RAM and CPU named anywhere are the same PC's
        if _upgraded_to(s, m, now, g):  # "upgrading to a 5090" with a 3090 now: the 5090 takes its place
            olds = " + ".join(f"{o.count}x {o.name}" for o in now.gpus)
            return ComparedRigs(
                (now, now.model_copy(update={"gpus": (g,)})),
                change=f"replacing {olds} with {count}x {g.name}",
            )
        after = merged(now, added.model_copy(update={"gpus": (g,)}))
        ram = _more_ram(s, now)
        if ram is not None:
            return ComparedRigs((now, after, ram[0]), change=f"adding {count}x {g.name}", instead=ram[1])
        return ComparedRigs((now, after), change=f"adding {count}x {g.name}")
    return None


# more of the card owned, said without naming it: "a second one", "another card", "a second gpu"
_SAME_CARD = LazyPattern(
    r"(?:(?:one|card|gpu)(?:\s+(?:of\s+)?(?:those|these|them|it))?|of\s+(?:those|these|them))"
)


# an upgrade said as a move to the card named next: "upgrading to a 5090", "upgrade my 3090 to a 5090",
# "should I go to a 4090", "switch to an rtx pro 6000" (the card named takes the owned one's place)
_UPGRADE_TO = LazyPattern(
    r"\b(?:upgrad\w*|switch\w*|mov(?:e|ing)|go(?:ing)?|jump(?:ing)?|step(?:ping)?\s+up)"
    r"(?:\s+(?:my|the|our|this)\s+[^,.;?!()]{1,40}?)?\s+(?:up\s+)?to\s*$"
)


def _upgraded_to(s: str, m: re.Match[str], now: Hardware, g: GpuGroup) -> bool:
    """Whether the card `m` names is one an upgrade moves to (it replaces the cards owned now): a card of
    another kind than every one owned, said once ("a 5090", no "second" or "2 more"), after "upgrading
    to"."""
    if m.group("ord") is not None or m.group("n") is not None or m.group("lead") in ("another", "one more"):
        return False
    if not now.gpus or now.soc is not None or any(o.id == g.id for o in now.gpus):
        return False
    return _UPGRADE_TO.search(s[max(0, m.start() - 80) : m.start()]) is not None


# a verb that puts the card said next beside the one owned ("would adding a 5090 be worth it")
_PUT_BESIDE = re.compile(r"\b(?:add|adding|put|putting|pair|pairing|plug\s+in|plugging\s+in)\s*$")


_OR_APART = re.compile(r"\s+(or|vs\.?|versus)\s+(?=(?:a|an|one|another|get|buy|add|just)\b)")


_OWN_VERB = re.compile(r"\b(?:buy|get|go|upgrad|switch|replac|swap|mov)\w*")


def _add_or_replace(s: str, read: _Reads) -> ComparedRigs | None:
    """The cards owned now (one kind, any count) beside two upgrades weighed against each other: more of
    the card owned ("or a second 4090", "a third 3090" beside two, "another 3090"), which is added, and a
    card of another kind ("would a 5090 be worth it"), which takes the owned cards' place, or goes beside
    them where an adding verb governs it ("add another 3090 or a 5090", "adding a 5090") or where it has
    less memory than the cards owned (no one swaps two 3090s for one 5090): in the order told."""
    if not _UPGRADE_CUE.search(s):
        return None
    s = _OR_APART.sub(r", \1 ", s)  # "another 3090 or a 5090": two cards, each read on its own
    own_m = _OWN.search(s)
    if own_m is None:
        return None
    own = read(own_m.group("own") or own_m.group("own2") or "")
    if len(own.gpus) != 1 or own.soc is not None:
        return None
    mine = own.gpus[0]
    told = [m for m in _added(s, own_m, resume=False)][:4]
    cards = [(m, read(m.group("dev"))) for m in told]
    cards = [(m, hw) for m, hw in cards if len(hw.gpus) == 1 and hw.soc is None]
    more = next((c for c in cards if c[1].gpus[0].id == mine.id and _had(c[0], None, 1) == mine.count), None)
    other = next((c for c in cards if c[1].gpus[0].id != mine.id and c[0].group("ord") is None), None)
    if more is None or other is None or more[0].group("n") is not None:
        return None
    first, second = sorted((more, other), key=lambda c: c[0].start())
    if not any(first[0].end() <= a and b <= second[0].start() for a, b in choice_words(s)):
        return None  # weighed against each other only where a choice word stands between them
    now = _shared(own, read(s))
    new = _with_count(other[1].gpus[0], 1)
    # "adding a 5090", "add another 3090 or a 5090": the verb before the first option adds either
    # (unless the second option has a verb of its own: "add a second 3090 or buy a 5090")
    carried = other is second and _OWN_VERB.search(s[first[0].end() : other[0].start()]) is None
    beside = _PUT_BESIDE.search(s[: other[0].start()]) is not None or (
        carried and _PUT_BESIDE.search(s[: first[0].start()]) is not None
    )
    owned_gb = (mine.vram_gb or 0.0) * mine.count
    beside = beside or (new.vram_gb is not None and new.vram_gb < owned_gb)
    replaced = (
        merged(now, own.model_copy(update={"gpus": (new,)}))
        if beside
        else now.model_copy(update={"gpus": (new,)})
    )
    added = merged(now, own.model_copy(update={"gpus": (_with_count(mine, 1),)}))
    words = {
        id(other): f"adding 1x {new.name}" if beside else f"replacing {_describe(own)} with 1x {new.name}",
        id(more): f"adding 1x {mine.name}",
    }
    rigs = {id(other): replaced, id(more): added}
    return ComparedRigs(
        (now, rigs[id(first)], rigs[id(second)]), change=words[id(first)], instead=words[id(second)]
    )


def _added(s: str, own_m: re.Match[str] | None, *, resume: bool) -> Iterator[re.Match[str]]:
    """The cards `s` adds: "my two P40s" is what is there, not added. With `resume` (more RAM weighed
    against a card), a match that starts in what is owned ("i have a 4090 and 64gb: add more ram or a
    second 4090", where a colon ends no rig) is read again from the end of it, so the card weighed
    after it is found."""
    pos = 0
    while (m := _ADDED.search(s, pos)) is not None:
        if own_m is not None and own_m.start() <= m.start() < own_m.end():
            if not resume:
                pos = m.end()
                continue
            pos = own_m.end()
            continue
        yield m
        pos = max(m.end(), m.start() + 1)


def _had(m: re.Match[str], total_m: re.Match[str] | None, count: int) -> int:
    """Cards there before the ones added, from the words alone: "a second 3090" (one), "2 more (4
    total)" (two), "another" or "one more" (one); 0 where the words do not say."""
    ordinal = _ORDINALS.get(m.group("ord") or "")
    lead = m.group("lead")
    if ordinal is not None:
        return ordinal - 1
    if total_m is not None:
        return int(total_m.group(1) or total_m.group(2)) - count
    if lead in ("another", "one more") or lead.replace(" ", "") == "onemore":
        return 1
    return 0


def _choice(s: str, read: _Reads, *, alternatives: bool = False) -> ComparedRigs | None:
    """The rigs a choice word sets apart; with `alternatives`, the words that ask of another rig in
    turn ("what about", "if not", "instead", "3090|4090") set them apart too."""
    words = choice_words(s)
    if alternatives:
        words = sorted([*words, *(m.span() for m in _ALTERNATIVE.finditer(s))])
    if not words:
        return None
    # each side runs from the end of one choice word to the start of the next
    cuts = [(0, 0), *words, (len(s), len(s))]
    rigs: list[Hardware] = []
    shared: list[Hardware] = []
    hardware_of = read  # a side said again is read once

    def parted(side: str, hw: Hardware) -> bool:
        return _given_away(side, hw, lambda: hardware_of(s))

    parts = [s[a:b] for (_, a), (b, _) in pairwise(cuts)]
    for i, side in enumerate(parts):
        # "2x 3090 ($1400), 1x 4090 ($1800), or an M2 Ultra": options listed before the last one
        # are rigs of their own, not one rig with every card listed
        options = _listed_options(side, hardware_of, parted) if i + 1 < len(parts) else None
        if options is not None and _has_device(hardware_of(parts[i + 1])):
            rigs.extend(options)
            continue
        hw = hardware_of(side)
        if _has_device(hw) and parted(side, hw):
            continue  # "I sold my 4090, now choosing between a 5090 or a PRO 6000": no longer a side
        if _has_device(hw):
            rigs.append(hw)
        elif not hw.is_empty or hw.cpu is not None:
            shared.append(hw)
    rigs = _same_memory(rigs, read)
    if alternatives and rigs and rigs[0].soc is None:
        # "a 3090 and 64gb: can it run X? what about a 5090?": the card asked of next goes in the same PC
        rigs = [rigs[0], *(hw if hw.soc is not None else _shared(hw, rigs[0]) for hw in rigs[1:])]
    unique: dict[object, Hardware] = {}
    for hw in rigs:
        for extra in shared:
            hw = _shared(hw, extra)
        unique.setdefault(hw.canonical(), hw)
    sides = _told_again(list(unique.values()), post="\n" in s.strip())
    return ComparedRigs(tuple(sides)) if len(sides) >= 2 else None


# a card parted with: "sold my 4090", "gave my 3080 to my son", "got rid of the P40s"
_GIVEN_AWAY = LazyPattern(
    r"\b(?:sold|gave(?:\s+away)?|given\s+away|handed\s+(?:down|over)|donated|got\s+rid\s+of|passed\s+on)"
    r"\s+(?:my|our|the|his|her|their|that)\b"
)


def _given_away(side: str, hw: Hardware, whole: Callable[[], Hardware]) -> bool:
    """Whether a side's cards are ones the writer parted with: said after a giving-away verb, and left
    out of the rig the whole text reads as theirs."""
    if hw.soc is not None or not hw.gpus or not _GIVEN_AWAY.search(side):
        return False
    kept = {g.id for g in whole().gpus}
    return not any(g.id in kept for g in hw.gpus)


_LIST_CUT = re.compile(r"[,;\n]")
# rigs asked of in turn with no choice word: "can a 4090 run it? and what about a 5090?", "1) can a 4090
# ... 2) if not, a 5090?", "would a 5090 do it instead?", "a 3090|4090", "my 3090 does 30 t/s, what
# would a 5090 do?"
_ALTERNATIVE = LazyPattern(
    r"\b(?:what|how)\s+about\b|\bif\s+not\b|\binstead\b(?!\s+of\b)|(?<=\w)\|(?=\w)"
    r"|\bwhat\s+(?:would|will|could|might)\b(?=\s+(?:an?|the|two|three|four|\d+\s*x)\s)"
)


def _listed_options(
    side: str, hardware_of: Callable[[str], Hardware], parted: Callable[[str, Hardware], bool]
) -> list[Hardware] | None:
    """The rigs a list before a choice word names, one per item, where two or more items name a device
    and every item that names anything names one (an item naming cards parted with, `parted`, is no
    option); None otherwise."""
    parts = _LIST_CUT.split(side)
    items = [hardware_of(part) for part in parts]
    rigs = [hw for hw in items if _has_device(hw)]
    if len(rigs) < 2 or any(not _has_device(hw) and not hw.is_empty for hw in items):
        return None
    return [hw for part, hw in zip(parts, items, strict=True) if _has_device(hw) and not parted(part, hw)]


def _told_again(rigs: list[Hardware], *, post: bool = False) -> list[Hardware]:
    """Without a rig that another side tells again in more words: "for 8 GB VRAM ... or ... on an
    8GB VRAM / 16GB RAM PC" is one PC (the same devices, the memory and CPU only added), no choice.
    A card named on both sides is a choice ("a 3090 alone or a 3090 with 128GB of RAM"), except in a
    `post` of several lines, whose title names the card its body's setup tells again."""

    def same_card(short: GpuGroup, full: GpuGroup) -> bool:  # "8 GB VRAM" told, then the 8 GB card named
        named = short.id is None or (post and short.id == full.id)
        return named and short.count == full.count and short.vram_gb == full.vram_gb

    def within(short: Hardware, full: Hardware) -> bool:
        cards = len(short.gpus) == len(full.gpus) and all(
            any(same_card(g, f) for f in full.gpus) for g in short.gpus
        )
        # a PC told again; a chip's board has its own CPU and memory ("a Jetson or a Pi 5" stays two)
        chip = short.soc is None and full.soc is None and short.unified_memory_gb == full.unified_memory_gb
        cpu = short.cpu is None or (full.cpu is not None and short.cpu.family == full.cpu.family)
        return cards and chip and short.ram_gb in (None, full.ram_gb) and cpu

    def covered(i: int) -> bool:  # told again by another side (the first of two alike stays)
        hw = rigs[i]
        return any(j != i and within(hw, o) and (j < i or not within(o, hw)) for j, o in enumerate(rigs))

    return [hw for i, hw in enumerate(rigs) if not covered(i)]


_NOT_STATED = "memory not stated"


def _same_memory(rigs: list[Hardware], read: _Reads) -> list[Hardware]:
    """ "M4 Max 128GB or Strix Halo?": a chip whose memory is left unsaid is compared at the size the
    other side states, when it is sold in that size."""
    stated = [
        h.unified_memory_gb
        for h in rigs
        if h.soc is not None and h.unified_memory_gb and not any(_NOT_STATED in a for a in h.assumptions)
    ]
    if not stated:
        return rigs
    out = []
    for hw in rigs:
        if hw.soc is not None and any(_NOT_STATED in a for a in hw.assumptions):
            again = read(f"{hw.soc.name} {stated[0]:g}GB")
            if again.soc is not None and again.soc.id == hw.soc.id and again.unified_memory_gb == stated[0]:
                hw = again
        out.append(hw)
    return out


# more system RAM: "from 32gb to 96gb ddr5", "adding another 64GB of RAM", "64gb more ram",
# "upgrade to 128gb ram"
_RAM_WORD = r"(?:of\s+)?(?:more\s+|extra\s+|system\s+)?(?:ram|ddr[3-5]x?|memory|arbeitsspeicher|ozu|озу)\b"
_RAM_FROM_TO = LazyPattern(
    rf"\bfrom\s+(?<!\d)(?P<a>\d{{1,4}})\s*gb\s*(?P<ram_a>{_RAM_WORD})?\s*(?:to|into)\s+"
    rf"(?<!\d)(?P<b>\d{{1,4}})\s*gb\s*(?P<ram_b>{_RAM_WORD})?"
)
_RAM_ADDED = LazyPattern(
    rf"\b(?:add|adding|another|extra|more|plus)\s+(?:another\s+|an?\s+extra\s+|extra\s+)?"
    rf"(?<!\d)(?P<add>\d{{1,4}})\s*gb\s*{_RAM_WORD}"
    rf"|(?<!\d)(?P<more>\d{{1,4}})\s*gb\s+(?:more|extra)\s+{_RAM_WORD}"
    rf"|\bupgrad\w*\s+(?:the\s+ram\s+|my\s+ram\s+)?to\s+(?<!\d)(?P<total>\d{{1,4}})\s*gb\s*{_RAM_WORD}"
    # "64gb ram, should i upgrade to 128gb?", "32gb now, should i go to 96gb?", "what if I add 64gb?":
    # the amount alone, on a rig whose RAM is stated
    rf"|\b(?:upgrad\w*|go|going|move|moving|bump\w*|jump\w*|step\s+up)\s+(?:up\s+)?to\s+(?<!\d)(?P<bare>\d{{1,4}})\s*gb\b"
    r"(?!\s*(?:of\s+)?(?:v?ram|vram|gpu|card|model|gddr|unified))"
    rf"|\badd(?:ing)?\s+(?:another\s+)?(?<!\d)(?P<addbare>\d{{1,4}})\s*gb\b"
    r"(?!\s*(?:of\s+)?(?:v?ram|vram|gpu|card|model|gddr|unified|ram|ddr|memory|more|extra))"
)
_MAX_RAM_GB = 65536
_PLAIN_ADD = re.compile(r"add(?:ing)?\s+\d")  # "add 128gb", not "add another 32gb"
_STATED_GB = LazyPattern(r"\d\s*gb\b")


def _ram_change(s: str, read: _Reads) -> ComparedRigs | None:
    """The rig with the system RAM it has and with the RAM it would have after an upgrade."""
    if not _UPGRADE_CUE.search(s):
        return None
    ft = _RAM_FROM_TO.search(s)
    m = ft if ft is not None and (ft.group("ram_a") or ft.group("ram_b")) else _RAM_ADDED.search(s)
    if m is None:
        return None
    base = read(s[: m.start()] + " " * (m.end() - m.start()) + s[m.end() :])
    before: float | None
    if "a" in m.groupdict():  # from one amount to another
        before, after = float(m.group("a")), float(m.group("b"))
    elif base.ram_gb is None:
        added = m.group("add") if _PLAIN_ADD.match(m.group()) else None
        if not added:
            # a total to upgrade to, or "another 32gb" (more than it has), from RAM that is never stated
            return None
        # "what if I add 128gb of ram": the rig as told (its RAM assumed, as said) beside it with that RAM
        before, after = None, float(added)
    else:
        before = base.ram_gb
        added = m.group("add") or m.group("more") or m.group("addbare")
        after = before + float(added) if added else float(m.group("total") or m.group("bare"))
    if base.soc is not None or not (_has_device(base) or base.cpu is not None):
        return None  # a unified-memory machine has no RAM apart from its memory
    if not 0 < (before or 0.0) + 1 <= after <= _MAX_RAM_GB or (before is not None and before >= after):
        return None
    if before is None:
        then = base.model_copy(update={"ram_gb": after})
        return ComparedRigs((base, then), change=f"adding {after:g} GB of system RAM")
    now, then = (base.model_copy(update={"ram_gb": gb}) for gb in (before, after))
    return ComparedRigs((now, then), change=f"going from {before:g} to {after:g} GB of system RAM")


# an amount of a machine's memory weighed against another: the first ("64gb ram") and the second, which
# is no card's memory ("128gb", not "128gb of vram")
_AMOUNT_A = rf"(?<!\d)(?P<a>\d{{2,4}})\s*gb\s*(?P<ram_a>{_RAM_WORD}|unified\s+memory\b)?"
_AMOUNT_B = (
    rf"(?<!\d)(?P<b>\d{{2,4}})\s*gb\b\s*(?P<ram_b>{_RAM_WORD}|unified\s+memory\b)?"
    r"(?!\s*(?:of\s+)?(?:v?ram\s+)?(?:vram|gpu|card|gddr))"
)


# two amounts of memory weighed on one machine: "m3 ultra 256gb vs 512gb", "is 128gb ram worth it over
# 64gb", "64gb or 128gb of ram with a 4090"; the side after "over" / "instead of" is the one had now
_MEMORY_CHOICE = LazyPattern(
    _AMOUNT_A + r"(?:\s+(?:model|version|one|config))?(?:\s+(?:really\s+)?worth\s+it)?\s*"
    r"(?P<link>vs\.?|versus|or|over|instead\s+of|compared\s+to)\s+(?:the\s+|a\s+|an\s+)?" + _AMOUNT_B
)


# "is 64gb unified memory enough for X on a mac, or go 96gb?": the amount had asked about, then the
# other weighed after "or"
_ENOUGH_OR_MORE = LazyPattern(
    _AMOUNT_A + r"[^?.;!]{0,80}?\benough\b[^?.;!]{0,60}?\s(?P<link>or)\s+"
    r"(?:(?:should\s+i\s+|do\s+i\s+need\s+(?:to\s+)?)?(?:go(?:\s+(?:for|with|to|up\s+to))?|get|buy|"
    r"upgrade\s+to|step\s+up\s+to|jump\s+to|need)\s+)?(?:the\s+|a\s+|an\s+)?" + _AMOUNT_B
)


# "64 or 128gb": the unit said once, after the second amount
_UNIT_SAID_ONCE = LazyPattern(r"(?<![\d.])(\d{2,4})(?=\s+(?:or|vs\.?)\s+(\d{2,4})\s*gb\b)")


def _with_both_units(s: str) -> str:
    """`s` with "gb" after a bare first amount of a choice ("64 or 128gb" -> "64gb or 128gb"), where that
    amount is a size memory is sold in and the smaller of the two (the text's length changes)."""

    def unit(m: re.Match[str]) -> str:
        a, b = int(m.group(1)), int(m.group(2))
        return f"{a}gb" if a in RAM_SIZES_GB and a < b else m.group(1)

    return _UNIT_SAID_ONCE.sub(unit, s)


def _memory_choice(s: str, read: _Reads) -> ComparedRigs | None:
    """One machine at two amounts of memory: a unified-memory chip at each size it is sold in, or a
    PC (a RAM word said beside an amount) at each amount of system RAM, as an upgrade from the
    smaller (or the one "over" names) to the other."""
    s = _with_both_units(s)
    m = _MEMORY_CHOICE.search(s)
    spans = [m.span()] if m is not None else []
    if m is None:
        m = _ENOUGH_OR_MORE.search(s)
        if m is None:
            return None
        # the amounts alone: the words between them may name the card
        spans = [
            (m.start("a"), m.end("ram_a") if m.group("ram_a") else m.end("a") + 2),
            (m.start("b"), m.end()),
        ]
    a, b = float(m.group("a")), float(m.group("b"))
    if a == b:
        return None
    rest = s
    for start, end in spans:
        rest = rest[:start] + " " * (end - start) + rest[end:]
    base = read(rest)
    if base.soc is None and not base.gpus:
        # "a mac, 64 or 96gb?": a Mac whose chip is not named, at each size (each sized as the slowest
        # chip sold with it, as a Mac named by its memory alone is)
        whole = read(s)
        if whole.soc is not None and whole.soc.spec is not None and whole.soc.spec.vendor == "apple":
            macs = tuple(read(f"mac {gb:g}gb unified memory") for gb in (a, b))
            if all(
                h.soc is not None and h.unified_memory_gb == gb for h, gb in zip(macs, (a, b), strict=True)
            ):
                return ComparedRigs(macs)
    if base.soc is not None:
        sides = [read(f"{base.soc.name} {gb:g}GB") for gb in (a, b)]
        if any(
            h.soc is None or h.soc.id != base.soc.id or h.unified_memory_gb != gb
            for h, gb in zip(sides, (a, b), strict=True)
        ):
            return None
        return ComparedRigs(tuple(sides))
    if not (m.group("ram_a") or m.group("ram_b")) or not _has_device(base):
        return None
    now, then = (b, a) if m.group("link") in ("over", "instead of") else (min(a, b), max(a, b))
    if not 0 < now < then <= _MAX_RAM_GB:
        return None
    have = base.ram_gb
    if have is not None and have < now and m.group("link") not in ("over", "instead of"):
        # "I have 64gb, go to 96gb or 128gb?": the RAM had now is the baseline, each amount an upgrade
        rigs = tuple(base.model_copy(update={"ram_gb": gb}) for gb in (have, now, then))
        return ComparedRigs(rigs, change=f"system RAM to {now:g} GB", instead=f"system RAM to {then:g} GB")
    rigs = tuple(base.model_copy(update={"ram_gb": gb}) for gb in (now, then))
    return ComparedRigs(rigs, change=f"going from {now:g} to {then:g} GB of system RAM")


# the card owned now, and two candidates to replace it weighed after it: "i have a 3060 12gb, upgrade
# to a 5060 ti 16gb or a used 3090?", "currently on a 2070, thinking of a 5070 ti or a 3090"
_NOW_ON = LazyPattern(
    r"\b(?:currently|right\s+now|at\s+the\s+moment)\s+(?:i'?m\s+)?(?:on|using|running|with|have)\s+"
    r"(?:an?\s+|my\s+|the\s+)?(?P<own>[^,.;?!()]+?)" + _OWN_END
)
_CANDIDATES = LazyPattern(
    r"\b(?:upgrad\w*\s+to|(?:should\s+i\s+)?(?:get|buy|go\s+(?:for|with)|switch\s+to|move\s+to)|"
    r"thinking\s+(?:of|about)(?:\s+(?:buying|getting))?|considering|replac\w*\s+it\s+with)\s+"
)


def _upgrade_between(s: str, read: _Reads) -> ComparedRigs | None:
    """The rig owned now beside each of two candidates that would replace its card (the RAM and CPU
    kept), the first as the upgrade and the second as the one weighed against it."""
    own_m = _OWN.search(s) or _NOW_ON.search(s)
    if own_m is None:
        return None
    own = read(own_m.group("own") or own_m.groupdict().get("own2") or "")
    if not own.gpus or own.soc is not None:
        return None
    if _given_away(s[: own_m.end()], own, lambda: read(s)):
        return None  # "I sold my P40s, a 3090 or a 4090?": nothing owned is replaced
    cue = _CANDIDATES.search(s, own_m.end())
    if cue is None:
        return None
    choice = _choice(s[cue.end() :], read)
    if choice is None or len(choice.rigs) != 2:
        return None
    candidates = [_shared(c, own) for c in choice.rigs]
    if any(not c.gpus or c.canonical() == own.canonical() for c in candidates):
        return None
    first, second = (_change_words(own, c) for c in candidates)
    return ComparedRigs((own, *candidates), change=first, instead=second)


def _change_words(own: Hardware, new: Hardware) -> str:
    """'adding 1x RTX 3090' where the candidate is more of the card owned ("my 3090 ... or two 3090s"),
    else 'replacing 1x RTX 3060 with 1x RTX 3090'."""
    if len(own.gpus) == 1 and len(new.gpus) == 1 and own.gpus[0].id == new.gpus[0].id:
        more = new.gpus[0].count - own.gpus[0].count
        if more > 0:
            return f"adding {more}x {new.gpus[0].name}"
    return f"replacing {_describe(own)} with {_describe(new)}"


# "Laptop: 4070 8GB, 32GB. Desktop: 3090, 128GB. Which one should run X?": rigs told apart, then
# asked which of them ("哪个" right before a model word, or a name and one, asks which model: "在 5090 上
# 最多能部署哪个 Qwen 模型？我的硬件：GPU：5090 ..." tells one rig twice)
_WHICH_ONE = LazyPattern(
    r"\bwhich\s+(?:one|of\s+(?:them|the\s+two|these|those|my)|machine|rig|box|pc|computer|setup)\b"
    r"|\bwhich\s+(?:would|should)\s+(?:you|i)\s+(?:pick|use|choose)\b"
    r"|(?:哪个|哪一个)(?![\sa-z0-9._\-的]{0,16}(?:模型|model|llm))|哪台|どっち|どちら|어느"
)
# sentences, labelled machines ("Desktop: ..."), and options in a list ("A) 5090, B) 2x 4060 Ti")
_APART = LazyPattern(
    r"[.!?;\n，。；]+\s*|\b(?:laptop|desktop|server|mac|pc|work|home)\s*:|(?<![a-z0-9.])[a-f1-9][).:]\s"
)


def _rigs_told_apart(s: str, read: _Reads) -> ComparedRigs | None:
    if not _WHICH_ONE.search(s):
        return None
    cuts = sorted({0, *(m.start() for m in _APART.finditer(s)), len(s)})
    rigs = [hw for hw in (read(s[a:b]) for a, b in pairwise(cuts)) if _has_device(hw)]  # each once
    unique: dict[object, Hardware] = {}
    for hw in rigs:
        unique.setdefault(hw.canonical(), hw)
    sides = _told_again(list(unique.values()), post="\n" in s.strip())
    return ComparedRigs(tuple(sides)) if len(sides) >= 2 else None


# "option A: 3090 + 3060. option B: sell both and get an M4 Pro", "plan 1) ... plan 2) ...": each
# labelled option is a rig of its own, whatever the words around its devices (bought, kept, sold)
_OPTION_LABEL = LazyPattern(
    r"\b(?:option|plan|choice|build|setup|config|path|route)\s*#?\s*(?:[a-d]|[1-4]|one|two|three)\s*[:).=-]"
)
_OPTION_END = re.compile(r"[.!?\n](?:\s|$)")


def labels_options(s: str) -> bool:
    """Whether `s` labels two or more options ("option A: ... option B: ...", "plan 1) ... plan 2)")."""
    return sum(1 for _ in _OPTION_LABEL.finditer(s)) >= 2


def _labelled_options(s: str, read: _Reads) -> ComparedRigs | None:
    """The rigs of two or more labelled options, each read alone (to the next label, the last one to
    the end of its sentence)."""
    labels = list(_OPTION_LABEL.finditer(s))
    if len(labels) < 2:
        return None
    rigs: list[Hardware] = []
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(s)
        if k + 1 == len(labels):
            stop = _OPTION_END.search(s, m.end(), end)
            end = stop.start() if stop is not None else end
        hw = read(s[m.end() : end])
        if _has_device(hw):
            rigs.append(hw)
    unique: dict[object, Hardware] = {}
    for hw in rigs:
        unique.setdefault(hw.canonical(), hw)
    return ComparedRigs(tuple(unique.values())) if len(unique) >= 2 else None


def compared_rigs(s: str, db: DeviceDatabase | None = None) -> ComparedRigs | None:
    """The rigs `s` puts side by side (lowercased text with the models' names blanked out), or None
    when it names at most one."""
    read = _Reads(db)  # the readers below read many of the same words: each text is read once
    # "a second 3090 or more RAM?": the card and the RAM weighed against each other come first
    weighed = _addition(s, read, weighed=True) if _MORE_RAM.search(s) else None
    return (
        weighed
        or _labelled_options(s, read)
        # two amounts weighed ("go to 96gb or 128gb?") before one upgrade to an amount ("go to 96gb")
        or _memory_choice(s, read)
        or _ram_change(s, read)
        # more of the card owned weighed against another card before two cards that replace it
        or _add_or_replace(s, read)
        or _upgrade_between(s, read)
        or _replacement(s, read)
        or _addition(s, read)
        or _planned(s, read)
        or _choice(s, read)
        or _rigs_told_apart(s, read)
        or _choice(s, read, alternatives=True)
    )
