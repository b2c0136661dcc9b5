"""Ollama's own engine (v0.11.11 to v0.29) sizes a vision model's compute buffers at load by encoding a
2048x2048 image; before v0.13.2 the encoder's attention ran unfused, so its scores for that image
(heads x patches^2, f32) are part of what the first GPU must hold. From v0.13.2 with flash attention the
encoder's attention is fused and the graph is small; releases before v0.11.11 use their own estimate."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import EngineOptions, ollama_engine_vision_graph

GiB = 1024**3


def _model(model_id: str):  # type: ignore[no-untyped-def]
    return default_catalog().resolve(model_id).model


@pytest.mark.parametrize(
    ("model_id", "patches"),
    [
        ("gemma-3-12b", (896 // 14) ** 2),  # resized to its fixed 896 x 896
        ("mistral-small-3.1-24b", (1540 // 14) ** 2),  # longest edge capped at 1540
        ("qwen2.5-vl-7b", (980 // 14) ** 2),  # 28 x 28 x 1280 pixels at most
        ("qwen3-vl-8b", (1440 // 16) ** 2),  # 2 << 20 pixels at most, 16-pixel patches
    ],
)
def test_unfused_graph_is_the_scores_of_the_largest_image(model_id: str, patches: int) -> None:
    graph = ollama_engine_vision_graph(_model(model_id), "0.12.7", flash_attention=True)
    scores = 4.0 * 16 * patches * patches
    assert scores <= graph <= scores * 1.01


@pytest.mark.parametrize(
    ("version", "flash_attention", "counted"),
    [
        ("0.11.10", False, False),  # the legacy estimate sizes the projector itself
        ("0.11.11", True, True),  # measured layout, attention unfused
        ("0.13.1", True, True),
        ("0.13.2", True, False),  # fused with flash attention
        ("0.13.2", False, True),  # flash attention off: still unfused
        ("0.30.0", False, False),  # llama-server places GGUF models
        (None, False, False),  # the current release
    ],
)
def test_counted_only_where_the_engine_measures_an_unfused_encoder(
    version: str | None, flash_attention: bool, counted: bool
) -> None:
    graph = ollama_engine_vision_graph(_model("qwen3-vl-8b"), version, flash_attention)
    assert (graph > 0) is counted


def test_text_only_models_reserve_no_vision_graph() -> None:
    assert ollama_engine_vision_graph(_model("qwen3-8b"), "0.12.7", flash_attention=False) == 0.0


def test_the_first_gpu_holds_the_vision_graph_on_a_release_that_measures_it() -> None:
    model, rig = _model("mistral-small-3.1-24b"), parse_hardware("RTX 4090")

    def first_gpu_bytes(version: str) -> float:
        e = estimate(
            model,
            rig,
            quant="Q4_K_M",
            context=4096,
            engine="ollama",
            engine_options=EngineOptions(version=version),
        )
        d = e.memory.placement.devices[0]
        return d.weights + d.kv + d.compute

    # Mistral Small 3.1's 12100 patches: about 8.7 GiB of scores before v0.13.2
    assert first_gpu_bytes("0.12.7") - first_gpu_bytes("0.13.2") > 7 * GiB


def _flags(version: str) -> tuple[str, list[str]]:
    e = estimate(
        _model("qwen2.5-vl-3b"),
        parse_hardware("GTX 1650 4GB"),
        quant="Q4_K_M",
        context=4096,
        engine="ollama",
        engine_options=EngineOptions(version=version),
    )
    p = e.memory.placement
    return p.verdict, [s.flag for s in p.settings]


def test_from_0_13_2_flash_attention_is_the_setting_that_fuses_the_encoder() -> None:
    # Qwen2.5-VL runs without flash attention by default there; turning it on fuses the encoder
    verdict, flags = _flags("0.13.2")
    assert verdict == "gpu" and "OLLAMA_FLASH_ATTENTION=1" in flags


def test_before_0_13_2_flash_attention_is_not_offered_for_the_encoder() -> None:
    _, flags = _flags("0.12.7")
    assert "OLLAMA_FLASH_ATTENTION=1" not in flags
