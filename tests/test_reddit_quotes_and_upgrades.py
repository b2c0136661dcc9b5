"""Reddit: a quote inside the summoning comment is what it answers, read as context like a parent
comment; an upgrade asked under a comment that states a whole rig keeps that rig (its RAM too) as the
one the card joins. The sentences are written for these tests in the patterns people use."""

from __future__ import annotations

import pytest

from bot.reddit import Composer
from bot.reddit.parsing import plan_question, quoted_text
from bot.service import AnswerService
from bot.stores import MemoryStore
from sizing import Catalog, read_question

USER = "canirun"


@pytest.mark.parametrize(
    ("comment", "quoted"),
    [
        ("> qwen3 14b runs fine on my 4070\n\nu/canirun and at 24k?", "qwen3 14b runs fine on my 4070"),
        (
            "u/canirun how about 64k?\n\n> mistral small 3.2 on a 3090\n> with 64gb ram",
            "mistral small 3.2 on a 3090\nwith 64gb ram",
        ),
        ("u/canirun can a 3060 run qwen3 8b?", ""),
        (">!spoiler!< u/canirun gemma 3 12b on a 3060?", ""),
    ],
)
def test_the_quoted_lines_are_read_apart(comment: str, quoted: str) -> None:
    assert quoted_text(comment) == quoted


async def _reply(comment: str, parent: str | None = None) -> str:
    composer = Composer(AnswerService(MemoryStore()), USER, "!canirun", "https://github.com/canirun/canirun")

    async def thread() -> list[tuple[str, str]]:
        return [("parent comment", parent)] if parent else []

    return getattr(await composer.compose(comment, who=None, load_context=thread), "body", "")


@pytest.mark.parametrize(
    "comment",
    [
        "> qwen3 14b at Q4_K_M on a 4070 12gb is fine\n\nu/canirun what about 24k context?",
        "u/canirun what about 24k context?\n\n> qwen3 14b at Q4_K_M on a 4070 12gb is fine",
    ],
)
async def test_a_quote_in_the_comment_gives_the_model_and_the_rig(comment: str) -> None:
    body = await _reply(comment)
    assert "Qwen3 14B" in body
    assert "24,576 context" in body
    assert "Which model" not in body


def test_an_upgrade_under_a_whole_rig_keeps_its_ram(catalog: Catalog) -> None:
    parent = "I get 6 t/s from llama 3.1 70b q4 on my 4090 and 96gb of ram"
    plan = plan_question("would one more 4090 get me to 15 t/s?", catalog.index, [("parent comment", parent)])
    assert plan.structured is None
    q = read_question(plan.text, catalog.index)
    assert q.change is not None
    assert q.hardware is not None and q.hardware.ram_gb == 96
