"""How a count binds to its card: once, wherever it is written. A per-card size times the count restates
the count ("2x L4 (24GB x2)"); a CJK count may stand as its own list item after the card ("4090，两张")
or after the machine ("A6000机器4卡"); a socket count (双路) belongs to the CPU named next; VRAM in
brackets with its count ("H20 (8 x 96GB VRAM)") counts the cards; a card named in two CJK sentences
is one card, not a list of two."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the memory's count says the cards' count again
        ("we rent 2x L4 (24GB x2) for this", [("l4", 2, 24.0)]),
        ("box: 2x RTX 3090 24GBx2", [("rtx-3090", 2, 24.0)]),
        ("4x A100 80GB x4 in one node", [("a100-sxm", 4, 80.0)]),
        # no count before: the memory's count is the count
        ("RTX 4090 24GB x2", [("rtx-4090", 2, 24.0)]),
        # VRAM in brackets right after the card, the count first
        ("our node is H20 (8 x 96GB VRAM)", [("h20", 8, 96.0)]),
        ("H100 (4x 80GB VRAM) rented by the hour", [("h100-sxm", 4, 80.0)]),
        # a dual-GPU board's own memory broken down stays one board of two GPUs
        ("a Tesla K80 (2x12GB) from a surplus shop", [("tesla-k80", 2, 12.0)]),
    ],
)
def test_a_count_is_bound_once(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("我的显卡4090，两张，每张24G", [("rtx-4090", 2, 24.0)]),
        ("显卡是3090，四张", [("rtx-3090", 4, 24.0)]),
        ("一台A6000机器4卡48GB", [("rtx-a6000", 4, 48.0)]),
        ("L40服务器8卡，内存512G", [("l40", 8, 48.0)]),
        # the count before the card named next is that card's, not the first card's
        ("旧的3090，两张4090", [("rtx-3090", 1, 24.0), ("rtx-4090", 2, 24.0)]),
    ],
)
def test_a_cjk_count_after_the_card_or_its_machine(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want", "cpu"),
    [
        ("打算用2张4090加双路EPYC 9654跑模型", [("rtx-4090", 2, 24.0)], "EPYC 9654"),
        ("四张A800加双路至强", [("a800", 4, 80.0)], None),
    ],
)
def test_a_socket_count_is_the_cpus(text: str, want: Gpus, cpu: str | None) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == want
    if cpu is not None:
        assert hw.cpu is not None and cpu in hw.cpu.name


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("用3090 24G跑模型很慢\n另外说一下，3090 24G是二手的。", [("rtx-3090", 1, 24.0)]),
        ("我用4060 8G显卡\n补充：4060 8G显卡是笔记本上的吗？不是。", [("rtx-4060", 1, 8.0)]),
        # a list of lines of one kind still counts every line's card
        ("显卡：4090\n显卡：4090", [("rtx-4090", 2, 24.0)]),
    ],
)
def test_a_card_in_two_cjk_sentences_is_one_card(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("RTX 4090 (2 units), 128GB RAM", [("rtx-4090", 2, 24.0)]),
        ("GPU: RTX 3090 - 3 pieces", [("rtx-3090", 3, 24.0)]),
        ("4060 Ti 16GB 2 pcs for the box", [("rtx-4060-ti", 2, 16.0)]),
        # a count of machines is no count of cards
        ("my 4090 sits in a 2 pc setup", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_count_in_pieces_after_the_card(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("RAM: 4x16, GPU 3090", 64.0),
        ("RAM 32+32 and a 4070", 64.0),
        ("内存：16+16，显卡 4060", 32.0),
        ("Memory: 2x48 DDR5", 96.0),
        # memory and a disk, not two sticks
        ("ram 16+512", 16.0),
    ],
)
def test_sticks_written_without_units_after_a_ram_key(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


SMI_TWO_A100 = (
    "|   0  NVIDIA A100-SXM4-80GB          On  | 00000000:17:00.0 Off |                    0 |\n"
    "| N/A   35C    P0              64W / 400W |     11MiB / 81920MiB |      0%      Default |\n"
    "|   1  NVIDIA A100-SXM4-80GB          On  | 00000000:65:00.0 Off |                    0 |\n"
    "| N/A   33C    P0              63W / 400W |     11MiB / 81920MiB |      0%      Default |"
)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # each row's MiB total is that card's memory said again, not the two cards' together
        (SMI_TWO_A100, [("a100-sxm", 2, 80.0)]),
        (SMI_TWO_A100.replace("80GB", "40GB").replace("81920", "40960"), [("a100-sxm", 2, 40.0)]),
        # a total said as such is still the cards' together
        ("2x A100, 80GB VRAM total", [("a100-sxm", 2, 40.0)]),
    ],
)
def test_a_per_row_total_is_each_cards_memory(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want
