"""A context asked past the model's trained length: llama.cpp, ExLlama and MLX allocate the cache for
it anyway (the answer sizes what they allocate and says the output past the trained length is not
reliable); Ollama lowers num_ctx to the trained length, and vLLM and SGLang refuse a longer one, so
their answers keep the cap."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware

_MODEL = "llama-2-7b"  # trained on 4096 tokens
_ASKED = 16384

_ALLOCATES = [
    ("llama.cpp", "Q4_K_M", "RTX 4090"),
    ("exllama", "EXL2-4.0", "RTX 4090"),
    ("mlx", "MLX-4bit", "M2 Max 64GB"),
]
_CAPS = [
    ("ollama", "Q4_K_M", "RTX 4090"),
    ("vllm", "AWQ-INT4", "RTX 4090"),
    ("sglang", "AWQ-INT4", "RTX 4090"),
]


def _estimate(engine: str, quant: str, rig: str, context: int):  # type: ignore[no-untyped-def]
    spec = default_catalog().resolve(_MODEL).model
    return estimate(spec, parse_hardware(rig), quant=quant, context=context, engine=engine)


@pytest.mark.parametrize(("engine", "quant", "rig"), _ALLOCATES)
def test_an_engine_that_allocates_the_asked_length_is_sized_at_it(engine: str, quant: str, rig: str) -> None:
    assert _estimate(engine, quant, rig, _ASKED).context == _ASKED


@pytest.mark.parametrize(("engine", "quant", "rig"), _ALLOCATES)
def test_the_cache_past_the_trained_length_costs_memory(engine: str, quant: str, rig: str) -> None:
    asked = _estimate(engine, quant, rig, _ASKED).memory.placement
    trained = _estimate(engine, quant, rig, 4096).memory.placement
    assert sum(d.kv for d in asked.devices) > 3 * sum(d.kv for d in trained.devices)


@pytest.mark.parametrize(("engine", "quant", "rig"), _ALLOCATES)
def test_the_answer_says_the_output_past_the_trained_length_is_not_reliable(
    engine: str, quant: str, rig: str
) -> None:
    notes = " ".join(_estimate(engine, quant, rig, _ASKED).assumptions)
    assert "4,096" in notes and "not reliable" in notes


@pytest.mark.parametrize(("engine", "quant", "rig"), _CAPS)
def test_an_engine_that_caps_the_context_is_sized_at_the_trained_length(
    engine: str, quant: str, rig: str
) -> None:
    e = _estimate(engine, quant, rig, _ASKED)
    assert e.context == 4096
    assert any("capped the 16,384" in a for a in e.assumptions)
