"""Question -> Answer for the kinds with keys of their own: "requirements" (what hardware a model
needs), "capacity" (the largest model a rig holds) and "compare" (rigs or models side by side).
Pure and synchronous, like the rest of bot.answers; the sizing core does the work."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from sizing import (
    ESTIMATOR_VERSION,
    Catalog,
    EstimateContract,
    Hardware,
    ModelRef,
    ModelSpec,
    Question,
    SizingError,
    estimate_again,
    estimate_or_none,
    resolve_quant,
)
from sizing.vocabulary import DEFAULT_MIN_TPS, DEFAULT_RAM_GB, RAM_ASSUMED, RAM_SIZES_GB, tps_text

from ._notice import info, notice, wishes
from ._purchase_lead import money_beside
from ._types import (
    Answer,
    CapacityAnswer,
    CapacityLimit,
    CompareAnswer,
    Comparison,
    RequirementsAnswer,
    RigOption,
)

if TYPE_CHECKING:
    from sizing import Capacity, Estimate, Requirements
    from sizing import Comparison as RigComparison

# each kind imports its part of the sizing core when first asked (a cold `canirun ask` about one
# model on one rig loads none of them)

__all__ = [
    "answer_capacity",
    "answer_compare",
    "answer_requirements",
    "models_without_a_rig",
    "ram_bought",
    "shape_note",
    "wish_words",
]

MODELS_SIZED = 4  # models one requirements answer covers (a range both ways: two sizes, two shapes)
RIGS_SHOWN = 8


def wish_words(q: Question) -> str:
    """The wishes that shaped an answer, echoed: 'at least 5 tok/s, 131,072 context, for code'."""
    parts = []
    if q.min_tps:
        parts.append(f"at least {q.min_tps:g} tok/s")
    if q.context:
        parts.append(f"{q.context:,} context")
    if q.depth:
        parts.append(f"speed at {q.depth:,} tokens in")
    if q.task:
        parts.append(f"for {q.task}")
    if q.prefer:
        parts.append(
            {
                "speed": "fastest first",
                "quality": "best quality first",
                "cost": "cheapest first",
                "value": "most speed per dollar first",
            }[q.prefer]
        )
    if q.quant:
        parts.append(f"at {q.quant}")
    names = {r.model.id: r.model.name for r in q.models}
    parts.extend(f"{names.get(mid, mid)} at {quant}" for mid, quant in q.model_quants)
    if q.users:
        parts.append(f"{q.users} users at once")
    if q.max_usd:
        parts.append(f"at most {q.budget_said}" if q.budget_said else f"at most ${q.max_usd:,.0f}")
    if q.text_only:
        parts.append("text only")
    elif q.no_video:
        parts.append("no video")
    if q.split_mode:
        parts.append(f"llama.cpp -sm {q.split_mode}")
    if q.backend:
        parts.append(
            f"{q.backend} vs {q.backend_compared}" if q.backend_compared else f"the {q.backend} backend"
        )
    return ", ".join(parts)


def _with_wishes(hints: list[str], q: Question) -> list[str]:
    words = wish_words(q)
    return [f"Asked for: {words}.", *hints] if words else hints


def shape_note(models: Sequence[ModelSpec], speeds: dict[str, float] | None = None) -> str | None:
    """Dense against MoE of the same size ("dense or MoE?"): the memory is the same, the speed is not,
    because a dense model reads all its weights for every token and an MoE only its active ones."""
    dense = [m for m in models if m.moe is None]
    moe = [m for m in models if m.moe is not None]
    pairs = [(d, m) for d in dense for m in moe if abs(d.params_b - m.params_b) <= 0.05 * d.params_b]
    if not pairs:
        return None
    d, m = pairs[0]
    active = m.active_params_b or m.params_b
    ratio = d.params_b / active
    size = float(f"{d.params_b:.2g}")  # the size asked for, not the shape's exact count
    faster = f"up to ~{ratio:.0f}x faster (memory bandwidth bound)"
    if speeds and speeds.get(d.id) and speeds.get(m.id):
        faster = f"~{speeds[m.id] / speeds[d.id]:.1f}x faster on this rig"
    return (
        f"Dense or MoE, a {size:g}B model takes the same memory: every weight is stored. A dense "
        f"model reads all {size:g}B of them for every token, an MoE only its ~{active:.3g}B active "
        f"ones, so the MoE generates {faster}."
    )


# --- requirements ---------------------------------------------------------------------------------


def models_without_a_rig(q: Question) -> bool:
    """ "Qwen3 32B or Gemma 3 27B, which is better?" with no rig: the models side by side on public
    quality, and what hardware each needs (a requirements answer led by that comparison)."""
    return q.kind == "compare" and q.missing == ("hardware",) and len(q.models) >= 2 and not q.rigs


def _quality_lead(q: Question) -> str:
    """Which of the asked models public evaluations rate higher, then the request for a rig."""
    from sizing import quality_verdict

    lead = quality_verdict([r.model for r in q.models[:MODELS_SIZED]], q.task)
    return f"{lead} Say your hardware to see which runs better on it; what each needs:".lstrip()


def answer_requirements(q: Question, catalog: Catalog) -> Answer:
    from sizing import requirements

    models = q.models[:MODELS_SIZED]
    per_model = max(2, RIGS_SHOWN // max(len(models), 1))
    rigs: list[RigOption] = []
    verdicts: list[str] = []
    notes: list[str] = []
    found: list[Requirements] = []
    for r in models:
        try:
            req = requirements(
                r.model,
                quant=q.quant_for(r.model.id),
                context=q.context,
                min_tps=q.min_tps or DEFAULT_MIN_TPS,
                prefer=q.prefer,
                kinds=q.rig_kinds,
                devices=q.candidates,
                depth=q.depth,
                extra_assumptions=r.assumptions,
                limit=per_model,
                max_usd=q.max_usd,
                engine=q.engine,
                users=q.users or 1,
                gpu_only=q.gpu_only,
                kv_type=q.kv_type,
            )
        except SizingError as err:
            verdicts.append(f"{r.model.name}: {err}")
            continue
        found.append(req)
        lead = _fewer_cards_lead(q.cards_asked, req)
        verdicts.append(f"{lead} {req.summary}" if lead else req.summary)
        notes.extend(req.notes)
        rigs.extend(
            RigOption(
                hardware=c.hardware.contract(),
                summary=c.summary,
                estimate=c.estimate.contract(),
                price_usd=c.price.usd if c.price is not None else None,
                price_source=("; ".join(c.price.sources) + f" ({c.price.words})")
                if c.price is not None
                else None,
                over_budget=q.max_usd is not None and c.price is not None and c.price.least_usd > q.max_usd,
            )
            for c in req.rigs
        )
    if not rigs and not verdicts:
        return notice("error", "Nothing to size.", catalog.version, question=info(q))
    rigs.sort(key=lambda o: (o.price_usd is None, o.price_usd or 0.0))
    hints = []
    note = shape_note([r.model for r in models]) if q.both_shapes else None
    if note:
        hints.append(note)
    if any(c.hardware.gpus for c in rigs):
        hints.append("Prices are rough: the cards (or the computer) at dated public prices, not a quote.")
    left = [r.model.name for r in q.models[MODELS_SIZED:]]
    if left:  # every model asked is in the answer: those past the limit by name, with what to do
        verdicts.append(
            f"Not sized here: {', '.join(left)} (one answer sizes {MODELS_SIZED} models); ask about "
            f"{'it' if len(left) == 1 else 'them'} on {'its' if len(left) == 1 else 'their'} own."
        )
    shared = _one_rig_for_all(found, q.max_usd) if len(found) > 1 and len(found) == len(models) else None
    if shared:
        verdicts.insert(0, shared)
    if models_without_a_rig(q):
        verdicts.insert(0, _quality_lead(q))
    return RequirementsAnswer(
        question=info(q),
        rigs=rigs,
        notes=list(dict.fromkeys(notes)),
        verdict=" ".join(verdicts),
        hints=_with_wishes(hints, q),
        wishes=wishes(q),
        catalog_version=catalog.version,
        estimator_version=ESTIMATOR_VERSION,
    )


def _one_rig_for_all(found: Sequence[Requirements], max_usd: float | None) -> str | None:
    """One rig that runs every model asked, said first: the rig each model's own pick shares where
    there is one, else the fastest for the slowest model among those within the budget (the cheapest
    without one); None where no rig shown runs them all."""
    by_rig = [{_rig_words(c.hardware): c for c in req.rigs} for req in found]
    common = [name for name in by_rig[0] if all(name in rigs for rigs in by_rig[1:])]
    if not common:
        return None

    def price(name: str) -> float | None:  # the dearest model's rig (one may need more system RAM)
        prices = [p.usd for rigs in by_rig if (p := rigs[name].price) is not None]
        return max(prices) if len(prices) == len(by_rig) else None

    within = [n for n in common if max_usd is None or ((usd := price(n)) is not None and usd <= max_usd)]
    if not within:
        return None
    ups = [n for n in within if all(rigs[n].keeps_up for rigs in by_rig)] or within

    def slowest(name: str) -> float:
        return min(_user_speed(rigs[name].estimate) for rigs in by_rig)

    pick = (
        max(ups, key=slowest)
        if max_usd is not None
        else min(ups, key=lambda n: (price(n) is None, price(n) or 0.0))
    )
    usd = price(pick)
    cost = f" (about ${usd:,.0f})" if usd is not None else ""
    speeds = ", ".join(
        f"{req.model.name} ~{tps_text(_user_speed(rigs[pick].estimate))} tokens/s"
        for req, rigs in zip(found, by_rig, strict=True)
    )
    return f"One rig runs {'both' if len(found) == 2 else 'all of them'}: {pick}{cost}, {speeds}."


def _user_speed(e: Estimate) -> float:
    """What one user sees: each user's speed when several are served at once, else the decode speed."""
    serving = e.speed.serving
    return serving.waited_tps if serving is not None and serving.users > 1 else e.speed.decode_tps


