"""Rigs or models side by side, and which one wins.

"3090 or 4090 for Qwen3 32B?" (rigs for one model), "deepseek r1 or kimi k2 on my rig?" (models on
one rig), "is adding a second 3090 worth it?" (the rig before and after). Each side is the best way
to run its model on its rig (sizing.advise); the winner is the one that runs it (fully on the GPUs
first) at the speed asked, then:
  - rigs: the one that runs a better quantization (by quality band: a rig that needs a 3-bit quant
    loses to one that runs 4 bits), then the faster (generating, or reading the prompt when that is
    asked), or the cheaper when cost comes first and both keep up; the dated public prices are
    shown where they exist;
  - models: the better by public quality scores (sizing.scores) for the task, or the faster when
    speed comes first; without scores, the one that keeps up.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ._errors import SizingError
from ._kv import KV_TYPE_BYTES
from ._pools import DEFAULT_RAM_GB
from ._question_kv import engine_kv_name, kv_for_engine
from ._rig_prices import RigPrice, mac_price_floor, rig_price
from ._scores import Quality, quality
from .advise import advise, quality_label
from .capacity import capacity
from .catalog import ModelSpec
from .estimate import Estimate, estimate_again
from .hardware import Hardware, memory_price_per_gb
from .quant_policy import placement_rank, quality_band
from .vocabulary import DEFAULT_MIN_TPS, SEVERE_KLD, Prefer, tps_text

__all__ = ["Comparison", "Side", "compare", "quality_verdict", "reference_model"]

SIDES_MAX = 6  # rigs (or rig and model pairs) sized for one comparison; the answer names any left out
SAME = 0.05  # speeds within 5% are the same for anyone's use
# a quantization a loss label better is worth this much less generating speed to those who weigh it
QUALITY_TRADE = 0.25
QUALITY_SAME = 1.0  # scores within a point on the 0-100 scale: as good as each other
_NEAR_LARGEST = 0.6  # models this near the largest that fits count as that size class
_VERDICT_RANK = {"gpu": 0, "partial": 1, "cpu": 2, "no": 3}
_WHERE = {
    "gpu": "fully on the GPU",
    "partial": "partly offloaded",
    "cpu": "on the CPU only",
    "no": "does not fit",
}


@dataclass(frozen=True, slots=True)
class Side:
    """One model on one rig: the best way to run it, its cost and its quality score."""

    model: ModelSpec
    hardware: Hardware
    estimate: Estimate | None  # None when it cannot be sized at all
    summary: str  # the advice in a sentence, or why it cannot be sized
    price: RigPrice | None
    quality: Quality | None
    # the best quality that runs as well placed as the pick (a RAM upgrade can hold Q8_0 partly
    # offloaded where the pick stays at 4 bits for speed); None when it is the pick
    top: Estimate | None = None
    # a Mac with no price on file: the least a Mac of its chip costs with less memory, a floor
    price_floor: RigPrice | None = None

    @property
    def runs(self) -> bool:
        return self.estimate is not None and self.estimate.verdict != "no"

    def speed(self, prompt: bool) -> float:
        if self.estimate is None or not self.runs:
            return 0.0
        return self.estimate.speed.prefill_tps if prompt else self.estimate.speed.decode_tps


@dataclass(frozen=True, slots=True)
class Comparison:
    sides: tuple[Side, ...]
    winner: int | None  # index into sides; None when none runs
    verdict: str


def _side(
    model: ModelSpec,
    extra: tuple[str, ...],
    hw: Hardware,
    *,
    context: int | None,
    quant: str | None,
    engine: str | None,
    min_tps: float,
    task: str | None,
    depth: int | None,
    users: int = 1,
    prices_said: Mapping[str, float] | None = None,
) -> Side:
    score = quality(model.id, task or "chat")
    price = rig_price(hw, said=prices_said)
    try:
        advice = advise(
            model, hw, context=context, engine=engine, quant=quant, min_tps=min_tps, extra_assumptions=extra
        )
    except SizingError as err:
        return Side(model, hw, None, str(err), price, score)
    # the best option at a quality people accept: a side is not won with a quantization that breaks
    # the model (advice may rank a severe-loss one first when nothing else keeps up)
    options = [o for o in advice.options if o.estimate.verdict != "no"]
    fair = next((o for o in options if o.kld < SEVERE_KLD), None)
    best = fair or (options[0] if options else advice.best)
    e = best.estimate if best is not None else None
    top = None
    if e is not None:
        rank = placement_rank(e.verdict)
        placed = [o.estimate for o in options if placement_rank(o.estimate.verdict) <= rank]
        finest = min(placed, key=lambda x: x.quant.kld, default=None)
        top = finest if finest is not None and finest.quant.kld < e.quant.kld else None
    if e is not None and (depth is not None or users > 1) and e.verdict != "no":
        e = estimate_again(e, hw, extra_assumptions=extra, depth=depth, users=users) or e
    if e is not None and users > 1 and e.verdict == "gpu":
        e = _serving_pick(e, [o.estimate for o in options], hw, extra, depth, users, quant is None)
    floor = mac_price_floor(hw) if price is None else None
    return Side(model, hw, e, advice.summary, price, score, top, floor)


def _held(e: Estimate, users: int) -> int:
    """How many of `users` the estimate's memory serves at once (all where it does not say)."""
    serving = e.speed.serving
    if serving is None:
        return 0
    return users if serving.users_held is None else min(users, serving.users_held)


def _serving_pick(
    e: Estimate,
    options: Sequence[Estimate],
    hw: Hardware,
    extra: tuple[str, ...],
    depth: int | None,
    users: int,
    any_quant: bool,
) -> Estimate:
    """For several users at once, the configuration someone serving them would choose: of the options
    fully on the GPUs at no worse a quality band than `e` (all of them where a quantization was asked:
    only `e`), each with its engine's 16-bit and 8-bit KV cache (FP8 on vLLM and SGLang, q8_0 on
    llama.cpp), the one that holds the most of the users at once, then the best quality (the 16-bit
    cache among equals), then the most tokens/s in all (FP8 weights beside BF16 on an H100 leave room
    for other users' caches)."""
    band = quality_band(e.quant.kld)
    pool = (
        [o for o in options if o.verdict == "gpu" and quality_band(o.quant.kld) <= band] if any_quant else []
    )
    tried: list[Estimate] = [e]
    for o in dict.fromkeys([e, *pool]):
        eight, _note = kv_for_engine("q8_0", o.engine)
        for kv in dict.fromkeys((o.memory.kv_type, eight)):
            if o is e and kv == e.memory.kv_type:
                continue
            again = estimate_again(o, hw, extra_assumptions=extra, depth=depth, users=users, kv_type=kv)
            if again is not None and again.verdict == "gpu" and again.speed.serving is not None:
                tried.append(again)
    return max(
        tried,
        key=lambda x: (
            _held(x, users),
            -x.quant.kld,
            x.memory.kv_type == e.memory.kv_type,  # an 8-bit cache where it holds more users, only
            x.speed.serving.aggregate_tps if x.speed.serving is not None else 0.0,
        ),
    )


