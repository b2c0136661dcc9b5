"""What to buy for a budget and a task, with no model named: "best GPU under $1500 for coding".

Every rig template (sizing/data/rig_templates.yaml) is tried at each size it is bought in whose dated
public price (sizing/_rig_prices.py) is within the budget, or a little over it (`OVER_BUDGET_SHARE`,
named as over). On each rig the best model for the task that runs there at the speed floor (the one
asked, else the product's `DEFAULT_MIN_TPS`) is found as `rank_best` finds it. The rigs are ranked as
someone who buys them weighs them: the quality of that model for the task first (its public score; an
unscored model after every scored one), then its speed, then the price; "the biggest model" puts the
model's total parameters first. One size of each template is kept (its best), so the list shows
different machines. A rig runs a model the way a requirements answer proposes it: on its GPUs (or a
chip's unified memory), never spilled into system RAM nobody priced; an offload rig, whose RAM is priced,
keeps the MoE experts there. CPU-only rigs are left out: they are proposed only when asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ._rig_prices import RigPrice, rig_price
from .best import BestModel, rank_best
from .catalog import ModelSpec, total_params
from .hardware import Hardware, default_database
from .requirements import RigTemplate, _rig, _sizes, load_rig_templates
from .vocabulary import DEFAULT_MIN_TPS, RigKind

__all__ = ["OVER_BUDGET_SHARE", "Purchase", "Shopping", "shop"]

# a rig priced up to this share above the budget is still named ("for $200 more: ..."), as over it
OVER_BUDGET_SHARE = 0.25
_SHOWN_OVER = 2  # rigs over the budget named, at most: those that beat the pick within it
# best models looked through on each rig: for the biggest that runs, and for the best that runs the way
# the rig is bought to (a card bought to hold the model, not to spill it into RAM nobody priced)
_LOOKED_THROUGH = 10


@dataclass(frozen=True, slots=True)
class Purchase:
    """One rig to buy and the best model it runs for the task."""

    hardware: Hardware
    template: str  # the rig template's id
    kind: RigKind
    price: RigPrice
    best: BestModel
    over_budget: bool  # priced above the budget (and within `OVER_BUDGET_SHARE` of it)

    @property
    def tps(self) -> float:
        return self.best.estimate.speed.decode_tps

    @property
    def params_b(self) -> float:
        return total_params(self.best.estimate.model) / 1e9


@dataclass(frozen=True, slots=True)
class Shopping:
    """The rigs within a budget, best first, and those just over it that would run something better."""

    max_usd: float
    task: str | None
    min_tps: float
    biggest: bool
    within: tuple[Purchase, ...]  # within the budget, best first; one per template
    over: tuple[Purchase, ...]  # just over it, better than the pick within it; best first

    @property
    def pick(self) -> Purchase | None:
        return self.within[0] if self.within else None

    @property
    def runner_up(self) -> Purchase | None:
        return self.within[1] if len(self.within) > 1 else None


def _key(p: Purchase, biggest: bool) -> tuple[float, ...]:
    """Sorts best first: quality for the task (or size, for the biggest), then speed, then price."""
    quality = p.best.quality
    scored = (0.0, -quality) if quality is not None else (1.0, 0.0)
    size = (-round(p.params_b, 1),) if biggest else ()
    return (*size, *scored, -round(p.tps, 1), p.price.least_usd)


def _runs(kind: RigKind, verdict: str) -> bool:
    """The way this kind of rig runs a model, as a requirements answer proposes it: on the GPUs (or the
    chip's unified memory); an offload rig's point is the MoE experts in its RAM."""
    return verdict in ("gpu", "partial") if kind == "offload" else verdict == "gpu"


def _best_here(
    kind: RigKind,
    models: tuple[ModelSpec, ...],
    hw: Hardware,
    task: str | None,
    min_tps: float,
    biggest: bool,
    today: dt.date | None,
) -> BestModel | None:
    found = [
        b
        for b in rank_best(models, hw, task=task, min_tps=min_tps, limit=_LOOKED_THROUGH, today=today)
        if _runs(kind, b.estimate.verdict)
    ]
    if not found:
        return None
    if biggest:
        return max(found, key=lambda b: (total_params(b.estimate.model), b.quality or 0.0))
    return found[0]


def _candidates(max_usd: float) -> Iterable[tuple[RigTemplate, Hardware, RigPrice]]:
    """Every template's sizes priced at most `OVER_BUDGET_SHARE` over the budget."""
    ceiling = max_usd * (1 + OVER_BUDGET_SHARE)
    for t in load_rig_templates():
        if t.kind == "cpu":
            continue
        for n, mem in _sizes(t, default_database()):
            hw = _rig(t, n, mem, None, default_database())
            price = rig_price(hw, ram_type=t.price_ram)
            if price is not None and price.least_usd <= ceiling:
                yield t, hw, price


def shop(
    models: Iterable[ModelSpec],
    max_usd: float,
    *,
    task: str | None = None,
    min_tps: float | None = None,
    biggest: bool = False,
    today: dt.date | None = None,
) -> Shopping:
    """The rigs to buy for `max_usd` (US dollars), best first (see the module text)."""
    floor = min_tps if min_tps is not None else DEFAULT_MIN_TPS
    specs = tuple(models)
    per_template: dict[str, list[Purchase]] = {}
    for t, hw, price in _candidates(max_usd):
        best = _best_here(t.kind, specs, hw, task, floor, biggest, today)
        if best is None:
            continue
        over_budget = price.least_usd > max_usd
        per_template.setdefault(t.id, []).append(Purchase(hw, t.id, t.kind, price, best, over_budget))
    within: list[Purchase] = []
    above: list[Purchase] = []
    for found in per_template.values():
        mine = sorted((p for p in found if not p.over_budget), key=lambda p: _key(p, biggest))
        if mine:
            within.append(mine[0])
        over = sorted((p for p in found if p.over_budget), key=lambda p: _key(p, biggest))
        if over:
            above.append(over[0])
    within.sort(key=lambda p: _key(p, biggest))
    above.sort(key=lambda p: _key(p, biggest))
    if within:
        top = _key(within[0], biggest)
        above = [p for p in above if _key(p, biggest) < top]
    return Shopping(max_usd, task, floor, biggest, tuple(within), tuple(above[:_SHOWN_OVER]))
