"""A budget with an amount is a limit, not a wish for the cheapest: rigs over it are out and the usual
verdict picks among the rest. A price the asker gives for a device (what they pay) replaces the dated
price on file for it."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, default_catalog, read_question

CATALOG: Catalog = default_catalog()


@pytest.mark.parametrize(
    ("text", "prefer"),
    [
        # an amount beside the word budget: a cap only
        ("3090 or 4070 ti super for gemma 3 27b, budget $900", None),
        ("my budget is 1500 dollars: 2x 3060 or one 3090 for qwen3 32b?", None),
        # the cheapest asked in words, with or without a budget
        ("cheapest of 3090 or 4090 for qwen3 32b, budget $2000", "cost"),
        ("3090 or 4090 for qwen3 32b on a budget?", "cost"),
        ("budget build: 3060 or 4060 ti for llama 3.1 8b", "cost"),
    ],
)
def test_a_budget_amount_alone_puts_no_cost_first(text: str, prefer: str | None) -> None:
    assert read_question(text, CATALOG.index).prefer == prefer


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a used 3090 for $750 or a 4080 for mistral small 24b", {"rtx-3090": 750.0}),
        ("two 3090s for $1,400 or one 4090, llama 3.3 70b", {"rtx-3090": 700.0}),
        ("two 3090s for $1400 or one 4090, llama 3.3 70b", {"rtx-3090": 700.0}),
        ("$650 3090 vs $1900 4090 for qwen3 32b", {"rtx-3090": 650.0, "rtx-4090": 1900.0}),
        # a budget and a price in one part of the sentence: each amount read with its own words
        ("budget $900: used rtx 3090 at $700 or a new 9070 xt for qwen3 32b?", {"rtx-3090": 700.0}),
        ("$2000 budget, a 4090 for $1800 or two 3090s?", {"rtx-4090": 1800.0}),
        # a cap or a rental rate is no price paid
        ("3090 or 4090 under $2000 for qwen3 32b", {}),
        ("rent a 4090 at $0.40 an hour or a 3090 for qwen3 32b", {}),
        # a card sold: what the asker gets for it is its price to them
        ("sell my 3090 for $700 and get a 5090 for qwen3 32b?", {"rtx-3090": 700.0}),
    ],
)
def test_a_price_given_for_a_device_is_read_per_unit(text: str, said: dict[str, float]) -> None:
    assert dict(read_question(text, CATALOG.index).prices_said) == said


def test_the_rig_within_the_budget_that_runs_best_wins_and_carries_the_price_given() -> None:
    a = answer_text(
        "a used 3090 for $720 or a 5080 16gb or a 9070 xt for qwen3 30b a3b? budget $1,100", CATALOG
    )
    assert a.verdict.startswith("NVIDIA GeForce RTX 3090 wins"), a.verdict
    assert "$720" in a.verdict
    assert "cheapest" not in " ".join(a.hints)


def test_a_mac_studio_m3_ultra_of_256_gb_has_a_dated_price(catalog: Catalog = CATALOG) -> None:
    a = answer_text(
        "dgx spark or a mac studio m3 ultra with 256gb for gpt-oss-120b, speed and price?", catalog
    )
    assert all(c.price_usd for c in a.comparisons), [c.price_usd for c in a.comparisons]
