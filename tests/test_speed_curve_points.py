"""A speed curve is worked out from one set of features for all its depths; each of its points is
exactly what the speed model gives for that depth alone (decode and prompt), on every kind of
placement."""

from __future__ import annotations

from typing import cast

import pytest

from sizing import Catalog, estimate, parse_hardware
from sizing.catalog import resolve_quant
from sizing.speed import (
    PREFILL_PROBE_TOKENS,
    curve_depths,
    decode_attention,
    decode_features,
    decode_seconds,
    decode_seconds_with,
    load_speed_params,
    prefill_features,
    prefill_seconds,
    prefill_seconds_each,
)
from sizing.vocabulary import SplitMode

# (model, rig, quant, backend, context): one GPU, layers and experts offloaded to RAM (their K/V
# crossing PCIe with the prompt), a split over GPUs, sliding-window attention, linear-attention
# blocks, MLA, the CPU alone
CASES = [
    ("qwen3-8b", "RTX 4090", "Q4_K_M", "cuda", 65536),
    ("llama-3.3-70b", "RTX 3090, 64GB DDR4", "Q4_K_M", "cuda", 32768),
    ("qwen3-30b-a3b", "RTX 3060 12GB, 64GB RAM", "Q8_0", "cuda", 40960),
    ("llama-3.3-70b", "2x RTX 3090, 64GB DDR4", "Q4_K_M", "cuda", 16384),
    ("gemma-3-27b", "RTX 4090", "Q4_K_M", "cuda", 131072),
    ("qwen3-next-80b-a3b", "Ryzen AI Max+ 395 128GB", "Q4_K_M", "vulkan", 262144),
    ("deepseek-v3", "8x H100", "IQ2_XXS", "cuda", 65536),
    ("llama-3.1-8b", "Ryzen 9 7950X, 64GB DDR5-6000", "Q4_K_M", "cpu", 32768),
]


@pytest.mark.parametrize(("model", "rig", "quant", "backend", "context"), CASES)
def test_each_curve_point_is_the_speed_at_that_depth_alone(
    catalog: Catalog, model: str, rig: str, quant: str, backend: str, context: int
) -> None:
    spec, hw, q = catalog.by_id[model], parse_hardware(rig), resolve_quant(quant)
    e = estimate(spec, hw, quant=q, context=context, backend=backend)
    mem, mode, params = e.memory, cast(SplitMode, e.speed.split_mode), load_speed_params()
    assert e.verdict != "no"
    assert [p.depth for p in e.speed.curve] == list(curve_depths(e.context))
    for p in e.speed.curve:
        alone = decode_features(spec, mem, hw, backend, q, depths=[float(p.depth)], mode=mode)
        prompt = prefill_features(
            spec, mem, hw, backend, q, tokens=PREFILL_PROBE_TOKENS, depth=p.depth, mode=mode
        )
        assert p.decode_tps == 1 / decode_seconds(alone, params)
        assert p.prefill_tps == PREFILL_PROBE_TOKENS / prefill_seconds(prompt, params)


@pytest.mark.parametrize(("model", "rig", "quant", "backend", "context"), CASES)
def test_prompts_of_other_lengths_are_each_timed_alone(
    catalog: Catalog, model: str, rig: str, quant: str, backend: str, context: int
) -> None:
    """Prompts that differ in more than their depth share no part of their time."""
    spec, hw, q = catalog.by_id[model], parse_hardware(rig), resolve_quant(quant)
    e = estimate(spec, hw, quant=q, context=context, backend=backend)
    mode, params = cast(SplitMode, e.speed.split_mode), load_speed_params()
    prompts = [
        prefill_features(spec, e.memory, hw, backend, q, tokens=tokens, depth=depth, mode=mode)
        for tokens, depth in ((PREFILL_PROBE_TOKENS, 0), (4096, 0), (PREFILL_PROBE_TOKENS, 8192))
    ]
    assert prefill_seconds_each(prompts, params) == [prefill_seconds(p, params) for p in prompts]


@pytest.mark.parametrize(("model", "rig", "quant", "backend", "context"), CASES)
@pytest.mark.parametrize("mode", ["layer", "row", "tensor"])
def test_decode_over_the_context_and_at_other_points_share_one_set_of_features(
    catalog: Catalog, model: str, rig: str, quant: str, backend: str, context: int, mode: SplitMode
) -> None:
    """The split-mode choice times a chat turn and the decode over the context from the same
    features: each figure is exactly what features made for it alone give."""
    spec, hw, q = catalog.by_id[model], parse_hardware(rig), resolve_quant(quant)
    mem, params = estimate(spec, hw, quant=q, context=context, backend=backend).memory, load_speed_params()
    depths = [2304.0, 0.0, float(context)]
    whole = decode_features(spec, mem, hw, backend, q, mode=mode)
    over, at = decode_seconds_with(whole, params, decode_attention(spec, depths, mem.kv_type))
    assert over == decode_seconds(whole, params)
    assert at == [
        decode_seconds(decode_features(spec, mem, hw, backend, q, depths=[d], mode=mode), params)
        for d in depths
    ]
