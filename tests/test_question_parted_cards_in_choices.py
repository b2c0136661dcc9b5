"""A card the writer parted with ("sold my 4090") is no side of the choice that follows: the rigs
weighed are the ones still being chosen between. Sentences written for these tests in the patterns
people use."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

PARTED = [
    ("I sold my 4090, now choosing between a 5090 or an rtx pro 6000 for glm 4.5 air", {"5090", "6000"}),
    ("sold my 3090 last month, 4090 or 5090 for qwen3 32b?", {"4090", "5090"}),
    ("I sold my two P40s, should I get a 3090 or a 4090 for llama 3.3 70b?", {"3090", "4090"}),
]


@pytest.mark.parametrize(("text", "cards"), PARTED, ids=[t for t, _ in PARTED])
def test_a_card_parted_with_is_no_side(catalog: Catalog, text: str, cards: set[str]) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    names = [hw.gpus[0].name for hw in q.rigs if hw.gpus]
    assert len(q.rigs) == 2
    assert all(any(c in n for n in names) for c in cards)


def test_a_card_sold_beside_one_kept_keeps_the_kept_card_a_side(catalog: Catalog) -> None:
    # the 3090s went, the 4090 bought with them stays one of the rigs weighed
    q = read_question("I sold my 3090s and bought a 4090; 4090 or 5090 for gemma 3 27b at q8?", catalog.index)
    assert q.kind == "compare"
    assert any(hw.gpus and "4090" in hw.gpus[0].name for hw in q.rigs)
