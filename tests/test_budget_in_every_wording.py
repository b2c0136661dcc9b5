"""A budget is read in the common ways a buyer says it ("with $1500 what gpu should I buy", "which card
can I get for 1200 dollars", "looking to spend about $900"), while a price said for one card ("a used
3090 for $650", "$700 each") stays no budget; with several models and a budget, one rig that runs them
all within it is said first."""

from __future__ import annotations

import pytest

from bot.answers import RequirementsAnswer, answer_text
from sizing import Catalog, read_question

BUDGETS = [
    ("with $1800 what gpu should I buy to run gemma 3 27b?", 1800.0),
    ("with $1800, which card should I get for mistral small", 1800.0),
    ("what graphics card should I buy with $1200 for llama 3.1 8b", 1200.0),
    ("which gpu can I get for $2200 to run qwen3 32b", 2200.0),
    ("what's the best card for $900 to run qwen3 14b", 900.0),
    ("what can we buy for 2500 dollars to run llama 3.3 70b", 2500.0),
    ("1200 usd, what gpu for qwen3 14b?", 1200.0),
    ("for $3000 what rig would you recommend for glm 4.5 air", 3000.0),
    ("I'm looking to spend about $900 on a gpu for qwen3 14b", 900.0),
]


@pytest.mark.parametrize(("text", "usd"), BUDGETS, ids=[t for t, _ in BUDGETS])
def test_a_budget_is_read_in_each_common_wording(catalog: Catalog, text: str, usd: float) -> None:
    assert read_question(text, catalog.index).max_usd == usd


@pytest.mark.parametrize(
    "text",
    [
        "is a used 3090 for $650 enough for qwen3 32b?",
        "i bought a 4090 for $1600, can it run llama 3.3 70b?",
        "a 5090 at $2100 or two 3090s at $650 each for qwen3 32b?",
        "what gpu should I buy, a 3090 for $650 or a 4080 for $900, for gemma 3 27b",
    ],
)
def test_a_price_said_for_a_card_is_no_budget(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).max_usd is None


def test_one_rig_within_the_budget_that_runs_both_models_leads(catalog: Catalog) -> None:
    a = answer_text("with $1600 what gpu should I buy to run gpt-oss 20b and qwen3 30b a3b?", catalog)
    assert isinstance(a, RequirementsAnswer)
    assert a.verdict.startswith("One rig runs both: ")
    lead = a.verdict.split(". ")[0]
    usd = float(lead.split("(about $")[1].split(")")[0].replace(",", ""))
    assert usd <= 1600.0
    assert "gpt-oss-20b ~" in lead and "Qwen3 30B A3B ~" in lead
    top = [o for o in a.rigs if not o.over_budget]
    assert top and all(o.price_usd is not None and o.price_usd <= 1600.0 for o in top)
