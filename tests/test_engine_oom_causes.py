"""Causes behind public out-of-memory reports that an engine's defaults hide: the room a Vulkan driver
takes beside llama.cpp's buffers, the vision projector LM Studio loads with a model, mlx_lm.server's
cache that grows with the conversation, and the headroom each engine needs, fitted on the reports."""

from __future__ import annotations

import pytest

from benchmarks.engine_memory import OK_DEV, OOM_DEV, fit_headroom, read_rows
from sizing import SizingError, default_catalog, estimate, parse_hardware, weight_bytes
from sizing.catalog import resolve_quant
from sizing.commands import launch_command
from sizing.engines import ENGINE_HEADROOM, VULKAN_FIT_MARGIN, EngineOptions, ollama_projector

GiB = 1024**3


def _model(model_id: str):  # type: ignore[no-untyped-def]
    return default_catalog().resolve(model_id).model


def _estimate(model_id: str, hw: str, **kw: object):  # type: ignore[no-untyped-def]
    return estimate(_model(model_id), parse_hardware(hw), **kw)  # type: ignore[arg-type]


# --- Vulkan: the driver's own allocations -----------------------------------------------------------

# Qwen2.5 32B Q4_K_M on a headless 24 GB Radeon: at these contexts the whole model fits with llama.cpp's
# 1 GiB per GPU but not with the 2 GiB a Vulkan driver needs beside it
_SQUEEZED = {"quant": "Q4_K_M", "engine": "llama.cpp"}


@pytest.mark.parametrize("context", [14336, 16384])
def test_a_fit_that_rocm_calls_comfortable_is_tight_on_vulkan(context: int) -> None:
    rocm = _estimate("qwen2.5-32b", "RX 7900 XTX, headless", context=context, backend="rocm", **_SQUEEZED)
    vulkan = _estimate("qwen2.5-32b", "RX 7900 XTX, headless", context=context, backend="vulkan", **_SQUEEZED)
    assert (rocm.memory.placement.verdict, rocm.memory.placement.fit) == ("gpu", "fits")
    assert vulkan.memory.placement.fit == "tight"


def test_llama_server_on_vulkan_is_told_to_keep_the_drivers_room() -> None:
    e = _estimate("qwen2.5-32b", "RX 7900 XTX", context=14336, backend="vulkan", **_SQUEEZED)
    command = launch_command(e)
    assert command is not None
    assert f"--fit-target {VULKAN_FIT_MARGIN // 1024**2}" in command


def test_a_vulkan_fit_with_room_to_spare_needs_no_fit_target() -> None:
    e = _estimate("qwen2.5-32b", "RX 7900 XTX", context=8192, backend="vulkan", **_SQUEEZED)
    assert e.memory.placement.fit == "fits"
    assert "--fit-target" not in (launch_command(e) or "")


# --- LM Studio: the vision projector -----------------------------------------------------------------

_LMS = {"quant": "Q4_K_M", "context": 4096}


@pytest.mark.parametrize("flash_attention", [True, False])
def test_lm_studio_counts_the_vision_projector_it_loads(flash_attention: bool) -> None:
    spec = _model("gemma-3-27b")
    text = weight_bytes(spec, resolve_quant("Q4_K_M"))
    e = _estimate("gemma-3-27b", "RTX 4090", engine="lmstudio", flash_attention=flash_attention, **_LMS)
    # without flash attention the image encoder's score matrix comes with it
    graph = 0.0 if flash_attention else ollama_projector(spec)[1]
    assert e.memory.weights.total == pytest.approx(text.total + text.vision + graph, rel=1e-6)
    assert any("vision projector" in n for n in e.memory.notes)


def test_lm_studio_adds_nothing_for_a_text_model() -> None:
    spec = _model("qwen2.5-14b")
    e = _estimate("qwen2.5-14b", "RTX 4090", engine="lmstudio", flash_attention=True, **_LMS)
    assert e.memory.weights.total == pytest.approx(
        weight_bytes(spec, resolve_quant("Q4_K_M")).total, rel=1e-6
    )


# --- MLX: a cache nothing caps -----------------------------------------------------------------------


def test_mlx_server_is_tight_where_the_models_whole_context_outgrows_the_mac() -> None:
    e = _estimate("qwen3.5-27b", "Mac Studio M4 Max 64GB", quant="MLX-4bit", engine="mlx")
    p = e.memory.placement
    assert (p.verdict, p.fit) == ("gpu", "tight")
    assert any("does not cap its cache" in n for n in p.notes)


def test_mlx_server_names_the_raised_wired_limit_where_that_holds_the_whole_context() -> None:
    e = _estimate("llama-3.3-70b", "Mac Studio M4 Max 128GB", quant="MLX-4bit", engine="mlx")
    assert e.memory.placement.fit == "tight"
    # the context sized fits as it is: the raise is named for a longer conversation, not run
    assert any("sudo sysctl iogpu.wired_limit_mb=" in n for n in e.memory.placement.notes)
    assert "sysctl" not in (launch_command(e) or "")


def test_mlx_with_a_context_asked_is_judged_at_that_context() -> None:
    e = _estimate("qwen3.5-27b", "Mac Studio M4 Max 64GB", quant="MLX-4bit", engine="mlx", context=8192)
    assert e.memory.placement.fit == "fits"


def test_mlx_stays_comfortable_where_the_whole_context_fits() -> None:
    e = _estimate("qwen3-0.6b", "Mac Studio M4 Max 64GB", quant="MLX-4bit", engine="mlx")
    assert e.memory.placement.fit == "fits"


# --- the headroom each engine keeps, fitted on the reports -------------------------------------------


def test_each_engines_headroom_is_the_one_its_reports_fit() -> None:
    fitted = fit_headroom(read_rows(OOM_DEV), read_rows(OK_DEV))
    assert {engine: chosen * GiB for engine, (chosen, _) in fitted.items()} == dict(ENGINE_HEADROOM)


def test_a_headroom_given_overrides_the_engines_own() -> None:
    # QwQ 32B at 4.65 bpw and 16K on an RTX 3090 leaves about 0.45 GiB: comfortable without
    # headroom, not with 1 GiB
    kw = {"quant": "EXL2-4.65", "engine": "exllama", "context": 16384}
    assert _estimate("qwq-32b", "RTX 3090", **kw).memory.placement.fit == "fits"
    keep = EngineOptions(headroom=1 * GiB)
    assert _estimate("qwq-32b", "RTX 3090", engine_options=keep, **kw).memory.placement.fit == "tight"


@pytest.mark.parametrize("headroom", [-1.0, 64 * GiB])
def test_a_headroom_out_of_range_is_refused(headroom: float) -> None:
    with pytest.raises(SizingError, match="headroom"):
        _estimate(
            "qwq-32b",
            "RTX 3090",
            quant="EXL2-4.0",
            engine="exllama",
            engine_options=EngineOptions(headroom=headroom),
        )
