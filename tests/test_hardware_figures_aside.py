"""Figures beside a rig that are not its memory: memory in use or needed, amounts moved to RAM, a log's
buffer sizes; and amounts that are, written in less usual ways ("16GB的4060Ti", "modded to 48GB",
"with 11 gb ram" after a card of that size, an Intel Mac's one amount, a tool's used/total pair).
Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected", "ram"),
    [
        ("7900 XTX, 20GB in use, 64GB RAM", [("rx-7900-xtx", 1, 24.0)], 64.0),
        ("My 4070 Ti Super: with 20GB used. 64 GB of system memory", [("rtx-4070-ti-super", 1, 16.0)], 64.0),
        ("4090, 20GB isn't enough, 64GB RAM", [("rtx-4090", 1, 24.0)], 64.0),
        ("My 7900 XTX: 20 GB of it is used. 64 GB of system memory", [("rx-7900-xtx", 1, 24.0)], 64.0),
        ("4070 Ti Super, 20GB VRAM needed, 64GB RAM", [("rtx-4070-ti-super", 1, 16.0)], 64.0),
        ("3090, 24GB used, 64GB RAM", [("rtx-3090", 1, 24.0)], 64.0),
    ],
)
def test_memory_in_use_or_needed_beside_a_card_is_not_its_size(
    text: str, expected: Gpus, ram: float | None
) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (expected, ram)


@pytest.mark.parametrize(
    "text",
    [
        "A 20GB model on a 16GB 4080 Super spills 4GB to RAM",
        "the 4080 offloads 6GB into system memory",
    ],
)
def test_an_amount_moved_to_ram_is_not_the_ram(text: str) -> None:
    assert parse_hardware(text).ram_gb is None


def test_a_log_buffer_size_on_a_card_is_not_its_size() -> None:
    text = "CUDA0 model buffer size = 17283.12 MiB on a 4090 with 64GB RAM"
    assert gpus(parse_hardware(text)) == [("rtx-4090", 1, 24.0)]


def test_a_logs_dotted_key_names_a_need_not_the_ram() -> None:
    text = 'RTX 3060 12GB: memory.required.full="9.8 GiB" memory.weights.total="4.3 GiB"'
    assert parse_hardware(text).ram_gb is None


def test_a_full_stop_before_a_key_ends_a_sentence_not_a_log_key() -> None:
    assert parse_hardware("My PC: Ryzen 5 5600. Memory=16GB. GPU: RX 6600").ram_gb == 16


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一张3060 12G，跑7B模型需要8G显存，内存32G", [("rtx-3060", 1, 12.0)]),
        ("3060, the 14B needs about 10GB VRAM, 32GB RAM", [("rtx-3060", 1, 12.0)]),
        ("这个模型需要12G以上的GPU内存", []),
        ("有没有办法可以降低到7G左右的GPU内存", []),
    ],
)
def test_vram_a_model_needs_is_no_card(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert any("what a model needs" in a for a in h.assumptions)


def test_vram_stated_alone_is_still_a_card() -> None:
    assert gpus(parse_hardware("is 8GB VRAM enough?")) == [(None, 1, 8.0)]


@pytest.mark.parametrize(
    ("text", "expected", "ram"),
    [
        ("16GB的4060Ti，32G内存", [("rtx-4060-ti", 1, 16.0)], 32.0),
        ("4090 modded to 48GB", [("rtx-4090", 1, 48.0)], None),
        ("Is i have 2 1080ti with 11 gb ram", [("gtx-1080-ti", 2, 11.0)], None),
        ("my 8gb 3070 laptop with 16 gigs ram", [("rtx-3070-laptop", 1, 8.0)], 16.0),
        ("3090 with 64gb ram", [("rtx-3090", 1, 24.0)], 64.0),
    ],
)
def test_a_cards_own_memory_written_around_it(text: str, expected: Gpus, ram: float | None) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (expected, ram)


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("MacBook Pro 2015 16GB", 16.0),
        ("Intel MacBook Air 8GB", 8.0),
        ("iMac 2017 16GB", 16.0),
    ],
)
def test_an_intel_macs_one_amount_is_its_ram(text: str, ram: float) -> None:
    h = parse_hardware(text)
    assert (h.ram_gb, h.unified_memory_gb, h.soc) == (ram, None, None)


def test_a_mac_without_a_year_is_still_apple_silicon() -> None:
    h = parse_hardware("MacBook Pro 36GB")
    assert (h.ram_gb, h.unified_memory_gb) == (None, 36.0)


@pytest.mark.parametrize(
    ("card", "total", "expected"),
    [
        ("RTX 2080 Ti", "22528MiB", ("rtx-2080-ti", 1, 22.0)),
        ("RTX 4090", "49140MiB", ("rtx-4090", 1, 48.0)),
    ],
)
def test_a_tools_used_total_pair_keeps_a_modded_cards_size(
    card: str, total: str, expected: tuple[str, int, float]
) -> None:
    row = f"|   0  NVIDIA GeForce {card}     Off |"
    text = f"{row}\n|  0%   44C    P8    37W /  280W |   21841MiB /  {total} |      0%      Default |"
    assert gpus(parse_hardware(text)) == [expected]


def test_a_jetpack_log_naming_orin_is_the_orin_module_of_its_memory() -> None:
    text = (
        'level=INFO source=types.go:107 msg="inference compute" id=GPU-0a1b library=cuda '
        'variant=jetpack6 compute=8.7 driver=12.2 name=Orin total="61.4 GiB" available="51.6 GiB"'
    )
    h = parse_hardware(text)
    assert (h.gpus, h.soc and h.soc.id, h.unified_memory_gb) == ((), "jetson-agx-orin", 64.0)


def test_a_jetpack_log_with_memory_two_orins_share_asks_which() -> None:
    text = (
        'level=INFO source=types.go:107 msg="inference compute" id=GPU-0a1b library=cuda '
        'variant=jetpack6 compute=8.7 driver=12.2 name=Orin total="7.4 GiB" available="5.1 GiB"'
    )
    h = parse_hardware(text)
    assert h.soc is None
    assert any("say which module" in a for a in h.assumptions)


@pytest.mark.parametrize(
    ("text", "expected", "ram"),
    [
        (
            "Device Name: AMD Radeon RX 7900 XTX\n"
            "Global memory size 25753026560 (23.98GiB)\n"
            "Max memory allocation 21890072576 (20.39GiB)",
            [("rx-7900-xtx", 1, 24.0)],
            None,
        ),
        (
            'msg=offload library=cuda layers.offload=33 memory.available="[15.5 GiB]" '
            'memory.required.full="6.2 GiB" memory.weights.total="4.3 GiB"',
            [],
            None,
        ),
        ("RTX 4080 Super (16GB) · 64 GB DDR5 · 2 TB", [("rtx-4080-super", 1, 16.0)], 64.0),
    ],
)
def test_tool_figures_that_are_no_size_of_the_rig(text: str, expected: Gpus, ram: float | None) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (expected, ram)


@pytest.mark.parametrize(
    ("text", "expected", "ram"),
    [
        ("K80 24GB (2x12GB)", [("tesla-k80", 2, 12.0)], None),
        ("Ram: G.Skill 192GB (48GBx4) 5200 DDR5", [], 192.0),
        ("RTX A6000 (Ampere) 48GB x2", [("rtx-a6000", 2, 48.0)], None),
    ],
)
def test_a_breakdown_or_generation_in_brackets_beside_a_size(
    text: str, expected: Gpus, ram: float | None
) -> None:
    h = parse_hardware(text)
    assert (gpus(h), h.ram_gb) == (expected, ram)


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("on 32GB CPU and 1GB GPU the 4B fails to load", 32.0),
        ("is a 3090 with 128gb ram enough for llama 70b", 128.0),
    ],
)
def test_ram_said_beside_a_card_or_the_cpu(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("RTX 3070 & CPU Offload (14GB) fails to run the 7B", None),
        ("RTX 3090, offloading 10GB, 64GB RAM", 64.0),
    ],
)
def test_an_amount_offloaded_is_not_the_ram(text: str, ram: float | None) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("my two 3090s have 48, RAM is 128", 128.0),
        ("my ram is 32, gpu is a 3060", 32.0),
        ("ram is 16 years old lol, 4090", None),
    ],
)
def test_ram_is_and_a_bare_size(text: str, ram: float | None) -> None:
    assert parse_hardware(text).ram_gb == ram
