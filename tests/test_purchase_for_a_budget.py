"""What to buy for a budget with no model named: the kind is read, the pick stays within the budget,
the task and the speed floor change the pick, and a question naming a model or no budget keeps its
own path."""

from __future__ import annotations

import json

import pytest

from bot.answers import PurchaseAnswer, answer_from_json, answer_text, cache_key_parts
from bot.render.discord import answer_embed
from bot.render.html import answer_html
from bot.render.reddit import render_reddit
from bot.render.terminal import render_answer
from sizing import Catalog, read_question

# (question, task read, budget read in US dollars, speed floor read, the biggest asked)
READ = [
    ("which graphics card under $1200 is best for coding assistants?", "code", 1200.0, None, False),
    ("what rig should I get for roleplay, budget 900 bucks", "roleplay", 900.0, None, False),
    ("what gpu should I buy under $2000 for reasoning", "reasoning", 2000.0, None, False),
    ("€1,800 budget, what hardware is best for local models?", None, 1873.98, None, False),
    ("£1,500 budget, biggest model at 12 tok/s?", None, None, 12.0, True),
    ("best gpu under $2k for chat at 30 tok/s", "chat", 2000.0, 30.0, False),
    # money of one's own: "I have ...", "... to spend"
    ("I have $1200 for code completion in my editor, what should I buy?", "code", 1200.0, None, False),
    ("I've got 2000 dollars, which rig for roleplay?", "roleplay", 2000.0, None, False),
    ("€1.5k to spend, what hardware is best for local models?", None, 1561.65, None, False),
]


@pytest.mark.parametrize(
    "text", ["I have 24gb vram and $300 to spend on ram", "I have a 3090 and $400 to spend on more memory"]
)
def test_money_for_more_ram_is_no_rig_budget(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.max_usd is None and q.kind != "purchase"


@pytest.mark.parametrize(("text", "task", "usd", "tps", "biggest"), READ)
def test_a_budget_with_no_model_and_no_rig_asks_what_to_buy(
    catalog: Catalog, text: str, task: str | None, usd: float | None, tps: float | None, biggest: bool
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "purchase"
    assert not q.missing and q.hardware is None and not q.models
    assert q.task == task and q.min_tps == tps and q.biggest is biggest
    assert q.max_usd is not None
    if usd is not None:
        assert q.max_usd == pytest.approx(usd, abs=1)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a model named keeps the requirements path: the rigs for that model, cheapest first
        ("what should I buy to run a 70b model, budget $3000", "requirements"),
        ("need hardware for qwen3 32b, max 1500 dollars", "requirements"),
        # no budget: hardware is still picked for a model, so the model is asked for
        ("which gpu should i buy for local llms", "clarify"),
        # a rig owned with a budget is an upgrade or a best list, never a purchase from nothing
        ("best model for my rtx 3090 for coding, I spent $800 on it", "best"),
    ],
)
def test_a_model_named_or_no_budget_keeps_its_own_path(catalog: Catalog, text: str, kind: str) -> None:
    assert answer_text(text, catalog).kind == kind


BUDGETS = [
    "what should I buy for coding under $700",
    "best gpu under $1200 for coding assistants",
    "what rig should I get for roleplay, budget 900 bucks",
    "what gpu should I buy under $2000 for reasoning",
    "€1,800 budget, what hardware is best for local models?",
]


