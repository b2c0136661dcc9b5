"""Amounts of memory in a listing position: items of a spec list beside the rig's parts.

A figure with no cue word ("RAM", "DDR5", "显存") is system RAM only where it stands as an item
of a list of the rig's parts: "5950X / 128GB / 3090", "4090 + 64GB", "i5-10400 with 16GB",
"Xeon workstation with 512GB", "🖥️ 4090 | 🧠 64GB". Elsewhere ("the model takes ~5GB",
"24GB isn't enough", "the 40GB file") it is not memory of the rig.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._cues import cue_in
from ._lexicon import GENERIC_MEMORY_CUES, MOD_WORDS, RAM_CUES, VRAM_CUES
from ._mentions import Mention
from ._quantities import Quantity
from ._tokens import Token

__all__ = ["MACHINE_WORDS", "mark_listed", "said_of_use"]

# symbols that end a sentence: a list does not run across them
_SENTENCE_END = frozenset({".", "!", "?", ";", "。", "！", "？"})
# words that join the items of a list of parts
_SEPARATORS = frozenset(
    {
        ",", "/", "+", "|", "&", "、", ":", "(", ")", "-", "·", "=", "•",
        "and", "with", "w", "plus", "paired", "und", "mit", "et", "avec", "y", "con", "e", "com", "и", "с",
    }
)  # fmt: skip
_CJK_JOINERS = ("和", "加", "跟", "与", "及", "配", "带")
# words that may stand between a separator and the part it joins ("with a 7950X3D")
_ARTICLES = frozenset({"a", "an", "the", "my", "one", "single", "also", "some", "of"})
# machines: an amount beside them is the machine's memory ("workstation with 512GB", "36GB MacBook")
MACHINE_WORDS = frozenset(
    {
        "workstation", "server", "laptop", "notebook", "desktop", "pc", "rig", "build", "box", "combo",
        "setup", "machine", "nuc", "minipc", "tower", "vcpu", "vcpus", "node", "instance", "macbook", "imac",
        "mac", "mbp", "mba", "powerbook", "studio", "phone", "handheld", "tablet", "board", "sbc",
        "ноутбук", "笔记本", "电脑", "服务器", "主机", "工作站", "手机",
    }
)  # fmt: skip
_MODEL_WORDS = frozenset({"pro", "air", "mini", "studio", "max", "ultra", "plus", "x", "xl", '"', "'", "”"})
# words right before an amount that make it the size of a model or a file ("the model takes ~5GB")
_NOT_RIG_BEFORE = frozenset(
    {
        "takes", "take", "taking", "needs", "need", "needed", "requires", "require", "uses", "use",
        "using", "is", "was", "weighs", "occupies", "about", "~", "around", "approx", "another",
        "extra", "braucht", "fait", "весит", "занимает", "要", "占", "需要",
    }
)  # fmt: skip
# words right after an amount that make it a model or a file, not memory of the rig
_NOT_RIG_AFTER = frozenset(
    {
        "model", "models", "file", "files", "gguf", "quant", "quants", "weights", "checkpoint",
        "download", "one", "version", "used", "usage", "left", "free", "context", "kv", "cache",
        "modell", "modèle", "модель", "模型",
    }
)  # fmt: skip

# words shortly after an amount beside a card that make it memory in use, needed or too little, not the
# card's size: "20GB used", "20 GB of it is used", "20GB isn't enough", "20GB won't load"
_USE_AFTER = (_NOT_RIG_AFTER - {"one", "version"}) | frozenset(
    {
        "allocated", "reserved", "available", "usable", "reported", "needed", "required", "swap",
        "pagefile", "enough", "load", "fit", "use",
    }
)  # fmt: skip
_USE_SPAN = 5  # tokens after the amount looked at
# "ram" too: "a 3090 with 128gb ram enough?" is RAM, asked about
_USE_STOPS = frozenset({",", ".", ";", "/", "+", "(", ")", "and", "with", "&", "ram"})


def said_of_use(tokens: Sequence[Token], q: Quantity) -> bool:
    """Words shortly after the amount say it is memory in use, needed or too little."""
    line = tokens[q.start].line
    if any(t.text in MOD_WORDS for t in tokens[max(0, q.start - 3) : q.start]):
        return False  # "3090 (a modded 48GB one)": the card's size as modded
    for t in tokens[q.end : q.end + _USE_SPAN]:
        if t.line != line or t.text in _USE_STOPS:
            return False
        if t.text in _USE_AFTER:
            return True
    return False


_NEED_WORDS = frozenset(
    {
        "needs", "need", "needed", "requires", "require", "required", "takes", "wants",
        # memory a model eats, not the memory a rig has: "it eats up roughly 19GB of VRAM"
        "eat", "eats", "ate", "eating", "consume", "consumes", "consumed", "consuming", "occupy", "occupies",
        "occupied", "leaves", "leaving",
    }
)  # fmt: skip
_CJK_NEED = ("需要", "占用", "占了", "吃了", "吃掉", "用了", "要", "必要", "降低到", "降到", "控制在")
# the memory noun a need may stand before: "吃了内存20GB" (it ate 20 GB of RAM)
_CJK_NEED_NOUN = tuple(need + noun for need in _CJK_NEED for noun in ("内存", "显存"))


def _needed_before(tokens: Sequence[Token], q: Quantity) -> bool:
    """The word before an amount says a model needs or takes it."""
    if q.start == 0 or tokens[q.start - 1].line != tokens[q.start].line:
        return False
    k = q.start - 1
    while k > 0 and q.start - k <= 4 and tokens[k].text in _NEED_BOUNDS:
        k -= 1  # "needs ~10GB", "you need at least 42GB VRAM", "requires less than 20GB of memory"
    if tokens[k].text == "of":  # "a total required memory of 67.3 GiB", "needed VRAM of 20GB"
        j = k - 1
        while j > 0 and k - j <= 2 and tokens[j].text in _MEMORY_NOUNS:
            j -= 1
        if j < k - 1:
            k = j
    w = tokens[k].text if k >= 0 else ""
    if w in _USE_WORDS:  # "the 30B at Q4 uses 5.84GB of VRAM", "LLMs using 32GBs of vram": a model's use
        return _model_uses(tokens, k, q)
    return w in _NEED_WORDS or (tokens[k].is_cjk and w.endswith(_CJK_NEED + _CJK_NEED_NOUN))


_USE_WORDS = frozenset({"uses", "using", "used"})
# what a model is called where it is the one using memory ("the model uses", "LLMs using")
_MODEL_NOUNS = frozenset({"model", "models", "llm", "llms", "weights", "context", "kv"})


def _model_uses(tokens: Sequence[Token], k: int, q: Quantity) -> bool:
    """The words before 'uses' at k, in its clause, name a model or its quant, or a card follows the amount
    ("uses 8 GB on RTX 3090"): the amount is memory taken, not a card's size nor the RAM (a person or a
    machine using memory has it: "I'm using 64GB")."""
    line = tokens[k].line
    if q.end < len(tokens) and tokens[q.end].text == "on" and tokens[q.end].line == line:
        return True  # "only uses 8 GB on RTX 3090": memory in use on a card, not its size nor the RAM
    for b in range(k - 1, max(-1, k - 4), -1):
        if tokens[b].line != line or tokens[b].text in _SENTENCE_END or tokens[b].text == ",":
            return False
        if tokens[b].text in _MODEL_NOUNS:
            return True
    return _after_model_name(tokens, k, {})


_MEMORY_NOUNS = frozenset({"memory", "vram", "ram", "gpu"})
# words between a need and its amount: an estimate or a bound of it ("needs about 10GB", "requires more
# than 24GB", "needs under 8GB")
_NEED_BOUNDS = frozenset(
    {
        "~", "about", "around", "at", "least", "most", "less", "more", "than", "over", "under", "below",
        "above", "up", "roughly", "approximately", "nearly", "almost",
        # "leaves a measly ~5GB", "takes only 6GB", "needs just 4GB"
        "a", "an", "only", "just", "mere", "measly",
    }
)  # fmt: skip


# units tools print (MiB), not the ones people write their RAM in
_MACHINE_UNITS = frozenset({"m", "mib", "mb", "mi"})


# words that name a model's size or precision ("13b", "q5", "q4_k_m", "fp16", "4bit")
_QUANT_WORDS = frozenset(
    {"fp16", "bf16", "fp8", "fp4", "int4", "int8", "gguf", "awq", "gptq", "bit", "bpw", "exl2"}
)


_DEVICE_WORDS = frozenset({"gpu", "dgpu", "egpu", "card", "graphics"})
_BACK_REFERENCE = frozenset({"same", "that", "this", "my"})


def _after_model_name(tokens: Sequence[Token], start: int, part_ends: dict[int, str]) -> bool:
    """A model's parameter count or quant name stands just before an amount, on its line (a part's
    name is no model: "Pi 4B 8GB", "Altra Q80-30 with 256GB")."""
    line = tokens[start].line
    for k in range(start - 1, max(-1, start - 7), -1):
        t = tokens[k]
        if t.line != line or t.text in _SENTENCE_END or t.text == "," or k + 1 in part_ends:
            return False
        if t.text in _QUANT_WORDS:
            return True
        if t.is_word and t.glued and k > 0 and tokens[k - 1].is_num and t.text == "b":
            return True  # "13b", "70B"
        if t.is_num and t.glued and k > 0 and tokens[k - 1].text in ("q", "iq"):
            return True  # "q5", "Q4_K_M", "IQ2_XXS"
    return False


def _is_separator(t: Token) -> bool:
    return t.text in _SEPARATORS or (t.is_cjk and t.text.endswith(_CJK_JOINERS))


def mark_listed(
    tokens: Sequence[Token],
    quantities: Sequence[Quantity],
    mentions: Sequence[Mention],
    cpu_tokens: tuple[int, int] | None,
) -> None:
    """Set `listed` on each amount with no cue that stands as an item of a list of parts."""
    starts: dict[int, str] = {}
    ends: dict[int, str] = {}
    for m in mentions:
        starts[m.start] = ends[m.end] = m.kind
        if m.end < len(tokens) and tokens[m.end].text in _DEVICE_WORDS:
            ends[m.end + 1] = m.kind  # "the 7700S dGPU and 64GB": the word names the part it follows
    for q in quantities:
        if q.attached is not None:  # a card's own memory extends the card ("3060 12GB, 64GB")
            ends[q.end] = q.attached.kind
    if any(m.kind == "gpu" for m in mentions):
        # "... on my 4070 Super. And on the same card + 64GB?": a card named before, referred back to
        for k in range(1, len(tokens)):
            if tokens[k].text in _DEVICE_WORDS and tokens[k - 1].text in _BACK_REFERENCE:
                ends.setdefault(k + 1, "gpu")
    if cpu_tokens is not None:
        starts[cpu_tokens[0]] = ends[cpu_tokens[1]] = "cpu"
    amounts = {q.start for q in quantities}
    for k, t in enumerate(tokens):
        if t.text in MACHINE_WORDS:
            end = k + 1
            # "MacBook Pro 16", "Mac mini", "Mac Pro 2019": the model words and numbers after the machine
            # (never an amount's: "Custom PC 64GB" is the PC's memory)
            while end < len(tokens) and (
                tokens[end].text in _MODEL_WORDS
                or (tokens[end].is_num and len(tokens[end].text) <= 4 and end not in amounts)
            ):
                end += 1
            starts.setdefault(k, "machine")
            ends.setdefault(end, "machine")
    for q in quantities:
        if q.attached is None and q.kind in ("vram", "ram") and _needed_before(tokens, q):
            # "跑7B模型需要8G显存", "the 14B needs 10GB VRAM", "by default it requires 25GB of memory":
            # what a model needs
            q.model_like = True
        if q.kind != "unknown" or q.attached is not None:
            continue
        if (q.end < len(tokens) and tokens[q.end].text in _NOT_RIG_AFTER) or (
            q.start > 0 and tokens[q.start - 1].text in _NOT_RIG_BEFORE
        ):
            q.model_like = True
            continue
        if _after_model_name(tokens, q.start, ends):
            q.model_like = True  # "13B q5 (9.2GB)", "Q4_K_M is 19.8GB": the size of that model's file
            continue
        if tokens[q.end - 1].text in _MACHINE_UNITS:
            continue  # "12168M" in a tool's table: a device's memory as printed, never a RAM item
        q.listed = (
            _left_is_part(tokens, q, ends)
            or _right_is_part(tokens, q, starts)
            or (_own_item(tokens, q) and any(tokens[k].line == tokens[q.start].line for k in starts))
        )


def _left_is_part(tokens: Sequence[Token], q: Quantity, ends: dict[int, str]) -> bool:
    line = tokens[q.start].line
    k = q.start - 1
    crossed = False
    for _ in range(4):
        if k < 0 or tokens[k].line != line or tokens[k].text in _SENTENCE_END:
            return False
        kind = ends.get(k + 1)
        if kind is not None:
            # a part right before: across a separator, or directly after a CPU, chip or machine
            return crossed or kind in ("cpu", "soc", "machine")
        t = tokens[k]
        if _is_separator(t):
            crossed = True
        elif not (t.text in _ARTICLES or _is_memory_word(t.text)):
            return False
        k -= 1
    return False


_ITEM_SEPARATORS = frozenset({",", "+", "/", "|", "、", "&", "•", "·", "(", ")"})


def _own_item(tokens: Sequence[Token], q: Quantity) -> bool:
    """The amount is a whole item of a separated list on its line ("4090 + 2TB 990 Pro + 96GB")."""
    line = tokens[q.start].line
    k = q.start - 1
    while k >= 0 and tokens[k].line == line and tokens[k].text in _ARTICLES:
        k -= 1
    if k >= 0 and tokens[k].line == line and tokens[k].text not in _ITEM_SEPARATORS:
        return False
    left_open = k < 0 or tokens[k].line != line
    k = q.end
    while k < len(tokens) and tokens[k].line == line and _is_memory_word(tokens[k].text):
        k += 1
    at_end = k >= len(tokens) or tokens[k].line != line
    if not at_end and tokens[k].text not in _ITEM_SEPARATORS:
        return False
    return not (left_open and at_end)  # a lone figure on its line is no list item


def _is_memory_word(word: str) -> bool:
    """A cue word that ends the item before ("3060 12GB VRAM, 64GB", "780M 512MB UMA and 32GB")."""
    return cue_in(word, VRAM_CUES) or cue_in(word, RAM_CUES) or cue_in(word, GENERIC_MEMORY_CUES)


def _right_is_part(tokens: Sequence[Token], q: Quantity, starts: dict[int, str]) -> bool:
    line = tokens[q.end - 1].line
    k = q.end
    crossed = False
    for _ in range(4):
        if k >= len(tokens) or tokens[k].line != line or tokens[k].text in _SENTENCE_END:
            return False
        kind = starts.get(k)
        if kind is not None:
            return crossed or kind in ("cpu", "soc", "machine")
        t = tokens[k]
        if _is_separator(t):
            crossed = True
        elif t.text not in _ARTICLES:
            return False
        k += 1
    return False
