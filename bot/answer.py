"""The Answer: what every renderer reads, and nothing else.

An answer is one of four kinds: "estimate" (a model on a rig, ranked options), "best" (models for
a rig), "clarify" (the question lacks a model or hardware: `message` asks for it) and "error".
Its JSON is the `canirun ask --json` contract of DESIGN.md, plus additions.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Answer", "AnswerKind", "FixOut", "ModelRef", "QuestionInfo"]

AnswerKind = Literal["estimate", "best", "clarify", "error"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ModelRef(_Frozen):
    id: str
    name: str
    total_params_b: float
    active_params_b: float | None = None


class QuestionInfo(_Frozen):
    text: str | None = None
    models: list[ModelRef] = Field(default_factory=list)
    hardware: dict[str, Any] | None = None  # the `canirun parse --json` shape
    context: int | None = None
    task: str | None = None
    missing: list[str] = Field(default_factory=list)


class FixOut(_Frozen):
    change: str
    estimate: dict[str, Any]


class Answer(_Frozen):
    kind: AnswerKind
    question: QuestionInfo
    options: list[dict[str, Any]] = Field(default_factory=list)  # estimate contracts, best first
    verdict: str = ""
    fixes: list[FixOut] = Field(default_factory=list)
    hints: list[str] = Field(default_factory=list)
    message: str | None = None  # for "clarify" and "error": what to tell the user
    error: str | None = None
    hint: str | None = None
    cached: bool = False
    catalog_version: str = ""
    estimator_version: str = ""

    @property
    def best(self) -> dict[str, Any] | None:
        return self.options[0] if self.options else None

    def to_contract(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
