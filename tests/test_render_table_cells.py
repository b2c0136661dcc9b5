"""Table cells every renderer shares: a quality with nothing to say and a speed a row cannot reach
read '-'."""

from __future__ import annotations

from bot.answers import BestOption
from bot.render.reddit import render_reddit
from tests.rendered import answer_to as _answer
from tests.rendered import terminal_text as _terminal

NOT_ALL_FIT = "can a 4090 with 32gb ram run deepseek r1 671b"
FLOOR_SCORE = "coding llm for a laptop with an 8gb rtx 4060"  # lists a model borrowing a score of ~0


def _row(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if name in line and ("│" in line or "|" in line))


def test_the_terminal_table_never_prints_zero_tokens_a_second_for_a_row_that_does_not_fit() -> None:
    rows = [line for line in _terminal(_answer(NOT_ALL_FIT)).splitlines() if "does not fit" in line]
    assert rows, "the question should leave quantizations that do not fit"
    assert all(" 0.0 " not in line for line in rows)
    assert all(line.split("│")[4].strip() == "-" for line in rows if line.count("│") > 5)


def test_a_quality_under_one_point_reads_as_a_dash_in_every_table() -> None:
    a = _answer(FLOOR_SCORE)
    low = [o for o in a.options if isinstance(o, BestOption) and o.quality is not None and o.quality < 1]
    assert low, "the list should hold a model whose borrowed score rounds to 0"
    name = low[0].model.name
    for text in (_terminal(a), render_reddit(a)):
        cells = [c.strip() for c in _row(text, name).replace("|", "│").split("│") if c.strip()]
        assert cells[-1] == "-"


def test_a_quality_of_a_point_or_more_is_shown_whole() -> None:
    a = _answer(FLOOR_SCORE)
    scored = [o for o in a.options if isinstance(o, BestOption) and o.quality is not None and o.quality >= 1]
    assert scored
    text = _terminal(a)
    cells = [c.strip() for c in _row(text, scored[0].model.name).split("│") if c.strip()]
    assert cells[-1] == f"{scored[0].quality:.0f}"
