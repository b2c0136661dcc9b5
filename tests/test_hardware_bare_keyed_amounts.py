"""A memory key in any language, then a bare amount without its unit: "ОЗУ 32", "Arbeitsspeicher 64",
"内存16", "显存12" — the key names what the number is, as "RAM 16" does in English."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "ram", "want"),
    [
        ("оперативка 64, видеокарта 4070", 64.0, [("rtx-4070", 1, 12.0)]),
        ("ОЗУ 16 и RX 6600", 16.0, [("rx-6600", 1, 8.0)]),
        ("Arbeitsspeicher 48, RTX 4060 Ti", 48.0, [("rtx-4060-ti", 1, 8.0)]),
        ("内存64，显卡3090", 64.0, [("rtx-3090", 1, 24.0)]),
        ("memoria 16, GTX 1660", 16.0, [("gtx-1660", 1, 6.0)]),
        ("GTX 1660 Super, RAM 32.", 32.0, [("gtx-1660-super", 1, 6.0)]),  # the sentence ends the item
    ],
)
def test_a_ram_key_then_a_bare_amount_is_the_ram(text: str, ram: float, want: Gpus) -> None:
    hw = parse_hardware(text)
    assert hw.ram_gb == ram
    assert gpus(hw) == want


def test_a_vram_key_then_a_bare_amount_is_a_cards_memory() -> None:
    hw = parse_hardware("显存16，内存64")
    assert gpus(hw) == [(None, 1, 16.0)]
    assert hw.ram_gb == 64.0


@pytest.mark.parametrize(
    "text",
    [
        "DDR5 6000, RTX 4080",  # a memory speed, not an amount
        "ОЗУ 3200 МГц, RTX 4080",
        "内存条4根，RTX 4080",  # a count of sticks
    ],
)
def test_a_number_that_is_no_memory_size_stays_unread(text: str) -> None:
    assert parse_hardware(text).ram_gb is None
