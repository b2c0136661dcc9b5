"""Cards named by their line's short name, and a card referred back to: "GT 730" without "GeForce",
"the same card + 64GB" after the card was named. Sentences are written for these tests in the
patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import default_catalog, parse_hardware, read_question


@pytest.mark.parametrize(
    ("text", "name", "ram"),
    [
        ("GPU: GT 730, RAM: 16 GB DDR4", "NVIDIA GeForce GT 730", 16.0),
        ("gt 710 and 8gb ram", "NVIDIA GeForce GT 710", 8.0),
    ],
)
def test_a_gt_card_the_device_data_lacks_is_read_from_the_long_tail(text: str, name: str, ram: float) -> None:
    h = parse_hardware(text)
    assert ([g.name for g in h.gpus], h.ram_gb) == ([name], ram)


def test_gt_as_a_comparison_word_names_no_card() -> None:
    assert [g.id for g in parse_hardware("prompt speed gt 100 on my 3090").gpus] == ["rtx-3090"]


@pytest.mark.parametrize(
    "text",
    [
        "It OOMs on my 4070 Super. What about the same card + 64gb?",
        "my 4070 super runs it. would that card + 64gb do the 35b?",
    ],
)
def test_ram_added_to_a_card_named_before_is_the_rigs_ram(text: str) -> None:
    h = parse_hardware(text)
    assert ([g.id for g in h.gpus], h.ram_gb) == (["rtx-4070-super"], 64.0)


def test_a_card_referred_back_to_with_no_card_named_gives_no_ram() -> None:
    assert parse_hardware("what about the same card + 64gb?").ram_gb is None


@pytest.mark.parametrize(
    ("text", "model"),
    [("ds v3 on 8x mi100", "deepseek-v3"), ("can DS-R1 run on 8 H20s", "deepseek-r1")],
)
def test_ds_is_short_for_deepseek(text: str, model: str) -> None:
    q = read_question(text, default_catalog().index)
    assert [m.model.id for m in q.models] == [model]
