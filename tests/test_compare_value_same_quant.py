"""Rigs compared for speed per dollar ("per dollar", "best value") rank by tokens/s for each dollar of
their dated prices; "same quant" with no quant named holds every rig at one quant, the coarsest any
of them picks."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "prefer"),
    [
        ("3090 vs 4090 for qwen3 32b, which is fastest per dollar?", "value"),
        ("7900 xtx or 3090 for gemma 3 27b, best value?", "value"),
        ("which gives the best price/performance for llama 3.1 8b, a 4060 ti or a 3060?", "value"),
        ("3090 vs 4090 for qwen3 32b, which is fastest?", "speed"),  # speed alone stays speed
        ("cheapest of a 3090 or a 4090 for qwen3 32b?", "cost"),
    ],
)
def test_speed_for_the_money_is_read_apart_from_speed_and_cost(
    catalog: Catalog, text: str, prefer: str
) -> None:
    assert read_question(text, catalog.index).prefer == prefer


def test_value_ranks_by_tokens_per_dollar(catalog: Catalog) -> None:
    a = answer_text(
        "4090 vs 5090 vs 2x 3090 for qwen3 32b, same quant, which is fastest per dollar?", catalog
    )
    per_dollar = {
        i: c.estimate.speed.decode_tps / c.price_usd
        for i, c in enumerate(a.comparisons)
        if c.estimate is not None and c.price_usd
    }
    assert len(per_dollar) == 3
    assert a.winner == max(per_dollar, key=lambda i: per_dollar[i])
    assert "gives the most speed per dollar" in a.verdict and "per $1,000" in a.verdict


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("4090 vs 5090 vs 2x 3090 for gemma 3 27b, same quant please, which is fastest?", None),
        ("rtx 4090 or rtx pro 6000 for qwen3 32b at the same quant?", None),
        # users asked beside it: each rig's pick for serving them is still held at one quant
        ("serving 6 users, is a 5090 or 2x 3090 better for qwen3 32b? same quant on both", 6),
        ("rtx pro 6000 vs 2x 3090 for qwen3 32b with 8 people at once, compare at the same quant", 8),
        ("4090 or 3090 for gemma 3 27b for a team of 5, same quantization", 5),
    ],
)
def test_same_quant_holds_every_rig_at_one_quant(catalog: Catalog, text: str, users: int | None) -> None:
    q = read_question(text, catalog.index)
    assert q.same_quant and q.quant is None and q.users == users
    a = answer_text(text, catalog)
    quants = {c.estimate.quant for c in a.comparisons if c.estimate is not None}
    assert len(quants) == 1
    if users:
        assert f"For {users} users at once" in a.verdict


def test_without_same_quant_each_rig_keeps_its_pick(catalog: Catalog) -> None:
    a = answer_text("rtx 4090 or rtx pro 6000 for qwen3 32b?", catalog)
    quants = {c.estimate.quant for c in a.comparisons if c.estimate is not None}
    assert len(quants) == 2  # the bigger card picks a finer quant: the case "same quant" changes


@pytest.mark.parametrize(
    ("text", "named", "not_named"),
    [
        # two models on one rig: each speed per user names its model
        (
            "serving 4 people on one 4090, is qwen3 30b a3b or gemma 3 27b quicker?",
            ["each for Qwen3 30B A3B", "each for Gemma 3 27B"],
            "each on NVIDIA GeForce RTX 4090",
        ),
    ],
)
def test_speeds_per_user_name_what_tells_the_sides_apart(
    catalog: Catalog, text: str, named: list[str], not_named: str
) -> None:
    a = answer_text(text, catalog)
    assert all(n in a.verdict for n in named)
    assert not_named not in a.verdict
