"""What each amount of memory is: VRAM, system RAM, unified memory, storage, or something else.

Cue words after it, then before it, then the device beside it decide; totals ("32GB total"),
per-card amounts ("each") and memory the user could buy ("upgrade to 128GB") are marked.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from ._counts import SUFFIX_FILLER
from ._cues import BREAK, QuantityKind, apply_cue, cue_in, other_machine_before
from ._lexicon import (
    CARD_WORDS,
    CARVEOUT_CUES,
    CONNECTORS,
    COUNT_WORDS,
    GENERIC_MEMORY_CUES,
    HYPO_QUANTITY,
    MEMORY_UNITS,
    MOD_WORDS,
    PER_CARD_CUES,
    RAM_CUES,
    STORAGE_CUES,
    TOTAL_CUES,
    VRAM_CUES,
)
from ._mentions import Mention
from ._quantities import Quantity, mark_storage_pairs
from ._reading import same_size
from ._tokens import Token

__all__ = ["classify_quantities"]


# "global memory": CUDA's and OpenCL's word for a card's memory
_GPU_MEMORY_LEAD = frozenset({"gpu", "video", "graphics", "dedicated", "vga", "vram", "global"})
_MEMORY_OR_RAM = GENERIC_MEMORY_CUES | {"ram"}
_MEMORY_CUES_CJK = RAM_CUES | VRAM_CUES | GENERIC_MEMORY_CUES


_ADJ_GLUE = frozenset(
    {
        "(",
        "/",
        "-",
        ",",
        ":",
        "=",
        "with",
        "w",
        "of",
        "and",
        "has",
        "having",
        "@",
        "mit",
        "avec",
        "con",
        "com",
        "с",
        "на",
        "de",
        "da",
        "do",
        "di",
        "mem",
        "memory",
        "size",  # GPU-Z: "RTX 2080 Ti, Memory Size 11264 MB"
        "modded",
        "modified",
        "魔改",  # "modded": "2080ti魔改22G"
        "魔改版",
        "vram",
        "rtx",
        "gtx",
        "gpu",
        "card",
        "graphics",
        "nvidia",
        "je",
        "by",
        "sapphire",
        "asus",
        "msi",
        "gigabyte",
        "zotac",
        "evga",
        "pny",
        "xfx",
        "powercolor",
        "asrock",
        "palit",
        "gainward",
        "inno3d",
        "founders",
        "edition",
        "fe",
        "oc",
    }
)


def classify_quantities(
    tokens: Sequence[Token], quantities: list[Quantity], mentions: Sequence[Mention]
) -> None:
    """Decide what each quantity is: cue words after it, then before it, then the device beside it."""
    n = len(tokens)
    starts = {m.start: idx for idx, m in enumerate(mentions)}
    ends = {m.end: idx for idx, m in enumerate(mentions)}
    for q in quantities:
        line = tokens[q.start].line
        if q.cue_strength < 3 and _a_cards_own(tokens, q, line):
            q.kind, q.cue_strength = "vram", 3  # "my card has 12GB of RAM": the card's memory
            # "a 4070 graphics card with 32GB of memory": a bare "memory" word, RAM where no size of the card
            q.memory_word = _bare_memory_after(tokens, q)
        if q.cue_strength < 3:
            _cue_after(tokens, q, starts, line)
        if q.cue_strength < 2:
            _cue_before(tokens, q, ends, line, starts)
        if q.cue_strength < 3 and q.start >= 3:
            _windows_memory_key(tokens, q)
        if (
            q.cue_strength < 2
            and q.start >= 2
            and tokens[q.start - 2].text == "size"
            and _memory_section(tokens, q)
        ):
            q.kind, q.cue_strength = "ram", 3
        if q.cue_strength < 3 and _device_properties_memory(tokens, q, line):
            q.kind, q.cue_strength = "vram", 3  # PyTorch's "_CudaDeviceProperties(... total_memory=22502MB"
        logged = q.start > 1 and tokens[q.start - 1].text in _LOG_PUNCT  # "total=23.6 GiB"
        if (
            logged
            and q.cue_strength < 3
            and _dotted_log_key(tokens, q)
            and not _system_memory_log_total(tokens, q)
        ):
            q.kind, q.cue_strength = "other", 3  # 'memory.weights.total="4.3 GiB"': a part of a need
        elif q.cue_strength < 3 and _allocation_limit(tokens, q, line):
            q.kind, q.cue_strength = "other", 3  # clinfo's "Max memory allocation ... (20.39GiB)"
        elif logged and q.cue_strength < 2 and (library := _compute_log_library(tokens, q)) is not None:
            # library=cpu: no GPU was found, and the total is the system memory
            q.kind, q.cue_strength = ("ram" if library == "cpu" else "vram"), 3
        elif logged and q.cue_strength < 3 and _system_memory_log_total(tokens, q):
            q.kind, q.cue_strength = "ram", 3
        if q.start > 2 and (_set_by_flag(tokens, q, line) or _memory_cap_map(tokens, q, line)):
            q.kind, q.cue_strength = "other", 3  # "--gpu-memory 7GB": a limit set, not memory owned
        elif q.start > 1 and tokens[q.start - 1].text == ":" and tokens[q.start - 2].text in _IN_USE_KEYS:
            q.kind, q.cue_strength = "other", 3  # a tool's "ram used: 13.48 GB": memory in use, no size
        if q.cue_strength < 2 and q.start > 0 and tokens[q.start - 1].line < line:
            _heading_above(tokens, q)
        opened = q.start > 0 and tokens[q.start - 1].text == "("
        q.bracketed = opened and q.end < n and tokens[q.end].text == ")"
        only_modals = True  # the cues of memory one could get are "would", "will" ... alone
        for k in range(max(0, q.start - 4), q.start):
            t = tokens[k]
            w = t.text
            # a set test, and the substring test only for a CJK run (a hot loop: no call)
            if w in TOTAL_CUES or (t.is_cjk and cue_in(w, TOTAL_CUES)):
                q.total = True
            if k >= q.start - 3 and (w in PER_CARD_CUES or (t.is_cjk and cue_in(w, PER_CARD_CUES))):
                q.per_card = True
            # memory one could get: "buy 64GB", "upgrade to 64GB", "going from 32 to 64GB"
            moving = w == "to" and any(tokens[j].text in _MOVE_WORDS for j in range(max(0, k - 4), k))
            if moving and _moved_already(tokens, k, line):
                moving = False  # "I upgraded from 32 to 96GB": the RAM it has now
            if (w in HYPO_QUANTITY or moving) and t.line == line:  # a new line is a new statement
                q.hypothetical = True
                only_modals = only_modals and w in _MODALS
        if q.kind == "ram" and q.memory_word and q.cue_strength <= 2 and _each_with(tokens, q.start):
            q.kind = "vram"  # "two 3090s, each with 24GB of memory": each card's memory, no RAM
        if q.start > 1 and tokens[q.start - 1].text == "=" and _sum_before(tokens, q.start - 1, line):
            q.total = True  # "3090 + 3060 = 36GB VRAM": the sum of the cards named, no card's own
        if q.start > 0 and tokens[q.start - 1].text in ("from", "currently", "now", "have"):
            q.hypothetical = False
        q.past = _had_before(tokens, q.start, line) or other_machine_before(tokens, q.start, _PAST_REACH)
        if q.hypothetical and only_modals and q.start > 0 and tokens[q.start - 1].text in _WITH:
            q.hypothetical = False  # "would the 80b be usable with 64GB RAM?": the rig asked about
        for k in range(q.end, min(n, q.end + 3)):
            t = tokens[k]
            if t.line != line:
                break  # "Memory: 64GB" then "Will it be usable?": the next line says nothing of it
            w = t.text
            if w in TOTAL_CUES or (t.is_cjk and cue_in(w, TOTAL_CUES)):
                q.total = True
            if w in PER_CARD_CUES or (t.is_cjk and cue_in(w, PER_CARD_CUES)):
                q.per_card = True
                if q.cue_strength < 3:
                    q.kind, q.cue_strength = "vram", 2
            if t.text in ("be", "enough", "worth") and not _said_with_device(tokens, q, ends):
                q.hypothetical = True
        # "Quadro RTX 4000 8GB ram", "2 1080ti with 11 gb ram": right after a card, "ram" may name the
        # card's own memory (kept as the card's only if a size it has)
        card_end = _card_end_before_own_ram(tokens, q)
        if (
            q.kind == "ram"
            and card_end in ends
            and q.end < n
            and _ram_word_after(tokens, q.end)
            and mentions[ends[card_end]].kind == "gpu"
        ):
            q.attached, q.kind, q.ram_after_card = mentions[ends[card_end]], "vram", True
            continue
        found = _adjacent_mention(tokens, q, starts, ends, mentions)
        if found is None:
            continue
        attached = mentions[found]
        kind = attached.kind
        if kind == "igpu" and q.kind != "vram":
            continue  # an iGPU's memory is system RAM unless a carve-out is named
        if q.cue_strength < 3 or (q.cue_strength == 2 and q.kind == "ram"):
            q.attached = attached
            q.kind = "unified" if kind == "soc" else "vram"
            q.cue_strength = max(q.cue_strength, 1)
        elif q.kind in ("vram", "unified"):
            q.attached = attached
        if q.kind == "unknown" and q.gb >= _DISK_SIZED_GB:
            q.kind = "storage"
    mark_storage_pairs(tokens, quantities)
    _range_ends(tokens, quantities)
    _share_cues(tokens, quantities)
    _usage_then_total(tokens, quantities)
    _arithmetic(tokens, quantities)
    _upgraded_memory(tokens, quantities)
    if len(quantities) > 1:
        _added_memory(tokens, quantities)
        _shown_versus_should(tokens, quantities)
    _attach_listing_memory(tokens, quantities, mentions)
    if any(t.is_cjk and t.text.startswith("内存") for t in tokens):
        _card_mib_said_as_memory(tokens, quantities, mentions)
    _attach_relative_memory(tokens, quantities, mentions)
    by_end = {q.end: q for q in quantities}
    for q in quantities:
        if q.attached is None and q.kind == "unknown" and q.multiplier > 1:
            whole = by_end.get(q.start - 1) if q.start > 0 and tokens[q.start - 1].text == "(" else None
            if whole is not None and whole.attached is not None and same_size(whole.gb, q.gb):
                q.kind, q.cue_strength = "other", 3  # "K80 24GB (2x12GB)": the card's memory, broken down
                continue
            if q.gb / q.multiplier < 2:
                continue  # "2x 1536 MB reserve": no stick is that small, no RAM
            q.kind, q.cue_strength = "ram", 2  # "2x32GB", "16GB x4": memory sticks


def _arithmetic(tokens: Sequence[Token], quantities: Sequence[Quantity]) -> None:
    """'24g * 3 + 5': an amount multiplied, then a bare number added, with no word saying whose memory it
    is, is a sum worked out (an estimate of a need), no memory of the rig."""
    n = len(tokens)
    for q in quantities:
        k = q.end
        if (
            q.multiplier_after
            and q.cue_strength < 2  # "RAM 16g*2 + 8": a key says what the sum is
            and k + 1 < n
            and tokens[k].text == "+"
            and tokens[k + 1].is_num
            and tokens[k + 1].line == tokens[q.start].line
            and not any(x.start == k + 1 for x in quantities)
        ):
            q.kind, q.cue_strength, q.attached = "other", 3, None


def _usage_then_total(tokens: Sequence[Token], quantities: Sequence[Quantity]) -> None:
    """'RAM used 20GB, total 64GB', '内存占用了20G，总共64G': the amount in use is no size of anything, and
    the total after it is the memory the key names."""
    for a, b in itertools.pairwise(quantities):
        if a.kind not in ("ram", "vram", "other") or b.cue_strength >= 2:
            continue
        if b.start - a.end > 4 or tokens[b.start].line != tokens[a.start].line:
            continue
        between = tokens[a.end : b.start]
        if not any(t.text in _TOTAL_LINKS or (t.is_cjk and cue_in(t.text, _TOTAL_LINKS)) for t in between):
            continue
        before = tokens[max(0, a.start - 3) : a.start]
        if not any(
            t.text in _USAGE_WORDS or (t.is_cjk and cue_in(t.text, _USAGE_WORDS)) for t in (*before, *between)
        ):
            continue
        probe = Quantity(a.start, a.end, a.gb)  # the memory the key names ("内存占用": 内存, RAM)
        if not any(apply_cue(probe, t.text) and probe.kind in ("ram", "vram") for t in reversed(before)):
            continue
        b.kind, b.cue_strength = probe.kind, probe.cue_strength
        a.kind, a.cue_strength, a.model_like = "other", 3, False


_USAGE_WORDS = frozenset({"used", "usage", "using", "uses", "use", "in", "占用", "用了", "使用", "已用"})
_TOTAL_LINKS = frozenset({"of", "total", "总共", "一共", "共计", "总计"})


# DxDiag's and Task Manager's keys: "Dedicated Memory" is the card's own, "Shared Memory" the half of the
# RAM Windows lends it, "Display Memory" (or "Total available graphics memory") the two together
_WINDOWS_MEMORY_KEYS: dict[str, tuple[QuantityKind, int]] = {
    "dedicated": ("vram", 3),
    "shared": ("other", 3),
    "display": ("other", 3),
    "available": ("other", 3),
}


_EACH_LINKS = frozenset({"with", "having", "has", "carrying"})


def _each_with(tokens: Sequence[Token], start: int) -> bool:
    """'each with 24GB', 'each having 48 GB': "each" and a link right before the amount (said of the
    cards named before; "each node has 1TB" names the machine, not a card)."""
    return start > 1 and tokens[start - 1].text in _EACH_LINKS and tokens[start - 2].text == "each"


def _windows_memory_key(tokens: Sequence[Token], q: Quantity) -> None:
    """'Display Memory: 20422 MB', 'Shared Memory: 16351 MB': what a Windows tool's key says it is."""
    k = q.start - 1
    if tokens[k].text == ":":
        k -= 1
    if k < 1 or tokens[k].text != "memory" or tokens[k - 1].line != tokens[q.start].line:
        return
    hit = _WINDOWS_MEMORY_KEYS.get(tokens[k - 1].text)
    if hit is not None:
        q.kind, q.cue_strength = hit


