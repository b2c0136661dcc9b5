"""Before 0.21 vLLM captures CUDA graphs outside its budget for a list of batch sizes that max_num_seqs
shortens (V0: up to max_num_seqs; V1 from 0.10.0: up to 2 x max_num_seqs); a shorter list holds a
smaller pool, never less than what small captures print. gpt-oss keeps vLLM's own long list."""

from __future__ import annotations

import pytest

from sizing import EngineOptions, default_catalog, estimate, parse_hardware
from sizing.engines import (
    CUDA_GRAPHS_IN_BUDGET,
    CUDA_GRAPHS_OUTSIDE,
    vllm_era,
    vllm_gpu,
    vllm_graph_share,
)

GiB = 2**30
CATALOG = default_catalog()
QWEN = CATALOG.by_id["qwen2.5-7b"]


def _share(version: str | None, seqs: int, tokens: int = 8192, model_id: str = "qwen2.5-7b") -> float:
    return vllm_graph_share(
        CATALOG.by_id[model_id],
        vllm_era(version),
        version,
        max_num_seqs=seqs,
        max_num_batched_tokens=tokens,
    )


@pytest.mark.parametrize(
    ("version", "seqs"), [("0.5.3", 256), ("0.10.1", 256), ("0.20.1", 256), ("0.14.1", 512)]
)
def test_the_default_batch_limits_capture_the_whole_list(version: str, seqs: int) -> None:
    assert _share(version, seqs) == pytest.approx(1.0)


@pytest.mark.parametrize("version", ["0.10.0", "0.11.2", "0.20.1"])
def test_a_small_max_num_seqs_shortens_the_list_from_0_10(version: str) -> None:
    assert _share(version, 8) < 0.01 < _share(version, 64) < _share(version, 128) < 1.0


@pytest.mark.parametrize("version", ["0.8.5", "0.9.2", "v1"])
def test_releases_before_0_10_or_unnamed_ones_keep_the_whole_list(version: str) -> None:
    assert _share(version, 2) == 1.0


def test_the_v0_engine_stops_at_max_num_seqs() -> None:
    assert _share("0.6.3", 16) < _share("0.6.3", 128) < _share("0.6.3", 256) == pytest.approx(1.0)


def test_few_batched_tokens_shorten_the_v1_list_too() -> None:
    assert _share("0.11.0", 256, tokens=64) < 0.05


def test_gpt_oss_keeps_vllms_own_capture_list() -> None:
    assert _share("0.11.2", 1, model_id="gpt-oss-120b") == 1.0


def _graphs(version: str, seqs: int | None) -> float:
    return vllm_gpu(
        QWEN,
        weights=15 * GiB,
        kv_per_token=57344,
        total=24 * GiB,
        gpu_name="NVIDIA GeForce RTX 3090",
        tensor_parallel=1,
        max_model_len=8192,
        era=vllm_era(version),
        max_num_seqs=seqs,
        version=version,
    ).cuda_graphs


def test_a_two_sequence_server_plans_the_small_capture_pool() -> None:
    assert _graphs("0.20.1", 2) == CUDA_GRAPHS_IN_BUDGET
    assert _graphs("0.20.1", None) == CUDA_GRAPHS_OUTSIDE


def test_a_27b_hybrid_at_two_sequences_fits_two_rtx_3090s_on_0_20() -> None:
    def fit(seqs: int | None) -> str:
        e = estimate(
            CATALOG.by_id["qwen3.6-27b"],
            parse_hardware("2x RTX 3090"),
            quant="GPTQ-INT4",
            context=262144,
            engine="vllm",
            kv_type="fp8",
            engine_options=EngineOptions(
                version="0.20.1", tensor_parallel=2, max_num_seqs=seqs, max_num_batched_tokens=8192
            ),
        )
        return e.memory.placement.fit

    assert fit(2) == "fits"
    assert fit(None) != "fits"
