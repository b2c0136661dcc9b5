"""A speed measured on the asker's card and the speed asked on another card is a replacement weighed,
never one rig of both cards: the answer scales the other card's estimate by the speed measured."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question

ASKED = [
    ("my 3090 gives 110 tok/s on qwen3 30b a3b, how fast would a 5090 be?", "RTX 3090", "RTX 5090", 110),
    ("I get 45 t/s with my 4090 on gemma 3 27b. how fast with a 5090?", "RTX 4090", "RTX 5090", 45),
    ("getting 30 tokens/s on gemma 3 27b with a 4090, what would a 5090 give?", "RTX 4090", "RTX 5090", 30),
    ("my 3090 does 25 tok/s on qwen3 32b, how fast on a 5090?", "RTX 3090", "RTX 5090", 25),
    (
        "my 3060 gets 12 tok/s on qwen3 14b; how much faster would a 4070 ti super be?",
        "RTX 3060",
        "4070 Ti",
        12,
    ),
    ("i see 20 t/s on mistral small 3.2 with my 7900 xtx, what about a 4090?", "7900 XTX", "RTX 4090", 20),
    (
        "i get 7 tok/s on llama 3.3 70b with my 2x 3060, what would 2x 3090 give?",
        "2x NVIDIA GeForce RTX 3060",
        "2x NVIDIA GeForce RTX 3090",
        7,
    ),
]


@pytest.mark.parametrize(("text", "old", "new", "seen"), ASKED)
def test_the_other_card_replaces_the_one_measured(
    catalog: Catalog, text: str, old: str, new: str, seen: float
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert q.change is not None and q.change.startswith("replacing ")
    before, after = q.change.removeprefix("replacing ").split(" with ")
    assert old in before and new not in before
    assert new in after
    assert q.speed_seen == seen


@pytest.mark.parametrize(("text", "old", "new", "seen"), ASKED)
def test_a_speed_measured_is_no_speed_wished(
    catalog: Catalog, text: str, old: str, new: str, seen: float
) -> None:
    assert read_question(text, catalog.index).min_tps is None


@pytest.mark.parametrize(
    "text",
    [
        # no speed measured: the other card is no replacement of a measured one
        "how fast would a 5090 be on qwen3 32b compared to my 3090?",
        # more of the same card is an addition
        "i get 40 t/s on gemma 3 27b with my 3090, how fast would it be with a second 3090?",
    ],
)
def test_without_a_speed_measured_or_with_a_card_added_nothing_is_replaced(
    catalog: Catalog, text: str
) -> None:
    change = read_question(text, catalog.index).change
    assert change is None or not change.startswith("replacing ")


@pytest.mark.parametrize(("text", "old", "new", "seen"), ASKED[:4])
def test_the_answer_scales_the_other_cards_speed_by_the_one_measured(
    catalog: Catalog, text: str, old: str, new: str, seen: float
) -> None:
    verdict = answer_text(text, catalog).verdict
    assert f"You measure ~{seen:g} tokens/s now" in verdict
    assert "at the same ratio the upgrade gives about" in verdict
