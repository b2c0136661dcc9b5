"""A price cap in a question ("under $2000", "2k budget", "预算两万块") is the most the asker will spend
on a rig, in US dollars: another currency is converted at dated reference rates, and the answer says
so; figures that are no prices (memory, speed, a card's model number) are not read as one."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "max_usd"),
    [
        ("what should I buy under $2000 to run gpt-oss-120b", 2000.0),
        ("best gpu under 1.5k usd for llama 3.3 70b", 1500.0),
        ("my budget is $3k, what do I need for qwen3 235b?", 3000.0),
        ("$2,500 budget for deepseek r1 distill 70b, which cards?", 2500.0),
        ("cheapest hardware for qwen3 32b, max 1200 dollars", 1200.0),
        ("2k budget, what gpu for gemma 3 27b", 2000.0),
        ("hardware for qwen3 30b a3b, budget of 1.5k", 1500.0),
        ("跑qwen3 32b需要什么显卡，预算2000美元", 2000.0),
        ("which gpu for llama 3 8b up to 800 bucks", 800.0),
        # words between "budget" and its amount
        ("the budget approved is roughly 4k usd, what runs qwen3 32b for our office?", 4000.0),
        ("budget we have is around $2500 for gemma 3 27b hardware", 2500.0),
        ("what cards for glm 4.5 air? budget for hardware: up to 6000 dollars", 6000.0),
        ("budget allocated is 3k, which gpus for llama 3.3 70b", 3000.0),
    ],
)
def test_a_price_cap_is_read_in_dollars(catalog: Catalog, text: str, max_usd: float) -> None:
    assert read_question(text, catalog.index).max_usd == max_usd


@pytest.mark.parametrize(
    "text",
    [
        "can I run qwen3 32b under 24GB of vram",  # memory
        "llama 3.3 70b on 2x 3090, is it under 10 tok/s?",  # speed
        "is a 3060 budget build enough for qwen3 8b",  # a card's model number
        "买两块3090还是一块4090跑qwen3 32b",  # two cards ("两块"), no money
        "what gpu for qwen3 8b under $5",  # no rig costs that
        "what do I need for qwen3 8b",  # no budget at all
    ],
)
def test_figures_that_are_no_price_cap_are_not_read_as_one(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).max_usd is None


# (question, the amount and currency said, US dollars at the ECB's rates of 28 February 2025)
OTHER_CURRENCIES = [
    ("预算两万块人民币，想跑qwen3 32b，买什么显卡？", "¥20,000 (CNY)", 2748),
    ("预算1.5万以内，跑70b的模型买什么卡", "¥15,000 (CNY)", 2061),
    ("预算一万五，qwen3 32b买什么显卡", "¥15,000 (CNY)", 2061),
    ("预算8000元能跑qwen3 8b吗", "¥8,000 (CNY)", 1099),
    ("hardware for qwen3 32b, budget of 15k rmb", "¥15,000 (CNY)", 2061),
    ("what hardware for mistral small for less than €1500", "€1,500 (EUR)", 1562),
    ("£1200 budget, which gpu for gemma 3 27b", "£1,200 (GBP)", 1512),
    ("qwen3 32bを動かしたい、予算は20万円以内", "¥200,000 (JPY)", 1327),
]


@pytest.mark.parametrize(("text", "said", "usd"), OTHER_CURRENCIES, ids=[t for t, _, _ in OTHER_CURRENCIES])
def test_a_budget_in_another_currency_is_converted_and_said(
    catalog: Catalog, text: str, said: str, usd: int
) -> None:
    q = read_question(text, catalog.index)
    assert q.max_usd is not None and round(q.max_usd) == usd
    assert q.budget_said is not None and q.budget_said.startswith(said)
    assert "28 February 2025" in q.budget_said


def test_a_budget_in_dollars_is_not_restated(catalog: Catalog) -> None:
    assert (
        read_question("what should I buy under $2000 to run gpt-oss-120b", catalog.index).budget_said is None
    )
