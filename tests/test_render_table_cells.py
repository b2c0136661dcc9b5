"""Table cells every renderer shares: a quality with nothing to say and a speed a row cannot reach
read '-'."""

from __future__ import annotations

import functools

import pytest
from rich.console import Console

from bot.answers import Answer, RankedOption, answer_text
from bot.render._words import fmt_quality, fmt_row_tps
from bot.render.terminal import render_answer
from sizing import default_catalog

NOT_ALL_FIT = "can a 4090 with 32gb ram run deepseek r1 671b"


@pytest.mark.parametrize(
    ("quality", "cell"),
    [(None, "-"), (0.0, "-"), (0.3, "-"), (1.0, "1"), (45.1, "45"), (83.6, "84")],
)
def test_a_quality_cell_shows_a_whole_score_or_a_dash_at_the_floor(quality: float | None, cell: str) -> None:
    assert fmt_quality(quality) == cell


@functools.cache
def _answer(text: str) -> Answer:
    return answer_text(text, default_catalog())


def _options(question: str) -> list[RankedOption]:
    return [o for o in _answer(question).options if isinstance(o, RankedOption)]


def test_a_row_that_does_not_fit_shows_no_speed() -> None:
    rows = [o for o in _options(NOT_ALL_FIT) if o.placement.verdict == "no"]
    assert rows, "the question should leave quantizations that do not fit"
    assert {fmt_row_tps(o, 1) for o in rows} == {"-"}


def test_a_row_that_runs_shows_its_speed() -> None:
    rows = [o for o in _options("llama 3.1 8b on an rtx 3060 12gb") if o.placement.verdict != "no"]
    assert rows and all(fmt_row_tps(o, 1) not in ("-", "0.0") for o in rows)


def test_the_terminal_table_never_prints_zero_tokens_a_second_for_a_row_that_does_not_fit() -> None:
    console = Console(record=True, width=300)
    console.print(render_answer(_answer(NOT_ALL_FIT)))
    text = console.export_text()
    assert "does not fit" in text
    assert not any("does not fit" in line and " 0.0 " in line for line in text.splitlines())
