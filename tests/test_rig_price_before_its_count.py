"""A price said right after a card ("A4000 $500 each, two of them") is the price of each card: the count
said after it still counts that card, and the figures of a card's name (the 4000 of "A4000") are never
read as an amount of money."""

from __future__ import annotations

import pytest

from sizing import Catalog, default_database, parse_hardware, read_question


@pytest.mark.parametrize(
    ("text", "card", "count"),
    [
        ("rtx a5000 $900 each, three of them", "rtx-a5000", 3),
        ("a4000 at $450 each, 2 of those", "rtx-a4000", 2),
        ("p40 for 300 usd a piece, four of them", "tesla-p40", 4),
        ("3090 @ $650 apiece, two of these", "rtx-3090", 2),
    ],
)
def test_a_count_after_a_price_counts_the_card_before_it(text: str, card: str, count: int) -> None:
    hw = parse_hardware(text, default_database())
    assert [(g.id, g.count) for g in hw.gpus] == [(card, count)]


def test_prices_of_two_cards_keep_one_card_each() -> None:
    hw = parse_hardware("3090 $700, 4090 $1600", default_database())
    assert [g.count for g in hw.gpus] == [1, 1]


@pytest.mark.parametrize(
    ("text", "card", "usd"),
    [
        ("a5000 $900 each, three of them, what fits?", "rtx-a5000", 900.0),
        ("an a4000 $450, is it enough for qwen3 14b", "rtx-a4000", 450.0),
    ],
)
def test_a_card_named_with_figures_is_priced_by_the_amount_after_it(
    catalog: Catalog, text: str, card: str, usd: float
) -> None:
    assert read_question(text, catalog.index).prices_said == ((card, usd),)
