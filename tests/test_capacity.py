"""The largest model a rig holds (sizing.capacity): a generic model of the size reported fits, one
a grid step larger does not; limits follow bits per weight; examples fit and are no bigger."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate, parse_hardware
from sizing.capacity import capacity, dense_grid, moe_grid
from sizing.catalog import hypothetical_model

RIGS = [
    "RTX 3090",
    "2x RTX 3090, 128GB DDR5",
    "M4 Max 128GB",
    "RTX 4090, 192GB DDR5",
    "Ryzen 9 7950X, 64GB DDR5",
]


def _fits(total_b: float, moe: bool, rig: str, quant: str, context: int) -> bool:
    r = hypothetical_model(f"a {total_b:g}B {'moe' if moe else 'dense'} model")
    assert r is not None
    hw = parse_hardware(rig)
    verdict = estimate(r.model, hw, quant=quant, context=context).verdict
    if not (hw.gpus or hw.soc):
        return verdict == "cpu"
    return verdict == "gpu" or (moe and verdict == "partial")


def _next(grid: tuple[float, ...], x: float) -> float:
    return next(g for g in grid if g > x * 1.001)


@pytest.mark.parametrize("rig", RIGS)
def test_the_largest_dense_model_fits_and_the_next_size_does_not(catalog: Catalog, rig: str) -> None:
    limit = next(x for x in capacity(parse_hardware(rig), catalog.models).limits if x.quant.id == "Q4_K_M")
    assert limit.max_dense_b > 0
    assert _fits(limit.max_dense_b, False, rig, "Q4_K_M", limit.context)
    assert not _fits(_next(dense_grid(), limit.max_dense_b), False, rig, "Q4_K_M", limit.context)


@pytest.mark.parametrize("rig", ["2x RTX 3090, 128GB DDR5", "RTX 4090, 192GB DDR5", "M4 Max 128GB"])
def test_the_largest_moe_fits_with_its_experts_in_ram(catalog: Catalog, rig: str) -> None:
    limit = next(x for x in capacity(parse_hardware(rig), catalog.models).limits if x.quant.id == "Q4_K_M")
    assert limit.max_moe_b > limit.max_dense_b  # only the active experts need the GPU
    assert _fits(limit.max_moe_b, True, rig, "Q4_K_M", limit.context)
    assert not _fits(_next(moe_grid(), limit.max_moe_b), True, rig, "Q4_K_M", limit.context)


@pytest.mark.parametrize(("rig", "vram_gb"), [("RTX 3090", 25.8), ("16GB GPU", 17.2), ("2x RTX 3090", 51.5)])
def test_the_limit_is_memory_over_bytes_per_weight(catalog: Catalog, rig: str, vram_gb: float) -> None:
    """Weights alone: N billion parameters at b bits take N x b / 8 GB, and must fit in the VRAM."""
    for limit in capacity(parse_hardware(rig), catalog.models).limits:
        assert limit.max_dense_b * limit.quant.bits / 8 <= vram_gb
        assert limit.max_dense_b * limit.quant.bits / 8 >= 0.5 * vram_gb  # and not far below it


def test_fewer_bits_hold_a_larger_model(catalog: Catalog) -> None:
    limits = capacity(parse_hardware("2x RTX 3090, 128GB DDR5"), catalog.models).limits
    by_bits = sorted((x for x in limits if x.kv_type == "f16"), key=lambda x: -x.quant.bits)
    dense = [x.max_dense_b for x in by_bits]
    assert dense == sorted(dense)


def test_a_long_context_adds_a_q8_cache_row_that_holds_more(catalog: Catalog) -> None:
    limits = capacity(parse_hardware("RTX 4090"), catalog.models, context=131072).limits
    f16 = next(x for x in limits if x.quant.id == "Q4_K_M" and x.kv_type == "f16")
    q8 = next(x for x in limits if x.quant.id == "Q4_K_M" and x.kv_type == "q8_0")
    assert q8.max_dense_b >= f16.max_dense_b


# a limit is rounded down to two figures ("~70B"); an example may be as big as that rounding hides
ROUNDED = 1.05


def test_examples_fit_and_are_no_bigger_than_the_rounded_limit(catalog: Catalog) -> None:
    rig = "2x RTX 3090, 128GB DDR5"
    for limit in capacity(parse_hardware(rig), catalog.models).limits:
        for m in limit.dense_examples:
            assert m.moe is None and m.params_b <= limit.max_dense_b * ROUNDED
            e = estimate(m, parse_hardware(rig), quant=limit.quant, context=limit.context)
            assert e.verdict == "gpu"
        for m in limit.moe_examples:
            assert m.moe is not None and m.params_b <= limit.max_moe_b * ROUNDED


def test_a_model_just_past_the_rounded_limit_that_fits_is_an_example(catalog: Catalog) -> None:
    four = next(
        x
        for x in capacity(parse_hardware("2x RTX 3090, 128GB DDR4"), catalog.models).limits
        if x.quant.id == "Q4_K_M"
    )
    assert four.max_dense_b == 70
    assert four.dense_examples and four.dense_examples[0].params_b > 70


def test_a_speed_wish_lowers_the_limit(catalog: Catalog) -> None:
    hw = parse_hardware("Mac mini M4 Pro 64GB")
    free = next(x for x in capacity(hw, catalog.models).limits if x.quant.id == "Q4_K_M")
    fast = next(x for x in capacity(hw, catalog.models, min_tps=20).limits if x.quant.id == "Q4_K_M")
    assert fast.speed_bound and fast.max_dense_b < free.max_dense_b
    r = hypothetical_model(f"a {fast.max_dense_b:g}B dense model")
    assert r is not None
    assert estimate(r.model, hw, quant="Q4_K_M").speed.decode_tps >= 20


def test_a_cpu_only_rig_holds_models_in_ram(catalog: Catalog) -> None:
    limit = next(
        x
        for x in capacity(parse_hardware("Ryzen 9 7950X, 64GB DDR5"), catalog.models).limits
        if x.quant.id == "Q8_0"
    )
    assert 0 < limit.max_dense_b * 8.5 / 8 <= 68.7  # 64 GiB of RAM


def test_an_engine_that_does_not_load_the_quant_is_a_clear_error(catalog: Catalog) -> None:
    from sizing import SizingError

    with pytest.raises(SizingError, match="does not load"):
        capacity(parse_hardware("RTX 3090"), catalog.models, engine="vllm", quant="Q4_K_M")


@pytest.mark.parametrize(
    ("rig", "quant", "engine", "shown"),
    [
        ("H200 141GB", "fp8", "vllm", "FP8"),  # safetensors FP8: the serving engines load it
        ("2x RTX 4090", "awq", "vllm", "AWQ-INT4"),
        ("RTX 3090", "exl3 4.0bpw", "exllama", "EXL3-4.0"),
        ("RTX 3090", "Q4_K_M", "llama.cpp", "Q4_K_M"),  # a GGUF stays on llama.cpp
        ("M4 Max 128GB", "fp8", "llama.cpp", "Q8_0"),  # no serving engine here: its nearest equivalent
    ],
)
def test_a_quantization_without_an_engine_is_sized_on_an_engine_that_loads_it(
    catalog: Catalog, rig: str, quant: str, engine: str, shown: str
) -> None:
    cap = capacity(parse_hardware(rig), catalog.models, quant=quant)
    assert cap.engine == engine
    assert [x.quant.id for x in cap.limits] == [shown]
    assert cap.limits[0].max_dense_b > 0
    if engine != "llama.cpp" or shown != quant:
        assert "answered for" in cap.summary


@pytest.mark.parametrize(
    ("rig", "min_tps"),
    [
        ("RTX 3060 12GB, 128GB DDR4", 15.0),  # MoE with experts in RAM: active share decides
        ("Mac mini M4 Pro 64GB", 20.0),
        ("RTX 4070 12GB, 64GB DDR5", 30.0),
    ],
)
def test_with_a_speed_floor_every_example_keeps_up(catalog: Catalog, rig: str, min_tps: float) -> None:
    hw = parse_hardware(rig)
    cap = capacity(hw, catalog.models, min_tps=min_tps)
    four = next(x for x in cap.limits if x.quant.id == "Q4_K_M")
    examples = four.dense_examples + four.moe_examples
    assert examples
    for m in examples:
        e = estimate(m, hw, quant=four.quant, context=four.context, kv_type=four.kv_type, evidence=False)
        assert e.speed.decode_tps >= min_tps, m.id


def test_a_real_moe_that_keeps_up_is_named_where_the_generic_shape_of_its_size_would_not(
    catalog: Catalog,
) -> None:
    # a 3060 with the experts in RAM: 100B-class MoEs with 5-6B active fall just short of 15 tok/s,
    # one with 3B active keeps up
    cap = capacity(parse_hardware("RTX 3060 12GB, 128GB DDR4"), catalog.models, min_tps=15)
    four = next(x for x in cap.limits if x.quant.id == "Q4_K_M")
    assert four.moe_examples
    top = four.moe_examples[0]
    assert top.moe is not None and (top.active_params_b or 0) < 5
    assert f"(e.g. {top.name})" in cap.summary
