"""Open-weight model quality from public evaluations (data/model_scores.yaml).

Every score is a public board's raw figure put on one 0-100 reference by the source's documented
straight line (see the data file's header): LMArena text ratings map to (rating - 1000) / 5; other
boards are fitted onto that reference over the models both rank. `quality(model_id, task)` gives
one value per task with the source, date and listed name it came from.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._errors import CatalogError, SizingError
from ._yaml import YamlSyntaxError, load_yaml
from .vocabulary import RANKED_AS, SCORED_TASKS
from .vocabulary import ScoredTask as Task

__all__ = [
    "RANKED_AS",
    "SCORE_TASKS",
    "TASKS",
    "FitStats",
    "ModelScores",
    "Quality",
    "RawScore",
    "Scale",
    "ScoreKind",
    "ScoreSource",
    "ScoreTable",
    "Task",
    "load_model_scores",
    "model_scores",
    "parse_model_scores",
    "quality",
]

ScoreKind = Literal["overall", "code", "reasoning", "vision"]
TASKS: tuple[Task, ...] = SCORED_TASKS
SCORE_TASKS: tuple[ScoreKind, ...] = get_args(ScoreKind)

# The score each task reads first; a task without its own score reads the overall one.
_TASK_SCORE: Mapping[Task, ScoreKind] = MappingProxyType(
    {"chat": "overall", "code": "code", "reasoning": "reasoning", "vision": "vision"}
)
SCALE_MIN = 0.0
SCALE_MAX = 100.0


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FitStats(_Frozen):
    """How well a fitted scale line matches the reference board on the models both rank."""

    pairs: int = Field(ge=3)
    r: float = Field(ge=-1.0, le=1.0)
    rmse: float = Field(ge=0.0)


class Scale(_Frozen):
    """normalized = intercept + slope * raw, clipped to 0-100."""

    intercept: float
    slope: float = Field(gt=0.0)
    fit: FitStats | None = None

    def apply(self, raw: float) -> float:
        return min(SCALE_MAX, max(SCALE_MIN, self.intercept + self.slope * raw))


class ScoreSource(_Frozen):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    url: str = Field(pattern=r"^https://")
    data: str = Field(min_length=10)
    snapshot: date
    metric: str = Field(min_length=10)
    scale: dict[ScoreKind, Scale] = Field(min_length=1)


class RawScore(_Frozen):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    task: ScoreKind
    source: str = Field(min_length=1)
    raw: float
    listed_as: str = Field(alias="as", min_length=1)


class ModelScores(_Frozen):
    id: str = Field(min_length=1)
    line: str = Field(min_length=1)
    vision: bool
    vision_variant_of: str | None = None
    scores: tuple[RawScore, ...] = ()
    note: str | None = None

    def raw(self, task: ScoreKind) -> RawScore | None:
        return next((s for s in self.scores if s.task == task), None)


class Quality(_Frozen):
    """One model's quality for one task, on the 0-100 reference scale, and where it came from."""

    model_id: str
    task: Task
    value: float
    measured: ScoreKind  # the score read: the task's own, or "overall" when the board has none
    fallback: bool  # True when `measured` is not the task's own score
    raw: float
    listed_as: str
    source_id: str
    source_name: str
    url: str
    data: str
    snapshot: date
    # how far the value may sit from the reference board's own figure: the residual (rmse, scale
    # points) of the straight line that put this board on the reference; 0 for the reference itself
    uncertainty: float = 0.0

    def about_the_same_as(self, other: Quality, same: float) -> bool:
        """Within `same` points of `other`, or, from two different boards, within their combined
        uncertainty: two boards' scores differ by more than their fits' residuals before one model
        counts as rated higher than the other."""
        gap = abs(self.value - other.value)
        if self.source_id == other.source_id:
            return gap < same
        return gap < max(same, math.hypot(self.uncertainty, other.uncertainty))

    def cited(self) -> str:
        """Where the value comes from: "LiveBench, 2025-05-30"."""
        return f"{self.source_name}, {self.snapshot.isoformat()}"


