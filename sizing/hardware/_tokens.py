"""Normalising and tokenising free text for the hardware parser.

Text is NFKC-normalised (full-width "１２ＧＢ" -> "12gb"), lowercased, and split into runs of
letters, runs of digits (with a decimal part), runs of CJK characters and single symbols.
Letter/digit boundaries split ("rtx3090ti" -> rtx, 3090, ti) so device names can be matched on
token concatenations; each token remembers whether it was glued to the one before ("16gb",
"1080p") and its line. Multiplication signs (×, ✖, *) and an "x" between numbers ("2x3090",
"3090x2", "2x32gb", "16gbx4") become the symbol "*".
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .._lazy_re import LazyPattern
from ._lexicon import TYPO_FIXES
from ._spelling import NEAR_MISSES, SHORT_SPELLINGS

__all__ = [
    "CJK",
    "MAX_TEXT_CHARS",
    "SENTENCE_ENDS",
    "Token",
    "fix_digit_typos",
    "light_normalise",
    "normalise",
    "tokenise",
]

MAX_TEXT_CHARS = 4000  # longer text is refused: nobody describes a rig in more
SENTENCE_ENDS = frozenset({".", "!", "?", ";"})  # the tokens that end a sentence (Latin punctuation)

_CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
CJK = LazyPattern(f"[{_CJK_RANGES}]")
_MULTIPLY_SIGNS = str.maketrans(
    {"×": "*", "✖": "*", "✕": "*", "╳": "*", "⨯": "*", "\ufe0f": None, "＊": "*", "®": None, "™": None}
)
_TYPO_WORDS = LazyPattern(r"\b(?:" + "|".join(sorted(TYPO_FIXES, key=len, reverse=True)) + r")\b")
_PICTOGRAPHS = LazyPattern("[\u2600-\u27bf\U0001f000-\U0010ffff]")
_TRADEMARKS = LazyPattern(r"\((?:r|tm|c)\)")
_CONTROL = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f]")
# "PCIe 4.0 x16", "pcie x8", "gen4 x4": lane widths, not counts
_PCIE_LANES = LazyPattern(r"(pci-?e?|gen\s?\d)((?:\s*\d\.0)?\s*)x(\d{1,2})\b")  # glued: "x16", not "x 4"
# the widths a PCIe slot is wired with; "A100 PCIe x2" (no generation named) is two cards
_LANE_WIDTHS = frozenset({"1", "4", "8", "16"})


def _lanes(m: re.Match[str]) -> str:
    """'pcie 4.0 x16' -> 'pcie 4.0 lanes16'; 'pcie x2' with no generation stays a count."""
    if "." in m.group(2) or m.group(1).startswith("gen") or m.group(3) in _LANE_WIDTHS:
        return f"{m.group(1)}{m.group(2)}lanes{m.group(3)}"
    return m.group(0)


# /proc/meminfo's first line ("MemTotal:       131811460 kB", proc(5)): the system memory in KiB
_MEMTOTAL = LazyPattern(r"\bmemtotal:\s*(\d{6,11})\s*kb\b")
# JSON-ish keys that carry the unit: "ram_gb": 64 -> ram: 64gb
_KEY_UNIT = LazyPattern(
    r"\b(ram|vram|memory|mem|unified_memory|gpu_memory)_?(gb|gib|mb|mib)[\"']?\s*[:=]\s*(\d+(?:\.\d+)?)"
)
# "256G D4", "64gd5内存": DDR4/DDR5 written short after an amount (common in Chinese posts)
# "64gb dd4": the same with a key pressed twice
_DDR_SHORT = LazyPattern(r"(\d\s?(?:gb|g|gib|tb|t))\s?d?d([345])(?![0-9a-z])")
# "32 gb rma": RAM with two letters swapped, after an amount only ("RMA" alone is a returned part)
_RAM_SWAPPED = LazyPattern(r"(\d\s?(?:gb|g|gib|gigs?))(\s?)rma\b")
# "AMD5900x", "amd7950x3d": the brand glued to a four-digit model number ("amd64" is an architecture)
_AMD_GLUED = LazyPattern(r"(?<![a-z0-9])amd(?=\d{4}(?:[a-z]|x3d)?(?![a-z0-9]))")
# "4070 super ti": the suffixes typed the other way round
_SUPER_TI = LazyPattern(r"(\d)\s?super\s?ti\b")
# "Total Physical Memory: 65,227 MB" (Windows systeminfo): thousands separated by commas before MB
_THOUSANDS = LazyPattern(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?=\s?(?:mb|mib)\b)")
# JSON-ish keys in bytes: "ram_bytes": 134149156864 -> ram: 127936mib (a tool's figure, in MiB)
# `sysctl hw.memsize` (macOS) prints the memory in bytes too: "hw.memsize: 68719476736"
_KEY_BYTES = LazyPattern(r"\b(ram|vram|memory|mem)_?(?:bytes|size)[\"']?\s*[:=]\s*(\d{9,14})\b")
# "ramGB": 128 (a JSON key in camel case, lowercased here): the unit in the key, no "_" before it
_KEY_UNIT_GLUED = re.compile(r"(?:ram|mem|memory)(?:gb|gib|mb|mib)[\"']?\s*[:=]")
# "RTX PRO 6000" written short: "rtx6kpro", "rtx 6k pro", "pro 6k" (6k = 6000)
_SIX_K_PRO = LazyPattern(r"\b(?:rtx\s?)?(?:6k\s?pro|pro\s?6k)\b")
# "RTXA2000": the A of NVIDIA's RTX A-series workstation cards glued to "RTX" ("rtx a2000")
_RTX_A_GLUED = LazyPattern(r"\brtxa(?=\d{3,4}\b)")
# "4070 Tis are hard to get": the plural of the Ti before a plural verb, not "TiS" (Ti Super) written short
_TIS_PLURAL = LazyPattern(r"(?<=\d )tis(?=\s+(?:are|were|go|cost|sell|seem|remain)\b)")
# a datacenter card's name glued to its memory size: "A10080G", "h10080gb", "a80040g" (A100 80GB ...)
_CARD_GLUED_MEMORY = LazyPattern(r"(?<![a-z0-9])([ah][18]00)(40|80)(?:\s?(?:gb?|gib))?(?![a-z0-9])")
# Qualcomm's generation as an ordinal: "second generation Snapdragon 8" (Snapdragon 8 Gen 2), "第三代骁龙8"
_ORDINAL_GEN = LazyPattern(
    r"\b(first|second|third|1st|2nd|3rd)[\s-]+gen(?:eration)?\.?\s+(?:qualcomm\s+)?snapdragon\s?8(\+|\s?plus)?(?![\w.])"
)
_ORDINAL_GEN_CJK = LazyPattern(r"第\s?([一二三123])\s?代\s?(?:骁龙|驍龍|snapdragon)\s?8(\+)?(?![\d.])")
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "一": 1, "二": 2, "三": 3}
# a unit typed with an accent ("8ğb", "16 ģb"): a stray diacritic on the letter after an amount
_ACCENTED_UNIT = LazyPattern(r"(?<=\d)(\s?)([^\x00-\x7f])(?=(?:i?b)?(?![^\W\d_]))")
# Intel's Xeon lines in Chinese: 至强 Xeon, 铂金 Platinum, 金牌 Gold, 银牌 Silver, 铜牌 Bronze
_XEON_TIERS_ZH = LazyPattern("至强\\s?(铂金|金牌|银牌|铜牌)")
_XEON_TIER_NAMES = {"铂金": "platinum", "金牌": "gold", "银牌": "silver", "铜牌": "bronze"}
# "12个G": Chinese casual for 12 GB
_GE_G = LazyPattern(r"(\d)\s*个\s*(g|gb)(?![a-z])")
# "24gb ddr6x", "ddr7": a graphics card's memory with its G left out (system memory stops at DDR5;
# LPDDR6 keeps its prefix)
_VIDEO_DDR = LazyPattern(r"(?<![a-z])ddr(?=[67])")
# a letter o typed for a zero inside a model number: "3o90", "rtx4o90", "1o80 ti"
# or ending one ("rtx 309o", "4o6o ti")
# or ending a model number after its letter ("rtx a600o", "arc a77o"; one digit is a word: "h2o",
# but not after "Tesla": "Tesla P4O")
# (the Cyrillic о too, typed on a Russian layout: "4о90")
# (the letter first, its context looked behind: one scan for the letter)
_O_FOR_ZERO = re.compile(
    r"[oо](?:(?<=\d.)(?=\d)|(?<=[^\w.]\d[\doо]\d.)\b|(?<=^\d[\doо]\d.)\b"
    r"|(?<=\b[a-z]\d\do)\b|(?<=\b[a-z]\d\d\do)\b|(?<=\btesla p\do)\b)"
)
# "16gbx4", "16G×2": a memory size times a count; a CJK classifier may follow ("24Gx2张", "32Gx16条")
_UNIT_TIMES = LazyPattern(r"(\d)\s*(gb|g|gib)\s*[x*]\s*(\d{1,2})(?![0-9a-z])")
# "x" as a multiplier: between a short number and a letter/digit ("2xh100", "4xarc", "1xb70"),
# or between any number and a short number ("3090x2", "2x32gb"). Not inside names ("7900xtx").
# not the X of Snapdragon "X Elite" / "X Plus" ("Surface Laptop 7 X Elite"), nor of Apple's Radeon Pro
# cards ("Radeon Pro 580X 8GB", "Pro 560X 4GB") or of AMD's R9/R7/R5 cards ("R9 270X 4GB"), nor of a model
# number ("AmpereOne A192-32X")
_X_BEFORE = LazyPattern(
    r"(?<![a-z0-9.])(?<![a-z0-9]-)(?<!pro )(?<!r[579] )(\d{1,3})\s?x(?=\s?[a-z0-9])"
    r"(?!t\b|tx\b|t[^a-z]|\s(?:elite|plus)\b)"
)
# a cooler's fan count in a board's name ("MSI 4070 Ventus 3X 12G", "Windforce 2X"): no count of anything
_FAN_COUNT = LazyPattern(r"\b(ventus|windforce)\s?[2-4]\s?x(?![a-z0-9])")
_UNIT_THEN_TIMES = re.compile(r"g\s*[x*]|g(?:i?b)\s*[x*]")  # what _UNIT_TIMES needs
_DIGIT_THEN_X = re.compile(r"\d\s?x")  # what _X_BEFORE needs
_X_NEAR_DIGIT = re.compile(r"\d\s?x|x\s?\d")  # none of the x rewrites applies without one
# not a CPU's suffix: "7800x3d", "5800x3d" are no counts
_X_BETWEEN_NUMBERS = LazyPattern(r"(?<=\d)x(?!3d(?![a-z0-9]))(?=\d{1,2}(?![0-9]))")
# not Snapdragon's "X2 Elite" / "X1 Plus" either, nor Cambricon's board names ("MLU370 X8" is the MLU370-X8)
_X_SPACED = LazyPattern(
    r"(?<=\s)(?<!mlu\d{3}\s)x(?=\s?\d{1,2}(?![0-9]|\s?(?:gb|g\b|tb)))(?!\d\s(?:elite|plus)\b)"
)
# "A40 (x2)": a count in brackets; not where brackets hold lane widths ("3090 (x16) and 3060 (x4)")
_X_BRACKETED = LazyPattern(r"(?<=\()x(?=\s?\d{1,2}\))")
# "4090 (2x)": a count in brackets after the card, written as the times sign after its number
_BRACKET_TIMES = LazyPattern(r"\((\d{1,2})x\)")
# each token with the whitespace before it, and a group for anything no token is made of
# (digits of other scripts): one findall gives every token with its offset (tokenise is a hot path).
# The whitespace is taken whole (no token starts with a space), and the text is read without the
# whitespace at its end: from each place in a run of it, nothing matches, and trying every place
# over again cost time quadratic in its length
_TOKEN_RUNS = re.compile(
    r"(\s*+)(?:([0-9]+(?:\.[0-9]+|,[0-9](?![0-9]))?)"  # numbers; a comma decimal has one digit ("63,7 go")
    rf"|([^\W\d_{_CJK_RANGES}]+)"  # letters of any alphabet but CJK
    rf"|([{_CJK_RANGES}]+)"  # a run of CJK, kana or hangul
    r"|([^\s\w]|_)"  # any other symbol
    r"|(\S))"
)


class Token(NamedTuple):
    """One token; an immutable tuple (cheap to build: a rig description makes dozens per parse)."""

    text: str
    start: int
    end: int
    glued: bool  # no whitespace between this token and the previous one
    line: int
    is_num: bool
    is_word: bool  # letters of a non-CJK alphabet
    is_cjk: bool
    typed: str = ""  # the word as typed, where it was read as a near name word ("suepr" -> "super")

    @property
    def value(self) -> float:
        return float(self.text.replace(",", "."))


def light_normalise(text: str) -> str:
    """NFKC, lowercase, no control characters, trademarks or emoji: the text CPU names are read in."""
    if not text.isascii():
        if "\uff0c" in text:  # a full-width comma separates items, never decimals ("9654，1.5T内存")
            text = text.replace("\uff0c", ", ")
        text = unicodedata.normalize("NFKC", text).translate(_MULTIPLY_SIGNS)
    s = text.lower()
    if not s.isprintable():  # newlines, tabs, control and zero-width characters
        s = _CONTROL.sub(" ", s)
    if "(" in s:
        s = _TRADEMARKS.sub("", s)
    if not s.isascii():
        s = _PICTOGRAPHS.sub(" ", s)  # emoji and other pictographs
    if "d4" in s or "d5" in s or "d3" in s:
        s = _DDR_SHORT.sub(r"\1 ddr\2", s)
    if "rma" in s:
        s = _RAM_SWAPPED.sub(r"\1\2ram", s)
    if "amd" in s:
        s = _AMD_GLUED.sub("amd ", s)
    if "super" in s and "ti" in s:
        s = _SUPER_TI.sub(r"\1 ti super", s)
    if "ddr6" in s or "ddr7" in s:
        s = _VIDEO_DDR.sub("gddr", s)
    if "6k" in s:
        s = _SIX_K_PRO.sub("rtx pro 6000", s)
    if "rtxa" in s:
        s = _RTX_A_GLUED.sub("rtx a", s)
    if "tis " in s:
        s = _TIS_PLURAL.sub("ti's", s)
    if "00" in s and ("a" in s or "h" in s):
        s = _CARD_GLUED_MEMORY.sub(r"\1 \2g", s)
    if "gen" in s and "snapdragon" in s:
        s = _ORDINAL_GEN.sub(lambda m: f"snapdragon 8{m.group(2) or ''} gen {_ORDINALS[m.group(1)]}", s)
    if "代" in s:
        s = _ORDINAL_GEN_CJK.sub(
            lambda m: f" snapdragon 8{m.group(2) or ''} gen {_ORDINALS.get(m.group(1), m.group(1))} ", s
        )
    if not s.isascii():
        s = _ACCENTED_UNIT.sub(_plain_unit, s)
    if "至强" in s:
        s = _XEON_TIERS_ZH.sub(lambda m: f" xeon {_XEON_TIER_NAMES[m.group(1)]} ", s)
    return _TYPO_WORDS.sub(lambda m: TYPO_FIXES[m.group(0)], s)


def _plain_unit(m: re.Match[str]) -> str:
    """'8ğb' -> '8gb': the unit's letter without its accent; other letters after a number stay."""
    base = unicodedata.normalize("NFKD", m.group(2))[0]
    return m.group(1) + base if base != m.group(2) and base in "gmkt" else m.group(0)


