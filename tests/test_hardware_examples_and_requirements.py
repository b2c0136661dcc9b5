"""Cards and amounts named as examples in a statement ("GPUs like the 3090 or 4090", "such as an A100",
"如4张A100") and amounts a requirement states ("推荐 80G 显存", "the docs require 24GB") are nobody's
rig, even when nothing else is named; in a question, or after the writer's own clause, they still count.
Sentences are written for these tests in the patterns of public posts.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    "text",
    [
        "A 70B model at 4-bit still needs more than consumer GPUs like the RTX 3090 or 4090 can hold.",
        "Big models want datacenter cards such as the H100 or the MI300X.",
        "For example, an A100 80GB fits the whole model in one piece.",
        "Small boxes like the Jetson Orin are fine for 3B models, the guide says.",
        "You could split the layers over a setup like 3 GPUs (16GB VRAM each).",
        "A 32GB card like the RTX 5090 is the ceiling for most home builds.",
        "大模型微调一般要多卡(如8张H100 80GB显卡)才行。",
        "推理的话用一些消费级卡，比如两张4090，就够了。",
    ],
)
def test_cards_and_amounts_named_as_examples_are_no_rig(text: str) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == []
    assert hw.ram_gb is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I have a card like the 3090, a used one", [("rtx-3090", 1, 24.0)]),  # the writer's own clause
        ("Would GPUs like the 3090 handle a 70B at Q4?", [("rtx-3090", 1, 24.0)]),  # the rig asked about
        ("比如两张4090 24G够不够？", [("rtx-4090", 2, 24.0)]),
        ("比如两张A6000能跑吗", [("rtx-a6000", 2, 48.0)]),
        ("Looks like the 4070 is not picked up by the driver", [("rtx-4070", 1, 12.0)]),  # no example
        ("My 4090 rig. Cards such as the A100 are faster, sure.", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_cards_asked_about_or_owned_beside_an_example_word_still_count(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "看了下硬件要求，官方推荐 48G 以上的显存",
        "这个模式要求我内存必须512G",
        "The docs require 96GB of RAM for the full model.",
        "Training it used to require a cluster of H100s.",
        "本地跑的话，单次推理需至少24GB显存",
        "官方说最低 48G 内存才能加载",
    ],
)
def test_amounts_a_requirement_states_are_no_rig(text: str) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == []
    assert hw.ram_gb is None


@pytest.mark.parametrize(
    ("text", "expected", "ram"),
    [
        ("The docs require 24GB VRAM but I have a 3060 12GB and 32GB RAM", [("rtx-3060", 1, 12.0)], 32.0),
        ("官方推荐 24G 显存，我的是 4060 8G，内存 32G", [("rtx-4060", 1, 8.0)], 32.0),
        ("Recommended: 16GB RAM. I have 8GB RAM and a 1660 Super", [("gtx-1660-super", 1, 6.0)], 8.0),
        ("跑这个需要64G内存，我的是 3060 12G，内存 32G", [("rtx-3060", 1, 12.0)], 32.0),
        (
            "3090 加载时报内存不足20G，机器内存 64G",
            [("rtx-3090", 1, 24.0)],
            64.0,
        ),  # a shortfall, then the RAM
    ],
)
def test_the_writers_own_amounts_after_a_requirement_still_count(
    text: str, expected: Gpus, ram: float
) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == expected
    assert hw.ram_gb == ram


@pytest.mark.parametrize(
    "text",
    [
        "The RTX A6000, while an older card, still offers 48GB of VRAM.",
        "Three RTX 3060s give you 36 GB of VRAM for the price of one 4080.",
        "The Mac mini M4 Pro starts at $1,399 for 24 GB of unified memory.",
        "The Orin NX module comes with 16GB, shared by the CPU and the GPU.",
        "The MI50 comes with 16GB memory, cheap on eBay",  # a product described; "My MI50 ..." is a rig
        "Used V100 cards are priced at $300 each, each offering 32GB of HBM2.",
        "The 4080 Super, which only has 16 GB, is the odd one out here.",
        "The Mac mini M4 is available with 32 GB here: https://example.com/shop/mac-mini-m4-16gb-memory",
    ],
)
def test_a_device_described_by_a_spec_sheets_verb_in_an_impersonal_text_is_no_rig(text: str) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == []
    assert hw.soc is None
    assert hw.unified_memory_gb is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RTX 3090 24GB, gives 20 t/s on Q4", [("rtx-3090", 1, 24.0)]),  # a speed, no spec sheet's amount
        ("RTX 4090 which has 24GB, 64GB RAM", [("rtx-4090", 1, 24.0)]),
        ("My A6000 offers 48GB, plenty for 70B at Q4", [("rtx-a6000", 1, 48.0)]),  # the writer's own
        ("Does the 4080 offer 16GB or 12GB?", [("rtx-4080", 1, 16.0)]),  # asked about
    ],
)
def test_spec_verbs_said_of_the_writers_card_or_a_speed_leave_it(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "| Build | VRAM | Cost |\n|---|---|---|\n| 1x RTX 5090 | 32GB | ~$2,400 |\n"
        "| 2x RTX 3090 | 48GB | ~$1,500 |",
        "| Part | Requirement |\n|---|---|\n| GPU | RTX 4070 Ti 12GB |\n| RAM | 32GB |",
        "| Model | Q4 size | Fits on |\n|:--|:--|:--|\n| 14B | ~9 GB | RTX 4070 / 3080 |\n"
        "| 32B | ~20 GB | RTX 4090 |",
        "| 显卡 | 推荐显存 |\n|---|---|\n| RTX 4060 | 8G |\n| RTX 4090 | 24G |",
    ],
)
def test_rows_of_a_table_of_costs_requirements_or_fits_are_no_rig(text: str) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == []
    assert hw.ram_gb is None


@pytest.mark.parametrize(
    ("text", "expected", "ram"),
    [
        ("| Part | Model |\n|---|---|\n| GPU | RTX 4090 |\n| RAM | 64GB |", [("rtx-4090", 1, 24.0)], 64.0),
        (
            "| GPU | Price |\n|---|---|\n| RTX 3090 | $700 |\n\nI run the 3090 from this list with 64GB RAM",
            [("rtx-3090", 1, 24.0)],
            64.0,
        ),
    ],
)
def test_a_table_of_ones_own_parts_or_a_card_named_again_in_prose_stays(
    text: str, expected: Gpus, ram: float
) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == expected
    assert hw.ram_gb == ram


@pytest.mark.parametrize(
    "text",
    [
        "The RTX 5080 only offers 16GB. Would Qwen3 14B fit on it?",
        "A Mac mini M4 Pro starts at $1,399 for 24 GB, enough for gemma 3 12b?",
    ],
)
def test_a_product_described_and_then_asked_about_is_the_machine_asked(text: str) -> None:
    hw = parse_hardware(text)
    assert hw.gpus or hw.soc is not None