@dataclass(frozen=True, slots=True)
class ScoreTable:
    """Scores by model id and sources by id (read-only views)."""

    sources: Mapping[str, ScoreSource]
    models: Mapping[str, ModelScores]

    def get(self, model_id: str) -> ModelScores | None:
        return self.models.get(model_id)

    def line(self, model_id: str) -> str | None:
        """The product line a ranking folds `model_id` into, or None for an id the file lacks."""
        entry = self.models.get(model_id)
        return entry.line if entry else None

    def quality(self, model_id: str, task: str = "chat") -> Quality | None:
        """The model's quality for `task`, or None when the id is unknown or nothing scores it.

        A task without its own score reads the overall score (`fallback` says so); a model that
        takes no images has no vision quality.
        """
        asked = _as_task(task)
        entry = self.models.get(model_id)
        if entry is None:
            return None
        wanted = _TASK_SCORE[asked]
        if wanted == "vision" and not entry.vision:
            return None
        chosen = entry.raw(wanted) or entry.raw("overall")
        if chosen is None:
            return None
        src = self.sources[chosen.source]
        scale = src.scale[chosen.task]
        return Quality(
            model_id=model_id,
            task=asked,
            value=round(scale.apply(chosen.raw), 1),
            measured=chosen.task,
            fallback=chosen.task != wanted,
            raw=chosen.raw,
            listed_as=chosen.listed_as,
            source_id=src.id,
            source_name=src.name,
            url=src.url,
            data=src.data,
            snapshot=src.snapshot,
            uncertainty=scale.fit.rmse if scale.fit is not None else 0.0,
        )

    def coverage(self, model_ids: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(scored, unscored) among `model_ids`: scored ones have at least one score."""
        ids = tuple(model_ids)
        scored = tuple(m for m in ids if (e := self.models.get(m)) is not None and e.scores)
        return scored, tuple(m for m in ids if m not in set(scored))


def _as_task(task: str) -> Task:
    task = RANKED_AS.get(task, task)
    if task not in TASKS:
        raise SizingError(f"unknown task '{task}'", hint=f"use one of: {', '.join(TASKS)}")
    return task


def _problems(err: ValidationError, where: str) -> list[str]:
    return [f"{where}: {'.'.join(str(x) for x in e['loc']) or '(entry)'}: {e['msg']}" for e in err.errors()]


def _cross_check(sources: Mapping[str, ScoreSource], models: list[ModelScores]) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for m in models:
        if m.id in seen:
            problems.append(f"model {m.id}: listed twice")
        seen.add(m.id)
        tasks = [s.task for s in m.scores]
        if len(set(tasks)) != len(tasks):
            problems.append(f"model {m.id}: a task scored twice")
        if m.vision_variant_of == m.id:
            problems.append(f"model {m.id}: a vision variant of itself")
        if m.vision_variant_of is not None and not m.vision:
            problems.append(f"model {m.id}: a vision variant that takes no images")
        for s in m.scores:
            src = sources.get(s.source)
            if src is None:
                problems.append(f"model {m.id}: unknown source '{s.source}'")
            elif s.task not in src.scale:
                problems.append(f"model {m.id}: source {s.source} has no {s.task} scale")
            if s.task == "vision" and not m.vision:
                problems.append(f"model {m.id}: a vision score on a model that takes no images")
    return problems


def parse_model_scores(raw: Any, where: str = "model_scores.yaml") -> ScoreTable:
    """Validate a parsed document ({sources: [...], models: [...]}); CatalogError lists every problem."""
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("sources"), list)
        or not isinstance(raw.get("models"), list)
    ):
        raise CatalogError(f"{where}: expected a mapping with 'sources' and 'models' lists")
    problems: list[str] = []
    sources: dict[str, ScoreSource] = {}
    for i, item in enumerate(raw["sources"]):
        try:
            src = ScoreSource.model_validate(item)
        except ValidationError as err:
            problems += _problems(err, f"{where} sources[{i}]")
            continue
        if src.id in sources:
            problems.append(f"{where}: source {src.id} listed twice")
        sources[src.id] = src
    models: list[ModelScores] = []
    for i, item in enumerate(raw["models"]):
        label = item.get("id", i) if isinstance(item, dict) else i
        try:
            models.append(ModelScores.model_validate(item))
        except ValidationError as err:
            problems += _problems(err, f"{where} models[{label}]")
    problems += _cross_check(sources, models)
    if problems:
        raise CatalogError(
            "model scores have problems:\n  " + "\n  ".join(problems), problems=tuple(problems)
        )
    return ScoreTable(sources=MappingProxyType(sources), models=MappingProxyType({m.id: m for m in models}))


def _bundled_path() -> Path:
    return Path(__file__).parent / "data" / "model_scores.yaml"


def load_model_scores(path: Path | None = None) -> ScoreTable:
    """Read and validate a scores file (the bundled one by default)."""
    where = path or _bundled_path()
    try:
        raw = load_yaml(where)
    except (OSError, YamlSyntaxError) as err:
        raise CatalogError(f"{where.name}: cannot read: {err}") from None
    return parse_model_scores(raw, where.name)


@lru_cache(maxsize=1)
def model_scores() -> ScoreTable:
    """The bundled scores, loaded once."""
    return load_model_scores()


@lru_cache(maxsize=8192)
def quality(model_id: str, task: str = "chat") -> Quality | None:
    """`model_id`'s quality for `task` from the bundled scores (see ScoreTable.quality); kept by id and
    task, as the bundled scores never change (a ranking asks it of every catalog model at each answer)."""
    return model_scores().quality(model_id, task)
