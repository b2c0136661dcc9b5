"""Patterns compiled on first use: a cue alternation searched in parts finds what the whole finds."""

from __future__ import annotations

import re

import pytest

from sizing._lazy_re import AnyMatch, LazyPattern

PATTERNS = [
    (r"\bhow\s+many\b|\bwhat\s+hardware\b|сколько|几\s*张", 0),
    (r"\bbest\b.{0,20}\bmodels?\b|recommend|\bwhich\s+llm", re.IGNORECASE),
    # a conditional group names a group the split could move into another part: searched whole
    (r"(x)?\bspeed(?(1)y|z)|\bfast", 0),
    # a back-reference: searched whole
    (r"\b(\w)\1\b|\bdouble", 0),
    # a class holding a bar, a group holding one: split only at the top level
    (r"\ba[|]b|\b(?:c|d)e|[x|y]z", 0),
]
TEXTS = [
    "how many 3090s do I need",
    "What hardware?",
    "сколько видеокарт",
    "要几张卡",
    "the BEST coding Models",
    "which llm",
    "speedz",
    "xspeedy",
    "speedy",
    "fast enough",
    "aa",
    "a|b",
    "de",
    "|z",
    "nothing here",
    "",
]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
@pytest.mark.parametrize("text", TEXTS)
def test_any_match_finds_what_the_whole_pattern_finds(pattern: str, flags: int, text: str) -> None:
    assert AnyMatch(pattern, flags)(text) == (re.search(pattern, text, flags) is not None)


def test_a_pattern_with_a_group_reference_is_searched_whole() -> None:
    assert [p.pattern for p in AnyMatch(r"(x)?\bspeed(?(1)y|z)|\bfast").compiled()] == [
        r"(x)?\bspeed(?(1)y|z)|\bfast"
    ]


def test_word_led_alternatives_are_gathered_behind_one_boundary() -> None:
    assert [p.pattern for p in AnyMatch(r"\bhow\s+many|\bwhat|сколько").compiled()] == [
        r"\b(?:how\s+many|what)",
        "сколько",
    ]


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    lazy = LazyPattern(r"(\d+)\s*gb", re.IGNORECASE)
    found = lazy.search("a 24 GB card")
    assert found is not None and found.group(1) == "24"
    assert lazy.sub("N", "8gb and 16 GB") == "N and N"
