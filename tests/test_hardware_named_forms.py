"""Forms a card's name takes in rig text: counts after its memory or before a link's name, NVIDIA's
Max-Q laptops, suffixes cut short, the product line typed after the number, one name sold with two
chips, modded memory in brackets, dual-GPU boards, names sold only as laptop GPUs, a device named
twice in a row.
Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from sizing.hardware import Hardware
from tests.rig_reading import Gpus, gpus


def noted(h: Hardware, words: str) -> bool:
    return any(words in a for a in h.assumptions)


# --- the link between the cards: no network's speed, and the count before it counts the cards -------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3090 24gb x2 nvlink", [("rtx-3090", 2, 24.0)]),
        ("a5000 24GB*2 NVLink, 128GB RAM", [("rtx-a5000", 2, 24.0)]),
        ("2-way SLI 1080 ti", [("gtx-1080-ti", 2, 11.0)]),
        ("3-way sli 980 ti", [("gtx-980-ti", 3, 6.0)]),
        ("4-way NVLink V100 SXM2 32GB", [("tesla-v100-sxm2", 4, 32.0)]),
        ("2-way CrossFire Vega 64", [("rx-vega-64", 2, 8.0)]),
    ],
)
def test_a_link_between_cards_keeps_their_count(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dual-3090 build, 128GB DDR4", [("rtx-3090", 2, 24.0)]),
        ("quad-4090 rig", [("rtx-4090", 4, 24.0)]),
        ("twin-4090s", [("rtx-4090", 2, 24.0)]),
    ],
)
def test_a_count_word_hyphenated_to_the_card_counts_it(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_a_word_hyphenated_to_a_model_number_is_still_no_card() -> None:
    assert gpus(parse_hardware("Minisforum MS-A2 96GB")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GPU0: 3090 GPU1: 3090 GPU2: 3060", [("rtx-3060", 1, 12.0), ("rtx-3090", 2, 24.0)]),
        ("gpu0 4090 gpu1 4090, 192gb ram", [("rtx-4090", 2, 24.0)]),
    ],
)
def test_indexes_on_one_line_after_a_card_are_no_counts(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DGX A100 640GB", [("a100-sxm", 8, 80.0)]),
        ("DGX A100 320GB", [("a100-sxm", 8, 40.0)]),
    ],
)
def test_a_dgx_memory_figure_is_its_eight_gpus_together(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert h.ram_gb is None


@pytest.mark.parametrize("text", ["NVIDIA Spark DGX GB10 128GB", "DGX GB10"])
def test_a_dgx_spark_named_after_dgx_is_one_machine(text: str) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.count == 1 and h.unified_memory_gb == 128


def test_an_amount_before_a_network_word_is_still_no_memory() -> None:
    h = parse_hardware("4090, 2x 100G ConnectX")
    assert gpus(h) == [("rtx-4090", 1, 24.0)]
    assert h.ram_gb is None


# --- Max-Q: NVIDIA's efficient laptop GPUs; the RTX PRO 6000 Max-Q is a workstation card -------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RTX 4080 Max-Q 12GB", [("rtx-4080-laptop", 1, 12.0)]),
        ("rtx 3080 max-q 16gb", [("rtx-3080-laptop", 1, 16.0)]),
        ("RTX 2070 Max Q", [("rtx-2070-laptop", 1, 8.0)]),
        ("rtx pro 6000 blackwell max-q 96gb", [("rtx-pro-6000-blackwell-max-q", 1, 96.0)]),
        ("2x RTX PRO 6000 Max-Q", [("rtx-pro-6000-blackwell-max-q", 2, 96.0)]),
    ],
)
def test_max_q_names_a_laptop_gpu_unless_the_card_holds_the_words(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


# --- a suffix cut short or typed with a look-alike letter, right after the number -------------------


@pytest.mark.parametrize(
    ("text", "expected", "typed"),
    [
        ("rtx 4080 supe", [("rtx-4080-super", 1, 16.0)], "supe"),
        ("4070 sup 12gb, 32gb ram", [("rtx-4070-super", 1, 12.0)], "sup"),
        ("4070 ti supe 16gb", [("rtx-4070-ti-super", 1, 16.0)], "supe"),
        ("rtx 2080 tl", [("rtx-2080-ti", 1, 11.0)], "tl"),
    ],
)
def test_a_cut_suffix_after_the_number_reads_as_the_suffix_with_a_note(
    text: str, expected: Gpus, typed: str
) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert noted(h, f"read '{typed}'")


@pytest.mark.parametrize(
    ("text", "expected", "typed"),
    [
        ("rtx 4070 tu super", [("rtx-4070-ti-super", 1, 16.0)], "tu"),
        ("rtx 3060 ri, 16gb ram", [("rtx-3060-ti", 1, 8.0)], "ri"),
        ("geforce rtx 3080 tu 12gb", [("rtx-3080-ti", 1, 12.0)], "tu"),
    ],
)
def test_a_neighbouring_key_for_ti_reads_as_ti_with_a_note(text: str, expected: Gpus, typed: str) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert noted(h, f"read '{typed}'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sup guys, 4090 here", [("rtx-4090", 1, 24.0)]),
        ("3090 tl;dr it works", [("rtx-3090", 1, 24.0)]),
        ("3090 tu vieja", [("rtx-3090", 1, 24.0)]),
    ],
)
def test_a_cut_suffix_elsewhere_is_left_alone(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert not noted(h, "typo?")


# --- the product line typed after the number ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5090rtx", [("rtx-5090", 1, 32.0)]),
        ("1080gtx and 16gb ram", [("gtx-1080", 1, 8.0)]),
    ],
)
def test_the_product_line_glued_after_the_number_names_the_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


# --- one name sold with two chips: the chip's word after the name picks the row ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Radeon Pro Duo Polaris", [("radeon-pro-duo", 2, 16.0)]),
        ("Radeon Pro Duo (Fiji)", [("radeon-pro-duo", 2, 4.0)]),
        ("radeon pro duo polaris + 64gb ram", [("radeon-pro-duo", 2, 16.0)]),
    ],
)
def test_a_chip_word_after_the_name_picks_its_row(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


# --- modded memory said in brackets after the card: kept as written -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2080tI (the modified 22GB model)", [("rtx-2080-ti", 1, 22.0)]),
        ("4090 (the modded 48GB one)", [("rtx-4090", 1, 48.0)]),
    ],
)
def test_modded_memory_in_brackets_is_kept_as_written(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert noted(h, "modded card")


def test_a_model_size_in_brackets_is_no_card_memory() -> None:
    assert gpus(parse_hardware("4090 (the 40GB model doesn't fit)")) == [("rtx-4090", 1, 24.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my 4060 ti (the 16GB version)", [("rtx-4060-ti", 1, 16.0)]),
        ("3060 (the 8GB one)", [("rtx-3060", 1, 8.0)]),
    ],
)
def test_the_version_named_in_brackets_picks_the_memory(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize("text", ["3090 modded 48GB", "3090 48GB modded", "3090 (a modded 48GB one)"])
def test_memory_said_to_be_modded_stays_the_cards(text: str) -> None:
    h = parse_hardware(text)
    assert gpus(h) == [("rtx-3090", 1, 48.0)]
    assert h.ram_gb is None


# --- boards and accelerators: a dual-GPU board is two GPUs ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Intel Arc Pro B60 Dual 48GB", [("arc-pro-b60-dual", 2, 24.0)]),
        ("2x B60 Dual + 256GB DDR5", [("arc-pro-b60-dual", 4, 24.0)]),
        ("Arc Pro B60 24GB x2", [("arc-pro-b60", 2, 24.0)]),
        ("Tenstorrent Blackhole p150a", [("tenstorrent-p150", 1, 32.0)]),
        ("4x p150a, 512GB RAM", [("tenstorrent-p150", 4, 32.0)]),
    ],
)
def test_boards_and_accelerators_read_with_their_gpus(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


# --- names NVIDIA sells only as laptop GPUs ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ThinkPad P16 Gen 2, RTX 3500 Ada, 64GB", [("rtx-3500-ada-laptop", 1, 12.0)]),
        ("RTX 3000 Ada in a ThinkPad P1", [("rtx-3000-ada-laptop", 1, 8.0)]),
        ("HP ZBook with an RTX 500 Ada", [("rtx-500-ada-laptop", 1, 4.0)]),
        ("RTX A3000 12GB", [("rtx-a3000-laptop", 1, 12.0)]),
    ],
)
def test_a_laptop_only_workstation_name_is_the_laptop_gpu(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert h.laptop


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A6000 48GB Ada", [("rtx-6000-ada", 1, 48.0)]),
        ("rtx a6000 48gb ada x2, 256gb ram", [("rtx-6000-ada", 2, 48.0)]),
        ("A6000 (48GB) Ada", [("rtx-6000-ada", 1, 48.0)]),
        ("A6000 48GB, ada lovelace is nice", [("rtx-a6000", 1, 48.0)]),
    ],
)
def test_the_generation_written_after_the_memory_names_the_card(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


def test_the_ampere_one_is_a_card_generation_not_a_cpu() -> None:
    h = parse_hardware("got an A6000 (the ampere one, not ada)")
    assert gpus(h) == [("rtx-a6000", 1, 48.0)]
    assert h.cpu is None


# --- a device named twice in a row is one device ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gaudi2 HL-225H x8", [("gaudi-2", 8, 96.0)]),
        ("Grace Hopper GH200", [("gh200", 1, 96.0)]),
    ],
)
def test_two_names_of_one_device_in_a_row_are_one_device(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RTX 3090 3090 24GB", [("rtx-3090", 1, 24.0)]),
        ("nvidia 4090 4090 and 64gb ram", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_name_typed_twice_is_one_card_with_a_note(text: str, expected: Gpus) -> None:
    h = parse_hardware(text)
    assert gpus(h) == expected
    assert noted(h, "doubled word?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3090 + 3090", [("rtx-3090", 2, 24.0)]),
        ("3090, 3090", [("rtx-3090", 2, 24.0)]),
    ],
)
def test_a_card_listed_twice_is_two_cards(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


# --- the Legion Go S: a Ryzen Z2 Go handheld --------------------------------------------------------


def test_the_legion_go_s_is_a_z2_go_with_its_680m_class_igpu() -> None:
    h = parse_hardware("Lenovo Legion Go S with Z2 Go, 32GB")
    assert gpus(h) == [("radeon-680m", 1, None)]
    assert h.cpu is not None and h.cpu.family == "ryzen-z2-go"
    assert h.ram_gb == 32


def test_the_first_legion_go_stays_a_z1_extreme() -> None:
    h = parse_hardware("Legion Go")
    assert gpus(h) == [("radeon-780m", 1, None)]
    assert h.cpu is not None and h.cpu.family == "ryzen-z1-extreme"
