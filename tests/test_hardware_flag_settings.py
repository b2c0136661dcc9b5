"""An amount given to a command-line flag is a setting of the program, not memory of the rig."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware


@pytest.mark.parametrize(
    "text",
    [
        "tried `--gpu-memory` at 6GB on my RTX 3070 Laptop GPU",
        "launched with --max-ram 12g, GPU is a 4060",
        "docker run --memory=16g, on an RTX 3060",
    ],
)
def test_an_amount_set_by_a_flag_is_no_ram(text: str) -> None:
    hw = parse_hardware(text)
    assert hw.ram_gb is None
    assert len(hw.gpus) == 1


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("--- RAM: 64GB", 64.0),  # a rule of dashes, then the RAM
        ("RTX 3090 -- 32GB RAM", 32.0),  # a dash between items
        ("ran with --no-mmap on a 4090 with 96gb ram", 96.0),  # a flag with no amount
    ],
)
def test_dashes_that_are_no_flag_leave_the_ram_read(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram
