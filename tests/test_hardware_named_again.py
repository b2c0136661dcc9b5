"""One card named twice, once loosely: a title says "on a 5090", the body lists "RTX 5090 32GB"; a
question names "Arc 770" beside the "Arc 770M" the asker owns. The loose mention (no memory, no
count) read as another form of the card (laptop, server, mobile) is the precise one named again, not a
second card. Sibling cards (Ti, Super) stay apart. A card said to be out of reach ("hard to buy
here", "unaffordable") is set aside, not read as the rig.
Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware

Gpus = list[tuple[str | None, int, float | None]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a gaming brand that also sells laptops, the desktop size stated in the body
        ("Crash on RTX5090 at startup\n- RTX 5090 32GB (ROG Astral)\n- 64GB RAM", [("rtx-5090", 1, 32.0)]),
        # the title leaves out "Server", the spec list says it
        (
            "Slow decode on an RTX 6000 Blackwell?\n- GPU: one RTX PRO 6000 Blackwell Server GPU",
            [("rtx-pro-6000-blackwell-server", 1, 96.0)],
        ),
        # the owned mobile part, after the desktop name of its line
        ("Anyone tried Arc 770? I have an Arc A770M and it is slower than my CPU", [("arc-a770m", 1, 16.0)]),
    ],
)
def test_a_loose_mention_of_the_same_card_is_not_a_second_card(text: str, expected: Gpus) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count, g.vram_gb) for g in hw.gpus] == expected
    assert any("named again" in a for a in hw.assumptions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 3090 or a 3090 Ti", [("rtx-3090", 1, 24.0), ("rtx-3090-ti", 1, 24.0)]),
        ("4070 next to a 4070 Super", [("rtx-4070", 1, 12.0), ("rtx-4070-super", 1, 12.0)]),
        (
            "two RTX PRO 6000 Blackwell and one RTX PRO 6000 Blackwell Server",
            [("rtx-pro-6000-blackwell", 2, 96.0), ("rtx-pro-6000-blackwell-server", 1, 96.0)],
        ),
    ],
)
def test_sibling_cards_and_counted_cards_stay_apart(text: str, expected: Gpus) -> None:
    hw = parse_hardware(text)
    assert sorted((g.id, g.count, g.vram_gb) for g in hw.gpus) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("老板说H100很难买到，那4张4090够不够？", [("rtx-4090", 4, 24.0)]),
        ("我有一张3090，4090现在买不到", [("rtx-3090", 1, 24.0)]),
        ("H100s are unobtainable here, so I run 4x 3090", [("rtx-3090", 4, 24.0)]),
        ("the A100 is unaffordable for us; we have two 3090s", [("rtx-3090", 2, 24.0)]),
    ],
)
def test_a_card_said_to_be_out_of_reach_is_not_the_rig(text: str, expected: Gpus) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count, g.vram_gb) for g in hw.gpus] == expected


@pytest.mark.parametrize(
    ("text", "soc", "unified_gb"),
    [
        (
            "Does the jetson nano orin do TensorRT? My jetson orin nano8 GB kit is on jetpack 6",
            "jetson-orin-nano",
            8.0,
        ),
        ("jetson orin nano or a pi 5? the jetson orin nano4 GB is what I can get", "jetson-orin-nano", 4.0),
    ],
)
def test_a_chip_named_again_with_its_memory_keeps_that_memory(text: str, soc: str, unified_gb: float) -> None:
    hw = parse_hardware(text)
    assert hw.soc is not None
    assert (hw.soc.id, hw.unified_memory_gb) == (soc, unified_gb)
