"""What to buy for several people at once: each one's KV cache is held by the rig bought, each one gets
the speed floor, and the answer says the speed each one sees. Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, default_catalog, shop

CAT = default_catalog()


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("$4000 budget for a box for a team of 5 devs, what should I buy?", 5),
        ("£3000 budget for a local llm server for 3 users, what should I buy?", 3),
    ],
)
def test_a_purchase_for_users_holds_each_cache_and_speed(catalog: Catalog, text: str, users: int) -> None:
    a = answer_text(text, catalog)
    assert a.kind == "purchase"
    assert f"each for {users} users at once" in a.verdict
    for c in a.comparisons:
        assert c.estimate is not None and c.estimate.speed.serving is not None
        assert c.estimate.speed.serving.users == users
        assert c.estimate.speed.serving.per_user_tps >= 10


def test_more_users_never_get_a_faster_share_on_the_same_budget() -> None:
    one = shop(CAT.models, 2500.0, task="chat")
    four = shop(CAT.models, 2500.0, task="chat", users=4)
    assert one.pick is not None and four.pick is not None
    assert four.users == 4
    serving = four.pick.best.estimate.speed.serving
    assert serving is not None and (serving.users_held or 0) >= 4
    assert four.pick.tps == serving.per_user_tps