def _fewer_cards_lead(asked: int | None, req: Requirements) -> str | None:
    """ "No: ..." where the question asks whether a model needs a number of cards ("does X need 8
    cards?") and a rig shown runs it, at the speed asked, on fewer: the answer to the question comes
    before the list of rigs. None otherwise (needing that many or more is what the list shows)."""
    if asked is None:
        return None
    cards = [c for c in req.rigs if c.hardware.gpus and c.hardware.soc is None and c.estimate.verdict != "no"]
    kept = [c for c in cards if c.keeps_up] or cards
    if not kept:
        return None
    fewest = min(kept, key=lambda c: (c.hardware.gpu_count, c.price.usd if c.price else float("inf")))
    n = fewest.hardware.gpu_count
    if n >= asked:
        return None
    g, e = fewest.hardware.gpus[0], fewest.estimate
    ram = fewest.hardware.ram_gb
    offloaded = "partly offloaded" + (f" to {ram:g} GB of system RAM" if ram else "")
    where = {"gpu": "fully on the GPU" + ("s" if n > 1 else ""), "partial": offloaded}.get(
        e.verdict, "on the CPU"
    )
    many = "one" if n == 1 else f"{n}x"
    return (
        f"No, {req.model.name} does not need {asked} cards: {many} {g.vram_gb:g} GB "
        f"card{'s' if n > 1 else ''} ({g.name}) run{'s' if n == 1 else ''} it at {e.quant.id}, {where}, "
        f"~{tps_text(e.speed.decode_tps)} tokens/s."
    )


