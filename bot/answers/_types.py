"""The Answer: the `canirun ask --json` contract, and what every renderer reads.

An answer is of one kind (`sizing.vocabulary.AnswerKind`): "estimate" (a model, or several, on a
rig: ranked options), "best" (models for a rig), "clarify" (the question lacks a model or
hardware: `message` asks for it) or "error". Every kind carries every key below, so a consumer
reads any answer the same way; keys are only ever added.

A kind that needs keys of its own is a subclass with a `Literal` kind and those fields,
registered in `ANSWER_TYPES`, so answers of the kinds before it keep exactly their JSON and the
cache reads each answer back as its own class: "requirements" (`rigs`: the rigs that run the
model, cheapest first), "capacity" (`limits`: the largest models the rig holds per quantization),
"compare" (`comparisons`: rigs or models side by side, and the winner) and "purchase"
(`comparisons`: rigs to buy for a budget with the best model each runs, the pick and the runner-up).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sizing import EstimateContract, HardwareContract, ModelRef
from sizing.vocabulary import AnswerKind, KvType, Prefer

__all__ = [
    "ANSWER_TYPES",
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
    "Wishes",
    "answer_from_json",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class QuestionInfo(_Frozen):
    """How the question was read."""

    text: str | None = None  # the question as asked (fields read as "MODEL on HARDWARE")
    models: list[ModelRef] = Field(default_factory=list)  # models named (or generic ones by size)
    hardware: HardwareContract | None = None  # the `canirun parse --json` contract
    context: int | None = None  # tokens asked for, if any
    task: str | None = None  # chat, code or reasoning, if asked
    missing: list[str] = Field(default_factory=list)  # "model", "hardware": what to ask back for
    kv_type: KvType | None = None  # the KV cache type asked for, in llama.cpp's names (fp8: vLLM's)


class RankedOption(EstimateContract):
    """One way to run the asked model, as an "estimate" answer ranks them."""

    max_context: int | None  # the largest context that keeps this option fully on the GPUs
    # keeping this option's placement: on the GPUs for a GPU option, running at all for an offloaded
    # one (None where no context does)
    max_context_by_kv: dict[str, int | None] = Field(default_factory=dict)  # longest context per KV type


class BestOption(EstimateContract):
    """One model for the rig, as a "best" answer lists them: how it runs, and how good it is."""

    # required (nullable) so that a plain estimate never reads back as a BestOption
    quality: float | None  # 0-100 on the public scores' reference scale; None: unscored
    quality_basis: str | None  # where `quality` comes from, in words


# "estimate" answers rank options (with `max_context`); "best" answers list models with their quality
AnswerOption = Annotated[RankedOption | BestOption | EstimateContract, Field(union_mode="left_to_right")]


class AnswerFix(_Frozen):
    """A change that makes the model run (fully on the GPUs, at all, or usably), and what it gives."""

    change: str  # what to change, in words
    estimate: EstimateContract  # the estimate after the change
    price_usd: float | None = None  # about what it costs (bundled public prices); None: free or unpriced


class Answer(_Frozen):
    """An answer of any kind; the kind says which keys are filled."""

    kind: AnswerKind  # estimate, best, clarify, error, requirements, capacity or compare
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


class Wishes(_Frozen):
    """What the asker wants besides the model and the rig, as read: it shaped the answer."""

    min_tps: float | None = None  # the slowest generation that will do, tokens/s
    context: int | None = None  # tokens of context asked for
    depth: int | None = None  # tokens already in the context the speeds are given at
    task: str | None = None  # chat, code or reasoning
    prefer: Prefer | None = None  # what comes first: quality, speed or cost
    quant: str | None = None  # the quantization asked for
    engine: str | None = None  # the engine asked for
    max_usd: float | None = None  # the most the asker will spend on a rig, US dollars
    users: int | None = None  # people using the model at once
    model_quants: dict[str, str] = Field(default_factory=dict)  # model id -> its quant, where they differ
    text_only: bool = False  # a vision model for text alone (vLLM: --language-model-only)
    no_video: bool = False  # images but no video (vLLM: --limit-mm-per-prompt '{"video": 0}')
    split_mode: str | None = None  # llama.cpp's split mode asked for (-sm layer, row or tensor)


class RigOption(_Frozen):
    """One rig that runs the asked model, as a "requirements" answer lists them."""

    hardware: HardwareContract  # the rig, as `canirun parse --json` reads it
    summary: str  # the rig, quantization, context, engine, speed and rough cost in one line
    estimate: EstimateContract  # the model on this rig
    price_usd: float | None  # rough cost from dated public prices; None where none is on file
    price_source: str | None  # the public pages of those prices, and what they cover
    over_budget: bool = False  # priced above the most the asker will spend


class RequirementsAnswer(Answer):
    """What hardware runs the asked model(s): the smallest rig of each kind, cheapest first."""

    kind: Literal["requirements"] = "requirements"  # what hardware a model needs
    rigs: list[RigOption] = Field(default_factory=list)  # cheapest first; each estimate names its model
    notes: list[str] = Field(default_factory=list)  # kinds of rig that cannot run it, and why
    wishes: Wishes = Field(default_factory=Wishes)  # the wishes the rigs were chosen for


class CapacityLimit(_Frozen):
    """The largest models a rig holds at one quantization and KV cache type."""

    quant: str  # quantization id
    kv_type: KvType  # KV cache type
    context: int  # tokens of context sized for
    max_dense_params_b: float  # the largest dense model fully on the GPUs (or unified memory), billions
    max_moe_total_params_b: float  # the largest MoE, its experts in system RAM where there is some
    examples: list[str]  # catalog ids of models that fit at this quantization: dense, then MoE
    example_names: list[str]  # their display names, in the same order
    speed_bound: bool  # the speed asked for, not memory, set a limit


class CapacityAnswer(Answer):
    """The largest models the rig holds, per quantization."""

    kind: Literal["capacity"] = "capacity"  # the largest model a rig holds
    limits: list[CapacityLimit] = Field(default_factory=list)  # best quality first
    wishes: Wishes = Field(default_factory=Wishes)  # the wishes the limits were found for


class Comparison(_Frozen):
    """One side of a comparison: a model on a rig, its best way to run, its cost and quality."""

    hardware: HardwareContract  # the rig, as `canirun parse --json` reads it
    model: ModelRef  # the model
    estimate: EstimateContract | None  # the best way to run it there; None when it cannot be sized
    summary: str  # the advice in a sentence, or why it cannot be sized
    price_usd: float | None  # rough cost of the rig's cards or computer; None where none is on file
    price_source: str | None  # the public pages of those prices, and what they cover
    over_budget: bool = False  # priced above the most the asker will spend
    quality: float | None  # public quality score for the task, 0-100; None where none is on file
    quality_source: str | None  # the board and date of that score


class CompareAnswer(Answer):
    """Rigs or models side by side; `verdict` names the winner and why."""

    kind: Literal["compare"] = "compare"  # rigs or models side by side
    comparisons: list[Comparison] = Field(default_factory=list)  # in the order asked
    winner: int | None = None  # index into comparisons; None when none runs
    wishes: Wishes = Field(default_factory=Wishes)  # the wishes the winner was chosen for


class PurchaseAnswer(Answer):
    """What to buy for a budget, with no model named: rigs within it (and a few just over it), each with
    the best model it runs for the task at the speed floor; `verdict` names the pick and the runner-up."""

    kind: Literal["purchase"] = "purchase"  # what to buy for a budget and a task
    # within the budget best first (quality for the task, then speed, then price), then those just
    # over it (`over_budget`) that run something better
    comparisons: list[Comparison] = Field(default_factory=list)
    winner: int | None = None  # the pick: index into comparisons; None when nothing within it runs a model
    runner_up: int | None = None  # the next best within the budget; None when there is none
    assumptions: list[str] = Field(default_factory=list)  # prices (dated, used or new), what they cover
    wishes: Wishes = Field(
        default_factory=Wishes
    )  # the budget, task and speed floor the rigs were chosen for


# the class of each kind's answers; kinds not listed are plain `Answer`s
ANSWER_TYPES: dict[str, type[Answer]] = {
    "requirements": RequirementsAnswer,
    "capacity": CapacityAnswer,
    "compare": CompareAnswer,
    "purchase": PurchaseAnswer,
}


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
    model_config = ConfigDict(extra="ignore", defer_build=True)

    kind: str
