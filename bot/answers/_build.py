"""Question -> Answer with the sizing core (pure and synchronous; the service adds the cache,
rate limits and saved rigs).

A question comes as text (`sizing.read_question`) or in fields (slash commands, `canirun best`:
`Structured`, read into a Question by `question_from_structured`); from there both take one path,
`answer_question`, and share one cache key, `cache_key_parts`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sizing import (
    ESTIMATOR_VERSION,
    BestModel,
    Catalog,
    Hardware,
    ModelRef,
    Question,
    SizingError,
    advise,
    parse_hardware,
    rank_best,
    read_question,
)
from sizing.vocabulary import DEFAULT_MIN_TPS, AnswerKind

from ._types import Answer, AnswerFix, AnswerOption, BestOption, QuestionInfo, RankedOption

__all__ = [
    "EXAMPLES",
    "Structured",
    "answer_question",
    "answer_text",
    "cache_key_parts",
    "notice",
    "question_from_structured",
]

EXAMPLES = (
    "can I run qwen3 30b on an RTX 3090 with 32GB RAM?",
    "gpt-oss-120b on a 4090 + 64GB DDR5 at 32k context",
    "best coding model for an M2 Max 64GB",
)
_WISHES = ("context", "quant", "engine", "task", "min_tps")  # asked the same way in text and in fields
MODELS_ANSWERED = 3  # models one answer covers; a question may name more
OPTIONS_PER_MODEL = 6
BEST_LISTED = 8
SLOW_FLOOR_TPS = 3.0  # "best" on a rig where nothing keeps up: still faster than a slow reader


@dataclass(frozen=True, slots=True)
class Structured:
    """A question asked in fields (slash commands, `canirun best`). Empty hardware: the asker's
    saved rig (the service fills it in)."""

    model: str | None
    hardware: str
    best: bool = False  # the best models for the rig, not one model
    context: int | None = None
    quant: str | None = None
    engine: str | None = None
    task: str | None = None
    min_tps: float | None = None


def question_from_structured(s: Structured, catalog: Catalog) -> Question:
    """The Question that `s` asks. Raises SizingError when the hardware cannot be read or the
    named model is not in the catalog (asked in fields, an unknown model is an error, not a
    question back)."""
    hw = parse_hardware(s.hardware)
    models = (catalog.resolve(s.model),) if s.model else ()
    missing = []
    if not models and not s.best:
        missing.append("model")
    if hw.is_empty and hw.cpu is None:
        missing.append("hardware")
    return Question(
        text=f"{s.model or ''} on {s.hardware}".strip(),
        models=models,
        hardware=None if "hardware" in missing else hw,
        wants_best=s.best,
        missing=tuple(missing),
        **{wish: getattr(s, wish) for wish in _WISHES},
    )


def cache_key_parts(q: Question) -> tuple[object, ...]:
    """What makes two askings the same question: the reading, not the words or the form."""
    hw = q.hardware.canonical() if q.hardware is not None else None
    return (
        "best" if q.wants_best else "estimate",
        tuple(sorted(r.model.id for r in q.models)),
        hw,
        q.context,
        q.quant,
        q.engine,
        q.task if q.wants_best else None,
        q.min_tps,
        tuple(q.missing),
        tuple(q.problems),
        tuple(str(e) for e in q.model_errors),
    )


def notice(
    kind: AnswerKind,
    message: str,
    catalog_version: str,
    *,
    hint: str | None = None,
    question: QuestionInfo | None = None,
) -> Answer:
    """An answer that is only a message: a question back ("clarify") or an error."""
    return Answer(
        kind=kind,
        question=question or QuestionInfo(),
        message=message,
        error=message if kind == "error" else None,
        hint=hint,
        verdict=message,
        catalog_version=catalog_version,
        estimator_version=ESTIMATOR_VERSION,
    )


def answer_question(q: Question, catalog: Catalog) -> Answer:
    """The answer to a read question: a question back when it lacks something, else the sizing."""
    if q.missing:
        return notice("clarify", _missing_message(q), catalog.version, question=_info(q))
    if q.problems:
        message = q.problems[0].capitalize() + ". Ask about one rig at a time."
        return notice("clarify", message, catalog.version, question=_info(q))
    assert q.hardware is not None
    if q.wants_best:
        return _answer_best(q, q.hardware, catalog)
    return _answer_models(q, q.hardware, catalog)


def answer_text(text: str, catalog: Catalog) -> Answer:
    """A free-text question read and answered (no cache: the service adds it and the saved rig)."""
    try:
        q = read_question(text, catalog.index)
    except SizingError as err:
        return notice("error", str(err), catalog.version, hint=err.hint)
    return answer_question(q, catalog)


def _info(q: Question) -> QuestionInfo:
    return QuestionInfo(
        text=q.text,
        models=[ModelRef.of(r.model) for r in q.models],
        hardware=q.hardware.contract() if q.hardware is not None else None,
        context=q.context,
        task=q.task,
        missing=list(q.missing),
    )


def _missing_message(q: Question) -> str:
    parts = []
    if "model" in q.missing:
        if q.model_errors:
            err = q.model_errors[0]
            parts.append(f"{err}. " + (err.hint or ""))
        else:
            parts.append('Which model? Name one, like "Qwen3 30B" or "gpt-oss-120b".')
    if "hardware" in q.missing:
        parts.append('What hardware? Say it like "RTX 3090, 64GB RAM" or "M2 Max 96GB".')
    return " ".join(parts) + f' Example: "{EXAMPLES[0]}"'


def _answer_models(q: Question, hw: Hardware, catalog: Catalog) -> Answer:
    options: list[AnswerOption] = []
    fixes: list[AnswerFix] = []
    hints: list[str] = []
    verdicts: list[str] = []
    for r in q.models[:MODELS_ANSWERED]:
        try:
            advice = advise(
                r.model,
                hw,
                context=q.context,
                engine=q.engine,
                quant=q.quant,
                min_tps=q.min_tps or DEFAULT_MIN_TPS,
                extra_assumptions=r.assumptions,
            )
        except SizingError as err:
            verdicts.append(f"{r.model.name}: {err}")
            continue
        verdicts.append(advice.summary)
        options.extend(
            RankedOption(
                **dict(o.estimate.contract()),
                max_context=o.max_context,
                max_context_by_kv=dict(o.max_context_by_kv),
            )
            for o in advice.options[:OPTIONS_PER_MODEL]
        )
        fixes.extend(
            AnswerFix(change=f.change, estimate=f.estimate.contract(), price_usd=f.price_usd)
            for f in advice.fixes
        )
        hints.extend(advice.hints)
    if not options:
        return notice(
            "error", " ".join(verdicts) or "Nothing to estimate.", catalog.version, question=_info(q)
        )
    return Answer(
        kind="estimate",
        question=_info(q),
        options=options,
        verdict=" ".join(verdicts),
        fixes=fixes,
        hints=hints,
        catalog_version=catalog.version,
        estimator_version=ESTIMATOR_VERSION,
    )


def _answer_best(q: Question, hw: Hardware, catalog: Catalog) -> Answer:
    wished = q.min_tps or DEFAULT_MIN_TPS
    found = rank_best(catalog.models, hw, context=q.context, task=q.task, min_tps=wished, limit=BEST_LISTED)
    slower = ""
    if not found and q.min_tps is None:
        # nothing keeps up with the default wish (a small CPU-only box): the best that still reads
        found = rank_best(
            catalog.models, hw, context=q.context, task=q.task, min_tps=SLOW_FLOOR_TPS, limit=BEST_LISTED
        )
        if found:
            slower = (
                f" Nothing reaches {DEFAULT_MIN_TPS:g} tokens/s on this rig; these reach at least "
                f"{SLOW_FLOOR_TPS:g}."
            )
    if not found:
        verdict = f"No model in the catalog runs at {wished:g} tokens/s or more on this rig."
    else:
        verdict = _best_verdict(q, found[0]) + slower
    return Answer(
        kind="best",
        question=_info(q),
        options=[
            BestOption(**dict(b.estimate.contract()), quality=b.quality, quality_basis=b.basis) for b in found
        ],
        verdict=verdict,
        catalog_version=catalog.version,
        estimator_version=ESTIMATOR_VERSION,
    )


def _best_verdict(q: Question, top: BestModel) -> str:
    e = top.estimate
    task = f" for {q.task}" if q.task else ""
    where = {"gpu": "fully on the GPU", "partial": "partly offloaded", "cpu": "on the CPU"}.get(e.verdict, "")
    return (
        f"Best{task} on this rig: {e.model.name} at {e.quant.id}, ~{e.speed.decode_tps:.0f} tokens/s "
        f"{where}. Ranked by public evaluations (LMArena, LiveBench), one model per family, among "
        "models that run here at 3.5 bits or better, fully on the GPU or at the wished speed."
    )