# --- capacity -------------------------------------------------------------------------------------


def answer_capacity(q: Question, hw: Hardware, catalog: Catalog) -> Answer:
    from sizing import capacity

    try:
        cap = capacity(
            hw,
            catalog.models,
            context=q.context,
            engine=q.engine,
            quant=q.quant,
            min_tps=q.min_tps,
            users=q.users or 1,
        )
    except SizingError as err:
        return notice("error", str(err), catalog.version, hint=err.hint, question=info(q))
    limits = []
    for limit in cap.limits:
        examples = list(dict.fromkeys((*limit.dense_examples, *limit.moe_examples)))
        limits.append(
            CapacityLimit(
                quant=limit.quant.id,
                kv_type=limit.kv_type,
                context=limit.context,
                max_dense_params_b=limit.max_dense_b,
                max_moe_total_params_b=limit.max_moe_b,
                examples=[m.id for m in examples],
                example_names=[m.name for m in examples],
                speed_bound=limit.speed_bound,
            )
        )
    longest = _longest_context_hint(cap, hw, q) if q.context_limit else None
    return CapacityAnswer(
        question=info(q),
        limits=limits,
        options=list(_capacity_examples(cap, hw, q)),
        verdict=cap.summary,
        hints=_with_wishes(
            [
                *([longest] if longest else []),
                "A model 'of N B' is a generic shape like today's releases (Llama-3.1-style dense, "
                "GLM-4.5-style MoE with 5.5% active); real models of that size differ by a few percent.",
            ],
            q,
        ),
        wishes=wishes(q),
        catalog_version=catalog.version,
        estimator_version=ESTIMATOR_VERSION,
    )


