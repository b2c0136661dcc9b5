"""The readers' shortcuts find what the long way finds.

Reading a long message stays fast because some work is skipped where it cannot change the answer:
the tokenizer stops at the whitespace that ends the text, the closing question of a message is
looked for without trying each space before it again (and without the Chinese branch where no 吗
is), and a fuzzy model name is scored against the catalog names rapidfuzz finds near before any
other. Each is checked here against the long way.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import UnknownModelError, default_catalog
from sizing._question_asked_rig import (
    _QUESTION_REST,
    _QUESTION_START,
    _QUESTION_WORDS,
    _RIG_QUESTION,
    _RIG_QUESTION_WORDED,
)
from sizing.catalog import _resolve
from sizing.hardware._tokens import tokenise

_PIECES = [
    " ", "  ", "\n", "\t", ",", ".", "?", "？", "!", ";", "，", "。", "吗", "嗎", "can", "Can", "but ",
    "and ", "now", "what about", "what\nabout", "how fast", "is", "do", "est-ce que", "peut", "3090",
    "qwen3", "run", "i", "x", "能跑",
]  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)
# the same question pattern as written before the shortcut: spaces may be given back one by one
_BACKTRACKING = re.compile(
    _QUESTION_START.replace(r"\s*+", r"\s*").replace(r"\s++", r"\s+")
    + _QUESTION_WORDS
    + r"|(?=[^.!?;\n，。；]*[吗嗎]\s*[?？]))"
    + _QUESTION_REST,
    re.IGNORECASE,
)


def _last(rx: re.Pattern[str], text: str) -> tuple[int, int] | None:
    found = None
    for m in rx.finditer(text):
        found = m.span()
    return found


@given(text=st.text(), end=st.text(alphabet=" \t\n\r\x0b\x0c\u3000\u2003", min_size=1))
@settings(max_examples=300, deadline=None)
def test_whitespace_ending_the_text_makes_no_token(text: str, end: str) -> None:
    assert tokenise(text + end) == tokenise(text)


@given(text=texts)
@settings(max_examples=400, deadline=None)
def test_the_closing_question_is_the_one_backtracking_finds(text: str) -> None:
    assert _last(_RIG_QUESTION.compiled(), text) == _last(_BACKTRACKING, text)


@given(text=texts.map(lambda t: t.replace("吗", "").replace("嗎", "")))
@settings(max_examples=400, deadline=None)
def test_without_ma_the_worded_pattern_finds_the_same_question(text: str) -> None:
    assert _last(_RIG_QUESTION_WORDED.compiled(), text) == _last(_RIG_QUESTION.compiled(), text)


def _fuzzy(query: str) -> object:
    try:
        return _resolve._fuzzy(query, query, default_catalog().index).model.id
    except UnknownModelError as err:
        return str(err), err.suggestions


@pytest.mark.parametrize(
    "query",
    [
        "mistrall nemo",
        "deepsek",
        "lamma 70b",
        "qwen 3",
        "xyzzy",
        "gemmma 3 12b",
        "llama_model_load",
        "nemotron super",
        "phi",
        "glm 4.5 air",
        "lamma",
        "qwen coder 32",
        "dolphin mixtral",
        "kimi k2 instruct",
        "gpt oss 20",
    ],
)
def test_a_fuzzy_name_reads_as_if_every_catalog_name_were_scored(
    query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    near_first = _fuzzy(query)
    monkeypatch.setattr(_resolve, "_FUZZY_CUTOFF", 0.0)  # every name scored in one pass
    assert near_first == _fuzzy(query)