def _rank(
    s: Side,
    *,
    min_tps: float,
    prompt: bool,
    models: bool,
    prefer: Prefer | None,
    scored: bool = True,
    users: int = 1,
    one_line: bool = False,
) -> tuple[float, ...]:
    """Smaller is better. Models are ranked by their public scores where every side has one
    (`scored`); where one has none, on fit and speed, as the verdict then says: sizes of one product
    line (`one_line`) that fit alike and keep up, the larger (more parameters of the same training)."""
    e = s.estimate
    if e is None or not s.runs:
        return (9.0,)
    keeps_up = e.speed.decode_tps >= min_tps
    tier = (0.0 if keeps_up else 2.0) + (0.0 if e.quant.kld < SEVERE_KLD else 1.0)
    speed = -s.speed(prompt)
    if models and prefer != "speed" and not prompt and not scored:
        larger = -s.model.params_b if one_line and keeps_up else 0.0  # a larger size only at the speed wished
        return (tier, _VERDICT_RANK[e.verdict], float(quality_band(e.quant.kld)), larger, speed)
    if models and prefer != "speed" and not prompt:
        q = -(s.quality.value if s.quality is not None else -1.0)
        return (tier, q, _VERDICT_RANK[e.verdict], speed)
    # rigs for one model: the one that runs a better quant wins over a faster one
    band = float(quality_band(e.quant.kld)) if not models else 0.0
    if not models and users > 1 and not prompt and prefer != "cost" and e.speed.serving is not None:
        # several users at once: the rig that serves the most of them at once, then the most in all
        return (tier, band, -float(_held(e, users)), -e.speed.serving.aggregate_tps)
    if not models and prefer == "value" and tier == 0.0:
        # speed for the money: tokens/s per dollar first, then the quality band (a rig with no price last)
        return (tier, -_per_dollar(s, prompt), band, speed)
    if not models and prefer == "cost" and tier == 0.0:
        return (tier, band, s.price.usd if s.price is not None else float("inf"), speed)
    if prefer == "speed" or prompt:  # "which is faster": the speed decides, how it fits only on a tie
        return (tier, band, speed, _VERDICT_RANK[e.verdict])
    return (tier, band, _VERDICT_RANK[e.verdict], speed)


def _one_line(sides: Sequence[Side]) -> bool:
    """Sizes of one product line: one family, all dense or all mixtures of experts."""
    return len({s.model.family for s in sides}) == 1 and len({s.model.moe is None for s in sides}) == 1


def _label(hw: Hardware) -> str:
    parts = [f"{g.count}x {g.label}" if g.count > 1 else _single(g.label, g.id) for g in hw.gpus]
    if hw.soc is not None:
        memory = f"{hw.unified_memory_gb:g} GB" if hw.unified_memory_gb else ""
        # "Jetson AGX Orin 64 GB" names its memory already
        parts.append(
            f"{hw.soc.name} {memory}" if memory and not hw.soc.name.endswith(memory) else hw.soc.name
        )
    if hw.ram_gb and hw.gpus:
        parts.append(f"{hw.ram_gb:g} GB RAM")
    return " + ".join(parts) or "the rig"


def _single(label: str, device_id: str | None) -> str:
    """One card in a sentence: "a 24 GB GPU" for a card named only by its memory, else its name."""
    return f"a {label}" if device_id is None else label


def compare(
    sides: Sequence[tuple[ModelSpec, tuple[str, ...], Hardware]],
    *,
    context: int | None = None,
    quant: str | None = None,
    quants: Mapping[str, str] | None = None,
    engine: str | None = None,
    min_tps: float = DEFAULT_MIN_TPS,
    prefer: Prefer | None = None,
    task: str | None = None,
    prompt_speed: bool = False,
    both_speeds: bool = False,
    depth: int | None = None,
    change: str | None = None,
    instead: str | None = None,
    max_usd: float | None = None,
    users: int = 1,
    same_quant: bool = False,
    prices_said: Mapping[str, float] | None = None,
    money_held: float | None = None,
) -> Comparison:
    """Each (model, its assumptions, rig) sized its best way, and the winner in a sentence (with
    `max_usd`, the budget asked, which rigs cost more than it; with `money_held`, the money the asker
    has beside the rig, which of two upgrades weighed cost more than it). With
    `both_speeds` (generating and reading the prompt asked) the verdict ranks by generating and names
    the fastest at reading the prompt too. With
    `change` the first rig is the rig now and the second the rig after that upgrade; with `instead`
    too, the third is the rig after the other upgrade weighed against it. `quants` holds the quant
    asked for a model by its id where models are asked at different ones; the others take `quant`.
    With `same_quant` (one quant asked for every side, none named), rigs that pick different quants
    are all sized again at the coarsest of their picks, which each of them holds. `prices_said` holds
    the prices the asker gives by device id (US dollars a unit), which replace the dated ones.
    Raises SizingError when fewer than two sides are given."""
    if len(sides) < 2:
        raise SizingError("a comparison needs two sides", hint='Ask like "3090 or 4090 for Qwen3 32B?"')

    def sized(quant: str | None) -> tuple[Side, ...]:
        return tuple(
            _side(
                m,
                extra,
                hw,
                context=context,
                quant=(quants or {}).get(m.id, quant),
                engine=engine,
                min_tps=min_tps,
                task=task,
                depth=depth,
                users=users,
                prices_said=prices_said,
            )
            for m, extra, hw in sides[:SIDES_MAX]
        )

    done = sized(quant)
    models = len({s.model.id for s in done}) > 1
    one = _coarsest_pick(done) if same_quant and quant is None and not quants and not models else None
    if one is not None:
        done = sized(one)
    if models and len({s.hardware.canonical() for s in done}) > 1 and change is None:
        return _rigs_for_each_model(done, min_tps=min_tps, prompt=prompt_speed, prefer=prefer)
    scored = all(s.quality is not None for s in done)
    line = _one_line(done)
    ranks = [
        _rank(
            s,
            min_tps=min_tps,
            prompt=prompt_speed,
            models=models,
            prefer=prefer,
            scored=scored,
            users=users,
            one_line=line,
        )
        for s in done
    ]
    if max_usd is not None and not models and change is None:
        # a budget is a limit: a rig over it is out, whatever it runs; among the rest the usual order
        ranks = [(float(_over_budget(s, max_usd)), *r) for s, r in zip(done, ranks, strict=True)]
    order = sorted(range(len(done)), key=lambda i: ranks[i])
    if models and len(order) > 1 and _same_quality(done[order[0]], done[order[1]]):
        a, b = order[0], order[1]
        if ranks[a][0] == ranks[b][0] and done[b].speed(prompt_speed) > done[a].speed(prompt_speed):
            order[0], order[1] = b, a  # as good as each other: the faster wins
    if not models and change is None and prefer in (None, "speed") and len(order) > 1:
        # the first picked the coarser quant and the second is the faster at that same quant: the
        # speeds at different quants misled, the second wins (and is weighed at both)
        coarse = _other_at_coarser_quant(done[order[0]], done[order[1]])
        # never past a budget: a rig over it stays behind the one within it
        over = max_usd is not None and _over_budget(done[order[1]], max_usd) > _over_budget(
            done[order[0]], max_usd
        )
        if (
            coarse is not None
            and not over
            and _speed_of(coarse, prompt_speed) > done[order[0]].speed(prompt_speed)
        ):
            order[0], order[1] = order[1], order[0]
    winner = order[0] if done[order[0]].runs else None
    if change is not None and models and instead is None:
        # an upgrade asked for several models: its gain for each, the rig now beside the rig after
        by_model: dict[str, list[Side]] = {}
        for side in done:
            by_model.setdefault(side.model.id, []).append(side)
        pairs = [sides for sides in by_model.values() if len(sides) >= 2]
        if pairs:
            verdict = " ".join(_upgrade_verdict(p[0], p[-1], prompt_speed, change, min_tps) for p in pairs)
            return Comparison(done, winner, verdict)
    if change is not None and instead is not None and len(done) == 3 and not models:
        verdict = _weighed_verdict(done, ranks, prompt_speed, (change, instead), money_held or max_usd)
        by_price = _cheaper_as_good(done, ranks) if done[1].runs and done[2].runs else None
        return Comparison(done, winner if by_price is None else by_price, verdict)
    served = None
    if users > 1 and not models and not prompt_speed and change is None and winner is not None:
        served = _served_verdict(done, order, users)
    value = (
        _value_verdict(done, order, prompt_speed, min_tps)
        if prefer == "value" and not models and served is None and change is None and winner is not None
        else None
    )
    verdict = (
        _models_verdict(done, winner, order, prompt_speed, prefer, task)
        if models
        else served or value or _rigs_verdict(done, winner, order, prompt_speed, change, min_tps)
    )
    if not models and served is None and value is None and change is None and winner is not None:
        verdict += _others_words(done, order, prompt_speed)
    if max_usd is not None and not models:
        verdict += _over_budget_words(done, order, max_usd)
    if both_speeds and not models and winner is not None:
        verdict += _prompt_too_words(done, winner)
    if users > 1 and served is None:
        verdict += _users_words(done, users)
    return Comparison(done, winner, verdict)


