"""Ollama offloads a model that does not fit its GPUs by whole layers (num_gpu): it has no way to keep
only an MoE's routed experts in system RAM, as llama.cpp's --n-cpu-moe does. An Ollama answer places
whole layers, prices its speed so, and names llama.cpp's --n-cpu-moe where that is clearly faster."""

from __future__ import annotations

import pytest

from sizing import advise, default_catalog, estimate, parse_hardware

# MoE models too large for the card, with RAM enough for the rest
_MOE_OVER_ONE_CARD = [
    ("gpt-oss-120b", "RTX 4090, 96GB DDR5"),
    ("qwen3-235b-a22b", "RTX 4090, 192GB RAM"),
    ("qwen3-30b-a3b", "RTX 3060 8GB, 32GB RAM"),
]


@pytest.mark.parametrize(("model_id", "rig"), _MOE_OVER_ONE_CARD)
def test_ollama_leaves_whole_layers_in_ram_never_experts_alone(model_id: str, rig: str) -> None:
    e = estimate(default_catalog().by_id[model_id], parse_hardware(rig), engine="ollama")
    placement = e.memory.placement
    assert placement.strategy == "layer_offload"
    assert placement.cpu_moe_layers == 0
    assert placement.gpu_layers < default_catalog().by_id[model_id].layers


@pytest.mark.parametrize(("model_id", "rig"), _MOE_OVER_ONE_CARD)
def test_llama_cpp_still_keeps_only_the_experts_in_ram(model_id: str, rig: str) -> None:
    e = estimate(default_catalog().by_id[model_id], parse_hardware(rig), engine="llama.cpp")
    assert e.memory.placement.strategy == "expert_offload"


@pytest.mark.parametrize(("model_id", "rig"), _MOE_OVER_ONE_CARD)
def test_whole_layers_in_ram_are_no_faster_than_experts_alone(model_id: str, rig: str) -> None:
    model, hw = default_catalog().by_id[model_id], parse_hardware(rig)
    ollama = estimate(model, hw, engine="ollama", quant="Q4_K_M")
    llama = estimate(model, hw, engine="llama.cpp", quant="Q4_K_M")
    assert ollama.speed.decode_tps <= llama.speed.decode_tps


def test_an_ollama_answer_names_expert_offload_in_llama_cpp_where_it_is_clearly_faster() -> None:
    advice = advise(
        default_catalog().by_id["qwen3-235b-a22b"], parse_hardware("RTX 4090, 192GB RAM"), engine="ollama"
    )
    hint = [h for h in advice.hints if "--n-cpu-moe" in h]
    assert len(hint) == 1
    assert "Ollama offloads whole layers" in hint[0] and "llama-server" in hint[0]
    assert "tokens/s" in hint[0]


def test_no_expert_offload_hint_where_ollama_fits_the_model_on_the_gpu() -> None:
    advice = advise(
        default_catalog().by_id["qwen3-30b-a3b"], parse_hardware("RTX 4090, 64GB RAM"), engine="ollama"
    )
    assert advice.options[0].estimate.verdict == "gpu"
    assert not [h for h in advice.hints if "--n-cpu-moe" in h]


def test_no_expert_offload_hint_for_a_dense_model() -> None:
    advice = advise(
        default_catalog().by_id["llama-3.3-70b"], parse_hardware("RTX 4090, 64GB RAM"), engine="ollama"
    )
    assert not [h for h in advice.hints if "--n-cpu-moe" in h]
