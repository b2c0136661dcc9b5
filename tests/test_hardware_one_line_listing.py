"""A device listing flattened onto one line (a terminal copy that lost its line breaks, a chat box that
joined them): the GPU indexes 0, 1, 2 ... before each card number the cards; the last index is no count.

The rows are written for these tests in the shape nvidia-smi and rocm-smi print their tables.
"""

from __future__ import annotations

import pytest

from sizing import Catalog, parse_hardware, read_question
from tests.rig_reading import Gpus, gpus

SMI_ROW = "{i} NVIDIA GeForce RTX 3090 Off | 00000000:0{i}:00.0 Off | 30C P8 20W / 350W | 5MiB / 24576MiB |"


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        # three identical cards, their table rows joined by spaces
        (" ".join(SMI_ROW.format(i=i) for i in range(3)), [("rtx-3090", 3, 24.0)]),
        # the clock line nvidia-smi prints first, then two short rows
        (
            "Mon Dec 7 09:15:02 2026 | 0 NVIDIA GeForce RTX 4090 Off | 24564MiB | "
            "1 NVIDIA GeForce RTX 4090 Off | 24564MiB |",
            [("rtx-4090", 2, 24.0)],
        ),
        # four rows, the index glued to the bar
        (
            " ".join(f"|{i} NVIDIA GeForce RTX 3090 | 24576MiB" for i in range(4)),
            [("rtx-3090", 4, 24.0)],
        ),
        # mixed cards: each index names one card of its own kind
        (
            "0 NVIDIA GeForce RTX 3090 Off | 24576MiB | 1 NVIDIA GeForce RTX 3060 Off | 12288MiB | "
            "2 NVIDIA GeForce RTX 3090 Off | 24576MiB",
            [("rtx-3060", 1, 12.0), ("rtx-3090", 2, 24.0)],
        ),
    ],
)
def test_indexes_from_zero_on_one_line_number_the_cards(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


@pytest.mark.parametrize(
    ("text", "expected_gpus"),
    [
        # counts that do not start at zero stay counts
        ("1 3090 and 2 3060", [("rtx-3060", 2, 12.0), ("rtx-3090", 1, 24.0)]),
        ("2 RTX 3090 and 3 RTX 4090", [("rtx-3090", 2, 24.0), ("rtx-4090", 3, 24.0)]),
    ],
)
def test_numbers_that_do_not_run_from_zero_are_still_counts(text: str, expected_gpus: Gpus) -> None:
    assert gpus(parse_hardware(text)) == expected_gpus


def test_a_question_after_a_flattened_listing_is_sized_for_every_card(catalog: Catalog) -> None:
    listing = " ".join(SMI_ROW.format(i=i) for i in range(3))
    q = read_question(listing + " can i run qwen3-235b-a22b in vram?", catalog.index)
    assert q.hardware is not None
    assert sum(g.count for g in q.hardware.gpus) == 3
