"""A comment that mentions the bot more than once asks a question at each mention: each is answered
under a line naming it (never two questions merged into one comparison), any beyond those answered
is said to be unanswered, and a long comment read around its mention keeps the sentences where the
writer states their hardware elsewhere in it."""

from __future__ import annotations

import pytest

from bot.reddit import Composer
from bot.reddit.parsing import clean, plan_question, questions
from bot.render.reddit import reddit_footer
from bot.service import AnswerService
from bot.stores import MemoryStore
from sizing import MAX_QUESTION_CHARS, Catalog

USER = "canirun"
FILLER = "The weather this week was grey and I spent most evenings tidying cables under the desk. " * 30


@pytest.mark.parametrize(
    ("comment", "asked", "left_out"),
    [
        ("u/canirun will a 3060 12gb run mistral nemo?", ["will a 3060 12gb run mistral nemo?"], 0),
        (
            "u/canirun will a 3060 12gb run mistral nemo?\n\nalso u/canirun is a 7900 xtx ok for qwen3 32b?",
            ["will a 3060 12gb run mistral nemo?\n\nalso", "is a 7900 xtx ok for qwen3 32b?"],
            0,
        ),
        (
            "u/canirun a 3090 for gemma 3 27b? u/canirun a 4080 for phi 4? u/canirun a 5080 for qwen3 14b?",
            ["a 3090 for gemma 3 27b?", "a 4080 for phi 4?"],
            1,
        ),
        # the same mention twice in a row asks one question
        ("u/canirun u/canirun can a 4070 run llama 3.1 8b?", ["can a 4070 run llama 3.1 8b?"], 0),
    ],
)
def test_each_mention_asks_its_own_question(comment: str, asked: list[str], left_out: int) -> None:
    assert questions(comment, USER) == (asked, left_out)


@pytest.mark.parametrize(
    ("comment", "rig"),
    [
        (
            "My rig: 2x 3090 and 128gb ddr4.\n\n"
            + FILLER
            + "\n\n"
            + FILLER
            + "\n\nu/canirun glm 4.5 air speed?",
            "My rig: 2x 3090 and 128gb ddr4.",
        ),
        (
            "Some background first. I have a 4090 and 64gb of ram. "
            + FILLER
            + "\n\n"
            + FILLER
            + "\n\nu/canirun how fast is qwen3 30b a3b at q8?",
            "I have a 4090 and 64gb of ram.",
        ),
    ],
)
def test_a_long_comment_keeps_the_rig_its_writer_states(catalog: Catalog, comment: str, rig: str) -> None:
    assert len(comment) > MAX_QUESTION_CHARS
    question = clean(comment, USER)
    assert len(question) <= MAX_QUESTION_CHARS
    assert rig in question
    plan = plan_question(question, catalog.index)
    assert "hardware" not in plan.needs


async def _reply(comment: str) -> str:
    composer = Composer(AnswerService(MemoryStore()), USER, "!canirun", "https://github.com/canirun/canirun")
    return getattr(await composer.compose(comment, who=None), "body", "")


async def test_two_questions_get_two_answers() -> None:
    body = await _reply(
        "u/canirun can a 3060 12gb run qwen3 8b?\n\nand u/canirun what about a 4080 for gemma 3 27b?",
    )
    assert '**On "can a 3060 12gb run qwen3 8b?":**' in body
    assert '**On "what about a 4080 for gemma 3 27b?":**' in body
    assert "Qwen3 8B" in body and "Gemma 3 27B" in body
    assert " wins for " not in body  # two questions, never one comparison


async def test_questions_beyond_those_answered_are_said() -> None:
    body = await _reply(
        "u/canirun a 3090 for gemma 3 27b? u/canirun a 4080 for phi 4? u/canirun a 5080 for qwen3 14b?",
    )
    assert "This comment asks 3 questions; 1 of them is not answered here" in body


async def test_a_reply_with_several_answers_carries_the_footer_once() -> None:
    body = await _reply(
        "u/canirun can a 3060 12gb run qwen3 8b?\n\nand u/canirun what about a 4080 for gemma 3 27b?",
    )
    assert body.count("I'm a bot") == 1
    assert body.rstrip().endswith(reddit_footer(USER, "https://github.com/canirun/canirun").rstrip())
