"""The best models for a rig: ranked by public evaluations, one per family, only what runs well."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from sizing import Catalog, best_models, parse_hardware, rank_best
from sizing.scores import model_scores

TODAY = dt.date(2026, 11, 22)
RIGS = ["RTX 3090, 32GB RAM", "2x RTX 3090, 64GB RAM", "i7-12700, 64GB DDR5", "M2 Max 64GB", "DGX Spark"]


@pytest.mark.parametrize("rig", RIGS)
@pytest.mark.parametrize("task", [None, "code"])
def test_every_kind_of_rig_gets_models_that_run_well(catalog: Catalog, rig: str, task: str | None) -> None:
    found = rank_best(catalog.models, parse_hardware(rig), task=task, today=TODAY)
    assert found
    for b in found:
        e = b.estimate
        assert e.verdict != "no" and e.speed.decode_tps >= 10
        assert e.quant.kld < 0.15  # 3.5 bits or better


@pytest.mark.parametrize("rig", ["RTX 3090, 32GB RAM", "2x RTX 3090, 64GB RAM"])
def test_the_moe_models_people_run_on_3090s_are_listed_for_code(catalog: Catalog, rig: str) -> None:
    ids = {
        b.estimate.model.id for b in rank_best(catalog.models, parse_hardware(rig), task="code", today=TODAY)
    }
    assert any(i.startswith("qwen3-30b-a3b") for i in ids)  # the April 2025 release or a 2507 refresh
    assert "gpt-oss-20b" in ids or "gpt-oss-120b" in ids
    assert any(i.startswith("qwen3-coder") for i in ids)


@pytest.mark.parametrize("rig", RIGS)
def test_one_model_per_product_line(catalog: Catalog, rig: str) -> None:
    table = model_scores()
    found = rank_best(catalog.models, parse_hardware(rig), today=TODAY)
    lines = [table.line(b.estimate.model.id) or b.estimate.model.id for b in found if b.newer_than is None]
    assert len(lines) == len(set(lines))


@pytest.mark.parametrize("rig", RIGS)
def test_a_lines_unscored_newest_release_follows_its_scored_predecessor(catalog: Catalog, rig: str) -> None:
    table = model_scores()
    found = rank_best(catalog.models, parse_hardware(rig), today=TODAY)
    for before, newer in itertools.pairwise(found):
        if newer.newer_than is not None:
            assert newer.quality is None and before.quality is not None
            assert newer.newer_than == before.estimate.model.name
            assert table.line(newer.estimate.model.id) == table.line(before.estimate.model.id)
            assert (newer.estimate.model.released or TODAY) > (before.estimate.model.released or dt.date.min)


@pytest.mark.parametrize("rig", RIGS)
@pytest.mark.parametrize("task", [None, "code", "reasoning"])
def test_ranked_by_quality_and_an_unscored_model_never_above_a_scored_one(
    catalog: Catalog, rig: str, task: str | None
) -> None:
    found = rank_best(catalog.models, parse_hardware(rig), task=task, today=TODAY)
    values = [b.quality for b in found if b.newer_than is None]  # a new release sits by its predecessor
    scored = [v for v in values if v is not None]
    assert scored == sorted(scored, reverse=True)
    assert values == scored + [None] * (len(values) - len(scored))


def test_a_borrowed_score_says_so_and_never_passes_an_equal_own_score(catalog: Catalog) -> None:
    found = rank_best(
        catalog.models, parse_hardware("2x RTX 3090, 64GB RAM"), task="code", limit=20, today=TODAY
    )
    for earlier, later in itertools.pairwise(found):
        tuned = "which it is tuned from for code" in earlier.basis  # ranks just above its general twin
        if earlier.quality == later.quality and "no score of its own" in earlier.basis and not tuned:
            assert "no score of its own" in later.basis
    assert all(
        ("no score of its own" in b.basis) != (b.basis.endswith(")")) for b in found if b.quality is not None
    )


def test_a_vision_task_lists_only_models_that_take_images(catalog: Catalog) -> None:
    table = model_scores()
    found = rank_best(catalog.models, parse_hardware("RTX 4090, 64GB DDR5"), task="vision", today=TODAY)
    assert found
    for b in found:
        entry = table.get(b.estimate.model.id)
        assert "vision" in b.estimate.model.tasks or (entry is not None and entry.vision)


def test_a_higher_speed_floor_is_respected(catalog: Catalog) -> None:
    found = best_models(catalog.models, parse_hardware("M2 Max 64GB"), min_tps=40, today=TODAY)
    assert found and all(e.speed.decode_tps >= 40 for e in found)


@pytest.mark.parametrize("task", ["code", "reasoning", "chat"])
def test_models_suit_the_task(catalog: Catalog, task: str) -> None:
    for e in best_models(catalog.models, parse_hardware("RTX 4090, 64GB DDR5"), task=task, today=TODAY):
        assert task in e.model.tasks or (task == "chat" and "base" not in e.model.tasks)


def test_a_best_list_at_a_long_context_leaves_out_models_trained_on_less(catalog: Catalog) -> None:
    found = rank_best(catalog.models, parse_hardware("RTX 4090, 64GB RAM"), context=131072, limit=10)
    assert found and all(b.estimate.model.max_context >= 131072 for b in found)
