"""Rigs as tools and server owners print them: SGLang's "GPU 0,1:" index lists, machines counted around
their cards, counts and stick counts with a Chinese classifier, /proc/meminfo's key, `free -h` sizes of
servers, a CPU's clock written "2.7G", DxDiag's memory keys, Cambricon board names, the generation
written before the card. Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("check_env says GPU 0,1: NVIDIA A100-SXM4-80GB", [("a100-sxm", 2, 80.0)]),
        ("GPU 0,1,2,3: NVIDIA RTX 6000 Ada Generation", [("rtx-6000-ada", 4, 48.0)]),
        ("GPU 0,1,2,3,4,5,6,7: NVIDIA H100 80GB HBM3", [("h100-sxm", 8, 80.0)]),
        ("GPU 0, 1: NVIDIA L40S", [("l40s", 2, 48.0)]),
    ],
)
def test_an_index_list_before_one_card_counts_one_card_per_index(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_single_index_is_still_one_card() -> None:
    assert gpus(parse_hardware("GPU 0: NVIDIA A40")) == [("a40", 1, 48.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("our cluster is two 8*H100 machines", [("h100-sxm", 16, 80.0)]),
        ("we rent three 8x A100 nodes", [("a100-sxm", 24, 80.0)]),
    ],
)
def test_machines_counted_around_their_cards_multiply_the_cards(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_count_of_cards_may_end_in_a_chinese_classifier() -> None:
    assert gpus(parse_hardware("显卡：RTX 3090 24Gx2张")) == [("rtx-3090", 2, 24.0)]


def test_memory_sticks_times_their_size_may_end_in_a_chinese_classifier() -> None:
    h = parse_hardware("内存：32Gx8条=256G，显卡4090")
    assert h.ram_gb == 256 and gpus(h) == [("rtx-4090", 1, 24.0)]


@pytest.mark.parametrize(("text", "ram"), [("MemTotal：128G", 128), ("MemTotal: 256G, GPU: 2x A10", 256)])
def test_meminfo_s_key_names_the_ram(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(("text", "ram"), [("CPU mem: 502Gi, one 4090", 512), ("Mem: 755Gi total", 768)])
def test_free_h_of_a_server_reads_as_the_size_of_its_dimms(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("CPU：至强金牌6330 2.0G 28核 x2，内存512G", 512),
        ("CPU: Xeon Silver 4314 2.4G", None),
        ("Xeon E5-2690 v4 @ 2.6G, 256GB RAM, 2x P40", 256),
    ],
)
def test_a_cpu_clock_written_with_a_bare_g_is_no_ram(text: str, ram: float | None) -> None:
    assert parse_hardware(text).ram_gb == ram


def test_a_small_ram_on_a_cpu_line_keeps_its_ram_word() -> None:
    assert parse_hardware("CPU: i7 3.6G 8 cores, RAM 2.5G").ram_gb == 2.5


def test_an_amount_in_megabytes_is_no_card_of_that_number() -> None:
    assert gpus(parse_hardware("Dedicated Memory: 8032 MB")) == [(None, 1, 8.0)]


def test_dxdiag_s_display_and_shared_memory_are_no_ram() -> None:
    h = parse_hardware(
        "Card name: NVIDIA GeForce RTX 3070\nDisplay Memory: 24420 MB\nDedicated Memory: 8031 MB\n"
        "Shared Memory: 16389 MB"
    )
    assert gpus(h) == [("rtx-3070", 1, 8.0)] and h.ram_gb is None and h.unified_memory_gb is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cambricon MLU370 X8 x2", [("cambricon-mlu370-x8", 2, 48.0)]),
        ("MLU370 X8", [("cambricon-mlu370-x8", 1, 48.0)]),
    ],
)
def test_a_cambricon_board_name_written_with_a_space_is_no_count(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_the_generation_written_before_the_card_names_that_card() -> None:
    assert gpus(parse_hardware("stalls on Ada A6000 x2")) == [("rtx-6000-ada", 2, 48.0)]


@pytest.mark.parametrize(("text", "ram"), [("MEM USE: 280G/512G", 512), ("Memory used: 12GB/64GB", 64)])
def test_a_memory_use_key_then_used_and_total_reads_the_total_as_ram(text: str, ram: float) -> None:
    h = parse_hardware(text)
    assert h.ram_gb == ram and not h.gpus


def test_a_card_s_second_memory_size_is_its_memory_not_ram() -> None:
    h = parse_hardware("Radeon RX 470 8 GB\nDirectX 12")
    assert gpus(h) == [("rx-470", 1, 8.0)] and h.ram_gb is None