def _coarsest_pick(sides: Sequence[Side]) -> str | None:
    """The coarsest quant the running sides picked, where they picked several (each holds it); else None."""
    picks = [s.estimate for s in sides if s.runs and s.estimate is not None]
    if len({e.quant.id for e in picks}) < 2:
        return None
    return max(picks, key=lambda e: e.quant.kld).quant.id


def _per_dollar(s: Side, prompt: bool) -> float:
    """Tokens/s per $1,000 of the rig's dated price; 0 where it has no price or does not run."""
    if s.price is None or s.price.usd <= 0 or not s.runs:
        return 0.0
    return s.speed(prompt) / s.price.usd * 1000.0


def _value_verdict(sides: Sequence[Side], order: Sequence[int], prompt: bool, min_tps: float) -> str:
    """'2x RTX 3090 gives the most speed per dollar for Gemma 4 31B: ~43 tokens/s generating for about
    $1,600 (~27 per $1,000); RTX 5090 ~54 for $3,100 (~17) ... (all at Q4_K_M).', each side in rank
    order; the fastest is named where it is not the winner."""
    w = sides[order[0]]
    what = "reading the prompt" if prompt else "generating"
    quants = {s.estimate.quant.id for s in sides if s.runs and s.estimate is not None}

    def said(s: Side, unit: str = "") -> str:
        if not s.runs:
            return f"{_label(s.hardware)} {_fit_words(s)}"
        quant = f" at {s.estimate.quant.id}" if s.estimate is not None and len(quants) > 1 else ""
        slow = f" (below {min_tps:g}: too slow to use)" if not prompt and s.speed(prompt) < min_tps else ""
        speed = f"~{tps_text(s.speed(prompt))}{unit}{quant}{slow}"
        if s.price is None:
            return f"{speed} (no dated price on file)"
        return f"{speed} for about ${s.price.usd:,.0f} (~{tps_text(_per_dollar(s, prompt))} per $1,000)"

    rest = "; ".join(f"{_label(sides[i].hardware)} {said(sides[i])}" for i in order[1:] if sides[i].runs)
    out = [f"{_label(sides[i].hardware)} {_fit_words(sides[i])}" for i in order[1:] if not sides[i].runs]
    line = (
        f"{_label(w.hardware)} gives the most speed per dollar for {w.model.name}: "
        f"{said(w, f' tokens/s {what}')}"
        + (f"; {rest}" if rest else "")
        + (f" (all at {next(iter(quants))})" if len(quants) == 1 and rest else "")
        + "."
        + "".join(f" {o}." for o in out)
    )
    fastest = max((s for s in sides if s.runs), key=lambda s: s.speed(prompt))
    if fastest is not w:
        line += f" The fastest is {_label(fastest.hardware)} (~{tps_text(fastest.speed(prompt))})."
    return line


def _prompt_too_words(sides: Sequence[Side], winner: int) -> str:
    """' NVIDIA DGX Spark reads the prompt fastest: ~1,250 vs ~834 tokens/s.' where generating and
    reading the prompt are both asked (the verdict ranks by generating)."""
    running = sorted((s for s in sides if s.runs), key=lambda s: -s.speed(True))
    if len(running) < 2:
        return ""
    first, second = running[0], running[1]
    speeds = f"~{tps_text(first.speed(True))} vs ~{tps_text(second.speed(True))} tokens/s"
    if first is sides[winner]:
        return f" It also reads the prompt fastest: {speeds}."
    return f" {_label(first.hardware)} reads the prompt fastest: {speeds}."


def _users_words(sides: Sequence[Side], users: int) -> str:
    """' For 5 users at once: ~30 tokens/s each on A (all 5 at once), ~9 each on B (2 at once, the
    others wait).': each side's speed per user and how many its memory serves at once."""
    parts = []
    # the sides differ by model, by rig, or both: each named by what tells it apart
    models = len({s.model.id for s in sides}) > 1
    rigs = len({s.hardware.canonical() for s in sides}) > 1
    for s in sides:
        serving = s.estimate.speed.serving if s.estimate is not None and s.runs else None
        if serving is None:
            continue
        name = (
            f"for {s.model.name} on {_label(s.hardware)}"
            if models and rigs
            else f"for {s.model.name}"
            if models
            else f"on {_label(s.hardware)}"
        )
        held = serving.users_held
        at_once = (
            f"all {users} at once"
            if held is None or held >= users
            else f"{max(held, 1)} at once, the others wait"
        )
        parts.append(
            f"~{tps_text(serving.per_user_tps)} tokens/s each {name} "
            f"(~{serving.aggregate_tps:,.0f} in all, {at_once})"
        )
    return f" For {users} users at once: " + "; ".join(parts) + "." if parts else ""


def _prices_words(w: Side, other: Side) -> str:
    """'; about $30,000 vs $16,000' where both sides are priced, else ''; what each covers where that
    differs ('; about $1,600 for the cards vs $3,999 for the whole computer')."""
    if w.price is None or other.price is None:
        return ""
    if w.price.covers != other.price.covers:  # never weighed as if each were the whole cost
        return (
            f"; about ${w.price.usd:,.0f} for {w.price.covers} vs ${other.price.usd:,.0f} for "
            f"{other.price.covers}"
        )
    return f"; about ${w.price.usd:,.0f} vs ${other.price.usd:,.0f}"


def _served_verdict(sides: Sequence[Side], order: Sequence[int], users: int) -> str | None:
    """'For 50 users at once, A wins for M: all 50 at once at ~42 tokens/s each (~2,083 in all), FP8
    with an fp8 KV cache, where B serves 12 at once ...': rigs for several users weighed on what each
    serves them all, in the configuration each would serve them with; None where a side has no
    serving figure."""
    w, other = sides[order[0]], sides[order[1]]
    we, oe = w.estimate, other.estimate
    if we is None or we.speed.serving is None:
        return None

    def served(e: Estimate) -> str:
        assert e.speed.serving is not None
        held = _held(e, users)
        at_once = f"all {users} at once" if held >= users else f"{max(held, 1)} at once (the others wait)"
        kv = e.memory.kv_type
        cache = {"fp8": " with an fp8 KV cache", "q8_0": " with a q8_0 KV cache"}.get(kv, "")
        return (
            f"{at_once} at ~{tps_text(e.speed.serving.per_user_tps)} tokens/s each "
            f"(~{e.speed.serving.aggregate_tps:,.0f} in all), {e.quant.id}{cache}, {_WHERE[e.verdict]}"
        )

    prices = _prices_words(w, other)
    head = f"For {users} users at once, {_label(w.hardware)} wins for {w.model.name}: {served(we)}"
    if oe is None or not other.runs or oe.speed.serving is None:
        return f"{head}, while {_label(other.hardware)} {_fit_words(other)}{prices}."
    return f"{head}; {_label(other.hardware)} serves {served(oe)}{prices}."


