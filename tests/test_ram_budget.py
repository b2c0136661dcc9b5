"""An amount said for more system RAM ("a budget of $500 for extra ram") is no cap on the rig's price
and does not turn a best question into one of buying hardware: each rig named is sized with the RAM
that amount buys at the dated price per GB, and the answer says how much that is."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "ram_usd", "rig_usd", "rigs"),
    [
        ("which model is best on a 3090 or a 4090, with a budget of $400 for more ram?", 400.0, None, 2),
        ("best llm for my 5090 or a 4090? budget is $600 for extra memory", 600.0, None, 2),
        ("best model for a 3090, budget of $250 for additional ram", 250.0, None, 1),
        # a budget for the rig itself stays a cap
        ("best gpu under $1500 for qwen3 32b", None, 1500.0, 0),
        ("4090 or 3090 for gemma 3 27b, budget of $1000", None, 1000.0, 2),
    ],
)
def test_a_budget_for_ram_is_read_apart_from_the_rigs(
    catalog: Catalog, text: str, ram_usd: float | None, rig_usd: float | None, rigs: int
) -> None:
    q = read_question(text, catalog.index)
    assert (q.ram_budget_usd, q.max_usd, len(q.rigs)) == (ram_usd, rig_usd, rigs)
    if ram_usd is not None:
        assert q.prefer != "cost" and q.kind in ("best", "compare")


@pytest.mark.parametrize(
    "text",
    [
        "which model is best on a 3090 or a 4090, with a budget of $400 for more ram?",
        "best llm for my 5090 or a 4090? budget is $600 for extra memory",
    ],
)
def test_each_rig_is_sized_with_the_ram_the_amount_buys(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert a.kind == "compare"
    said = next(h for h in a.hints if " for more RAM buys about " in h)
    gb = int(said.split(" buys about ")[1].split(" GB")[0])
    assert gb >= 8
    assert any(h.startswith("Best on each rig") for h in a.hints)
    for c in a.comparisons:
        assert c.hardware.ram_gb is not None and c.hardware.ram_gb >= gb
    assert "over the $" not in a.verdict  # the amount is no cap on the rigs' prices


def test_a_best_list_for_one_rig_is_ranked_with_the_ram_the_amount_buys(catalog: Catalog) -> None:
    text = "what's the best model for my 3090, i have a budget of $300 for more ram"
    a = answer_text(text, catalog)
    assert a.kind == "best"
    said = next(h for h in a.hints if " for more RAM buys about " in h)
    assert "the rig is sized with" in said
    plain = answer_text("what's the best model for my 3090", catalog)
    assert plain.hints == [] or not any("for more RAM" in h for h in plain.hints)
