"""Model quality from public evaluations: the bundled data, its scales, and quality() lookups."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sizing import CatalogError, SizingError, default_catalog
from sizing.scores import TASKS, Scale, load_model_scores, model_scores, parse_model_scores, quality

SCORES = load_model_scores()
CATALOG = {m.id: m for m in default_catalog().models}
IN_CATALOG = sorted(set(SCORES.models) & set(CATALOG))
# The share of catalog models a public board scores today; new catalog models lower it until
# their scores are added, so this is a floor, not the current figure.


def _doc(models: list[dict[str, Any]], sources: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A small scores document written for these tests."""
    return {
        "sources": sources
        if sources is not None
        else [
            {
                "id": "board",
                "name": "A test board",
                "url": "https://example.org/board",
                "data": "written for the tests",
                "snapshot": "2025-06-01",
                "metric": "rating on the Elo scale",
                "scale": {
                    "overall": {"intercept": -200.0, "slope": 0.2},
                    "code": {"intercept": -200.0, "slope": 0.2},
                    "vision": {"intercept": -100.0, "slope": 0.15},
                },
            }
        ],
        "models": models,
    }


def _model(mid: str, *scores: tuple[str, float], vision: bool = False, **extra: Any) -> dict[str, Any]:
    return {
        "id": mid,
        "line": extra.pop("line", mid),
        "vision": vision,
        "scores": [{"task": t, "source": "board", "raw": raw, "as": mid} for t, raw in scores],
        **extra,
    }


# the releases people ask about most: each must have a public score
FLAGSHIPS = (
    "deepseek-r1",
    "deepseek-v3",
    "gpt-oss-120b",
    "gpt-oss-20b",
    "qwen3-235b-a22b",
    "qwen3-30b-a3b",
    "qwen3-32b",
    "llama-3.3-70b",
    "llama-3.1-8b",
    "gemma-3-27b",
    "glm-4.5",
    "kimi-k2",
    "mistral-small-3.2-24b",
)


@pytest.mark.parametrize("model_id", FLAGSHIPS)
def test_the_most_asked_about_releases_are_scored(model_id: str) -> None:
    scored, _ = SCORES.coverage(CATALOG)
    assert model_id in scored


def test_the_cached_loader_returns_one_table() -> None:
    assert model_scores() is model_scores()
    assert set(model_scores().models) == set(SCORES.models)


@pytest.mark.parametrize("model_id", IN_CATALOG)
def test_vision_flag_agrees_with_the_catalog(model_id: str) -> None:
    assert SCORES.models[model_id].vision == ("vision" in CATALOG[model_id].tasks)


@pytest.mark.parametrize(
    "model_id", [m for m in IN_CATALOG if SCORES.models[m].vision_variant_of is not None]
)
def test_a_vision_variant_names_a_text_model_of_its_line(model_id: str) -> None:
    entry = SCORES.models[model_id]
    base = SCORES.get(entry.vision_variant_of or "")
    assert base is not None
    assert not base.vision
    assert base.line == entry.line


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        ("kimi-k2", "kimi-k2.5"),
        ("kimi-k2", "kimi-k2-thinking"),
        ("minimax-m2", "minimax-m2.1"),
        ("deepseek-v3", "deepseek-v3.2"),
        ("qwen3-30b-a3b", "qwen3-vl-30b-a3b"),
    ],
)
def test_near_duplicates_share_a_line(older: str, newer: str) -> None:
    assert SCORES.line(older) == SCORES.line(newer)


@pytest.mark.parametrize(
    ("one", "other"), [("gpt-oss-20b", "gpt-oss-120b"), ("deepseek-v4-pro", "deepseek-v4-flash")]
)
def test_sizes_of_one_family_are_separate_lines(one: str, other: str) -> None:
    assert SCORES.line(one) != SCORES.line(other)


@pytest.mark.parametrize("source", sorted(SCORES.sources))
def test_every_source_is_dated_and_used(source: str) -> None:
    src = SCORES.sources[source]
    assert src.url.startswith("https://")
    assert any(s.source == source for m in SCORES.models.values() for s in m.scores)


@pytest.mark.parametrize(("model_id", "task"), [(m, t) for m in sorted(SCORES.models) for t in TASKS])
def test_every_quality_is_on_the_0_to_100_scale(model_id: str, task: str) -> None:
    q = SCORES.quality(model_id, task)
    if q is not None:
        assert 0.0 <= q.value <= 100.0
        assert q.source_id in SCORES.sources
        assert q.fallback == (q.measured != {"chat": "overall"}.get(task, task))


