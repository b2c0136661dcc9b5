"""Sizes of one model line weighed without public scores: the larger where both fit alike and keep up;
sizes listed with slashes or asked "which one?" are a choice between them. Sentences written for
these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


def test_the_larger_size_of_one_line_wins_where_both_fit_on_the_gpu(catalog: Catalog) -> None:
    a = answer_text("qwen2.5 14b or qwen2.5 32b on my 3090 24gb?", catalog)
    assert a.verdict.startswith("Qwen2.5 32B is the better pick")
    assert "size within one model line" in a.verdict


def test_a_larger_size_too_slow_to_keep_up_loses_to_the_smaller(catalog: Catalog) -> None:
    a = answer_text("qwen3 8b or qwen3 32b on an 8gb 3060 ti with 32gb ram?", catalog)
    assert a.verdict.startswith("Qwen3 8B is the better pick")


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Qwen2.5 3B/7B/14B on a 12GB 3060, which one?", ["qwen2.5-3b", "qwen2.5-7b", "qwen2.5-14b"]),
        ("llama 3.1 8b / 70b / 405b for 2x 3090", ["llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b"]),
    ],
)
def test_every_size_after_slashes_names_one_model(catalog: Catalog, text: str, ids: list[str]) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == ids


@pytest.mark.parametrize(
    "text",
    [
        "gemma 3 12b, qwen3 14b, phi-4 on a 4070 12gb, which one?",
        "mistral nemo 12b and qwen3 14b for a 3060 12gb, which should I pick?",
    ],
)
def test_which_one_after_models_listed_asks_for_a_choice(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).kind == "compare"


def test_where_neither_size_keeps_up_the_faster_wins(catalog: Catalog) -> None:
    a = answer_text("Qwen2.5 3B or 7B on a raspberry pi 5 8gb, which one?", catalog)
    assert a.verdict.startswith("Qwen2.5 3B is the better pick")
