"""The vision towers of the Qwen vision families are counted in their checkpoints, so engines that load
them (vLLM loads the tower with the language model) size them."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware


@pytest.mark.parametrize(
    "model_id",
    [
        "qwen2.5-vl-3b",
        "qwen2.5-vl-72b",
        "qwen3-vl-8b",
        "qwen3-vl-235b-a22b",
        "qwen3.5-9b",
        "qwen3.5-27b",
        "qwen3.5-35b-a3b",
        "qwen3.6-27b",
        "qwen3.6-35b-a3b",
        "qwen3.8-27b",
    ],
)
def test_qwen_vision_checkpoints_count_their_tower(model_id: str) -> None:
    spec = default_catalog().resolve(model_id).model
    assert spec.vision_params_b is not None and 0.4 < spec.vision_params_b < 0.75


def test_vllm_loads_the_tower_with_the_language_model() -> None:
    hw = parse_hardware("RTX 5090")
    text = default_catalog().resolve("qwen3.6-27b").model
    e = estimate(text, hw, engine="vllm", quant="NVFP4", context=8192)
    bare = text.model_copy(update={"vision_params_b": None})
    without = estimate(bare, hw, engine="vllm", quant="NVFP4", context=8192)
    grown = e.memory.placement.devices[0].weights - without.memory.placement.devices[0].weights
    assert text.vision_params_b is not None
    assert grown == pytest.approx(text.vision_params_b * 1e9 * 2, rel=0.01)  # the tower stays 16-bit
