"""A layer split pipelines a long prompt's micro-batches across its GPUs: the stages overlap, but the
copies between GPUs and their synchronisation keep them from overlapping fully, so a prompt takes
between the ideal pipeline's time and its stages' time one after another."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sizing import Catalog, estimate_memory, parse_hardware, speed
from sizing.catalog import resolve_quant


def _prompt(catalog: Catalog, tokens: int) -> speed.PrefillFeatures:
    spec = catalog.by_id["llama-3.1-8b"]
    hw = parse_hardware("2x RTX 3090")
    q = resolve_quant("Q4_K_M")
    mem = estimate_memory(spec, q, hw, context=tokens, engine="llama.cpp", backend="cuda")
    return speed.prefill_features(spec, mem, hw, "cuda", q, tokens=tokens, ubatch=512, mode="layer")


def _seconds(f: speed.PrefillFeatures, overlap: float) -> float:
    params = speed.load_speed_params()
    cuda = replace(params.backends["cuda"], pipeline_overlap=overlap)
    return speed.prefill_seconds(f, replace(params, backends={**params.backends, "cuda": cuda}))


def test_a_long_prompt_on_a_layer_split_is_pipelined(catalog: Catalog) -> None:
    f = _prompt(catalog, 4096)
    assert f.pipelined and f.ubatches == 8 and len(f.stages) == 2


def test_more_overlap_makes_a_pipelined_prompt_faster(catalog: Catalog) -> None:
    f = _prompt(catalog, 4096)
    times = [_seconds(f, overlap) for overlap in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert times == sorted(times, reverse=True) and times[0] > times[-1]


def test_the_overlap_scales_what_the_pipeline_saves(catalog: Catalog) -> None:
    f = _prompt(catalog, 4096)
    serial, ideal = _seconds(f, 0.0), _seconds(f, 1.0)
    assert _seconds(f, 0.6) == pytest.approx(serial - 0.6 * (serial - ideal))


def test_a_prompt_of_one_micro_batch_has_nothing_to_overlap(catalog: Catalog) -> None:
    f = _prompt(catalog, 512)
    assert _seconds(f, 0.0) == pytest.approx(_seconds(f, 1.0))


def test_the_fitted_overlap_is_a_share() -> None:
    for name, p in speed.load_speed_params().backends.items():
        assert 0.0 <= p.pipeline_overlap <= 1.0, name
