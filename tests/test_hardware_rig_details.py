"""Details of a rig written the way people write them: a card the rig would need, memory in sticks,
amounts in use, caches, a tool's GPU memory on an Apple chip, a Jetson Orin named by its memory,
Ascend bins, mistyped card numbers the memory beside them settles, and laptop cards with rows of their
own. Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus, typo_noted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RTX 4080 16GB. Do I have to use an A100 / 80GB for this?", [("rtx-4080", 1, 16.0)]),
        ("do i need to use two 3090s or is my 4090 enough", [("rtx-4090", 1, 24.0)]),
        ("my 7900 xtx fails, does it have to use an H100?", [("rx-7900-xtx", 1, 24.0)]),
    ],
)
def test_a_card_the_rig_would_have_to_use_is_not_the_rig(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (expected, None)


def test_a_card_in_use_is_still_the_rig() -> None:
    assert gpus(parse_hardware("I use a 3090 with 64gb ram")) == [("rtx-3090", 1, 24.0)]


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("two 16GB sticks in the box", 32.0),
        ("4 32GB DDR5 DIMMs", 128.0),
        ("I put two 16gb ram sticks in it", 32.0),
        ("4070, 2 32GB memory modules", 64.0),
        ("four 48GB sticks of DDR5 and a 5090", 192.0),
    ],
)
def test_memory_sticks_counted_before_their_size_add_up(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


def test_a_card_count_before_its_memory_is_no_stick_count() -> None:
    h = parse_hardware("two 3090 24gb and 64gb ram")
    assert (gpus(h), h.ram_gb) == ([("rtx-3090", 2, 24.0)], 64.0)


@pytest.mark.parametrize(
    "text",
    [
        "peak memory usage of 70GB on 8 H100s",
        "memory usage 12GB on the 4090",
        "内存占用 20G，4090",
        "memory consumption of 30 GB with two A6000",
    ],
)
def test_an_amount_of_memory_in_use_is_not_the_ram(text: str) -> None:
    assert parse_hardware(text).ram_gb is None


@pytest.mark.parametrize(
    ("text", "unified"),
    [
        ("M4 Max, GPU system level cache: 48 MB", None),
        ("M3 Pro with 18GB, cache 24 MB", 18.0),
        ("GPU name: Apple M4 Max\nGPU system level cache: 48 MB\nGPU memory: 128 GB", 128.0),
        ("GPU name: Apple M1 Pro\nGPU memory: 16 GB", 16.0),
    ],
)
def test_a_cache_is_no_memory_and_a_tools_gpu_memory_on_a_mac_is_its_memory(
    text: str, unified: float | None
) -> None:
    assert parse_hardware(text).unified_memory_gb == unified


def test_vram_on_a_mac_that_is_no_size_it_is_sold_with_stays_the_gpus_share() -> None:
    h = parse_hardware("M3 Max 36GB unified, 27GB VRAM")
    assert h.unified_memory_gb == 36


@pytest.mark.parametrize(
    ("text", "module", "memory"),
    [
        ("i have one jetson orin(32g), it is slow", "jetson-agx-orin", 32.0),
        ("jetson orin 64gb on jetpack 6", "jetson-agx-orin", 64.0),
        ("Jetson Orin with 16GB", "jetson-orin-nx", 16.0),
    ],
)
def test_a_jetson_orin_named_without_its_module_is_the_one_sold_with_that_memory(
    text: str, module: str, memory: float
) -> None:
    h = parse_hardware(text)
    assert h.soc is not None
    assert (h.soc.id, h.unified_memory_gb) == (module, memory)


def test_a_jetson_orin_memory_two_modules_have_is_asked_about() -> None:
    h = parse_hardware("Jetson Orin with 8GB")
    assert h.soc is None
    assert any("say which module" in a for a in h.assumptions)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Ascend 910B3 x8", 8),
        ("Huawei Ascend 910B2 x4", 4),
        ("8卡910B3", 8),
        ("| 0     910B2C              | OK            |", 1),
    ],
)
def test_ascend_910b_bins_are_the_910b(text: str, count: int) -> None:
    assert gpus(parse_hardware(text)) == [("ascend-910b", count, 64.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RTX 3096 24GB", [("rtx-3090", 1, 24.0)]),
        ("rtx 5099 32gb", [("rtx-5090", 1, 32.0)]),
        ("RTX 4069 8GB", [("rtx-4060", 1, 8.0)]),
        ("4900 with 24gb vram", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_mistyped_card_number_is_read_where_the_memory_beside_it_settles_it(
    text: str, expected: Gpus
) -> None:
    h = parse_hardware(text)
    assert (gpus(h), typo_noted(h)) == (expected, True)


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("my 3600 with 16gb ddr4", 16.0),
        ("my 5800 with 32gb ram", 32.0),
        ("a 2700 with 16gb ram", 16.0),
        ("4900 with 64gb ddr5", 64.0),
    ],
)
def test_a_number_with_ram_after_it_the_cards_are_not_sold_with_names_no_card(text: str, ram: float) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == ([], ram)


@pytest.mark.parametrize("text", ["RTX 4069 16GB", "rtx 3096"])
def test_a_mistyped_card_number_the_memory_does_not_settle_is_asked_about(text: str) -> None:
    h = parse_hardware(text)
    assert gpus(h) == []
    assert any("could not tell which card" in a for a in h.assumptions)


def test_a_year_before_a_ram_amount_is_no_card() -> None:
    assert gpus(parse_hardware("2019 with 16gb ram")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GPT4All runs 10x faster on my 6600M GPU", [("rx-6600m", 1, 8.0)]),
        ("RX 6600M 8GB laptop", [("rx-6600m", 1, 8.0)]),
        ("same problem on Quadro rtx 4000 8gb(notebook)", [("quadro-rtx-4000-laptop", 1, 8.0)]),
        ("Quadro RTX 4000 Mobile 8GB", [("quadro-rtx-4000-laptop", 1, 8.0)]),
        ("Quadro RTX 4000 8GB", [("quadro-rtx-4000", 1, 8.0)]),
        ("rx 6600 8gb", [("rx-6600", 1, 8.0)]),
        ("two RX 7600S laptops", [("rx-7600s", 2, 8.0)]),
        ("2 RX6800s", [("rx-6800", 2, 16.0)]),
    ],
)
def test_laptop_cards_read_as_their_own_rows(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "chip", "memory"),
    [
        ("Steam Deck 512GB", "steam-deck", 16.0),
        ("my Steam Deck OLED 1TB", "steam-deck-oled", 16.0),
        ("Pixel 9 Pro 256GB", "google-tensor-g4", 16.0),
        ("iPhone 15 Pro 256GB", "apple-a17-pro", 8.0),
    ],
)
def test_a_product_sold_with_one_memory_size_is_named_by_its_storage(
    text: str, chip: str, memory: float
) -> None:
    h = parse_hardware(text)
    assert h.soc is not None
    assert (h.soc.id, h.unified_memory_gb) == (chip, memory)


@pytest.mark.parametrize("text", ["ROG Ally 512GB", "Legion Go 1TB"])
def test_a_disk_sized_amount_beside_an_integrated_gpu_is_storage(text: str) -> None:
    assert parse_hardware(text).ram_gb == 16


def test_a_server_cpus_lone_amount_stays_its_ram() -> None:
    assert parse_hardware("Ampere Altra 80 cores 512GB").ram_gb == 512


@pytest.mark.parametrize(
    ("text", "chip", "memory"),
    [
        ("Galaxy Z Fold 6, 12GB", "snapdragon-8-gen-3", 12.0),
        ("Galaxy Z Flip6", "snapdragon-8-gen-3", 12.0),
        ("Redmi K70 Pro 24GB", "snapdragon-8-gen-3", 24.0),
        ("Galaxy S25 Edge", "snapdragon-8-elite", 12.0),
    ],
)
def test_more_phones_name_their_chip(text: str, chip: str, memory: float) -> None:
    h = parse_hardware(text)
    assert h.soc is not None
    assert (h.soc.id, h.unified_memory_gb) == (chip, memory)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MacBook Pro 2018 i7 16GB Radeon Pro 560X 4GB", [("radeon-pro-560x", 1, 4.0)]),
        ("Radeon Pro 580X 8GB", [("radeon-pro-580x", 1, 8.0)]),
        ("2017 iMac 27 with Radeon Pro 580 8GB and 64GB", [("radeon-pro-580", 1, 8.0)]),
        ("iMac 2019 i9 64GB Radeon Pro Vega 48", [("radeon-pro-vega-48", 1, 8.0)]),
        ("MBP 15 with a Radeon Pro Vega 20", [("radeon-pro-vega-20", 1, 4.0)]),
        ("Quadro RTX 5000 16GB laptop", [("quadro-rtx-5000-laptop", 1, 16.0)]),
        ("Quadro RTX 3000 6GB", [("quadro-rtx-3000-laptop", 1, 6.0)]),
        ("Dell Precision with Quadro T2000 4GB, 32GB", [("quadro-t2000-laptop", 1, 4.0)]),
        ("quadro t1000 8gb in an office pc", [("t1000", 1, 8.0)]),
        ("2x 3090", [("rtx-3090", 2, 24.0)]),
    ],
)
def test_intel_mac_and_mobile_workstation_gpus(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A100 80GB PCIe x2", [("a100-pcie", 2, 80.0)]),
        ("2x 3090 on PCIe 4.0 x16/x8", [("rtx-3090", 2, 24.0)]),
        ("3090 on pcie x8", [("rtx-3090", 1, 24.0)]),
        ("3090 on a pcie x1 riser", [("rtx-3090", 1, 24.0)]),
    ],
)
def test_a_pcie_lane_width_is_no_count_but_an_odd_one_after_a_card_is(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RX 7700S 8GB", [("rx-7700s", 1, 8.0)]),
        ("Framework 16 with the 7700S dGPU and 64GB", [("rx-7700s", 1, 8.0)]),
        ("RX 6850M XT", [("rx-6850m-xt", 1, 12.0)]),
        ("rx 7600m", [("rx-7600m", 1, 8.0)]),
        ("RX 7600M XT 8GB laptop", [("rx-7600m-xt", 1, 8.0)]),
        ("Titan X 12GB", [("titan-x-pascal", 1, 12.0)]),
        ("GTX Titan X", [("titan-x-maxwell", 1, 12.0)]),
    ],
)
def test_mobile_radeons_and_the_titan_x(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RX 6800XTT", [("rx-6800-xt", 1, 16.0)]),
        ("rx 7800xtt 16gb", [("rx-7800-xt", 1, 16.0)]),
    ],
)
def test_a_mistyped_xt_glued_to_a_card_number_is_the_xt(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert (gpus(h), typo_noted(h)) == (expected, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("寒武纪 MLU370 48G", [("cambricon-mlu370-x8", 1, 48.0)]),
        ("8x MLU370-X8", [("cambricon-mlu370-x8", 8, 48.0)]),
    ],
)
def test_cambricon_cards(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("MemTotal:       131811460 kB\nRTX 3090", 128.0),
        ("$ cat /proc/meminfo\nMemTotal:       32768000 kB\nMemFree:        1000000 kB\n4060 Ti 16GB", 32.0),
    ],
)
def test_proc_meminfo_total_is_the_ram(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "chip", "memory"),
    [
        ("Surface Laptop with Snapdragon X2 Elite, 32GB", "snapdragon-x2-elite", 32.0),
        ("Snapdragon X2 Elite Extreme 64GB", "snapdragon-x2-elite-extreme", 64.0),
    ],
)
def test_the_x_of_snapdragon_x2_is_no_count(text: str, chip: str, memory: float) -> None:
    h = parse_hardware(text)
    assert h.soc is not None
    assert (h.soc.id, h.unified_memory_gb) == (chip, memory)


def test_a_letter_o_ending_a_tesla_p_number_is_a_zero() -> None:
    h = parse_hardware("Tesla P4O 24GB")
    assert (gpus(h), typo_noted(h)) == ([("tesla-p40", 1, 24.0)], True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tested with 2 RX6800s", [("rx-6800", 2, 16.0)]),
        ("two 7600s on one board", [("rx-7600", 2, 8.0)]),
        ("2x 6800s and 64GB", [("rx-6800", 2, 16.0)]),
        ("the 7700S in my Framework", [("rx-7700s", 1, 8.0)]),
        ("my 6800S laptop", [("rx-6800s", 1, 8.0)]),
    ],
)
def test_an_s_after_a_count_of_cards_is_a_plural_not_amds_laptop_s(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected
