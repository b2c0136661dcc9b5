"""Chinese writes the memory word before its amount: in "内存只有128g显存也只有11g" the word after
128g is the cue of 11g, not of 128g."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware


@pytest.mark.parametrize(
    ("text", "ram", "vram"),
    [
        ("我内存只有64g显存也只有8g，能跑吗", 64.0, 8.0),
        ("内存有96g显存才16g", 96.0, 16.0),
        ("电脑内存32G显存6G 跑得动吗", 32.0, 6.0),
    ],
)
def test_each_amount_takes_the_memory_word_written_before_it(text: str, ram: float, vram: float) -> None:
    hw = parse_hardware(text)
    assert hw.ram_gb == ram
    assert [g.vram_gb for g in hw.gpus] == [vram]


@pytest.mark.parametrize(
    ("text", "ram", "vram"),
    [
        ("24G显存 32G内存", 32.0, 24.0),  # no cue before the first amount: the word after it is its own
        ("显卡12G显存，64G内存", 64.0, 12.0),
    ],
)
def test_a_memory_word_after_an_amount_with_none_before_stays_its_cue(
    text: str, ram: float, vram: float
) -> None:
    hw = parse_hardware(text)
    assert hw.ram_gb == ram
    assert [g.vram_gb for g in hw.gpus] == [vram]
