"""Whose devices a clause names: one the writer says they do not have, one put to the reader ("if you
own ..."), and words that only look like a purchase or a condition ("the order is", "no matter if").
Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shame I don't have 4 x A100, can I still try it with offloading?", []),
        ("I do not have an H100 80GB, only a 4090 24GB", [("rtx-4090", 1, 24.0)]),
        ("I no longer have the 3090; the box runs a 5090 now", [("rtx-5090", 1, 32.0)]),
        ("haven't got two 4090s, just the one 3060", [("rtx-3060", 1, 12.0)]),
        ("没有A100，只有两张3090", [("rtx-3090", 2, 24.0)]),
        ("我没有两张4090，能跑吗", []),
    ],
)
def test_a_device_the_writer_says_they_do_not_have_is_left_out(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert any("do not have" in a for a in h.assumptions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I don't have 4 x A100 (to be honest, I only have one)", [("a100-sxm", 1, 80.0)]),
        ("we don't have eight H200s, only two", [("h200", 2, 141.0)]),
    ],
)
def test_only_have_after_a_denied_count_keeps_the_device_with_that_count(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I don't have enough VRAM on my 3090",
        "I don't have problems running it on a 3090",
        "有没有3090的朋友测过",
        "I don't have the 3090 plugged in at the moment",
    ],
)
def test_a_denied_have_whose_object_is_no_device_keeps_the_card(text: str) -> None:
    assert gpus(parse_hardware(text)) == [("rtx-3090", 1, 24.0)]


@pytest.mark.parametrize(
    "text",
    [
        "If you already own a Mac Studio M2 Ultra with 128GB or 192GB, the 120B fits.",
        "if you have a 3090 and 64GB of RAM you can offload the experts",
        "What if you bought these instead:\n- 2x RTX 3090\n- 1x RTX 5090 32GB",
    ],
)
def test_a_rig_put_to_the_one_addressed_is_not_the_writers(text: str) -> None:
    h = parse_hardware(text)
    assert gpus(h) == [] and h.soc is None and h.ram_gb is None and h.unified_memory_gb is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My rig is a 4090. If you have a 3060 12GB it still works", [("rtx-4090", 1, 24.0)]),
        ("can you run a 70B on 2x 3090?", [("rtx-3090", 2, 24.0)]),
        ("what happens if you run it on a 4090?", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_generic_you_or_a_clause_of_the_writers_keeps_their_cards(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the order is 3090, 3090, A4000 and it fails on the third",
            [("rtx-3090", 2, 24.0), ("rtx-a4000", 1, 16.0)],
        ),
        (
            "no matter if I put them 3090,3090,A4000 or A4000,3090,3090 it crashes",
            [("rtx-3090", 2, 24.0), ("rtx-a4000", 1, 16.0)],
        ),
        ("4090, 3060 or 3060, 4090: same error", [("rtx-3060", 1, 12.0), ("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_sequence_of_cards_is_one_set_in_any_order(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_cards_weighed_with_or_stay_two_options() -> None:
    assert gpus(parse_hardware("2x 3090 or 2x 4090")) == [("rtx-3090", 2, 24.0), ("rtx-4090", 2, 24.0)]


@pytest.mark.parametrize(
    ("text", "ram"),
    [("CPU: Ryzen 9 7950X (16C/32T, Zen 4)", None), ("Threadripper 7960X 24c/48t, 128GB DDR5", 128.0)],
)
def test_cores_and_threads_are_no_terabytes(text: str, ram: float | None) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "ram"),
    [("32G+3060 12G显存/16G共享内存", 32.0), ("内存32G，3060 12G显存，共享显存16G", 32.0)],
)
def test_shared_gpu_memory_is_no_ram(text: str, ram: float) -> None:
    h = parse_hardware(text)
    assert h.ram_gb == ram and gpus(h) == [("rtx-3060", 1, 12.0)]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("I run 3 DGX Sparks on a 200G switch", 3),
        ("two DGX Sparks", 2),
        ("4 DGX Spark units in a stack", 4),
        ("got 2 Jetson Orin Nanos", 2),
        ("1 DGX Spark", 1),
    ],
)
def test_a_number_before_a_machine_named_in_the_plural_counts_them(text: str, count: int) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.count == count


def test_a_number_before_a_chip_name_alone_is_no_count() -> None:
    h = parse_hardware("2 M2 Ultra")
    assert h.soc is not None and h.soc.count == 1


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("I don't have 128GB of RAM, only 48GB", 48.0),
        ("a 4090 here, but I do not have 96GB RAM", None),
        ("我没有128G内存，只有64G", 64.0),
        ("I don't have 128GB of RAM; the box has 64GB and a 3090", 64.0),
    ],
)
def test_an_amount_the_writer_says_they_do_not_have_is_no_ram(text: str, ram: float | None) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "expected", "ram"),
    [
        ("two A5000s, each with 24GB of memory", [("rtx-a5000", 2, 24.0)], None),
        ("4x P40, each having 24 GB memory, and 128GB DDR4", [("tesla-p40", 4, 24.0)], 128.0),
        ("each server with 512GB memory, 8x A100", [("a100-sxm", 8, 80.0)], 512.0),
    ],
)
def test_memory_each_card_comes_with_is_no_ram(text: str, expected: Gpus, ram: float | None) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected and h.ram_gb == ram