def _over_budget(s: Side, max_usd: float) -> bool:
    return s.price is not None and s.price.usd > max_usd


def _over_budget_words(done: Sequence[Side], order: Sequence[int], max_usd: float) -> str:
    """' The RTX 3090 (about $800) is over the $700 asked; within it: the RTX 5060 Ti.' ('' when
    every rig priced is within the budget)."""
    priced = [(done[i], p.usd) for i in order if (p := done[i].price) is not None]
    over = [(s, usd) for s, usd in priced if usd > max_usd]
    if not over:
        return ""
    names = " and ".join(f"{_label(s.hardware)} (about ${usd:,.0f})" for s, usd in over)
    verb = "is" if len(over) == 1 else "are"
    within = [_label(s.hardware) for s, usd in priced if usd <= max_usd and s.runs]
    # the pick within it is named where the verdict has not named it first
    first = _label(done[order[0]].hardware) if order else None
    rest = f"; within it, {within[0]} is the pick" if within and within[0] != first else ""
    return f" {names} {verb} over the ${max_usd:,.0f} asked{rest}."


def _rigs_for_each_model(
    done: Sequence[Side], *, min_tps: float, prompt: bool, prefer: Prefer | None
) -> Comparison:
    """Rigs and models both varying ("DGX Spark or a Mac Studio, for gpt-oss-120b and Qwen3 235B?"):
    the rigs weighed for each model in turn, in the order the models were named; the winner is the
    first model's."""
    verdicts: list[str] = []
    winner: int | None = None
    for k, model_id in enumerate(dict.fromkeys(s.model.id for s in done)):
        at = [i for i, s in enumerate(done) if s.model.id == model_id]
        group = [done[i] for i in at]
        ranks = [_rank(s, min_tps=min_tps, prompt=prompt, models=False, prefer=prefer) for s in group]
        order = sorted(range(len(group)), key=lambda i: ranks[i])
        best = order[0] if group[order[0]].runs else None
        if len(group) < 2:
            verdicts.append(f"{group[0].model.name}: {group[0].summary}")
        else:
            verdicts.append(_rigs_verdict(group, best, order, prompt, None))
        if k == 0 and best is not None:
            winner = at[best]
    return Comparison(tuple(done), winner, " ".join(verdicts))


def _weighed_verdict(
    sides: Sequence[Side],
    ranks: Sequence[tuple[float, ...]],
    prompt: bool,
    changes: tuple[str, str],
    money: float | None = None,
) -> str:
    """'For GLM-4.5-Air (now ~16 tokens/s generating, IQ1_S, partly offloaded): adding 1x RTX 3090
    gives ~21 (IQ4_XS, partly offloaded), about $800; system RAM to 64 GB instead gives ~14 (Q4_K_M,
    partly offloaded), about $220. The better buy: adding 1x RTX 3090.'"""
    before = sides[0]
    model = before.model.name
    what = "reading the prompt" if prompt else "generating"
    now = (
        f"now ~{tps_text(before.speed(prompt))} tokens/s {what}, {_fit_words(before)}"
        if before.runs
        else f"now it {_fit_words(before)}"
    )
    words = []
    best = []  # each upgrade's speed at its pick or at today's quant, the faster
    for side, change, lead in ((sides[1], changes[0], ""), (sides[2], changes[1], " instead")):
        cost = _added_cost(before, side)
        like = _at_same_quant(side, before)  # a finer quant picked: its speed at today's quant too
        best.append(max(side.speed(prompt), _speed_of(like, prompt) if like is not None else 0.0))
        same = (
            f"; ~{tps_text(_speed_of(like, prompt))} at the same {before.estimate.quant.id}"
            if like is not None and before.estimate is not None
            else ""
        )
        runs = f"gives ~{tps_text(side.speed(prompt))} ({_fit_words(side)}{same}{_finer_words(before, side)})"
        gives = runs if side.runs else f"still {_fit_words(side)}"
        words.append(f"{change}{lead} {gives}" + (f", about ${cost:,.0f}" if cost else ""))
    a, b = ranks[1], ranks[2]
    close = a[:3] == b[:3] and abs(sides[1].speed(prompt) - sides[2].speed(prompt)) <= SAME * max(
        sides[1].speed(prompt), sides[2].speed(prompt)
    )
    if not (sides[1].runs or sides[2].runs):
        tail = "Neither makes it run."
    elif close:
        costs = [_added_cost(before, s) for s in sides[1:]]
        cheaper = changes[0] if (costs[0] or 0.0) <= (costs[1] or 0.0) else changes[1]
        tail = f"About the same: {cheaper} costs less."
    else:
        tail = _better_buy(sides, ranks, changes, prompt)
    x = before.speed(prompt)
    if before.runs and sides[1].runs and sides[2].runs and all(v < x * (1 + SAME) for v in best):
        tail = f"Neither is much faster than now (~{tps_text(x)}). " + tail.replace(
            "The better buy", "Of the two"
        )
    why = _cards_why(before, sides[1:]) + _over_money_words(before, sides[1:], changes, money)
    return f"For {model} ({now}): {'; '.join(words)}. {tail}{why}"


# the cheaper of two upgrades is as good where it generates at three quarters of the faster one's speed
# or more (at the same quant and fit, both at the speed wished): a gap people barely feel at a usable speed
_AS_GOOD_SPEED = 0.75


def _cheaper_as_good(sides: Sequence[Side], ranks: Sequence[tuple[float, ...]]) -> int | None:
    """Of two upgrades (`sides[1]`, `sides[2]`), the one that is the better buy by price though the other
    is faster: both run the same quant and fit at the speed wished and it costs less (a 4x dearer card
    for 16 % more tokens/s is no better buy); None where the faster one wins (a better quant or fit,
    the speed wished only there, far faster, the cheaper no faster than now, or a price unknown). Its
    index in `sides`."""
    a, b = ranks[1], ranks[2]
    faster = 1 if a <= b else 2
    other = 3 - faster
    dearer, cheaper = _added_cost(sides[0], sides[faster]), _added_cost(sides[0], sides[other])
    if a[:3] != b[:3] or a[0] != 0.0 or dearer is None or cheaper is None or cheaper >= dearer:
        return None
    fast, slow = sides[faster].speed(False), sides[other].speed(False)
    if slow < _AS_GOOD_SPEED * fast or (sides[0].runs and slow <= sides[0].speed(False)):
        return None  # far slower, or no faster than now: the faster one is worth its price
    return other


