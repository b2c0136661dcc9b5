"""A card's price asked with no model ("how much is a used 3090?", "what's a 5090 worth now") is
answered from the dated price table, each figure with its kind, date and public source, or said to be
unknown; it is never answered with "Which model?"."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog
from sizing.hardware import device_price


@pytest.mark.parametrize(
    "text",
    [
        "what would a second hand 3090 set me back, how much do they go for?",
        "how much is a used rtx 3090 these days",
        "whats the going rate for a used 3090",
    ],
)
def test_a_used_price_asked_gives_the_latest_used_row_with_date_and_source(
    catalog: Catalog, text: str
) -> None:
    row = device_price("rtx-3090", 24, used=True)
    assert row is not None
    a = answer_text(text, catalog)
    assert "Which model?" not in a.verdict
    assert row.describe() in a.verdict and row.source in a.verdict


def test_a_used_price_asked_leaves_the_new_price_out(catalog: Catalog) -> None:
    new = device_price("rtx-3090", 24)
    assert new is not None
    a = answer_text("how much is a used rtx 3090 these days", catalog)
    assert new.describe() not in a.verdict


def test_a_price_asked_with_no_kind_gives_the_new_price_where_no_used_one_is_on_file(
    catalog: Catalog,
) -> None:
    assert device_price("rtx-5090", 32, used=True) is None
    new = device_price("rtx-5090", 32)
    assert new is not None
    a = answer_text("what is an rtx 5090 worth now?", catalog)
    assert new.describe() in a.verdict and new.source in a.verdict


def test_a_count_of_cards_gets_the_price_per_card_and_for_all(catalog: Catalog) -> None:
    row = device_price("rtx-3090", 24, used=True)
    assert row is not None
    a = answer_text("how much would three used 3090s cost me", catalog)
    assert "per card" in a.verdict
    assert f"For 3: about ${3 * row.price_usd:,.0f}" in a.verdict


def test_a_card_with_no_price_on_file_is_said_unpriced(catalog: Catalog) -> None:
    a = answer_text("how much does an instinct mi50 cost?", catalog)
    assert "no price on file" in a.verdict
    assert "$" not in a.verdict.split("Name a model")[0]


def test_a_price_of_the_other_memory_size_says_which_card_it_is(catalog: Catalog) -> None:
    a = answer_text("how much does a new rtx 4060 ti 8gb cost", catalog)
    other = device_price("rtx-4060-ti", 16)
    assert other is not None and device_price("rtx-4060-ti", 8) is None
    assert f"the 16 GB card {other.describe()}" in a.verdict


@pytest.mark.parametrize("text", ["is a 3090 worth it for llms?", "how much vram does a 3090 have"])
def test_a_question_about_worth_or_memory_is_no_price_question(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert "per card:" not in a.verdict
