"""A speed the asker needs is read in the ways people say it ("I need 100 tok/s", "aiming for 40
tps", "can it hit 80 tok/s", "60 t/s minimum"), a speed they report is not ("I get 30 tok/s"), and
where no option reaches the need the headline says No, not at that speed, before the fit it has."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "min_tps"),
    [
        ("i need 90 tok/s for gemma 3 12b, is a 3060 enough?", 90.0),
        ("we require 35 t/s from qwen3 14b on an rx 7900 xtx", 35.0),
        ("aiming for 45 tps with mistral small 24b on a 4090", 45.0),
        ("my target is 60 tokens/s, qwen3 8b on an m2 pro", 60.0),
        ("can it hit 80 tok/s? llama 3.1 8b on a 4070", 80.0),
        ("is a 5060 ti enough to reach 70 t/s with qwen3 30b a3b", 70.0),
        ("50 tok/s minimum, phi 4 on a 3080", 50.0),
        ("i want 25 tokens per second with qwen3 32b on two 3060s", 25.0),
        ("我需要 40 tok/s，qwen3 14b 用 4070 够吗", 40.0),
        ("i get 30 tok/s with qwen3 14b on my 3090, is that normal?", None),  # a speed reported
        ("qwen3 8b on a 3090 " + "9" * 3000 + " tok/s minimum", None),  # past any speed
    ],
)
def test_a_speed_needed_is_read_in_its_common_wordings(
    catalog: Catalog, text: str, min_tps: float | None
) -> None:
    assert read_question(text, catalog.index).min_tps == min_tps


@pytest.mark.parametrize(
    "text",
    [
        "I need 100 tok/s for qwen3 30b a3b, is a 4060 ti 16gb enough?",
        "aiming for 40 tokens/s with llama 3.3 70b on one 3090 and 64gb ram, doable?",
        "can a ryzen 9 7950x with 64gb ddr5 hit 50 tok/s on qwen3 32b?",
    ],
)
def test_a_need_no_option_reaches_is_answered_no(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    need = read_question(text, catalog.index).min_tps
    assert need is not None
    assert a.verdict.startswith(f"No, not at {need:g} tokens/s: ")
    assert "Yes" not in a.verdict.split(". ")[0]


def test_a_need_an_option_reaches_keeps_the_yes(catalog: Catalog) -> None:
    a = answer_text("I need 20 tok/s from qwen3 32b, is a 4090 enough?", catalog)
    assert a.verdict.startswith("Yes")