_RANGE_JOINS = frozenset({"-", "~", "–"})


def _range_ends(tokens: Sequence[Token], quantities: Sequence[Quantity]) -> None:
    """'could run with just 8GB-12GB cards': a range of sizes written without spaces is a class of
    machines, no amount this one has."""
    for a, b in itertools.pairwise(quantities):
        if (
            b.start == a.end + 1
            and tokens[a.end].text in _RANGE_JOINS
            and tokens[a.end].glued
            and tokens[b.start].glued
            and a.gb < b.gb
            and a.attached is None
            and b.attached is None
        ):
            for q in (a, b):
                q.kind, q.cue_strength = "other", 3


_MOVE_WORDS = frozenset({"up", "upgrading", "upgrade", "going", "from"})
# a change made already: "I upgraded from 32 to 96GB", "went from 64gb to 128gb", "bumped it up to"
_MOVED = frozenset(
    {"upgraded", "went", "moved", "bumped", "switched", "increased", "expanded", "doubled", "maxed"}
)
# a change only weighed, before the verb: "if I upgraded to", "would have upgraded to"
_NOT_DONE = frozenset({"if", "would", "could", "should", "wish", "might", "when"})


def _moved_already(tokens: Sequence[Token], k: int, line: int) -> bool:
    """The "to" at `k` ends a change the writer made already ("I upgraded from 32gb to 96gb"), not one
    weighed ("if I upgraded to 96gb", "upgrade to 96gb")."""
    for j in range(k - 1, max(-1, k - 9), -1):
        t = tokens[j]
        if t.line != line:
            return False
        if t.text in _MOVED:
            return not any(tokens[i].text in _NOT_DONE for i in range(max(0, j - 3), j))
    return False


