"""The rig is what the user has now: a machine they had, a card they replaced, memory replaced since,
and a device their rig is measured against are no part of it. Sentences are written for these tests in
the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware


@pytest.mark.parametrize(
    ("text", "gpus", "ram"),
    [
        (
            "Got a 4060 Ti 16gb and 32gb ram now. I had a 2070 with 16gb ram before that and it was fine",
            [("rtx-4060-ti", 1)],
            32,
        ),
        (
            "My laptop has a 3050 4GB and 16GB RAM. We had a 1660 Super with 64GB RAM at the office",
            [("rtx-3050-laptop", 1)],
            16,
        ),
        # with nothing else stated, the machine one had is the rig asked about
        ("I had a 3070 with 32gb ram, would it have run this?", [("rtx-3070", 1)], 32),
        # "had" that is no ownership
        ("I had to use my 3090 and 64gb ram for this", [("rtx-3090", 1)], 64),
        ("I had a crash on my 3080 with 32gb ram", [("rtx-3080", 1)], 32),
    ],
)
def test_a_machine_the_user_had_is_not_the_rig(text: str, gpus: list[tuple[str, int]], ram: float) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count) for g in hw.gpus] == gpus
    assert hw.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("replaced my 3080 with a 4090 last month", [("rtx-4090", 1)]),
        ("I swapped the 3060 for a used 3090", [("rtx-3090", 1)]),
        ("traded my 6800 XT for a 7900 XTX", [("rx-7900-xtx", 1)]),
        # a part replaced is the RAM, not a card: the cards stay
        ("replaced the RAM in my 3090 box", [("rtx-3090", 1)]),
    ],
)
def test_a_card_replaced_with_another_is_gone(text: str, gpus: list[tuple[str, int]]) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count) for g in hw.gpus] == gpus


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("Specs: 16 gigs RAM, i5. Replaced the ram, now 64 gigs.", 64),
        ("32GB RAM at first, swapped the sticks, now 96GB", 96),
        ("16gb ram, upgraded to 48gb", 48),
        # "now" with no move before it keeps the memory stated first
        ("16gb ram. now 32 layers offload", 16),
    ],
)
def test_memory_replaced_since_is_the_memory_now(text: str, ram: float) -> None:
    assert parse_hardware(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "gpus", "soc"),
    [
        (
            "my 4070 laptop runs it fine, though it's not on par with an M3 Max",
            [("rtx-4070-laptop", 1)],
            None,
        ),
        ("Runs on my 3060. As a comparison, my M2 MacBook Air is twice as slow", [("rtx-3060", 1)], None),
        (
            "Ryzen AI 9 HX 370 with 64GB, nowhere near on par with a Strix Halo box",
            [("radeon-890m", 1)],
            None,
        ),
        ("For comparison: a 4090 gets 50 t/s. My 7800 XT gets 25", [("rx-7800-xt", 1)], None),
        ("M4 Pro 48GB, relative to a 5090 it is slow", [], "m4-pro"),
        # equals weighed side by side stay
        ("is a 3090 on par with a 4080 for llama?", [("rtx-3090", 1)], None),
    ],
)
def test_a_device_compared_with_is_not_the_rig(
    text: str, gpus: list[tuple[str, int]], soc: str | None
) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count) for g in hw.gpus] == gpus
    assert (hw.soc.id if hw.soc else None) == soc
