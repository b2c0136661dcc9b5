"""An upgrade question that names the card owned and two candidates to replace it keeps all three: the
owned rig is the baseline, each candidate is weighed against it, and neither candidate is dropped."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "owned", "candidates"),
    [
        (
            "i have a 3060 12gb, upgrade to a 5060 ti 16gb or a used 3090 for qwen3 32b?",
            "3060",
            ("5060", "3090"),
        ),
        (
            "my 2070 is slow. should i get a 4070 ti super or a 3090 for gemma 3 27b?",
            "2070",
            ("4070", "3090"),
        ),
        (
            "currently on a 3060, thinking of a 4060 ti 16gb or a 3090 for mistral small 24b",
            "3060",
            ("4060", "3090"),
        ),
    ],
)
def test_the_owned_card_and_both_candidates_are_read(
    catalog: Catalog, text: str, owned: str, candidates: tuple[str, str]
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    names = [r.gpus[0].name for r in q.rigs]
    assert len(names) == 3
    assert owned in names[0]
    assert candidates[0] in names[1] and candidates[1] in names[2]


def test_both_candidates_are_weighed_against_the_card_owned(catalog: Catalog) -> None:
    a = answer_text("i have a 3060 12gb, upgrade to a 5060 ti 16gb or a used 3090 for qwen3 32b?", catalog)
    assert "now ~" in a.verdict
    assert "5060 Ti" in a.verdict and "3090" in a.verdict
    assert "The better buy" in a.verdict or "About the same" in a.verdict


def test_a_replacement_costs_the_whole_new_card(catalog: Catalog) -> None:
    a = answer_text("i have a 3060 12gb, upgrade to a 5060 ti 16gb or a used 3090 for qwen3 32b?", catalog)
    weighed = a.verdict.split(" Why: ")[0]  # the reasons after it give a price per GB
    dollars = [int(p.split(";")[0].split(".")[0].replace(",", "")) for p in weighed.split("about $")[1:]]
    assert len(dollars) == 2
    assert all(d >= 300 for d in dollars)  # a card's price, not the difference to the card owned


def test_without_a_card_owned_the_two_candidates_are_a_plain_choice(catalog: Catalog) -> None:
    q = read_question("5060 ti 16gb or a used 3090 for qwen3 32b?", catalog.index)
    assert len(q.rigs) == 2 and q.change is None


def test_more_of_the_card_owned_is_an_addition(catalog: Catalog) -> None:
    q = read_question("i have a 3090. should i get a 4090 or two 3090s for llama 3.3 70b?", catalog.index)
    assert q.change is not None and q.change.startswith("replacing")
    assert q.instead is not None and q.instead.startswith("adding 1x")