def _better_buy(
    sides: Sequence[Side], ranks: Sequence[tuple[float, ...]], changes: tuple[str, str], prompt: bool
) -> str:
    """'The better buy: X.', and where the cheaper of two as good upgrades wins, what the faster one
    would add and cost."""
    by_price = _cheaper_as_good(sides, ranks)
    if by_price is None:
        return f"The better buy: {changes[0] if ranks[1] <= ranks[2] else changes[1]}."
    faster = 3 - by_price
    saved = (_added_cost(sides[0], sides[faster]) or 0.0) - (_added_cost(sides[0], sides[by_price]) or 0.0)
    fast, slow = sides[faster].speed(prompt), sides[by_price].speed(prompt)
    return (
        f"The better buy: {changes[by_price - 1]}, the same quant and fit for about ${saved:,.0f} less; "
        f"{changes[faster - 1]} is faster (~{tps_text(fast)} vs ~{tps_text(slow)} tokens/s)."
    )


def _over_money_words(
    before: Side, options: Sequence[Side], changes: tuple[str, str], money: float | None
) -> str:
    """' Over the $700 you have: replacing ... with 1x RTX 3090 (about $800).' ('' when each priced
    option is within it, or no money is said)."""
    if money is None:
        return ""
    over = [
        f"{change} (about ${cost:,.0f})"
        for side, change in zip(options, changes, strict=False)
        if (cost := _added_cost(before, side)) is not None and cost > money
    ]
    return f" Over the ${money:,.0f} you have: {' and '.join(over)}." if over else ""


def _cards_why(before: Side, options: Sequence[Side]) -> str:
    """' Why: RTX 3090, 24 GB at 936 GB/s, about $33 per GB; RTX 4060 Ti, 8 GB at 288 GB/s (no price
    on file).' for upgrades that buy cards: what decides a card for a model, its memory (what fits)
    and memory bandwidth (how fast each token reads the weights), and the price per GB it adds; ''
    where neither option buys a card."""
    owned = {g.id: g.count for g in before.hardware.gpus}
    parts: list[str] = []
    for side in options:
        bought = [
            (g, g.count - owned.get(g.id, 0)) for g in side.hardware.gpus if g.count > owned.get(g.id, 0)
        ]
        if not bought:
            continue
        cards: list[str] = []
        gb = 0.0
        for g, n in bought:
            memory = g.vram_gb or (g.spec.memory_gb if g.spec is not None else None)
            bandwidth = f" at {g.spec.bandwidth_gbs:,.0f} GB/s" if g.spec is not None else ""
            many = f"{n}x " if n > 1 else ""
            label = _single(g.label, g.id)
            size = "" if memory is None or label.endswith(f"{memory:g} GB") else f", {memory:g} GB"
            cards.append(f"{many}{label}{size}{bandwidth}")
            gb += n * (memory or 0.0)
        cost = _added_cost(before, side)
        per_gb = f", about ${cost / gb:,.0f} per GB" if cost and gb else " (no price on file)"
        parts.append(" + ".join(cards) + per_gb)
    return f" Why: {'; '.join(parts)}." if parts else ""


def _finer_words(before: Side, after: Side) -> str:
    """'; Q6_K, practically lossless, fits too at ~18' where the upgraded rig holds a quantization a
    loss label better than both the best the rig holds now and the upgraded rig's pick; '' otherwise."""
    b, a = before.top or before.estimate, after.top
    if not (before.runs and after.runs) or a is None or b is None or a.quant.kld >= b.quant.kld:
        return ""
    picked = after.estimate.quant.kld if after.estimate is not None else b.quant.kld
    if quality_label(a.quant.kld) in (quality_label(b.quant.kld), quality_label(picked)):
        return ""  # a step people would not notice, or one the pick already makes
    return f"; {a.quant.id}, {quality_label(a.quant.kld)}, fits too at ~{tps_text(a.speed.decode_tps)}"


def _replaces(before: Side, after: Side) -> bool:
    """Whether the upgrade replaces the cards owned now (no card of them is kept)."""
    kept = {g.id for g in before.hardware.gpus} & {g.id for g in after.hardware.gpus}
    return bool(before.hardware.gpus and after.hardware.gpus) and not kept


def _added_cost(before: Side, after: Side) -> float | None:
    """What an upgrade costs by the dated prices on file: the cards added, the card that replaces
    the one now (its whole price: the old card is no part of it), or the RAM added."""
    if _replaces(before, after) and after.price is not None:
        return after.price.usd
    if before.price is not None and after.price is not None and after.price.usd > before.price.usd:
        return after.price.usd - before.price.usd
    have = before.hardware.ram_gb or DEFAULT_RAM_GB
    more = (after.hardware.ram_gb or have) - have
    per_gb = memory_price_per_gb(after.hardware.ram_type or "DDR5") if more > 0 else None
    return per_gb.price_usd_per_gb * more if per_gb is not None else None


def quality_verdict(models: Sequence[ModelSpec], task: str | None = None) -> str:
    """Which of `models` public evaluations rate higher for `task` (chat when none), with the scores
    and their source: "Gemma 3 27B rates higher than Qwen3 32B for chat: 71.6 vs 68 on a 0-100 scale
    (LMArena text leaderboard, 2025-12-11)." Models with no score on file are named; "" when fewer than
    two are scored and none lacks a score."""
    t = task or "chat"
    scored = [(m, quality(m.id, t)) for m in models]
    known = sorted(((m, s) for m, s in scored if s is not None), key=lambda ms: -ms[1].value)
    unscored = [m.name for m, s in scored if s is None]
    lack = f"No public quality score on file for {', '.join(unscored)}." if unscored else ""
    if len(known) < 2:
        return lack
    (top, a), (second, b) = known[0], known[1]
    what = f"for {t}" if not (a.fallback or b.fallback) else f"overall (no {t} score on file for both)"
    scores = f"{a.value:g} vs {b.value:g} on a 0-100 scale ({_sources(top.name, a, second.name, b)})"
    if a.about_the_same_as(b, QUALITY_SAME):
        lead = f"{top.name} and {second.name} rate about the same {what}: {scores}."
    else:
        lead = f"{top.name} rates higher than {second.name} {what}: {scores}."
    return f"{lead} {lack}".strip()


def _same_quality(a: Side, b: Side) -> bool:
    return (
        a.quality is not None
        and b.quality is not None
        and a.quality.about_the_same_as(b.quality, QUALITY_SAME)
    )


def _sources(name_a: str, a: Quality, name_b: str, b: Quality) -> str:
    """One board named once; two boards each with the model it scored and how far apart their
    scales may sit, so two figures from different boards never read as one measurement."""
    if a.source_id == b.source_id:
        return a.cited()
    spread = math.hypot(a.uncertainty, b.uncertainty)
    return (
        f"{name_a} from {a.cited()}, {name_b} from {b.cited()}; two boards put on one scale "
        f"differ by up to ±{spread:.0f} points"
    )


def _fit_words(s: Side) -> str:
    e = s.estimate
    if e is None:
        return s.summary
    if e.verdict == "no":
        return f"does not fit ({e.memory.placement.shortfall / 1e9:.0f} GB short)"
    loss = f" ({quality_label(e.quant.kld)})" if e.quant.kld >= SEVERE_KLD else ""
    return f"{e.quant.id}{loss}, {_WHERE[e.verdict]}{e.split_words}"


