"""A card the user no longer has is no part of the rig: one said to be someone else's now ("which is
now my kids'", "went to my son", "is my sister's now"), not theirs any more ("not mine anymore", "no
longer"), or the machine they come from ("coming from a PC with a 3080"); the cards they have stay."""

from __future__ import annotations

import pytest

from sizing import parse_hardware


@pytest.mark.parametrize(
    ("text", "gpus", "soc"),
    [
        (
            "Got an M3 Ultra 256GB last week. Coming from a desktop with a 4080 which is now my son's.",
            [],
            "m3-ultra",
        ),
        ("M4 Pro 48gb mini here, my old 3070 went to my nephew", [], "m4-pro"),
        ("I run a 5090 now; the 3060 is my sister's now", ["rtx-5090"], None),
        ("the 2080 ti is not mine anymore, I'm on a 4070 super", ["rtx-4070-super"], None),
        ("switched to an M2 Max 96gb, the 3090 is no longer in use", [], "m2-max"),
        ("coming from a 1080 ti, now on a 7900 xtx", ["rx-7900-xtx"], None),
    ],
)
def test_a_card_no_longer_the_users_is_left_out(text: str, gpus: list[str], soc: str | None) -> None:
    hw = parse_hardware(text)
    assert [g.id for g in hw.gpus] == gpus
    assert (hw.soc.id if hw.soc else None) == soc


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("my 4090 and 64gb ram, my kids play on it too", ["rtx-4090"]),
        ("a 3090 that I now use for llms", ["rtx-3090"]),
        ("I have a 3060 and my brother has nothing", ["rtx-3060"]),
    ],
)
def test_cards_still_had_stay(text: str, gpus: list[str]) -> None:
    assert [g.id for g in parse_hardware(text).gpus] == gpus
