"""vLLM and SGLang decode: the whole step in CUDA graphs, fused MoE kernels that cost per expert a token
runs, a custom one-shot all-reduce over NVLink, and which of their public rows the calibration fits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from benchmarks import BenchRow
from sizing import Catalog, estimate, parse_hardware
from sizing.speed import (
    DecodeFeatures,
    DeviceTerm,
    EngineParams,
    SpeedParams,
    allreduce_seconds,
    decode_seconds,
    load_speed_params,
)


def _moe_step(engine: str, experts: int, moe_layers: int = 36) -> DecodeFeatures:
    gpu = DeviceTerm("cuda", 3350.0, 100.0, "tc", 100.0, 1e6, 1e9, 0.0, 1.0, True, True)
    return DecodeFeatures(
        (gpu,), (0.0,), (0.0,), (1.0,), "mxfp4", 0.0, moe_layers, moe_layers, ((0,),), engine=engine,
        moe_experts=experts,
    )  # fmt: skip


def _with_engine(params: SpeedParams, engine: str, **changes: object) -> SpeedParams:
    changed = replace(params.engines.get(engine, EngineParams()), **changes)
    return replace(params, engines={**params.engines, engine: changed})


@pytest.mark.parametrize("engine", ["vllm", "sglang"])
def test_a_paged_engines_moe_block_costs_per_expert_a_token_runs(engine: str) -> None:
    params = _with_engine(load_speed_params(), engine, expert_us=10.0, moe_layer_us=0.0)
    four = decode_seconds(_moe_step(engine, 4), params)
    eight = decode_seconds(_moe_step(engine, 8), params)
    assert eight - four == pytest.approx(36 * 4 * 10e-6)


@pytest.mark.parametrize(("mla_layers", "extra"), [(61, 61 * 100e-6), (0, 0.0)])
def test_a_serving_engines_latent_attention_block_adds_its_own_cost(mla_layers: int, extra: float) -> None:
    params = _with_engine(load_speed_params(), "vllm", mla_layer_us=100.0)
    plain = decode_seconds(_moe_step("vllm", 9, moe_layers=58), params)
    latent = decode_seconds(replace(_moe_step("vllm", 9, moe_layers=58), mla_layers=mla_layers), params)
    assert latent - plain == pytest.approx(extra)


def test_llama_cpps_latent_attention_blocks_cost_only_their_bytes() -> None:
    params = load_speed_params()
    plain = decode_seconds(_moe_step("llama.cpp", 9, moe_layers=58), params)
    assert decode_seconds(replace(_moe_step("llama.cpp", 9, moe_layers=58), mla_layers=61), params) == plain


def test_llama_cpps_moe_block_cost_does_not_count_experts() -> None:
    params = load_speed_params()
    four = decode_seconds(_moe_step("llama.cpp", 4), params)
    assert decode_seconds(_moe_step("llama.cpp", 8), params) == pytest.approx(four)


@pytest.mark.parametrize("engine", ["vllm", "sglang"])
def test_a_paged_engines_nvlink_all_reduce_is_one_shot_whatever_the_gpu_count(engine: str) -> None:
    params = load_speed_params()
    two, four, eight = (allreduce_seconds(params, "nvlink", n, engine) for n in (2, 4, 8))
    assert 0 < two == four == eight
    assert eight < allreduce_seconds(params, "pcie", 8, engine)
    assert allreduce_seconds(params, "pcie", 2, engine) < allreduce_seconds(params, "pcie", 8, engine)


def test_sglang_takes_vllms_fitted_fixed_costs() -> None:
    """SGLang's few rows cannot pin its own costs: the calibration copies vLLM's, and the params file
    carries them (all but the ones set from a public measurement of SGLang itself, ENGINE_OWN)."""
    import benchmarks.calibrate_speed as cs

    params = load_speed_params()
    for name in cs.ENGINE_FREE["vllm"]:
        if name in cs.ENGINE_OWN.get("sglang", {}):
            continue
        assert getattr(params.for_engine("sglang"), name) == pytest.approx(
            getattr(params.for_engine("vllm"), name)
        )


def test_a_paged_engine_runs_gpt_oss_at_least_as_fast_as_its_two_gpu_split_per_gpu(catalog: Catalog) -> None:
    """One H100 against a tensor-parallel pair over NVLink: the pair halves each GPU's bytes and adds
    two all-reduces per block, so it is faster, but never twice as fast."""
    spec = catalog.by_id["gpt-oss-120b"]
    one = estimate(spec, parse_hardware("H100 80GB SXM"), engine="vllm").speed.decode_tps
    two = estimate(spec, parse_hardware("2x H100 80GB SXM"), engine="vllm").speed.decode_tps
    assert one < two < 2 * one


def _row(build_label: str, date: str, engine: str = "vllm") -> BenchRow:
    features = _moe_step(engine, 4)
    return BenchRow(
        "H100 PCIe", "cuda", 1, engine, "gpt-oss-20b", "MXFP4", "tg128", "decode", 100.0, "public source",
        features, 128, 0, "current", 0, build_label, "none", True, False, False, date,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("build_label", "date", "engine", "fitted"),
    [
        ("vLLM 0.10.1.1", "2026-01-10", "vllm", False),  # the stated version decides
        ("vLLM 0.11.0", "2025-08-01", "vllm", True),
        ("vLLM 0.20.1", "", "vllm", True),
        ("vllm/vllm-openai:gptoss", "2025-08-28", "vllm", False),  # no version: the date decides
        ("vLLM", "2026-09-15", "vllm", True),
        ("vLLM", "", "vllm", True),
        ("SGLang v0.4.1.post2", "2024-12-29", "sglang", True),  # only vLLM's graph modes changed so
    ],
)
def test_vllm_rows_before_full_cuda_graphs_are_evidence_not_fitted(
    build_label: str, date: str, engine: str, fitted: bool
) -> None:
    import benchmarks.calibrate_speed as cs

    assert bool(cs.fittable([_row(build_label, date, engine)])) is fitted