def _longest_context_hint(cap: Capacity, hw: Hardware, q: Question) -> str | None:
    """ "the biggest model, and the most context": how long a context the largest dense example holds
    fully on the GPUs at the headline quantization."""
    from sizing import max_context_on_gpu

    headline = next((x for x in cap.limits if x.quant.bits <= 4.6 and x.kv_type == "f16"), None)
    if headline is None or not headline.dense_examples:
        return None
    m = headline.dense_examples[0]
    e = estimate_or_none(m, hw, quant=headline.quant, context=cap.context, engine=cap.engine, evidence=False)
    if e is None or e.verdict != "gpu":
        return None
    longest = max_context_on_gpu(m, hw, e)
    if longest is None:
        return None
    return (
        f"Longest context: {m.name} at {headline.quant.id} holds up to {longest:,} tokens fully on the GPU "
        f"({e.memory.kv_type} KV cache); a smaller model or a q8_0 cache holds more."
    )


def _capacity_examples(cap: Capacity, hw: Hardware, q: Question) -> list[EstimateContract]:
    """Estimates of the largest dense and MoE examples at the headline quantization (their speed)."""
    headline = next((x for x in cap.limits if x.quant.bits <= 4.6 and x.kv_type == "f16"), None)
    if headline is None:
        return []
    out = []
    for m in (*headline.dense_examples[:1], *headline.moe_examples[:1]):
        e = estimate_or_none(
            m,
            hw,
            quant=headline.quant,
            context=cap.context,
            engine=cap.engine,
            depth=q.depth,
            evidence=False,
            users=cap.users,
        )
        if e is not None:
            out.append(e.contract())
    return out


# --- compare --------------------------------------------------------------------------------------


def _rig_words(hw: Hardware) -> str:
    """'2x NVIDIA GeForce RTX 3090', 'Apple M3 Ultra (80-core GPU) 512 GB': a rig in a few words."""
    parts = [f"{g.count}x {g.name}" if g.count > 1 else g.name for g in hw.gpus]
    if hw.soc is not None:
        parts.append(f"{hw.soc.name} {hw.unified_memory_gb:g} GB" if hw.unified_memory_gb else hw.soc.name)
    if hw.ram_gb and not parts:
        parts.append(f"{hw.ram_gb:g} GB RAM")
    return " + ".join(parts) or "a rig with no device named"


def _best_of_each(
    q: Question, rigs: Sequence[Hardware], catalog: Catalog
) -> tuple[list[tuple[ModelSpec, tuple[str, ...], Hardware]], str] | None:
    """Each rig with the best model it runs well (the ranking a best list leads with), and that in
    words; None where no rig runs one."""
    from sizing import rank_best  # the ranking is imported by the questions that ask for it

    wished = q.min_tps or DEFAULT_MIN_TPS
    sides: list[tuple[ModelSpec, tuple[str, ...], Hardware]] = []
    words = []
    for hw in rigs:
        found = rank_best(list(catalog.models), hw, context=q.context, task=q.task, min_tps=wished, limit=1)
        if not found:
            words.append(f"{_rig_words(hw)}: no model at {wished:g}+ tokens/s")
            continue
        e = found[0].estimate
        sides.append((e.model, (), hw))
        words.append(
            f"{_rig_words(hw)}: {e.model.name} at {e.quant.id}, ~{tps_text(e.speed.decode_tps)} tokens/s"
        )
    if not sides:
        return None
    task = f" for {q.task}" if q.task else ""
    return sides, f"Best{task} on each rig (ranked by public evaluations): " + "; ".join(words) + "."


