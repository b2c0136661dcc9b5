"""A model asked about beside the one the asker measures now ("I get 20 t/s on X, would Y be quicker?")
is weighed against that speed, never read as the speed of the model asked; on Reddit too, where the
speed is in the parent comment."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from bot.reddit import Composer
from bot.service import AnswerService
from bot.stores import MemoryStore
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "asked", "seen_on"),
    [
        (
            "i get 18 t/s on gemma 3 27b, would qwen3 30b a3b be quicker on my 3090?",
            "qwen3-30b-a3b",
            "Gemma 3 27B",
        ),
        (
            "running llama 3.3 70b q4 at 9 t/s on a 4090 + 64gb. would glm 4.5 air be faster?",
            "glm-4.5-air",
            "Llama 3.3 70B",
        ),
        ("my 3090 runs qwen3 32b at 30 tok/s, normal?", "qwen3-32b", None),
    ],
)
def test_the_model_a_speed_is_measured_on_is_read(
    catalog: Catalog, text: str, asked: str, seen_on: str | None
) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == [asked]
    assert q.seen_on == seen_on


def test_the_model_asked_is_weighed_against_the_speed_had_now(catalog: Catalog) -> None:
    a = answer_text("i get 18 t/s on gemma 3 27b, would qwen3 30b a3b be quicker on my 3090?", catalog)
    assert "Against the ~18 tokens/s you have now with Gemma 3 27B: faster" in a.verdict
    assert "You see ~18" not in a.verdict


async def test_reddit_weighs_the_model_asked_against_the_parents_speed() -> None:
    composer = Composer(
        AnswerService(MemoryStore()), "canirun", "!canirun", "https://github.com/canirun/canirun"
    )

    async def thread() -> list[tuple[str, str]]:
        return [("parent comment", "I get 18 t/s on gemma 3 27b with my 3090 and 64gb ram")]

    reply = await composer.compose(
        "u/canirun would qwen3 30b a3b be quicker on that box?", who=None, load_context=thread
    )
    body = getattr(reply, "body", "")
    assert "you have now with Gemma 3 27B" in body
