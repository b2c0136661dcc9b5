"""An upgrade said as a move to another card ("upgrading to a 5090", "should I upgrade my 4070 to a
4090") replaces the card owned; a card put beside it ("adding a 5090", "a second 3090") is added. The
verdict and the price are the replacement's."""

from __future__ import annotations

import pytest

from bot.answers import CompareAnswer, answer_text
from sizing import Catalog, read_question

REPLACED = [
    ("I have a 4070, is upgrading to a 4090 worth it for gemma 3 27b?", "4070", "4090"),
    ("is it worth upgrading my 3080 to a 5090 for qwen3 32b", "3080", "5090"),
    ("I own a 3060. Should I upgrade to a 4090 for mistral small?", "3060", "4090"),
    ("my 4060 ti 16gb, would switching to a 5090 help for qwen3 30b a3b", "4060", "5090"),
]


@pytest.mark.parametrize(("text", "old", "new"), REPLACED, ids=[t for t, _, _ in REPLACED])
def test_a_move_to_another_card_replaces_the_one_owned(
    catalog: Catalog, text: str, old: str, new: str
) -> None:
    q = read_question(text, catalog.index)
    assert q.change is not None and q.change.startswith("replacing")
    before, after = q.rigs[0], q.rigs[-1]
    assert [g.name for g in after.gpus] == [g.name for g in after.gpus if new in g.name] and after.gpus
    assert all(old not in g.name for g in after.gpus)
    assert any(old in g.name for g in before.gpus)


@pytest.mark.parametrize(
    "text",
    [
        "I have a 4070, is adding a 4090 worth it for gemma 3 27b?",
        "I have a 3090, is a second 3090 worth it for llama 3.3 70b?",
        "upgrading to a second 3090 from my one 3090, worth it for llama 3.3 70b?",
    ],
)
def test_a_card_put_beside_the_one_owned_is_added(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.change is not None and q.change.startswith("adding")
    assert sum(g.count for g in q.rigs[-1].gpus) == 2


def test_the_replacement_is_priced_as_one_card_and_not_called_slower(catalog: Catalog) -> None:
    a = answer_text("I have a 3090, is upgrading to a 5090 worth it for qwen3 32b?", catalog)
    assert isinstance(a, CompareAnswer)
    assert "replacing" in a.verdict and "slower than now" not in a.verdict
    new = a.comparisons[-1]
    assert len(new.hardware.gpus) == 1 and new.hardware.gpus[0].count == 1
    assert new.price_usd is not None and new.price_usd < 3500
