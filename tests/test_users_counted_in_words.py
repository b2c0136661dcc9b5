"""Head counts written as words or Chinese numerals are users like figures are, and a group of N
(an agency, a firm) asked how many can use it at once is answered for its N."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("三个人同时用 qwen3 14b，显卡是 4070 12g", 3),
        ("我们两个人同时用 gemma 3 12b，一张 3060", 2),
        ("五个同事一起用 qwen3 32b，两张 3090", 5),
        ("four people at once on llama 3.1 8b with a 4060 ti 16gb", 4),
        ("two users at the same time on qwen3 8b, rtx 3060", 2),
        ("we are an 8 person firm sharing qwen3 32b on a 5090", 8),
        ("a 12-person studio wants mistral small 3.2 on an rtx pro 6000", 12),
        # one person, an ordinal, or a count of things that are no people: no users
        ("一个人用 qwen3 14b，4070 够吗", None),
        ("two 3090s for qwen3 32b, fast enough?", None),
        ("three models on one 4090: which is fastest?", None),
    ],
)
def test_a_head_count_in_words_is_read_as_users(catalog: Catalog, text: str, users: int | None) -> None:
    assert read_question(text, catalog.index).users == users


def test_a_group_asking_how_many_at_once_is_answered_for_its_size(catalog: Catalog) -> None:
    a = answer_text(
        "we're a 6 person agency on one rtx 4090 with qwen3 14b. how many can use it at the same time?",
        catalog,
    )
    assert "6 users" in a.verdict or "6 people" in a.verdict
