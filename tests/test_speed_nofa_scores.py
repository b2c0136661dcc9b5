"""Without flash attention a prompt's attention scores go through memory between the kernels (the
KQ product, the softmax, the product with V): that traffic grows with the prompt's length and depth
and is paid at the device's bandwidth; flash attention keeps the scores on chip."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sizing import Catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant
from sizing.speed import PrefillFeatures, SpeedParams, load_speed_params, prefill_features, prefill_seconds


def _features(catalog: Catalog, *, flash: bool, depth: int, tokens: int = 512) -> PrefillFeatures:
    spec = catalog.by_id["llama-3.1-8b"]
    hw = parse_hardware("RTX 4090")
    q = resolve_quant("Q4_K_M")
    mem = estimate_memory(
        spec, q, hw, context=depth + tokens, engine="llama.cpp", backend="cuda", flash_attention=flash
    )
    return prefill_features(spec, mem, hw, "cuda", q, tokens=tokens, depth=depth)


def _starved(f: PrefillFeatures) -> PrefillFeatures:
    """The same prompt on devices with a quarter of the memory bandwidth."""
    return replace(f, devices=tuple(replace(d, bandwidth_gbs=d.bandwidth_gbs / 4) for d in f.devices))


def _slower_stream(params: SpeedParams) -> SpeedParams:
    """A quarter of the batch-1 weight stream's share: a decode parameter."""
    cuda = params.backends["cuda"]
    return replace(
        params, backends={**params.backends, "cuda": replace(cuda, weight_eff=cuda.weight_eff / 4)}
    )


def test_flash_attention_writes_no_scores_to_memory(catalog: Catalog) -> None:
    assert _features(catalog, flash=True, depth=8192).attn_scores == 0.0


@pytest.mark.parametrize(("shallow", "deep"), [(0, 4096), (4096, 16384)])
def test_scores_grow_with_depth(catalog: Catalog, shallow: int, deep: int) -> None:
    assert (
        _features(catalog, flash=False, depth=deep).attn_scores
        > _features(catalog, flash=False, depth=shallow).attn_scores
    )


def test_scores_cover_every_cached_position_a_micro_batch_sees(catalog: Catalog) -> None:
    """One micro-batch of 512 queries from empty: 512 x 512 scores per head and layer, masked half
    included (the product covers the whole KV view)."""
    spec = catalog.by_id["llama-3.1-8b"]
    f = _features(catalog, flash=False, depth=0, tokens=512)
    assert f.attn_scores == pytest.approx(512 * 512 * spec.heads * spec.full_attention_layers)


@pytest.mark.parametrize(("flash", "slower"), [(True, False), (False, True)])
def test_a_deep_prompt_without_flash_attention_waits_on_bandwidth(
    catalog: Catalog, flash: bool, slower: bool
) -> None:
    """A dense prompt is compute-bound; without flash attention its deep prompts also wait on the
    scores' traffic, so a quarter of the bandwidth slows them down."""
    f = _features(catalog, flash=flash, depth=16384)
    params = load_speed_params()
    ratio = prefill_seconds(_starved(f), params) / prefill_seconds(f, params)
    assert (ratio > 1.05) if slower else ratio == pytest.approx(1.0)


def test_the_scores_traffic_does_not_read_the_decode_stream_share(catalog: Catalog) -> None:
    """The scores go through memory in bulk kernels, not llama.cpp's batch-1 mat-vec kernels: the
    weight stream's share fitted on decode leaves a dense prompt's time alone, with or without flash
    attention (so prompt rows cannot pull the decode parameters in a joint fit)."""
    f = _features(catalog, flash=False, depth=16384)
    params = load_speed_params()
    assert prefill_seconds(f, _slower_stream(params)) == pytest.approx(prefill_seconds(f, params))


def test_without_flash_attention_the_products_cover_the_masked_positions_too(catalog: Catalog) -> None:
    """From empty, a micro-batch's causal half is all flash attention computes; the KQ and KQV
    products without it cover the whole 512 x 512 view: twice the arithmetic."""
    flash = _features(catalog, flash=True, depth=0).attn_flops
    assert _features(catalog, flash=False, depth=0).attn_flops == pytest.approx(2 * flash)
