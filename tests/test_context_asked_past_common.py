"""A context asked in digits, however long, is read as asked: the answer sizes it (or states the
bound it breaks), never the default with "none asked"; a miss names the smallest quant it tried."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("can I run qwen3 8b on a 3090 with 10000000 context?", 10_000_000),
        ("qwen3 8b on a 3090 with 10,000,000 token context", 10_000_000),
        ("qwen3 8b on a 3090, context 99999999", 99_999_999),
        ("qwen3 8b on a 3090 with --max-model-len 50000000", 50_000_000),
    ],
)
def test_a_long_context_in_digits_is_read_as_written(catalog: Catalog, text: str, tokens: int) -> None:
    assert read_question(text, catalog.index).context == tokens


def test_a_context_past_the_bound_gets_the_range_not_the_default(catalog: Catalog) -> None:
    a = answer_text("can I run qwen3 8b on a 3090 with context 99999999?", catalog)
    text = a.model_dump_json()
    assert "10,485,760" in text and "99,999,999" in text and "none asked" not in text


def test_a_miss_names_the_smallest_quant_tried_not_the_one_shown(catalog: Catalog) -> None:
    # ten million tokens of KV cache dwarf any weights: every quant is about as short, Q8_0 shown
    a = answer_text("can I run qwen3 8b on a 3090 with 10000000 context?", catalog)
    assert a.verdict.startswith("No: Qwen3 8B does not fit even at IQ1_S, the smallest quantization tried")
    assert "at Q8_0 it is about" in a.verdict and "none asked" not in a.model_dump_json()


def test_a_capacity_answer_says_when_the_asked_context_was_capped(catalog: Catalog) -> None:
    a = answer_text(
        "what is the largest model I can run on 16x RTX 3090 and 2TB RAM with 10000000 context?", catalog
    )
    assert "the 10,000,000 asked were capped there" in a.verdict
    b = answer_text(
        "what is the largest model I can run on 16x RTX 3090 and 2TB RAM with 32k context?", catalog
    )
    assert "capped" not in b.verdict