def _rigs_verdict(
    sides: Sequence[Side],
    winner: int | None,
    order: Sequence[int],
    prompt: bool,
    change: str | None,
    min_tps: float = DEFAULT_MIN_TPS,
) -> str:
    model = sides[0].model.name
    if winner is None:
        return (
            f"Neither runs {model}: "
            + "; ".join(f"{_label(s.hardware)} {_fit_words(s)}" for s in sides)
            + "."
        )
    w = sides[winner]
    other = sides[order[1]]
    what = "reading the prompt" if prompt else "generating"
    a, b = w.speed(prompt), other.speed(prompt)
    if change is not None:
        return _upgrade_verdict(sides[0], sides[-1], prompt, change, min_tps)
    better = _better_quality(w, other)
    as_fast = b > 0 and (abs(a - b) / max(a, b) < SAME or tps_text(a) == tps_text(b))  # as said, the same
    if other.runs and as_fast and better is not None:
        # as fast, at different quantizations: not "the same", the quality is the difference
        hi, lo = better
        he, le = hi.estimate, lo.estimate
        assert he is not None and le is not None
        fast_hi, fast_lo = tps_text(hi.speed(prompt)), tps_text(lo.speed(prompt))
        pace = (
            f"~{fast_hi} tokens/s {what} on both"
            if fast_hi == fast_lo
            else f"~{fast_hi} vs ~{fast_lo} tokens/s {what}"
        )
        return (
            f"{_label(hi.hardware)} is the better pick for {model}: about as fast ({pace}), but it runs "
            f"{he.quant.id} ({quality_label(he.quant.kld)}), {_WHERE[he.verdict]}, where "
            f"{_label(lo.hardware)} needs {le.quant.id} ({quality_label(le.quant.kld)}), "
            f"{_WHERE[le.verdict]}."
        )
    if other.runs and b > 0 and abs(a - b) / max(a, b) < SAME:
        cheaper = min(
            (s for s in sides if s.price is not None),
            key=lambda s: s.price.usd if s.price else 0.0,
            default=None,
        )
        cost = f"; {_label(cheaper.hardware)} costs less" if cheaper is not None else ""
        return (
            f"About the same for {model}: ~{tps_text(a)} tokens/s {what} on {_label(w.hardware)} and "
            f"~{tps_text(b)} on {_label(other.hardware)}{cost}."
        )
    prices = _prices_words(w, other)
    like = _at_same_quant(w, other) if other.runs else None
    if like is not None and _speed_of(like, prompt) > b and better is None:
        # slower only at its finer quant of the same band: at the other's quant it is the faster too
        return _same_quant_words(w, other, like, model, prompt, prices)
    if other.runs and a < b and w.estimate is not None and other.estimate is not None:
        we, oe = w.estimate, other.estimate  # slower, but on a better quantization
        return (
            f"{_label(w.hardware)} wins for {model}: it runs {we.quant.id} ({quality_label(we.quant.kld)}) "
            f"{_WHERE[we.verdict]} at ~{tps_text(a)} tokens/s {what}, where {_label(other.hardware)} needs "
            f"{oe.quant.id} ({quality_label(oe.quant.kld)}) for ~{tps_text(b)}{prices}."
        )
    if other.runs:
        fast, good = w.estimate, other.estimate
        if (
            fast is not None
            and good is not None
            and quality_band(fast.quant.kld) > quality_band(good.quant.kld)
        ):
            # faster, but at a worse quantization: the trade is the answer, not only the speed
            return (
                f"{_label(w.hardware)} wins for {model} on speed: ~{tps_text(a)} vs ~{tps_text(b)} tokens/s "
                f"{what}, "
                f"but only at {fast.quant.id} ({quality_label(fast.quant.kld)}), {_WHERE[fast.verdict]}, "
                f"where {_label(other.hardware)} runs {good.quant.id} ({quality_label(good.quant.kld)}), "
                f"{_WHERE[good.verdict]}{prices}."
            )
        if better is not None and fast is not None and good is not None:  # faster and better
            return (
                f"{_label(w.hardware)} wins for {model}: ~{tps_text(a)} vs ~{tps_text(b)} tokens/s {what}, "
                f"at {fast.quant.id} ({quality_label(fast.quant.kld)}), {_WHERE[fast.verdict]}, where "
                f"{_label(other.hardware)} needs {good.quant.id} ({quality_label(good.quant.kld)}), "
                f"{_WHERE[good.verdict]}{prices}."
            )
        coarse = _other_at_coarser_quant(w, other)
        if coarse is not None and fast is not None and good is not None:
            # the winner picked the coarser quant: both weighed at it, the other's finer pick said after
            c = tps_text(_speed_of(coarse, prompt))
            return (
                f"{_label(w.hardware)} wins for {model}: ~{tps_text(a)} vs ~{c} tokens/s {what} at the same "
                f"{fast.quant.id}, both {_WHERE['gpu']}; {_label(other.hardware)} also fits {good.quant.id} "
                f"({quality_label(good.quant.kld)}) at ~{tps_text(b)}{prices}."
            )
        if like is not None:
            # a bigger card picks a finer quant: speeds at different quants hide how much faster it is
            return _same_quant_words(w, other, like, model, prompt, prices)
        fits = (
            f"both {_fit_words(w)}"
            if _fit_words(w) == _fit_words(other)
            else f"{_fit_words(w)} vs {_fit_words(other)}"
        )
        return (
            f"{_label(w.hardware)} wins for {model}: ~{tps_text(a)} vs ~{tps_text(b)} tokens/s {what} "
            f"({fits}){prices}."
        )
    return (
        f"{_label(w.hardware)} wins for {model}: ~{tps_text(a)} tokens/s {what} ({_fit_words(w)}), while "
        f"{_label(other.hardware)} {_fit_words(other)}{prices}."
    )


def _at_same_quant(w: Side, other: Side) -> Estimate | None:
    """The winner's pick sized again at the other side's quantization, where both run fully on the
    GPU, the winner picked the finer quant and still runs the other's fully on the GPU; else None."""
    we, oe = w.estimate, other.estimate
    if we is None or oe is None or we.verdict != "gpu" or oe.verdict != "gpu":
        return None
    if we.quant.id == oe.quant.id or we.quant.kld >= oe.quant.kld:
        return None
    like = estimate_again(we, w.hardware, quant=oe.quant)
    return like if like is not None and like.verdict == "gpu" else None


def _same_quant_words(w: Side, other: Side, like: Estimate, model: str, prompt: bool, prices: str) -> str:
    """The winner, which picked the finer quant, weighed at the other's too: 'X wins for M: ~30 vs ~20
    tokens/s generating at the same Q4_K_M, both fully on the GPU; it also fits Q8_0 (...) at ~25.'"""
    fast, good = w.estimate, other.estimate
    assert fast is not None and good is not None
    what = "reading the prompt" if prompt else "generating"
    return (
        f"{_label(w.hardware)} wins for {model}: ~{tps_text(_speed_of(like, prompt))} vs "
        f"~{tps_text(other.speed(prompt))} tokens/s {what} at the same {good.quant.id}, both "
        f"{_WHERE['gpu']}; it also fits {fast.quant.id} ({quality_label(fast.quant.kld)}) at "
        f"~{tps_text(w.speed(prompt))}{prices}."
    )


def _other_at_coarser_quant(w: Side, other: Side) -> Estimate | None:
    """The other side's pick sized again at the winner's quantization, where both run fully on the
    GPU and the winner picked the coarser quant (so a speed at fewer bits never beats one at more
    unweighed); else None."""
    we, oe = w.estimate, other.estimate
    if we is None or oe is None or we.verdict != "gpu" or oe.verdict != "gpu":
        return None
    if we.quant.id == oe.quant.id or we.quant.kld <= oe.quant.kld:
        return None
    like = estimate_again(oe, other.hardware, quant=we.quant)
    return like if like is not None and like.verdict == "gpu" else None


def _speed_of(e: Estimate, prompt: bool) -> float:
    return e.speed.prefill_tps if prompt else e.speed.decode_tps


