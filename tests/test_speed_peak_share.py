"""A decode step reads its bytes no faster than the memory allows: MAX_PEAK_SHARE of the nominal
peak, whatever efficiencies the parameters carry."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import Catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant
from sizing.speed import (
    MAX_PEAK_SHARE,
    DecodeFeatures,
    SpeedParams,
    decode_features,
    decode_seconds,
    load_speed_params,
)

# (rig, backend, model, quant): dense models on one discrete card and one unified chip
DENSE = [
    ("RTX 4090", "cuda", "llama-3.1-8b", "F16"),
    ("Ryzen AI Max+ 395 128GB", "vulkan", "gemma-3-27b", "BF16"),
]
# and a MoE on unified memory
CASES = [*DENSE, ("Ryzen AI Max+ 395 128GB", "rocm", "qwen3-30b-a3b", "Q8_0")]


def _features(
    catalog: Catalog, rig: str, backend: str, model: str, quant: str, depth: float
) -> DecodeFeatures:
    spec = catalog.by_id[model]
    hw = parse_hardware(rig)
    q = resolve_quant(quant)
    mem = estimate_memory(spec, q, hw, context=65536, engine="llama.cpp", backend=backend)
    return decode_features(spec, mem, hw, backend, q, depths=[depth])


def _floor_seconds(f: DecodeFeatures) -> float:
    """The step's bytes (weights a token reads, and the cache at its depth) over the highest share of
    the nominal peak a memory streams at; one device, so one stage."""
    (d,) = f.devices
    kv = sum(k * w for k, w in zip(f.kv_bytes, f.weights, strict=True)) * d.kv_share
    return (d.weight_bytes + kv) / (d.bandwidth_gbs * 1e9 * MAX_PEAK_SHARE)


def _inflated(params: SpeedParams, backend: str, factor: float) -> SpeedParams:
    """Efficiencies a fit could carry over from other devices, scaled past what any memory gives."""
    p = params.backends[backend]
    changed = replace(
        p,
        weight_eff=p.weight_eff * factor,
        kv_eff=p.kv_eff * factor,
        uma_bw_factor=p.uma_bw_factor * factor,
        quant_eff={k: v * factor for k, v in p.quant_eff.items()} | {"f16": factor, "bf16": factor},
        moe_quant_eff={},
        stream_cap_gbs=0.0,
        alu_eff=1.0,
        token_ms=0.0,
        layer_us=0.0,
        moe_layer_us=0.0,
        linear_layer_us=0.0,
    )
    return replace(params, backends={**params.backends, backend: changed})


@pytest.mark.parametrize(("rig", "backend", "model", "quant"), CASES)
@settings(max_examples=15, deadline=None)
@given(factor=st.floats(min_value=1.0, max_value=20.0), depth=st.sampled_from([0.0, 8192.0, 32768.0]))
def test_no_efficiency_reads_faster_than_the_memory_allows(
    catalog: Catalog, rig: str, backend: str, model: str, quant: str, factor: float, depth: float
) -> None:
    f = _features(catalog, rig, backend, model, quant, depth)
    params = _inflated(load_speed_params(), backend, factor)
    assert decode_seconds(f, params) >= _floor_seconds(f) * (1 - 1e-9)


@pytest.mark.parametrize(("rig", "backend", "model", "quant"), DENSE)
def test_the_limit_binds_once_efficiencies_pass_it(
    catalog: Catalog, rig: str, backend: str, model: str, quant: str
) -> None:
    """With every efficiency far past the memory's reach, a dense token takes its bytes at the limit
    (what is left, the attention arithmetic and the fixed costs, is set to next to nothing)."""
    f = _features(catalog, rig, backend, model, quant, 0.0)
    params = _inflated(load_speed_params(), backend, 20.0)
    assert decode_seconds(f, params) == pytest.approx(_floor_seconds(f), rel=0.05)


@pytest.mark.parametrize(("rig", "backend", "model", "quant"), CASES)
def test_fitted_efficiencies_stay_below_the_limit(
    catalog: Catalog, rig: str, backend: str, model: str, quant: str
) -> None:
    """The fitted values describe real kernels: they never reach the memory's own limit."""
    f = _features(catalog, rig, backend, model, quant, 0.0)
    assert decode_seconds(f, load_speed_params()) > _floor_seconds(f)
