"""Cards asked about in turn ("what about", "if not", "instead", "3070|3080", a list of options with
prices) are rigs to compare, never one rig with every card; a card corrected ("not the 3080, I
meant my 4060 Ti") is replaced by the one meant."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


def _cards(hw: object) -> list[tuple[str, int]]:
    return [(g.name, g.count) for g in getattr(hw, "gpus", ())]


@pytest.mark.parametrize(
    ("text", "rigs"),
    [
        ("would a 3080 handle gemma 3 27b at q4? how about a 4080?", 2),
        ("first: does mistral small 24b fit a 4070 ti? second: if not, would a 7900 xtx?", 2),
        ("is a 4060 ti 16gb enough for qwen3 14b q8, or should I get a 4080 instead?", 2),
        ("a 3070|3080 for llama 3.1 8b at fp16", 2),
        ("I get 12 t/s with gemma 3 27b on my 4070, what would a 4090 do?", 2),
        # options listed with prices before the last one after "or"
        ("Shortlist: one 4080 ($1000), two 3060 12gb ($500), or an m4 max 64gb ($3200). For qwen3 32b.", 3),
    ],
)
def test_cards_asked_in_turn_are_compared_apart(catalog: Catalog, text: str, rigs: int) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert len(q.rigs) == rigs
    # each rig holds a single kind of card (none is the sum of the options)
    assert all(len(r.gpus) <= 1 for r in q.rigs)


@pytest.mark.parametrize(
    "text",
    [
        "Not the 3080, I meant my 4060 ti 16gb. will it run mistral small 24b?",
        "sorry, I meant my 4060 ti 16gb, not the 3080. will it run mistral small 24b?",
    ],
)
def test_a_corrected_card_replaces_the_earlier_one(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "estimate"
    assert q.hardware is not None
    names = [name for name, _ in _cards(q.hardware)]
    assert len(names) == 1 and names[0].startswith("NVIDIA GeForce RTX 4060 Ti")


@pytest.mark.parametrize(
    "text",
    [
        "what about context: can my 3090 do qwen3 32b at 32k?",  # "what about" with no other card
        "I have a 3090 and 4090, would gemma 3 27b or mistral small run faster?",  # models compared
    ],
)
def test_no_other_card_asked_is_no_compare_of_rigs(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert len(q.rigs) <= 1


def test_the_card_asked_of_next_goes_in_the_same_pc(catalog: Catalog) -> None:
    q = read_question("my 4070 with 96gb ddr5 runs qwen3 30b a3b slowly. what about a 4090?", catalog.index)
    assert q.kind == "compare" and len(q.rigs) == 2
    assert [r.ram_gb for r in q.rigs] == [96.0, 96.0]