def ram_bought(q: Question, rigs: Sequence[Hardware]) -> tuple[tuple[Hardware, ...], str] | None:
    """An amount said for more system RAM: the most RAM it buys at the dated price per GB (in the
    module sizes sold), each rig with that much more, and that in words; None where none is said or
    it buys too little."""
    from sizing.hardware import memory_price_per_gb

    if q.ram_budget_usd is None or not rigs:
        return None
    said = {(hw.ram_type or "").upper() for hw in rigs} - {""}
    kind = "DDR4" if said == {"DDR4"} else "DDR5"
    price = memory_price_per_gb(kind)
    if price is None:
        return None
    gb = max((x for x in RAM_SIZES_GB if x * price.price_usd_per_gb <= q.ram_budget_usd), default=0)
    if not gb:
        return None
    more = tuple(hw.model_copy(update={"ram_gb": (hw.ram_gb or DEFAULT_RAM_GB) + gb}) for hw in rigs)
    which = "each rig is" if len(rigs) > 1 else "the rig is"
    unsaid = (
        f" ({DEFAULT_RAM_GB:g} GB assumed where its RAM is not said)"
        if any(hw.ram_gb is None for hw in rigs)
        else ""
    )
    return more, (
        f"${q.ram_budget_usd:,.0f} for more RAM buys about {gb} GB of {kind} at "
        f"~${price.price_usd_per_gb:.2f} per GB ({price.source}, {price.date}): {which} sized with "
        f"{gb} GB more system RAM{unsaid}."
    )


def _like_for_like_needed(c: RigComparison) -> bool:
    """One model on every rig, each run fully on the GPUs at a different quant of the same quality
    band (FP8 on one, BF16 on the other): weighing them as picked compares the quants, not the rigs."""
    from sizing import quality_band

    picks = [s.estimate for s in c.sides if s.estimate is not None and s.runs]
    return (
        len(picks) == len(c.sides) >= 2
        and len({s.model.id for s in c.sides}) == 1
        and len({e.quant.id for e in picks}) > 1
        and len({quality_band(e.quant.kld) for e in picks}) == 1
        and all(e.verdict == "gpu" for e in picks)
    )


def _side_speed_words(e: Estimate) -> str:
    """'~35 tokens/s each' for several users at once, '~35 tokens/s' for one."""
    serving = e.speed.serving
    if serving is not None:
        return f"~{tps_text(serving.per_user_tps)} tokens/s each"
    return f"~{tps_text(e.speed.decode_tps)} tokens/s"


def _best_of_each_words(q: Question, c: RigComparison, own: RigComparison) -> str:
    """'Best on each rig (...): A: M at Q8_0, ~35 tokens/s each; B: M at Q8_0, ~42 tokens/s each (B's
    own pick: BF16, ~26 each).' from the sides the comparison weighs; where they were weighed at one
    quant, each rig's own pick beside it."""
    words = []
    for s, o in zip(c.sides, own.sides, strict=False):
        e = s.estimate
        if e is None or not s.runs:
            words.append(f"{_rig_words(s.hardware)}: {s.model.name} does not run ({s.summary})")
            continue
        cache = f" with a {e.memory.kv_type} KV cache" if e.memory.kv_type in ("fp8", "q8_0") else ""
        said = f"{_rig_words(s.hardware)}: {s.model.name} at {e.quant.id}{cache}, {_side_speed_words(e)}"
        oe = o.estimate
        if oe is not None and o.runs and oe.quant.id != e.quant.id:
            said += f" (its own pick: {oe.quant.id}, {_side_speed_words(oe)})"
        words.append(said)
    task = f" for {q.task}" if q.task else ""
    return f"Best{task} on each rig (ranked by public evaluations): " + "; ".join(words) + "."