def test_arena_ratings_map_to_the_documented_reference() -> None:
    table = parse_model_scores(_doc([_model("m", ("overall", 1250.0))]))
    q = table.quality("m", "chat")
    assert q is not None
    assert q.value == 50.0
    assert (q.raw, q.listed_as, q.source_id, str(q.snapshot)) == (1250.0, "m", "board", "2025-06-01")


@pytest.mark.parametrize(("raw", "expected"), [(900.0, 0.0), (1000.0, 0.0), (1500.0, 100.0), (1700.0, 100.0)])
def test_scales_clip_to_0_and_100(raw: float, expected: float) -> None:
    assert Scale(intercept=-200.0, slope=0.2).apply(raw) == expected


@given(st.floats(min_value=0, max_value=3000), st.floats(min_value=0, max_value=3000))
def test_a_scale_keeps_the_order_of_raw_scores(a: float, b: float) -> None:
    scale = Scale(intercept=-200.0, slope=0.2)
    if a <= b:
        assert scale.apply(a) <= scale.apply(b)


def test_a_task_without_its_own_score_reads_the_overall_one() -> None:
    table = parse_model_scores(_doc([_model("m", ("overall", 1300.0))]))
    q = table.quality("m", "code")
    assert q is not None
    assert (q.measured, q.fallback, q.value) == ("overall", True, 60.0)


def test_a_task_with_its_own_score_reads_it() -> None:
    table = parse_model_scores(_doc([_model("m", ("overall", 1300.0), ("code", 1350.0))]))
    q = table.quality("m", "code")
    assert q is not None
    assert (q.measured, q.fallback, q.value) == ("code", False, 70.0)


def test_a_text_model_has_no_vision_quality() -> None:
    table = parse_model_scores(_doc([_model("m", ("overall", 1300.0))]))
    assert table.quality("m", "vision") is None


def test_a_vision_model_without_a_vision_score_falls_back_to_overall() -> None:
    table = parse_model_scores(_doc([_model("m", ("overall", 1300.0), vision=True)]))
    q = table.quality("m", "vision")
    assert q is not None
    assert (q.measured, q.fallback) == ("overall", True)


def test_a_vision_score_uses_its_own_scale() -> None:
    table = parse_model_scores(_doc([_model("m", ("vision", 1000.0), vision=True)]))
    q = table.quality("m", "vision")
    assert q is not None
    assert q.value == 50.0


@pytest.mark.parametrize("model_id", ["no-such-model", ""])
def test_unknown_ids_have_no_quality(model_id: str) -> None:
    assert quality(model_id, "chat") is None


def test_an_unscored_model_has_no_quality() -> None:
    table = parse_model_scores(_doc([_model("m")]))
    assert table.quality("m", "chat") is None
    assert table.line("m") == "m"


def test_an_unknown_task_is_a_friendly_error() -> None:
    with pytest.raises(SizingError) as err:
        SCORES.quality("gpt-oss-120b", "poetry")
    assert "poetry" in str(err.value)
    assert err.value.hint is not None and "code" in err.value.hint


@pytest.mark.parametrize(
    ("models", "problem"),
    [
        ([_model("m", ("overall", 1.0)), _model("m")], "listed twice"),
        ([_model("m", ("overall", 1.0), ("overall", 2.0))], "scored twice"),
        ([_model("m", ("vision", 1000.0))], "takes no images"),
        ([_model("m", vision_variant_of="n")], "takes no images"),
        ([_model("m", vision=True, vision_variant_of="m")], "variant of itself"),
        (
            [{**_model("m"), "scores": [{"task": "overall", "source": "elsewhere", "raw": 1, "as": "m"}]}],
            "unknown source",
        ),
        ([_model("m", ("reasoning", 1.0))], "no reasoning scale"),
        ([{"id": "m", "line": "m"}], "vision"),
    ],
)
def test_bad_rows_are_reported(models: list[dict[str, Any]], problem: str) -> None:
    with pytest.raises(CatalogError) as err:
        parse_model_scores(_doc(models))
    assert any(problem in p for p in err.value.problems), err.value.problems


def test_every_problem_is_listed_at_once() -> None:
    bad = [_model("a", ("vision", 1.0)), _model("b", ("reasoning", 1.0))]
    with pytest.raises(CatalogError) as err:
        parse_model_scores(_doc(bad))
    assert len(err.value.problems) == 2


@pytest.mark.parametrize("raw", [None, [], {"models": []}, {"sources": {}, "models": []}])
def test_a_malformed_document_is_a_catalog_error(raw: Any) -> None:
    with pytest.raises(CatalogError):
        parse_model_scores(raw)
