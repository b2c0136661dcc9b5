"""Prices the asker gives, in the sentences people weigh cards in: each amount belongs to the card
named right before it, a card sold is worth what the asker gets for it, and a cost figured from the
asker's prices says so. Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import default_catalog, read_question

CAT = default_catalog()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "torn between a 3090 at $620 and a 4070 ti super at $700, budget $750, for qwen3 14b",
            {"rtx-3090": 620.0, "rtx-4070-ti-super": 700.0},
        ),
        (
            "I'm weighing a 4090 at $1700 and a 5090 at $2300 for qwen3 32b",
            {"rtx-4090": 1700.0, "rtx-5090": 2300.0},
        ),
        (
            "if I sell my 4090 for $1500 and buy a 5090 for $2400, worth it for qwen3 32b?",
            {"rtx-4090": 1500.0, "rtx-5090": 2400.0},
        ),
        # the amount before the card, as before
        ("$650 3090 vs $1900 4090 for qwen3 32b", {"rtx-3090": 650.0, "rtx-4090": 1900.0}),
    ],
)
def test_each_amount_is_the_card_named_with_it(text: str, said: dict[str, float]) -> None:
    assert dict(read_question(text, CAT.index).prices_said) == said


def test_a_cost_from_the_askers_prices_is_not_called_dated() -> None:
    a = answer_text("should I sell my 3090 for $600 and buy a 5090 for $2300 for qwen3 32b?", CAT)
    assert "about $1,700 by the prices you gave" in a.verdict
    assert "dated prices" not in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "option A: two used 3090s for $1400 total. option B: a 5090 for $2200. budget $2100, "
        "qwen3 32b at 32k for 2 users, which?",
        "plan 1) 2x 3090 for $1350. plan 2) one 5090 for $2050. my budget is $2000, "
        "gemma 3 27b at 64k. which one?",
    ],
)
def test_labelled_options_with_a_budget_are_both_weighed(text: str) -> None:
    q = read_question(text, CAT.index)
    assert q.kind == "compare"
    assert len(q.rigs) == 2
    assert q.max_usd is not None
    said = dict(q.prices_said)
    assert set(said) == {"rtx-3090", "rtx-5090"}  # each option's price, the budget after it none of them
