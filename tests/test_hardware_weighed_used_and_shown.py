"""What a number or a card in a sentence is: memory a model eats or leaves is no card's size; a screen's
sides are no card and no count; a card weighed ("if I bought a 5060") and named again later is still
weighed; a card after "than my" is the user's own; VRAM said before the card with 的 is the card's;
laptop-only product lines make the card the laptop one; an integrated GPU "with 16GB of RAM" has the
system RAM, no memory of its own."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    "text",
    [
        "a 32B model at Q4 eats up roughly 19GB of VRAM",
        "the weights consume about 40GB of memory before any context",
        "it occupies 11 GB of VRAM once loaded",
    ],
)
def test_memory_a_model_eats_is_no_rig(text: str) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == []
    assert hw.ram_gb is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Laptop: RTX 4070 Laptop GPU\nPanel: 2560 x 1600 | 240 Hz", [("rtx-4070-laptop", 1, 8.0)]),
        ("Display 1920 x 1080 at 60 Hz, card GTX 1660", [("gtx-1660", 1, 6.0)]),
        # a count written apart is still a count
        ("RTX 3090 x 4", [("rtx-3090", 4, 24.0)]),
    ],
)
def test_a_screens_sides_are_no_card(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "I have a 3090 now. If I bought a 5060 Ti 16GB, could the 5060 Ti do the work?",
            [("rtx-3090", 1, 24.0)],
        ),
        ("thinking of buying a 4080. The 4080 costs too much. I have a 3060", [("rtx-3060", 1, 12.0)]),
        # named again as had: the card is the rig's
        ("should I get a 4090? well, I got the 4090 yesterday", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_weighed_card_named_again_is_still_weighed(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("my 4070 Ti Super is quicker than my 3090", [("rtx-3090", 1, 24.0), ("rtx-4070-ti-super", 1, 16.0)]),
        ("I run a 7900 XTX vs my old... no, vs my 6800 XT, both in one box", None),
        # a card measured against with no possessive stays out
        ("is a 4090 faster than a 3090?", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_card_after_than_my_is_owned(text: str, want: Gpus | None) -> None:
    got = gpus(parse_hardware(text))
    if want is None:
        assert ("rx-6800-xt", 1, 16.0) in got
    else:
        assert got == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("笔记本，带有 6G VRAM 的 RTX3060", [("rtx-3060-laptop", 1, 6.0)]),
        ("配置：16G内存，带 8G VRAM 的 RTX 4060", [("rtx-4060", 1, 8.0)]),
        # an amount without the word VRAM, two words from the card, stays apart
        ("32GB - nvidia 4090", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_vram_said_before_the_card(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ThinkPad P16 with an RTX 3500 Ada", "rtx-3500-ada-laptop"),
        ("my thinkbook 16p has a 4060", "rtx-4060-laptop"),
        ("Vivobook Pro, RTX 3050", "rtx-3050-laptop"),
        ("HP Victus 15 with RTX 4050", "rtx-4050-laptop"),
    ],
)
def test_laptop_only_lines_make_the_laptop_card(text: str, want: str) -> None:
    got = gpus(parse_hardware(text))
    assert [g[0] for g in got] == [want]


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        ("my laptop runs on an integrated AMD GPU with 16GB of RAM", [], 16.0),
        ("onboard GPU with only 8 GB of memory, no card", [], 8.0),
        # a card with its own memory called RAM stays a card
        ("my card has 12GB of RAM", [(None, 1, 12.0)], None),
    ],
)
def test_an_integrated_gpus_memory_is_the_system_ram(text: str, want: Gpus, ram: float | None) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == want
    assert hw.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a cue before another device is that device's: the 5090 is the plan, the 3080 the rig
        ("thinking to upgrade to a 5090 from my 3080", [("rtx-3080", 1, 10.0)]),
        ("sold my 3090 and then bought a 4090", [("rtx-4090", 1, 24.0)]),
        # devices joined as options share the cue before the first
        ("should I buy a 3090 or a 4090?", [("rtx-3090", 1, 24.0), ("rtx-4090", 1, 24.0)]),
        # a plan said as a heading or after the card
        ("Current: RTX 3070. Planned: RTX 5090", [("rtx-3070", 1, 8.0)]),
        ("a 4070 now, a 3090 soon", [("rtx-4070", 1, 12.0)]),
    ],
)
def test_a_cue_belongs_to_the_device_it_stands_before(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        # a figure a tool prints in GiB off every nominal size stays as printed (sizes are read in GiB)
        ("Windows 11, Ryzen 7 5800H, 13.86 GiB RAM", 13.86),
        # near a nominal size: the size sold
        ("RAM 62.7 GiB", 64.0),
        # no memory stick is 1.5 GB: a reserve, no RAM
        ("2x RTX 3090 - 2x 1536 MB reserve", None),
        ("2x 16GB, RTX 3090", 32.0),
    ],
)
def test_printed_gib_and_stick_sizes(text: str, ram: float | None) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a device in a question that says nothing of the user's, beside one the user says is theirs
        ("Did anybody try it on a 3090? I only have a 3060", [("rtx-3060", 1, 12.0)]),
        ("will it work on a 4090? mine is a 4070", [("rtx-4070", 1, 12.0)]),
        ("I have a 3090. Would a 4090 be much faster?", [("rtx-3090", 1, 24.0)]),
        # a question about the user's own device keeps it; a question alone is the rig asked about
        ("Can my 3090 run it? I also have a 3060", [("rtx-3060", 1, 12.0), ("rtx-3090", 1, 24.0)]),
        ("can it run on a 4090?", [("rtx-4090", 1, 24.0)]),
        # a family member's device is theirs
        ("my box has a 4090, my wife's has a 3080", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_a_device_asked_about_beside_one_owned(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want
