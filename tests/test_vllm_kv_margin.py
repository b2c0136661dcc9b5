"""vLLM: a comfortable fit keeps KV room for canirun's own error on what vLLM takes before the cache,
and a fit inside that margin is tight with the setting that restores it."""

from __future__ import annotations

import re

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import (
    NON_TORCH_BASE,
    VLLM_FOOTPRINT_ERROR,
    VLLM_MARGIN_ERRORS,
    EngineOptions,
    VllmGpu,
    vllm_non_torch,
)

GiB = 1024**3


def _gpu(kv_needed: float) -> VllmGpu:
    return VllmGpu(
        total=24 * GiB,
        utilization=0.9,
        weights=15 * GiB,
        activation=1.5 * GiB,
        non_torch=0.35 * GiB,
        cuda_graphs=1 * GiB,
        graphs_in_budget=False,
        kv_needed=kv_needed,
    )


def test_margin_is_the_stated_errors_of_the_footprint() -> None:
    g = _gpu(1 * GiB)
    assert g.footprint == pytest.approx((15 + 1.5 + 0.35) * GiB)
    assert g.kv_margin == pytest.approx(VLLM_MARGIN_ERRORS * VLLM_FOOTPRINT_ERROR * g.footprint)
    assert 0 < VLLM_FOOTPRINT_ERROR < 0.2 and VLLM_MARGIN_ERRORS >= 1


def test_starting_inside_the_margin_is_not_starting_with_it() -> None:
    pool = _gpu(0).kv_pool
    inside = _gpu(pool - _gpu(0).kv_margin / 2)
    outside = _gpu(pool - 2 * _gpu(0).kv_margin)
    assert inside.starts and not inside.starts_with_margin
    assert outside.starts and outside.starts_with_margin


def _answer(context: int, hardware: str = "RTX 3090", **opts: object) -> tuple[str, list[str]]:
    model = default_catalog().resolve("llama-3.1-8b").model
    e = estimate(
        model,
        parse_hardware(hardware),
        quant="BF16-HF",
        context=context,
        engine="vllm",
        engine_options=EngineOptions(**opts),  # type: ignore[arg-type]
    )
    p = e.memory.placement
    # the settings to pass, and a shorter context the notes name where the asked one stays in the command
    said = [
        m[1] for n in p.notes if (m := re.search(r"(--max-model-len \d+) would keep room in the KV pool", n))
    ]
    return p.fit, [s.flag for s in p.settings] + said


def test_a_context_inside_the_margin_is_tight_and_names_a_shorter_one() -> None:
    fit, flags = _answer(36864)
    assert fit == "tight"
    lengths = [int(f.split()[1]) for f in flags if f.startswith("--max-model-len")]
    assert lengths and lengths[0] < 36864
    utils = [float(f.split()[1]) for f in flags if f.startswith("--gpu-memory-utilization")]
    # the answer's settings together are a comfortable fit
    assert _answer(lengths[0], gpu_memory_utilization=utils[0] if utils else None)[0] == "fits"
    assert _answer(lengths[0] + 2048, gpu_memory_utilization=utils[0] if utils else None)[0] == "tight"


def _apply(flags: list[str], context: int, **opts: object) -> tuple[str, list[str]]:
    """The answer again with every setting it named."""
    for flag in flags:
        name, _, value = flag.partition(" ")
        if name == "--max-model-len":
            context = int(value)
        elif name == "--gpu-memory-utilization":
            opts["gpu_memory_utilization"] = float(value)
        elif name == "--enforce-eager":
            opts["enforce_eager"] = True
        elif name == "--max-num-seqs":
            opts["max_num_seqs"] = int(value)
    return _answer(context, **opts)


@pytest.mark.parametrize(
    ("context", "hardware", "version"),
    [
        (20000, "RTX 3090", "0.6"),
        (35000, "RTX 3090", "0.6"),
        (32768, "RTX 3090", "0.8.5"),
        (36864, "RTX 3090", None),
    ],
)
def test_a_tight_answer_names_settings_that_make_it_fit(
    context: int, hardware: str, version: str | None
) -> None:
    fit, flags = _answer(context, hardware, version=version)
    assert fit == "tight"
    assert flags
    assert _apply(flags, context, version=version)[0] == "fits"


