"""Question -> Answer for "purchase": what to buy for a budget and a task (or a speed floor, or "the
biggest model"), with no model named. The ranking is the sizing core's (sizing.shop); this words it:
the pick, the runner-up, a rig just over the budget that runs something better, and the assumptions
behind the prices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sizing import ESTIMATOR_VERSION, Catalog, Hardware, ModelRef, Question
from sizing.vocabulary import tps_text

from ._notice import info, wishes
from ._types import Comparison, PurchaseAnswer

if TYPE_CHECKING:
    from sizing import Purchase, Shopping

__all__ = ["answer_purchase"]

# what a task reads as in a sentence ("the best for coding")
_TASK_WORDS = {"code": "coding", "chat": "chat", "reasoning": "reasoning", "vision": "vision"}


def answer_purchase(q: Question, catalog: Catalog) -> PurchaseAnswer:
    """The rigs to buy within the budget asked, the pick first (see sizing.shop)."""
    from sizing import shop  # the ranking is imported by the questions that ask for it

    assert q.max_usd is not None
    found = shop(
        catalog.models, q.max_usd, task=q.task, min_tps=q.min_tps, biggest=q.biggest, users=q.users or 1
    )
    rows = [*found.within, *found.over]
    comparisons = [_comparison(p) for p in rows]
    winner = 0 if found.within else None
    runner_up = 1 if len(found.within) > 1 else None
    return PurchaseAnswer(
        question=info(q),
        comparisons=comparisons,
        winner=winner,
        runner_up=runner_up,
        options=[p.best.estimate.contract() for p in rows],
        verdict=_verdict(q, found),
        assumptions=_assumptions(q, found),
        wishes=wishes(q),
        catalog_version=catalog.version,
        estimator_version=ESTIMATOR_VERSION,
    )


def rig_words(hw: Hardware) -> str:
    """'2x NVIDIA GeForce RTX 3090', 'NVIDIA GeForce RTX 3090 + 64 GB RAM', 'Apple M4 Max 128 GB'."""
    parts = [f"{g.count}x {g.name}" if g.count > 1 else g.name for g in hw.gpus]
    if hw.soc is not None:
        parts.append(f"{hw.soc.name} {hw.unified_memory_gb:g} GB" if hw.unified_memory_gb else hw.soc.name)
    elif hw.ram_gb:
        parts.append(f"{hw.ram_gb:g} GB RAM")
    return " + ".join(parts) or "a rig with no device named"


def _condition(p: Purchase) -> str:
    """'used' or 'new': how the price on file buys the rig's cards (or computer)."""
    return "used" if "(used" in p.price.words else "new"


def _runs(p: Purchase, mixed: bool = False) -> str:
    """'NVIDIA GeForce RTX 3090 (used, ~$800) runs Qwen3.6 27B (Q6_K) at ~30 tokens/s' (with several
    users at once: '... at ~22 tokens/s each for 4 users at once'); with `mixed` (the rigs named beside
    it have prices that cover other things), what the price covers: '(used, ~$800 for the cards)'."""
    e = p.best.estimate
    serving = e.speed.serving
    each = f" each for {serving.users} users at once" if serving is not None else ""
    covers = f" for {p.price.covers}" if mixed else ""
    return (
        f"{rig_words(p.hardware)} ({_condition(p)}, ~${p.price.usd:,.0f}{covers}) runs {e.model.name} "
        f"({e.quant.id}) at ~{tps_text(p.tps)} tokens/s{each}"
    )


def _summary(p: Purchase) -> str:
    e = p.best.estimate
    over = ", over budget" if p.over_budget else ""
    return (
        f"{rig_words(p.hardware)}: {e.model.name} at {e.quant.id}, ~{tps_text(p.tps)} tokens/s, "
        f"~${p.price.usd:,.0f}{over}"
    )


