"""How an amount of memory is written decides whose it is: a need bounded by "less than", a heading
saying the total, a count of cards after a VRAM size, sticks of a memory type, a machine's memory
written after its name, a Mac's memory said beside a disk's traffic. Sentences are written for these
tests in the patterns of public threads and tool pastes.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("RX 6800 here. Models that need less than 16GB of memory load fine", None),
        ("3090 + 64gb ram; the 70b requires more than 40GB of memory", 64),
        ("4060 8GB. a 7b that needs under 6 GB RAM runs", None),
        ("models needing at most 8GB RAM run fine, I have 32GB RAM", 32),
        # a bound the user states of their own memory is their memory
        ("I have less than 16GB RAM", 16),
    ],
)
def test_a_bounded_need_is_not_memory_of_the_rig(text: str, ram: float | None) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("Total RAM\n63.1 GB\nAvailable RAM\n40.2 GB", 63.1),
        ("Installed memory\n32 GB", 32),
        ("系统\nnt\n总数 内存\n15.7 GB\n可用 内存\n9.8 GB", 15.7),
        # what is free under its own heading is no RAM size
        ("Available RAM\n40.2 GB", None),
        ("可用 内存\n9.8 GB", None),
    ],
)
def test_a_total_heading_over_the_amount_names_the_ram(text: str, ram: float | None) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "count", "vram"),
    [
        ("training OOM on 40G*4 VRAM", 4, 40),
        ("VRAM 2x48GB, a 70b at q8 should fit?", 2, 48),
        ("got 24G x3 VRAM in the server", 3, 24),
        ("48GB VRAM", 1, 48),
    ],
)
def test_a_count_beside_a_vram_size_counts_cards(text: str, count: int, vram: float) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count, g.vram_gb) for g in hw.gpus] == [(None, count, vram)]
    assert not any("does not add up" in a for a in hw.assumptions)


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("old Dell server, 24 sticks of DDR3 16GB RAM", 384),
        ("4 sticks of DDR5 48GB", 192),
        ("2 modules of LPDDR5 16GB", 32),
        ("8 sticks of 32GB", 256),
    ],
)
def test_sticks_of_a_memory_type_multiply_their_size(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("Testing on a Ryzen 9 7950X custom PC 96GB on Fedora", 96),
        ("my workstation 128GB and two 3090s", 128),
        # a model number after the machine stays its name
        ("Mac Pro 2019 with 96GB", 96),
    ],
)
def test_an_amount_after_a_machine_word_is_its_memory(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "unified"),
    [
        ("我的mac mini有16GB内存，跑了一晚上，磁盘读取了2.5TB", 16),
        ("my MacBook Pro has 18GB of memory and it read 1.5TB from swap", 18),
        # nothing named as memory: the amount beside the Mac is its memory
        ("36GB MacBook Pro", 36),
    ],
)
def test_a_macs_named_memory_wins_over_other_amounts(text: str, unified: float) -> None:
    assert parse_hardware(text).unified_memory_gb == unified


@pytest.mark.parametrize(
    ("text", "ram", "unified"),
    [
        ("Ryzen AI 9 HX 370 with 96GB of shared RAM", 96, None),
        ("i7-1360P laptop, 32GB shared memory", 32, None),
        # a chip with unified memory keeps it
        ("M4 Pro with 48GB shared memory", None, 48),
    ],
)
def test_shared_memory_beside_a_named_cpu_is_its_ram(
    text: str, ram: float | None, unified: float | None
) -> None:
    hw = parse_hardware(text)
    assert (hw.ram_gb, hw.unified_memory_gb) == (ram, unified)
