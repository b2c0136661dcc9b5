"""Advice: the best way to run a model on a rig, what to change when it does not fit, best models."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import Catalog, advise, best_models, parse_hardware
from sizing.advise import dominates

TODAY = dt.date(2026, 11, 22)


def _advice(catalog: Catalog, model: str, rig: str, **kw: object):  # type: ignore[no-untyped-def]
    return advise(catalog.resolve(model).model, parse_hardware(rig), **kw)  # type: ignore[arg-type]


def test_a_small_model_on_a_big_gpu_runs_at_the_best_quality(catalog: Catalog) -> None:
    best = _advice(catalog, "llama 3.1 8b", "RTX 4090").best
    assert best is not None and best.estimate.verdict == "gpu" and best.estimate.quant.id == "Q8_0"


def test_the_best_option_fits_and_keeps_up_when_any_does(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3 32b", "RTX 3090, 64GB RAM")
    good = [o for o in advice.options if o.estimate.verdict == "gpu" and o.estimate.speed.decode_tps >= 10]
    assert good and advice.options[0] is good[0]


def test_when_nothing_fits_the_nearest_miss_is_named(catalog: Catalog) -> None:
    advice = _advice(catalog, "deepseek r1", "RTX 3060 12GB, 32GB RAM")
    shortfalls = [o.estimate.memory.placement.shortfall for o in advice.options]
    assert advice.options[0].estimate.verdict == "no"
    assert shortfalls[0] == min(shortfalls)
    assert advice.summary.startswith("No:") and advice.options[0].estimate.quant.id in advice.summary


def test_a_second_identical_gpu_is_offered_when_it_fits_the_model(catalog: Catalog) -> None:
    advice = _advice(catalog, "llama 3.3 70b", "RTX 3090, 64GB RAM", quant="Q4_K_M")
    assert any("add one more NVIDIA GeForce RTX 3090" in f.change for f in advice.fixes)
    fix = next(f for f in advice.fixes if "add one more" in f.change)
    assert fix.estimate.verdict == "gpu"


def test_a_mac_is_told_how_to_raise_the_gpu_memory_limit(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3 235b", "M2 Max 96GB", quant="Q2_K")
    fix = next(f for f in advice.fixes if "iogpu.wired_limit_mb" in f.change)
    assert fix.estimate.verdict == "gpu"


def test_listed_options_are_not_dominated_by_an_earlier_one(catalog: Catalog) -> None:
    for model, rig in [("gpt-oss-120b", "RTX 4090, 64GB DDR5"), ("qwen3 30b", "RTX 3090, 32GB RAM")]:
        options = [o.estimate for o in _advice(catalog, model, rig).options]
        for i, later in enumerate(options):
            assert not any(dominates(earlier, later) for earlier in options[:i])


def test_max_context_on_the_gpu_is_a_context_that_fits(catalog: Catalog) -> None:
    from sizing import estimate

    advice = _advice(catalog, "qwen3 8b", "RTX 4060 Ti 16GB")
    top = advice.options[0]
    assert top.max_context is not None
    e = top.estimate
    at_max = estimate(e.model, parse_hardware("RTX 4060 Ti 16GB"), quant=e.quant, context=top.max_context)
    assert at_max.verdict == "gpu"


def test_an_asked_quant_is_the_only_one_ranked(catalog: Catalog) -> None:
    advice = _advice(catalog, "qwen3 14b", "RTX 4070 12GB", quant="IQ4_XS")
    assert {o.estimate.quant.id for o in advice.options} == {"IQ4_XS"}


MODELS = ["qwen3-8b", "qwen3-30b-a3b", "llama-3.3-70b", "gpt-oss-120b", "gemma-3-27b", "deepseek-v3"]
RIGS = ["RTX 3060 12GB, 16GB RAM", "2x RTX 3090, 64GB RAM", "M3 Max 48GB", "i7-12700, 64GB DDR5", "4x H100"]


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(MODELS),
    st.sampled_from(RIGS),
    st.sampled_from([None, 2048, 32768, 131072]),
)
def test_advice_always_has_a_best_option_and_a_summary(
    catalog: Catalog, model: str, rig: str, context: int | None
) -> None:
    advice = advise(catalog.by_id[model], parse_hardware(rig), context=context)
    assert advice.best is not None and advice.summary


@pytest.mark.parametrize("task", ["code", "reasoning", "chat"])
def test_best_models_fit_keep_up_and_suit_the_task(catalog: Catalog, task: str) -> None:
    found = best_models(catalog.models, parse_hardware("RTX 4090, 64GB DDR5"), task=task, today=TODAY)
    assert found
    for e in found:
        assert e.verdict in ("gpu", "partial") and e.speed.decode_tps >= 10
        assert task in e.model.tasks or (task == "chat" and "base" not in e.model.tasks)


def test_best_models_respect_a_higher_speed_floor(catalog: Catalog) -> None:
    found = best_models(catalog.models, parse_hardware("M2 Max 64GB"), min_tps=40, today=TODAY)
    assert all(e.speed.decode_tps >= 40 for e in found)
