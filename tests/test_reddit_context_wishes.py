"""What a Reddit thread around a summons gives the question: the model and the rig it lacks, never a
wish. A speed or a quant the parent reports for another model is that model's, and the bot's own
earlier answer quoted back ("fully on the GPU", the context it assumed) is no wish of whoever asks on.
The sentences are written for these tests in the patterns people use."""

from __future__ import annotations

import pytest

from bot.answers import Structured, answer_question, question_from_structured
from bot.reddit.parsing import plan_question
from sizing import Catalog, read_question


def _asked(plan_text: str, structured: Structured | None, catalog: Catalog):  # type: ignore[no-untyped-def]
    if structured is not None:
        return question_from_structured(structured, catalog)
    return read_question(plan_text, catalog.index)


@pytest.mark.parametrize(
    "parent",
    [
        "Specs: RTX 4080 16GB, 64GB DDR5, 7800X3D. I get 80 t/s with qwen3 30b a3b at q4.",
        "I run qwen3 30b a3b at 80 tok/s on my RTX 4080 16GB and 64GB DDR5.",
    ],
)
def test_a_speed_told_for_another_model_is_no_floor(catalog: Catalog, parent: str) -> None:
    plan = plan_question("could that box handle gpt-oss 120b?", catalog.index, [("parent comment", parent)])
    q = _asked(plan.text, plan.structured, catalog)
    assert [r.model.id for r in q.models] == ["gpt-oss-120b"]
    assert q.hardware is not None and q.hardware.gpus[0].id == "rtx-4080"
    assert q.min_tps is None
    assert q.quant_for("gpt-oss-120b") is None


BOT_ANSWER = (
    "Yes: Gemma 3 27B fits fully on the GPU at Q4_K_M (small loss) with 8,192 context, ~38 tokens/s.\n\n"
    "---\n\n*I'm a bot that checks whether a local LLM fits your hardware.*"
)


@pytest.mark.parametrize("comment", ["and with 32k?", "ok what about 48k context"])
def test_the_bots_own_answer_quoted_back_is_no_wish(catalog: Catalog, comment: str) -> None:
    plan = plan_question(comment, catalog.index, [("parent comment", BOT_ANSWER + "\n\n1x RTX 4090")])
    q = _asked(plan.text, plan.structured, catalog)
    assert [r.model.id for r in q.models] == ["gemma-3-27b"]
    assert not q.gpu_only  # "fits fully on the GPU" was the bot's finding, not the asker's wish
    assert q.context is not None and q.context >= 32_768
    a = answer_question(q, catalog)
    assert "as asked" not in a.verdict


@pytest.mark.parametrize(
    "comment", ["so would adding a second 3090 get me to 20 t/s?", "would another 3090 help here?"]
)
def test_an_upgrade_asked_with_no_model_is_about_the_threads_model(catalog: Catalog, comment: str) -> None:
    parent = "I run mistral small 24b q4 on my single 3090 with 32gb of ram, about 30 t/s."
    plan = plan_question(comment, catalog.index, [("parent comment", parent)])
    q = _asked(plan.text, plan.structured, catalog)
    assert [r.model.id for r in q.models][:1] == [read_question(parent, catalog.index).models[0].model.id]
