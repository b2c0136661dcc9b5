"""The readers' lazily compiled patterns search a rewritten form of their text: the checks that open a
pattern ("\\bkobold", "(?<![\\w-])exo") move behind the literal text that follows them, so the regex
engine can look for that text alone instead of trying the pattern at every place of a long message;
a pattern used often is compiled anew behind a lookahead for the characters its matches open with.

Each rewritten form must match exactly what the written one does. Every lazily compiled pattern of the
readers is run, as compiled, against the written pattern over the questions and rig texts of the
test corpora (as written and lowercased) and over texts made to sit on the edges of the checks. A pattern
whose every match holds one of a few literal texts answers a long text that holds none of them at once:
its methods must find what the written pattern does over the corpus texts run together."""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import sizing.hardware
import sizing.question

DATA = Path(__file__).resolve().parent / "data"
CORPORA = [
    DATA / "questions.jsonl",
    DATA / "hardware_texts.jsonl",
    *(DATA / "reading" / f"{name}.jsonl" for name in ("hardware", "kinds", "names", "questions")),
]
# the edges of the checks: a word character, a hyphen, a dot or a digit just before or after a cue,
# the text's start and end, full-width and accented letters, a newline
EDGES = [
    "kobold cpp",
    "xkobold cpp",
    "-exo cluster",
    "exo-",
    "the exo run",
    "hip",
    "ahip rocm",
    "_rocm",
    "best coding model",
    "thebest model",
    "how many users",
    "somehow many users",
    "模型 显卡 24gb",
    "é4090 rtx",
    "4090rtx 3090",
    "3x3090 2 x 4090",
    "a 70b model\nllama 3 70b",
    ".5 bit 4-bit q4_k_m",
    "--max-model-len 8192 -c 4096 --ctx-size=8k",
]


def _texts() -> list[str]:
    texts = list(EDGES)
    for path in CORPORA:
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return texts + [t.lower() for t in texts]


def _reader_patterns() -> Iterator[Any]:
    """Every lazily compiled pattern alive once the readers are imported (found by its class's name:
    the class is private to the package)."""
    sizing.question.read_question  # noqa: B018 - the question reader and the modules it imports
    sizing.hardware.parse_hardware  # noqa: B018
    for obj in gc.get_objects():
        if type(obj).__name__ in ("LazyPattern", "AnyMatch") and type(obj).__module__.startswith("sizing."):
            yield obj


def _long_texts(texts: list[str]) -> list[str]:
    """The corpus texts run together into messages of some 600 characters: over 64 characters a
    pattern first looks for the literal text each of its matches holds."""
    out: list[str] = []
    part: list[str] = []
    for text in texts:
        part.append(text)
        if sum(map(len, part)) > 600:
            out.append(" ".join(part))
            part = []
    return [*out, "\n".join(part)]


PATTERNS = sorted({(p.pattern, p.flags): p for p in _reader_patterns()}.items())
TEXTS = _texts()
LONG_TEXTS = _long_texts(TEXTS)


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


def test_the_readers_have_lazily_compiled_patterns_and_some_are_rewritten() -> None:
    assert len(PATTERNS) > 150
    rewritten = [
        p for _, p in PATTERNS if type(p).__name__ == "LazyPattern" and p.compiled().pattern != p.pattern
    ]
    assert len(rewritten) > 30


@pytest.mark.parametrize(
    "pattern", [p for _, p in PATTERNS if type(p).__name__ == "LazyPattern"], ids=lambda p: p.pattern[:50]
)
def test_a_pattern_as_compiled_matches_what_its_text_does(pattern: Any) -> None:
    written = re.compile(pattern.pattern, pattern.flags)
    first = pattern.compiled()
    for _ in range(10):
        pattern.search("")  # used often: compiled anew behind the gate of the characters a match opens with
    for compiled in dict.fromkeys((first, pattern.compiled())):
        assert (compiled.groups, compiled.groupindex) == (written.groups, written.groupindex)
        for text in TEXTS:
            assert _matches(compiled, text) == _matches(written, text), text


def test_many_patterns_look_for_their_literal_text_first() -> None:
    lazy = [p for _, p in PATTERNS if type(p).__name__ == "LazyPattern"]
    for p in lazy:
        for _ in range(10):  # a process that reads many texts: from now on the methods are set for good
            p.search(" " * 100)
    guarded = [p for p in lazy if p.search != p.compiled().search]
    assert len(guarded) > 80
    assert any(p.search == p.compiled().search for p in lazy)  # a pattern with no literals: its own


def test_a_pattern_reads_its_literals_at_its_first_long_text() -> None:
    lazy_pattern = next(type(p) for _, p in PATTERNS if type(p).__name__ == "LazyPattern")
    pattern = lazy_pattern(r"(\d+)\s+concurrent\s+users")
    written = re.compile(pattern.pattern)
    for text in ("8 concurrent users", "no users", "x" * 100, "x" * 100 + " 8 concurrent users"):
        assert _matches(pattern.compiled(), text) == _matches(written, text)
        assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == _matches(written, text), text
        assert pattern.sub("#", text) == written.sub("#", text), text
        first = pattern.match(text)
        assert (first.span() if first else None) == _span(written.match(text)), text
    assert pattern.search("8 concurrent users") is not None
    assert pattern.search("y" * 100) is None  # no "concurrent": answered by the literals' check


