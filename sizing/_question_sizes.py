"""Memory figures in a question that describe no part of the rig: the size of a model's file told
in parentheses right after its name ("gemma3:4b (3.3gb)", "Qwen3 32B (about 20GB at Q4)") and what a
card or the RAM holds now, told against what it has ("3gb of vram usage (out of 24gb)", "uses 9 GB
out of 16 GB"). Both are blanked from the text the rig is read from, so that the size of the file is
no RAM and the part in use is no card of that size; the figure the part has stays. So is what a model,
a program or a process is said to use or need ("it's using 19gb of vram", "the model requires more
system memory (446.3 GiB)", "7b is > 12gb ram use", "量化后占显存15g") and a program's own memory setting
("max-model-memory (8.00GB)"): those are no size of the asker's parts, unless the asker says it of
their own ("I'm using 24GB of VRAM", "my laptop uses 16GB"). A speed ("+140t/s", "890 tok/s") names
no part either, though its figure and letter look like a chip's ("Arc 140T", "Radeon 890M"). A spec list's
label joined to its value by a dash ("PC memory - 32GB VRAM - 12GB", "RAM - 32GB") is read as
"label: value", and a machine said to have an amount with no memory word ("My machine has 64GB") has
that much RAM. A Chinese clause told as the past ("以前用一张3060跑的...") before one that tells the
present ("现在两张3090...") holds no part of the rig.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._lazy_re import LazyPattern

__all__ = [
    "with_card_memory",
    "with_labels_colon",
    "with_machine_ram",
    "without_past_rig",
    "without_speeds",
    "without_told_sizes",
]

_GB = r"(?<![\d.,])\d+(?:[.,]\d+)?\s*(?:gb|gib|g|mb|mib)\b"
# a figure alone in parentheses after a name, maybe "about"/"~" and a quant: no memory word inside it;
# a few words of the file may follow it ("gemma4:31b (19GB, dense, Q4_K_M)")
_SIZE_AFTER_NAME = LazyPattern(
    rf"(?i)\A\s*\(\s*(?:about|around|approx\.?|roughly|~|≈|约)?\s*{_GB}"
    r"(?:\s*(?:at|@|in)\s*[a-z0-9_.\-]{1,12})?(?:\s*[,;/]\s*(?!v?ram\b|vram\b|memory\b)[a-z0-9_.\-]{1,12}){0,3}\s*\)"
)
# a figure in use told against the one the part has: "3gb of vram usage (out of 24gb)", "9 GB used
# out of 16 GB", "uses 5.1GB out of 8GB"
_USED_OF = LazyPattern(
    rf"(?i)(?P<used>{_GB})(?P<middle>[^.!?\n]{{0,40}}?)\bout\s+of\s+(?:the\s+|my\s+|a\s+)?(?:total\s+(?:of\s+)?)?"
    rf"(?P<total>{_GB})"
)


# what something is said to use or need: "it's using 19gb of vram", "requires more system memory
# (446.3 GiB)", "needs about 20 GB", "takes 9GB"; the words between the verb and the figure hold no
# other figure and no end of a sentence
_CONSUMED = LazyPattern(
    r"(?i)(?:(?:\b(?:is|are|was|were)\s+|['’]s\s+|\b(?:version|model|quant|build)\s+)using"
    r"|\b(?:uses|requires|required|needs|needed|takes|took|consumes|consumed|occupies|occupied|eats))\b"
    rf"(?P<gap>[^.!?;\n\d]{{0,30}}?)(?<![\d.,])(?P<gb>{_GB})"
    # and a second figure joined to it: "using only 21GB VRAM and 136GB DRAM"
    rf"(?:\s*(?:of\s+)?(?:v?ram|dram|memory|system\s+memory)?\s*(?:and|\+|,)\s*(?P<gb2>{_GB}))?"
)
# the same in Chinese: "int4量化后占显存15g" (takes 15g of VRAM), "显存占用了20G", "消耗内存约30GB"
_CONSUMED_ZH = LazyPattern(
    r"(?i)(?:占用?|消耗|吃掉?)了?\s*(?:显存|内存)?\s*(?:约|大约|大概|将近|接近)?\s*"
    rf"(?P<gb>{_GB})"
    r"|(?:显存|内存)(?:占用|消耗|使用)(?:了|量|为|是)?\s*(?:约|大约|大概|将近|接近)?\s*"
    rf"(?P<gb_zh>{_GB})"
)
# a figure told as what is in use: "12gb ram use", "9 GB of VRAM usage"
_IN_USE = LazyPattern(
    rf"(?i)(?P<gb>{_GB})\s*(?:of\s+)?(?:v?ram|memory)\s+(?:use|usage)\b(?!\s*\(?\s*out\s+of)"
)
# an amount measured in use, said with "over", "more than" or "nearly" (the asker's own words too: "i
# do not know why i use over 200GB ram" beside "my M4 Max only has 128GB")
_USED_OVER = LazyPattern(
    r"(?i)\b(?:use|uses|used|using|eats?|eating|takes?|took|taking)\s+(?:up\s+)?(?:over|more\s+than|nearly|almost)\s*"
    rf"(?P<gb>{_GB})"
)
# a model's own size, told as what is run or loaded: "to run a 43 GB model", "loading the 20GB model",
# "a 9.8 GB gguf" ("I have the 24GB model" of a Mac names the machine: no verb of running before it)
_MODEL_FILE = LazyPattern(
    r"(?i)(?:\b(?:run|running|runs|load|loading|loads|fit|fits|fitting|download|downloading)\s+(?:a|an|the|this|that)\s+"
    rf"(?P<gb>{_GB})\s+(?:\w+\s+)?(?:model|llm|gguf|file|checkpoint)s?\b)"
    rf"|(?P<gb_file>{_GB})\s+(?:gguf|model\s+files?|weights\s+files?)\b"
)
# the installed memory and what the OS leaves usable, as Windows shows them: "32.0 GB (31.6 GB usable)",
# "32.0 GB (31.6 GB 可用)": the installed figure is the machine's
_USABLE = LazyPattern(
    rf"(?i)(?P<total>{_GB})\s*\(\s*{_GB}\s*(?:可用|usable|available|utilisable|nutzbar)\s*\)"
)
# a program's own memory setting: "max-model-memory (8.00GB)", "max_vram=12GB"
_MAX_SETTING = LazyPattern(rf"(?i)\bmax[-_][\w-]*(?:memory|mem|vram|ram)\b\W{{0,3}}(?P<gb>{_GB})")
# the asker speaking of their own: "I'm using", "we need", "my laptop uses"
_FIRST_PERSON = LazyPattern(r"(?i)\b(?:i|i'm|im|i['’]ve|we|we're|my|our|me)\b")
_CLAUSE_END = LazyPattern(r"[.!?;,\n]")


# the subject right before the verb is the model: "model requires more system memory (69.0 GiB)" in an
# error the asker quotes ("it gives me this error: ...") is the model's need, whoever speaks
_MODEL_SUBJECT = LazyPattern(r"(?i)\b(?:model|llm|weights)\s+(?:now\s+|still\s+|only\s+|also\s+)?\Z")


def _said_of_own(text: str, at: int) -> bool:
    """Whether the clause before `at` has the asker as its subject."""
    if _MODEL_SUBJECT.search(text, max(0, at - 24), at) is not None:
        return False
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
    return _FIRST_PERSON.search(text, start, at) is not None


def without_told_sizes(hw_text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`hw_text` (the question with the models' names blanked; `spans` where the names were) with
    the file sizes told after names and the figures in use blanked."""
    out = list(hw_text)
    for _, end in spans:
        m = _SIZE_AFTER_NAME.search(hw_text[end : end + 48])
        if m is not None:
            out[end + m.start() : end + m.end()] = " " * (m.end() - m.start())
    told_against: list[tuple[int, int]] = []
    for m in _USED_OF.finditer(hw_text):
        # the figure the part has takes the place of the one in use, beside the words that name the
        # part ("24gb of vram usage ("): what is in use is no part of the rig
        told = f"{m.group('total')} {m.group('middle')}"
        out[m.start() : m.end()] = told.ljust(m.end() - m.start())[: m.end() - m.start()]
        told_against.append((m.start(), m.end()))
    for m in _USABLE.finditer(hw_text):
        a, b = m.end("total"), m.end()
        out[a:b] = " " * (b - a)
    for m in _MODEL_FILE.finditer(hw_text):
        a, b = m.span("gb") if m.group("gb") is not None else m.span("gb_file")
        out[a:b] = " " * (b - a)
    for pattern in (_CONSUMED, _CONSUMED_ZH, _IN_USE, _MAX_SETTING, _USED_OVER):
        for m in pattern.finditer(hw_text):
            a, b = m.span("gb") if m.group("gb") is not None else m.span("gb_zh")
            if any(x < b and a < y for x, y in told_against) or (
                pattern not in (_MAX_SETTING, _USED_OVER) and _said_of_own(hw_text, m.start())
            ):
                continue
            out[a:b] = " " * (b - a)
            if pattern is _CONSUMED and m.group("gb2") is not None:
                a, b = m.span("gb2")
                out[a:b] = " " * (b - a)
    return "".join(out)


