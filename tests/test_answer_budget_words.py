"""A budget asked is kept to in the words: a rig compared that costs more than the budget is said to be
over it, with the rig within it; a rig whose price leaves out its server CPU and board says so next to
the price, so "within $10,000" is not read as the whole machine."""

from __future__ import annotations

from bot.answers import answer_text
from sizing import Catalog


def test_a_compared_rig_over_the_budget_is_said_to_be_over_it(catalog: Catalog) -> None:
    a = answer_text("is the 5060 ti 16gb or a used 3090 better for llm under $700?", catalog)
    assert "RTX 3090 (about $800) is over the $700 asked" in a.verdict
    # the budget is a limit: the rig within it wins, however much better the one over it runs
    assert a.verdict.startswith("NVIDIA GeForce RTX 5060 Ti 16 GB wins")


def test_rigs_within_the_budget_get_no_budget_words(catalog: Catalog) -> None:
    a = answer_text("is the 5060 ti 16gb or a used 3090 better for llm under $3000?", catalog)
    assert "over the" not in a.verdict


def test_a_price_without_the_server_cpu_says_what_it_leaves_out(catalog: Catalog) -> None:
    a = answer_text("what should i buy for kimi k2 at 10 tok/s, budget 10k", catalog)
    assert "for the GPU and RAM (the EPYC 9654 and its board are not priced and come on top" in a.verdict
    assert "at least ~$800 more" in a.verdict