def _others_words(sides: Sequence[Side], order: Sequence[int], prompt: bool) -> str:
    """' NVIDIA GeForce RTX 4090: IQ3_XS, partly offloaded, ~3.7 tokens/s.' for the sides after the
    two the verdict weighs, so a third rig asked about is never left unsaid."""
    parts = []
    for i in order[2:]:
        s = sides[i]
        speed = f", ~{tps_text(s.speed(prompt))} tokens/s" if s.runs else ""
        parts.append(f"{_label(s.hardware)}: {_fit_words(s)}{speed}")
    return (" " + "; ".join(parts) + ".") if parts else ""


def _priced_by(*prices: RigPrice) -> str:
    """Whose prices a cost is figured by: the asker's, the dated ones on file, or both."""
    said_by_asker = [s for p in prices for s in p.said_by_asker]
    said = sum(said_by_asker)
    if said == len(said_by_asker):
        return "by the prices you gave"
    return "by the prices you gave and the dated prices on file" if said else "by the dated prices on file"


def _better_quality(a: Side, b: Side) -> tuple[Side, Side] | None:
    """(the side at the better quality band, the other) where both run at quantizations of different
    bands (Q4_K_M beside Q2_K); None where they are in the same band or one does not run."""
    ea, eb = a.estimate, b.estimate
    if ea is None or eb is None or not (a.runs and b.runs):
        return None
    band_a, band_b = quality_band(ea.quant.kld), quality_band(eb.quant.kld)
    if band_a == band_b:
        return None
    return (a, b) if band_a < band_b else (b, a)


def _finer_kv_cache(before: Side, after: Side) -> str:
    """'Q4_K_M with the KV cache at f16 where now it needs q4_0' where the rig after keeps the same
    quant with a finer KV cache than the rig now; '' otherwise."""
    be, ae = before.estimate, after.estimate
    if be is None or ae is None or KV_TYPE_BYTES[ae.memory.kv_type] <= KV_TYPE_BYTES[be.memory.kv_type]:
        return ""
    return (
        f"{ae.quant.id} with the KV cache at {engine_kv_name(ae.memory.kv_type, ae.engine)} where now it "
        f"needs {engine_kv_name(be.memory.kv_type, be.engine)}"
    )


def _upgrade_verdict(
    before: Side, after: Side, prompt: bool, change: str, min_tps: float = DEFAULT_MIN_TPS
) -> str:
    model = before.model.name
    what = "reading the prompt" if prompt else "generating"
    x, y = before.speed(prompt), after.speed(prompt)
    cost = ""
    if before.price is not None and after.price is not None and after.price.usd > before.price.usd:
        cost = f"; about ${after.price.usd - before.price.usd:,.0f} {_priced_by(before.price, after.price)}"
        if _replaces(before, after) and not any(before.price.said_by_asker):
            # a card replaced: its whole price, less what the one owned now may sell for
            cost = f"; about ${after.price.usd:,.0f} {_priced_by(after.price)}, less what yours sells for"
    if not before.runs:
        if not prompt and after.runs and y < min_tps:  # it runs, but too slowly to use: say so first
            return (
                f"Only if slow is fine for {model}: {change} makes it run ({_fit_words(after)}, "
                f"~{tps_text(y)} tokens/s {what}, below {min_tps:g}); now it {_fit_words(before)}{cost}."
            )
        return (
            f"Worth it for {model}: {change} makes it run ({_fit_words(after)}, ~{tps_text(y)} tokens/s "
            f"{what}); now it {_fit_words(before)}{cost}."
        )
    rank_before = _VERDICT_RANK[before.estimate.verdict] if before.estimate is not None else 3
    rank_after = _VERDICT_RANK[after.estimate.verdict] if after.estimate is not None else 3
    same_quant = (
        before.estimate is not None
        and after.estimate is not None
        and before.estimate.quant.id == after.estimate.quant.id
    )
    finer_cache = _finer_kv_cache(before, after)
    if y < x * (1 - SAME) and rank_after >= rank_before and same_quant and finer_cache:
        # slower at the same quant, for a finer KV cache than today's: a trade of speed for quality
        return (
            f"Worth it for {model} only for quality: {change} keeps {finer_cache}, at ~{tps_text(y)} "
            f"tokens/s {what}, slower than now (~{tps_text(x)}){cost}."
        )
    if y < x * (1 - SAME) and rank_after >= rank_before and same_quant:  # slower at the same quality
        after_e = after.estimate
        why = ""
        if (
            after_e is not None
            and after_e.engine in ("vllm", "sglang")
            and after_e.memory.placement.tensor_parallel < (after.hardware.gpu_count)
        ):
            why = (
                f": tensor parallel needs a GPU count that divides {model}'s attention and KV heads, so the "
                "cards run as pipeline stages"
            )
        return (
            f"Not worth it for {model}: {change} makes it slower, ~{tps_text(y)} tokens/s {what} "
            f"(now ~{tps_text(x)}){why}{cost}."
        )
    better = _better_quality(after, before)
    finer = _finer_label(before, after)
    prompt_gain = "" if prompt else _prompt_gain_words(before, after)
    cost = prompt_gain + cost
    # a finer quant a label better (Q4_K_M "small loss" -> Q8_0 "practically lossless") counts where the
    # speed falls at most QUALITY_TRADE; a band better even where it falls more
    finer = finer and y >= x * (1 - QUALITY_TRADE)
    if y < x * (1 + SAME) and ((better is not None and better[0] is after) or finer):
        # about as fast, or slower, on the bigger rig because it runs a better quantization: the trade
        ae, be = after.estimate, before.estimate
        assert ae is not None and be is not None
        runs = f"{change} runs {ae.quant.id} ({quality_label(ae.quant.kld)}), {_WHERE[ae.verdict]}"
        if y >= x * (1 - SAME):
            return (
                f"Worth it for {model} on quality: {runs}, at ~{tps_text(y)} tokens/s {what}, where now it "
                f"needs {be.quant.id} ({quality_label(be.quant.kld)}), {_WHERE[be.verdict]}, at "
                f"~{tps_text(x)}{cost}."
            )
        like = _at_same_quant(after, before)
        same = f"; at the same {be.quant.id} ~{tps_text(_speed_of(like, prompt))}" if like is not None else ""
        return (
            f"Worth it for {model} only for quality: {runs}, at ~{tps_text(y)} tokens/s {what}, slower than "
            f"now (~{tps_text(x)} at {be.quant.id}, {quality_label(be.quant.kld)}){same}{cost}."
        )
    reach = _quality_reach(before, after)
    if y < x * (1 - SAME) and rank_after >= rank_before and after.estimate is not None:
        # slower at a finer quant of the same quality label: the speed at today's quant says what it buys
        like = _at_same_quant(after, before)
        same = (
            f"; at the same {before.estimate.quant.id} ~{tps_text(_speed_of(like, prompt))}"
            if like is not None and before.estimate is not None
            else ""
        )
        now_at = f" at {before.estimate.quant.id}" if before.estimate is not None else ""
        return (
            f"Not worth it for {model} on speed: {change} runs {after.estimate.quant.id} "
            f"({_WHERE[after.estimate.verdict]}) at ~{tps_text(y)} tokens/s {what}, slower than now "
            f"(~{tps_text(x)}{now_at}){same}{cost}.{reach}"
        )
    if y < x * (1 + SAME) and rank_after >= rank_before:
        gain = "Little gain in speed" if reach else "Little gain"
        return (
            f"{gain} for {model}: {change} keeps it at ~{tps_text(y)} tokens/s {what} "
            f"(now ~{tps_text(x)}; {_fit_words(after)}){cost}.{reach}"
        )
    return (
        f"For {model}, {change} takes it from ~{tps_text(x)} to ~{tps_text(y)} tokens/s {what} "
        f"({_fit_words(before)} -> {_fit_words(after)}){cost}.{reach}{_quality_lost(before, after)}"
    )


