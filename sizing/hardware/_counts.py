"""How many of each device: "2x 3090", "3090 x2", "dual", "两张", "2 x (4x 4090)", "2枚", "count: 2"."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from ._cues import BREAK, cjk_than, cue_in
from ._database import DeviceDatabase
from ._lexicon import (
    BOARD_PARTNERS,
    CARD_WORDS,
    CJK_COUNT_CHARS,
    CJK_PARTICLES,
    CLASSIFIERS,
    COUNT_WORDS,
    MEMORY_UNITS,
    SIBLING_WORDS,
    WEAK_COUNT_WORDS,
)
from ._mentions import Mention
from ._quantities import Quantity
from ._tokens import SENTENCE_ENDS, Token

__all__ = [
    "MAX_COUNT",
    "SUFFIX_FILLER",
    "count_the_others_too",
    "find_counts",
    "merge_either_or",
    "merge_listed_aliases",
    "merge_named_twice",
    "split_siblings",
]

MAX_COUNT = 1024  # "1000 GPUs" is read (and refused later with a clear message), more is noise


_COUNT_FILLER = (
    frozenset(
        {
            "nvidia",
            "geforce",
            "amd",
            "radeon",
            "intel",
            "tesla",
            "quadro",
            "instinct",
            "apple",
            "*",
            "x",
            "of",
            "used",
            "new",
            "identical",
            "matching",
            "the",
            "my",
            "pcs",
            "pieces",
            "gpus",
            "gpu",
            "cards",
            "card",
            # the word for graphics cards between the count and the card: "две видеокарты 3090",
            # "zwei Grafikkarten RTX 3090", "dos tarjetas 3090", "deux cartes 3090", "duas placas 3090"
            "видеокарты",
            "видеокарт",
            "grafikkarten",
            "karten",
            "tarjetas",
            "cartes",
            "placas",
            "rtx",
            "gtx",
            "rx",
            "arc",
            # the generation before the card: "two NVIDIA Blackwell 6000 Pro GPUs", "2x Ampere A6000"
            "blackwell",
            "ada",
            "ampere",
            "hopper",
            "lovelace",
            "turing",
            "volta",
            "pascal",
            "-",
            "nos",
            "units",
            "unit",
            "(",
            "×",
            # the link between the cards counted: "2-way SLI 1080 Ti", "4-way CrossFire"
            "sli",
            "crossfire",
            "crossfirex",
            "nvlink",
            # the Mac around its chip: "2x Mac Studio M3 Ultra", "four Mac minis M4 Pro" (a cluster)
            "mac",
            "macs",
            "studio",
            "studios",
            "mini",
            "minis",
        }
    )
    | BOARD_PARTNERS
)


SUFFIX_FILLER = frozenset(
    {
        "pcie",
        "sxm",
        "sxm2",
        "sxm4",
        "sxm5",
        "nvl",
        "oam",
        "gpus",
        "gpu",
        "cards",
        ")",
        "s",
        "mobile",
        "laptop",
        "maxq",
        "max",  # "Max-Q" as typed: "max", "-", "q"
        "q",
        "modded",
        "魔改",  # "modded": "4090魔改48G x2"
        "ada",  # the generation after the memory: "A6000 48GB Ada x2"
        "blackwell",
        "ampere",  # "RTX A6000 (Ampere) 48GB x2": the generation in brackets
        "hopper",
        "lovelace",
        "turing",
    }
)


def _count_value(tok: Token, allow_weak: bool) -> int | None:
    if tok.is_num and "." not in tok.text and "," not in tok.text:
        v = int(tok.text)
        return v if 1 <= v <= MAX_COUNT else None
    text = tok.text
    if tok.is_cjk:
        # "两张", "4张" handled by the caller; a bare numeral run like "两" or "두"
        text = text.rstrip("".join(CLASSIFIERS))
    v2 = COUNT_WORDS.get(text)
    if v2 is not None and (allow_weak or text not in WEAK_COUNT_WORDS):
        return v2
    return None


_MACHINE_CLASSIFIERS = "台대"  # counters of machines ("2台", "두 대"), before a count of cards in each
_CJK_CARD_WORDS = ("显卡", "顯卡", "卡", "グラボ", "그래픽카드")


# makers' Chinese names, longest first: NVIDIA, Huawei Ascend, Moore Threads, Hygon, Cambricon, AMD, Intel
_CJK_MAKERS = ("华为昇腾", "摩尔线程", "英伟达", "寒武纪", "英特尔", "昇腾", "华为", "海光", "超威")


def _classifier_count(tokens: Sequence[Token], k: int) -> tuple[int | None, int]:
    """A count written with a CJK classifier ending at token k ("4张", "两张", "두 장", "8卡").
    Returns (count, index of the first token used) or (None, k)."""
    t = tokens[k]
    if not t.is_cjk:
        return None, k
    run = t.text
    for brand in _CJK_MAKERS:
        if run.endswith(brand) and len(run) > len(brand):
            run = run[: -len(brand)]  # "两张英伟达4090", "四张昇腾910B": the maker's name before the card
            break
    if (
        run.endswith("的") and len(run) > 2
    ):  # "两张空闲的4090": a short modifier between the count and the card
        at = max(run.rfind(c, max(0, len(run) - 6), len(run) - 2) for c in CJK_COUNT_CHARS)
        if at > 0 and "的" not in run[at + 1 : -1]:
            run = run[: at + 1]
    for word in _CJK_CARD_WORDS:
        if run.endswith(word) and len(run) > len(word) and run[-len(word) - 1] in CJK_COUNT_CHARS:
            run = run[: -len(word)]  # "两张显卡A800": the classifier, then the word for a card
            break
    if run[-1] in CJK_COUNT_CHARS:
        head = run[:-1]
        if head:
            v = COUNT_WORDS.get(head[-1:])
            return (v, k) if v is not None else (None, k)
        if k > 0:
            prev = tokens[k - 1]
            if prev.is_num:
                return _count_value(prev, allow_weak=False), k - 1
            v = COUNT_WORDS.get(prev.text[-1:]) if prev.is_cjk else COUNT_WORDS.get(prev.text)
            if v is not None:
                return v, k - 1
    return None, k


def find_counts(
    tokens: Sequence[Token],
    mentions: Sequence[Mention],
    quantities: Sequence[Quantity],
    cpu_tokens: tuple[int, int] | None = None,
) -> None:
    """Set each mention's count: "2x 3090", "3090 x2", "dual", "两张", "2 x (4x 4090)", "2枚".
    The CPU's name counts nothing: "Ryzen 7 AI 350 (Radeon 860M)" is one 860M."""
    quantity_at = {k: q for q in quantities for k in range(q.start, q.end)}
    starts = sorted(m.start for m in mentions)
    next_start = dict(zip(starts, [*starts[1:], len(tokens)], strict=False))
    ends = frozenset(m.end for m in mentions)
    first_start = starts[0] if starts else 0
    for m in mentions:
        listed = _index_list(tokens, m)
        if listed > 1:
            # "GPU 0,1,2,3: NVIDIA RTX 6000 Ada Generation" (SGLang's check_env): one card per index
            m.count, m.count_explicit, m.indexed = listed, True, True
            continue
        if _index_before(tokens, m, ends):
            # "|   0  NVIDIA GeForce RTX 3090 ...", "Device 1: ...": a card's index, one card per line
            m.count, m.count_explicit, m.indexed = 1, True, True
            continue
        prefix = _prefix_count(tokens, m, quantity_at)
        if (
            prefix is not None
            and cpu_tokens is not None
            and 0 <= m.start - cpu_tokens[1] <= 3
            and not any(t.is_num or _count_said(t) for t in tokens[cpu_tokens[1] : m.start])
        ):
            prefix = None  # the count read is the end of the CPU's model number
        suffix, restated = _suffix_reading(tokens, m, quantity_at)
        if prefix is not None and suffix is not None:
            # "2 nodes of 8x H100" multiply; "two 3090s (I have 2 of them)" says the count again
            m.count = max(prefix, suffix) if restated else prefix * suffix
        else:
            m.count = prefix if prefix is not None else suffix
        m.count_explicit = m.count is not None and not (suffix is None and _bare_number_before(tokens, m))
        if m.count is None:
            m.count = _keyed_count(tokens, m, next_start.get(m.start, len(tokens)))
            if m.count is None and m.start == first_start and m.kind == "gpu":
                m.count = _keyed_count_above(tokens, m)
            m.count_explicit = m.count is not None
        if m.count is None:
            m.count = _count_before_bracketed_name(tokens, m)
            m.count_explicit = m.count is not None
        if m.count is None and m.system is not None and m.system.gpu_count > 1:
            m.count = m.system.gpu_count  # "Atlas 800T A2": a server sold with eight
        if m.count is None and m.kind == "gpu" and m.start > 0 and tokens[m.start - 1].text == "dgx":
            m.count = _DGX_GPUS  # "DGX A100 640GB": the eight cards' memory together, no RAM
        if m.count is None:
            m.count = _huge_count(tokens, m)
            m.count_explicit = m.count is not None
    _indexed_on_one_line(tokens, mentions)


