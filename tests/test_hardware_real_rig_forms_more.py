"""More forms real rig descriptions take: machines times the cards in each written with their memory, a
bin of a card told apart by its memory, an Instinct name without its X, cards in general after a verb of
fitting, a count of sticks on the line above a card, a count of unnamed GPUs in Chinese with the memory of
each, a Radeon iGPU's name ending in M, and a sum worked out beside the cards."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("实验室有3台 8*64G 的910B", [("ascend-910b", 24, 64.0)]),
        ("公司两台 8*80G 的A800，想部署满血版", [("a800", 16, 80.0)]),
        ("我们是2台 4*24G 的4090", [("rtx-4090", 8, 24.0)]),
        ("2台 8x80G A100 服务器", [("a100-sxm", 16, 80.0)]),
    ],
)
def test_machines_counted_before_cards_multiplied_by_their_memory_hold_that_many_cards_each(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("手上有 4*64G 的910B", [("ascend-910b", 4, 64.0)]),
        ("一台 8*80G的A800", [("a800", 8, 80.0)]),
    ],
)
def test_cards_multiplied_by_their_memory_before_de_and_the_card_are_that_many_cards(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("集群里有 8*32G 的910B", [("ascend-910b4", 8, 32.0)]),
        ("三台 8*32G 的910B 能跑吗", [("ascend-910b4", 24, 32.0)]),
        ("one Ascend 910B with 32GB", [("ascend-910b4", 1, 32.0)]),
    ],
)
def test_a_910b_with_32gb_is_its_32gb_bin_the_910b4(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_910b_named_with_no_memory_stays_the_64gb_card() -> None:
    assert gpus(parse_hardware("四张910B跑72B")) == [("ascend-910b", 4, 64.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we rent an 8x MI325 node", [("instinct-mi325x", 8, 256.0)]),
        ("4x MI325 in one node", [("instinct-mi325x", 4, 256.0)]),
        ("a single MI355 for testing", [("instinct-mi355x", 1, 288.0)]),
    ],
)
def test_an_instinct_name_without_its_x_names_the_only_part_of_that_number(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a 3-bit build would fit 12GB cards nicely",
        "the Q4 file fits 16GB cards with room for context",
        "so that it keeps fitting 8GB cards",
        "only needs enough to fit the VRAM of 12GB cards",
    ],
)
def test_sizes_of_cards_after_a_verb_of_fitting_are_cards_in_general_not_the_rig(text: str) -> None:
    assert gpus(parse_hardware(text)) == []


def test_a_count_of_cards_with_their_size_after_fit_stays_the_writers() -> None:
    assert gpus(parse_hardware("I managed to fit two 24GB cards in my case")) == [(None, 2, 24.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("内存: 4x16G\nNVIDIA GeForce RTX 3090", [("rtx-3090", 1, 24.0)]),
        ("Memory 2x32GB\nRTX 4070 Ti", [("rtx-4070-ti", 1, 12.0)]),
        ("内存：16g*2\n显卡：4080", [("rtx-4080", 1, 16.0)]),
    ],
)
def test_memory_sticks_counted_on_the_line_above_a_card_do_not_count_the_card(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_count_of_cards_with_their_size_on_the_cards_line_still_counts_them() -> None:
    assert gpus(parse_hardware("RAM 64GB\n2x 24GB 3090")) == [("rtx-3090", 2, 24.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("服务器上有4个GPU（每个GPU显存24GB）", [(None, 4, 24.0)]),
        ("用了两个GPU，每个显存是16G", [(None, 2, 16.0)]),
        ("机器里3块GPU，每块显存48G", [(None, 3, 48.0)]),
    ],
)
def test_unnamed_gpus_counted_in_chinese_with_the_memory_of_each_are_that_many_cards_of_it(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a Ryzen AI 7 350 with Radeon 860M graphics, no dGPU",
        "my mini PC runs a Radeon 820M",
    ],
)
def test_a_radeon_igpu_name_ending_in_m_is_no_amount_of_megabytes(text: str) -> None:
    hw = parse_hardware(text)
    assert all(g.vram_gb is None or g.vram_gb >= 1 for g in hw.gpus)
    assert not any(g.id is None and g.vram_gb for g in hw.gpus)


def test_megabytes_written_with_m_after_a_number_still_read_as_memory_elsewhere() -> None:
    assert parse_hardware("RTX 3060 with 12288M of VRAM").gpus[0].vram_gb == 12.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rough need: 16g * 4 + 6, it ran on my four 3090s", [("rtx-3090", 4, 24.0)]),
        ("估算 24g*2 + 4 左右，我用两张4090", [("rtx-4090", 2, 24.0)]),
    ],
)
def test_an_amount_multiplied_then_added_to_a_bare_number_is_a_sum_worked_out_not_ram(
    text: str, expected: Gpus
) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == expected
    assert hw.ram_gb is None


def test_sticks_keyed_as_ram_then_a_bare_number_added_are_still_the_ram() -> None:
    assert parse_hardware("RAM 16g*2 + 8").ram_gb == 32.0
