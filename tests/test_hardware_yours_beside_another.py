"""A card said to be the reader's ("your GPU is an A6000", "your card is a 3060"), in a text that names
another card that is not, belongs to the one written to; the writer's is the other. A reply that names
only the reader's card keeps it as the rig talked about. Sentences are written for these tests in the
patterns of public issue threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("We tested on H100 80G. Your GPU is an A6000, so lower the batch size.", [("h100-sxm", 1, 80.0)]),
        ("I run a 4080 here; your card is a 3060 12GB, right?", [("rtx-4080", 1, 16.0)]),
        ("My 3090 and your 4090 both have 24GB", [("rtx-3090", 1, 24.0)]),
        ("your 3070 and 3080 are older than my 4070", [("rtx-4070", 1, 12.0)]),
    ],
)
def test_the_readers_card_beside_the_writers_is_set_aside(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("your 3090 should handle the 32B at Q4", [("rtx-3090", 1, 24.0)]),
        ("your 3090 and 4090 together hold 48GB", [("rtx-3090", 1, 24.0), ("rtx-4090", 1, 24.0)]),
    ],
)
def test_only_the_readers_cards_named_stay(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want
