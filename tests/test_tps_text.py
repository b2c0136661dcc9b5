"""Tokens per second are printed one way everywhere: the contract's tenth, then half up."""

from __future__ import annotations

import pytest

from bot.render import fmt_tps
from sizing.vocabulary import tps_text


@pytest.mark.parametrize(
    ("tps", "text"),
    [
        (0.4, "0.4"),
        (7.45, "7.5"),  # half up, where binary rounding would give 7.4
        (9.96, "10"),  # ten and above drop the decimal
        (36.5, "37"),  # half up, not to the even 36
        (36.46, "37"),  # the contract carries 36.5: the same figure a table reading it shows
        (36.44, "36"),
        (1234.5, "1,235"),
    ],
)
def test_tokens_per_second_text(tps: float, text: str) -> None:
    assert tps_text(tps) == text


@pytest.mark.parametrize("tps", [0.05, 9.949, 12.25, 36.5, 99.95, 150.0])
def test_text_of_the_contract_figure_equals_text_of_the_raw_figure(tps: float) -> None:
    assert tps_text(round(tps, 1)) == tps_text(tps)


def test_renderers_share_the_one_format() -> None:
    assert fmt_tps is tps_text
