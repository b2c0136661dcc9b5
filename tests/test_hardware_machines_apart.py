"""Which computer a card is in: beside a laptop, a card said of a rig or desktop is that computer's
desktop card, not a laptop GPU ("4090 rig vs my M2 Max laptop"); a card right after "N nodes" is what
each node holds ("2 nodes H20 (8 x 96GB)", "2 nodes 8xH100")."""

from __future__ import annotations

import pytest

from sizing.hardware import parse_hardware
from tests.rig_reading import Gpus, gpus


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the card's nearest machine word is the rig: a desktop card
        ("my 3090 rig vs my M3 Pro laptop", [("rtx-3090", 1, 24.0)]),
        ("Laptop: RTX 4070. Tower: RTX 4080", [("rtx-4070-laptop", 1, 8.0), ("rtx-4080", 1, 16.0)]),
        # the laptop's own card, and a machine word that is the laptop's name
        ("my gaming rig is a laptop with a 4070", [("rtx-4070-laptop", 1, 8.0)]),
        ("laptop PC with an RTX 4060", [("rtx-4060-laptop", 1, 8.0)]),
        ("notebook, RTX 4080, 32GB", [("rtx-4080-laptop", 1, 12.0)]),
    ],
)
def test_a_card_of_another_computer_beside_a_laptop(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("we run 2 nodes H200 (8 x 141GB VRAM)", [("h200", 16, 141.0)]),
        ("3 nodes 8xA100 for training", [("a100-sxm", 24, 80.0)]),
        ("2 nodes: 4x L40S", [("l40s", 8, 48.0)]),
        # a total said as such stays the total; nodes with nothing after them multiply nothing
        ("2 nodes with 16 H100 total", [("h100-sxm", 16, 80.0)]),
        ("we have 2 nodes. Is one H100 enough?", [("h100-sxm", 1, 80.0)]),
    ],
)
def test_a_card_right_after_the_nodes(text: str, want: Gpus) -> None:
    assert gpus(parse_hardware(text)) == want


@pytest.mark.parametrize(
    ("text", "want", "ram"),
    [
        # a second computer named: its cards and memory are not the rig's
        ("I have a 4080 and 64GB. My other PC has a 3060 and 32GB RAM", [("rtx-4080", 1, 16.0)], 64.0),
        (
            "24 GB VRAM (3090) + 64 GB system RAM, another machine has 12 GB VRAM (3060) + 16 GB RAM",
            [("rtx-3090", 1, 24.0)],
            64.0,
        ),
        # "the other card" is a second card of the same rig
        (
            "the first card is a 3090, the other card is a 3060",
            [("rtx-3060", 1, 12.0), ("rtx-3090", 1, 24.0)],
            None,
        ),
        # the second computer alone is the one read
        ("second rig: 2x 3090 with 128GB", [("rtx-3090", 2, 24.0)], 128.0),
    ],
)
def test_another_computers_parts(text: str, want: Gpus, ram: float | None) -> None:
    hw = parse_hardware(text)
    assert (gpus(hw), hw.ram_gb) == (want, ram)
