"""Cards and amounts a text names that are not the user's rig: what docs recommend or a model
requires, a range of sizes, a disk beside a desktop CPU, a phone's 5G network. Sentences are written for
these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the README says an A100 works; I have a 4060 Ti 16GB", [("rtx-4060-ti", 1, 16.0)]),
        ("Recommended: H100 80GB. Mine is a 3090", [("rtx-3090", 1, 24.0)]),
        ("Minimum requirements: RTX 4090 24GB", []),
        ("for 70B you need at least 40GB of VRAM, so one A6000 or two 3090s", []),
    ],
)
def test_cards_docs_recommend_or_a_model_requires_are_left_out(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what's the recommended quant for a 3090?", [("rtx-3090", 1, 24.0)]),
        ("llama 70b requirements - 2x 3090 not enough?", [("rtx-3090", 2, 24.0)]),
    ],
)
def test_a_card_a_requirement_is_asked_of_is_the_users(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_range_of_sizes_is_no_card_of_the_rig() -> None:
    h = parse_hardware("a 14B at Q4 should run with just 8GB-12GB cards")
    assert gpus(h) == [] and h.ram_gb is None


@pytest.mark.parametrize(
    "text", ["Ryzen 7 7700X, 1TB, RTX 4080", "i5-13600K / 2TB / 4070 Super", "Ryzen 7 5800X, 1TB, RTX 3090"]
)
def test_a_terabyte_listed_beside_a_desktop_cpu_is_its_disk(text: str) -> None:
    h = parse_hardware(text)
    assert h.ram_gb is None and any("storage" in a for a in h.assumptions)


def test_a_terabyte_beside_a_workstation_cpu_is_its_ram() -> None:
    assert parse_hardware("Threadripper PRO 7985WX, 1TB, 4x RTX 6000 Ada").ram_gb == 1024


@pytest.mark.parametrize("text", ["Huawei Mate 30 Pro 5G", "Galaxy A54 5G, 8GB RAM"])
def test_a_phone_s_5g_is_its_network(text: str) -> None:
    assert parse_hardware(text).unified_memory_gb == 8


def test_a_commit_title_s_docs_word_is_no_requirement() -> None:
    h = parse_hardware("docs: update Mac mini numbers (M4 10-core, 24GB)")
    assert h.soc is not None and h.soc.id.startswith("m4") and h.unified_memory_gb == 24


def test_a_card_read_by_its_memory_and_named_again_bare_is_one_card() -> None:
    h = parse_hardware("I run a 5060 16gb; video needs more vram than a 5090 gives, let alone a 5060")
    assert gpus(h) == [("rtx-5060-ti", 1, 16.0)]


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("by default the 13B requires 25GB of memory, but my GPU has 24GB", None),
        ("the model needs 40GB of RAM and I have 32GB RAM with a 4090", 32.0),
        ("the 70B takes about 48GB RAM; my box: 3090, 64GB DDR4", 64.0),
        ("two 3090s here, and the server log says a total required memory of 61.2 GiB", None),
        ("the needed VRAM of 30GB is more than my 4090 has", None),
    ],
)
def test_memory_a_model_needs_is_no_ram_of_the_rig(text: str, ram: float | None) -> None:
    assert parse_hardware(text).ram_gb == ram


def test_memory_a_run_ate_is_no_ram_of_the_rig() -> None:
    assert parse_hardware("12代i7 + 32GB内存，模型跑起来吃了内存24GB").ram_gb == 32.0


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("the 3060 has 12gb of ram, is that enough?", None),  # the card's own memory
        ("my 4090 is 24GB ram", None),
        ("my pc has 24gb ram and a 4090", 24.0),  # said of the PC
    ],
)
def test_a_cards_own_memory_called_ram_is_no_system_ram(text: str, ram: float | None) -> None:
    assert parse_hardware(text).ram_gb == ram