_MODALS = frozenset({"would", "will", "could", "should"})
_WITH = frozenset({"with", "w", "mit", "avec", "con", "com", "+", "and", "&"})


def _said_with_device(tokens: Sequence[Token], q: Quantity, ends: dict[int, int]) -> bool:
    """'Is a 2080 Ti 11GB with 64GB RAM enough?': the amount belongs to the rig asked about (a device
    just named, then "with"), not to memory one could add."""
    k = q.start - 1
    if k < 1 or tokens[k].text not in _WITH:
        return False
    return any(e in ends for e in range(max(0, k - 3), k + 1))


_RELATIVE = frozenset({"which", "that", "it", "its", "and", "with", "has", "have", "having", "had", ","})
_PRONOUNS = frozenset({"which", "that", "it", "its"})
_HAVING = frozenset({"has", "have", "having", "with"})
_RELATIVE_OR_FILLER = _RELATIVE | SUFFIX_FILLER


# between a card and its MiB total in a pasted row: "4090/24564MiB", "4090 | 1200MiB / 24564MiB"
_CARD_ROW_GLUE = frozenset({"/", "|", ",", ":", "mib"})


def _card_mib_said_as_memory(
    tokens: Sequence[Token], quantities: Sequence[Quantity], mentions: Sequence[Mention]
) -> None:
    """'RTX 4090/24564MiB 内存不够', '4090 | 1200MiB / 24564MiB 内存': a MiB total right after a card on
    its line, then 内存 (said loosely of any memory), is the card's memory as a tool prints it, no RAM."""
    ends = {m.end: m for m in mentions if m.kind == "gpu"}
    for q in quantities:
        if q.attached is not None or q.kind != "ram" or q.end >= len(tokens) or q.start < 1:
            continue
        nxt = tokens[q.end]
        if not (nxt.is_cjk and nxt.text.startswith("内存")) or tokens[q.end - 1].text != "mib":
            continue
        line, k = tokens[q.start].line, q.start
        while k > 0 and k not in ends and q.start - k < 6 and tokens[k - 1].line == line:
            w = tokens[k - 1].text
            if not (w in _CARD_ROW_GLUE or w.isdigit()):
                break
            k -= 1
        if k in ends:
            q.kind, q.cue_strength, q.attached = "vram", 2, ends[k]


def _attach_relative_memory(
    tokens: Sequence[Token], quantities: Sequence[Quantity], mentions: Sequence[Mention]
) -> None:
    """'a 4060 laptop GPU, which has 8GB of memory': "memory" said of the card just named is its VRAM."""
    asked = [q for q in quantities if q.attached is None and q.kind == "ram" and q.cue_strength == 2]
    if not asked:
        return
    ends = {m.end: m for m in mentions if m.kind == "gpu"}
    for q in asked:
        k = q.start - 1
        words: set[str] = set()
        while k >= 0 and k + 1 not in ends and tokens[k].text in _RELATIVE_OR_FILLER:
            words.add(tokens[k].text)
            k -= 1
        m = ends.get(k + 1) if k >= 0 else None
        if m is not None and words & _PRONOUNS and words & _HAVING:
            q.kind, q.cue_strength, q.attached = "vram", 2, m


