"""Card names typed wrong read as the nearest card with a note, or asked about, never dropped; names
close to another card's read as the one meant. Sentences are written for these tests in the patterns
of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus, typo_noted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rtx 40700 super and 64gb ram", "rtx-4070-super"),
        ("rx 79000 xtx and 64gb ram", "rx-7900-xtx"),
        ("rx 77900 xtx", "rx-7900-xtx"),
        ("rtx 50070 ti", "rtx-5070-ti"),
    ],
)
def test_a_stray_digit_keeps_the_suffix_typed_after(text: str, expected: str) -> None:
    h = parse_hardware(text)
    assert [g.id for g in h.gpus] == [expected]
    assert typo_noted(h)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rx 6800 xtt, 32gb", "rx-6800-xt"),
        ("RX 9070 tx 16GB", "rx-9070-xt"),
        ("7800 xx", "rx-7800-xt"),
    ],
)
def test_a_mistyped_xt_is_the_one_the_card_is_sold_as(text: str, expected: str) -> None:
    h = parse_hardware(text)
    assert [g.id for g in h.gpus] == [expected]
    assert typo_noted(h)


def test_a_mistyped_xt_of_a_card_sold_as_both_is_asked_about() -> None:
    h = parse_hardware("rx 7900 xxt and 64gb ram")
    assert any("XT or" in a and "XTX" in a for a in h.assumptions)


@pytest.mark.parametrize(
    ("text", "expected", "ram"),
    [
        ("rtx a600o 48gb", [("rtx-a6000", 1, 48.0)], None),
        ("arc a77o 16gb", [("arc-a770", 1, 16.0)], None),
        ("rtx a600 48gb", [("rtx-a6000", 1, 48.0)], None),
        ("rtx 4060 ti 16 gb vram 32 gb dd4", [("rtx-4060-ti", 1, 16.0)], 32.0),
        ("rtx 3070ti 8gb32gb ram", [("rtx-3070-ti", 1, 8.0)], 32.0),
        ("3080 10 gb 32 gb rma", [("rtx-3080", 1, 10.0)], 32.0),
    ],
)
def test_slips_in_model_numbers_and_amounts(text: str, expected: Gpus, ram: float | None) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (expected, ram)


def test_super_ti_is_the_ti_super_with_a_note() -> None:
    h = parse_hardware("rtx 4070 super ti")
    assert gpus(h) == [("rtx-4070-ti-super", 1, 16.0)]
    assert typo_noted(h)


@pytest.mark.parametrize("text", ["h2o cooled 3090", "sent my 3090 for RMA, 64gb ram"])
def test_words_like_the_slips_stay_as_written(text: str) -> None:
    assert gpus(parse_hardware(text)) == [("rtx-3090", 1, 24.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("System Info: - RTX 5090 32Gb (ASUS ROG Astral OC) - Ryzen 9950X", "rtx-5090"),
        ("Legion 7 with a 3080 16GB", "rtx-3080-laptop"),
        ("rtx 3060 12gb laptop", "rtx-3060-laptop"),
    ],
)
def test_a_makers_brand_yields_to_a_size_only_the_desktop_card_has(text: str, expected: str) -> None:
    assert [g.id for g in parse_hardware(text).gpus] == [expected]


def test_a_macs_radeon_pro_card_the_data_lacks_is_the_pro_card() -> None:
    (g,) = parse_hardware("iMac 27 (2020) 10-core i9, 128GB, Radeon Pro 5700 XT").gpus
    assert ("5700 XT" in g.name and "Pro" in g.name, g.vram_gb) == (True, 16.0)


def test_the_orin_super_dev_kit_is_the_orin_nano_super() -> None:
    h = parse_hardware("Jetson Orin Super 8G")
    assert (h.soc and h.soc.id, h.unified_memory_gb) == ("jetson-orin-nano-super", 8.0)


@pytest.mark.parametrize(
    ("text", "expected", "ram"),
    [
        ("RTX 4О90", [("rtx-4090", 1, 24.0)], None),  # a Cyrillic О typed for the zero
        ("rtx 3о90 и 64 гб озу", [("rtx-3090", 1, 24.0)], 64.0),
        ("r7 7800x3d + rtx4080s + 32gb", [("rtx-4080-super", 1, 16.0)], 32.0),
        ("two rtx 3090s", [("rtx-3090", 2, 24.0)], None),
        ("geforce rtx 4090 24gb 2x32gb ddr5", [("rtx-4090", 1, 24.0)], 64.0),
        ("64G 4800MHz DDR5 x12", [], 768.0),
    ],
)
def test_letters_and_counts_typed_beside_numbers(text: str, expected: Gpus, ram: float | None) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (expected, ram)
