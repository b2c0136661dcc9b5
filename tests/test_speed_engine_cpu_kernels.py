"""Engines with their own CPU matrix kernels (ik_llama.cpp's repacked-row GEMMs, KTransformers' expert
kernels): their share of llama.cpp's CPU prompt rate scales the prompt's CPU matmuls only; decode and
the GPU's prompt work stay the backend's."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sizing import Catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant
from sizing.speed import (
    DecodeFeatures,
    PrefillFeatures,
    SpeedParams,
    decode_features,
    decode_seconds,
    load_speed_params,
    prefill_features,
    prefill_seconds,
)

ENGINE = "ik_llama.cpp"


def _with_engine(params: SpeedParams, **changes: float) -> SpeedParams:
    engine = replace(params.for_engine(ENGINE), **changes)
    return replace(params, engines={**params.engines, ENGINE: engine})


def _features(
    catalog: Catalog, rig: str, backend: str, model: str = "llama-3.1-8b"
) -> tuple[PrefillFeatures, DecodeFeatures]:
    spec = catalog.by_id[model]
    hw = parse_hardware(rig)
    q = resolve_quant("Q4_0")
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend=backend)
    pf = prefill_features(spec, mem, hw, backend, q, tokens=512, engine=ENGINE)
    df = decode_features(spec, mem, hw, backend, q, depths=[512], engine=ENGINE)
    return pf, df


@pytest.mark.parametrize("factor", [0.5, 2.0, 4.0])
def test_a_cpu_only_prompts_matmuls_run_at_the_engines_share_of_llama_cpps_rate(
    catalog: Catalog, factor: float
) -> None:
    """The linear products dominate a 512-token prompt of an 8B model at depth 0 on a desktop CPU:
    the prompt's time scales close to 1 / factor."""
    pf, _ = _features(catalog, "Ryzen 9 7950X, 64GB DDR5-6000", "cpu")
    params = _with_engine(load_speed_params(), cpu_prefill_factor=1.0)
    base = prefill_seconds(pf, params)
    scaled = prefill_seconds(pf, _with_engine(params, cpu_prefill_factor=factor))
    assert scaled == pytest.approx(base / factor, rel=0.1)


def test_the_cpu_prompt_factor_leaves_decode_alone(catalog: Catalog) -> None:
    _, df = _features(catalog, "Ryzen 9 7950X, 64GB DDR5-6000", "cpu")
    params = _with_engine(load_speed_params(), cpu_prefill_factor=1.0)
    assert decode_seconds(df, _with_engine(params, cpu_prefill_factor=4.0)) == pytest.approx(
        decode_seconds(df, params)
    )


def test_the_cpu_prompt_factor_leaves_a_prompt_on_the_gpu_alone(catalog: Catalog) -> None:
    pf, _ = _features(catalog, "RTX 4090, 64GB DDR5", "cuda")
    assert all(d.is_gpu for d in pf.devices if d.weight_bytes)
    params = _with_engine(load_speed_params(), cpu_prefill_factor=1.0)
    assert prefill_seconds(pf, _with_engine(params, cpu_prefill_factor=4.0)) == pytest.approx(
        prefill_seconds(pf, params)
    )


def test_llama_cpps_own_cpu_prompt_rate_has_no_engine_factor() -> None:
    """llama.cpp and its front ends are the reference the factor is measured against."""
    params = load_speed_params()
    assert params.for_engine("llama.cpp").cpu_prefill_factor == 1.0


def test_ik_llama_cpps_fitted_cpu_prompt_kernels_beat_mainlines() -> None:
    """Public llama-sweep-bench tables put ik_llama.cpp's CPU prompt rate at 2-5x mainline's
    (ikawrakow/ik_llama.cpp discussions #164, #354): the fit must not leave it at or below 1."""
    assert load_speed_params().for_engine(ENGINE).cpu_prefill_factor > 1.5
