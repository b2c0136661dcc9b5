"""Headroom the engines keep for what is not weights or cache: SGLang's lower memory fraction for
vision models, the vision projector llama-server -hf loads by itself, and the GPU wired limit a Mac
can raise."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sizing import default_catalog, estimate, parse_hardware
from sizing.commands import launch_command
from sizing.engines import (
    VIT_L14_PARAMS,
    EngineOptions,
    sglang_defaults,
    sglang_vision_params,
    vlm_fraction_factor,
)

GiB = 1024**3


def _model(model_id: str):  # type: ignore[no-untyped-def]
    return default_catalog().resolve(model_id).model


# --- SGLang: adjust_mem_fraction_for_vlm ---------------------------------------------------------


@pytest.mark.parametrize(
    ("tower", "factor"),
    [
        (0.0, 1.0),  # a text-only model keeps the fraction
        (VIT_L14_PARAMS, 0.95),  # SGLang's baseline tower: the base reduction alone
        (2 * VIT_L14_PARAMS, 0.95 * 0.9),  # twice the baseline: 10 % more
        (0.5 * VIT_L14_PARAMS, 0.95 * 1.05),  # a small tower: at most 5 % back
        (20 * VIT_L14_PARAMS, 0.95 * 0.8),  # a huge tower: at most 20 % more
    ],
)
def test_sglang_lowers_its_fraction_by_the_size_of_the_vision_tower(tower: float, factor: float) -> None:
    assert vlm_fraction_factor(tower) == pytest.approx(factor)


@given(st.floats(min_value=0, max_value=1e11), st.floats(min_value=0, max_value=1e11))
def test_a_larger_vision_tower_never_raises_the_fraction(a: float, b: float) -> None:
    small, large = sorted((a, b))
    assert vlm_fraction_factor(large) <= vlm_fraction_factor(small) <= 1.0


@pytest.mark.parametrize(
    ("model_id", "vision"),
    [("qwen2.5-vl-72b", True), ("gemma-3-27b", True), ("llama-3.1-8b", False), ("qwen3-32b", False)],
)
def test_sglang_sizes_headroom_for_the_towers_of_vision_checkpoints(model_id: str, vision: bool) -> None:
    assert (sglang_vision_params(_model(model_id)) > 0) is vision


def test_current_sglang_picks_the_lowered_fraction_for_a_vision_model() -> None:
    text = sglang_defaults(24 * GiB, 1)
    vlm = sglang_defaults(24 * GiB, 1, vision_params=VIT_L14_PARAMS)
    assert vlm.mem_fraction_static == pytest.approx(text.mem_fraction_static * 0.95)
    assert vlm.designed_fraction == vlm.mem_fraction_static


def test_table_era_sglang_kept_the_full_fraction_but_is_judged_by_the_lowered_one() -> None:
    d = sglang_defaults(24 * GiB, 4, "table", vision_params=VIT_L14_PARAMS)
    assert d.mem_fraction_static == 0.85
    assert d.designed_fraction == pytest.approx(0.85 * 0.95)


def test_vision_model_at_old_sglang_defaults_is_tight_with_the_lower_fraction() -> None:
    e = estimate(
        _model("qwen2.5-vl-72b"),
        parse_hardware("4x RTX 4090"),
        quant="AWQ-INT4",
        engine="sglang",
        engine_options=EngineOptions(version="0.4.6", tensor_parallel=4),
    )
    p = e.memory.placement
    assert p.fit == "tight"
    flags = [s.flag for s in p.settings if s.flag.startswith("--mem-fraction-static")]
    assert flags and float(flags[0].split()[1]) < 0.85
    assert flags[0] in (launch_command(e) or "")


def test_text_model_at_old_sglang_defaults_keeps_its_verdict() -> None:
    def fit(version: str | None) -> str:
        return str(
            estimate(
                _model("qwen3-14b"),
                parse_hardware("RTX 4090"),
                quant="AWQ-INT4",
                context=8192,
                engine="sglang",
                engine_options=EngineOptions(version=version),
            ).memory.placement.fit
        )

    assert fit("0.4.6") == "fits"


# --- llama.cpp: the projector llama-server -hf loads -----------------------------------------------


def _llama_cpp(model_id: str, hw: str, context: int):  # type: ignore[no-untyped-def]
    return estimate(_model(model_id), parse_hardware(hw), quant="Q4_K_M", context=context, engine="llama.cpp")


def test_llama_server_counts_the_vision_projector_on_the_gpu() -> None:
    e = _llama_cpp("gemma-3-27b", "RTX 3090", 8192)
    assert e.memory.placement.fit == "fits"
    assert any("vision projector" in n for n in e.memory.notes)
    assert e.memory.weights.extra >= e.memory.weights.vision > 0


def test_without_flash_attention_the_image_encoder_graph_is_counted_too() -> None:
    def projector(flash_attention: bool) -> float:
        e = estimate(
            _model("gemma-3-27b"),
            parse_hardware("RTX 3090"),
            quant="Q4_K_M",
            context=8192,
            engine="llama.cpp",
            flash_attention=flash_attention,
        )
        return float(e.memory.weights.extra)

    # gemma3's 4096 patches x 16 heads of f32 scores: about 1 GiB
    assert projector(False) - projector(True) == pytest.approx(GiB, rel=0.1)


def test_text_only_model_has_no_projector() -> None:
    e = _llama_cpp("qwen3-32b", "RTX 3090", 8192)
    assert not any("projector" in n for n in e.memory.notes)
    assert not any(s.flag == "--no-mmproj" for s in e.memory.placement.settings)


def test_where_only_the_projector_crowds_the_gpu_the_command_leaves_it_out() -> None:
    # Gemma 3 27B at Q4_K_M and 72K tokens fills a 24 GB card: the text model fits, its 0.8 GiB
    # projector does not
    e = _llama_cpp("gemma-3-27b", "RTX 3090", 72000)
    p = e.memory.placement
    assert p.verdict == "gpu"
    assert p.fit == "tight"
    assert [s.flag for s in p.settings] == ["--no-mmproj"]
    assert "--no-mmproj" in (launch_command(e) or "")


# --- MLX: past macOS's default working set ---------------------------------------------------------


def test_mac_model_past_the_default_working_set_is_tight_with_a_raised_wired_limit() -> None:
    # 8-bit Mixtral 8x7B (46 GiB) and 43K tokens of cache pass the 48 GiB a 64 GB Mac wires by default
    e = estimate(
        _model("mixtral-8x7b"), parse_hardware("M1 Max 64GB"), quant="MLX-8bit", context=43000, engine="mlx"
    )
    p = e.memory.placement
    assert (p.verdict, p.fit) == ("gpu", "tight")
    assert p.settings[0].flag.startswith("sudo sysctl iogpu.wired_limit_mb=")
    assert p.settings[0].flag in (launch_command(e) or "")


def test_mac_model_past_any_wired_limit_is_no() -> None:
    e = estimate(_model("llama-3.1-70b"), parse_hardware("M1 Max 64GB"), quant="MLX-8bit", engine="mlx")
    assert e.memory.placement.verdict == "no"