def _comparison(p: Purchase) -> Comparison:
    e = p.best.estimate
    return Comparison(
        hardware=p.hardware.contract(),
        model=ModelRef.of(e.model),
        estimate=e.contract(),
        summary=_summary(p),
        price_usd=p.price.usd,
        price_source="; ".join(p.price.sources) + f" ({p.price.words})",
        over_budget=p.over_budget,
        quality=p.best.quality,
        quality_source=p.best.basis,
    )


def _what(q: Question, found: Shopping) -> str:
    """'the best for coding', 'the biggest model', 'the best model' it runs at the floor."""
    if found.biggest:
        return "the biggest model"
    task = _TASK_WORDS.get(q.task or "", q.task)
    return f"the best model for {task}" if task else "the best model"


def _verdict(q: Question, found: Shopping) -> str:
    budget = f"${found.max_usd:,.0f}"
    if q.budget_said:  # "£2,000 (GBP), about $2,521 at the ECB's ...": as said, then in dollars
        budget = f"{q.budget_said.split(' (')[0]} (about {budget})"
    floor = f"{found.min_tps:g}+ tokens/s"
    pick, second = found.pick, found.runner_up
    if pick is None:
        text = f"Nothing canirun prices at {budget} or less runs a model at {floor}."
        if found.over:
            text += f" Just over it: {_runs(found.over[0])}."
        return text
    named = [p for p in (pick, second, *found.over[:1]) if p is not None]
    mixed = len({p.price.covers for p in named}) > 1  # never weighed as if each were the whole cost
    text = (
        f"Within {budget}: {_runs(pick, mixed)} ({_what(q, found)} that a rig at that price runs at {floor})."
    )
    if second is not None:
        text += f" Runner-up: {_runs(second, mixed)}."
    if found.over:
        extra = found.over[0].price.least_usd - found.max_usd
        text += f" For ~${extra:,.0f} over the budget: {_runs(found.over[0], mixed)}."
    return text


def _assumptions(q: Question, found: Shopping) -> list[str]:
    out = []
    if q.budget_said:
        out.append(f"Budget: {q.budget_said}.")
    floor = "as asked" if q.min_tps is not None else "the default: faster than most people read"
    out.append(
        f"Speed floor: {found.min_tps:g} tokens/s ({floor})" + (" for each user." if found.users > 1 else ".")
    )
    if found.users > 1:
        out.append(
            f"{found.users} users at once: each has a KV cache of their own, all held in the rig's memory "
            "(an 8-bit cache where the 16-bit one holds fewer), and the speed shown is each user's."
        )
    out.append(
        "Ranked by the model's public score for the task (one 0-100 scale from public boards), then "
        "its speed, then the price" + ("; the biggest model first, as asked." if found.biggest else ".")
    )
    out.append(
        "Prices: the most recent dated public price of each card or computer, used or new as that price "
        "is (named beside each rig), at the middle of its range; for cards, the GPUs only (the rest of "
        "the PC is not included); an estimate, never a quote."
    )
    out.extend(_platform_notes(found))
    out.append("CPU-only rigs are left out (ask for one by name to see them).")
    return out


def _platform_notes(found: Shopping) -> list[str]:
    """What a rig of more cards than a desktop board takes needs beyond the cards' prices."""
    from sizing import DESKTOP_CARDS  # with the ranking, imported by the questions that ask for it

    out = []
    for p in (*found.within[:2], *found.over[:1]):
        if p.cards <= DESKTOP_CARDS:
            continue
        power = ""
        if p.cards_power_w > 0:
            each = p.cards_power_w / p.cards
            power = (
                f" and a power supply for {p.cards_power_w:,.0f} W of cards ({p.cards} x {each:,.0f} W)"
                " plus the rest"
            )
        out.append(
            f"{rig_words(p.hardware)}: {p.cards} cards need a board with {p.cards} PCIe slots (or "
            f"risers){power}; not in the price."
        )
    return out