# a part's label, a dash, then its value: "PC memory - 32GB", "VRAM - 12GB", "Model parameters - 70b"
_DASHED_LABEL = LazyPattern(
    r"(?i)\b(?:memory|ram|vram|gpu|cpu|graphics\s+card|video\s+card|parameters|params|model\s+size)"
    r"(?P<dash>\s+[-\u2013\u2014]\s+)(?=[a-z0-9])"
)
# a machine said to have an amount, no memory word after it: "my machine has 64GB", "the PC has 32 GB."
_MACHINE_HAS = LazyPattern(
    r"(?i)\b(?:machine|computer|pc|desktop|laptop|notebook|workstation|server|box|system)\s+"
    r"(?:has|have|with)\s+(?P<gb>\d{1,4}\s*gb)\b(?!\s*(?:of\s+)?(?:v?ram|memory|unified|ddr|gddr|lpddr|vram|"
    r"storage|ssd|disk|nvme|hdd|drive|emmc|of\s+(?:storage|disk)|(?:rtx|gtx|rx|radeon|geforce|nvidia|amd|intel|arc|"
    r"quadro|tesla)\b|[a-z]{0,2}\d{3,4}\b))"
)


def with_labels_colon(text: str) -> str:
    """`text` with a dash between a label and its value read as a colon (the length kept)."""
    return _DASHED_LABEL.sub(
        lambda m: m.group().replace(m.group("dash"), ":" + " " * (len(m.group("dash")) - 1)), text
    )


