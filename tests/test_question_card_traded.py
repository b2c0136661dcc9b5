"""A card sold or traded for others ("selling my 4090 for two 3090s", "trade my 3080 for a 3090") is
replaced by them: two rigs side by side, not one rig with every card; a price it is sold for is no rig."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("is it worth selling my 4090 for two 3090s? mostly llama 3.3 70b", {"rtx-4090": 1}, {"rtx-3090": 2}),
        ("thinking to trade my 3080 for a 3090, qwen3 32b gets faster?", {"rtx-3080": 1}, {"rtx-3090": 1}),
        ("trading in the 4070 for a 4090 for gemma 3 27b, worth it?", {"rtx-4070": 1}, {"rtx-4090": 1}),
        ("sell my 4090 for 2x 3090 to run llama 3.3 70b?", {"rtx-4090": 1}, {"rtx-3090": 2}),
    ],
)
def test_a_card_sold_for_others_is_replaced_by_them(
    catalog: Catalog, text: str, before: dict[str, int], after: dict[str, int]
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert [{g.id: g.count for g in rig.gpus} for rig in q.rigs] == [before, after]


def test_a_card_sold_for_a_price_is_one_rig(catalog: Catalog) -> None:
    q = read_question("selling my 3090 for $650, how fast is qwen3 32b on it now?", catalog.index)
    assert q.kind != "compare"
    assert q.hardware is not None and [g.id for g in q.hardware.gpus] == ["rtx-3090"]
