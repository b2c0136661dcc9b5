"""Question -> Answer with the sizing core (pure, synchronous; the service adds cache and limits)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sizing import (
    ESTIMATOR_VERSION,
    Catalog,
    Hardware,
    SizingError,
    UnknownModelError,
    advise,
    best_models,
    read_question,
)
from sizing.catalog import ModelSpec, active_params, total_params
from sizing.question import Question

from .answer import Answer, FixOut, ModelRef, QuestionInfo

__all__ = ["EXAMPLES", "Structured", "answer_question", "answer_structured", "canonical_key_parts"]

EXAMPLES = (
    "can I run qwen3 30b on an RTX 3090 with 32GB RAM?",
    "gpt-oss-120b on a 4090 + 64GB DDR5 at 32k context",
    "best coding model for an M2 Max 64GB",
)


@dataclass(frozen=True, slots=True)
class Structured:
    """A question asked in fields (slash commands, `canirun estimate`)."""

    model: str | None
    hardware: str
    context: int | None = None
    quant: str | None = None
    engine: str | None = None
    task: str | None = None
    min_tps: float | None = None
    best: bool = False


def _model_ref(m: ModelSpec) -> ModelRef:
    return ModelRef(
        id=m.id,
        name=m.name,
        total_params_b=round(total_params(m) / 1e9, 2),
        active_params_b=round(active_params(m) / 1e9, 2) if m.moe else None,
    )


def _info(q: Question) -> QuestionInfo:
    return QuestionInfo(
        text=q.text,
        models=[_model_ref(r.model) for r in q.models],
        hardware=q.hardware.to_contract() if q.hardware is not None else None,
        context=q.context,
        task=q.task,
        missing=list(q.missing),
    )


def _clarify(q: Question, catalog: Catalog, message: str) -> Answer:
    return Answer(
        kind="clarify",
        question=_info(q),
        message=message,
        verdict=message,
        catalog_version=catalog.version,
        estimator_version=ESTIMATOR_VERSION,
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


def canonical_key_parts(q: Question) -> tuple[object, ...]:
    """What makes two wordings the same question: the reading, not the words."""
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
    )


def answer_question(text: str, catalog: Catalog) -> Answer:
    """Answer a free-text question."""
    try:
        q = read_question(text, catalog.index)
    except SizingError as err:
        return _error(str(err), err.hint, catalog)
    return answer_read(q, catalog)


def answer_read(q: Question, catalog: Catalog) -> Answer:
    if q.missing:
        return _clarify(q, catalog, _missing_message(q))
    if q.problems:
        return _clarify(q, catalog, q.problems[0].capitalize() + ". Ask about one rig at a time.")
    assert q.hardware is not None
    if q.wants_best:
        return _answer_best(q, q.hardware, catalog)
    return _answer_models(q, q.hardware, catalog)


def _answer_models(q: Question, hw: Hardware, catalog: Catalog) -> Answer:
    options: list[dict[str, object]] = []
    fixes: list[FixOut] = []
    hints: list[str] = []
    verdicts: list[str] = []
    for r in q.models[:3]:
        try:
            advice = advise(
                r.model,
                hw,
                context=q.context,
                engine=q.engine,
                quant=q.quant,
                min_tps=q.min_tps or 10.0,
                extra_assumptions=r.assumptions,
            )
        except SizingError as err:
            verdicts.append(f"{r.model.name}: {err}")
            continue
        verdicts.append(advice.summary)
        options.extend(o.estimate.to_contract() | {"max_context": o.max_context} for o in advice.options[:6])
        fixes.extend(FixOut(change=f.change, estimate=f.estimate.to_contract()) for f in advice.fixes)
        hints.extend(advice.hints)
    if not options:
        msg = " ".join(verdicts) or "Nothing to estimate."
        return _error(msg, None, catalog, _info(q))
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
    found = best_models(
        catalog.models, hw, context=q.context, task=q.task, min_tps=q.min_tps or 10.0, limit=8
    )
    info = _info(q)
    if not found:
        return Answer(
            kind="best",
            question=info,
            verdict="No model in the catalog runs at a usable speed on this rig.",
            catalog_version=catalog.version,
            estimator_version=ESTIMATOR_VERSION,
        )
    top = found[0]
    task = f" for {q.task}" if q.task else ""
    verdict = (
        f"Best{task} on this rig: {top.model.name} at {top.quant.id}, ~{top.speed.decode_tps:.0f} tokens/s "
        f"({top.memory.placement.verdict}). Ranked by size and recency among models that keep up."
    )
    return Answer(
        kind="best",
        question=info,
        options=[e.to_contract() for e in found],
        verdict=verdict,
        catalog_version=catalog.version,
        estimator_version=ESTIMATOR_VERSION,
    )


def answer_structured(s: Structured, catalog: Catalog) -> Answer:
    """Answer a question given in fields."""
    from sizing import parse_hardware

    try:
        hw = parse_hardware(s.hardware)
    except SizingError as err:
        return _error(str(err), err.hint, catalog)
    resolutions = []
    errors: list[UnknownModelError] = []
    if s.model:
        try:
            resolutions.append(catalog.resolve(s.model))
        except UnknownModelError as err:
            errors.append(err)
    missing = []
    if not resolutions and not s.best:
        missing.append("model")
    if hw.is_empty and hw.cpu is None:
        missing.append("hardware")
    q = Question(
        text=f"{s.model or ''} on {s.hardware}".strip(),
        models=tuple(resolutions),
        hardware=None if "hardware" in missing else hw,
        context=s.context,
        task=s.task,
        min_tps=s.min_tps,
        engine=s.engine,
        quant=s.quant,
        wants_best=s.best,
        missing=tuple(missing),
        model_errors=tuple(errors),
    )
    if errors and "model" in missing:
        err = errors[0]
        return _error(str(err), err.hint, catalog, _info(q))
    return answer_read(q, catalog)


def _error(message: str, hint: str | None, catalog: Catalog, info: QuestionInfo | None = None) -> Answer:
    return Answer(
        kind="error",
        question=info or QuestionInfo(),
        message=message,
        error=message,
        hint=hint,
        verdict=message,
        catalog_version=catalog.version,
        estimator_version=ESTIMATOR_VERSION,
    )


def model_refs(models: Sequence[ModelSpec]) -> list[ModelRef]:
    return [_model_ref(m) for m in models]