# the RAM had now told after RAM to add, no memory word with the amount: "if I add 128gb ram?
# currently 32gb", "upgrade to 96gb of ram, right now 32gb"
_RAM_NOW = LazyPattern(
    r"(?i)\b(?:ram|memory|ddr[45])\b[^\n]{0,40}?\b(?:currently|right\s+now|at\s+the\s+moment|for\s+now|now)\s*"
    r"(?:i\s+have\s+|have\s+|it'?s\s+|only\s+|at\s+|is\s+)?(?P<gb>\d{1,4}\s*gb)\b"
    r"(?!\s*(?:of\s+)?(?:v?ram|memory|vram|unified|ddr|gddr|lpddr|storage|ssd|disk))"
)


def with_machine_ram(hw_text: str) -> str:
    """`hw_text` with the amount a machine is said to have told as its RAM, and the RAM had now told
    after the RAM to add."""
    hw_text = _RAM_NOW.sub(lambda m: f"{m.group()} RAM", hw_text)
    return _MACHINE_HAS.sub(lambda m: f"{m.group()} RAM", hw_text)


# a card's memory written 内存 (the word for RAM) in the card's own clause: "4090显卡只有24GB内存",
# "两块4090显卡，每块24GB内存", "每张卡24G的内存": the card's memory, not the machine's RAM ("1650显卡
# 40G内存", the amount right after the card with no word saying the card has it, is the machine's)
_CARD_MEMORY = LazyPattern(
    r"(?:显卡[^，,。；;？?！!\n\d]{0,4}?(?:有|是|为|带)[^，,。；;？?！!\n\d]{0,2}|(?:每|单)(?:张|块)卡?"
    r"[^，,。；;？?！!\n\d]{0,6}|gpu[^，,。；;？?！!\n\d]{0,6})"
    r"\d{1,3}(?:\.\d)?\s*g[b]?\s*(?:的)?\s*(?P<word>内存)",
    re.IGNORECASE,
)


def with_card_memory(hw_text: str) -> str:
    """`hw_text` with a card's memory written 内存 told as 显存 (the length kept)."""
    return _CARD_MEMORY.sub(lambda m: m.group()[: m.start("word") - m.start()] + "显存", hw_text)


# a clause told as the past in Chinese ("以前用一张3060跑的 X，现在两张3090 ..."), when a later one says
# what there is now: the card of the past is no part of the rig
_PAST_CLAUSE = LazyPattern(r"(?:以前|之前|先前|原来)[^，,。；;？?！!\n]{0,60}")
_NOW_AFTER = LazyPattern(r"现在|目前|如今")


def without_past_rig(hw_text: str) -> str:
    """`hw_text` with a clause told as the past blanked, where a later clause tells the present."""
    out = list(hw_text)
    for m in _PAST_CLAUSE.finditer(hw_text):
        if _NOW_AFTER.search(hw_text, m.end()) is not None:
            out[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(out)


# a speed: "140t/s", "+140 T/s", "55.2 tok/s", "30 tokens/sec", "12 tps"
_SPEED = LazyPattern(
    r"(?i)[+~]?(?<![\w.])\d+(?:[.,]\d+)?\s*(?:t|tok|toks|tokens?)\s*/\s*s(?:ec(?:ond)?)?\b|(?<![\w.])\d+(?:[.,]\d+)?\s*tps\b"
)


def without_speeds(hw_text: str) -> str:
    """`hw_text` with the speeds blanked (the length kept)."""
    return _SPEED.sub(lambda m: " " * len(m.group()), hw_text)