def _attach_listing_memory(
    tokens: Sequence[Token], quantities: Sequence[Quantity], mentions: Sequence[Mention]
) -> None:
    """nvidia-smi prints a card's memory ("830MiB / 24576MiB") on the line under its name."""
    totals = [q for q in quantities if q.usage_total and q.attached is None]
    if not totals:
        return
    claimed = {id(q.attached) for q in quantities if q.attached is not None}
    for q in totals:
        line = tokens[q.start].line
        if any(tokens[m.start].line == line for m in mentions):
            continue
        above = [m for m in mentions if line - 3 <= tokens[m.start].line < line and id(m) not in claimed]
        if above:
            q.attached = above[-1]
            claimed.add(id(above[-1]))


_RANGE_WORDS = frozenset({"to", "or", "/", "->", "→", "-", "~", "oder", "ou", "o", "или", "到", "或"})


def _share_cues(tokens: Sequence[Token], quantities: Sequence[Quantity]) -> None:
    """'from 32GB to 64GB RAM', '16 or 32GB RAM': the cue after the second amount names both."""
    by_start = {q.start: q for q in quantities}
    for q in quantities:
        if q.kind != "unknown" or q.attached is not None:
            continue
        k = q.end
        if k + 1 < len(tokens) and tokens[k].text in _RANGE_WORDS:
            other = by_start.get(k + 1)
            if other is not None and other.cue_strength == 3 and other.kind in ("ram", "vram", "unified"):
                q.kind, q.cue_strength = other.kind, 2


_DONE_MOVES = frozenset(
    {"upgraded", "bumped", "expanded", "increased", "maxed", "doubled", "went", "replaced", "swapped"}
)


_SENTENCE_ENDS = frozenset({".", "!", "?", ";", "。", "！", "？"})
_PAST_REACH = 16  # tokens back from an amount to the "I had" of its sentence


def _had_before(tokens: Sequence[Token], start: int, line: int) -> bool:
    """'I had an RTX 2060 with 32gb ram': the sentence before the amount says what the user had (not
    'I had to ...')."""
    for k in range(start - 1, max(0, start - _PAST_REACH), -1):
        t = tokens[k]
        if t.line != line or t.text in _SENTENCE_ENDS:
            return False
        if t.text == "had" and tokens[k - 1].text in ("i", "we") and tokens[k + 1].text not in ("to", "been"):
            return True
    return False


def _upgraded_memory(tokens: Sequence[Token], quantities: Sequence[Quantity]) -> None:
    """'64GB of RAM which I just upgraded to 128GB', '8gigs RAM ... Replaced ram, now 32 gigs': memory
    upgraded to is the memory now, of the kind named before it."""
    earlier: Quantity | None = None
    for q in quantities:
        if (
            q.kind == "unknown"
            and q.attached is None
            and earlier is not None
            and q.start > 0
            and tokens[q.start - 1].text in ("to", "now")  # "upgraded to 128GB", "replaced ram, now 32 gigs"
            and _DONE_MOVES.intersection(t.text for t in tokens[max(0, q.start - 5) : q.start])
        ):
            q.kind, q.cue_strength = earlier.kind, 2
        if q.kind in ("ram", "unified") and q.cue_strength >= 2:
            earlier = q


# memory put in beside what was there: "added an 8GB stick", "插上了一块闲置的8G内存", "加装了16G"
_ADDING = frozenset({"added", "adding", "plugged", "inserted"})
_CJK_ADDING = re.compile(r"插上|插了|加装|加裝|添加|加了|又加|再加")
_ADDED_REACH = 4


def _added_memory(tokens: Sequence[Token], quantities: Sequence[Quantity]) -> None:
    """'win10+16G+1070ti ... then I plugged in a spare 8G stick': memory added to a machine whose memory
    was said before is a part put in, not the machine's total; the total said before stays the RAM."""
    for i, q in enumerate(quantities):
        if q.attached is not None or q.kind not in ("ram", "unknown") or i == 0:
            continue
        line = tokens[q.start].line
        before = tokens[max(0, q.start - _ADDED_REACH) : q.start]
        if not any(
            t.line == line and (t.text in _ADDING or (t.is_cjk and _CJK_ADDING.search(t.text) is not None))
            for t in before
        ):
            continue
        if any(p.attached is None and p.kind in ("ram", "unknown") and p.gb >= 2 for p in quantities[:i]):
            q.kind, q.cue_strength = "other", 3


# a tool showing an amount ("systeminfo shows 16GB", "it's displaying 137 GB"), and what it should show
_SHOWING = frozenset({"shows", "showing", "displays", "displaying", "reports", "reporting", "reads", "says"})
_SHOULD_SHOW = frozenset({"be", "display", "show", "read", "say", "report", "really", "actually"})


def _should_show(tokens: Sequence[Token], q: Quantity) -> bool:
    k = q.start - 1
    while k >= 0 and tokens[k].text in _SHOULD_SHOW:
        k -= 1
    return k >= 0 and k < q.start - 1 and tokens[k].text == "should"


def _shown_versus_should(tokens: Sequence[Token], quantities: Sequence[Quantity]) -> None:
    """'It should display 128 GB of total RAM, but it's displaying 137 GB': where a tool shows one amount
    and the writer says what it should show, the amount it should show is the machine's, and the ones
    shown are the tool's error."""
    right = [q for q in quantities if _should_show(tokens, q)]
    if not right:
        return
    shown = [
        q
        for q in quantities
        if q not in right and any(t.text in _SHOWING for t in tokens[max(0, q.start - 3) : q.start])
    ]
    if not shown:
        return
    memory_said = any(t.text in ("memory", "ram") for t in tokens)
    for q in right:
        q.hypothetical = False
        if q.kind == "unknown" and memory_said:
            q.kind, q.cue_strength = "ram", 2  # "shows different memory size ... it should be 16GB"
    for q in shown:
        q.kind, q.cue_strength = "other", 3


_IN_USE_KEYS = frozenset({"used", "usage", "allocated", "occupied", "占用", "已用"})
_HAS = frozenset({"has", "had", "have", "with", "got", "gets"})


