"""Cards named for a comparison or a generation ("same generation as 3090/3080") are not the rig."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware


@pytest.mark.parametrize(
    ("text", "owned"),
    [
        ("GPU: NVIDIA L40S, 48GB (same generation as 4090/4080)", ["l40s"]),
        ("cloud box with an A10G (same architecture as the 3090)", ["a10g"]),
        ("my 3060 is similar to a 2080 or 2080 Ti", ["rtx-3060"]),
        ("an RTX A4000, same generation as 3070, 3060", ["rtx-a4000"]),
    ],
)
def test_cards_that_name_a_generation_or_a_likeness_are_left_out(text: str, owned: list[str]) -> None:
    assert [g.id for g in parse_hardware(text).gpus] == owned


@pytest.mark.parametrize(
    ("text", "owned"),
    [
        ("I have a 3090/3080 pair", ["rtx-3090", "rtx-3080"]),
        ("running on a 4090 and a 3090", ["rtx-4090", "rtx-3090"]),
    ],
)
def test_cards_listed_with_no_comparison_stay_in_the_rig(text: str, owned: list[str]) -> None:
    assert [g.id for g in parse_hardware(text).gpus] == owned
