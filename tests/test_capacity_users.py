"""The largest model a rig holds for several users at once is sized with a KV cache of the context for
each of them (llama-server's -c of all its slots): more users, a smaller largest model, and the
examples named hold every user's cache beside their weights."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, capacity, parse_hardware, read_question


@pytest.mark.parametrize(
    ("rig", "users", "context"),
    [
        ("2x rtx 3090", 8, 8192),
        ("rtx 4090", 4, 8192),
        ("rtx 5090", 6, 16384),
    ],
)
def test_more_users_hold_a_smaller_largest_model(
    rig: str, users: int, context: int, catalog: Catalog
) -> None:
    hw = parse_hardware(rig)
    alone = capacity(hw, catalog.models, context=context)
    shared = capacity(hw, catalog.models, context=context, users=users)
    one, many = alone.limits[0], shared.limits[0]
    assert one.quant == many.quant
    assert 0 < many.max_dense_b < one.max_dense_b
    assert f"for {users} users at once" in shared.summary


@pytest.mark.parametrize(
    "text",
    [
        "largest model i can serve to 8 people at once on 2x 3090, 15 tok/s each",
        "biggest llm a single 4090 handles for 4 concurrent users?",
    ],
)
def test_the_examples_hold_every_users_cache(text: str, catalog: Catalog) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "capacity" and q.users
    a = answer_text(text, catalog)
    assert a.options
    for e in a.options:  # each example sized for the users at once
        assert e.speed.serving is not None
        assert e.speed.serving.users_held is None or e.speed.serving.users_held >= q.users
