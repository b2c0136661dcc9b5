"""Ollama's pre-v0.11.11 scheduler estimate: the graph formula its GGUF architecture selects, and the
room a comfortable fit keeps beside that estimate on a discrete GPU and on unified memory."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware, weight_bytes
from sizing.catalog import resolve_quant
from sizing.engines import (
    ENGINE_HEADROOM,
    OLLAMA_UNIFIED_HEADROOM,
    EngineOptions,
    engine_headroom,
    ollama_arch,
    ollama_legacy_estimate,
)

GiB = 1024**3


def _model(model_id: str):  # type: ignore[no-untyped-def]
    return default_catalog().resolve(model_id).model


# --- which formula: Mistral's text checkpoints are LLaMA GGUFs ---------------------------------


@pytest.mark.parametrize(
    "model_id",
    ["mistral-nemo-12b", "codestral-22b", "mistral-small-22b", "mistral-small-3-24b", "mistral-7b-v0.2"],
)
def test_mistral_text_models_take_the_llama_graph_formula(model_id: str) -> None:
    assert ollama_arch(_model(model_id)) == "llama"


@pytest.mark.parametrize("model_id", ["mistral-small-3.1-24b", "magistral-small", "ministral-3-8b"])
def test_mistral_vision_models_do_not(model_id: str) -> None:
    assert ollama_arch(_model(model_id)) != "llama"


def test_mistral_nemo_graph_is_the_llama_formula_at_its_context() -> None:
    spec = _model("mistral-nemo-12b")
    e = ollama_legacy_estimate(
        spec, weight_bytes(spec, resolve_quant("Q4_0")), num_ctx=16384, gpus_free=[22 * GiB]
    )
    batch = 512
    llama_full = 4 * batch * (1 + 4 * spec.hidden + 16384 * (1 + spec.heads))
    assert e.graph_full == pytest.approx(llama_full)
    # the generic rule (GQA x cache / 6) would charge more
    assert e.graph_full < spec.heads // spec.kv_heads * e.kv / 6


# --- room beside the estimate -------------------------------------------------------------------


def test_discrete_gpus_keep_the_allocator_margin_and_unified_memory_more() -> None:
    # the allocator margin: what an engine without a fitted figure of its own keeps
    assert ENGINE_HEADROOM["ollama"] == engine_headroom("an engine without its own figure")
    assert ENGINE_HEADROOM["ollama"] < OLLAMA_UNIFIED_HEADROOM


def _ollama(model_id: str, quant: str, hw: str, context: int, version: str):  # type: ignore[no-untyped-def]
    return estimate(
        _model(model_id),
        parse_hardware(hw),
        quant=quant,
        context=context,
        engine="ollama",
        engine_options=EngineOptions(version=version),
    ).memory.placement


def test_estimate_with_about_a_gib_to_spare_on_a_laptop_gpu_is_a_fit() -> None:
    # Ollama 0.1.29 plans about 5.8 GiB for a 7B Q4_0 at 2K context on an 8 GB card under Windows
    p = _ollama("qwen1.5-7b", "Q4_0", "RTX 3070 Laptop 8GB, Windows 11", 2048, "0.1.29")
    assert (p.verdict, p.fit) == ("gpu", "fits")


def test_estimate_with_under_two_gib_to_spare_on_a_mac_is_tight() -> None:
    p = _ollama("gemma-3-27b", "Q4_K_M", "36GB Mac", 8192, "0.6.0")
    assert (p.verdict, p.fit) == ("gpu", "tight")


def test_a_given_headroom_applies_on_unified_memory_too() -> None:
    p = estimate(
        _model("gemma-3-27b"),
        parse_hardware("36GB Mac"),
        quant="Q4_K_M",
        context=8192,
        engine="ollama",
        engine_options=EngineOptions(version="0.6.0", headroom=0.0),
    ).memory.placement
    assert (p.verdict, p.fit) == ("gpu", "fits")
