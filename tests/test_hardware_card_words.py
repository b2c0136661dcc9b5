"""Cards named only by a word: Chinese "卡" after an amount ("80G的卡": a card of 80 GB), never the verb
"卡住" (stuck); a count of cards someone is said to need is not the count of the card they name; a
maker's Chinese name between a count and the card ("两张英伟达4090"); "双路" (dual socket)."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        ("手上只有一块96G的卡", [(None, 1, 96.0)], None),
        ("三张32G的卡，内存512G", [(None, 3, 32.0)], 512.0),
        ("40G卡能跑70B吗", [(None, 1, 40.0)], None),
    ],
)
def test_an_amount_before_the_word_card_is_that_cards_memory(
    text: str, want: Gpus, ram: float | None
) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == want
    assert hw.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "ram", "want"),
    [
        ("内存64G卡住不动了", 64.0, []),
        ("内存128G卡顿得厉害", 128.0, []),
        ("3090 24G卡死了", None, [("rtx-3090", 1, 24.0)]),
    ],
)
def test_ka_as_the_verb_stuck_names_no_card(text: str, ram: float | None, want: Gpus) -> None:
    hw = parse_hardware(text)
    assert hw.ram_gb == ram
    assert gpus(hw) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("why would you need 4 GPUs, my 3090 does it alone", [("rtx-3090", 1, 24.0)]),
        ("you don't need two cards: my 7900 XTX runs the 32B", [("rx-7900-xtx", 1, 24.0)]),
        ("no need for 3 GPUs, a single A6000 is fine", [("rtx-a6000", 1, 48.0)]),
    ],
)
def test_cards_said_to_be_needed_do_not_count_the_card_named(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("L40S node, 4 GPUs", [("l40s", 4, 48.0)]),
        ("I have 2 GPUs, both 4080", [("rtx-4080", 2, 16.0)]),
    ],
)
def test_a_count_of_cards_said_of_the_rig_still_counts_the_card(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("三张英伟达3090，内存128G", [("rtx-3090", 3, 24.0)]),
        ("八张华为昇腾910B", [("ascend-910b", 8, 64.0)]),
        ("两张摩尔线程S80", [("mtt-s80", 2, 16.0)]),
        ("摩尔线程S4000一张", [("mtt-s4000", 1, 48.0)]),
    ],
)
def test_a_makers_chinese_name_between_the_count_and_the_card(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "sockets"),
    [
        ("双路E5-2696v4，内存256G", 2),
        ("至强金牌6330 两路，1T内存", 2),
        ("2路EPYC 7K62", 2),
        ("EPYC 7K62 单路，256G", 1),
    ],
)
def test_chinese_dual_socket_words_count_two_cpus(text: str, sockets: int) -> None:
    cpu = parse_hardware(text).cpu
    assert cpu is not None and cpu.sockets == sockets
