"""Best lists for a general task: creative writing is read as its own task and ranked as chat, with
the same note as roleplay, and neither list is led by a coder; a line's newest release that no board
scores yet is shown next to its scored predecessor."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from bot.answers import Answer, answer_text
from sizing import Catalog, default_catalog, parse_hardware, rank_best, read_question

TODAY = dt.date(2026, 11, 22)


@functools.cache
def _answer(text: str) -> Answer:
    return answer_text(text, default_catalog())


@pytest.mark.parametrize(
    "question",
    [
        "which model writes the best fiction on a 4090",
        "good local model for creative writing, 2x 3090",
        "best llm for writing stories on a mac studio m2 ultra 192gb",
    ],
)
def test_creative_writing_is_read_as_its_own_task(catalog: Catalog, question: str) -> None:
    assert read_question(question, catalog.index).task == "creative writing"


@pytest.mark.parametrize(
    ("question", "task"),
    [
        ("which model writes the best fiction on a 4090", "creative writing"),
        ("best model for roleplay on a 3090 with 64gb ram", "roleplay"),
    ],
)
def test_a_task_no_board_scores_says_so_in_the_heading(question: str, task: str) -> None:
    a = _answer(question)
    assert a.kind == "best"
    assert f"No public board scores {task}: these rank by their overall (chat) scores." in a.verdict


@pytest.mark.parametrize(
    "question",
    ["which model writes the best fiction on a 4090", "best model for roleplay on a 3090 with 64gb ram"],
)
def test_no_coder_is_listed_for_roleplay_or_fiction(catalog: Catalog, question: str) -> None:
    options = _answer(question).options
    assert options and all(catalog.by_id[o.model.id].tasks[0] != "code" for o in options)


def test_the_newest_release_of_a_listed_line_is_shown_unscored_next_to_it(catalog: Catalog) -> None:
    found = rank_best(catalog.models, parse_hardware("M4 Max 128GB"), task="code", today=TODAY)
    ids = [b.estimate.model.id for b in found]
    at = ids.index("qwen3.8-27b")
    assert found[at].quality is None and found[at].newer_than == found[at - 1].estimate.model.name
    assert ids[at - 1] == "qwen3.6-27b"
