"""A speed curve read off one set of per-device costs gives, at each depth, exactly what the speed
model gives for that depth alone (decode and prompt), on every kind of placement."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate_memory, parse_hardware
from sizing._speed_features import decode_features, prefill_features, prefill_features_at
from sizing._speed_model import decode_point_seconds, decode_seconds
from sizing.catalog import resolve_quant
from sizing.speed import PREFILL_PROBE_TOKENS, curve_depths, load_speed_params
from sizing.vocabulary import SplitMode

# (model, rig, quant, backend, context, split mode): one GPU, layers and experts offloaded to RAM
# (their K/V crossing PCIe with the prompt), a tensor split over GPUs, sliding-window attention,
# linear-attention blocks, MLA, the CPU alone
CASES: list[tuple[str, str, str, str, int, SplitMode]] = [
    ("qwen3-8b", "RTX 4090", "Q4_K_M", "cuda", 65536, "layer"),
    ("llama-3.3-70b", "RTX 3090, 64GB DDR4", "Q4_K_M", "cuda", 32768, "layer"),
    ("qwen3-30b-a3b", "RTX 3060 12GB, 64GB RAM", "Q8_0", "cuda", 40960, "layer"),
    ("llama-3.3-70b", "2x RTX 3090, 64GB DDR4", "Q4_K_M", "cuda", 16384, "tensor"),
    ("gemma-3-27b", "RTX 4090", "Q4_K_M", "cuda", 131072, "layer"),
    ("qwen3-next-80b-a3b", "Ryzen AI Max+ 395 128GB", "Q4_K_M", "vulkan", 262144, "layer"),
    ("deepseek-v3", "8x H100", "IQ2_XXS", "cuda", 65536, "layer"),
    ("llama-3.1-8b", "Ryzen 9 7950X, 64GB DDR5-6000", "Q4_K_M", "cpu", 32768, "none"),
]


@pytest.mark.parametrize(("model", "rig", "quant", "backend", "context", "mode"), CASES)
def test_each_curve_point_is_the_speed_at_that_depth_alone(
    catalog: Catalog, model: str, rig: str, quant: str, backend: str, context: int, mode: SplitMode
) -> None:
    spec, hw, q = catalog.by_id[model], parse_hardware(rig), resolve_quant(quant)
    mem = estimate_memory(spec, q, hw, context=context, engine="llama.cpp", backend=backend)
    assert mem.placement.verdict != "no"
    params = load_speed_params()
    depths = curve_depths(context)
    together = decode_features(spec, mem, hw, backend, q, depths=[float(d) for d in depths], mode=mode)
    prompts = prefill_features_at(
        spec, mem, hw, backend, q, tokens=PREFILL_PROBE_TOKENS, depths=depths, mode=mode
    )
    for d, seconds, prompt in zip(depths, decode_point_seconds(together, params), prompts, strict=True):
        alone = decode_features(spec, mem, hw, backend, q, depths=[float(d)], mode=mode)
        assert seconds == decode_seconds(alone, params)
        assert prompt == prefill_features(
            spec, mem, hw, backend, q, tokens=PREFILL_PROBE_TOKENS, depth=d, mode=mode
        )


@pytest.mark.parametrize(("model", "rig", "quant", "backend", "context", "mode"), CASES[:4])
def test_the_mean_over_a_context_weighs_the_speed_at_each_point(
    catalog: Catalog, model: str, rig: str, quant: str, backend: str, context: int, mode: SplitMode
) -> None:
    spec, hw, q = catalog.by_id[model], parse_hardware(rig), resolve_quant(quant)
    mem = estimate_memory(spec, q, hw, context=context, engine="llama.cpp", backend=backend)
    params = load_speed_params()
    f = decode_features(spec, mem, hw, backend, q, mode=mode)
    points = decode_point_seconds(f, params)
    assert len(points) == len(f.weights) > 1
    assert decode_seconds(f, params) == pytest.approx(
        sum(w * s for w, s in zip(f.weights, points, strict=True))
    )
