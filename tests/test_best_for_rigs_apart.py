"""Rigs named as a choice in a best question ("best model for a 4080 or a 7900 xtx?", /best and
`canirun best --hardware "A or B"`) are kept apart: each rig gets its own best pick, side by side,
never one rig made of both."""

from __future__ import annotations

import pytest

from bot.answers import Structured, answer_question, question_from_structured
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "rigs"),
    [
        ("best model for a 4080 or a 7900 xtx?", [["rtx-4080"], ["rx-7900-xtx"]]),
        (
            "what's the best coding model for 2x 3060 or one 4070 ti super",
            [["rtx-3060"], ["rtx-4070-ti-super"]],
        ),
        ("best llm for an a6000 vs a 5090?", [["rtx-a6000"], ["rtx-5090"]]),
    ],
)
def test_a_best_question_keeps_rigs_named_as_a_choice_apart(
    catalog: Catalog, text: str, rigs: list[list[str]]
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "best"
    assert [[g.id for g in r.gpus] for r in q.rigs] == rigs


@pytest.mark.parametrize("hardware", ["4080 or 7900 xtx", "a 3060 and a 4060 ti or a 4070?"])
def test_a_best_field_with_a_choice_of_rigs_is_a_best_pick_per_rig(catalog: Catalog, hardware: str) -> None:
    q = question_from_structured(Structured(model=None, hardware=hardware, best=True), catalog)
    assert len(q.rigs) == 2
    a = answer_question(q, catalog)
    assert a.kind == "compare"
    said = next(h for h in a.hints if h.startswith("Best on each rig"))
    assert said.count("tokens/s") == 2


def test_one_rig_in_a_best_field_is_a_best_list(catalog: Catalog) -> None:
    q = question_from_structured(
        Structured(model=None, hardware="2x 3090 with 32k context", best=True), catalog
    )
    assert (len(q.rigs), q.context) == (1, 32768)
    assert answer_question(q, catalog).kind == "best"


@pytest.mark.parametrize(
    "text",
    [
        "which llm is best on 2x 3090 or one rtx pro 6000 for 5 people using vllm?",
        "top model for a team of 10 on a 4090 or a 5090?",
        "best model on a 3090 or a 5090 for 4 users at once?",
        "best model for a 4080 or a 7900 xtx?",
    ],
)
def test_a_best_pick_per_rig_says_the_quant_the_comparison_weighs(catalog: Catalog, text: str) -> None:
    a = answer_question(read_question(text, catalog.index), catalog)
    assert a.kind == "compare"
    said = next(h for h in a.hints if h.startswith("Best on each rig"))
    for c in a.comparisons:
        assert c.estimate is not None
        # the hint names each rig's quant as the side compared runs it, never a pick of its own
        assert f"at {c.estimate.quant}" in said.split(": ", 1)[1]
        assert c.estimate.quant in a.verdict


def test_several_users_weigh_one_model_at_one_quant_with_each_rigs_own_pick_said(catalog: Catalog) -> None:
    text = "which llm is best on 2x 3090 or one rtx pro 6000 for 5 people using vllm?"
    a = answer_question(read_question(text, catalog.index), catalog)
    quants = {c.estimate.quant for c in a.comparisons if c.estimate is not None}
    assert len(quants) == 1
    said = next(h for h in a.hints if h.startswith("Best on each rig"))
    assert "its own pick: " in said