def answer_compare(q: Question, catalog: Catalog) -> Answer:
    from sizing import compare, reference_model

    rigs = q.rigs or ((q.hardware,) if q.hardware is not None else ())
    hints: list[str] = []
    best_at: int | None = None  # where the best of each rig is said
    if len(q.models) >= 2 and len(rigs) >= 2:  # the rigs for each model, the first named first
        sides = [(r.model, r.assumptions, hw) for r in q.models for hw in rigs]
    elif len(q.models) >= 2:
        sides = [(r.model, r.assumptions, rigs[0]) for r in q.models]
    else:
        if q.models:
            model, extra = q.models[0].model, q.models[0].assumptions
        elif q.wants_best:  # "best model for a 3090 or a 5090?": each rig with its own best
            bought = ram_bought(q, rigs)
            if bought is not None:  # "with a budget of $500 for extra ram": each rig with the RAM it buys
                rigs, said_ram = bought
                hints.append(said_ram)
            best = _best_of_each(q, rigs, catalog)
            if best is None:
                return notice(
                    "clarify",
                    "None of these rigs runs a catalog model at a usable speed.",
                    catalog.version,
                    question=info(q),
                )
            sides, said = best
            best_at = len(hints)
            hints.append(said)
            model, extra = sides[0][0], ()
        else:
            found = reference_model(catalog.models, rigs, q.context, q.task)
            if found is None:
                return notice(
                    "clarify",
                    "Which model should the rigs be compared on?",
                    catalog.version,
                    question=info(q),
                )
            model, extra = found, ()
            hints.append(
                f"No model named: compared on {found.name}, the largest "
                f"{'' if q.task in (None, 'chat') or q.task not in found.tasks else q.task + ' model '}"
                "the bigger rig holds at Q4_K_M."
            )
        if not (q.wants_best and not q.models):
            sides = [(model, extra, hw) for hw in rigs]
    best_of_each = q.wants_best and not q.models

    def weighed(same_quant: bool) -> RigComparison:
        return compare(
            sides,
            context=q.context,
            quant=q.quant or q.pulled_quant,
            quants=dict(q.model_quants),
            engine=q.engine,
            min_tps=q.min_tps or DEFAULT_MIN_TPS,
            prefer=q.prefer,
            task=q.task,
            prompt_speed=q.prompt_speed,
            both_speeds=q.both_speeds,
            depth=q.depth,
            change=q.change,
            instead=q.instead,
            max_usd=q.max_usd,
            users=q.users or 1,
            same_quant=same_quant,
            prices_said=dict(q.prices_said),
            money_held=money_beside(q.text) if q.change is not None and q.instead is not None else None,
        )

    try:
        c = weighed(q.same_quant)
        own = c
        if best_of_each and not q.same_quant and (q.users or 1) > 1 and _like_for_like_needed(c):
            # one model best on every rig, picked at quants of one quality band for several users (the
            # verdict weighs what each serves, not a speed at the other's quant): weighed at one quant
            c = weighed(True)
    except SizingError as err:
        return notice("error", str(err), catalog.version, hint=err.hint, question=info(q))
    if best_of_each and best_at is not None:
        # the best of each rig at the quant and speed the comparison weighs (one pick for both)
        hints[best_at] = _best_of_each_words(q, c, own)
    for r in q.models:  # a size alone taken for an MoE changes the verdict tenfold: say so up front
        hints.extend(f"{r.model.name}: {a}." for a in r.assumptions if a.startswith("dense or MoE not said"))
    # the system RAM assumed where it decides a side's fit: a verdict resting on 16 GB nobody said
    for said in dict.fromkeys(
        a
        for s in c.sides
        if s.estimate is not None and s.estimate.verdict != "gpu"
        for a in s.estimate.assumptions
        if a.startswith(RAM_ASSUMED)
    ):
        hints.append(f"{said[0].upper()}{said[1:]} (the verdict depends on it).")
    left_out = [r.model.name for r in q.models if r.model.id not in {s.model.id for s in c.sides}]
    if len(rigs) >= 2 and left_out:  # more rigs x models than a comparison holds
        hints.append(f"Compared the rigs on the models named first: ask again for {', '.join(left_out)}.")
    compared = {s.hardware.canonical() for s in c.sides}
    rigs_out = [_rig_words(hw) for hw in rigs if hw.canonical() not in compared]
    if rigs_out:  # more rigs than a comparison holds: never dropped unsaid
        again = "it" if len(rigs_out) == 1 else "them"
        hints.append(
            f"Compared the first {len(compared)} rigs named; left out {', '.join(rigs_out)}: "
            f"ask for {again} apart."
        )
    comparisons = [
        Comparison(
            hardware=s.hardware.contract(),
            model=ModelRef.of(s.model),
            estimate=s.estimate.contract() if s.estimate is not None else None,
            summary=s.summary,
            price_usd=s.price.usd if s.price is not None else None,
            # an unpriced Mac: its floor, said as "at least" beside no price
            price_source=_price_said(s.price or s.price_floor),
            quality=s.quality.value if s.quality is not None else None,
            quality_source=f"{s.quality.source_name}, {s.quality.snapshot.isoformat()}"
            if s.quality
            else None,
        )
        for s in c.sides
    ]
    note = shape_note([s.model for s in c.sides], {s.model.id: s.speed(False) for s in c.sides})
    if note and len({s.model.id for s in c.sides}) > 1 and all(s.model.is_generic for s in c.sides):
        hints.append(note)
    return CompareAnswer(
        question=info(q),
        comparisons=comparisons,
        winner=c.winner,
        options=[s.estimate.contract() for s in c.sides if s.estimate is not None],
        verdict=c.verdict + _measured_words(q, c),
        hints=_with_wishes(hints, q),
        wishes=wishes(q),
        catalog_version=catalog.version,
        estimator_version=ESTIMATOR_VERSION,
    )


