"""Rigs as bug reports and help threads state them: cards NVIDIA sold only in laptops named bare, a card
sold with two memory sizes, sizes in MBytes, counts said with "both", RAM glued to its number, a CPU
glued to its brand, older Xeon E3 CPUs, and a card's own memory called "ram". Sentences are written
for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my laptop has an RTX 3050 Ti", [("rtx-3050-ti-laptop", 1, 4.0)]),
        ("GPU: NVIDIA GeForce RTX 3050ti", [("rtx-3050-ti-laptop", 1, 4.0)]),
        ("out of memory on my 3050TI", [("rtx-3050-ti-laptop", 1, 4.0)]),
        ("GTX 1650ti in my notebook", [("gtx-1650-ti-laptop", 1, 4.0)]),
    ],
)
def test_a_card_sold_only_in_laptops_is_the_laptop_card_by_its_bare_name(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RTX 3050 8GB", [("rtx-3050", 1, 8.0)]),
        ("GTX 1650 4GB", [("gtx-1650", 1, 4.0)]),
    ],
)
def test_the_desktop_card_without_ti_stays_the_desktop_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        ("GTX 960 4GB, 16GB RAM", 4.0),
        ("GTX 960 2GB, 16GB RAM", 2.0),
        ("GTX 960, 16GB RAM", 2.0),
    ],
)
def test_a_card_sold_with_two_sizes_keeps_the_size_stated(text: str, vram: float) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == ([("gtx-960", 1, vram)], 16.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Card: GeForce GTX 960\nVideo Memory: 4096 MBytes GDDR5", [("gtx-960", 1, 4.0)]),
        ("RTX 3060 with 12288 megabytes of GDDR6", [("rtx-3060", 1, 12.0)]),
    ],
)
def test_a_card_size_in_mbytes_is_read(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_ram_size_in_gbytes_is_read() -> None:
    assert parse_hardware("Installed memory: 32 GBytes").ram_gb == 32.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it fails when I pick my both graphic cards (RTX 3060 12GB)", [("rtx-3060", 2, 12.0)]),
        ("both of our video cards (RTX 3090) are busy", [("rtx-3090", 2, 24.0)]),
        ("my two graphics cards (RTX 4090) are idle", [("rtx-4090", 2, 24.0)]),
    ],
)
def test_a_count_before_qualified_card_nouns_counts_the_bracketed_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("both a 3090 and a 4090 in the box", [("rtx-3090", 1, 24.0), ("rtx-4090", 1, 24.0)]),
        ("both RX 7600 and the iGPU crash", [("rx-7600", 1, 8.0)]),
        ("one of the cards (RTX 3090) is slow", [("rtx-3090", 1, 24.0)]),
    ],
)
def test_both_joining_two_names_counts_nothing(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("i5\n32ram", 32.0),
        ("3060 12vram 64ram", 64.0),
    ],
)
def test_ram_glued_to_its_number_is_the_ram(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("AMD5900x and 64GB", "ryzen-9-5900x"),
        ("我的cpu是AMD5600x", "ryzen-5-5600x"),
        ("amd7950x3d with a 4090", "ryzen-9-7950x3d"),
    ],
)
def test_a_cpu_glued_to_its_brand_is_read(text: str, family: str) -> None:
    cpu = parse_hardware(text).cpu
    assert cpu is not None and cpu.family == family


def test_amd64_is_an_architecture_not_a_cpu() -> None:
    h = parse_hardware("linux/amd64 image on a 3090")
    assert (h.cpu, gpus(h)) == (None, [("rtx-3090", 1, 24.0)])


@pytest.mark.parametrize(
    ("text", "family", "platform"),
    [
        ("Intel(R) Xeon(R) CPU E3-1231 v3 @ 3.40GHz", "xeon-e3-v3-v4", "ddr3-1600-dual"),
        ("xeon e3 1240v5, 32 GB", "xeon-e3-v5-v6", "ddr4-2133-dual"),
        ("Xeon E3-1230V2 box", "xeon-e3-v2", "ddr3-1600-dual"),
    ],
)
def test_xeon_e3_cpus_sit_on_their_desktop_platform(text: str, family: str, platform: str) -> None:
    cpu = parse_hardware(text).cpu
    assert cpu is not None and (cpu.family, cpu.platform) == (family, platform)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I have a 3080FE and it has 10gb of ram", [("rtx-3080", 1, 10.0)]),
        ("RTX 3080 FE with 10GB of RAM", [("rtx-3080", 1, 10.0)]),
        ("my A6000 that has 48GB ram", [("rtx-a6000", 1, 48.0)]),
        ("a 2080 Ti which has 11 GB of ram", [("rtx-2080-ti", 1, 11.0)]),
    ],
)
def test_a_cards_own_memory_called_ram_is_no_system_ram(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (expected, None)


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("RTX 3090 and 64gb ram", 64.0),
        ("RTX 3090 with 64gb of ram", 64.0),
        ("RTX 3090 FE and it has 64gb of ram", 64.0),
    ],
)
def test_ram_no_card_has_stays_system_ram(text: str, ram: float) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == ([("rtx-3090", 1, 24.0)], ram)


@pytest.mark.parametrize(
    ("text", "family", "platform"),
    [
        ("Intel(R) Core(TM) i3-3120M CPU @ 2.50GHz", "core-i-3", "ddr3-1600-dual"),
        ("old i7-3770 desktop", "core-i-3", "ddr3-1600-dual"),
        ("thinkpad with an i5-2520M", "core-i-2", "ddr3-1333-dual"),
        ("i7 2600k and a gtx 1080", "core-i-2", "ddr3-1333-dual"),
    ],
)
def test_sandy_and_ivy_bridge_core_cpus_sit_on_ddr3(text: str, family: str, platform: str) -> None:
    cpu = parse_hardware(text).cpu
    assert cpu is not None and (cpu.family, cpu.platform) == (family, platform)


def test_a_mobile_cpus_m_suffix_is_no_megabytes() -> None:
    assert parse_hardware("Core i3-3120M laptop").ram_gb is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i7 3090 64gb", [("rtx-3090", 1, 24.0)]),
        ("i5 3060 and 32gb", [("rtx-3060", 1, 12.0)]),
    ],
)
def test_a_card_number_after_a_core_tier_stays_a_card(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.cpu is not None and h.cpu.family is None) == (expected, True)