@pytest.mark.parametrize("text", BUDGETS)
def test_the_pick_and_the_runner_up_are_within_the_budget(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert isinstance(a, PurchaseAnswer) and a.winner == 0
    budget = a.wishes.max_usd
    assert budget is not None
    picked = [a.comparisons[i] for i in (a.winner, a.runner_up) if i is not None]
    assert all(c.price_usd is not None and c.price_usd <= budget and not c.over_budget for c in picked)
    # the rigs over it come last, each marked and at most a quarter over
    flags = [c.over_budget for c in a.comparisons]
    assert flags == sorted(flags)
    assert all(
        c.price_usd is not None and budget < c.price_usd <= budget * 1.25
        for c in a.comparisons
        if c.over_budget
    )
    # the headline names the pick, its model and its price
    pick = a.comparisons[0]
    assert pick.model.name in a.verdict and f"~${pick.price_usd:,.0f}" in a.verdict


def _pick(catalog: Catalog, text: str) -> tuple[str, str]:
    a = answer_text(text, catalog)
    assert isinstance(a, PurchaseAnswer) and a.winner is not None
    c = a.comparisons[a.winner]
    return c.model.id, c.hardware.gpus[0].label if c.hardware.gpus else ""


def test_a_task_changes_the_pick(catalog: Catalog) -> None:
    coding = _pick(catalog, "best gpu under $1500 for coding")
    roleplay = _pick(catalog, "best gpu under $1500 for roleplay")
    assert coding != roleplay
    model = {m.id: m for m in catalog.models}[coding[0]]
    assert "code" in model.tasks


def test_a_speed_floor_changes_the_pick(catalog: Catalog) -> None:
    usable = answer_text("which graphics card under $1200 is best for coding assistants?", catalog)
    fast = answer_text("which graphics card under $1200 is best for coding assistants at 60 tok/s?", catalog)
    assert isinstance(usable, PurchaseAnswer) and isinstance(fast, PurchaseAnswer)
    assert usable.comparisons[0].model.id != fast.comparisons[0].model.id
    assert all(c.estimate is not None and c.estimate.speed.decode_tps >= 60 for c in fast.comparisons)


def test_the_biggest_asked_puts_size_first(catalog: Catalog) -> None:
    best = answer_text("£1,500 budget, what hardware is best for local models?", catalog)
    biggest = answer_text("£1,500 budget, biggest model at 12 tok/s?", catalog)
    assert isinstance(best, PurchaseAnswer) and isinstance(biggest, PurchaseAnswer)
    size = {m.id: m.params_b for m in catalog.models}
    assert size[biggest.comparisons[0].model.id] > size[best.comparisons[0].model.id]
    assert "the biggest model" in biggest.verdict


def test_the_task_the_floor_and_the_biggest_are_in_the_cache_key(catalog: Catalog) -> None:
    texts = [
        "best gpu under $1500 for coding",
        "best gpu under $1500 for roleplay",
        "best gpu under $1500 for coding at 40 tok/s",
        "best gpu under $1600 for coding",
        "£1,500 budget, biggest model at 12 tok/s?",
        "£1,500 budget, best model at 12 tok/s?",
    ]
    keys = {cache_key_parts(read_question(t, catalog.index)) for t in texts}
    assert len(keys) == len(texts)


def test_the_answer_reads_back_and_renders_everywhere(catalog: Catalog) -> None:
    a = answer_text("what rig should I get for roleplay, budget 900 bucks", catalog)
    assert isinstance(a, PurchaseAnswer)
    back = answer_from_json(a.model_dump_json())
    assert isinstance(back, PurchaseAnswer) and back == a
    assert a.assumptions and any("used or new" in x for x in a.assumptions)
    embed = answer_embed(a)
    assert embed["title"] == "What to buy"
    assert len(json.dumps(embed)) < 6000 and all(len(f["value"]) <= 1024 for f in embed["fields"])
    md = render_reddit(a)
    assert "| Rig |" in md and "Qwen" in md
    assert render_answer(a) is not None
    page = str(answer_html(a))
    assert 'data-kind="purchase"' in page and a.comparisons[0].model.name in page


def test_nothing_within_a_tiny_budget_says_so(catalog: Catalog) -> None:
    a = answer_text("what should I buy for local llms under $150", catalog)
    assert isinstance(a, PurchaseAnswer) and a.winner is None
    assert a.verdict.startswith("Nothing canirun prices at $150 or less")


@pytest.mark.parametrize("text", BUDGETS)
def test_a_rig_of_more_cards_than_a_desktop_board_takes_says_what_else_it_needs(
    catalog: Catalog, text: str
) -> None:
    a = answer_text(text, catalog)
    assert isinstance(a, PurchaseAnswer)
    # the pick, the runner-up and the first rig over the budget: the ones the headline names
    over = [c for c in a.comparisons if c.over_budget][:1]
    shown = [a.comparisons[i] for i in (a.winner, a.runner_up) if i is not None] + over
    for c in shown:
        cards = sum(g.count for g in c.hardware.gpus)
        said = [s for s in a.assumptions if f": {cards} cards need a board with {cards} PCIe slots" in s]
        assert bool(said) == (cards > 2), (c.hardware.gpus, a.assumptions)


@pytest.mark.parametrize("text", BUDGETS)
def test_no_rig_is_proposed_for_a_model_it_holds_only_inside_the_engines_margin(
    catalog: Catalog, text: str
) -> None:
    a = answer_text(text, catalog)
    assert isinstance(a, PurchaseAnswer)
    assert all(c.estimate is not None and not c.estimate.placement.tight for c in a.comparisons)
