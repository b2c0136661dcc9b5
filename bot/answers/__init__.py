"""Answers: the `canirun ask --json` contract (`Answer` and its parts) and the pure path from a
read question to its answer. No I/O: the service (bot.service) adds the cache, rate limits and
saved rigs; the renderers (bot.render) turn an Answer into text for each frontend."""

from ._build import (
    EXAMPLES,
    Structured,
    answer_question,
    answer_text,
    cache_key_parts,
    engine_options,
    notice,
    question_from_structured,
)
from ._types import (
    ANSWER_TYPES,
    Answer,
    AnswerFix,
    AnswerOption,
    BestOption,
    CapacityAnswer,
    CapacityLimit,
    CompareAnswer,
    Comparison,
    PurchaseAnswer,
    QuestionInfo,
    RankedOption,
    RequirementsAnswer,
    RigOption,
    Wishes,
    answer_from_json,
)

__all__ = [
    "ANSWER_TYPES",
    "EXAMPLES",
    "Answer",
    "AnswerFix",
    "AnswerOption",
    "BestOption",
    "CapacityAnswer",
    "CapacityLimit",
    "CompareAnswer",
    "Comparison",
    "PurchaseAnswer",
    "QuestionInfo",
    "RankedOption",
    "RequirementsAnswer",
    "RigOption",
    "Structured",
    "Wishes",
    "answer_from_json",
    "answer_question",
    "answer_text",
    "cache_key_parts",
    "engine_options",
    "notice",
    "question_from_structured",
]