def _count_said(t: Token) -> bool:
    """A count written between the CPU and the card ("i9-13900K，两张4090", "5800X, two 3090s")."""
    return t.is_cjk or (t.text in COUNT_WORDS and t.text not in WEAK_COUNT_WORDS) or t.text in _TIMES


# an NVIDIA DGX server holds eight GPUs (the DGX A100, H100, H200 and B200 datasheets, nvidia.com)
_DGX_GPUS = 8


def _huge_count(tokens: Sequence[Token], m: Mention) -> int | None:
    """'99999x 4090', '4090 x 5000': a count past MAX_COUNT written as a multiplier is no typo of one card:
    it is read as MAX_COUNT, with the count as written kept for a note (the estimate then says no machine
    holds that many, instead of answering for one card)."""
    k = m.start - 1
    while k >= 0 and tokens[k].text in _COUNT_FILLER and tokens[k].text not in ("*", "x", "×"):
        k -= 1
    written: Token | None = None
    if k >= 1 and tokens[k].text in ("*", "x", "×") and tokens[k - 1].is_num:
        written = tokens[k - 1]
    elif m.end + 1 < len(tokens) and tokens[m.end].text in ("*", "x", "×") and tokens[m.end + 1].is_num:
        written = tokens[m.end + 1]
    if written is None or not written.text.isdigit() or int(written.text[:12]) <= MAX_COUNT:
        return None
    m.count_written = written.text
    return MAX_COUNT


# words that may stand before a card's index in a device listing ("GPU 0:", "| 1  NVIDIA ...", "#2")
_INDEX_LEAD = frozenset({"|", "gpu", "device", "cuda", "#", "[", "-", "rocm", "vulkan", "id"})
_INDEX_SEPARATORS = frozenset({",", ";"})
_INDEX_FILLER = frozenset({"nvidia", "amd", "intel", "geforce", "radeon", "tesla", "quadro", "instinct"})