# a speed aimed at beside the one measured: "would a 5090 get me past 45?", "could I hit 60", "over 40 t/s"
_TARGET = re.compile(
    r"(?i)\b(?:past|over|above|beyond|exceed|exceeding|hit|reach|reaching|break|crack|at\s+least"
    r"|get(?:s|ting)?\s+(?:me\s+|it\s+|us\s+)?(?:up\s+)?to)\s+"
    r"(?:~|about\s+)?(?P<n>\d{1,4}(?:\.\d+)?)(?!\s*(?:gb|g\b|k\b|%|b\b|w\b|\$|usd|dollars|bucks))"
)
# within this share of the speed aimed at, the answer says "about": the estimate's own spread is wider
_TARGET_NEAR = 0.05


def speed_target(text: str, seen: float | None) -> float | None:
    """The speed an upgrade is asked to reach, said as a bare figure beside the speed measured now
    ("gets 28 t/s ..., would a 5090 get me past 45?"): a figure above the measured one; else None."""
    if seen is None:
        return None
    for m in _TARGET.finditer(text):
        n = float(m.group("n"))
        if n > seen and f"{n:g}" != f"{seen:g}":
            return n
    return None


# the good-band quantizations an upgrade can step down to for a speed aimed at, finest first
_STEP_DOWN = ("Q6_K", "Q5_K_M", "Q4_K_M")


def _coarser_reaching(after: Estimate, hw: Hardware, target: float, ratio: float) -> tuple[str, float] | None:
    """(quantization, speed) of the finest coarser quantization of the good band that, placed as the
    upgrade's pick, reaches the speed aimed at where the pick misses it (speeds times `ratio`, the
    measured over the estimated); None otherwise."""
    for qid in _STEP_DOWN:
        quant = resolve_quant(qid)
        if quant.bits >= after.quant.bits or quant.format != after.quant.format:
            continue
        e = estimate_again(after, hw, quant=quant)
        if e is None or e.verdict != after.verdict:
            continue
        speed = e.speed.decode_tps * ratio
        if speed >= target * (1 + _TARGET_NEAR):
            return qid, speed
    return None


def _reached_words(target: float, scaled: float, after: Estimate, hw: Hardware, ratio: float) -> str:
    """The answer to a speed aimed at: at the upgrade's pick, or where the pick misses it and a coarser
    good-band quantization reaches it, that one (' Past 50? Yes at Q6_K, ~60 (Q8_0, the pick: ~46).')."""
    if scaled < target * (1 + _TARGET_NEAR):
        coarser = _coarser_reaching(after, hw, target, ratio)
        if coarser is not None:
            qid, speed = coarser
            return (
                f" Past {tps_text(target)}? Yes at {qid}, ~{tps_text(speed)} ({after.quant.id}, the pick: "
                f"~{tps_text(scaled)})."
            )
    return _target_words(target, scaled)


