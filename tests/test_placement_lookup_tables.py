"""Tables looked up by token (per-layer embeddings, an n-gram embedding, learned positions) are
input-layer tensors to llama.cpp: they stay in system RAM beside the token embedding whatever -ngl
says. A MoE whose table is larger than its card still keeps attention and the shared weights on the
GPU with its routed experts in RAM, and every placement counts every loaded byte somewhere."""

from __future__ import annotations

import pytest

from sizing import advise, default_catalog, estimate, parse_hardware


def _memory(model_id: str, quant: str, rig: str):  # type: ignore[no-untyped-def]
    """The memory llama.cpp takes for `model_id` at `quant` on `rig`, at the default context."""
    hw = parse_hardware(rig)
    return estimate(default_catalog().by_id[model_id], hw, quant=quant, engine="llama.cpp").memory


@pytest.mark.parametrize(
    ("model_id", "quant", "rig", "strategy"),
    [
        # a 51B n-gram table (about 21 GB at 3 bits) beside a 16 GB card: the experts go to RAM
        ("qwen3.8-flash-next", "IQ3_XS", "rtx 5080 16gb, 64gb ram", "expert_offload"),
        ("qwen3.8-flash-next", "IQ2_XXS", "rtx 4080 16gb, 64gb ram", "expert_offload"),
        # per-layer embeddings of a small model: the rest of it fits an 8 GB card whole
        ("gemma-3n-e4b", "Q8_0", "rtx 4060 8gb, 32gb ram", "gpu"),
        ("gemma-4-e4b", "Q4_K_M", "rtx 3050 6gb, 16gb ram", "gpu"),
    ],
)
def test_the_lookup_tables_sit_in_system_ram(model_id: str, quant: str, rig: str, strategy: str) -> None:
    mem = _memory(model_id, quant, rig)
    placement = mem.placement
    assert placement.strategy == strategy
    lookup = mem.weights.lookup
    assert lookup > 0
    cpu = placement.devices[-1]
    assert cpu.kind == "cpu"
    assert cpu.weights >= lookup
    gpu_weights = sum(d.weights for d in placement.devices if d.kind == "gpu")
    assert gpu_weights < mem.weights.total - lookup


@pytest.mark.parametrize(
    ("model_id", "quant", "rig"),
    [
        ("qwen3.8-flash-next", "IQ3_XS", "rtx 5080 16gb, 64gb ram"),
        ("qwen3.8-flash-next", "IQ2_XXS", "ryzen 9 7950x, 128gb ddr5"),
        ("gemma-3n-e4b", "Q4_K_M", "raspberry pi 5 16gb"),
        ("gemma-4-e4b", "IQ4_XS", "raspberry pi 5 8gb"),
        ("qwen3-next-80b-a3b", "Q4_K_M", "rtx 3060 12gb, 64gb ram"),
        ("qwen3-next-80b-a3b", "Q4_K_M", "ryzen 7 7700, 96gb ddr5"),
        ("gpt2-xl", "Q8_0", "intel core i5-12400, 16gb ram"),
    ],
)
def test_every_loaded_weight_byte_is_held_by_some_device(model_id: str, quant: str, rig: str) -> None:
    mem = _memory(model_id, quant, rig)
    assert mem.placement.verdict != "no"
    held = sum(d.weights for d in mem.placement.devices)
    w = mem.weights
    # on top of the text model: the vision projector where -hf loads it, and a tied head loaded
    # again as the output layer
    tied_head = w.embedding if w.output == 0 else 0.0
    assert w.total - 1 <= held <= w.total + w.vision + tied_head + 1


@pytest.mark.parametrize(
    ("model_id", "rig"),
    [
        ("gemma-4-e4b", "raspberry pi 5 8gb"),
        ("gemma-3n-e4b", "raspberry pi 5 8gb"),
        ("gemma-4-e2b", "orange pi 5 4gb"),
    ],
)
def test_no_option_offered_on_a_small_board_needs_more_memory_than_the_board_has(
    model_id: str, rig: str
) -> None:
    advice = advise(default_catalog().by_id[model_id], parse_hardware(rig))
    assert advice.options
    for option in advice.options:
        mem = option.estimate.memory
        assert option.estimate.verdict != "no"
        capacity = sum(d.total for d in mem.placement.devices)
        assert mem.total_bytes <= capacity, option.estimate.quant.id


@pytest.mark.parametrize(
    ("model_id", "rig"),
    [
        ("gemma-4-e4b", "raspberry pi 5 8gb"),
        ("gemma-3-4b", "a phone with a snapdragon 8 gen 3 and 8gb of ram"),
    ],
)
def test_without_a_gpu_the_projector_gives_way_to_the_text_model_where_it_alone_leaves_no_room(
    model_id: str, rig: str
) -> None:
    e = advise(default_catalog().by_id[model_id], parse_hardware(rig)).options[0].estimate
    placement = e.memory.placement
    assert placement.verdict == "cpu"
    assert any(s.flag == "--no-mmproj" for s in placement.settings) or e.memory.weights.vision == 0
