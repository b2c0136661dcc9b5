"""How many cards, in the ways people write it: a count word before "-way", "(I have 2 of them)" after
the card, a count after the CPU's name, machines counted in Japanese, 路, "a dozen", a sentence said twice.
Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("four-way 7900 XTX, 128GB", [("rx-7900-xtx", 4, 24.0)]),
        ("three-way 4090 setup", [("rtx-4090", 3, 24.0)]),
        ("4-way 3090 rig with 256gb ram", [("rtx-3090", 4, 24.0)]),
    ],
)
def test_a_count_word_before_way_counts_the_cards(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two 3090s (i have 2 of them), 64gb ram", [("rtx-3090", 2, 24.0)]),
        ("2x RTX 3090 (we have two of them)", [("rtx-3090", 2, 24.0)]),
        ("I have 2x 3090 (2 of them)", [("rtx-3090", 2, 24.0)]),
    ],
)
def test_a_count_said_again_after_the_card_is_not_multiplied(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_nodes_times_cards_still_multiply() -> None:
    assert gpus(parse_hardware("2 nodes of 8x H100")) == [("h100-sxm", 16, 80.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3090 (I have 2 of them), 64GB ram", [("rtx-3090", 2, 24.0)]),
        ("P40 (we have four of those)", [("tesla-p40", 4, 24.0)]),
        ("4090, two of those, 96gb ram", [("rtx-4090", 2, 24.0)]),
    ],
)
def test_who_has_them_may_stand_before_of_them(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i9-13900K，两张4090", [("rtx-4090", 2, 24.0)]),
        ("双路E5-2680v4，两张2080ti", [("rtx-2080-ti", 2, 11.0)]),
        ("5800X, two 3090s", [("rtx-3090", 2, 24.0)]),
        ("Ryzen 7 AI 350 (Radeon 860M)", [("radeon-860m", 1, None)]),
    ],
)
def test_a_count_said_after_the_cpu_counts_the_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2台サーバー、各4枚のA100 80GB", 8),
        ("两台机器，每台8张H20", 16),
    ],
)
def test_machines_counted_in_cjk_multiply_the_cards_in_each(text: str, expected: int) -> None:
    (g,) = parse_hardware(text).gpus
    assert g.count == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4路4090", [("rtx-4090", 4, 24.0)]),
        ("双路3090", [("rtx-3090", 2, 24.0)]),
        ("a dozen P40s", [("tesla-p40", 12, 24.0)]),
        ("我用的是2张24G显存的RTX 3090", [("rtx-3090", 2, 24.0)]),
    ],
)
def test_more_count_words(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_total_smaller_than_any_card_is_each_cards_memory() -> None:
    assert gpus(parse_hardware("16x V100 32GB across two nodes")) == [("tesla-v100", 16, 32.0)]


def test_a_sentence_said_again_names_the_same_card() -> None:
    text = (
        "how do I run a 7B on windows with my RTX3080ti ?\n"
        "it says cuda out of memory\n"
        "how do I run a 7B on windows with my RTX3080ti ?"
    )
    assert gpus(parse_hardware(text)) == [("rtx-3080-ti", 1, 12.0)]


@pytest.mark.parametrize(
    "text",
    [
        "RTX 3090\nRTX 3090",
        "  Marketing Name:          Radeon RX 7900 XTX\n  Marketing Name:          Radeon RX 7900 XTX",
    ],
)
def test_a_card_listed_on_two_lines_is_two_cards(text: str) -> None:
    (g,) = parse_hardware(text).gpus
    assert g.count == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("比如两张A100/A800 80G够吗", [("a100-sxm", 2, 80.0)]),
        ("2x A100/H100", [("a100-sxm", 2, 80.0)]),
    ],
)
def test_two_names_joined_by_a_slash_after_a_count_are_one_card(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert any("written two ways" in a for a in h.assumptions)


def test_two_cards_listed_with_a_slash_and_no_count_stay_two() -> None:
    assert gpus(parse_hardware("GPU: 3090/3060")) == [("rtx-3060", 1, 12.0), ("rtx-3090", 1, 24.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4个80G A100显卡能推理吗", [("a100-sxm", 4, 80.0)]),
        ("8张24G 3090", [("rtx-3090", 8, 24.0)]),
        ("两张24g的p40", [("tesla-p40", 2, 24.0)]),
    ],
)
def test_a_classifier_count_before_the_cards_memory_counts_the_cards(text: str, expected: list) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we have two NVIDIA Blackwell 6000 Pro GPUs in the box", [("rtx-pro-6000-blackwell", 2, 96.0)]),
        ("2x Ampere A6000", [("rtx-a6000", 2, 48.0)]),
        ("4 x Hopper H100 80GB", [("h100-sxm", 4, 80.0)]),
    ],
)
def test_a_generation_between_the_count_and_the_card_keeps_the_count(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deploying a 671B MoE on 4 nodes with 14 H100s", [("h100-sxm", 14, 80.0)]),  # no node holds 14
        ("2 nodes with 8 H100s each", [("h100-sxm", 16, 80.0)]),
        ("2 nodes of 8x H100", [("h100-sxm", 16, 80.0)]),
        ("3 nodes with 8 H100 total", [("h100-sxm", 8, 80.0)]),
        ("2 nodes with 16 H100s in total", [("h100-sxm", 16, 80.0)]),
        ("2 H100 nodes, 8 GPUs in total", [("h100-sxm", 8, 80.0)]),
    ],
)
def test_a_count_with_the_nodes_that_no_node_holds_is_their_total(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize("text", ["ollama 0.17.7 vram keeps growing", "since v0.6.2 the VRAM leaks"])
def test_a_dotted_version_before_vram_is_no_card(text: str) -> None:
    assert gpus(parse_hardware(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("机房里有四张80g显卡", [(None, 4, 80.0)]),
        ("两张24G显卡能跑吗", [(None, 2, 24.0)]),
    ],
)
def test_unnamed_cards_counted_in_chinese_keep_their_count(text: str, expected: list) -> None:
    h = parse_hardware(text)
    assert [(g.id, g.count, g.vram_gb) for g in h.gpus] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i run a 3090, 2 of them actually, and 64gb of ram", [("rtx-3090", 2, 24.0)]),
        ("a 4090, two of those in total, 96gb ram", [("rtx-4090", 2, 24.0)]),
        ("NVIDIA GeForce RTX 3090 | 24576MiB, 2 of them, 128GB ram", [("rtx-3090", 2, 24.0)]),
        ("RTX 4090 | 24GB, three of these", [("rtx-4090", 3, 24.0)]),
        ("3x 4070, two of them Supers", [("rtx-4070", 1, 12.0), ("rtx-4070-super", 2, 12.0)]),
    ],
)
def test_a_count_of_them_after_a_filler_word_or_a_table_cell_counts_the_card(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected
