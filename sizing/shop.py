"""What to buy for a budget and a task, with no model named: "best GPU under $1500 for coding".

Every rig template (sizing/data/rig_templates.yaml) is tried at each size it is bought in whose dated
public price (sizing/_rig_prices.py) is within the budget, or a little over it (`OVER_BUDGET_SHARE`,
named as over). On each rig the best model for the task that runs there at the speed floor (the one
asked, else the product's `DEFAULT_MIN_TPS`) is found as `rank_best` finds it. The rigs are ranked as
someone who buys them weighs them: the quality of that model for the task first (its public score; an
unscored model after every scored one), then its speed (those within `SPEED_STEP` of the fastest
count as fast enough), then the price; "the biggest model" puts the
model's total parameters first. One size of each template is kept (its best), so the list shows
different machines, and a rig another beats on every count (no better a model, no faster, no cheaper)
is left out. A rig runs a model the way a requirements answer proposes it: on its GPUs (or a
chip's unified memory), never spilled into system RAM nobody priced; an offload rig, whose RAM is priced,
keeps the MoE experts there. CPU-only rigs are left out: they are proposed only when asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ._rig_prices import RigPrice, rig_price
from .best import BestModel, rank_best
from .catalog import ModelSpec, total_params
from .estimate import estimate_again
from .hardware import Hardware, default_database
from .requirements import RigTemplate, _rig, _sizes, load_rig_templates
from .vocabulary import DEFAULT_MIN_TPS, RigKind

__all__ = ["DESKTOP_CARDS", "OVER_BUDGET_SHARE", "SPEED_STEP", "Purchase", "Shopping", "shop"]

# a rig priced up to this share above the budget is still named ("for $200 more: ..."), as over it
OVER_BUDGET_SHARE = 0.25
# speeds within this factor of the fastest count as fast enough when rigs are ranked (a step people feel:
# 20 against 30 tokens/s is felt, 30 against 33 is not)
SPEED_STEP = 1.5
_CLOSE = 1.1  # a speed within this factor of another is about as fast, when one rig makes another moot
_SHOWN_OVER = 2  # rigs over the budget named, at most: those that beat the pick within it
# cards a common desktop board takes without a workstation board or risers (a planning choice: consumer
# boards carry at most two x16-size slots spaced for two-slot cards); more need a platform the card prices
# leave out, which the answer says
DESKTOP_CARDS = 2
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
        """Tokens/s each user sees: one user's speed, or with several at once each one's share."""
        serving = self.best.estimate.speed.serving
        return serving.per_user_tps if serving is not None else self.best.estimate.speed.decode_tps

    @property
    def params_b(self) -> float:
        return total_params(self.best.estimate.model) / 1e9

    @property
    def cards(self) -> int:
        return sum(g.count for g in self.hardware.gpus)

    @property
    def cards_power_w(self) -> float:
        """The cards' board power together (each card's TDP from the device data; 0 where none is known)."""
        return sum(g.count * (g.spec.tdp_w or 0.0) for g in self.hardware.gpus if g.spec is not None)


@dataclass(frozen=True, slots=True)
class Shopping:
    """The rigs within a budget, best first, and those just over it that would run something better."""

    max_usd: float
    task: str | None
    min_tps: float
    biggest: bool
    within: tuple[Purchase, ...]  # within the budget, best first; one per template
    over: tuple[Purchase, ...]  # just over it, better than the pick within it; best first
    users: int = 1  # people using the rig at once: each has a KV cache of their own and their share of speed

    @property
    def pick(self) -> Purchase | None:
        return self.within[0] if self.within else None

    @property
    def runner_up(self) -> Purchase | None:
        return self.within[1] if len(self.within) > 1 else None


def _merit(p: Purchase, biggest: bool) -> tuple[float, ...]:
    """What the rig runs, better first: the model's size for the biggest, then its quality for the task
    (an unscored model after every scored one)."""
    quality = p.best.quality
    scored = (0.0, -quality) if quality is not None else (1.0, 0.0)
    return (-round(p.params_b, 1), *scored) if biggest else scored


def _ranked(found: Iterable[Purchase], biggest: bool) -> list[Purchase]:
    """Best first: by merit; among rigs that run as good a model, those within `SPEED_STEP` of the
    fastest count as fast enough and the cheapest of them leads (30 and 33 tokens/s read the same to a
    user), then the slower ones, fastest first."""
    rigs = list(found)
    fastest: dict[tuple[float, ...], float] = {}
    for p in rigs:
        m = _merit(p, biggest)
        fastest[m] = max(fastest.get(m, 0.0), p.tps)

    def key(p: Purchase) -> tuple[float, ...]:
        m = _merit(p, biggest)
        fast = p.tps * SPEED_STEP >= fastest[m]
        return (*m, 0.0 if fast else 1.0, p.price.least_usd if fast else -p.tps, p.price.least_usd)

    return sorted(rigs, key=key)


def _beats(a: Purchase, b: Purchase, biggest: bool) -> bool:
    """`a` runs as good a model as `b`, about as fast (`_CLOSE`) or faster, for no more, and is better on
    one of those counts: nobody buys `b` over it, so `b` is no runner-up."""
    ma, mb = _merit(a, biggest), _merit(b, biggest)
    as_good = ma <= mb and a.tps * _CLOSE >= b.tps and a.price.least_usd <= b.price.least_usd
    better = ma < mb or a.tps > b.tps * _CLOSE or a.price.least_usd < b.price.least_usd
    return a is not b and as_good and better


def _better_than(p: Purchase, pick: Purchase, biggest: bool) -> bool:
    """A rig over the budget worth naming: it runs a better model than the pick, or the same one a
    step (`SPEED_STEP`) faster."""
    mp, mk = _merit(p, biggest), _merit(pick, biggest)
    return mp < mk or (mp == mk and p.tps > pick.tps * SPEED_STEP)


def _runs(kind: RigKind, verdict: str, tight: bool) -> bool:
    """The way this kind of rig runs a model, as a requirements answer proposes it: on the GPUs (or the
    chip's unified memory); an offload rig's point is the MoE experts in its RAM. Never only inside the
    engine's safety margin: a rig bought for a model should hold it with room."""
    if tight:
        return False
    return verdict in ("gpu", "partial") if kind == "offload" else verdict == "gpu"


def _best_here(
    kind: RigKind,
    models: tuple[ModelSpec, ...],
    hw: Hardware,
    task: str | None,
    min_tps: float,
    biggest: bool,
    today: dt.date | None,
    users: int = 1,
) -> BestModel | None:
    found = [
        b
        for b in rank_best(models, hw, task=task, min_tps=min_tps, limit=_LOOKED_THROUGH, today=today)
        if _runs(kind, b.estimate.verdict, b.estimate.memory.placement.tight)
    ]
    if users > 1:
        found = [s for s in (_for_users(b, kind, hw, users, min_tps) for b in found) if s is not None]
    if not found:
        return None
    if biggest:
        return max(found, key=lambda b: (total_params(b.estimate.model), b.quality or 0.0))
    return found[0]


def _for_users(b: BestModel, kind: RigKind, hw: Hardware, users: int, min_tps: float) -> BestModel | None:
    """`b` sized for `users` at once: the memory holds each one's KV cache (an 8-bit cache where the
    16-bit one holds fewer) and each one gets the speed floor; None where it does not."""
    for kv in dict.fromkeys((b.estimate.memory.kv_type, "q8_0")):
        e = estimate_again(b.estimate, hw, users=users, kv_type=kv)
        serving = e.speed.serving if e is not None else None
        if e is None or serving is None or not _runs(kind, e.verdict, e.memory.placement.tight):
            continue
        if (serving.users_held or 0) >= users and serving.per_user_tps >= min_tps:
            return replace(b, estimate=e)
    return None


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
    users: int = 1,
) -> Shopping:
    """The rigs to buy for `max_usd` (US dollars), best first (see the module text); with `users`,
    for that many at once, each with a KV cache of their own and the speed floor each."""
    floor = min_tps if min_tps is not None else DEFAULT_MIN_TPS
    specs = tuple(models)
    per_template: dict[str, list[Purchase]] = {}
    for t, hw, price in _candidates(max_usd):
        best = _best_here(t.kind, specs, hw, task, floor, biggest, today, users)
        if best is None:
            continue
        over_budget = price.least_usd > max_usd
        per_template.setdefault(t.id, []).append(Purchase(hw, t.id, t.kind, price, best, over_budget))
    within: list[Purchase] = []
    above: list[Purchase] = []
    for found in per_template.values():
        mine = _ranked((p for p in found if not p.over_budget), biggest)
        within.extend(mine[:1])
        above.extend(_ranked((p for p in found if p.over_budget), biggest)[:1])
    within = _ranked((p for p in within if not any(_beats(o, p, biggest) for o in within)), biggest)
    above = _ranked(above, biggest)
    if within:
        above = [p for p in above if _better_than(p, within[0], biggest)]
    return Shopping(max_usd, task, floor, biggest, tuple(within), tuple(above[:_SHOWN_OVER]), users)
