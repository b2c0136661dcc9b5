"""A move said as two lists: 'I switched PCs from one with: <list> to: <list>'. The devices of the first
list are gone; the second is the rig."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        (
            "I upgraded my PC from one with:\nGTX 1070\n16GB RAM\n\nto:\nRTX 4070 Ti\n64GB RAM",
            [("rtx-4070-ti", 1, 12.0)],
            64.0,
        ),
        (
            "we moved the server from this:\n- 2x Tesla P40\n- 128 GB\nto:\n- 2x RTX 3090\n- 256 GB",
            [("rtx-3090", 2, 24.0)],
            256.0,
        ),
        (
            "Changed laptops from\nRTX 3060 6GB\nto\nRTX 4080 12GB",
            [("rtx-4080-laptop", 1, 12.0)],
            None,
        ),
    ],
)
def test_the_first_list_of_a_move_is_gone(text: str, want: Gpus, ram: float | None) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == want
    assert hw.ram_gb == ram
    assert any("used to have" in a for a in hw.assumptions)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # no move word: two lists of one rig
        ("from my spec sheet:\nRTX 3090\nto be honest it is slow", [("rtx-3090", 1, 24.0)]),
        (
            "parts list, from top to bottom:\nRTX 4090\nRTX 3090",
            [("rtx-3090", 1, 24.0), ("rtx-4090", 1, 24.0)],
        ),
    ],
)
def test_a_list_without_a_move_keeps_its_devices(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want
