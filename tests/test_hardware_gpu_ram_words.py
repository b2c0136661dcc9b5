""" "GPU RAM" and "video RAM" are the graphics memory however the word RAM is used: an amount keyed so
is the cards' memory, never the system RAM."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        ("RTX 4080, GPU RAM 16GB", [("rtx-4080", 1, 16.0)], None),
        ("6x A10, total GPU RAM is 144 GB, 256GB system RAM", [("a10", 6, 24.0)], 256.0),
        ("video RAM 12GB on my 3060", [("rtx-3060", 1, 12.0)], None),
        ("CPU RAM 128GB, GPU RAM 48GB", [(None, 1, 48.0)], 128.0),
    ],
)
def test_memory_keyed_gpu_ram_is_the_cards_memory(text: str, want: Gpus, ram: float | None) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == want
    assert hw.ram_gb == ram
