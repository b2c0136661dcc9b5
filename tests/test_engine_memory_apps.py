"""LM Studio's and MLX's own defaults in the memory estimate: LM Studio loads llama.cpp models with
flash attention off and four parallel predictions; mlx-lm prefills in steps whose attention scores
MLX may materialize, needs a runtime reserve, and its server keeps earlier prompts' caches."""

from __future__ import annotations

import pytest

from benchmarks.engine_memory import LOGS_DEV, predict_mlx, read_rows
from sizing import default_catalog, estimate, parse_hardware
from sizing.commands import launch_command
from sizing.engines import EngineOptions

GiB = 1024**3


def _estimate(model_id: str, hw: str, engine: str, **kw: object):  # type: ignore[no-untyped-def]
    model = default_catalog().resolve(model_id).model
    return estimate(model, parse_hardware(hw), engine=engine, **kw)  # type: ignore[arg-type]


# --- LM Studio ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("engine", "flash_attention"), [("lmstudio", False), ("llama.cpp", True)])
def test_flash_attention_follows_each_engines_default(engine: str, flash_attention: bool) -> None:
    e = _estimate("llama-3.1-8b", "RTX 3090", engine, quant="Q4_K_M", context=8192)
    assert e.memory.flash_attention is flash_attention


def test_lmstudio_without_flash_attention_holds_the_attention_scores() -> None:
    kw: dict[str, object] = {"quant": "Q4_K_M", "context": 32768}
    lms = _estimate("llama-3.1-8b", "RTX 3090", "lmstudio", **kw).memory.placement.devices[0]
    cpp = _estimate("llama-3.1-8b", "RTX 3090", "llama.cpp", **kw).memory.placement.devices[0]
    # the KQ scores of one 512-token batch over 32k cells: 32 heads x 4 bytes x 512 x 32k = 2 GiB
    assert lms.compute - cpp.compute > 1.5 * GiB


def test_lmstudio_long_context_is_tight_and_names_flash_attention() -> None:
    e = _estimate("llama-3.1-8b", "RTX 3090", "lmstudio", quant="Q4_K_M", context=131072)
    p = e.memory.placement
    assert p.verdict == "gpu" and p.fit == "tight"
    assert [s.flag for s in p.settings] == ["Flash Attention: on"]
    assert e.memory.flash_attention
    assert "Flash Attention on" in (launch_command(e) or "")


def test_lmstudio_flash_attention_given_is_taken_as_given() -> None:
    e = _estimate(
        "llama-3.1-8b", "RTX 3090", "lmstudio", quant="Q4_K_M", context=131072, flash_attention=False
    )
    assert not e.memory.flash_attention and e.memory.placement.verdict != "gpu"


def test_lmstudio_parallel_predictions_keep_a_recurrent_state_each() -> None:
    kw: dict[str, object] = {"quant": "Q4_K_M", "context": 32768}
    four = _estimate("qwen3.5-27b", "RTX 3090", "lmstudio", **kw).memory.kv.total
    one = _estimate(
        "qwen3.5-27b", "RTX 3090", "lmstudio", engine_options=EngineOptions(num_parallel=1), **kw
    ).memory.kv.total
    plain_four = _estimate("llama-3.1-8b", "RTX 3090", "lmstudio", **kw).memory.kv.total
    plain_one = _estimate(
        "llama-3.1-8b", "RTX 3090", "lmstudio", engine_options=EngineOptions(num_parallel=1), **kw
    ).memory.kv.total
    assert four > one  # Gated DeltaNet state per prediction
    assert plain_four == plain_one  # one unified cache of the context


def test_lmstudio_defaults_are_stated() -> None:
    p = _estimate("llama-3.1-8b", "RTX 3090", "lmstudio").memory.placement
    defaults = dict(p.engine_defaults)
    assert defaults["flash_attention"] == "off"
    assert defaults["max_concurrent_predictions"].startswith("4")


# --- MLX ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model_id", "materialized"),
    [
        ("llama-3.1-8b", False),  # head_dim 128: MLX's fused kernel
        ("gemma-3-27b", False),  # head_dim 128
        ("deepseek-v2-lite", True),  # MLA: query 192, value 128
    ],
)
def test_mlx_attention_scores_only_where_the_fused_kernel_does_not_apply(
    model_id: str, materialized: bool
) -> None:
    d = _estimate(model_id, "M2 Ultra 192GB", "mlx", context=16384).memory.placement.devices[0]
    scores = sum(v for k, v in d.parts if k.startswith("attention scores"))
    assert (scores > 0) is materialized


def test_mlx_long_mla_context_prefills_in_smaller_steps() -> None:
    e = _estimate("deepseek-v3", "M3 Ultra 512GB", "mlx", context=65536)
    p = e.memory.placement
    assert p.verdict == "gpu" and p.fit == "tight"
    assert "--prefill-step-size 512" in [s.flag for s in p.settings]
    assert "--prefill-step-size 512" in (launch_command(e) or "")


def test_mlx_leaves_the_measured_runtime_reserve() -> None:
    # 8.5 GB of weights and 1.1 GB of cache fit a 16 GB Mac's 10.7 GiB working set, but not with 3 GiB spare
    p = _estimate("llama-3.1-8b", "M1 16GB", "mlx", quant="MLX-8bit", context=8192).memory.placement
    assert p.verdict == "gpu" and p.fit == "tight"
    assert p.settings[0].flag.startswith("sudo sysctl iogpu.wired_limit_mb=")


@pytest.mark.parametrize(
    ("model_id", "context", "capped"),
    [
        ("qwen3.5-35b-a3b", 65536, False),
        ("qwen3.5-35b-a3b", 262144, True),  # every turn's recurrent cache is kept
        ("llama-3.1-8b", 131072, False),  # a trimmable cache keeps one copy
    ],
)
def test_mlx_server_prompt_caches_are_capped_where_they_outgrow_the_mac(
    model_id: str, context: int, capped: bool
) -> None:
    e = _estimate(model_id, "M2 Max 64GB", "mlx", context=context)
    flags = [s.flag for s in e.memory.placement.settings]
    assert any(f.startswith("--prompt-cache-bytes") for f in flags) is capped
    if capped:
        assert e.memory.placement.fit == "tight"
        assert "--prompt-cache-bytes" in (launch_command(e) or "")


def test_mlx_peak_memory_matches_mlx_lms_printed_peaks() -> None:
    rows = [r for r in read_rows(LOGS_DEV) if r["engine"] == "mlx"]
    assert rows
    for row in rows:
        assert predict_mlx(row) == pytest.approx(float(row["printed"]), rel=0.10), row["url"]


# --- ExLlama -----------------------------------------------------------------------------------------


def test_exllama_reserves_full_attention_weights_without_flash_attn() -> None:
    kw: dict[str, object] = {"quant": "EXL2-4.0", "context": 8192}
    turing = _estimate("llama-3.1-8b", "RTX 2080 Ti", "exllama", **kw).memory.placement.devices[0]
    ampere = _estimate("llama-3.1-8b", "RTX 3090", "exllama", **kw).memory.placement.devices[0]
    # 2 x 2048^2 x 32 heads x 2 bytes = 512 MiB, about a tenth of it with flash-attn
    assert turing.compute - ampere.compute == pytest.approx(512 * 1024**2 * (1 - 190 / 2048), rel=0.01)
