"""A card named bare, then asked about again with its memory ("how could I run it on an RTX 4060 Ti
16GB?"), is one card with that memory; a card of the same name weighed as another is not."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware


@pytest.mark.parametrize(
    ("text", "gpu_id", "vram"),
    [
        ("Crash on RTX 4060 Ti\nHi. How could I run a 13B on an RTX 4060 Ti 16GB?", "rtx-4060-ti", 16.0),
        ("OOM with RTX 3080\nwould it fit on an RTX 3080 12GB at all?", "rtx-3080", 12.0),
        ("slow on my 3060\ncan I load it on a 3060 8GB with offload?", "rtx-3060", 8.0),
    ],
)
def test_the_card_asked_about_with_its_memory_is_the_card_named_before(
    text: str, gpu_id: str, vram: float
) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count, g.vram_gb) for g in hw.gpus] == [(gpu_id, 1, vram)]


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        ("I have a 4060 Ti, would a 4060 Ti 16GB be better?", 8.0),
        ("I own a 4060 Ti; should I buy a 4060 Ti 16GB instead?", 8.0),
    ],
)
def test_a_card_of_the_same_name_weighed_beside_it_leaves_the_rig_as_named(text: str, vram: float) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.vram_gb) for g in hw.gpus] == [("rtx-4060-ti", vram)]
