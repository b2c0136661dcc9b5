"""Devices owners name that are neither GeForce nor Radeon nor Apple: Chinese accelerators, small
workstation and laptop cards, the Mac Pro (Late 2013)'s GPUs, Huawei's inference chip, Samsung's
phone chip, a Jetson written short, and an APU's iGPU as Vulkan prints it."""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from sizing.hardware import DeviceDatabase


@pytest.mark.parametrize(
    ("text", "cards"),
    [
        ("Moore Threads MTT S80 16GB", [("mtt-s80", 1, 16.0)]),
        ("my mtt s80 with 32gb ram", [("mtt-s80", 1, 16.0)]),
        ("ggml_cuda_init: found 1 MUSA devices:\n  Device 0: MTT S80, compute capability 2.1, VMM: yes",
         [("mtt-s80", 1, 16.0)]),
        ("server with 8x MTT S4000", [("mtt-s4000", 8, 48.0)]),
        ("Biren BR104 32GB", [("biren-br104", 1, 32.0)]),
        ("one BR100 OAM module", [("biren-br100", 1, 64.0)]),
        ("ThinkPad with an NVIDIA T500 2GB", [("t500-laptop", 1, 2.0)]),
        ("laptop, T500 4GB, 16GB RAM", [("t500-laptop", 1, 4.0)]),
        ("Quadro T600 4GB", [("t600", 1, 4.0)]),
        ("Quadro T1000 8GB", [("t1000", 1, 8.0)]),
        ("Mac Pro 2013 with dual FirePro D700", [("firepro-d700", 2, 6.0)]),
        ("trashcan mac pro, 2x D500", [("firepro-d500", 2, 3.0)]),
        ("FirePro D300", [("firepro-d300", 1, 2.0)]),
        ("Atlas 300I Pro", [("ascend-310p", 1, 24.0)]),
        ("a single Ascend 310P", [("ascend-310p", 1, 24.0)]),
        ("Ascend 310P 48GB", [("ascend-310p", 1, 48.0)]),
        ("Atlas 300I Duo 96GB", [("atlas-300i-duo", 2, 48.0)]),
    ],
)  # fmt: skip
def test_a_named_card_reads_as_that_card(text: str, cards: list[tuple[str, int, float]]) -> None:
    h = parse_hardware(text)
    assert [(g.id, g.count, g.vram_gb) for g in h.gpus] == cards


@pytest.mark.parametrize(
    ("text", "chip", "memory"),
    [
        ("Galaxy S24 Plus", "exynos-2400", 12.0),
        ("galaxy s24 with 8gb", "exynos-2400", 8.0),
        ("Galaxy S24+ 12GB", "exynos-2400", 12.0),
        ("Exynos 2400, 8GB", "exynos-2400", 8.0),
        ("Galaxy S24 Ultra", "snapdragon-8-gen-3", 12.0),
        ("Jetson Orin Super 8G", "jetson-orin-nano-super", 8.0),
    ],
)
def test_a_phone_or_board_reads_as_its_chip_and_memory(text: str, chip: str, memory: float) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.id == chip
    assert h.unified_memory_gb == memory
    assert not h.gpus


def test_a_galaxy_s24_without_its_memory_says_what_it_assumed() -> None:
    # '+' is not told apart in a name, and the S24 (8 GB) and S24+ (12 GB) differ: the reader says so
    h = parse_hardware("Galaxy S24")
    assert h.soc is not None and h.soc.id == "exynos-2400"
    assert h.unified_memory_gb is None
    assert any("8 GB" in a for a in h.assumptions)


@pytest.mark.parametrize(
    "text", ["AMD Radeon Graphics (RADV RENOIR)", "Ryzen 7 4700U, AMD Radeon Graphics (RADV RENOIR), 16GB"]
)
def test_a_renoir_igpu_as_vulkan_prints_it_reads_as_the_vega_igpu(text: str) -> None:
    h = parse_hardware(text)
    assert [(g.id, g.kind) for g in h.gpus] == [("radeon-vega-igpu", "igpu")]


@pytest.mark.parametrize("device_id", ["mtt-s80", "mtt-s4000", "biren-br100", "biren-br104", "ascend-310p"])
def test_cards_on_their_own_stacks_claim_no_gpu_backend(db: DeviceDatabase, device_id: str) -> None:
    # MUSA, Biren's software and CANN are not among canirun's backends: no estimate may claim CUDA or Vulkan
    assert all(row.backends == ("cpu",) for row in db.variants(device_id))


@pytest.mark.parametrize(("device_id", "sizes"), [("t500-laptop", {2.0, 4.0}), ("ascend-310p", {24.0, 48.0})])
def test_every_memory_size_sold_has_a_row(db: DeviceDatabase, device_id: str, sizes: set[float]) -> None:
    assert {row.memory_gb for row in db.variants(device_id)} == sizes


@pytest.mark.parametrize("device_id", ["firepro-d300", "firepro-d500", "firepro-d700"])
def test_a_mac_pro_2013_gpu_is_one_gpu_per_row(db: DeviceDatabase, device_id: str) -> None:
    # a Mac Pro carries two separate cards, not one dual-GPU board: the count comes from the text
    rows = db.variants(device_id)
    assert rows and all(row.board_gpus == 1 and "metal" in row.backends for row in rows)
