"""A card the asker's rig is measured against ("does it run the same as an A6000?", "compared to a
4090") is no part of the rig, even when the rig itself is only being weighed for purchase.
Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware


@pytest.mark.parametrize(
    ("text", "gpus", "soc"),
    [
        (
            "Thinking of buying a Mac Studio M2 Ultra 192GB. Would 70b q4 run the same as an A6000 (10 t/s)?",
            [],
            "m2-ultra",
        ),
        ("My 3090 gets 20 t/s on 13b. Is that the same as a 4090?", [("rtx-3090", 1)], None),
        ("Got 15 tok/s on my 7900 XTX, compared to a 4090 that seems slow", [("rx-7900-xtx", 1)], None),
    ],
)
def test_a_card_measured_against_is_not_the_rig(
    text: str, gpus: list[tuple[str | None, int]], soc: str | None
) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count) for g in hw.gpus] == gpus
    assert (hw.soc.id if hw.soc else None) == soc


def test_cards_weighed_as_equals_stay() -> None:
    hw = parse_hardware("is a 3090 as fast as a 4090 for llama?")
    assert sorted(g.id or "" for g in hw.gpus) == ["rtx-3090", "rtx-4090"]