def fix_digit_typos(light: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """'3o90' -> '3090'. Returns the text and (offset, word as typed) of each fix, for the notes."""
    if _O_FOR_ZERO.search(light) is None:
        return light, ()
    fixes = tuple((m.start(), _word_at(light, m.start())) for m in _O_FOR_ZERO.finditer(light))
    return _O_FOR_ZERO.sub("0", light), fixes


def _word_at(text: str, i: int) -> str:
    start, end = i, i
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


_DOTTED_VERSION = LazyPattern(r"(?<![\w.])v?\d+\.\d+\.\d+(?:\.\d+)*(?![\w.])")


def normalise(light: str) -> str:
    """From light_normalise's output: multiplication signs and lane widths rewritten for the tokenizer."""
    s = light
    if s.count(".") >= 2:  # a version with two dots ("ollama 0.17.7", "v0.6.2", "CUDA 12.4.1") is no amount
        s = _DOTTED_VERSION.sub(lambda m: " " * len(m.group()), s)
    if "pci" in s or "gen" in s:
        s = _PCIE_LANES.sub(_lanes, s)
    if "memtotal" in s:
        s = _MEMTOTAL.sub(lambda m: f"ram: {int(m.group(1)) / 1024:.0f}mib", s)
    if "_" in s or _KEY_UNIT_GLUED.search(s):
        s = _KEY_UNIT.sub(r"\1: \3\2", s)
        if "bytes" in s:
            s = _KEY_BYTES.sub(lambda m: f"{m.group(1)}: {int(m.group(2)) / 2**20:.0f}mib", s)
    if "memsize" in s:
        s = _KEY_BYTES.sub(lambda m: f"{m.group(1)}: {int(m.group(2)) / 2**20:.0f}mib", s)
    if "个" in s:
        s = _GE_G.sub(r"\1\2", s)
    if "," in s and ("mb" in s or "mib" in s):  # what _THOUSANDS needs after the number
        s = _THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), s)
    # each rewrite runs only where a cheap scan finds what it needs (a hot path)
    if _X_NEAR_DIGIT.search(s):
        if "ventus" in s or "windforce" in s:
            s = _FAN_COUNT.sub(r"\1", s)
        if _UNIT_THEN_TIMES.search(s):
            s = _UNIT_TIMES.sub(r"\1\2*\3", s)
        s = _X_BETWEEN_NUMBERS.sub("*", s)
        if _DIGIT_THEN_X.search(s):
            s = _X_BEFORE.sub(r"\1*", s)
        s = _X_SPACED.sub("*", s)
        if "(x16)" not in s:
            if "(x" in s:
                s = _X_BRACKETED.sub("*", s)
            if "x)" in s:
                s = _BRACKET_TIMES.sub(r"(*\1)", s)
    elif "*" in s and _UNIT_THEN_TIMES.search(s):
        s = _UNIT_TIMES.sub(r"\1\2*\3", s)
    return s


