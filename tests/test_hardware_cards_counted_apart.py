"""A count of cards said apart from the card's name ("8卡" in a title, the model on a later line), the
laptop word inside a run of Chinese text, and a card a rig is likened to ("is like a 2080 Ti").
Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("服务器是8卡的，系统信息：\nGPU H20 96GB", [("h20", 8, 96.0)]),
        ("HGX整机 8卡，型号 H100", [("h100-sxm", 8, 80.0)]),
        ("昇腾910B跑不起来。\n我用的是4卡，每张64G", [("ascend-910b", 4, 64.0)]),
        ("机器上有两张显卡，都是A800 80G", [("a800", 2, 80.0)]),
        ("A10 也能跑，我们这台是4块卡", [("a10", 4, 24.0)]),
    ],
)
def test_a_cjk_count_of_cards_apart_from_the_only_card_named_is_its_count(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("单卡4090，显存24G", [("rtx-4090", 1, 24.0)]),  # one card: 单 is no count of several
        ("多卡部署的时候 3090 报错", [("rtx-3090", 1, 24.0)]),
        ("需要8卡才能跑，我只有一张H20", [("h20", 1, 96.0)]),  # a need, not the cards had
        ("3090卡 24G 跑不动", [("rtx-3090", 1, 24.0)]),  # the card's own number before 卡
        ("第2卡显存占满了，型号H20 96GB", [("h20", 1, 96.0)]),  # which card, not how many
    ],
)
def test_cjk_words_that_count_no_cards_leave_one_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我的笔记本是RTX 4060，跑7B很快", [("rtx-4060-laptop", 1, 8.0)]),
        ("用的游戏本，3070显卡，16G内存", [("rtx-3070-laptop", 1, 8.0)]),
        ("RTX 3060配置的笔记本跑得动吗", [("rtx-3060-laptop", 1, 6.0)]),
    ],
)
def test_the_laptop_word_inside_chinese_text_reads_the_laptop_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4060 8G显卡是笔记本上的吗？不是，台式机", [("rtx-4060", 1, 8.0)]),  # asked, then denied
        ("不是笔记本，是4070台式", [("rtx-4070", 1, 12.0)]),
    ],
)
def test_a_laptop_asked_about_or_denied_keeps_the_desktop_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The MI100 is like a 3090 at half the price, it works on my box", [("instinct-mi100", 1, 32.0)]),
        ("a P40 was like a 1080 Ti with more memory when I bought it", [("tesla-p40", 1, 24.0)]),
    ],
)
def test_a_card_the_rig_is_likened_to_is_left_out(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_liking_a_card_is_no_likeness() -> None:
    assert gpus(parse_hardware("I like my 3090 more than I thought")) == [("rtx-3090", 1, 24.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My MI50 comes with 16GB memory, cheap on eBay", [("instinct-mi50", 1, 16.0)]),
        ("the V100 is like a 2080 Ti for training, and with 16GB memory", [("tesla-v100", 1, 16.0)]),
        ("A800 here, with 40GB memory, runs the 14B fine", [("a800", 1, 40.0)]),
    ],
)
def test_memory_said_with_the_only_card_in_a_size_it_comes_in_is_its_own(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert h.ram_gb is None


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("a 3060 PC with 12GB memory", 12.0),  # the machine's memory
        ("MI50 32GB in a box, the box with 16GB memory", 16.0),  # another amount between
        ("RTX 4090 with 64GB memory", 64.0),  # no size the card is sold in
    ],
)
def test_memory_said_of_the_machine_or_in_no_size_of_the_card_stays_ram(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("两张A6000上跑通了，H100 80G上没卡，没测过", [("rtx-a6000", 2, 48.0)]),
        ("5090没有卡所以没试，3090上可以跑", [("rtx-3090", 1, 24.0)]),
        ("4090没有问题，跑得很快", [("rtx-4090", 1, 24.0)]),  # "no problem": the card works
    ],
)
def test_no_card_said_right_after_a_card_leaves_it_out(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I get 20 t/s on my 3060; 4090 numbers are 3x that", [("rtx-3060", 1, 12.0)]),
        (
            "Only 300 tok/s on a W7900. H100 benchmarks show 2500 tok/s on the same model",
            [("radeon-pro-w7900", 1, 48.0)],
        ),
    ],
)
def test_a_card_whose_published_figures_are_quoted_is_left_out(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_the_writers_own_benchmarks_keep_the_card() -> None:
    assert gpus(parse_hardware("my 4090 benchmarks are below")) == [("rtx-4090", 1, 24.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I run a Mac Studio M2 Ultra 192GB. If let's say I plug two 3090s into it, would it help?", []),
        ("my 4070 is fine. Supposing I had an A6000 as well, would 70B fit?", [("rtx-4070", 1, 12.0)]),
        ("4060 Ti 16GB here; hypothetically a 5090 would be 3x faster", [("rtx-4060-ti", 1, 16.0)]),
    ],
)
def test_a_card_in_an_imagined_case_beside_the_writers_own_is_left_out(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On the 4070 Ti it takes a minute per image, but it only takes 5 seconds on a 4090 machine.",
            [("rtx-4070-ti", 1, 12.0)],
        ),
        ("my A4000 needs 40 s a step, while an A100 server does it in 3", [("rtx-a4000", 1, 16.0)]),
    ],
)
def test_a_machine_named_by_its_card_in_a_contrasted_run_is_measured_against(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("runs on my 4090 but I also have a 3060 machine", [("rtx-3060", 1, 12.0), ("rtx-4090", 1, 24.0)]),
        ("I built a 3090 machine and it works", [("rtx-3090", 1, 24.0)]),
    ],
)
def test_a_machine_the_writer_has_keeps_its_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected
