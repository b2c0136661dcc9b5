"""Forms real rig descriptions take: a planned upgrade from the card owned, a move to a new card after
naming the old one, machines that each hold some cards, one card told in a sentence and again in an
environment block, a RAM stick added, a plural with its price, examples after a sentence, tools' pastes
that list cards by id or bytes, server CPUs by their bare number, equal comparisons, the reader's work,
quoted advice and "my other" cards."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("would it be smart to upgrade from a 4070 Ti to an RTX 5090 for this?", [("rtx-4070-ti", 1, 12.0)]),
        ("thinking about upgrading from my 3060 to a 3090, worth it?", [("rtx-3060", 1, 12.0)]),
    ],
)
def test_a_planned_upgrade_keeps_the_card_upgraded_from(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_done_upgrade_still_owns_the_card_upgraded_to() -> None:
    assert gpus(parse_hardware("last year I upgraded from a 2070 to a 4080")) == [("rtx-4080", 1, 16.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my GTX 1080 did fine for three years. Last month I switched to an RTX 4070 Super.",
            [("rtx-4070-super", 1, 12.0)],
        ),
        ("Trained on my 2060 for ages, then I updated to a 3090 and it broke", [("rtx-3090", 1, 24.0)]),
    ],
)
def test_a_card_moved_to_replaces_the_cards_named_before_the_move(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_move_to_something_that_is_no_card_leaves_the_card_owned() -> None:
    assert gpus(parse_hardware("my 3060 works well, and I switched to Linux last week")) == [
        ("rtx-3060", 1, 12.0)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we have three A100 servers, each with 8 GPUs", [("a100-sxm", 24, 80.0)]),
        ("Two H100 nodes, each has 8 cards, connected with IB", [("h100-sxm", 16, 80.0)]),
    ],
)
def test_machines_named_with_their_card_and_each_holding_gpus_multiply(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_total_of_the_card_said_beside_machines_that_each_hold_gpus_is_kept() -> None:
    text = "across 2 nodes, each with 8 GPUs, so 16 L40S GPUs in all"
    assert gpus(parse_hardware(text)) == [("l40s", 16, 48.0)]


def test_a_card_told_in_a_cjk_sentence_and_again_in_an_environment_block_is_one_card() -> None:
    text = "RTX 4090 24G上部署14B模型报错\n\n### Environment\n\nRTX 4090 24G"
    assert gpus(parse_hardware(text)) == [("rtx-4090", 1, 24.0)]


def test_the_same_card_on_two_bare_lines_is_still_two_cards() -> None:
    assert gpus(parse_hardware("显卡：RTX 4090\n显卡：RTX 4090")) == [("rtx-4090", 2, 24.0)]


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("win11 + 32G + 4060，后来又插上了一根16G内存", 32.0),
        ("3060 with 16GB RAM, yesterday I added an 8GB stick", 16.0),
    ],
)
def test_a_stick_added_after_the_ram_was_said_leaves_that_ram(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


def test_a_stick_added_with_no_ram_said_before_is_the_ram_read() -> None:
    assert parse_hardware("I added 32GB RAM to my PC, 3090").ram_gb == 32.0


@pytest.mark.parametrize(
    "text",
    ["24GB P40s are $180 on ebay right now", "used 3090s go for $650 here", "16GB A770s are €250 now"],
)
def test_a_card_in_the_bare_plural_with_its_price_is_the_market_not_a_rig(text: str) -> None:
    assert gpus(parse_hardware(text)) == []


def test_a_count_of_cards_with_their_price_is_still_read() -> None:
    assert gpus(parse_hardware("my two 3090s were $1400 together")) == [("rtx-3090", 2, 24.0)]


def test_cards_after_a_like_that_opens_the_sentence_after_a_hardware_noun_are_examples() -> None:
    text = "Made a Q5 quant for GPUs with 16GB VRAM. Like the 4060 Ti 16GB or 4080."
    assert gpus(parse_hardware(text)) == []


def test_a_like_that_opens_a_sentence_after_the_writers_own_gpu_names_it() -> None:
    assert gpus(parse_hardware("I got a used gpu. like a 3080, not sure")) == [("rtx-3080", 1, 10.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "device count 4\n[GPU-aa11bb22-0000] CUDA totalMem 24245 mb\n"
            "[GPU-cc33dd44-0000] CUDA totalMem 24245 mb",
            [(None, 4, 24.0)],
        ),
        (
            "GPU[0]   : VRAM Total Memory (B): 68702699520\nGPU[1]   : VRAM Total Memory (B): 68702699520",
            [(None, 2, 64.0)],
        ),
    ],
)
def test_cards_a_log_lists_by_id_and_memory_alone_are_that_many_unnamed_cards(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_cards_of_several_sizes_in_such_a_log_make_no_group() -> None:
    text = "[GPU-aa11] CUDA totalMem 24245 mb\n[GPU-bb22] CUDA totalMem 12288 mb"
    assert gpus(parse_hardware(text)) == []


def test_a_tools_bracketed_code_after_a_card_keeps_the_memory_after_it() -> None:
    text = "Devices:\n  0000:01:00.0 0: NVIDIA GeForce RTX 4090 [89] 48 GB"
    assert gpus(parse_hardware(text)) == [("rtx-4090", 1, 48.0)]


def test_cpu_cores_keyed_in_system_info_read_a_cpu_of_that_many_cores() -> None:
    cpu = parse_hardware("OS: Windows 10\nCPU: 12 cores\nMemory Size: 32768 MB").cpu
    assert cpu is not None and cpu.cores == 12


def test_a_drivers_name_of_a_part_and_its_sibling_is_one_part() -> None:
    assert gpus(parse_hardware("Marketing Name:   AMD Instinct MI250X/MI250")) == [
        ("instinct-mi250x", 2, 64.0)
    ]


def test_two_different_cards_joined_by_a_slash_are_still_both_read() -> None:
    assert gpus(parse_hardware("would a 3090/3090ti work?")) == [
        ("rtx-3090", 1, 24.0),
        ("rtx-3090-ti", 1, 24.0),
    ]


def test_a_json_field_in_gb_beside_an_apple_chip_is_its_unified_memory() -> None:
    h = parse_hardware('{"chip": "Apple M3 Max", "memory": {"total_gb": 64.0, "free_gb": 20.5}}')
    assert h.soc is not None and h.soc.id == "m3-max" and h.unified_memory_gb == 64.0


def test_lm_studios_byte_counts_read_as_memory() -> None:
    h = parse_hardware('"memoryInfo": {\n  "ramCapacity": 17179869184,\n  "vramCapacity": 8589934592\n}')
    assert h.ram_gb == 16.0 and gpus(h) == [(None, 1, 8.0)]


@pytest.mark.parametrize(
    ("text", "cpu"),
    [("我有双路9654，能跑满血版吗", "EPYC 9654"), ("dual 9654 with 4x 4090", "EPYC 9654")],
)
def test_a_bare_server_model_number_after_a_dual_socket_word_names_that_cpu(text: str, cpu: str) -> None:
    read = parse_hardware(text).cpu
    assert read is not None and read.name == cpu


def test_a_card_after_a_dual_word_is_two_cards_not_a_cpu() -> None:
    h = parse_hardware("我有双路3090")
    assert h.cpu is None and gpus(h) == [("rtx-3090", 2, 24.0)]


def test_the_device_of_an_equal_comparison_is_no_part_of_the_rig() -> None:
    h = parse_hardware("With 8 channels of DDR5 my box runs models about as fast as an M2 Ultra.")
    assert h.soc is None and h.unified_memory_gb is None


def test_an_equal_comparison_asked_of_keeps_the_users_card() -> None:
    assert gpus(parse_hardware("will my 3060 run it as fast as a 4090?")) == [("rtx-3060", 1, 12.0)]


def test_the_cards_of_the_readers_work_are_theirs_beside_the_writers_card() -> None:
    text = "I saw your experiments were done on eight Nvidia H100 GPUs. My 4080 is free, can I try?"
    assert gpus(parse_hardware(text)) == [("rtx-4080", 1, 16.0)]


@pytest.mark.parametrize(
    "text",
    [
        'Everyone on the forum says "just buy a 3090" but I am not sure yet.',
        "The usual answer is they say “get two 4090s” and move on.",
    ],
)
def test_cards_in_advice_quoted_after_a_verb_of_saying_are_not_the_rig(text: str) -> None:
    assert gpus(parse_hardware(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('I said "my 4070 is enough" to my friend', [("rtx-4070", 1, 12.0)]),
        ('the log says "out of memory on RTX 3060"', [("rtx-3060", 1, 12.0)]),
    ],
)
def test_the_writers_own_words_or_a_quoted_message_keep_their_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_the_other_cards_of_a_card_named_before_are_counted_with_it() -> None:
    text = "it loads on one of my 4060 Ti's, but my other 3 4060 Ti's sit idle"
    assert gpus(parse_hardware(text)) == [("rtx-4060-ti", 4, 8.0)]


def test_other_cards_of_another_model_are_counted_apart() -> None:
    text = "I have a 3090 and my other 2 3060s are in a box"
    assert gpus(parse_hardware(text)) == [("rtx-3060", 2, 12.0), ("rtx-3090", 1, 24.0)]


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("The widget is wrong: it should show 64 GB of RAM, but it keeps displaying 68 GB.", 64.0),
        ("Task Manager reports 7.8GB, but this memory should really be 8GB on this laptop", 8.0),
    ],
)
def test_the_memory_a_tool_should_show_is_the_machines_beside_what_it_shows(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


def test_memory_one_should_have_alone_is_still_the_rig_asked_about() -> None:
    assert parse_hardware("you should have 64GB RAM for this").ram_gb == 64.0


def test_cards_someone_else_tried_said_as_a_report_are_not_the_rig() -> None:
    assert gpus(parse_hardware("知乎上有人测试过 双卡3090跑70B，大概8tokens/s。")) == []


def test_cards_asked_of_anyone_who_tried_them_are_the_rig_asked_about() -> None:
    assert gpus(parse_hardware("有人测试过双卡3090跑70B吗？")) == [("rtx-3090", 2, 24.0)]


@pytest.mark.parametrize("text", ["using METAL backend\nram used: 11.2 GB, loading", "GPU memory usage: 7GB"])
def test_memory_a_tool_says_is_in_use_is_no_size_of_the_rig(text: str) -> None:
    h = parse_hardware(text)
    assert h.ram_gb is None and gpus(h) == []


def test_memory_keyed_by_its_kind_is_still_the_rig() -> None:
    assert parse_hardware("RAM: 32GB").ram_gb == 32.0


@pytest.mark.parametrize("text", ["intel arc 16gb", "an Intel Arc with 16GB, 32GB ram"])
def test_intels_arc_brand_alone_with_an_amount_is_an_unnamed_intel_card(text: str) -> None:
    h = parse_hardware(text)
    assert [(g.name, g.count, g.vram_gb) for g in h.gpus] == [("unnamed Intel GPU", 1, 16.0)]


def test_a_named_arc_card_with_its_memory_stays_that_card() -> None:
    assert gpus(parse_hardware("Arc A770 16GB")) == [("arc-a770", 1, 16.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("手上有两片16G(T4)的卡", [("tesla-t4", 2, 16.0)]),
        ("三块24G(3090)的卡能跑吗", [("rtx-3090", 3, 24.0)]),
    ],
)
def test_a_classifier_count_then_the_memory_then_the_card_in_brackets_counts_the_cards(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_memory_keyed_as_ram_before_a_bracketed_card_counts_no_card() -> None:
    assert gpus(parse_hardware("内存16G(3090)")) == [("rtx-3090", 1, 24.0)]


@pytest.mark.parametrize(
    "text",
    [
        "A 4090 and 64GB RAM is probably the bare minimum spec for this",
        "two 3090s are the lowest viable setup IMO",
    ],
)
def test_devices_a_sentence_calls_the_minimum_spec_are_a_requirement_not_the_rig(text: str) -> None:
    h = parse_hardware(text)
    assert gpus(h) == [] and h.ram_gb is None


def test_the_writers_own_card_called_the_minimum_spec_stays_the_rig() -> None:
    assert gpus(parse_hardware("my 3060 is the minimum spec for it")) == [("rtx-3060", 1, 12.0)]


def test_a_minimum_spec_asked_about_keeps_the_card_told_before() -> None:
    text = "it fails to load on a 4060 Ti 16GB: what are the minimum requirements?"
    assert gpus(parse_hardware(text)) == [("rtx-4060-ti", 1, 16.0)]
