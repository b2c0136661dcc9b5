"""Slips of the keyboard and of notation in rig text: a typo is read as the nearest card with a note, or
asked about, never dropped; a device listing's index is no count; a sum of the cards' memory is no
card's memory. Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus, typo_noted

# --- a device listing written on one line: the index is no count, mixed cards stay mixed ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GPU0: RTX 4090, GPU1: RTX 4090, GPU2: RTX 3090", [("rtx-3090", 1, 24.0), ("rtx-4090", 2, 24.0)]),
        ("gpu 0: 3060; gpu 1: 3060; gpu 2: 3060", [("rtx-3060", 3, 12.0)]),
        ("cuda:0 RTX 3090, cuda:1 RTX 3090", [("rtx-3090", 2, 24.0)]),
        ("cuda:0 RTX A6000", [("rtx-a6000", 1, 48.0)]),
    ],
)
def test_an_index_on_a_one_line_listing_is_no_count(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


# --- a memory size typed against the card's suffix --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4060ti16g", [("rtx-4060-ti", 1, 16.0)]),
        ("rtx 4060 ti16gb + 32gb ram", [("rtx-4060-ti", 1, 16.0)]),
        ("7900xtx24gb", [("rx-7900-xtx", 1, 24.0)]),
    ],
)
def test_a_size_glued_to_the_suffix_is_the_cards_memory(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


# --- a sum of the cards' memory -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "ram"),
    [
        ("4090 + 3090 = 48GB vram, 128GB ram", [("rtx-3090", 1, 24.0), ("rtx-4090", 1, 24.0)], 128.0),
        ("3060 + 3060 = 24gb", [("rtx-3060", 2, 12.0)], None),
        ("3060 + 3060 (24gb total)", [("rtx-3060", 2, 12.0)], None),
    ],
)
def test_a_sum_of_the_cards_memory_is_neither_a_cards_nor_ram(
    text: str, expected: Gpus, ram: float | None
) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (expected, ram)


# --- typos: the nearest card, with a note --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3080tii and 32gb ram", [("rtx-3080-ti", 1, 12.0)]),
        ("rtx 4070 tti super", [("rtx-4070-ti-super", 1, 16.0)]),
        ("rtx 409o with 64gb", [("rtx-4090", 1, 24.0)]),
        ("rtx 3o6o 12gb", [("rtx-3060", 1, 12.0)]),
        ("gtx 4080 and 32gb ram", [("rtx-4080", 1, 16.0)]),
        ("rtx 7900 xt", [("rx-7900-xt", 1, 20.0)]),
    ],
)
def test_a_typo_reads_as_the_nearest_card_with_a_note(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert typo_noted(h)


@pytest.mark.parametrize("text", ["RTX 4080 and 64gb ram", "GTX 1080 Ti", "RX 6800 XT", "3090 Ti"])
def test_a_card_written_right_gets_no_typo_note(text: str) -> None:
    assert not typo_noted(parse_hardware(text))


def test_a_card_number_too_far_from_any_card_is_asked_about() -> None:
    h = parse_hardware("rtx3808 and 64gb ram")
    assert h.gpus == ()
    assert h.ram_gb == 64.0
    assert any("RTX 3808" in a and "name it" in a for a in h.assumptions)


def test_a_doubled_letter_is_read_only_beside_a_card() -> None:
    assert parse_hardware("tii 64gb ram").gpus == ()


# --- a count said after the card -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("RTX 3090 (three of them), 128GB ram", 3),
        ("4090, two of those", 2),
        ("3x 4070, two of them Supers", None),  # part of the count is a sibling card
    ],
)
def test_a_count_of_them_after_the_card(text: str, count: int | None) -> None:
    h = parse_hardware(text)
    if count is None:
        assert sum(g.count for g in h.gpus) == 3
    else:
        assert [g.count for g in h.gpus] == [count]


# --- a graphics card's memory type with its G left out --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "ram"),
    [
        ("rtx 3090 24gb ddr6x", [("rtx-3090", 1, 24.0)], None),
        ("4060 ti 16gb ddr6, 32gb ddr5", [("rtx-4060-ti", 1, 16.0)], 32.0),
        ("rtx 5080 16gb ddr7", [("rtx-5080", 1, 16.0)], None),
    ],
)
def test_ddr6_and_ddr7_are_the_cards_memory(text: str, expected: Gpus, ram: float | None) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (expected, ram)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("4-way 4090 box", 4),
        ("an 8-GPU H100 80GB node", 8),
        ("a 3-card 3060 rig", 3),
        ("três 4090", 3),
    ],
)
def test_a_count_written_as_n_way_or_in_another_language(text: str, count: int) -> None:
    assert [g.count for g in parse_hardware(text).gpus] == [count]
