"""A price said per unit ("two 3090s at $650 each", "$800 apiece", "$700 per card") is each card's;
a price said for several cards with no such word ("two 3090s for $1,300") is their total."""

from __future__ import annotations

import pytest

from bot.answers import CompareAnswer, answer_text
from sizing import Catalog, read_question

SAID = [
    (
        "a 4090 at $1700 or two used 3090s at $650 each for llama 3.3 70b",
        {"rtx-4090": 1700.0, "rtx-3090": 650.0},
    ),
    (
        "3x 3060 12gb for $250 apiece vs one 3090 for $700 for qwen3 32b",
        {"rtx-3060": 250.0, "rtx-3090": 700.0},
    ),
    (
        "two 4060 ti 16gb at $420 per card or a 3090 at $700 for gemma 3 27b",
        {"rtx-4060-ti": 420.0, "rtx-3090": 700.0},
    ),
    ("two 3090s for $1,300 or one 4090 for $1,650 for qwen3 32b", {"rtx-3090": 650.0, "rtx-4090": 1650.0}),
]


@pytest.mark.parametrize(("text", "said"), SAID, ids=[t for t, _ in SAID])
def test_a_price_each_is_per_unit(catalog: Catalog, text: str, said: dict[str, float]) -> None:
    assert dict(read_question(text, catalog.index).prices_said) == said


def test_the_cost_of_two_cards_at_a_price_each_is_twice_it(catalog: Catalog) -> None:
    a = answer_text("a new 5090 at $2100 or two used 3090s at $650 each for qwen3 32b at 32k", catalog)
    assert isinstance(a, CompareAnswer)
    two = next(c for c in a.comparisons if c.hardware.gpus and c.hardware.gpus[0].count == 2)
    assert two.price_usd == pytest.approx(1300.0)
    assert "$1,300" in a.verdict
