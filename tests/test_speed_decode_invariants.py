"""Decode invariants that hold for every model and rig: fewer bytes per weight never decode slower on
a box whose RAM bandwidth bounds it, a fuller cache never decodes faster, and a multi-head latent
cache (MLA: DeepSeek V3/R1, Kimi K2) costs far less per cached token than the same model's
uncompressed cache, so such a model on the CPU keeps most of its speed at a few thousand tokens in."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import Catalog, estimate, parse_hardware
from sizing.catalog import ModelSpec

_QUANTS_SMALL_TO_LARGE = ("Q3_K_M", "Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0")


def _decode(spec: ModelSpec, rig: str, quant: str, depth: int, context: int = 32768) -> float:
    e = estimate(spec, parse_hardware(rig), quant=quant, context=context, depth=depth, backend="cpu")
    return e.speed.decode_tps


@pytest.mark.parametrize(
    ("model", "rig"),
    [
        ("deepseek-r1", "EPYC 9654, 768GB DDR5"),
        ("kimi-k2", "EPYC 9654, 1.5TB DDR5"),
        ("llama-3.1-8b", "Ryzen 9 7950X, 64GB DDR5"),
        ("qwen3-30b-a3b", "Ryzen 9 7950X, 64GB DDR5"),
    ],
)
@pytest.mark.parametrize("depth", [0, 8192, 32768])
def test_a_smaller_quant_never_decodes_slower_on_a_cpu(
    catalog: Catalog, model: str, rig: str, depth: int
) -> None:
    spec = catalog.by_id[model]
    speeds = [_decode(spec, rig, q, depth) for q in _QUANTS_SMALL_TO_LARGE]
    assert speeds == sorted(speeds, reverse=True)


@pytest.mark.parametrize(
    ("model", "rig"), [("deepseek-r1", "EPYC 9654, 768GB DDR5"), ("kimi-k2", "EPYC 9654, 1.5TB DDR5")]
)
def test_the_weights_still_set_a_cpu_moe_pace_at_depth(catalog: Catalog, model: str, rig: str) -> None:
    # a latent cache is small: at 8k tokens in, half the bytes per weight still decodes far faster
    spec = catalog.by_id[model]
    assert _decode(spec, rig, "Q3_K_M", 8192) > 1.4 * _decode(spec, rig, "Q8_0", 8192)


@settings(max_examples=12, deadline=None)
@given(
    case=st.sampled_from(
        [
            ("deepseek-r1", "EPYC 9654, 768GB DDR5", "cpu"),
            ("llama-3.1-8b", "Ryzen 9 7950X, 64GB DDR5", "cpu"),
            ("glm-4.7-flash", "RTX 4090", "cuda"),
            ("qwen3-8b", "RTX 4090", "cuda"),
            ("qwen3.6-35b-a3b", "Ryzen AI Max+ 395 128GB", "vulkan"),
        ]
    ),
    shallow=st.integers(0, 60000),
    more=st.integers(1, 60000),
)
def test_more_depth_never_decodes_faster(
    catalog: Catalog, case: tuple[str, str, str], shallow: int, more: int
) -> None:
    model, rig, backend = case
    spec, hw = catalog.by_id[model], parse_hardware(rig)
    context = min(spec.max_context, 131072)
    shallow = min(shallow, context - 1)
    deep = min(shallow + more, context)

    def at(depth: int) -> float:
        return estimate(
            spec, hw, quant="Q4_K_M", context=context, depth=depth, backend=backend
        ).speed.decode_tps

    assert at(deep) <= at(shallow)


def _uncompressed(spec: ModelSpec) -> ModelSpec:
    """The same model with its attention cached as full multi-head keys and values (no latent)."""
    return spec.model_copy(update={"attention": spec.attention.model_copy(update={"mla": None})})


@pytest.mark.parametrize(
    ("model", "rig", "backend"),
    [
        ("deepseek-r1", "EPYC 9654, 768GB DDR5", "cpu"),
        ("glm-4.7-flash", "RTX 4090", "cuda"),
        ("glm-4.7-flash", "Ryzen AI Max+ 395 128GB", "vulkan"),
    ],
)
def test_a_latent_cache_costs_far_less_per_cached_token(
    catalog: Catalog, model: str, rig: str, backend: str
) -> None:
    spec, hw = catalog.by_id[model], parse_hardware(rig)

    def added_seconds(s: ModelSpec) -> float:
        def at(depth: int) -> float:
            e = estimate(s, hw, quant="Q4_K_M", context=16384, depth=depth, backend=backend, kv_type="f16")
            return 1 / e.speed.decode_tps

        return at(16384) - at(0)

    assert added_seconds(spec) < 0.5 * added_seconds(_uncompressed(spec))


def test_deepseek_on_a_cpu_keeps_most_of_its_speed_at_8k(catalog: Catalog) -> None:
    spec = catalog.by_id["deepseek-r1"]
    rig = "EPYC 9654, 768GB DDR5"
    assert _decode(spec, rig, "Q4_K_M", 8192) > 0.5 * _decode(spec, rig, "Q4_K_M", 0)
