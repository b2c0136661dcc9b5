"""Two questions the answer differs for never share a cache key: every wish the answer reads is a
part of the key."""

from __future__ import annotations

import pytest

from bot.answers import cache_key_parts
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("plain", "wished"),
    [
        ("qwen3 8b on a 3090", "how much context can I fit with qwen3 8b on a 3090"),
        ("best models for an rtx 3090", "best uncensored models for an rtx 3090"),
    ],
)
def test_a_wish_read_from_the_question_changes_the_key(catalog: Catalog, plain: str, wished: str) -> None:
    a, b = read_question(plain, catalog.index), read_question(wished, catalog.index)
    assert cache_key_parts(a) != cache_key_parts(b)