def _number_before(tokens: Sequence[Token], m: Mention) -> int | None:
    """The bare whole number just before a card's name on its line (makers' words between), else None."""
    k = m.start - 1
    while k >= 0 and tokens[k].text in _INDEX_FILLER:
        k -= 1
    if k < 0 or tokens[k].line != tokens[m.start].line or not tokens[k].text.isdigit():
        return None
    return int(tokens[k].text)


def _indexed_on_one_line(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """A device listing pasted on one line ("0 NVIDIA RTX 3090 ... | 1 NVIDIA RTX 3090 ... | 2 NVIDIA ..."):
    cards on a line each after a bare number, the numbers 0, 1, 2 ... in order, are numbered, one card
    each (nvidia-smi and rocm-smi count their GPUs from 0); the last number is no count of cards."""
    by_line: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.kind == "gpu":
            by_line.setdefault(tokens[m.start].line, []).append(m)
    for ms in by_line.values():
        if len(ms) < 2 or all(m.indexed for m in ms):
            continue
        numbers = [_number_before(tokens, m) for m in sorted(ms, key=lambda m: m.start)]
        if numbers == list(range(len(ms))):
            for m in ms:
                m.count, m.count_explicit, m.indexed = 1, True, True


def _index_list(tokens: Sequence[Token], m: Mention) -> int:
    """How many indices a device listing names before one card ("GPU 0,1,2,3: NVIDIA H100"); 0 if none.
    The tokenizer reads "0,1" as one number with a decimal comma: its digits are indices here."""
    k = m.start - 1
    while k >= 0 and tokens[k].text in _INDEX_FILLER:
        k -= 1
    if k < 1 or tokens[k].text != ":":
        return 0
    line = tokens[k].line
    indices: list[str] = []
    k -= 1
    while k >= 0 and tokens[k].line == line and (tokens[k].text == "," or tokens[k].is_num):
        if tokens[k].text != ",":
            if not tokens[k].text.replace(",", "").isdigit():
                return 0
            indices += tokens[k].text.split(",")
        k -= 1
    if (
        k < 0
        or tokens[k].line != line
        or tokens[k].text not in _INDEX_LEAD
        or len(set(indices)) != len(indices)
    ):
        return 0
    return len(indices)


def _index_before(tokens: Sequence[Token], m: Mention, ends: frozenset[int]) -> bool:
    """A number opening the card's line in a device listing is its index, not a count; on one line, the
    card named before the index ends the item before it ("GPU0: 3090 GPU1: 3090")."""
    k = m.start - 1
    while k >= 0 and tokens[k].text in _INDEX_FILLER:
        k -= 1
    punct = k >= 0 and tokens[k].text in (":", ",", "]", ")", ".")
    if punct:
        k -= 1
    if k < 0 or not tokens[k].text.isdigit() or tokens[k].line != tokens[m.start].line:
        return False
    j = k - 1
    lead = False
    while j >= 0 and tokens[j].line == tokens[k].line:
        w = tokens[j].text
        if lead and w in _INDEX_SEPARATORS:
            # "GPU0: RTX 3090, GPU1: RTX 3090, GPU2: RTX 3060": a listing written on one line
            return punct or tokens[k].glued
        if w == ":" and j > 0 and tokens[j - 1].text in _INDEX_LEAD:
            j -= 1  # "cuda:0 RTX 4090": the index keyed by its backend's name
            continue
        if w not in _INDEX_LEAD:
            return lead and j + 1 in ends and (punct or tokens[k].glued)
        lead = True
        j -= 1
    return lead or punct or tokens[k].text == "0"


def _prefix_count(tokens: Sequence[Token], m: Mention, quantity_at: dict[int, Quantity]) -> int | None:
    line = tokens[m.start].line
    k = m.start - 1
    steps = 0
    # "2x 32GB 5090": the multiplier of a size written before the card counts the cards (on the card's line:
    # "内存: 6x64G" ending the line above counts memory sticks)
    q0 = quantity_at.get(k)
    if q0 is not None and q0.multiplier > 1 and q0.end == m.start and tokens[k].line == line:
        return _outer_multiplier(tokens, q0.start, q0.multiplier)
    # a bare number before a chip may be a model number ("2 M2 Ultra"), unless the name is said in the
    # plural or with a word for whole machines after it ("4 DGX Sparks", "3 Jetson Orin Nanos", "4 DGX Spark
    # units"): then it counts them
    allow_bare_number = m.kind != "soc" or _said_as_several(tokens, m)
    mac = False  # a Mac's name passed on the way back ("2 Mac Studio M2 Ultra")
    bracketed = k >= 1 and tokens[k].text == "(" and m.end < len(tokens) and tokens[m.end].text == ")"
    q_before = quantity_at.get(k - 1) if bracketed else None
    if q_before is not None and q_before.start > 0 and tokens[q_before.start - 1].is_cjk:
        # "两片16G(T4)的卡": a classifier count, the cards' memory, then the card in brackets
        v, first = _classifier_count(tokens, q_before.start - 1)
        if v is not None:
            return _outer_multiplier(tokens, first, v)
    while k >= 0 and steps < 4:
        t = tokens[k]
        if t.text.endswith("的") and k - 1 in quantity_at and steps == 0:
            # "两张24g的p40", "2张24G显存的RTX 3090": the card's memory between count and card
            q = quantity_at[k - 1]
            if q.multiplier > 1 and t.text == "的":  # "8*32GB 的910B": eight cards of 32 GB
                return _outer_multiplier(tokens, q.start, q.multiplier)
            k = q.start - 1
            steps += 1
            continue
        if k in quantity_at and steps == 0 and quantity_at[k].end == m.start:
            # "4个80G A100", "4张80G A100": the card's memory between a classifier count and the card
            q = quantity_at[k]
            if q.start > 0 and tokens[q.start - 1].is_cjk and tokens[q.start - 1].line == line:
                v, first = _classifier_count(tokens, q.start - 1)
                if v is not None:
                    return _outer_multiplier(tokens, first, v)
        if t.text in BREAK or k in quantity_at or t.line != line:
            return None
        if t.is_cjk:
            v, first = _classifier_count(tokens, k)
            if v is not None:
                return _outer_multiplier(tokens, first, v)
            if cue_in(t.text, CLASSIFIERS):
                k -= 1
                steps += 1
                continue
            v2 = _count_value(t, allow_weak=False)
            if v2 is not None:
                return v2
            if t.text in CJK_PARTICLES:
                k -= 1
                steps += 1
                continue
            return None
        if t.text in _N_WAY and k >= 2 and tokens[k - 1].text == "-":
            v = _count_value(tokens[k - 2], allow_weak=False)  # "4-way 3090", "four-way 7900 XTX"
            if v is not None:
                return v
        if t.text == "+" and t.glued and k > 0 and tokens[k - 1].text in BOARD_PARTNERS:
            k -= 1  # "Nitro+": the plus is part of the board's name
            continue
        if t.is_num and t.glued and k > 0 and tokens[k - 1].is_word:
            if steps == 0 and _x_count_opening(tokens, k):
                return _count_value(t, allow_weak=False)  # "x2 RTX 3090": the count written first
            return None  # "lanes16", "gen4": a number glued to a word counts nothing
        if t.text == "pair" and tokens[k + 1].text in ("my", "our", "the", "it", "this", "that"):
            return None  # "can I pair my 4090 with a 3060?": the verb, no count of two
        # "a couple of MI60 32GB cards": "couple of" counts across the words after it
        couple_of = t.text == "couple" and tokens[k + 1].text == "of"
        v = _count_value(t, allow_weak=steps == 0 or couple_of)
        if v is not None:
            multiplied = k + 1 < m.start and tokens[k + 1].text in ("*", "x")
            if t.is_num and not multiplied and not allow_bare_number and not mac:
                return None  # "2 M2 Ultra" may be a model number; "2 Mac Studio M2 Ultra" counts Macs
            if t.is_num and k + 1 < len(tokens) and tokens[k + 1].text in ("-",) and not multiplied:
                return None
            return _outer_multiplier(tokens, k, v)
        if t.text not in _COUNT_FILLER:
            return None
        mac = mac or t.text in _MAC_WORDS
        k -= 1
        steps += 1
    return None


_N_WAY = frozenset({"way", "gpu", "card"})
_WHOLE_MACHINES = frozenset({"units", "boxes", "nodes", "machines", "systems", "devices"})


def _said_as_several(tokens: Sequence[Token], m: Mention) -> bool:
    """A chip's or a machine's name written in the plural ("DGX Sparks": the id's last part and an "s")
    or followed by a plural word for whole machines ("DGX Spark units")."""
    last = tokens[m.end - 1].text
    if last == m.device_id.rsplit("-", 1)[-1] + "s":
        return True
    return m.end < len(tokens) and tokens[m.end].text in _WHOLE_MACHINES


_MAC_WORDS = frozenset({"mac", "macs", "studio", "studios", "mini", "minis"})


def _x_count_opening(tokens: Sequence[Token], k: int) -> bool:
    """'x2 RTX 3090': an "x" and a small number opening the line or an item, right before the card
    (a PCIe lane width, "x16", is no count)."""
    x = tokens[k - 1]
    if x.text not in ("x", "×") or not tokens[k].text.isdigit() or not 2 <= int(tokens[k].text) <= 8:
        return False
    if k < 2 or tokens[k - 2].line != x.line:
        return True
    return not x.glued and tokens[k - 2].text in _ITEM_OPENERS


_ITEM_OPENERS = frozenset({",", ";", "(", "|", "/", ":", "-", "+", "&", "and", "with"})


def _bare_number_before(tokens: Sequence[Token], m: Mention) -> bool:
    """The count in front is a plain number ("1  NVIDIA A100" in a table), not "2x" or "two"."""
    k = m.start - 1
    while k >= 0 and tokens[k].text in _COUNT_FILLER and tokens[k].text not in ("*", "x", "×"):
        k -= 1
    return k >= 0 and tokens[k].is_num and not (k + 1 < len(tokens) and tokens[k + 1].text in ("*", "x"))


def _keyed_count(tokens: Sequence[Token], m: Mention, nxt: int) -> int | None:
    """'model: RTX 3090 / count: 2' (YAML or key: value lists): a count key after the device."""
    for k in range(m.end, min(nxt, m.end + 12) - 2):
        is_count_key = tokens[k].text in ("count", "qty", "quantity", "num", "number")
        if is_count_key and tokens[k - 1].text in _PART_WORDS:
            continue  # "GPU core count: 38": the chip's cores, not how many chips
        if is_count_key and tokens[k + 1].text in (":", "=") and tokens[k + 2].is_num:
            return _count_value(tokens[k + 2], allow_weak=False)
    return None


def _keyed_count_above(tokens: Sequence[Token], m: Mention) -> int | None:
    """'GPU count: 2' on the line above 'GPU model: RTX 5060 Ti' (a form's fields): the count key a list
    gives before its only card. Only the line right above, and only before the first device named."""
    line = tokens[m.start].line
    k = m.start - 1
    while k >= 0 and tokens[k].line == line:
        k -= 1
    if k < 2 or tokens[k].line != line - 1 or not tokens[k].is_num:
        return None
    key, sep = tokens[k - 2], tokens[k - 1]
    if key.text not in _COUNT_KEYS or sep.text not in (":", "=") or key.line != tokens[k].line:
        return None
    if k >= 3 and tokens[k - 3].line == key.line and tokens[k - 3].text not in _COUNTED_WORDS:
        return None  # "core count: 38", "PCIe lane count: 16": not the cards
    return _count_value(tokens[k], allow_weak=False)


_COUNT_KEYS = frozenset({"count", "qty", "quantity"})
_COUNTED_WORDS = frozenset({"gpu", "gpus", "card", "cards", "-", "*"})


# the parts of one device a count key may count ("core count: 38", "CU count: 96")
_PART_WORDS = frozenset({"core", "cores", "cu", "cus", "thread", "threads", "shader", "shaders", "eu", "sm"})


def _outer_multiplier(tokens: Sequence[Token], k: int, inner: int) -> int:
    """'2 x (4x RTX 4090)', '2*8*A800', '2x4 A100': a count before the count multiplies it (nodes)."""
    if k >= 2 and tokens[k - 1].text == "*" and tokens[k - 2].is_num and tokens[k - 2].text.isdigit():
        outer = _count_value(tokens[k - 2], allow_weak=False)
        if outer is not None and outer * inner <= MAX_COUNT:
            return outer * inner
    if k >= 1 and tokens[k - 1].is_cjk and tokens[k - 1].text[-1] in _MACHINE_CLASSIFIERS:
        machines, _first = _classifier_count(tokens, k - 1)  # "2台8卡H100": two machines of eight
        if machines is not None and machines * inner <= MAX_COUNT:
            return machines * inner
    j = k - 1
    if j >= 0 and tokens[j].text == "(":
        j -= 1
        if j >= 1 and tokens[j].text in ("*", "x") and tokens[j - 1].is_num:
            outer = _count_value(tokens[j - 1], allow_weak=False)
            if outer is not None:
                return outer * inner
    return inner


def _suffix_reading(
    tokens: Sequence[Token], m: Mention, quantity_at: dict[int, Quantity]
) -> tuple[int | None, bool]:
    """The count written after a mention, and whether it restates one said before ("2 of them")."""
    n = len(tokens)
    k = m.end
    hops = 0
    while k < n and hops < 4:
        t = tokens[k]
        if t.line != tokens[m.start].line:
            return None, False
        if t.text in ("sxm", "pcie") and k + 1 < n and tokens[k + 1].glued and tokens[k + 1].is_num:
            k += 2  # "SXM2", "SXM4": a form factor with its generation
            hops += 1
            continue
        if (
            t.text in ("(", "-")
            or (t.text == "|" and quantity_at.get(k + 1) is not None)  # "RTX 3090 | 24576MiB": a table row
            or t.text in SUFFIX_FILLER
            or t.text in CJK_PARTICLES
            or t.text in _CJK_MACHINES
        ):
            k += 1
            hops += 1
            continue
        price_end = _price_end(tokens, k)
        if price_end is not None:  # "A4000 $500 each, two of them": the price of each card said first
            k = price_end
            hops += 1
            continue
        q = quantity_at.get(k)
        q = q if q is not None and q.start == k else None
        if q is not None:  # the card's own memory ("RTX 4090 24G x1")
            # "H100 80GB x 2"; "H20 (8 x 96GB VRAM)": VRAM in brackets right after the card, the count first
            counted_first = q.multiplier > 1 and k - 1 == m.end and tokens[k - 1].text == "("
            # (with no cue word too: "H200 (8x141GB)", the cards' count and each one's memory; not two, which
            # also names a dual-GPU board's halves: "Tesla K80 (2x12GB)" is one board)
            if (q.multiplier_after and q.kind in ("vram", "unified", "unknown") and q.cue_strength < 3) or (
                counted_first
                and (
                    (q.kind == "vram" and q.cue_strength >= 3)
                    or (q.kind in ("vram", "unknown") and q.multiplier > 2)
                )
            ):
                q.gb /= q.multiplier  # "H100 80GB x 2": two cards of 80 GB
                count = q.multiplier
                q.multiplier = 1
                q.multiplier_after = False
                return count, True  # "2x L4 (24GB x2)": the memory's count says the cards' count again
            k = q.end
            hops += 1
            continue
        break
    p = k + 1 if k < n and tokens[k].text == ":" else k  # "RTX 4090 (2 units)", "4090: 2 pcs"
    if (
        p + 1 < n
        and tokens[p].is_num
        and tokens[p + 1].text in _PIECES
        and tokens[p].line == tokens[m.start].line
    ):
        pieces = _count_value(tokens[p], allow_weak=False)
        if pieces is not None:
            return pieces, False
    j = k + 1 if k < n and tokens[k].text == "," else k  # "4090, two of those"
    if k > m.end and tokens[k - 1].text == "(":
        while j < n and tokens[j].text in _HAVE_WORDS and j - k < 3:
            j += 1  # "3090 (I have 2 of them)": who has them, between the bracket and the count
    if j + 2 < n and tokens[j + 1].text == "of" and tokens[j + 2].text in _OF_THEM:
        return _of_them_count(tokens, j), True
    later = _had_of_them(tokens, k)
    if later is not None:  # "P40s are cheap so i got three of them": the cards named, counted later
        return later, True
    if k + 1 < n and tokens[k].text == "*" and tokens[k + 1].is_num:
        nxt = tokens[k + 2].text if k + 2 < n else ""
        if nxt in MEMORY_UNITS and tokens[k + 2].glued:
            return None, False
        per_node = _count_value(tokens[k + 1], allow_weak=False)
        if k + 4 < n and tokens[k + 2].text == "*" and tokens[k + 4].text == "*":
            return None, False  # "x9x9x9": a chain of three or more factors counts nothing
        if per_node is not None and k + 3 < n and tokens[k + 2].text == "*" and tokens[k + 3].is_num:
            nodes = _count_value(tokens[k + 3], allow_weak=False)  # "H100*8*2": two nodes of eight
            if nodes is not None and per_node * nodes <= MAX_COUNT:
                return per_node * nodes, False
        return per_node, False
    if k + 1 < n and tokens[k + 1].is_cjk and tokens[k + 1].text[0] in CJK_COUNT_CHARS:
        v = _count_value(tokens[k], allow_weak=False)  # "3090を2枚挿して", "16GB 두 개랑"
        if v is not None:
            return v, False
    if k < n and tokens[k].text.endswith("路"):
        return None, False  # "4张4090加双路EPYC": the sockets of the CPU named next, not a count of cards
    if k < n and tokens[k].is_cjk and cjk_than(tokens[k].text):
        return None, False  # "3080的台式机比双卡A6000的服务器": the count of the machine measured against
    if k < n and tokens[k].is_cjk and len(tokens[k].text) > 2 and tokens[k].text[1] == "卡":
        v2 = COUNT_WORDS.get(tokens[k].text[0])  # "3090 24g 双卡的速度": "two cards" opening a longer run
        if v2 is not None:
            return v2, False
    if k < n:
        v, _first = _classifier_count(tokens, k + 1) if k + 1 < n else (None, k)
        if v is not None and (tokens[k].is_num or tokens[k].text in COUNT_WORDS):
            return v, False
        v, first = _classifier_count(tokens, k)
        if v is not None and first >= m.end:  # "h200卡": the 200 is the card's name, not a count
            return v, False
    if k + 1 < n and tokens[k].text == "," and tokens[k + 1].line == tokens[k].line:
        return _listed_classifier_count(tokens, k + 1), False
    return None, False


_PRICE_LEAD = frozenset({"at", "for", "@", "~", "about", "around"})
_CURRENCY_SIGNS = frozenset({"$", "€", "£", "¥"})
_CURRENCY_WORDS = frozenset({"usd", "dollars", "bucks", "eur", "euros", "gbp", "quid"})
_EACH_WORDS = frozenset({"each", "apiece", "ea"})


def _price_end(tokens: Sequence[Token], k: int) -> int | None:
    """Where a price said right after a card ends ("$500 each", "at $500", "for 500 usd a piece"):
    the price of the card, no count of it; None where no price starts at `k`."""
    n = len(tokens)
    i = k + 1 if k < n and tokens[k].text in _PRICE_LEAD else k
    if i + 1 >= n:
        return None
    sign_first = tokens[i].text in _CURRENCY_SIGNS and tokens[i + 1].is_num  # "$500"
    word_after = tokens[i].is_num and tokens[i + 1].text in _CURRENCY_WORDS  # "500 usd"
    if not (sign_first or word_after):
        return None
    i += 2
    if i < n and tokens[i].text in _EACH_WORDS:
        i += 1
    elif i + 1 < n and tokens[i].text in ("a", "per") and tokens[i + 1].text in ("piece", "card", "gpu"):
        i += 2
    return i


# what a count after the card counts in: "(2 units)", "- 2 pieces", "2 pcs"
_PIECES = frozenset({"units", "unit", "pieces", "piece", "pcs", "pc", "stk", "nos", "ea"})
# a machine between a card and the count of it ("A6000机器4卡": an A6000 machine of four cards)
_CJK_MACHINES = frozenset({"机器", "機器", "服务器", "伺服器", "主机", "主機", "机子", "整机"})


def _listed_classifier_count(tokens: Sequence[Token], c: int) -> int | None:
    """A classifier count that is a list item of its own after the card ("显卡4090，两张，显存24G"),
    not the count of a card named next ("3090，两张4090")."""
    end = c + 1 if tokens[c].is_num and c + 1 < len(tokens) and tokens[c + 1].is_cjk else c
    if not tokens[end].is_cjk or tokens[end].text.endswith("路"):
        return None
    v, _first = _classifier_count(tokens, end)
    after = tokens[end + 1] if end + 1 < len(tokens) else None
    if v is None or (
        after is not None and after.line == tokens[c].line and after.text not in (",", ";", ".")
    ):
        return None
    return v


_OF_THEM = frozenset({"them", "those", "these"})
# verbs of owning or buying that count the cards named before them: "got three of them", "bought 2 of those"
_GOT_WORDS = frozenset({"got", "have", "own", "bought", "grabbed", "run", "'ve", "ve", "has"})
_OF_THEM_REACH = 8  # tokens between the card and "got N of them", within its sentence


def _had_of_them(tokens: Sequence[Token], k: int) -> int | None:
    """'P40s are cheap so i got three of them', '3090s, I bought 2 of those': the count of the cards named
    just before, said later in the same sentence after a verb of owning; None where another number (a
    card or an amount) or the sentence's end comes first."""
    n = len(tokens)
    for i in range(k, min(n, k + _OF_THEM_REACH)):
        t = tokens[i]
        if t.text in SENTENCE_ENDS or t.line != tokens[k].line:
            return None
        of_them = i + 3 < n and tokens[i + 2].text == "of" and tokens[i + 3].text in _OF_THEM
        if t.text in _GOT_WORDS and of_them:
            return _of_them_count(tokens, i + 1)
        if t.is_num:
            return None
    return None


_HAVE_WORDS = frozenset({"i", "we", "have", "got", "'ve", "ve", "own", "run"})
# what may follow "2 of them" when it counts the card named before: the end of the item, or a word
# that says nothing of which card ("2 of them actually", "two of those in total")
_AFTER_OF_THEM = frozenset(
    {")", ",", ".", ";", "+", "and", "&", "with", "w", "actually", "now", "total", "in", "already", "too"}
)


_CARD_NOUNS = CARD_WORDS | {"cards", "gpus"}
_TIMES = frozenset({"x", "×", "*"})


# words between a count and the card noun it counts ("two graphic cards", "both my video cards")
_CARD_NOUN_LEAD = frozenset(
    {"graphic", "graphics", "video", "gpu", "my", "the", "our", "of", "nvidia", "amd"}
)


def _count_before_bracketed_name(tokens: Sequence[Token], m: Mention) -> int | None:
    """'2 x 24 GB cards (3090)', 'two cards (RTX 3090)', 'both graphic cards (RTX 3060)': the cards
    counted before the brackets that name them, past the memory each has and the words that qualify
    the noun."""
    if m.start < 3 or tokens[m.start - 1].text != "(" or tokens[m.start - 2].text not in _CARD_NOUNS:
        return None
    k = m.start - 3
    while k >= 1 and tokens[k].text in _CARD_NOUN_LEAD:
        k -= 1
    if k >= 1 and tokens[k].text in ("gb", "gigs") and tokens[k - 1].is_num:
        k -= 2  # the memory of each card
    if k >= 0 and tokens[k].text in _TIMES:
        k -= 1
    if k < 0 or tokens[k].line != tokens[m.start].line:
        return None
    t = tokens[k]
    if t.text == "both":
        return 2
    return _count_value(t, allow_weak=False) if t.is_num else COUNT_WORDS.get(t.text)


def _of_them_count(tokens: Sequence[Token], k: int) -> int | None:
    """'RTX 3090 (two of them)', '3090, 2 of those': the count said after the card. Not where a sibling
    follows ("two of them Supers": part of a count, read by split_siblings)."""
    end = k + 3
    if end < len(tokens) and tokens[end].line == tokens[k].line and tokens[end].text not in _AFTER_OF_THEM:
        return None
    t = tokens[k]
    return _count_value(t, allow_weak=False) if t.is_num else COUNT_WORDS.get(t.text)


_THEM = frozenset({"of", "them", "those", "these", "is", "are", "'s", "being", "a", "an"})


def split_siblings(tokens: Sequence[Token], mentions: list[Mention], db: DeviceDatabase) -> None:
    """'4x 3090 (one is a Ti)', '3x 4070, two of them Supers': part of a count is a sibling card."""
    for m in list(mentions):
        if m.count is None or m.count < 2 or m.kind != "gpu":
            continue
        line = tokens[m.start].line
        k = m.end
        while k < len(tokens) and k < m.end + 3 and tokens[k].text in ("(", ",", "-", "gpus", "cards"):
            k += 1
        if k >= len(tokens) or tokens[k].line != line:
            continue
        part = _count_value(tokens[k], allow_weak=True)
        if part is None or part >= m.count:
            continue
        j = k + 1
        while j < len(tokens) and tokens[j].text in _THEM:
            j += 1
        start = j
        words: list[str] = []
        while j < len(tokens) and tokens[j].text.removesuffix("s") in SIBLING_WORDS:
            words.append(tokens[j].text.removesuffix("s"))
            j += 1
        sibling = f"{m.device_id}-{'-'.join(words)}"
        if not words or j == start or not db.variants(sibling):
            continue
        m.count -= part
        mentions.append(Mention(start, j, sibling, "gpu", count=part, count_explicit=True))
    mentions.sort(key=lambda x: x.start)


def merge_listed_aliases(
    tokens: Sequence[Token], mentions: list[Mention], db: DeviceDatabase, notes: list[str]
) -> list[Mention]:
    """'Device 0: AMD Instinct MI60 / MI50, gfx906': on a device listing's line, two names joined by a
    slash are the one name the driver gives both cards, not two cards: the first is kept, with a note."""
    out: list[Mention] = []
    chain_end = -1  # where the last name merged into out[-1] ends
    names: list[str] = []
    for m in mentions:
        prev = out[-1] if out else None
        end = max(chain_end, prev.end) if prev is not None else -1
        if (
            prev is not None
            and (prev.indexed or _pci_name_head(tokens, prev))
            and m.count is None
            and _slash_joined(tokens, end, m.start, prev.indexed)
            and tokens[m.start].line == tokens[prev.start].line
        ):
            first = _name_of(prev, db)
            names = (names if chain_end >= 0 else [first]) + [_name_of(m, db)]
            ways = "both ways" if len(names) == 2 else f"{len(names)} ways"
            note = f"'{' / '.join(names)}' is one card the driver names {ways}: read as the {first}"
            if chain_end >= 0:
                notes[-1] = note  # a longer chain of names: one note for all of them
            else:
                notes.append(note)
            chain_end = m.end
            continue
        out.append(m)
        chain_end = -1
    return out


def _slash_joined(tokens: Sequence[Token], end: int, start: int, indexed: bool) -> bool:
    """The names end at `end` and start at `start` with a slash between; a PCI name also skips the short
    names no card row holds ("RX 470/480/570/570X/580/580X/590")."""
    if end >= start or tokens[end].text != "/":
        return False
    if start == end + 1:
        return True
    return not indexed and all(
        t.text == "/" or t.is_num or (t.is_word and len(t.text) <= 3) for t in tokens[end:start]
    )


def _pci_name_head(tokens: Sequence[Token], m: Mention) -> bool:
    """The PCI database's name of a chip, as neofetch and inxi print it: "AMD ATI Radeon RX 7900 XT/7900 XTX",
    "Navi 31 [Radeon RX 7900 XT/7900 XTX/7900M]": the names after the slashes are the same chip's."""
    before = {t.text for t in tokens[max(0, m.start - 3) : m.start] if t.line == tokens[m.start].line}
    return "ati" in before or "[" in before


def _name_of(m: Mention, db: DeviceDatabase) -> str:
    rows = db.variants(m.device_id)
    return rows[0].name if rows else m.device_id


def merge_named_twice(
    tokens: Sequence[Token], mentions: list[Mention], db: DeviceDatabase, notes: list[str]
) -> None:
    """'Grace Hopper GH200', 'Gaudi2 HL-225H x8', 'RTX 3090 3090 24GB': one device named twice in a row
    (two of its names, or a word typed twice) is one device, not two; a doubled name gets a note."""
    k = 1
    while k < len(mentions):
        a, b = mentions[k - 1], mentions[k]
        if (
            a.device_id != b.device_id
            or b.start != a.end
            or tokens[b.start].line != tokens[a.start].line
            or a.kind != b.kind
            or (a.spec is None) != (b.spec is None)
        ):
            k += 1
            continue
        if tokens[a.end - 1].text == tokens[b.end - 1].text:
            notes.append(f"read '{_name_of(a, db)}' written twice in a row as one (a doubled word?)")
        a.end = b.end
        a.plural = a.plural or b.plural
        a.unknown_suffix = a.unknown_suffix or b.unknown_suffix
        del mentions[k]


def merge_either_or(
    tokens: Sequence[Token], mentions: list[Mention], db: DeviceDatabase, notes: list[str]
) -> list[Mention]:
    """'两张A100/A800 80G', 'two A100/H100': a count, then two cards joined by a slash with no space is
    one card written two ways (either will do), not one of each: the first is read, with a note."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        slash = tokens[m.start - 1] if m.start > 0 else None
        if (
            prev is not None
            and slash is not None
            and slash.text == "/"
            and slash.glued
            and tokens[m.start].glued
            and prev.end == m.start - 1
            and prev.kind == m.kind == "gpu"
            and m.count is None
            and prev.device_id != m.device_id
            and (
                (prev.count_explicit and (prev.count or 1) > 1)
                # "AMD Instinct MI250X/MI250": one part's name and its sibling's, as a driver names it
                or (prev.count is None and prev.device_id.startswith(m.device_id))
            )
        ):
            typed = "".join(t.text for t in tokens[prev.start : m.end]).upper()
            notes.append(f"read '{typed}' as one card written two ways: the {_name_of(prev, db)}")
            continue
        out.append(m)
    return out


# what joins the cards of one listed set ("3090, 3090, A4000", "3090 + A4000")
_SET_JOINERS = frozenset({",", "+", "&", "and", "/"})


def drop_set_listed_again(
    tokens: Sequence[Token], mentions: list[Mention], db: DeviceDatabase, notes: list[str]
) -> list[Mention]:
    """'3090,3090,A4000 or A4000,3090,3090': the same cards listed twice in another order, the lists
    joined by "or", are one set of cards (the order they sit in), not two sets: the second list is
    dropped, with a note. `mentions` are sorted by position."""
    starts = [m.start for m in mentions]
    for o, t in enumerate(tokens):
        if t.text != "or":
            continue
        # the mentions after the "or" are those from the first starting past it; those before it end
        # by it, and start by it too: each list is read lazily, from the "or" away (the runs stop at
        # the first mention not joined, so a long list of "or"s costs no scan of every mention)
        k = bisect.bisect_right(starts, o)
        left = (mentions[j] for j in range(k - 1, -1, -1) if mentions[j].end <= o)
        first = _run(tokens, left, o, backwards=True)
        second = _run(tokens, (mentions[j] for j in range(k, len(mentions))), o + 1, backwards=False)
        ids = sorted(m.device_id for m in first)
        if len(first) >= 2 and ids == sorted(m.device_id for m in second):
            names = ", ".join(_name_of(m, db) for m in first)
            notes.append(f"read the cards listed twice in two orders as one set: {names}")
            gone = {id(m) for m in second}
            return [m for m in mentions if id(m) not in gone]
    return mentions


def _run(tokens: Sequence[Token], ordered: Iterable[Mention], edge: int, backwards: bool) -> list[Mention]:
    """The mentions listed one after another from `edge` (an "or"), away from it, joined only by
    `_SET_JOINERS` with nothing else between them."""
    run: list[Mention] = []
    at = edge
    for m in ordered:
        gap = tokens[m.end : at] if backwards else tokens[at : m.start]
        if any(g.text not in _SET_JOINERS for g in gap) or (run and not gap):
            break
        run.append(m)
        at = m.start if backwards else m.end
    return run


def count_the_others_too(tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'it worked on one of my RTX 3060's, and my other 2 3060's were detected': the cards counted as the
    "other" ones of a card named before are more of it, so that card is counted with them (three)."""
    for i, m in enumerate(mentions):
        k = m.start - 1
        if m.count is None or k < 1 or not tokens[k].is_num or tokens[k - 1].text != "other":
            continue
        before = next((x for x in reversed(mentions[:i]) if x.device_id == m.device_id), None)
        if before is not None and not before.tentative:
            m.count += before.count or 1
