"""A prompt's flash attention under llama.cpp's CUDA/HIP kernels shares each K/V tile's loads among the
query heads of a group: multi-head models pay more per attention FLOP than grouped-query ones."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sizing import Catalog, estimate_memory, parse_hardware, speed
from sizing.catalog import resolve_quant


def _prompt(catalog: Catalog, model: str, depth: int, backend: str = "rocm") -> speed.PrefillFeatures:
    spec = catalog.by_id[model]
    hw = parse_hardware("Ryzen AI Max+ 395 128GB")
    q = resolve_quant("Q4_K_M")
    mem = estimate_memory(spec, q, hw, context=depth + 4096, engine="llama.cpp", backend=backend)
    return speed.prefill_features(spec, mem, hw, backend, q, tokens=2048, depth=depth, ubatch=2048)


def _with_half(half: float, backend: str = "rocm") -> speed.SpeedParams:
    params = speed.load_speed_params()
    p = replace(params.backends[backend], attn_group_half=half)
    return replace(params, backends={**params.backends, backend: p})


@pytest.mark.parametrize(
    ("model", "group"),
    [
        ("llama-2-7b", 1.0),  # multi-head: 32 query heads, 32 K/V heads
        ("llama-3.1-8b", 4.0),  # 32 query heads over 8 K/V heads
        ("glm-4.7-flash", 1.0),  # multi-head latent attention, costed expanded: one K/V head per head
    ],
)
def test_a_prompt_carries_its_query_heads_per_kv_head(catalog: Catalog, model: str, group: float) -> None:
    assert _prompt(catalog, model, 0).attn_group == group


def _bare(group: float, half: float, *, flash: bool = True, engine: str = "llama.cpp") -> float:
    f = speed.PrefillFeatures((), 512, 0.0, 0.0, 1, 0.0, flash, False, (), engine=engine, attn_group=group)
    rocm = replace(speed.load_speed_params().backends["rocm"], attn_group_half=half)
    return speed.attention_group_eff(f, rocm)


def test_the_reference_group_keeps_the_fitted_share() -> None:
    assert _bare(speed.ATTN_GROUP_REF, 2.0) == pytest.approx(1.0)


@pytest.mark.parametrize("half", [0.5, 2.0, 8.0])
def test_fewer_heads_per_kv_head_reach_less_of_the_share(half: float) -> None:
    shares = [_bare(g, half) for g in (1.0, 2.0, 4.0, 8.0, 16.0)]
    assert shares == sorted(shares) and shares[0] < 1.0 < shares[-1]
    assert _bare(1.0, half) == pytest.approx((1 / (1 + half)) / (8 / (8 + half)))


@pytest.mark.parametrize(
    ("half", "flash", "engine"),
    [(0.0, True, "llama.cpp"), (2.0, False, "llama.cpp"), (2.0, True, "vllm"), (2.0, True, "mlx")],
)
def test_no_group_dependence_without_the_grouped_kernel(half: float, flash: bool, engine: str) -> None:
    """A backend that holds it at 0, a prompt without flash attention (the scores go through batched
    products per head) and engines with their own attention kernels keep the share as it is."""
    assert _bare(1.0, half, flash=flash, engine=engine) == 1.0


def test_at_depth_a_multi_head_prompt_slows_and_a_grouped_one_speeds_up(catalog: Catalog) -> None:
    flat, grouped = _with_half(0.0), _with_half(2.0)
    mha = _prompt(catalog, "llama-2-7b", 32768)
    gqa16 = _prompt(catalog, "qwen3.5-122b-a10b", 32768)
    assert gqa16.attn_group == 16.0
    assert speed.prefill_seconds(mha, grouped) > speed.prefill_seconds(mha, flat)
    assert speed.prefill_seconds(gqa16, grouped) < speed.prefill_seconds(gqa16, flat)


def test_the_group_cost_grows_with_the_depth(catalog: Catalog) -> None:
    """The attention, not the linear products, takes the factor: at no depth a multi-head prompt of 2048
    tokens moves little, at 32768 cached tokens much more."""
    flat, grouped = _with_half(0.0), _with_half(2.0)
    ratios = [
        speed.prefill_seconds(f, grouped) / speed.prefill_seconds(f, flat)
        for f in (_prompt(catalog, "llama-2-7b", d) for d in (0, 32768))
    ]
    assert 1.0 < ratios[0] < ratios[1]


def test_only_rocm_fits_the_group_cost_and_others_hold_it_at_none() -> None:
    import benchmarks.calibrate_speed as cs

    fitting = {b for b, names in cs.FREE.items() if "attn_group_half" in names}
    assert fitting == {"rocm"}
    params = speed.load_speed_params()
    cuda = replace(params.backends["cuda"], attn_group_half=5.0)
    seeded = replace(params, backends={**params.backends, "cuda": cuda})
    assert cs._reset(seeded, "rocm").backends["rocm"].attn_group_half == cs.PRIOR["attn_group_half"]
    for child in ("vulkan", "metal", "sycl"):
        assert cs._reset(seeded, child).backends[child].attn_group_half == 0.0, child


def test_the_fitted_rocm_params_carry_a_group_cost() -> None:
    """ROCm's depth rows span one to sixteen query heads per K/V head on the same devices: the fit
    finds a cost of the loads (a half point above none and within its bounds)."""
    half = speed.load_speed_params().backends["rocm"].attn_group_half
    assert 0.1 < half < 32.0
    assert speed.load_speed_params().backends["vulkan"].attn_group_half == 0.0
