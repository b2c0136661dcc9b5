"""Prices of rigs side by side are never weighed as if each were the whole cost: where a table or a
verdict puts a cards-only price beside a whole computer's (or cards and RAM), each says what it covers;
a Mac whose configuration has no price on file shows the least its chip costs with less memory, as a
floor, instead of nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.console import Console

from bot.answers import Answer
from bot.render.discord import answer_embed
from bot.render.reddit import render_reddit
from bot.render.terminal import render_answer
from tests.rendered import answer_to as _answer


def _terminal(a: Answer) -> str:
    console = Console(record=True, width=400)
    console.print(render_answer(a))
    return " ".join(console.export_text().split())


def _discord(a: Answer) -> str:
    e = answer_embed(a)
    return " ".join([e.get("description", ""), *(f["value"] for f in e.get("fields", []))])


def _reddit(a: Answer) -> str:
    return render_reddit(a).replace("\\(", "(").replace("\\)", ")").replace("\\+", "+")


RENDERERS = [_terminal, _reddit, _discord]


def test_a_verdict_weighing_a_cards_price_against_a_computers_says_what_each_covers() -> None:
    verdict = _answer("m3 ultra 96gb or 2x 3090 for llama 3.3 70b?").verdict
    assert "for the cards vs $" in verdict and "for the whole computer" in verdict


def test_a_verdict_weighing_two_cards_prices_stays_short() -> None:
    verdict = _answer("4090 or 5090 for gemma 3 27b?").verdict
    assert "for the cards" not in verdict and " vs $" in verdict


@pytest.mark.parametrize("render", RENDERERS)
def test_a_table_mixing_cards_and_computers_marks_each_price(render: Callable[[Answer], str]) -> None:
    out = render(_answer("what should I buy to run llama 3.3 70b under $3000?"))
    assert "(cards only)" in out and "(whole computer)" in out


@pytest.mark.parametrize("render", RENDERERS)
def test_a_table_of_cards_alone_marks_no_price(render: Callable[[Answer], str]) -> None:
    out = render(_answer("rtx 3090 or rtx 4090 for qwen3 32b?"))
    assert "(cards only)" not in out


@pytest.mark.parametrize("render", RENDERERS)
def test_an_unpriced_mac_shows_its_chips_least_price_as_a_floor(render: Callable[[Answer], str]) -> None:
    out = render(_answer("m4 max 128gb or 2x 3090 for llama 3.3 70b?"))
    assert "$1,999+" in out


@pytest.mark.parametrize("render", RENDERERS)
def test_the_floor_is_the_dearest_smaller_configuration_on_file(render: Callable[[Answer], str]) -> None:
    out = render(_answer("m3 ultra 512gb or 8x 3090 for deepseek v3.1 at q4?"))
    assert "$5,999+" in out and "$3,999+" not in out