def _a_cards_own(tokens: Sequence[Token], q: Quantity, line: int) -> bool:
    """The amount is what a card (named by the word "card" or "GPU") has: "my card has 12GB of RAM",
    "a GPU with only 8 GB of memory", "an Nvidia GPU of 4GB memory"."""
    k = q.start - 1
    if k >= 0 and tokens[k].text in ("only", "just") and tokens[k].line == line:
        k -= 1
    if not (
        k >= 1
        and (tokens[k].text in _HAS or tokens[k].text == "of")  # "a GPU of 4GB memory"
        and tokens[k - 1].text in CARD_WORDS
        and tokens[k - 1].line == line
    ):
        return False
    # "an integrated AMD GPU with 16GB of RAM": a GPU built into the CPU has no memory of its own
    return not any(t.text in _BUILT_IN for t in tokens[max(0, k - 4) : k - 1] if t.line == line)


def _bare_memory_after(tokens: Sequence[Token], q: Quantity) -> bool:
    """'64GB of memory', '64GB memory': the amount is followed by a bare memory word, not "VRAM"."""
    k = q.end + (q.end < len(tokens) and tokens[q.end].text == "of")
    return (
        k < len(tokens) and tokens[k].text in GENERIC_MEMORY_CUES and tokens[k].line == tokens[q.start].line
    )


_BUILT_IN = frozenset({"integrated", "onboard", "on-board", "built-in", "builtin", "igpu", "apu", "shared"})


def _cue_after(tokens: Sequence[Token], q: Quantity, starts: dict[int, int], line: int) -> None:
    """Up to three tokens after: "64 GB of DDR4 RAM", "24G显存", "16gb unified memory"."""
    k = q.end
    steps = 0
    n = len(tokens)
    while k < n and steps < 3:
        w = tokens[k].text
        if steps == 0 and tokens[k].is_num and _ram_timings(tokens, k):
            q.kind, q.cue_strength = "ram", 3  # "64GB 6000 CL30": a kit's speed and latency
            return
        if w in BREAK or w in _STOPS_AFTER or w in CONNECTORS or k in starts or tokens[k].line != line:
            return
        if tokens[k].is_cjk and w.startswith(_CJK_JOINING):
            return  # "16GBとメモリ64GB", "24G和内存64G": the cue after "and" is the next amount's
        if tokens[k].is_cjk and k + 1 < n and tokens[k + 1].is_num and _cjk_cue_before(tokens, q):
            return  # "内存只有128g显存也只有11g": each amount follows its own cue, the next one's too
        if w == "(":
            close = _stick_breakdown_end(tokens, k)
            if close is not None:  # "64GB (2x32) DDR5": the sticks, then the cue
                k = close + 1
                continue
        if tokens[k].is_num or w in COUNT_WORDS:
            return  # a new item begins: "16GB 두 개랑 램 64GB"
        if k + 1 < n and tokens[k + 1].text == ":" and _keyed(tokens, q.start):
            return  # the key of the next item: "内存：16G 显卡：无"
        if w in _GPU_MEMORY_LEAD and k + 1 < n and cue_in(tokens[k + 1].text, _MEMORY_OR_RAM):
            q.kind, q.cue_strength = "vram", 3
            return
        if w == "cpu" and steps == 0 and q.cue_strength < 2:
            q.kind, q.cue_strength = "ram", 2  # "32GB CPU and 1GB GPU": the CPU's memory, the RAM
        if w == "main" and q.cue_strength < 2 and (steps == 0 or tokens[k - 1].text == "on"):
            q.kind, q.cue_strength = "ram", 2  # "16G on GPU and 64G on Main": the main memory, the RAM
        if w in STORAGE_CUES and _amount_of_its_own(tokens, k):
            return  # "M1 Pro MBP 32gb SSD 1TB": the drive's size follows it; the amount before is no drive's
        if apply_cue(q, w) and q.cue_strength == 3:
            return
        k += 1
        steps += 1


_ANY_CUE = STORAGE_CUES | RAM_CUES | VRAM_CUES | GENERIC_MEMORY_CUES


def _amount_of_its_own(tokens: Sequence[Token], k: int) -> bool:
    """A storage word at k followed by an amount with no cue word of its own after it ("SSD 512GB"):
    the storage word names that amount ("512GB SSD 2TB HDD" keeps SSD with 512GB: 2TB has "HDD")."""
    line = tokens[k].line
    j = k + 1
    if j >= len(tokens) or not tokens[j].is_num or tokens[j].line != line:
        return False
    j += 1
    if j < len(tokens) and tokens[j].text in MEMORY_UNITS:
        j += 1
    return not (j < len(tokens) and tokens[j].line == line and tokens[j].text in _ANY_CUE)


def _cjk_cue_before(tokens: Sequence[Token], q: Quantity) -> bool:
    """A CJK run with a memory word just before the amount ("内存只有128g"): the cue written first."""
    if q.start == 0:
        return False
    before = tokens[q.start - 1]
    return before.is_cjk and before.line == tokens[q.start].line and cue_in(before.text, _MEMORY_CUES_CJK)


_CAS_LATENCY = re.compile(r"c(?:l)?\d{2}")  # "CL30", "C36": memory kits name their CAS latency


def _ram_timings(tokens: Sequence[Token], k: int) -> bool:
    """A DDR transfer rate then a CAS latency ("6000 CL30", "3600 c16"): what only RAM is sold with."""
    t = tokens[k]
    if not (1333 <= t.value <= 10000 and t.text.isdigit()) or k + 1 >= len(tokens):
        return False
    nxt = tokens[k + 1]
    if nxt.line != t.line:
        return False
    if _CAS_LATENCY.fullmatch(nxt.text):
        return True
    # the tokens split letters from digits: "cl30" is "cl", "30"
    after = tokens[k + 2] if k + 2 < len(tokens) else None
    return (
        nxt.text in ("cl", "c")
        and after is not None
        and after.glued
        and len(after.text) == 2
        and after.is_num
    )


def _keyed(tokens: Sequence[Token], k: int) -> bool:
    """The amount at k is the value of a "key:" item ("内存：16G", "RAM: 64GB")."""
    return k >= 2 and tokens[k - 1].text == ":" and (tokens[k - 2].is_word or tokens[k - 2].is_cjk)


