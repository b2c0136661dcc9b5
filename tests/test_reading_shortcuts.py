"""Whitespace that ends a message changes nothing the core reads.

The tokenizer stops at the whitespace that ends a text (trying each place in a long run of it cost
time quadratic in its length, as in a paste of blank lines): the rig and the question read from a
text are the ones read from the same text with any whitespace after it.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import MAX_QUESTION_CHARS, Catalog, default_catalog, parse_hardware, read_question

_WORDS = [
    "2x", "rtx", "3090", "64gb", "ddr5", "m2", "max", "96gb", "ryzen", "7950x", "qwen3", "30b", "on", "my",
    "can", "i", "run", "?", ",", ".", "\n", "吗", "内存", "with", "and", "4090", "h100", "or", "vs",
]  # fmt: skip
texts = st.lists(st.sampled_from(_WORDS), max_size=16).map(" ".join)
ends = st.text(alphabet=" \t\n\r\x0b\x0c\u3000\u2003", min_size=1, max_size=40)


@given(text=texts, end=ends)
@settings(max_examples=150, deadline=None)
def test_whitespace_ending_a_rig_changes_no_reading(text: str, end: str) -> None:
    assert parse_hardware(text + end) == parse_hardware(text)


def _asked(text: str) -> tuple[object, ...]:
    q = read_question(text, default_catalog().index)
    return q.models, q.hardware, q.kind


@given(text=texts, end=ends)
@settings(max_examples=100, deadline=None)
def test_whitespace_ending_a_question_changes_no_reading(text: str, end: str) -> None:
    assert _asked(text + end) == _asked(text)


def test_a_question_under_the_limit_is_read_however_its_nicknames_spell_out(catalog: Catalog) -> None:
    """'k2' is read as 'kimi k2': spelled out a thousand times, a 3,999-character question would pass the
    limit; it is still read, never refused for a length the asker did not write."""
    text = ("k2? " * 1000)[: MAX_QUESTION_CHARS - 1]
    q = read_question(text, catalog.index)
    assert not q.problems
