"""Devices in a sentence that asks someone else to run or share on them ("Anyone care to run it on an Arc
B580 12 GB?", "Anyone with a 5090 willing to test?", "if anyone has numbers with the Strix Halo") are
that someone's, with the sentence's amounts; the writer's own said beside it stays, and "has anyone tried
it on a 4090?" (often the asker's card) keeps its card. Sentences are written for these tests in the
patterns of public issue threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    "text",
    [
        "Anyone care to run it on an Arc B580 12 GB?",
        "Anyone with a 5090 willing to test the new build?",
        "Would love to know if anyone has numbers with the Ryzen AI Max+ 395 yet.",
        "Somebody with a 7900 XTX want to post a llama-bench run?",
    ],
)
def test_devices_someone_else_is_asked_to_run_are_no_rig(text: str) -> None:
    hw = parse_hardware(text)
    assert gpus(hw) == []
    assert hw.soc is None
    assert hw.unified_memory_gb is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("I have a 3080. Anyone with a 4090 want to compare?", [("rtx-3080", 1, 10.0)]),
        ("Has anyone tried this on a 4090?", [("rtx-4090", 1, 24.0)]),
        ("anyone with a 4090 like mine?", [("rtx-4090", 1, 24.0)]),
    ],
)
def test_the_writers_card_stays(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want