_SENTENCE_END = frozenset({".", "!", "?", "。", "！", "？"})
_DISK_SIZED_GB = 1000.0  # a terabyte or more: a disk's size, unless a memory word is beside it
_STOPS_BEFORE = frozenset({",", "+", "|"}) | _SENTENCE_END
# a closing bracket or quote ends the item: 'memory.available="[11.5 GiB 4.6 GiB]" memory.required'
# "spills 4GB to RAM", "offloads 6GB into system memory": the memory named after "to" is where the
# amount goes, not what it is
_STOPS_AFTER = frozenset({",", "、", "，", "/", "+", "]", '"', "}", "to", "into"}) | _SENTENCE_END
# "and" and the enumeration comma in Chinese and Japanese, glued to the word after them in a CJK run
_CJK_JOINING = ("と", "和", "及", "与", "與", "跟", "、")
# a log's key=value punctuation between a key and its amount: 'msg="system memory" total="31.2 GiB"'
_LOG_PUNCT = frozenset({'"', "="})
_AND = frozenset({"and", "und", "et", "y", "e", "и", "plus", "&"})


def _heading_above(tokens: Sequence[Token], q: Quantity) -> None:
    """Windows Task Manager's Memory page copied as text: "Memory" alone on a line, the amount opening
    the next line it fills ("Memory / 64.0 GB / Speed: 6000 MHz"); a template's heading the same way
    ("## RAM", "**VRAM**", "RAM:" over the amount)."""
    k = q.start - 1
    while k > 0 and tokens[k].text in _HEADING_MARKS and tokens[k - 1].line == tokens[k].line:
        k -= 1  # "RAM:", "**RAM**": the key's own closing marks
    j = k - 1
    if j >= 0 and tokens[j].text in _HEADING_TOTALS and tokens[j].line == tokens[k].line:
        j -= 1  # "Total RAM", "总数 内存": the key said as the whole (never "Available RAM")
    while j >= 0 and tokens[j].text in _HEADING_MARKS and tokens[j].line == tokens[k].line:
        j -= 1  # "## RAM": a Markdown heading's marks before the key
    alone = j < 0 or tokens[j].line < tokens[k].line
    if alone and q.end < len(tokens) and tokens[q.end].line == tokens[q.start].line:
        return  # the amount shares its line: a row of its own, not the heading's value
    if alone and (cue_in(tokens[k].text, GENERIC_MEMORY_CUES) or tokens[k].text in ("ram", "vram")):
        apply_cue(q, tokens[k].text)


_HEADING_MARKS = frozenset({"#", "*", ":"})
# words that say a heading's key is the whole amount installed ("Total RAM", "Installed memory", ComfyUI's
# Chinese "总数 内存"), where "Available RAM" / "可用 内存" over an amount is what is free
_HEADING_TOTALS = frozenset(
    {"total", "installed", "physical", "system", "总数", "总", "总计", "合計", "合计"}
)


def _device_properties_memory(tokens: Sequence[Token], q: Quantity, line: int) -> bool:
    """PyTorch's device properties ("_CudaDeviceProperties(name='NVIDIA A10G', ..., total_memory=22502MB"):
    the memory of that GPU, never the system's."""
    k = q.start - 1
    if k < 1 or tokens[k].text != "=" or tokens[k - 1].text != "memory":
        return False
    return any(
        t.text in _DEVICE_PROPERTIES and t.line == line
        for t in tokens[max(0, q.start - _PROPERTIES_REACH) : k]
    )


_DEVICE_PROPERTIES = frozenset({"cudadeviceproperties", "deviceproperties"})
_PROPERTIES_REACH = 40  # tokens from the properties' name to their memory field


def _log_key(tokens: Sequence[Token], q: Quantity, key: str) -> int | None:
    """Where `key` stands in a log's 'key="24.0 GiB"' before the amount `q`, or None."""
    k = q.start - 1
    while k >= 0 and tokens[k].text in _LOG_PUNCT:
        k -= 1
    return k if k >= 0 and tokens[k].text == key else None


def _dotted_log_key(tokens: Sequence[Token], q: Quantity) -> bool:
    """Ollama's offload line: 'memory.required.full="6.2 GiB"', 'memory.weights.total="4.3 GiB"': a
    dotted key names what a model needs, never a device's memory. Its dots are glued to words on both
    sides ("Ryzen 5 5600. Memory=16GB" ends a sentence first)."""
    k = q.start - 1
    while k >= 0 and tokens[k].text in _LOG_PUNCT:
        k -= 1
    return (
        k >= 2
        and tokens[k].is_word
        and tokens[k].glued
        and tokens[k - 1].text == "."
        and tokens[k - 1].glued
        and tokens[k - 2].is_word
    )


_ALLOCATION = frozenset({"allocation", "alloc"})
_OFFLOAD = frozenset({"offload", "offloaded", "offloading", "offloads"})
# "peak memory usage of 83GB", "内存占用 20G": an amount in use, no size of the rig's memory
_USAGE_BEFORE = frozenset({"usage", "consumption", "footprint", "占用", "佔用"})


_FLAG_REACH = 6  # tokens between a flag and its value: "`--gpu-memory` to 7GB", "--memory=32g"


def _set_by_flag(tokens: Sequence[Token], q: Quantity, line: int) -> bool:
    """An amount given to a command-line flag ("--gpu-memory 7GB", "--max-ram 16g"): a setting of
    the program, not memory the rig has."""
    for k in range(q.start - 1, max(0, q.start - _FLAG_REACH) - 1, -1):
        t = tokens[k]
        if t.line != line or t.is_num:
            return False
        if t.text == "-" and k >= 1 and tokens[k - 1].text == "-" and k + 1 < q.start:
            flag = tokens[k + 1]  # the flag's name, glued to its two dashes ("--- RAM: 64GB" is a rule)
            return flag.is_word and flag.glued and t.glued and (k < 2 or tokens[k - 2].text != "-")
    return False


_CAP_MAP_REACH = 40  # tokens from "max_memory" to the last amount of its mapping


def _memory_cap_map(tokens: Sequence[Token], q: Quantity, line: int) -> bool:
    """An amount in a "max_memory" mapping of code ('max_memory={0: "20GiB", "cpu": "60GiB"}',
    'max_memory = {i: "75GB" for i in range(8)}'): the most a program may put on each device, a setting,
    not memory the rig has."""
    for k in range(q.start - 1, max(1, q.start - _CAP_MAP_REACH), -1):
        t = tokens[k]
        if t.line != line or t.text == "}":
            return False
        if t.text == "memory" and tokens[k - 1].text == "_" and tokens[k - 2].text == "max":
            return k + 1 < q.start and tokens[k + 1].text in ("=", ":", '"')
    return False


