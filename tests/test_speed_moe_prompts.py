"""Routed experts in a prompt: how much of the dense kernels' efficiency their matmuls keep as the rows
per expert and the touched experts change, and the invariants a prompt's time keeps (more rows per
expert never slower per FLOP, more compute never slower, a deeper cache never faster)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import Catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant
from sizing.speed import (
    PrefillFeatures,
    expert_matmul_eff,
    load_speed_params,
    prefill_features,
    prefill_seconds,
    touched_experts,
)


def _prompt(
    catalog: Catalog, model: str = "qwen3-30b-a3b", *, tokens: int = 512, depth: int = 0, ubatch: int = 512
) -> PrefillFeatures:
    spec = catalog.by_id[model]
    hw = parse_hardware("RTX 4090")
    q = resolve_quant("Q4_K_M")
    mem = estimate_memory(spec, q, hw, context=depth + tokens, engine="llama.cpp", backend="cuda")
    return prefill_features(spec, mem, hw, "cuda", q, tokens=tokens, depth=depth, ubatch=ubatch)


def test_a_dense_model_keeps_the_dense_efficiency(catalog: Catalog) -> None:
    f = _prompt(catalog, "llama-3.1-8b")  # the same prompt on a dense model
    params = load_speed_params().backends["cuda"]
    assert expert_matmul_eff(f, f.devices[0], params) == 1.0


@settings(max_examples=40, deadline=None)
@given(
    half=st.floats(0.5, 500.0),
    rows=st.floats(1.0, 2048.0),
    more=st.floats(1.0, 8.0),
)
def test_more_rows_per_expert_never_lower_the_experts_efficiency(
    catalog: Catalog, half: float, rows: float, more: float
) -> None:
    f = _prompt(catalog)
    p = replace(load_speed_params().backends["cuda"], moe_half_batch=half)
    d = f.devices[0]
    few = expert_matmul_eff(replace(f, tokens_per_expert=rows), d, p)
    many = expert_matmul_eff(replace(f, tokens_per_expert=rows * more), d, p)
    assert 0 < few <= many <= 1


@pytest.mark.parametrize("share", [0.1, 0.35, 0.7, 1.0])
def test_the_grouped_kernels_share_caps_the_experts_efficiency(catalog: Catalog, share: float) -> None:
    """However many rows each expert gets, its matmuls keep at most the grouped kernel's share of the
    dense efficiency, and the small-batch cost comes on top of it."""
    f = _prompt(catalog)
    d = f.devices[0]
    full = replace(load_speed_params().backends["cuda"], moe_mm_eff=1.0)
    capped = replace(full, moe_mm_eff=share)
    for rows in (1.0, 32.0, 4096.0):
        g = replace(f, tokens_per_expert=rows)
        assert expert_matmul_eff(g, d, capped) == pytest.approx(share * expert_matmul_eff(g, d, full))
        assert expert_matmul_eff(g, d, capped) <= share


@settings(max_examples=25, deadline=None)
@given(share=st.floats(0.1, 1.0), lower=st.floats(0.1, 1.0))
def test_a_costlier_grouped_kernel_never_makes_a_moe_prompt_faster(
    catalog: Catalog, share: float, lower: float
) -> None:
    f = _prompt(catalog, depth=4096)
    params = load_speed_params()
    cuda = params.backends["cuda"]

    def with_share(x: float) -> float:
        p = replace(params, backends={**params.backends, "cuda": replace(cuda, moe_mm_eff=x)})
        return prefill_seconds(f, p)

    assert with_share(share * lower) >= with_share(share) * (1 - 1e-12)


@pytest.mark.parametrize(
    ("backend", "fitted"),
    [("cuda", True), ("rocm", True), ("vulkan", False), ("sycl", False), ("metal", False), ("cpu", False)],
)
def test_only_the_cuda_and_hip_expert_kernels_carry_a_grouped_share(backend: str, fitted: bool) -> None:
    """CUDA and HIP map a micro-batch's rows to experts in a pass of their own; the other backends'
    expert shaders take the rows in their tile loads and keep the dense efficiency."""
    share = load_speed_params().backends[backend].moe_mm_eff
    if fitted:
        assert 0.1 <= share <= 1.0
    else:
        assert share == 1.0


def test_a_dense_prompt_ignores_the_grouped_kernels_share(catalog: Catalog) -> None:
    f = _prompt(catalog, "llama-3.1-8b")  # the same prompt on a dense model
    params = load_speed_params()
    cuda = params.backends["cuda"]
    low = replace(params, backends={**params.backends, "cuda": replace(cuda, moe_mm_eff=0.2)})
    assert prefill_seconds(f, low) == prefill_seconds(f, params)


@pytest.mark.parametrize(
    ("active_share", "tokens", "touched"),
    [
        (8 / 128, 512, 1 - (1 - 8 / 128) ** 512),  # Qwen3-30B-A3B: every expert gets rows
        (10 / 512, 512, 1 - (1 - 10 / 512) ** 512),  # Qwen3-Next: about a third of the experts idle
        (10 / 512, 32, 1 - (1 - 10 / 512) ** 32),  # a short prompt touches few
        (1.0, 512, 1.0),  # every expert active: no routing
    ],
)
def test_a_micro_batch_touches_the_experts_its_tokens_pick(
    catalog: Catalog, active_share: float, tokens: int, touched: float
) -> None:
    f = replace(_prompt(catalog), expert_active_share=active_share, tokens=tokens, ubatches=1)
    assert touched_experts(f) == pytest.approx(touched)


def test_idle_experts_cost_no_small_batch_overhead(catalog: Catalog) -> None:
    """Of two routings with the same rows per expert, the one that leaves experts idle loses less."""
    f = _prompt(catalog)
    d = f.devices[0]
    p = load_speed_params().backends["cuda"]
    busy = replace(f, expert_active_share=0.5)
    sparse = replace(f, expert_active_share=1 / 512)
    assert touched_experts(sparse) < touched_experts(busy)
    assert expert_matmul_eff(sparse, d, p) > expert_matmul_eff(busy, d, p)


@settings(max_examples=25, deadline=None)
@given(faster=st.floats(1.0, 16.0), which=st.sampled_from(["matrix_tflops", "vector_tflops", "attn_tflops"]))
def test_more_compute_never_makes_a_moe_prompt_slower(catalog: Catalog, faster: float, which: str) -> None:
    f = _prompt(catalog, depth=8192)
    params = load_speed_params()
    d = f.devices[0]
    quicker = replace(f, devices=(replace(d, **{which: getattr(d, which) * faster}),))
    assert prefill_seconds(quicker, params) <= prefill_seconds(f, params) * (1 + 1e-12)


@pytest.mark.parametrize("model", ["qwen3-30b-a3b", "gpt-oss-20b", "qwen3-next-80b-a3b"])
def test_a_deeper_cache_never_makes_a_moe_prompt_faster(catalog: Catalog, model: str) -> None:
    params = load_speed_params()
    times = [prefill_seconds(_prompt(catalog, model, tokens=2048, depth=d), params) for d in (0, 4096, 32768)]
    assert times == sorted(times)


def test_a_wider_micro_batch_gives_each_expert_more_rows(catalog: Catalog) -> None:
    narrow = _prompt(catalog, tokens=2048, ubatch=512)
    wide = _prompt(catalog, tokens=2048, ubatch=2048)
    p = load_speed_params().backends["cuda"]
    assert wide.tokens_per_expert == 4 * narrow.tokens_per_expert
    assert expert_matmul_eff(wide, wide.devices[0], p) > expert_matmul_eff(narrow, narrow.devices[0], p)
