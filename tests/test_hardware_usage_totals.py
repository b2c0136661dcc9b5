"""Memory in use beside the total: 'RAM used 20GB, total 64GB', '内存占用了20G，总共64G' — the amount in use
sizes nothing, the total after it is the memory the key names. Also Windows' shared GPU memory beside an
unnamed card's dedicated memory is borrowed RAM, "dual"/"twin" count unnamed cards, and "no dGPU" leaves
the CPU's own graphics."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("RAM in use 41GB, total 128GB", 128.0),
        ("system memory: 9 GB used of 16 GB", 16.0),
        ("内存已用30G，一共96G", 96.0),
        ("运行时内存占用了12G，总共32G", 32.0),
    ],
)
def test_the_total_after_memory_in_use_is_the_ram(text: str, ram: float) -> None:
    hw = parse_hardware(text)
    assert hw.ram_gb == ram
    assert hw.gpus == ()


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("VRAM used 5GB, total 12GB", [(None, 1, 12.0)]),
        ("显存使用了7G，总共16G", [(None, 1, 16.0)]),
    ],
)
def test_the_total_after_vram_in_use_is_the_cards(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("32GB RAM, 20GB used by the model", 32.0),  # no total after the amount in use
        ("model takes 12GB out of 24GB", None),  # no memory key: neither is read
    ],
)
def test_without_a_usage_and_total_pair_nothing_moves(text: str, ram: float | None) -> None:
    assert parse_hardware(text).ram_gb == ram


def test_windows_shared_gpu_memory_beside_an_unnamed_cards_memory_is_no_chip() -> None:
    hw = parse_hardware("Dedicated GPU memory 5.6/6.0 GB\nShared GPU memory 0.3/7.9 GB")
    assert gpus(hw) == [(None, 1, 6.0)]
    assert hw.unified_memory_gb is None
    assert any("half of the RAM" in a for a in hw.assumptions)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("dual 16gb cards", [(None, 2, 16.0)]),
        ("twin 24GB GPUs in one box", [(None, 2, 24.0)]),
        ("dual GPUs, 11GB each", [(None, 2, 11.0)]),
    ],
)
def test_dual_and_twin_count_unnamed_cards(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Ryzen 5 8600G, no dGPU, 32GB", [("radeon-760m", 1, None)]),
        ("mini PC with a Ryzen 7 7840HS, no dedicated GPU, 64GB", [("radeon-780m", 1, None)]),
        ("Ryzen 7 8700G, no GPU at all, 64GB", []),  # "no GPU": nothing to run on but the CPU
    ],
)
def test_no_discrete_card_keeps_the_cpus_own_graphics(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want
