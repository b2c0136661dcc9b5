"""A RAM upgrade asked about for two models ("from 64gb to 128gb, worth it for X or Y?") is weighed for
each of them: the rig now and the rig after, with a verdict per model."""

from __future__ import annotations

import pytest

from bot.answers import CompareAnswer, answer_text
from sizing import Catalog, read_question

ASKED = [
    ("going from 32gb to 96gb of ram with my 3090, worth it for qwen3 30b a3b or gpt-oss 120b?", 32.0, 96.0),
    (
        "I have a 4080 and 64gb ddr5. upgrade to 128gb ram, worth it for glm 4.5 air or llama 4 scout?",
        64.0,
        128.0,
    ),
]


@pytest.mark.parametrize(("text", "before", "after"), ASKED, ids=[t for t, _, _ in ASKED])
def test_the_ram_upgrade_is_read_with_both_models(
    catalog: Catalog, text: str, before: float, after: float
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare" and len(q.models) == 2
    assert [hw.ram_gb for hw in q.rigs] == [before, after]
    assert q.change is not None and "system RAM" in q.change


def test_the_verdict_weighs_the_upgrade_for_each_model(catalog: Catalog) -> None:
    a = answer_text(
        "ram upgrade from 32gb to 96gb ddr5 with my 3090, worth it for qwen3 30b a3b or gpt-oss 120b?",
        catalog,
    )
    assert isinstance(a, CompareAnswer)
    assert a.verdict.count("going from 32 to 96 GB of system RAM") == 2
    assert {c.model.name for c in a.comparisons} >= {"Qwen3 30B A3B", "gpt-oss-120b"}
    assert {c.hardware.ram_gb for c in a.comparisons} == {32.0, 96.0}
