"""The Answer: the `canirun ask --json` contract, and what every renderer reads.

An answer is of one kind (`sizing.vocabulary.AnswerKind`): "estimate" (a model, or several, on a
rig: ranked options), "best" (models for a rig), "clarify" (the question lacks a model or
hardware: `message` asks for it) or "error". Every kind carries every key below, so a consumer
reads any answer the same way; keys are only ever added.

A new kind that needs keys of its own is a subclass with a `Literal` kind and those fields (for
example `rigs` for "what hardware do I need?"), registered in `ANSWER_TYPES`, so answers of the
kinds before it keep exactly their JSON and the cache reads each answer back as its own class.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sizing import EstimateContract, HardwareContract, ModelRef
from sizing.vocabulary import AnswerKind

__all__ = [
    "ANSWER_TYPES",
    "Answer",
    "AnswerFix",
    "AnswerOption",
    "BestOption",
    "QuestionInfo",
    "RankedOption",
    "answer_from_json",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class QuestionInfo(_Frozen):
    """How the question was read."""

    text: str | None = None  # the question as asked (fields read as "MODEL on HARDWARE")
    models: list[ModelRef] = Field(default_factory=list)  # models named (or generic ones by size)
    hardware: HardwareContract | None = None  # the `canirun parse --json` contract
    context: int | None = None  # tokens asked for, if any
    task: str | None = None  # chat, code or reasoning, if asked
    missing: list[str] = Field(default_factory=list)  # "model", "hardware": what to ask back for


class RankedOption(EstimateContract):
    """One way to run the asked model, as an "estimate" answer ranks them."""

    max_context: int | None  # the largest context that keeps this option fully on the GPUs
    # keeping this option's placement: on the GPUs for a GPU option, running at all for an offloaded
    # one (None where no context does)
    max_context_by_kv: dict[str, int | None] = Field(default_factory=dict)  # longest context per KV type


class BestOption(EstimateContract):
    """One model for the rig, as a "best" answer lists them: how it runs, and how good it is."""

    quality: float | None = None  # 0-100 on the public scores' reference scale; None: unscored
    quality_basis: str | None = None  # where `quality` comes from, in words


# "estimate" answers rank options (with `max_context`); "best" answers list models with their quality
AnswerOption = Annotated[RankedOption | BestOption | EstimateContract, Field(union_mode="left_to_right")]


class AnswerFix(_Frozen):
    """A change that makes the model run (fully on the GPUs, at all, or usably), and what it gives."""

    change: str  # what to change, in words
    estimate: EstimateContract  # the estimate after the change
    price_usd: float | None = None  # about what it costs (bundled public prices); None: free or unpriced


class Answer(_Frozen):
    kind: AnswerKind  # estimate, best, clarify or error
    question: QuestionInfo  # how the question was read
    options: list[AnswerOption] = Field(default_factory=list)  # best first
    verdict: str = ""  # the answer in one or two sentences
    fixes: list[AnswerFix] = Field(default_factory=list)  # changes that make it run better
    hints: list[str] = Field(default_factory=list)  # tips worth knowing (other engines, batch sizes ...)
    message: str | None = None  # for "clarify" and "error": what to tell the user
    error: str | None = None  # for "error": what went wrong
    hint: str | None = None  # how to ask so it works
    cached: bool = False  # served from the answer cache
    catalog_version: str = ""  # the catalog the answer used
    estimator_version: str = ""  # the estimator the answer used

    @property
    def best(self) -> EstimateContract | None:
        return self.options[0] if self.options else None

    def to_contract(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# the class of each kind's answers; kinds not listed are plain `Answer`s
ANSWER_TYPES: dict[str, type[Answer]] = {}


def answer_from_json(raw: str | bytes) -> Answer:
    """An answer from its JSON, as the class of its kind. Raises ValueError when it is not one."""
    try:
        if not ANSWER_TYPES:
            return Answer.model_validate_json(raw)
        kind = _Kind.model_validate_json(raw).kind
        return ANSWER_TYPES.get(kind, Answer).model_validate_json(raw)
    except ValidationError as err:
        raise ValueError(f"not an answer: {err.error_count()} problems") from err


class _Kind(BaseModel):
    model_config = ConfigDict(extra="ignore")

    kind: str