def test_a_pattern_used_often_on_short_texts_reads_its_literals_too() -> None:
    lazy_pattern = next(type(p) for _, p in PATTERNS if type(p).__name__ == "LazyPattern")
    guarded, plain = lazy_pattern(r"(\d+)\s+concurrent\s+users"), lazy_pattern(r"\d+")
    for _ in range(20):
        assert guarded.search("8 concurrent users") is not None
        assert plain.search("8 users") is not None
    assert guarded.search != guarded.compiled().search  # behind the literals' check, as after a long text
    assert plain.search == plain.compiled().search  # no literals: the compiled pattern's own method


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return m.span() if m else None


@pytest.mark.parametrize(
    "pattern", [p for _, p in PATTERNS if type(p).__name__ == "LazyPattern"], ids=lambda p: p.pattern[:50]
)
def test_a_pattern_looked_up_by_its_literals_finds_what_its_text_does(pattern: Any) -> None:
    written = re.compile(pattern.pattern, pattern.flags)
    pattern.compiled()
    for text in LONG_TEXTS:
        found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert found == _matches(written, text), text
        first = pattern.search(text)
        assert (first.span() if first else None) == (found[0][0] if found else None), text
        assert pattern.sub("#", text) == written.sub("#", text), text


@pytest.mark.parametrize(
    "pattern", [p for _, p in PATTERNS if type(p).__name__ == "AnyMatch"], ids=lambda p: p.pattern[:50]
)
def test_a_cue_list_as_compiled_finds_what_its_text_does(pattern: Any) -> None:
    written = re.compile(pattern.pattern, pattern.flags)
    for text in TEXTS:
        assert pattern(text) == (written.search(text) is not None), text


def test_many_patterns_used_often_are_gated_by_the_characters_their_matches_open_with() -> None:
    lazy = [p for _, p in PATTERNS if type(p).__name__ == "LazyPattern"]
    for p in lazy:
        for _ in range(10):
            p.search("")
    assert sum("(?=[" in p.compiled().pattern and "(?=[" not in p.pattern for p in lazy) > 80


GATES = [
    # (pattern, flags, whether it is gated, texts)
    (
        r"(?:\bneeds?|(?<!i\s)\b(?:hit|reach)|需要)\s*(\d+)\s*t/s",
        0,
        True,
        ["need 40 t/s", "i hit 9 t/s", "需要 5t/s"],
    ),
    (
        r"[+~]?(?<![\w.])\d+\s*tps\b",
        re.IGNORECASE,
        True,
        ["+30 TPS", "a30 tps", ".5 tps", "~ 5 tps", "~5 tps"],
    ),
    # case folds beyond ASCII: the long s and the Kelvin sign match "s" and "k" case-insensitively
    (r"(?:\bsize|\bkeep)s?\b", re.IGNORECASE, True, ["\u017fize", "\u212aeep", "SIZE", "Keeps", "xsize"]),
    (r"(?:x*|y)z", 0, True, ["z", "xxz", "yz", "ay"]),
    (r"a?", 0, False, ["", "a", "b"]),  # an empty match: no character opens it
    (r"^(?:ab|cd)", 0, False, ["ab", "xcd"]),  # tried at the start alone
    (r"(?:[^a]b|c)d", 0, False, ["xbd", "cd", "abd"]),  # a negated class: nearly every character
    (r"(?:\w+|c)d", 0, False, ["xbd", "cd"]),  # a word character: nearly every character
    (r"(?i:ab)|cd", 0, False, ["AB", "cd"]),  # a group with flags of its own
    (r"kobold", 0, False, ["kobold"]),  # a literal: the engine skips ahead to it by itself
]


@pytest.mark.parametrize(("pattern", "flags", "gated", "texts"), GATES, ids=[g[0][:30] for g in GATES])
def test_the_first_characters_gate_keeps_every_match(
    pattern: str, flags: int, gated: bool, texts: list[str]
) -> None:
    lazy_pattern = next(type(p) for _, p in PATTERNS if type(p).__name__ == "LazyPattern")
    lazy = lazy_pattern(pattern, flags)
    for _ in range(10):
        lazy.search("")  # settled: compiled anew behind the gate where it has one
    compiled, written = lazy.compiled(), re.compile(pattern, flags)
    assert ("(?=[" in compiled.pattern) == gated
    assert (compiled.groups, compiled.groupindex) == (written.groups, written.groupindex)
    for text in [*texts, " ".join(texts), "".join(texts)]:
        assert _matches(compiled, text) == _matches(written, text), text
