"""Whose device, and what an amount is: someone else's card or one measured against in CJK text (别人,
朋友, 比), memory a model uses ("the 8B at Q4 uses 6GB of VRAM"), a rig's label before a card's count
and size ("My system: 4x 16GB ..."), and a web address's escaped bytes (never a card's name)."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # someone else's card, then the user's
        ("网上别人的4080跑得比我的3060快多了", [("rtx-3060", 1, 12.0)]),
        ("我朋友用4090，我自己是一张3070", [("rtx-3070", 1, 8.0)]),
        # friends addressed before the user's own card; "the others" (其他的) of the user's rig
        ("朋友们，我的3090很慢", [("rtx-3090", 1, 24.0)]),
        ("我有4090，其他的都是3090", [("rtx-3090", 1, 24.0), ("rtx-4090", 1, 24.0)]),
        # 比 (than): the card after it is the one measured against
        ("我的4070Ti显存带宽比A100低太多了吧", [("rtx-4070-ti", 1, 12.0)]),
        # two machines in one sentence: the second, after 比, is another machine, not more cards of this one
        ("单卡3080的台式机比双卡A6000的服务器还快", [("rtx-3080", 1, 10.0)]),
        # measured against the user's own card: both stay
        ("我的5090比我的3090快一倍", [("rtx-3090", 1, 24.0), ("rtx-5090", 1, 32.0)]),
        # 比较 (rather) and 比如 (for example) are no comparison with the card after them
        ("我的显卡比较旧，是2060", [("rtx-2060", 1, 6.0)]),
        ("比如3060 12G这样的卡能跑吗", [("rtx-3060", 1, 12.0)]),
        # 性价比 (value for money) compares nothing
        ("我买了性价比高的3090，24G", [("rtx-3090", 1, 24.0)]),
    ],
)
def test_cjk_others_and_comparisons(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the memory a model takes, after the model or its quant, is no card
        ("Llama 8B at Q4 uses 6.2GB of VRAM with 8k context.", []),
        ("the model uses 21GB of vram on my 4090", [("rtx-4090", 1, 24.0)]),
        ("local LLMs using 12GBs of vram on this box", []),
        # a person using memory has it
        ("I'm using 16GB of VRAM, an unnamed card", [(None, 1, 16.0)]),
    ],
)
def test_memory_a_model_uses(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        # a label of the whole rig before the cards' count and size: no RAM
        ("My system: 3x 16GB Quadro RTX 5000", [("quadro-rtx-5000", 3, 16.0)], None),
        ("Setup: 2x 24GB RTX 4090, nothing else", [("rtx-4090", 2, 24.0)], None),
        # an amount that is its own item after the label is still the RAM
        ("System: 96GB, RTX 4090", [("rtx-4090", 1, 24.0)], 96.0),
    ],
)
def test_a_rig_label_before_a_cards_size(text: str, want: Gpus, ram: float | None) -> None:
    hw = parse_hardware(text)
    assert (gpus(hw), hw.ram_gb) == (want, ram)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # "%E2%84%A2" (the trade mark sign, escaped) holds "a2": no NVIDIA A2
        ("my mini PC: https://example.com/shop/amd-ryzen%E2%84%A2-7-7840hs-mini", [("radeon-780m", 1, None)]),
        ("see https://example.com/item?name=rtx%204090%20card for the card", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_web_addresss_escapes_are_no_words(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the size written with the cards' count before them is each card's, even where the product is a
        # size the card is modded to
        ("2x 24GB RTX 4090 in an open frame", [("rtx-4090", 2, 24.0)]),
        ("2x 48GB RTX 4090 (the modded ones)", [("rtx-4090", 2, 48.0)]),
        ("3x 16GB RTX 5060 Ti", [("rtx-5060-ti", 3, 16.0)]),
    ],
)
def test_a_count_and_size_before_the_cards(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "chip", "memory"),
    [
        # one chip named loosely, then in full: the full name
        ("testing on a MacBook Pro M4:\n- 24 GB memory\n- Apple M4 Pro, 16-core GPU", "m4-pro", 24.0),
        ("My M3 notebook. Chip: Apple M3 Max, 36GB", "m3-max", 36.0),
        # two different chips stay two named chips (the first read)
        ("M2 Max 96GB, M2 Ultra 192GB", "m2-max", 96.0),
    ],
)
def test_a_chip_named_loosely_then_in_full(text: str, chip: str, memory: float) -> None:
    hw = parse_hardware(text)
    assert hw.soc is not None
    assert (hw.soc.id, hw.unified_memory_gb) == (chip, memory)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a card right after a need is one the rig would need
        ("I have one 3090. Do I really need two 3090s for this?", [("rtx-3090", 1, 24.0)]),
        ("I own a 4070; would I need an A6000?", [("rtx-4070", 1, 12.0)]),
        # a need of something else, the card after it owned
        ("I need help with my 3090 setup", [("rtx-3090", 1, 24.0)]),
    ],
)
def test_a_card_needed_is_not_had(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("I have 12G on GPU and 32G on Main", 32.0),
        ("8GB on the card, 48GB main", 48.0),
    ],
)
def test_main_memory_is_the_ram(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # each listed card with its own size in its name: the size of each, not a total split four ways
        (
            "GPU 0: NVIDIA A100-SXM-64GB\nGPU 1: NVIDIA A100-SXM-64GB\nGPU 2: NVIDIA A100-SXM-64GB\n"
            "GPU 3: NVIDIA A100-SXM-64GB",
            [("a100-sxm", 4, 64.0)],
        ),
        ("RTX 4090 24GB + RTX 4090 24GB", [("rtx-4090", 2, 24.0)]),
        # a total said as such is still split
        ("2x A100, 80GB VRAM total", [("a100-sxm", 2, 40.0)]),
    ],
)
def test_each_listed_card_with_its_size(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "noted"),
    [
        ("will it run on -16gb vram", True),
        ("my box has -2x rtx 3090", True),
        # a bullet opening a line, and a range, are no minus signs
        ("-RTX 3090\n-32GB RAM", False),
        ("RAM 16 -32gb, not sure", False),
    ],
)
def test_a_minus_sign_before_a_figure_is_noted(text: str, noted: bool) -> None:
    hw = parse_hardware(text)
    assert any("minus sign" in a for a in hw.assumptions) is noted


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        # memory in use on a card is neither its size nor the RAM
        ("The app only uses 6 GB on my RTX 4090", [("rtx-4090", 1, 24.0)], None),
        # what a model leaves or takes, however qualified
        ("the weights take 18GB, which leaves a measly ~6GB of VRAM for context", [], None),
        ("it needs only 5GB of VRAM", [], None),
    ],
)
def test_memory_in_use_or_left(text: str, want: Gpus, ram: float | None) -> None:
    hw = parse_hardware(text)
    assert (gpus(hw), hw.ram_gb) == (want, ram)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("we bought 2x ASUS Ascent for the lab", 2),
        ("one Ascent GX10 on my desk", 1),
    ],
)
def test_asus_ascent_is_a_gb10_box(text: str, count: int) -> None:
    hw = parse_hardware(text)
    assert hw.soc is not None
    assert (hw.soc.id, hw.soc.count) == ("dgx-spark", count)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a card said to be the user's with "mine is" makes the one before it someone else's
        ("His PC has an RTX 4080 and mine is an RTX 3060 Ti", [("rtx-3060-ti", 1, 8.0)]),
        ("the guide uses a 4090, mine is a 3070", [("rtx-3070", 1, 8.0)]),
        # the user's own card before it stays
        (
            "my 4090 is in the tower and mine is also a 3090 in the old box",
            [("rtx-3090", 1, 24.0), ("rtx-4090", 1, 24.0)],
        ),
    ],
)
def test_a_card_before_mine_is(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a card weighed to join the user's own one ("mix/pair/combine my X with a Y"): not had yet
        ("So can I mix my 3090 with a 4060/5060 Ti 16GB?", [("rtx-3090", 1, 24.0)]),
        ("can I pair my 4090 with a 3060 12GB?", [("rtx-4090", 1, 24.0)]),
        # a rig reported as it is ("paired", past), and "a pair of" as a count
        ("I paired my 4090 with a 3090 last month", [("rtx-3090", 1, 24.0), ("rtx-4090", 1, 24.0)]),
        ("a pair of 3090s and 128GB", [("rtx-3090", 2, 24.0)]),
    ],
)
def test_a_card_weighed_to_join_the_users(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want