def test_old_releases_name_enforce_eager_where_their_cuda_graphs_do_not_fit() -> None:
    fit, flags = _answer(20000, version="0.6")
    assert fit == "tight" and "--enforce-eager" in flags
    # the current engine counts its graphs inside the budget: no such setting
    assert "--enforce-eager" not in _answer(20000)[1]


def test_a_short_context_keeps_the_margin() -> None:
    assert _answer(8192) == ("fits", [])


def test_a_stated_utilization_that_restores_the_margin_is_comfortable() -> None:
    model = default_catalog().resolve("qwen3-32b").model
    hw = parse_hardware("H100 80GB")

    def fit(util: float | None, context: int = 16000) -> tuple[str, list[str]]:
        e = estimate(
            model,
            hw,
            quant="BF16-HF",
            context=context,
            engine="vllm",
            engine_options=EngineOptions(gpu_memory_utilization=util),
        )
        p = e.memory.placement
        return p.fit, [s.flag for s in p.settings]

    tight, flags = fit(None)
    assert tight == "tight"
    raised = [f for f in flags if f.startswith("--gpu-memory-utilization")]
    assert raised and float(raised[0].split()[1]) > 0.9
    shorter = [int(f.split()[1]) for f in flags if f.startswith("--max-model-len")]
    assert fit(float(raised[0].split()[1]), *shorter)[0] == "fits"


def test_the_0_6_5_profiler_counts_more_non_torch_memory() -> None:
    assert vllm_non_torch(1, "0.6.4") == NON_TORCH_BASE
    assert vllm_non_torch(1, "0.6.5") > 4 * NON_TORCH_BASE
    assert vllm_non_torch(2, "0.6.6") > vllm_non_torch(1, "0.6.6")
    assert vllm_non_torch(1, "0.7.0") == vllm_non_torch(1, None) == NON_TORCH_BASE


def test_the_stated_error_is_the_p90_of_the_development_logs() -> None:
    from benchmarks.engine_memory import LOGS_DEV, footprint_errors, quantile, read_rows

    errors = footprint_errors(read_rows(LOGS_DEV))
    assert len(errors) >= 10
    assert quantile(errors, 0.9) == pytest.approx(VLLM_FOOTPRINT_ERROR, abs=0.0005)


@pytest.mark.parametrize(
    ("model_id", "rig", "quant"),
    [
        ("llama-3.1-70b", "H100 80GB", "FP8"),  # short of the default budget by a fraction of a GB
        ("llama-3.3-70b", "H100 80GB", "FP8"),
    ],
)
def test_a_model_short_of_the_default_budget_only_is_tight_with_a_higher_utilization(
    model_id: str, rig: str, quant: str
) -> None:
    model = default_catalog().resolve(model_id).model
    hw = parse_hardware(rig)

    def placed(util: float | None):  # type: ignore[no-untyped-def]
        e = estimate(
            model,
            hw,
            quant=quant,
            context=8192,
            engine="vllm",
            engine_options=EngineOptions(gpu_memory_utilization=util),
        )
        return e.memory.placement

    assert placed(0.9).fit == "no"  # vLLM's default, stated
    p = placed(None)
    utils = [float(s.flag.split()[1]) for s in p.settings if s.flag.startswith("--gpu-memory-utilization")]
    assert p.fit == "tight" and len(utils) == 1 and 0.9 < utils[0] < 1.0
    assert placed(utils[0]).fit != "no"


def test_a_model_far_beyond_the_card_gets_no_utilization_setting() -> None:
    model = default_catalog().resolve("gemma-3-12b").model
    e = estimate(model, parse_hardware("RTX 3090"), quant="BF16-HF", context=4096, engine="vllm")
    assert e.memory.placement.fit == "no"
    assert not [s for s in e.memory.placement.settings if s.flag.startswith("--gpu-memory-utilization")]
