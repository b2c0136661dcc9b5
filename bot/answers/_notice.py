"""The parts every kind of answer shares: how the question was read, its wishes, and an answer
that is only a message (a question back, or an error)."""

from __future__ import annotations

from sizing import ESTIMATOR_VERSION, ModelRef, Question
from sizing.vocabulary import AnswerKind

from ._types import Answer, QuestionInfo, Wishes

__all__ = ["info", "notice", "wishes"]


def info(q: Question) -> QuestionInfo:
    """How the question was read (the `question` key of every answer)."""
    return QuestionInfo(
        text=q.text,
        models=[ModelRef.of(r.model) for r in q.models],
        hardware=q.hardware.contract() if q.hardware is not None else None,
        context=q.context,
        task=q.task,
        missing=list(q.missing),
        kv_type=q.kv_type,
    )


def wishes(q: Question) -> Wishes:
    return Wishes(
        min_tps=q.min_tps,
        context=q.context,
        depth=q.depth,
        task=q.task,
        prefer=q.prefer,
        quant=q.quant,
        engine=q.engine,
        max_usd=q.max_usd,
        users=q.users,
        model_quants=dict(q.model_quants),
        text_only=q.text_only,
        no_video=q.no_video,
        split_mode=q.split_mode,
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
