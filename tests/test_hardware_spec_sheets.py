"""Spec sheets people paste: a GPU tool's "core count" key, a Mac's "12CPU/30GPU" shorthand, Markdown
headings with the amount on the next line, a "VRAM per GPU" key under several cards, and Mesa's
bracketed platform code."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "soc", "cores", "unified"),
    [
        ("GPU name: Apple M1 Max\nGPU core count: 24\nGPU memory: 32 GB", "m1-max", 24, 32.0),
        ("chip: Apple M3 Pro\ngpu cores count = 14\nmemory: 18 GB", "m3-pro", 14, 18.0),
        ("Mac Studio, M2 Ultra\n24CPU/60GPU/64GB RAM/1TB SSD", "m2-ultra", 60, 64.0),
        ("MacBook Pro M3 Max 14CPU/30GPU/36GB", "m3-max", 30, 36.0),
    ],
)
def test_a_chips_gpu_cores_are_read_from_a_count_key_or_a_mac_shorthand(
    text: str, soc: str, cores: int, unified: float
) -> None:
    hw = parse_hardware(text)
    assert hw.soc is not None
    assert (hw.soc.id, hw.soc.gpu_cores, hw.soc.count) == (soc, cores, 1)
    assert hw.unified_memory_gb == unified


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("RX 7900 XTX, CU count: 96", [("rx-7900-xtx", 1, 24.0)]),
        ("card: RTX 4080\nshader count: 9728", [("rtx-4080", 1, 16.0)]),
        ("model: RTX A5000\ncount: 3", [("rtx-a5000", 3, 24.0)]),  # a count of the cards still counts
    ],
)
def test_a_count_of_a_devices_parts_is_no_count_of_devices(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    "text",
    [
        "M2 Max, 2 gpu, 32GB",  # a number the chip is not sold with stays unread as cores
        "M2 Max 32GB",
    ],
)
def test_a_chip_without_its_cores_keeps_the_default_and_says_so(text: str) -> None:
    hw = parse_hardware(text)
    assert hw.soc is not None and hw.soc.id == "m2-max" and hw.soc.gpu_cores == 38
    assert any("core count not stated" in a for a in hw.assumptions)


@pytest.mark.parametrize(
    ("text", "ram", "want"),
    [
        ("## RAM\n64 GB\n\n## GPU\nRTX 4070 Ti", 64.0, [("rtx-4070-ti", 1, 12.0)]),
        ("### Memory  \n96,0 GB\n### Graphics\nRX 7800 XT", 96.0, [("rx-7800-xt", 1, 16.0)]),
        ("RAM:\n48 GB\nGPU: RTX 3080", 48.0, [("rtx-3080", 1, 10.0)]),
        ("**RAM**\n16 GB\n**GPU**\nGTX 1660 Super", 16.0, [("gtx-1660-super", 1, 6.0)]),
    ],
)
def test_a_headings_amount_on_the_next_line_is_that_headings(text: str, ram: float, want: Gpus) -> None:
    hw = parse_hardware(text)
    assert hw.ram_gb == ram
    assert gpus(hw) == want


def test_a_vram_heading_names_an_unnamed_cards_memory() -> None:
    hw = parse_hardware("## VRAM\n12GB")
    assert gpus(hw) == [(None, 1, 12.0)]
    assert hw.ram_gb is None


def test_an_amount_sharing_its_line_is_not_the_headings() -> None:
    hw = parse_hardware("## Notes\n12 GB is what the model takes")
    assert hw.ram_gb is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("3x 5060 Ti\nVRAM per GPU: 16gb", [("rtx-5060-ti", 3, 16.0)]),
        ("4x 3090\nVRAM per card: 24 GB", [("rtx-3090", 4, 24.0)]),
        ("2x A4000\nper GPU VRAM: 16 GB", [("rtx-a4000", 2, 16.0)]),
        ("- count: 2\n- 4060 Ti\n- VRAM per GPU: 16 GB", [("rtx-4060-ti", 2, 16.0)]),
    ],
)
def test_a_vram_key_said_per_card_is_each_cards_memory(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        ("2x 3090\nVRAM per GPU: 24gb", [("rtx-3090", 2, 24.0)], None),
        ("4x 4090\nRAM: 256 GB", [("rtx-4090", 4, 24.0)], 256.0),
        ("1x 7900 XTX\nvram 24 GB", [("rx-7900-xtx", 1, 24.0)], None),
    ],
)
def test_a_cards_number_ending_a_line_is_no_amount_of_the_next_lines_memory_key(
    text: str, want: Gpus, ram: float | None
) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == want
    assert hw.ram_gb == ram


@pytest.mark.parametrize(
    "text",
    [
        "ggml_vulkan: 0 = Intel(R) Arc(tm) Graphics (MTL) (Intel open-source Mesa driver) | uma: 1",
        "Vulkan0: Intel(R) Arc(tm) Graphics (MTL), 16 GB shared",
    ],
)
def test_mesas_meteor_lake_name_is_the_meteor_lake_igpu(text: str) -> None:
    assert [g.id for g in parse_hardware(text).gpus] == ["arc-graphics-meteor-lake"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("GPU count: 3\nGPU: RTX A6000", [("rtx-a6000", 3, 48.0)]),
        ("* GPU count = 8\n* GPU model: H100 SXM 80GB", [("h100-sxm", 8, 80.0)]),
        ("CPU core count: 24\nGPU: RTX 4090", [("rtx-4090", 1, 24.0)]),
        ("PCIe lane count: 16\nGPU: RTX 4090", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_form_gives_the_cards_count_on_the_line_above_the_model(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("my RTX4000's VRAM (7 of 20GB in use)", [("rtx-4000-ada", 1, 20.0)]),
        ("Quadro RTX 6000\nVRAM: 96 GB", [("rtx-pro-6000-blackwell", 1, 96.0)]),
        ("RTX 5000\nVRAM: 32 GB", [("rtx-5000-ada", 1, 32.0)]),
    ],
)
def test_vram_stated_apart_picks_the_card_sold_under_the_same_name_with_it(text: str, want: Gpus) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == want
    assert any("not sold with" in a for a in hw.assumptions)


def test_vram_stated_apart_that_the_named_card_has_keeps_it() -> None:
    hw = parse_hardware("Quadro RTX 4000\nVRAM: 8 GB")
    assert gpus(hw) == [("quadro-rtx-4000", 1, 8.0)]
