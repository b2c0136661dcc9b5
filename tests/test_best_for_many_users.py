"""The best model asked for many users at once is sized for them all: each listed model's memory is
checked for every user's KV cache, those that hold them first, and the first one's speed per user said."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("4x h100 80gb: which model is best to serve 40 concurrent users with vllm?", 40),
        ("best llm for our team of 12 devs on 2x rtx 6000 ada?", 12),
    ],
)
def test_the_best_list_for_many_users_is_sized_for_them(catalog: Catalog, text: str, users: int) -> None:
    a = answer_text(text, catalog)
    assert a.kind == "best"
    m = re.search(
        rf"For {users} users at once, sized for them all: (.+?) gives ~[\d.]+ tokens/s each", a.verdict
    )
    assert m is not None, a.verdict
    first = a.options[0].speed.serving
    assert first is not None and first.users == users
    assert first.users_held is not None and first.users_held >= users


def test_the_best_list_for_one_user_says_nothing_of_users(catalog: Catalog) -> None:
    a = answer_text("best model for 4x h100 80gb with vllm?", catalog)
    assert "users at once" not in a.verdict