def _quality_lost(before: Side, after: Side) -> str:
    """' The speed comes at a coarser quantization: IQ3_XS (noticeable loss) where today's IQ4_XS is a
    small loss.' where the upgraded rig's pick is a loss label worse than today's; '' otherwise."""
    a, b = after.estimate, before.estimate
    if a is None or b is None or not (before.runs and after.runs):
        return ""
    if quality_band(a.quant.kld) <= quality_band(b.quant.kld):
        return ""
    return (
        f" The speed comes at a coarser quantization: {a.quant.id} ({quality_label(a.quant.kld)}) where "
        f"today's {b.quant.id} is a {quality_label(b.quant.kld)}."
    )


def _finer_label(before: Side, after: Side) -> bool:
    """The upgraded rig runs its pick at a quantization a loss label better than today's (practically
    lossless beside a small loss), at a placement as good."""
    a, b = after.estimate, before.estimate
    if a is None or b is None or not (before.runs and after.runs):
        return False
    return (
        a.quant.kld < b.quant.kld
        and quality_label(a.quant.kld) != quality_label(b.quant.kld)
        and _VERDICT_RANK[a.verdict] <= _VERDICT_RANK[b.verdict]
    )


# reading the prompt this much faster is worth saying beside a generating speed that stays
_PROMPT_GAIN = 1.25


def _prompt_gain_words(before: Side, after: Side) -> str:
    """'; reading the prompt ~684 -> ~1,147 tokens/s' where the upgrade reads it clearly faster."""
    if not (before.runs and after.runs):
        return ""
    x, y = before.speed(True), after.speed(True)
    if x <= 0 or y < _PROMPT_GAIN * x:
        return ""
    return f"; reading the prompt ~{tps_text(x)} -> ~{tps_text(y)} tokens/s"


def _quality_reach(before: Side, after: Side) -> str:
    """' The gain is quality: ...' where the upgraded rig holds a quantization a loss label better
    (practically lossless beside small loss) than the best the rig holds now, each side's best at
    its pick's placement (both picks may stay at the same quant for speed while the bigger rig also
    fits Q8_0); '' otherwise."""
    if not (before.runs and after.runs) or after.top is None:
        return ""  # the upgraded rig's pick is its best: the verdict's quants say it all
    b, a = before.top or before.estimate, after.top
    if b is None or a.quant.kld >= b.quant.kld:
        return ""
    if quality_label(a.quant.kld) == quality_label(b.quant.kld):  # a step people would not notice
        return ""
    return (
        f" The gain is quality: {a.quant.id} ({quality_label(a.quant.kld)}) then fits too, "
        f"{_WHERE[a.verdict]}, at ~{tps_text(a.speed.decode_tps)} tokens/s, where now the best is "
        f"{b.quant.id} ({quality_label(b.quant.kld)}) at ~{tps_text(b.speed.decode_tps)}."
    )


def _models_verdict(
    sides: Sequence[Side],
    winner: int | None,
    order: Sequence[int],
    prompt: bool,
    prefer: Prefer | None,
    task: str | None,
) -> str:
    rig = _label(sides[0].hardware)
    if winner is None:
        return (
            f"None of them runs on {rig}: "
            + "; ".join(f"{s.model.name} {_fit_words(s)}" for s in sides)
            + "."
        )
    w = sides[winner]
    other = sides[order[1]]
    what = "reading the prompt" if prompt else "generating"
    speeds = f"~{tps_text(w.speed(prompt))} tokens/s {what}"
    if other.runs:
        speeds += f" vs ~{tps_text(other.speed(prompt))} for {other.model.name}"
        if (
            other.estimate is not None
            and w.estimate is not None
            and other.estimate.quant.id != w.estimate.quant.id
        ):
            speeds += f" at {other.estimate.quant.id}"  # each side at its own best quant: say which
    else:
        speeds += f"; {other.model.name} {_fit_words(other)}"
    why = ""
    a, b = w.speed(prompt), other.speed(prompt)
    if (prefer == "speed" or prompt) and other.runs and b > 0 and abs(a - b) / max(a, b) < SAME:
        head = f"{w.model.name} and {other.model.name} are about as fast on {rig}; {w.model.name} by a little"
    elif prefer == "speed" or prompt:
        head = f"{w.model.name} is the faster on {rig}"
    elif w.quality is not None and other.quality is not None:
        t = task or "chat"
        same = _same_quality(w, other)
        head = (
            f"{w.model.name} wins on {rig}, as good by public scores and faster"
            if same
            else f"{w.model.name} is the better pick on {rig}"
        )
        why = (
            f" Quality for {t}: {w.quality.value:g} vs {other.quality.value:g} "
            f"({_sources(w.model.name, w.quality, other.model.name, other.quality)})."
        )
    else:
        head = f"{w.model.name} is the better pick on {rig}"
        missing = [s.model.name for s in (w, other) if s.quality is None]
        judged = (
            "fit, then size within one model line, then speed"
            if _one_line((w, other)) and w.model.params_b > other.model.params_b
            else "fit and speed"
        )
        why = f" No public quality score on file for {', '.join(missing)}: judged on {judged}."
    e = w.estimate
    assert e is not None
    line = f"{head}: {_fit_words(w)} ({quality_label(e.quant.kld)}), {speeds}.{why}"
    return line + _shape_note(sides)


def _shape_note(sides: Sequence[Side]) -> str:
    """Dense against MoE: why their speeds differ when their memory does not."""
    dense = [s for s in sides if s.model.moe is None and s.model.is_generic]
    moe = [s for s in sides if s.model.moe is not None and s.model.is_generic]
    if not dense or not moe:
        return ""
    d, m = dense[0].model, moe[0].model
    active = m.active_params_b or m.params_b
    return (
        f" A dense model reads all its weights for every token ({d.params_b:g}B for {d.name}); an MoE reads "
        f"only its active experts ({active:g}B of {m.params_b:g}B), so at the same memory it generates "
        "several times faster."
    )


def reference_model(
    models: Sequence[ModelSpec], rigs: Sequence[Hardware], context: int | None, task: str | None = None
) -> ModelSpec | None:
    """A model to compare rigs on when none is named: of the largest catalog models that the rig with
    the most memory holds at Q4_K_M (the one an upgrade is for), the newest; of the models made for
    `task` ("coding models") where the question names one and the catalog has such models."""
    if task is not None and task != "chat":
        models = [m for m in models if task in m.tasks] or models

    def memory(hw: Hardware) -> float:
        return sum(g.count * (g.vram_gb or 0.0) for g in hw.gpus) + (hw.sized_unified_gb or 0.0)

    biggest = max(rigs, key=memory)
    try:
        limits = capacity(biggest, models, context=context, quant="Q4_K_M").limits
    except SizingError:
        return None
    if not limits:
        return None
    examples = (*limits[0].dense_examples, *limits[0].moe_examples)
    if not examples:
        return None
    # of the models near the largest, the newest: what people run on such a rig today
    largest = max(m.params_b for m in examples)
    near = [m for m in examples if m.params_b >= _NEAR_LARGEST * largest]
    return max(near, key=lambda m: (m.released or dt.date.min, m.params_b))