def _target_words(target: float, scaled: float) -> str:
    """' Past 45? Yes, ~52.' / ' Past 45? About: ~46, too close to call.' / ' Past 45? No, ~38.'"""
    asked = f" Past {tps_text(target)}?"
    if scaled >= target * (1 + _TARGET_NEAR):
        return f"{asked} Yes, ~{tps_text(scaled)}."
    if scaled >= target * (1 - _TARGET_NEAR):
        return f"{asked} About: ~{tps_text(scaled)}, too close to call."
    return f"{asked} No, ~{tps_text(scaled)}."


def _measured_words(q: Question, c: RigComparison) -> str:
    """The upgrade's speed anchored on the speed the asker measures now: ' You measure ~28 tokens/s
    now (~31 estimated for that setup): at the same ratio the upgrade gives ~45 at the same Q4_K_M.'
    for an upgrade asked with the speed the asker has now, and the answer to a speed aimed at; ''
    otherwise. The ratio is taken at today's quant where the upgrade picks another."""
    if (
        q.speed_seen is None
        or q.seen_on is not None
        or q.change is None
        or q.prompt_speed
        or len(c.sides) < 2
    ):
        return ""
    now, after = c.sides[0], c.sides[1]
    if now.estimate is None or after.estimate is None or not (now.runs and after.runs):
        return ""
    x, y = now.estimate.speed.decode_tps, after.estimate.speed.decode_tps
    if x <= 0:
        return ""
    seen = tps_text(q.speed_seen)
    target = speed_target(q.text, q.speed_seen)
    if abs(q.speed_seen - x) <= 0.25 * x:  # the measurement is within the estimate's range
        said = f" You measure ~{seen} tokens/s now (~{tps_text(x)} estimated for that setup)"
    else:
        said = (
            f" You measure ~{seen} tokens/s now where ~{tps_text(x)} is estimated for that setup at the "
            "quant and KV cache shown (different settings would explain it: try those first)"
        )
    if now.estimate.verdict != after.estimate.verdict:
        # a ratio measured on one placement says nothing of another: offloaded layers run at the
        # system memory's speed, layers on the GPU at the GPU's, so the gap is not carried across
        reached = _reached_words(target, y, after.estimate, after.hardware, 1.0) if target is not None else ""
        return (
            f"{said}; that figure is measured {_PLACEMENT_WORDS.get(now.estimate.verdict, 'as set up now')}"
            f" and the upgrade runs it {_PLACEMENT_WORDS.get(after.estimate.verdict, 'otherwise')}, so the"
            f" gap is not carried over: ~{tps_text(y)} is the estimate there.{reached}"
        )
    same = ""
    if after.estimate.quant.id != now.estimate.quant.id:
        # the ratio holds for the same work: the upgrade's pick at today's quant, where it sizes
        like = estimate_again(after.estimate, after.hardware, quant=now.estimate.quant)
        if like is not None and like.verdict == after.estimate.verdict and like.speed.decode_tps > 0:
            scaled_pick = q.speed_seen * y / x
            y = like.speed.decode_tps
            same = (
                f" at the same {now.estimate.quant.id} (~{tps_text(scaled_pick)} at "
                f"{after.estimate.quant.id})"
            )
    scaled = q.speed_seen * y / x
    if target is None:
        reached = ""
    elif same:  # the ratio taken at today's quant, finer than the pick's: the speed there answers
        reached = _target_words(target, scaled)
    else:
        reached = _reached_words(target, scaled, after.estimate, after.hardware, q.speed_seen / x)
    return f"{said}: at the same ratio the upgrade gives about {tps_text(scaled)} tokens/s{same}.{reached}"


_PLACEMENT_WORDS = {"gpu": "fully on the GPU", "partial": "partly offloaded", "cpu": "CPU-only"}


class _Priced(Protocol):
    """A rig's price as the core gives it: its public pages and what it covers, in words."""

    @property
    def sources(self) -> tuple[str, ...]: ...

    @property
    def words(self) -> str: ...


def _price_said(price: _Priced | None) -> str | None:
    """The public pages of a rig's price and what it covers ("...; GPUs only"), or None."""
    return None if price is None else "; ".join(price.sources) + f" ({price.words})"
