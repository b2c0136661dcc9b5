"""One vocabulary for a question that puts speed first: "faster", "quicker", "more t/s", "higher
tok/s", "tok/s is higher", "more tokens per second", "更快"; a speed stated as a floor is no
preference."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 14b or gemma 3 12b on a 4070, which gives more t/s?",
        "mistral small 3.2 vs gemma 3 27b on my 3090: higher tok/s wins, which one?",
        "on a 7900 xtx, tok/s is higher with qwen3 32b or with gemma 3 27b?",
        "which is quicker on an m4 max 64gb, qwen3 30b a3b or qwen3 32b",
        "phi 4 or qwen3 14b on a 4060 ti 16gb, which gets more tokens per second",
        "3090 上跑 qwen3 14b 和 gemma 3 12b 哪个更快",
    ],
)
def test_speed_first_is_read_in_its_common_words(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).prefer == "speed"


@pytest.mark.parametrize(
    "text",
    ["qwen3 8b on a 3060 at 20 tok/s or more", "gemma 3 12b on a 4070 gets 40 t/s, is that normal?"],
)
def test_a_speed_stated_is_no_preference(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).prefer is None


def test_the_model_with_more_tokens_per_second_is_the_pick(catalog: Catalog) -> None:
    a = answer_text("gemma 3 27b vs qwen3 30b a3b on a 3090, which gives more t/s?", catalog)
    assert a.verdict.startswith("Qwen3 30B A3B")
