"""Cards known only by their sizes, each said apart ("one 16 GB GPU, one 12 GB GPU", "GPU 0 is 24gb and
GPU 1 12gb"), are a card of each size; a total, a multiplied size or one size said again stays one group;
"8 GPU device" after the only card named counts it; "my 3090's" is one card's own, not a plural.
Sentences are written for these tests in the patterns of public posts.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The box has two GPUs:\n- one 24 GB GPU\n- one 8 GB GPU", [(None, 1, 24.0), (None, 1, 8.0)]),
        ("GPU 0 is 24gb? and GPU 1 12gb?", [(None, 1, 24.0), (None, 1, 12.0)]),
        (
            "two cards with different VRAM:\n- one 16 GB GPU\n- one 6 GB GPU\n- 22 GB total VRAM",
            [(None, 1, 16.0), (None, 1, 6.0)],
        ),
        ("one GPU with 11GB VRAM, another with 8GB VRAM", [(None, 1, 11.0), (None, 1, 8.0)]),
    ],
)
def test_sizes_said_card_by_card_are_a_card_each(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3x 24GB GPUs, 72GB VRAM total", [(None, 3, 24.0)]),
        ("24GB VRAM, 24GB VRAM on the card", [(None, 1, 24.0)]),  # one size said twice
        ("12GB VRAM and 32GB RAM", [(None, 1, 12.0)]),
    ],
)
def test_a_total_a_multiplied_size_or_a_size_said_again_stays_one_group(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My GPU is GeForce RTX 4090, 4 GPU device, driver 550.54", [("rtx-4090", 4, 24.0)]),
        ("Tesla V100 32GB, 8 GPU devices in the node", [("tesla-v100", 8, 32.0)]),
        ("1 GPU device: RTX A6000", [("rtx-a6000", 1, 48.0)]),
    ],
)
def test_a_count_of_gpu_devices_said_after_the_only_card_is_its_count(text: str, expected: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I set up my RTX 3090 last year. My 3090's huge 24GB pool is why I keep it",
            [("rtx-3090", 1, 24.0)],
        ),
        ("my 4090's cooler is loud", [("rtx-4090", 1, 24.0)]),
        ("two 3090's on one board", [("rtx-3090", 2, 24.0)]),  # a plural with an apostrophe
        ("my 3090's are both hot", [("rtx-3090", 2, 24.0)]),  # a plural verb after it
    ],
)
def test_my_cards_apostrophe_s_is_one_cards_own_unless_a_plural_verb_follows(
    text: str, expected: Gpus
) -> None:
    assert gpus(parse_hardware(text)) == expected
