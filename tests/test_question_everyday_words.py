"""Everyday words of a question: users with the context each has, a price said in passing, a task in
another language, the short "ctx"."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("qwen3 32b awq on 2x h100, 64 users 4k ctx each", 64),
        ("llama 3.1 8b on an L40S for 10 users at 8k context", 10),
        ("llama 3.1 8b on an L40S, 3 users said it was slow", None),
    ],
)
def test_users_with_the_context_each_has_are_read(catalog: Catalog, text: str, users: int | None) -> None:
    assert read_question(text, catalog.index).users == users


@pytest.mark.parametrize(
    ("text", "prefer"),
    [
        ("got a k80 for cheap, can it run llama 3 8b", None),
        ("the p40 was so cheap, will qwen3 14b run on it", None),
        ("cheap gpu for llama 3 8b?", "cost"),
        ("cheapest way to run qwen3 32b", "cost"),
    ],
)
def test_a_price_said_in_passing_puts_nothing_first(catalog: Catalog, text: str, prefer: str | None) -> None:
    assert read_question(text, catalog.index).prefer == prefer


@pytest.mark.parametrize(
    "text",
    [
        "bestes Modell zum Programmieren auf meiner RTX 3090?",
        "mejor modelo para programación en una 4070",
        "3090能跑什么编程模型",
        "RTX 4090でコーディングに一番いいモデルは？",
    ],
)
def test_coding_in_other_languages_is_the_code_task(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).task == "code"


def test_the_short_ctx_asks_how_long_a_context_fits(catalog: Catalog) -> None:
    assert read_question("how much ctx can i fit with qwen3 32b on a 4090", catalog.index).context_limit


@pytest.mark.parametrize(
    ("text", "prefer"),
    [
        ("which is better on my 24gb card: gemma 3 27b q4 or qwen3 30b a3b q6, speed?", "speed"),
        ("for speed, mistral small 3.2 or qwen3 14b on a 4070 ti?", "speed"),
        ("speed-wise, glm 4.5 air or gpt-oss-120b on a strix halo?", "speed"),
        ("qwen3 14b on a 4070 ti, what speed?", None),  # the speed asked, not what decides
    ],
)
def test_speed_named_as_what_decides_puts_speed_first(
    catalog: Catalog, text: str, prefer: str | None
) -> None:
    assert read_question(text, catalog.index).prefer == prefer
