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


def test_a_context_past_the_model_limit_gets_the_limit_not_the_default(catalog: Catalog) -> None:
    # past what the model handles: its limit said first, and the answer sized at it
    a = answer_text("can I run qwen3 8b on a 3090 with context 99999999?", catalog)
    text = a.model_dump_json()
    assert a.verdict.startswith("Qwen3 8B handles at most 131,072 tokens, not the 99,999,999 asked")
    assert "none asked" not in text


def test_a_miss_names_the_smallest_quant_tried_not_the_one_shown(catalog: Catalog) -> None:
    # ten million tokens of KV cache (within what the model handles) dwarf any weights: every quant is
    # about as short, a larger one shown
    a = answer_text("can I run llama 4 scout on a 3090 with 10000000 context?", catalog)
    assert a.verdict.startswith(
        "No: Llama 4 Scout 17B-16E does not fit even at IQ1_S, the smallest quantization"
    )
    assert "it is about" in a.verdict and "none asked" not in a.model_dump_json()


def test_a_capacity_answer_says_when_the_asked_context_was_capped(catalog: Catalog) -> None:
    a = answer_text(
        "what is the largest model I can run on 16x RTX 3090 and 2TB RAM with 10000000 context?", catalog
    )
    assert "the 10,000,000 asked were capped there" in a.verdict
    b = answer_text(
        "what is the largest model I can run on 16x RTX 3090 and 2TB RAM with 32k context?", catalog
    )
    assert "capped" not in b.verdict
