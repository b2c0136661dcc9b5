"""A long Reddit comment that summons the bot somewhere inside is read where it summons it: the
paragraph holding the mention (with its neighbours where they fit under the question cap), or the
sentences around it in a paragraph too long for the cap, never a refusal for the whole length."""

from __future__ import annotations

import pytest

from bot.reddit.parsing import clean, plan_question
from sizing import MAX_QUESTION_CHARS, Catalog

USER = "canirun"
STORY = "My old case had three fans and the front one rattled whenever the room got warm. " * 30
TAIL = "Anyway the new case is quieter and the cable routing is much nicer than before. " * 30


@pytest.mark.parametrize(
    "comment",
    [
        STORY
        + "\n\n"
        + STORY
        + "\n\nSo u/canirun can my 4060 ti 16gb run gemma 3 12b at q8 with 16k?\n\n"
        + TAIL
        + "\n\n"
        + TAIL,
        STORY
        + STORY
        + " Anyway, u/canirun can my 4060 ti 16gb run gemma 3 12b at q8 with 16k? "
        + TAIL
        + TAIL,
        "u/canirun can my 4060 ti 16gb run gemma 3 12b at q8 with 16k?\n\n" + "\n\n".join([STORY] * 3),
    ],
)
def test_a_long_comment_is_read_around_its_mention(catalog: Catalog, comment: str) -> None:
    assert len(comment) > MAX_QUESTION_CHARS
    question = clean(comment, USER)
    assert len(question) <= MAX_QUESTION_CHARS
    assert "4060 ti 16gb run gemma 3 12b at q8 with 16k?" in question
    plan = plan_question(question, catalog.index)
    assert plan.substantive and not plan.needs


def test_a_short_comment_is_kept_whole() -> None:
    comment = "Thanks for the tips on fans.\n\nu/canirun can a 3060 run qwen3 8b?\n\nCheers."
    assert clean(comment, USER) == "Thanks for the tips on fans.\n\n can a 3060 run qwen3 8b?\n\nCheers."
