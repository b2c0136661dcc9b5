"""Memory and cards that belong to another part than the nearest name suggests: an OpenCL listing's CPU
device (its memory is the system RAM), a desktop card in an eGPU box beside a laptop, RAM typed in MB."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware

_OPENCL_LISTING = """Number of OpenCL platforms: 2
Platform #1/2
    Platform name: NVIDIA CUDA
    Device #1/1
        Device name: NVIDIA GeForce RTX 3080
        Device type: GPU
        Device global memory size: 10015 MB
Platform #2/2
    Platform name: Intel(R) OpenCL
    Device #1/1
        Device name: AMD Ryzen 9 5900X 12-Core Processor
        Device type: CPU
        Device global memory size: 64210 MB"""

_OPENCL_CPU_ONLY = """Platform name: Intel(R) OpenCL
  Device #0:
    Name: 12th Gen Intel(R) Core(TM) i5-12500H
    Type: CPU
    Global Memory: 31842 MB
    Compute Units: 16"""


def test_an_opencl_cpu_devices_global_memory_is_the_system_ram() -> None:
    hw = parse_hardware(_OPENCL_LISTING)
    assert [(g.id, g.vram_gb) for g in hw.gpus] == [("rtx-3080", 10.0)]
    assert hw.ram_gb is not None and round(hw.ram_gb) == 64


def test_an_opencl_listing_of_only_a_cpu_gives_ram_and_no_card() -> None:
    hw = parse_hardware(_OPENCL_CPU_ONLY)
    assert [g for g in hw.gpus if g.kind == "gpu"] == []
    assert hw.ram_gb is not None and round(hw.ram_gb) == 32


def test_an_opencl_gpu_devices_global_memory_stays_the_cards() -> None:
    hw = parse_hardware("Device name: Quadro RTX 5000\nDevice type: GPU\nDevice global memory size: 16117 MB")
    assert [(g.id, g.vram_gb) for g in hw.gpus] == [("quadro-rtx-5000", 16.0)]
    assert hw.ram_gb is None


@pytest.mark.parametrize(
    ("text", "external_id", "vram"),
    [
        ("laptop: RTX 4060 Laptop GPU\neGPU: RTX 3090 24GB over Thunderbolt", "rtx-3090", 24.0),
        (
            "| dGPU | NVIDIA GeForce RTX 3070 Laptop GPU |\n| External GPU | GeForce RTX 4090, 24 GB |",
            "rtx-4090",
            24.0,
        ),
        ("my notebook has a 3050 laptop gpu, plus an oculink 4070 Ti Super 16GB", "rtx-4070-ti-super", 16.0),
    ],
)
def test_a_card_said_to_be_external_is_the_desktop_card_beside_the_laptop(
    text: str, external_id: str, vram: float
) -> None:
    hw = parse_hardware(text)
    external = [g for g in hw.gpus if g.spec is not None and g.spec.segment != "laptop"]
    assert [(g.id, g.vram_gb) for g in external] == [(external_id, vram)]
    assert hw.ram_gb is None


def test_a_card_in_a_laptop_with_no_external_word_is_the_laptop_card() -> None:
    hw = parse_hardware("my laptop: RTX 4070, 8GB")
    assert [g.id for g in hw.gpus] == ["rtx-4070-laptop"]


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("Windows 10, 32 MB RAM, i7-8700", 32.0),
        ("running on 16mb of ram and a GTX 1060", 16.0),
    ],
)
def test_ram_typed_in_mb_at_a_gb_size_is_read_as_gb_with_a_note(text: str, ram: float) -> None:
    hw = parse_hardware(text)
    assert hw.ram_gb == ram
    assert any("a typo?" in note and "MB RAM" in note for note in hw.assumptions)


@pytest.mark.parametrize("text", ["Pi Zero 2 W, 512 MB RAM", "my GPU shows 8 MB of cache"])
def test_megabytes_that_are_no_slip_stay_megabytes(text: str) -> None:
    hw = parse_hardware(text)
    assert hw.ram_gb is None or hw.ram_gb < 1
    assert not any("a typo?" in note for note in hw.assumptions)


@pytest.mark.parametrize(
    ("text", "unified", "share"),
    [
        ("Strix Halo: 96GB VRAM and 32GB RAM in the BIOS", 128.0, 96.0),
        ("Ryzen AI Max+ 395, 32GB RAM + 96GB VRAM", 128.0, 96.0),
        ("my strix halo box, 64gb ram 64gb vram", 128.0, 64.0),
    ],
)
def test_an_apus_ram_and_vram_side_by_side_are_one_split_memory(
    text: str, unified: float, share: float
) -> None:
    hw = parse_hardware(text)
    assert hw.soc is not None and (hw.unified_memory_gb, hw.soc.gpu_share_gb) == (unified, share)


@pytest.mark.parametrize(
    ("text", "unified"),
    [
        ("framework desktop 128GB, 96GB VRAM set", 128.0),  # the VRAM is a share of the 128 GB
        ("M4 Max 64GB RAM, 48GB VRAM", 64.0),  # Apple's chips have no BIOS split
    ],
)
def test_a_vram_share_of_a_memory_stated_is_no_split(text: str, unified: float) -> None:
    assert parse_hardware(text).unified_memory_gb == unified
