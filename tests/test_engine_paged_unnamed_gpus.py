"""vLLM and SGLang split a model over identical cards. Cards named only by their size ("2 GPUs with
24GB each") are identical too: the engine's tensor parallel spans all of them, as it does for named
cards of one model."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware

# (engine, model, quant, rig, cards): a model too large for one card of the rig
_SPLITS = [
    ("vllm", "qwen2.5-32b", "AWQ-INT4", "2 GPUs with 16GB each", 2),
    ("vllm", "llama-3.3-70b", "AWQ-INT4", "2 GPUs with 48GB each", 2),
    ("vllm", "qwen2.5-72b", "GPTQ-INT4", "4 GPUs with 24GB each", 4),
    ("sglang", "qwen2.5-72b", "GPTQ-INT4", "2 GPUs with 48GB each", 2),
    ("sglang", "qwen2.5-32b", "AWQ-INT4", "4 GPUs with 12GB each", 4),
]


def _placement(engine: str, model: str, quant: str, rig: str):  # type: ignore[no-untyped-def]
    spec = default_catalog().resolve(model).model
    return estimate(spec, parse_hardware(rig), quant=quant, context=4096, engine=engine).memory.placement


@pytest.mark.parametrize(("engine", "model", "quant", "rig", "cards"), _SPLITS)
def test_cards_named_by_size_share_the_model(
    engine: str, model: str, quant: str, rig: str, cards: int
) -> None:
    p = _placement(engine, model, quant, rig)
    assert p.verdict == "gpu"
    assert sum(d.kind == "gpu" and d.weights > 0 for d in p.devices) == cards


@pytest.mark.parametrize(("engine", "model", "quant", "rig", "cards"), _SPLITS)
def test_no_card_named_by_size_is_left_out(engine: str, model: str, quant: str, rig: str, cards: int) -> None:
    p = _placement(engine, model, quant, rig)
    assert not any("identical GPUs" in n for n in p.notes)


def test_named_cards_of_two_models_stay_two_groups() -> None:
    p = _placement("vllm", "qwen2.5-7b", "AWQ-INT4", "RTX 4090 + RTX 3090")
    assert any("over identical GPUs only: the 1x" in n and "left out" in n for n in p.notes)
