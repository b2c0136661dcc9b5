"""Money the asker has beside a card is no price of that card, and a cost figured from rig prices keeps
the price the asker gives for the part added. Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import default_catalog, read_question

CAT = default_catalog()


@pytest.mark.parametrize(
    "text",
    [
        "I have a 3090 and $2500, is upgrading to a 5090 worth it for qwen3 32b?",
        "got a 4070 plus ~$1500 saved, should I move to a 5090 for gemma 3 27b?",
        "my 3060 and about $900: what's the best upgrade for qwen3 14b?",
        "my 3060 12gb + $700: which upgrade for qwen3 14b?",
    ],
)
def test_money_beside_an_owned_card_is_not_its_price(text: str) -> None:
    assert read_question(text, CAT.index).prices_said == ()


@pytest.mark.parametrize("price", [450, 720, 1250])
def test_a_card_added_costs_the_price_the_asker_gives(price: int) -> None:
    text = f"is a used a4000 for ${price} an upgrade over my 3060 12gb for qwen3 14b?"
    assert f"about ${price:,} by the prices you gave" in answer_text(text, CAT).verdict
