"""Forms real rig descriptions take that the reader reads as the writer meant: a card's plural before a
plural verb, a datacenter card glued to its memory, Qualcomm's generation as an ordinal, a unit with a
stray accent, a card "of" its memory, a brand alone with its memory, a count of cards the writer had,
and cloud cards weighed beside the writer's own."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my RTX 4080s are both water-cooled", [("rtx-4080", 2, 16.0)]),
        ("rtx 3080s were cheap last year; I have one 3080", [("rtx-3080", 1, 10.0)]),
    ],
)
def test_a_card_number_with_an_s_before_a_plural_verb_is_a_plural_not_the_super(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_card_number_with_an_s_and_no_plural_verb_is_still_the_super() -> None:
    assert gpus(parse_hardware("my rtx 4080s and 64GB RAM")) == [("rtx-4080-super", 1, 16.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a server of A10080G x8", [("a100-sxm", 8, 80.0)]),
        ("租了一台H10080G*4的机器", [("h100-sxm", 4, 80.0)]),
        ("one a10040g for testing", [("a100-sxm", 1, 40.0)]),
    ],
)
def test_a_datacenter_card_glued_to_its_memory_size_reads_as_that_card_and_memory(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_datacenter_card_with_no_memory_glued_keeps_its_own_size() -> None:
    assert gpus(parse_hardware("a100 and 512GB RAM")) == [("a100-sxm", 1, 80.0)]


@pytest.mark.parametrize(
    ("text", "chip"),
    [
        ("my phone has a second generation Snapdragon 8 and 12GB", "snapdragon-8-gen-2"),
        ("Xiaomi with the 3rd gen Snapdragon 8", "snapdragon-8-gen-3"),
        ("手机是第一代骁龙8，12G内存", "snapdragon-8-gen-1"),
    ],
)
def test_qualcomms_generation_written_as_an_ordinal_names_that_snapdragon_8_gen(text: str, chip: str) -> None:
    soc = parse_hardware(text).soc
    assert soc is not None and soc.id == chip


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("Phone: Galaxy, Ram: 8ģb", 8.0),
        ("laptop with 16 ğb ram", 16.0),
    ],
)
def test_a_memory_unit_typed_with_a_stray_accent_reads_as_the_unit(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


def test_a_card_of_an_amount_of_memory_is_the_cards_memory() -> None:
    h = parse_hardware("my laptop has an NVIDIA GPU of 6GB memory and 16GB RAM")
    assert gpus(h) == [(None, 1, 6.0)]
    assert h.ram_gb == 16.0


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("Specs: Radeon 8Gb, Ryzen 5, 16Gb RAM", 8.0, 16.0),
        ("old PC - GeForce 4GB, 8GB ram", 4.0, 8.0),
    ],
)
def test_a_graphics_brand_alone_with_an_amount_is_an_unnamed_card_of_that_memory(
    text: str, vram: float, ram: float
) -> None:
    h = parse_hardware(text)
    assert gpus(h) == [(None, 1, vram)]
    assert h.ram_gb == ram


def test_a_named_radeon_keeps_its_amounts_as_before() -> None:
    h = parse_hardware("AMD Radeon RX 7800 XT 16GB, 32GB RAM")
    assert gpus(h) == [("rx-7800-xt", 1, 16.0)]
    assert h.ram_gb == 32.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rig: 5090 and a 3090. Before that I had 2x 3090 on a B550 board",
            [("rtx-3090", 1, 24.0), ("rtx-5090", 1, 32.0)],
        ),
        ("I have a 4080 now; last year we had two 3060s in this box", [("rtx-4080", 1, 16.0)]),
    ],
)
def test_cards_the_writer_had_with_a_count_are_past_cards(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3090 here. Should I try cloud GPUs such as A100 or H100?", [("rtx-3090", 1, 24.0)]),
        (
            "Current rig is a 4060 8GB. Is it smarter to move to a cloud GPU like an L4?",
            [("rtx-4060", 1, 8.0)],
        ),
        ("RX 6800 here. Should I go for a cloud instance such as an L40S?", [("rx-6800", 1, 16.0)]),
    ],
)
def test_cloud_cards_named_as_examples_beside_the_writers_card_are_not_the_rig(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_cloud_card_asked_about_alone_is_the_rig_asked_of() -> None:
    assert [g.id for g in parse_hardware("is a cloud GPU like an L40S enough for a 70B model?").gpus] == [
        "l40s"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3090s are cheap now, I have a 4090", [("rtx-4090", 1, 24.0)]),
        ("used P40s go for $150 on ebay; mine is a 3060", [("rtx-3060", 1, 12.0)]),
        ("RTX 4070s are hard to find here, so I run a 4060 Ti 16GB", [("rtx-4060-ti", 1, 16.0)]),
    ],
)
def test_a_card_in_the_bare_plural_said_of_the_model_in_general_is_not_the_writers(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4090 + 3090s are both in the box", [("rtx-3090", 2, 24.0), ("rtx-4090", 1, 24.0)]),
        ("my 3090s are both hot", [("rtx-3090", 2, 24.0)]),
        ("P40s are slow for image models", [("tesla-p40", 2, 24.0)]),
    ],
)
def test_a_plural_the_writer_owns_or_the_only_card_named_stays_in_the_rig(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("I run a 4070 graphics card with 32GB of memory", 12.0, 32.0),
        ("a 3090 card with 128GB memory in the box", 24.0, 128.0),
    ],
)
def test_a_named_card_with_memory_it_is_not_sold_with_is_the_machines_ram(
    text: str, vram: float, ram: float
) -> None:
    h = parse_hardware(text)
    assert [g.vram_gb for g in h.gpus] == [vram]
    assert h.ram_gb == ram


def test_a_named_card_with_its_own_size_of_memory_keeps_it() -> None:
    h = parse_hardware("an RTX 3060 card with 12GB of memory and 32GB RAM")
    assert gpus(h) == [("rtx-3060", 1, 12.0)]
    assert h.ram_gb == 32.0


@pytest.mark.parametrize(
    ("text", "unified"),
    [
        ("M1 Pro MBP 32gb SSD 1TB", 32.0),
        ("Mac mini M4, 24GB ssd 512GB", 24.0),
    ],
)
def test_an_amount_before_a_storage_word_that_has_its_own_amount_is_the_memory(
    text: str, unified: float
) -> None:
    assert parse_hardware(text).unified_memory_gb == unified


def test_a_storage_word_whose_next_amount_has_its_own_cue_keeps_the_amount_before_it() -> None:
    h = parse_hardware("512GB SSD 2TB HDD, 64GB RAM, 4090")
    assert h.ram_gb == 64.0
    assert gpus(h) == [("rtx-4090", 1, 24.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4070 Tis are scarce here, so I run a 4060 Ti 16GB", [("rtx-4060-ti", 1, 16.0)]),
        ("3080 Tis were cheap last year; mine is a 4080", [("rtx-4080", 1, 16.0)]),
    ],
)
def test_tis_before_a_plural_verb_is_the_plural_of_the_ti(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_tis_written_for_the_ti_super_stays_the_ti_super() -> None:
    assert gpus(parse_hardware("4070 TiS 16GB, 64GB RAM")) == [("rtx-4070-ti-super", 1, 16.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Laptop: Intel Arc A770 Mobile 16GB, Core i7", [("arc-a770m", 1, 16.0)]),
        ("GPU: Arc A770 Mobile, 32GB RAM", [("arc-a770m", 1, 16.0)]),
    ],
)
def test_an_arc_card_said_mobile_is_its_m_laptop_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("公司有两个48G显卡，能跑70B吗", [(None, 2, 48.0)]),
        ("三个16G的卡够不够", [(None, 3, 16.0)]),
    ],
)
def test_a_chinese_count_with_ge_before_each_cards_memory_counts_the_cards(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_ge_counting_something_else_counts_no_card() -> None:
    assert gpus(parse_hardware("两个问题：24G显卡能跑吗")) == [(None, 1, 24.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3090 24g 双卡的速度怎么样", [("rtx-3090", 2, 24.0)]),
        ("L40S 四卡部署70B可以吗", [("l40s", 4, 48.0)]),
    ],
)
def test_a_cjk_run_opening_with_a_count_of_cards_after_the_card_counts_it(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_single_card_said_after_the_card_stays_one() -> None:
    assert gpus(parse_hardware("4090 单卡的速度")) == [("rtx-4090", 1, 24.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("node: H200 (8x141GB), 2TB RAM", [("h200", 8, 141.0)]),
        ("MI300X (8 x 192 GB) for serving", [("instinct-mi300x", 8, 192.0)]),
    ],
)
def test_a_count_times_each_cards_memory_in_brackets_after_the_card_counts_the_cards(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_ram_sticks_in_brackets_after_a_card_stay_ram() -> None:
    h = parse_hardware("RTX 4090 (2x32GB DDR5)")
    assert gpus(h) == [("rtx-4090", 1, 24.0)]
    assert h.ram_gb == 64.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I don't have access to an H100, will my 3090 do?", [("rtx-3090", 1, 24.0)]),
        ("no access to A100s at work; at home a 4080", [("rtx-4080", 1, 16.0)]),
        ("the H100 is not available to us. Our box has 4x 3090", [("rtx-3090", 4, 24.0)]),
    ],
)
def test_a_card_the_writer_cannot_get_to_is_not_their_rig(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_card_the_writer_has_access_to_stays() -> None:
    assert gpus(parse_hardware("I have access to an A100 and a 4090")) == [
        ("a100-sxm", 1, 80.0),
        ("rtx-4090", 1, 24.0),
    ]