def _allocation_limit(tokens: Sequence[Token], q: Quantity, line: int) -> bool:
    """The largest single allocation a driver allows ("Max memory allocation 21890072576 (20.39GiB)")."""
    if q.start < 3 or tokens[q.start - 1].text != "(" or not tokens[q.start - 2].is_num:
        return False
    return any(t.text in _ALLOCATION and t.line == line for t in tokens[max(0, q.start - 5) : q.start])


def _compute_log_library(tokens: Sequence[Token], q: Quantity) -> str | None:
    """Ollama's 'msg="inference compute" ... library=rocm ... total="24.0 GiB"': the library of the device
    whose total the amount is (a GPU's memory, also where the log names the card by its PCI id alone,
    "name=1002:744c"; "library=cpu": the system's), or None where the line names no library."""
    k = _log_key(tokens, q, "total")
    if k is None:
        return None
    line = tokens[k].line
    for j in range(k - 1, 0, -1):
        if tokens[j].line != line:
            return None
        if tokens[j].text == "library" and j + 2 < k and tokens[j + 1].text == "=":
            return tokens[j + 2].text
    return None


def _system_memory_log_total(tokens: Sequence[Token], q: Quantity) -> bool:
    """Ollama's 'msg="updating system memory data" before.total="62.4 GiB" now.total=...': the total of
    the system memory a log line reports is the RAM (the free amounts beside it are not)."""
    k = _log_key(tokens, q, "total")
    if k is None:
        return False
    line = tokens[k].line
    j = k - 1
    while j > 0 and tokens[j].line == line:
        if tokens[j].text == "memory" and tokens[j - 1].text == "system":
            return True
        j -= 1
    return False


def _memory_section(tokens: Sequence[Token], q: Quantity) -> bool:
    """lshw's "*-memory / description: System memory / size: 80GiB": the size of the system memory."""
    line = tokens[q.start].line
    k = q.start - 1
    while k > 0 and tokens[k].line >= line - 2:
        if tokens[k].text == "memory" and tokens[k - 1].text in ("system", "-") and tokens[k].line < line:
            return True
        k -= 1
    return False


# how many lines above its "Global memory" line an OpenCL device block (clinfo, a device listing) says
# its type: the name, the type, then the memory ("Device name: ... / Device type: CPU / Global memory: ...")
_DEVICE_BLOCK_LINES = 6


def _opencl_cpu_device(tokens: Sequence[Token], k: int) -> bool:
    """The 'global memory' at k is an OpenCL CPU device's ("Type: CPU" or "CL_DEVICE_TYPE_CPU" above it in
    its block): that device's memory is the system RAM, not a card's."""
    line = tokens[k].line
    j = k - 1
    while j >= 1 and line - tokens[j].line <= _DEVICE_BLOCK_LINES:
        t = tokens[j]
        if t.text in ("cpu", "gpu", "accelerator") and tokens[j].line < line:
            before = [b.text for b in tokens[max(0, j - 3) : j] if b.line == t.line]
            if "type" in before:
                return t.text == "cpu"
        j -= 1
    return False


def _stick_breakdown_end(tokens: Sequence[Token], k: int) -> int | None:
    """Index of the ')' closing a breakdown into sticks opened at k ("(2x32)", "(4 x 16GB)")."""
    for j in range(k + 1, min(len(tokens), k + 7)):
        t = tokens[j]
        if t.text == ")":
            return j if j > k + 1 else None
        if not (t.is_num or t.text in ("*", "x", "gb", "g", "gib")):
            return None
    return None


def _cue_before(
    tokens: Sequence[Token], q: Quantity, ends: dict[int, int], line: int, starts: dict[int, int]
) -> None:
    """Up to four tokens before, on the line: "RAM: 64G", "内存64G", "VRAM (16gb)", "GPU memory 4 GB"."""
    k = q.start - 1
    if q.end in starts and k > 0 and tokens[k].text == ":" and tokens[k - 1].text in _WHOLE_RIG:
        return  # "My system: 5x 8GB Quadro RTX 4000": the label of the whole rig, the amount the card's
    steps = 0
    while k >= 0 and steps < 4:
        w = tokens[k].text
        if w in BREAK or w in _STOPS_BEFORE or w in _AND or k + 1 in ends or tokens[k].line != line:
            return
        if w == "/" and q.gb >= _DISK_SIZED_GB:
            return  # "96GB DDR5 / 2TB": a terabyte item after a slash is the next part, a disk
        if k > 1 and tokens[k - 1].text == "of" and tokens[k - 2].text == "out":
            return  # "runs out of memory at 22GB": an event, not a size
        if w in _OFFLOAD or cue_in(w, _USAGE_BEFORE):
            q.kind, q.cue_strength = "other", 3  # "CPU Offload (14GB)": the amount moved, not the RAM
            return
        # "GPU memory 4 GB", "total GPU RAM is 96 GB": the memory of the GPUs, however it is called
        if cue_in(w, _MEMORY_OR_RAM) and k > 0 and tokens[k - 1].text in _GPU_MEMORY_LEAD:
            if k > 1 and tokens[k - 2].text == "shared":  # Windows' "Shared GPU memory": borrowed RAM
                q.kind, q.cue_strength = "unified", 3
                return
            if tokens[k - 1].text == "global" and _opencl_cpu_device(tokens, k - 1):
                q.kind, q.cue_strength = "ram", 3  # an OpenCL CPU device's global memory: the system RAM
                return
            q.kind, q.cue_strength = "vram", 3
            return
        if w in CARVEOUT_CUES and w != "dedicated":
            q.carveout = True
        if apply_cue(q, w):
            return
        k -= 1
        if w not in _LOG_PUNCT:
            steps += 1


# labels of a whole rig, before its first item: not a RAM cue for an amount that sizes the card after it
_WHOLE_RIG = frozenset({"system", "sys", "setup", "rig", "machine", "pc", "hardware"})


