"""An upgrade asked as whether it would help or fix a speed ("would upgrading to a 3090 help?") weighs the
card replaced against the one moved to, and a replaced card is priced whole, less what the owned one
sells for. Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import default_catalog

CAT = default_catalog()


@pytest.mark.parametrize(
    "text",
    [
        "I run qwen3 30b a3b on a 3060 12gb with 32gb ram, would upgrading to a 3090 help?",
        "I run qwen3 30b a3b on a 3060 12gb and get 18 t/s, would upgrading to a 3090 fix that?",
    ],
)
def test_an_upgrade_asked_as_help_replaces_the_card(text: str) -> None:
    a = answer_text(text, CAT)
    assert a.kind == "compare"
    assert a.verdict.startswith("For Qwen3 30B A3B, replacing 1x NVIDIA GeForce RTX 3060 12 GB with")


def test_a_replaced_card_is_priced_whole_less_what_the_owned_one_sells_for() -> None:
    a = answer_text("I run qwen3 30b a3b on a 3060 12gb, would upgrading to a 3090 help?", CAT)
    assert "less what yours sells for" in a.verdict


def test_a_sale_price_said_is_taken_off_the_cost() -> None:
    a = answer_text("should I sell my 3090 for $600 and buy a 5090 for $2300 for qwen3 32b?", CAT)
    assert "about $1,700 by the prices you gave" in a.verdict and "sells for" not in a.verdict
