"""The hardware reader on what a CPU's name, a chip's name and a memory tool's listing imply.

Each row is a sentence in a pattern seen in public threads (written for these tests) and the reading an
experienced reader would give: GPUs as (id, count, GB per card), then system RAM, unified memory and
the CPU family where they matter.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus

# --- The GPU built into a laptop CPU or an APU ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "igpu", "ram"),
    [
        ("Ryzen 7 7840U laptop, 32GB", "radeon-780m", 32),
        ("mini pc with a ryzen 9 8945hs and 64gb ddr5", "radeon-780m", 64),
        ("Ryzen AI 9 HX 370, 32 GB LPDDR5X", "radeon-890m", 32),
        ("zenbook with ryzen ai 9 365 and 24gb", "radeon-880m", 24),
        ("Ryzen 5 7640HS / 16GB", "radeon-760m", 16),
        ("Ryzen 7 6800H with 32GB RAM", "radeon-680m", 32),
        ("old laptop: Ryzen 5 4600H, 16gb", "radeon-vega-igpu", 16),
        ("desktop APU build: Ryzen 7 5700G + 64GB DDR4", "radeon-vega-igpu", 64),
        ("Ryzen 7 8700G, 96GB DDR5", "radeon-780m", 96),
        ("Core Ultra 7 155H laptop with 32GB", "arc-graphics-meteor-lake", 32),
        ("Core Ultra 7 258V, 32GB", "arc-140v", 32),
        ("core ultra 5 226v 16gb", "arc-130v", 16),
        ("Core Ultra 9 285H, 64GB DDR5", "arc-140t", 64),
    ],
)
def test_a_laptop_cpu_or_apu_alone_brings_its_igpu(text: str, igpu: str, ram: float) -> None:
    h = parse_hardware(text)
    assert gpus(h) == [(igpu, 1, None)] and h.ram_gb == ram
    assert h.gpus[0].kind == "igpu"


def test_the_igpu_read_from_a_cpu_says_it_shares_system_ram() -> None:
    h = parse_hardware("Ryzen 7 7840U, 32GB")
    assert any("built into the Ryzen 7 7840U" in a and "shares the system RAM" in a for a in h.assumptions)


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        (
            "ryzen 5600h with radeon graphics and an rtx 3050 4gb",
            [("radeon-vega-igpu", 1, None), ("rtx-3050-laptop", 1, 4.0)],
        ),
        ("i7-1260P, using the integrated graphics", [("iris-xe", 1, None)]),
        ("i5-1135G7 with its iGPU and 16GB", [("iris-xe", 1, None)]),
    ],
)
def test_words_about_the_built_in_graphics_bring_the_igpu(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


@pytest.mark.parametrize(
    "text",
    [
        "Ryzen 7 7840HS with an RTX 4060 laptop GPU",  # a card is named: the iGPU is not put forward
        "Ryzen 7 5700G, 64GB, no GPU",  # the person says there is none to use
        "Ryzen 9 7950X, 64GB DDR5",  # a desktop CPU's display-only graphics
        "i5-12400 with 32GB",
        "Ryzen 9 7945HX laptop, 32GB",  # Dragon Range's two-CU display graphics
        "i7-1255U laptop, 16GB",  # Iris Xe: read only where the text speaks of it
    ],
)
def test_no_igpu_is_read_where_it_is_not_one_to_run_models_on(text: str) -> None:
    assert not any(g.kind == "igpu" for g in parse_hardware(text).gpus)


# --- A chip's memory is read, never made up --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "我的手机是Snapdragon 8 Gen 3",
        "my phone has a Snapdragon 8 Elite",
        "Surface Pro with Snapdragon X Elite and its Adreno GPU",
        "Dimensity 9300 phone",
        "RK3588 board running rkllm",
    ],
)
def test_a_chip_sold_in_several_sizes_keeps_its_memory_open(text: str) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.unified_memory_gb is None
    assert any("memory not stated" in a for a in h.assumptions)


@pytest.mark.parametrize(
    ("text", "unified"),
    [
        ("Pixel 9 Pro", 16),  # a product sold with one size
        ("Steam Deck OLED", 16),
        ("Galaxy S24 Ultra 12GB", 12),  # the size written
    ],
)
def test_a_chips_memory_comes_from_the_text_or_the_product(text: str, unified: float) -> None:
    assert parse_hardware(text).unified_memory_gb == unified


# --- CPUs and cards written short -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("r5 3600 + 3060, 32gb ram", "ryzen-5-3600"),
        ("r7 5800x3d and a 3090", "ryzen-7-5800x3d"),
        ("R9-7950X / 4090", "ryzen-9-7950x"),
        ("r5 5600 with a 1660s", "ryzen-5-5600"),
        ("TR 3970X with 256GB", "threadripper-3970x"),
        ("i7 12700k, 3080", "core-i-12-desktop"),
        ("7950x3d / 4090 / 96gb", "ryzen-9-7950x3d"),
    ],
)
def test_cpu_brands_written_short(text: str, family: str) -> None:
    h = parse_hardware(text)
    assert h.cpu is not None and h.cpu.family == family


@pytest.mark.parametrize(
    ("text", "name"),
    [("r5 3600, 32gb", "Ryzen 5 3600"), ("TR 3970X", "Threadripper 3970X"), ("i712700h", "i7-12700H")],
)
def test_a_cpu_written_short_is_named_in_full(text: str, name: str) -> None:
    cpu = parse_hardware(text).cpu
    assert cpu is not None and cpu.name == name


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("my 1660s and 16gb ram", [("gtx-1660-super", 1, 6.0)]),
        ("3060ti 8gb", [("rtx-3060-ti", 1, 8.0)]),
        ("4070tis, 32gb", [("rtx-4070-ti-super", 1, 16.0)]),
        ("7900xtx + 64gb ddr5", [("rx-7900-xtx", 1, 24.0)]),
        ("rx 580 8gb", [("rx-580", 1, 8.0)]),
        ("a770 16gb", [("arc-a770", 1, 16.0)]),
        ("two p40s in a server", [("tesla-p40", 2, 24.0)]),
    ],
)
def test_cards_written_short(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


# --- Cards known only by their memory, counted --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        ("2 24gb cards", [(None, 2, 24.0)]),
        ("two 24GB cards and 64GB RAM", [(None, 2, 24.0)]),
        ("training on 3 16GB GPUs", [(None, 3, 16.0)]),
        ("a box with 3 GPUs, 22 GB of VRAM between them", [(None, 3, 7.33)]),
        ("3x 24GB GPU", [(None, 3, 24.0)]),
        ("4x 80GB GPUs, 512GB RAM", [(None, 4, 80.0)]),
        ("GPU: 2x 16GB", [(None, 2, 16.0)]),
    ],
)
def test_cards_counted_by_their_memory_alone(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


# --- Memory listed module by module -----------------------------------------------------------------

_DMIDECODE = (
    "Handle 0x0038, DMI type 16, 23 bytes\nPhysical Memory Array\n\tMaximum Capacity: 256 GB\n"
    "\tNumber Of Devices: 4\n\nHandle 0x0040, DMI type 17, 92 bytes\nMemory Device\n\tSize: 32 GB\n"
    "\tType: DDR5\n\tSpeed: 5600 MT/s\n\nHandle 0x0041, DMI type 17, 92 bytes\nMemory Device\n"
    "\tSize: No Module Installed\n\nHandle 0x0042, DMI type 17, 92 bytes\nMemory Device\n\tSize: 32 GB\n"
    "\tType: DDR5\n\tSpeed: 5600 MT/s\nGPU: RTX 4090"
)
_LSHW = (
    "  *-bank:0\n       description: DIMM DDR4 Synchronous 3200 MHz\n       size: 16GiB\n"
    "  *-bank:1\n       description: DIMM DDR4 Synchronous 3200 MHz\n       size: 16GiB\n"
    "  *-bank:2\n       description: DIMM DDR4 Synchronous 3200 MHz\n       size: 16GiB\n"
    "  *-bank:3\n       description: DIMM DDR4 Synchronous 3200 MHz\n       size: 16GiB\nand a 3090"
)
_WMIC = "wmic memorychip get capacity\nCapacity\n17179869184\n17179869184\n\nGPU is an RTX 3060 12GB"
_WMIC_COLUMNS = "Capacity     Speed\n" + "34359738368  3200\n" * 4
_WMIC_BANKS = (
    "BankLabel  Capacity    DeviceLocator\n           17179869184  XMM1\n           17179869184  XMM3\n"
    "           4194304     SYSTEM ROM\nRTX 4070"
)
_WMIC_VALUE = (
    "BankLabel=BANK 0\nCapacity=8589934592\nCaption=Physical Memory\n\n"
    "BankLabel=BANK 1\nCapacity=8589934592\nCaption=Physical Memory"
)
_CIM_LIST = "Capacity : 34359738368\nSpeed    : 6000\n\nCapacity : 34359738368\nSpeed    : 6000\nwith a 4090"


@pytest.mark.parametrize(
    ("text", "ram", "expected_gpus"),
    [
        (_DMIDECODE, 64, [("rtx-4090", 1, 24.0)]),
        (_LSHW, 64, [("rtx-3090", 1, 24.0)]),
        (_WMIC, 32, [("rtx-3060", 1, 12.0)]),
        (_WMIC_COLUMNS, 128, []),
        (_CIM_LIST, 64, [("rtx-4090", 1, 24.0)]),
        (_WMIC_BANKS, 32, [("rtx-4070", 1, 12.0)]),  # a ROM row is no module
        (_WMIC_VALUE, 16, []),
    ],
)
def test_memory_listed_module_by_module_adds_up_to_the_ram(
    text: str, ram: float, expected_gpus: Gpus
) -> None:
    h = parse_hardware(text)
    assert h.ram_gb == ram and gpus(h) == expected_gpus
    assert any("memory modules" in a for a in h.assumptions)


def test_the_boards_maximum_capacity_is_not_its_memory() -> None:
    h = parse_hardware(_DMIDECODE)
    assert h.ram_gb == 64 and h.ram_type == "DDR5"


def test_a_single_module_is_read_as_written() -> None:
    h = parse_hardware("Memory Device\n\tSize: 16 GB\n\tType: DDR4\nRTX 3060 12GB")
    assert not any("memory modules" in a for a in h.assumptions)


# --- A server CPU named with words between its brand and its model --------------------------------


@pytest.mark.parametrize(
    ("text", "cpu"),
    [
        ("EPYC 5th gen 9135 with 384GB DDR5", "EPYC 9135"),
        ("epyc 4th gen 9654, 768gb ddr5", "EPYC 9654"),
    ],
)
def test_a_generation_between_brand_and_model_is_skipped(text: str, cpu: str) -> None:
    h = parse_hardware(text)
    assert h.cpu is not None and h.cpu.name == cpu and h.cpu.cores is not None


def test_a_brand_without_a_model_stays_unnamed() -> None:
    h = parse_hardware("an epyc server with 512gb of ram")
    assert h.cpu is not None and h.cpu.name == "EPYC (model not stated)"
