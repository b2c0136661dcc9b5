"""A rig told with what went wrong on it ("加载...报错了", "it fails to load on", "is it normal?") is the
asker's own: a question that goes on to ask what the model needs is answered on that rig. The
sentences are written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question

TOLD = [
    ("使用2张3090加载Qwen3-32B报错了，请问这个模型需要什么配置？", "rtx-3090", 2),
    ("gemma 3 27b fails to load on a 4060 Ti 16GB: what are the minimum requirements?", "rtx-4060-ti", 1),
    (
        "qwen3 14b is slow on a 3060 12GB, is this normal? what is the recommended configuration?",
        "rtx-3060",
        1,
    ),
]


@pytest.mark.parametrize(("text", "card", "count"), TOLD, ids=[t for t, _, _ in TOLD])
def test_a_rig_told_with_its_failure_is_kept_beside_a_requirements_question(
    catalog: Catalog, text: str, card: str, count: int
) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is not None and [(g.id, g.count) for g in hw.gpus] == [(card, count)]
    assert answer_text(text, catalog).kind == "estimate"


def test_a_requirements_question_naming_cards_as_candidates_stays_requirements(catalog: Catalog) -> None:
    assert answer_text("Qwen3-32B 需要几张4090才能部署？", catalog).kind == "requirements"
