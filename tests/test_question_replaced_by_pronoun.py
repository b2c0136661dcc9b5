"""A replacement said with a pronoun ("would replacing it with a 5090 help?", "swap them for a 5090")
replaces the card told before it: the upgrade weighed is a replacement, never an addition."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "change"),
    [
        (
            "my 4080 does 30 t/s on gemma 3 27b; would replacing it with a 5090 help?",
            "replacing 1x NVIDIA GeForce RTX 4080 with 1x NVIDIA GeForce RTX 5090",
        ),
        (
            "got a 3090 for qwen3 32b, thinking of swapping it for a 4090",
            "replacing 1x NVIDIA GeForce RTX 3090 with 1x NVIDIA GeForce RTX 4090",
        ),
        (
            "i run two 3060s with qwen3 14b, should i replace them with a 4090?",
            "replacing 2x NVIDIA GeForce RTX 3060 12 GB with 1x NVIDIA GeForce RTX 4090",
        ),
    ],
)
def test_a_pronoun_replaced_is_the_card_told_before(catalog: Catalog, text: str, change: str) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare" and q.change == change
