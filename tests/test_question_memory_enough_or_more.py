""" "Is N GB enough for X, or M GB?": the amount had and the other one weighed after "or" are both
sized, on a Mac as the memory of each machine (a Mac whose chip is unnamed sized as the slowest chip
sold with that memory); a PC's RAM beside the same card is in test_question_kinds (RAM_UPGRADES).
Sentences written for these tests in the patterns people use."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

MACS = [
    ("Is 64GB unified memory enough for gpt-oss-120b on a Mac, or go 96GB?", (64.0, 96.0)),
    ("on a mac, is 48gb enough for qwen3 32b or should i get 64gb?", (48.0, 64.0)),
    ("my next mac: is 36gb of unified memory enough for gemma 3 27b, or buy 48gb?", (36.0, 48.0)),
]


@pytest.mark.parametrize(("text", "sizes"), MACS, ids=[t for t, _ in MACS])
def test_a_mac_at_each_memory_weighed(catalog: Catalog, text: str, sizes: tuple[float, float]) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert tuple(hw.unified_memory_gb for hw in q.rigs) == sizes
    assert all(hw.soc is not None and not hw.gpus for hw in q.rigs)


@pytest.mark.parametrize(
    "text",
    [
        "is 24gb vram enough for gemma 3 27b or 32gb?",  # card memory, not a machine's
        "is 64gb ram enough for gpt-oss-120b on a 5090?",  # no other amount weighed
    ],
)
def test_no_memory_choice_without_two_amounts_of_a_machine(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert not (q.kind == "compare" and len({hw.ram_gb for hw in q.rigs}) == 2)