def _word_group_start(tokens: Sequence[Token], close: int) -> int | None:
    """Index of the '(' of a bracketed group of one to three words ending at `close`, else None."""
    for j in range(close - 1, max(-1, close - 5), -1):
        t = tokens[j]
        if t.text == "(":
            return j if j < close - 1 else None
        if not t.is_word:
            return None
    return None


def _adjacent_mention(
    tokens: Sequence[Token],
    q: Quantity,
    starts: dict[int, int],
    ends: dict[int, int],
    mentions: Sequence[Mention],
) -> int | None:
    # after a device: "3090 24gb", "MI50/32GB", "A800(40G)", "MI50*8 with 32GB each"
    k = q.start - 1
    hops = 0
    while k >= 0 and hops <= 3:
        if k + 1 in ends:
            return ends[k + 1]
        w = tokens[k].text
        if w == ")" and (opening := _word_group_start(tokens, k)) is not None:
            k = opening - 1  # a word in brackets after the name: "Radeon Pro Duo (Polaris) 32GB"
            hops += 1
            continue
        if w in (")", "]") and k >= 2 and tokens[k - 1].is_num and tokens[k - 2].text in ("(", "["):
            k -= 3  # a tool's bracketed code after the name: "RTX 2080 Ti [75] 22 GB" (compute 7.5)
            hops += 1
            continue
        if w in (",", "and", "&", "+", "plus", "und", "et", "y", "e"):
            q.after_comma = True  # joined as a list item: "4090, 32GB", "4070 Ti Super and 32GB"
        is_count_suffix = w == "*" or (tokens[k].is_num and k > 0 and tokens[k - 1].text == "*")
        # "2080 Ti (the modified 22GB model)", "4060 Ti (the 16GB version)": an article opening the
        # brackets after the card, before a mod word or an amount naming the card's version
        bracket_article = (
            w in _ARTICLES
            and k > 0
            and tokens[k - 1].text == "("
            and (
                tokens[k + 1].text in MOD_WORDS
                or (w == "the" and q.end < len(tokens) and tokens[q.end].text in _VERSION_WORDS)
            )
        )
        modded_to = w == "to" and k > 0 and tokens[k - 1].text in MOD_WORDS  # "4090 modded to 48GB"
        if not (w in _ADJ_GLUE or is_count_suffix or bracket_article or modded_to or w in SUFFIX_FILLER):
            break
        k -= 1
        hops += 1
    if q.start in ends:
        return ends[q.start]
    # before a device: "16 GB RTX 4060 Ti", "24gb 3090"; on its line ("Total Physical Memory: 130,725 MB"
    # then the card on the next line is no card of that size)
    k = q.end
    hops = 0
    # one word between, two after the word VRAM: "6G VRAM 的 RTX3060" (a card with 6 GB of VRAM)
    most = 2 if q.end < len(tokens) and tokens[q.end].text == "vram" else 1
    while k < len(tokens) and hops <= most and tokens[k].line == tokens[q.end - 1].line:
        if k in starts:
            return starts[k]
        # "4gb vram 3050": the cue word between the amount and the card
        if tokens[k].text not in (
            "of",
            "-",
            "nvidia",
            "amd",
            "intel",
            "geforce",
            "radeon",
            "de",
            "на",
            "vram",
            "的",  # "16GB的4060Ti": the card of 16 GB
        ):
            break
        k += 1
        hops += 1
    return _on_card(tokens, q, starts)


# what joins a card to its own memory called "ram": "3080 with 10GB ram", "A6000 that has 48GB ram",
# "3080 and it has 10gb of ram" (a bare "and" joins the RAM: "RTX 3090 and 64gb ram")
_HAS_WORDS = frozenset({"has", "have"})
_HAS_SUBJECTS = frozenset({"it", "that", "which"})
_EDITION_WORDS = frozenset({"fe", "oc"})  # Founders Edition, factory overclocked


def _card_end_before_own_ram(tokens: Sequence[Token], q: Quantity) -> int:
    """Where a card named before the amount would end: before "with"/"w", or before "(and) it/that/which
    has", past the card's edition ("3080 FE"); the amount's own start where no such words stand before it."""
    k = q.start - 1
    if k >= 1 and tokens[k].text in ("with", "w"):
        k -= 1
    elif k >= 1 and tokens[k].text in _HAS_WORDS:
        k -= 1
        if tokens[k].text in _HAS_SUBJECTS:
            k -= 1
            if k >= 1 and tokens[k].text in ("and", ","):
                k -= 1
    else:
        return q.start
    if k >= 1 and tokens[k].text in _EDITION_WORDS:
        k -= 1  # "3080FE and it has 10gb of ram": the card's edition before the words
    return k + 1


def _ram_word_after(tokens: Sequence[Token], k: int) -> bool:
    """'ram' or 'of ram' right after the amount."""
    if tokens[k].text == "ram":
        return True
    return tokens[k].text == "of" and k + 1 < len(tokens) and tokens[k + 1].text == "ram"


_ARTICLES = frozenset({"the", "a", "an"})
# what a card's memory variant is called ("the 16GB version"); not "model", said of an LLM too
_VERSION_WORDS = frozenset({"version", "variant", "edition", "one", "sku"})
# what may stand between "on" and the card: "8GB on my 3070", "12GB on the RTX 3060"
_ON_CARD_LEAD = frozenset({"my", "the", "a", "an", "this", "our", "nvidia", "amd", "geforce", "radeon"})


def _on_card(tokens: Sequence[Token], q: Quantity, starts: dict[int, int]) -> int | None:
    """'Only 8GB on my 3070': an amount said to be on a card is the card's memory (kept only where the
    card or a sibling is sold with it: "uses 5GB on my 3090" is no 3090's size)."""
    k = q.end
    if k >= len(tokens) or tokens[k].text != "on" or tokens[k].line != tokens[q.start].line:
        return None
    if q.start > 0 and tokens[q.start - 1].text in _LOG_PUNCT:
        return None  # a log's value ("model buffer size = 17283.12 MiB on a 4090"): a use, no card's size
    k += 1
    while k < len(tokens) and k < q.end + 4 and tokens[k].text in _ON_CARD_LEAD:
        k += 1
    if k not in starts:
        return None
    q.on_card = True
    return starts[k]


def _sum_before(tokens: Sequence[Token], k: int, line: int) -> bool:
    """A '+' on the line before the '=' at k: the amount after it is a sum."""
    return any(t.text == "+" and t.line == line for t in tokens[max(0, k - 8) : k])
