"""A count glued to its "x" ("1000x 3090") reads as the same count written apart ("1000 x 3090"):
never as a CPU model ("1000X") and one card, nor as a screen's two sides; past the reader's cap the
count read is said plainly."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, parse_hardware


@pytest.mark.parametrize("count", [1000, 1024])
def test_a_glued_count_with_a_zero_second_digit_is_no_ryzen(count: int) -> None:
    glued, apart = parse_hardware(f"{count}x 3090"), parse_hardware(f"{count} x 3090")
    assert glued.gpu_count == apart.gpu_count == count and glued.cpu is None


@pytest.mark.parametrize("text", ["2000x 3090", "5000x 3090", "3000x RTX 4090"])
def test_a_glued_count_past_the_cap_is_said_not_dropped(text: str) -> None:
    hw = parse_hardware(text)
    assert hw.gpu_count == 1024 and any(text.split("x")[0] in a for a in hw.assumptions)


def test_real_cpu_models_and_screens_keep_their_reading() -> None:
    assert parse_hardware("5950x and a 3090").cpu is not None  # Ryzen numbers have a 1-9 second digit
    assert parse_hardware("1000x 3090 with a 5950x").cpu.name == "5950X"  # type: ignore[union-attr]
    assert parse_hardware("1920x1080 screen, 3090").gpu_count == 1
    assert parse_hardware("2560 x 1440 monitor").gpu_count == 0


def test_the_answer_for_a_thousand_glued_cards_is_no_single_card_verdict(catalog: Catalog) -> None:
    a = answer_text("can 1000x 3090 run deepseek r1?", catalog)
    text = a.model_dump_json()
    assert "1,000 GPUs is a data center" in text and "short" not in a.verdict