def tokenise(normalised: str) -> list[Token]:
    tokens: list[Token] = []
    has_lines = "\n" in normalised
    line = 0
    pos = 0
    prev_end = -1  # no token yet: the first is never glued
    append = tokens.append
    new = tuple.__new__  # Token's own __new__ adds a Python call per token; the fields are the same
    fixes = TYPO_FIXES.get
    # one branch per kind of token, each building its Token with the kind's flags written out (a hot
    # loop: no bool() calls, no second test of the kind)
    for space, num, word, cjk, sym, other in _TOKEN_RUNS.findall(normalised.rstrip()):
        if space:
            if has_lines:
                line += space.count("\n")
            pos += len(space)
        start = pos
        if num:
            pos += len(num)
            append(new(Token, (num, start, pos, start == prev_end, line, True, False, False, "")))
        elif word:
            pos += len(word)
            typed = ""
            text = fixes(word)
            if text is None:
                text = word
                if (size := len(word)) > 1 and (
                    near := (NEAR_MISSES if size > 3 else SHORT_SPELLINGS).get(word)
                ):
                    # "suepr"; "tii", a key pressed twice in a short suffix; "4080 supe", a cut suffix
                    typed, text = word, near
            append(new(Token, (text, start, pos, start == prev_end, line, False, True, False, typed)))
        elif cjk:
            pos += len(cjk)
            append(new(Token, (cjk, start, pos, start == prev_end, line, False, False, True, "")))
        elif sym:
            pos += len(sym)
            append(new(Token, (sym, start, pos, start == prev_end, line, False, False, False, "")))
        else:
            pos += len(other)  # a character no token is made of ("٣"): skipped, as a gap
            continue
        prev_end = pos
    return tokens
