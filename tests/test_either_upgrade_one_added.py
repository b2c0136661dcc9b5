"""Two upgrades weighed where one is more of the card owned ("a third 4090", "another A6000", "a second
4070"): that one is added to the cards owned; the other card replaces them, or is added where an adding
verb governs both ("add another 4090 or an rtx pro 6000") or where it has less memory than the cards
owned. The RAM told stays in every rig, and each option is sized."""

from __future__ import annotations

import pytest

from sizing import Catalog, Hardware, read_question


def _cards(hw: Hardware) -> dict[str, int]:
    return {g.name: g.count for g in hw.gpus}


def _count_of(hw: Hardware, part: str) -> int:
    return sum(g.count for g in hw.gpus if part in g.name)


@pytest.mark.parametrize(
    ("text", "card", "owned"),
    [
        ("i have got 2x 4090, would a third 4090 or an rtx pro 6000 help with qwen3 235b?", "4090", 2),
        ("i have a 4070 ti super. is another 4070 ti super or a 4090 worth it for gemma 3 27b?", "4070", 1),
        ("i have 3x a6000, should i buy a fourth a6000 or an h100 for deepseek v3?", "A6000", 3),
    ],
)
def test_more_of_the_card_owned_is_added_to_it(catalog: Catalog, text: str, card: str, owned: int) -> None:
    q = read_question(text, catalog.index)
    assert len(q.rigs) == 3
    assert _count_of(q.rigs[0], card) == owned
    assert any(_count_of(r, card) == owned + 1 for r in q.rigs[1:])


def test_an_adding_verb_before_the_choice_adds_the_other_card_too(catalog: Catalog) -> None:
    q = read_question(
        "i have one 4090, should i add another 4090 or an rtx 5090 for glm 4.5 air?", catalog.index
    )
    other = next(r for r in q.rigs[1:] if _count_of(r, "5090"))
    assert _count_of(other, "4090") == 1


def test_a_card_with_less_memory_than_those_owned_goes_beside_them(catalog: Catalog) -> None:
    q = read_question("i have 2x 3090, should i buy a third 3090 or a 5090 for qwen3 235b?", catalog.index)
    other = next(r for r in q.rigs[1:] if _count_of(r, "5090"))
    assert _count_of(other, "3090") == 2


def test_a_card_bought_with_a_verb_of_its_own_replaces_the_one_owned(catalog: Catalog) -> None:
    q = read_question(
        "i have a 4080 and 64gb ram, add a second 4080 or buy a 5090 for qwen3 32b?", catalog.index
    )
    other = next(r for r in q.rigs[1:] if _count_of(r, "5090"))
    assert _count_of(other, "4080") == 0


def test_an_upgrade_to_a_card_or_a_second_one_keeps_the_ram_told(catalog: Catalog) -> None:
    q = read_question(
        "i have a 4080 and 48gb ram, upgrade to a 5090 or a second 4080 for llama 3.3 70b?", catalog.index
    )
    assert len(q.rigs) == 3 and all(r.ram_gb == 48 for r in q.rigs)
    assert sorted(_count_of(r, "4080") for r in q.rigs) == [0, 1, 2]
