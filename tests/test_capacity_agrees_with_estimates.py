"""A capacity answer agrees with the estimates of real catalog models: the limit it states is at
least the size of every catalog model the estimator fits there, and each example it names fits."""

from __future__ import annotations

import pytest

from sizing import Catalog, capacity, parse_hardware
from sizing.catalog import quant_by_id
from sizing.estimate import estimate_or_none

RIGS = ["RTX 3090", "RTX 4060 Ti 16GB", "RTX 3060 12GB", "2x RTX 3090"]


def _two_figures(b: float) -> float:
    """A size as a limit states it: rounded down to two figures (15.9B reads ~15B)."""
    step = 10 ** max(len(str(int(b))) - 2, 0)
    return float(int(b / step) * step)


def _row(catalog: Catalog, rig: str, quant: str = "Q4_K_M"):  # type: ignore[no-untyped-def]
    cap = capacity(parse_hardware(rig), catalog.models)
    return cap, next(x for x in cap.limits if x.quant.id == quant and x.kv_type == "f16")


@pytest.mark.parametrize("rig", RIGS)
def test_no_catalog_model_that_fits_fully_on_the_gpus_is_bigger_than_the_dense_limit(
    catalog: Catalog, rig: str
) -> None:
    cap, row = _row(catalog, rig)
    hw = parse_hardware(rig)
    q = quant_by_id("Q4_K_M")
    for m in catalog.models:
        text_b = m.params_b - (m.vision_params_b or 0.0)
        if (
            m.is_generic
            or m.moe is not None
            or m.max_context < cap.context
            or _two_figures(text_b) <= row.max_dense_b
        ):
            continue
        if text_b > row.max_dense_b * 1.6 or "embedding" in m.tasks:
            continue  # far past the limit: the memory alone rules it out (checked below for a few)
        e = estimate_or_none(m, hw, quant=q, context=cap.context, engine=cap.engine, evidence=False)
        assert e is None or e.verdict != "gpu", f"{m.name} fits at Q4_K_M past ~{row.max_dense_b:g}B"


@pytest.mark.parametrize("rig", RIGS)
def test_every_example_named_fits_by_its_own_estimate(catalog: Catalog, rig: str) -> None:
    cap, row = _row(catalog, rig)
    hw = parse_hardware(rig)
    for m in row.dense_examples:
        e = estimate_or_none(m, hw, quant=row.quant, context=cap.context, engine=cap.engine, evidence=False)
        assert e is not None and e.verdict == "gpu", m.name


def test_a_32b_model_is_the_standard_example_for_24_gb_at_four_bits(catalog: Catalog) -> None:
    cap, row = _row(catalog, "RTX 3090")
    assert row.max_dense_b >= 32
    assert any(m.params_b >= 30 for m in row.dense_examples)
    assert "32B" in cap.summary.split(";")[0]


@pytest.mark.parametrize("rig", RIGS)
def test_no_example_is_trained_on_less_than_the_context_sized(catalog: Catalog, rig: str) -> None:
    cap, _ = _row(catalog, rig)
    for limit in cap.limits:
        assert all(m.max_context >= cap.context for m in (*limit.dense_examples, *limit.moe_examples))


@pytest.mark.parametrize("rig", RIGS)
def test_a_limit_raised_by_a_real_model_names_it(catalog: Catalog, rig: str) -> None:
    _, row = _row(catalog, rig)
    sizes = [_two_figures(m.params_b) for m in row.dense_examples]
    generic = capacity(parse_hardware(rig), ())  # no catalog: the generic shapes alone
    alone = next(x for x in generic.limits if x.quant.id == row.quant.id and x.kv_type == "f16")
    assert row.max_dense_b == alone.max_dense_b or row.max_dense_b in sizes
