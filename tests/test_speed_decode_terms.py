"""Decode terms beyond bytes over bandwidth: recurrent blocks' state and kernels, attention without
flash attention, the ceiling a batch-1 stream meets on one GPU, and Vulkan's vendor differences."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sizing import Catalog, estimate, estimate_memory, parse_hardware
from sizing.catalog import ModelSpec, resolve_quant
from sizing.speed import (
    MOE_SHADER_REF_TFLOPS,
    DecodeFeatures,
    DeviceTerm,
    SpeedParams,
    decode_features,
    decode_seconds,
    load_speed_params,
)


def _with_backend(params: SpeedParams, backend: str, **changes: object) -> SpeedParams:
    changed = replace(params.backends[backend], **changes)
    return replace(params, backends={**params.backends, backend: changed})


def _decode(
    catalog: Catalog,
    model: str,
    rig: str,
    backend: str,
    *,
    quant: str = "Q4_K_M",
    depth: float = 0.0,
    flash_attention: bool = True,
) -> DecodeFeatures:
    spec = catalog.by_id[model]
    hw = parse_hardware(rig)
    q = resolve_quant(quant)
    mem = estimate_memory(
        spec, q, hw, context=65536, engine="llama.cpp", backend=backend, flash_attention=flash_attention
    )
    return decode_features(spec, mem, hw, backend, q, depths=[depth])


def _deltanet_state_bytes(spec: ModelSpec) -> float:
    """One gated delta-net block's F32 state: a k x v matrix per value head, plus the last
    (kernel - 1) inputs of its short convolution over q, k and v."""
    mix = spec.attention.linear
    if mix is None:
        return 0.0
    assert mix.v_heads and mix.k_heads and mix.k_head_dim and mix.v_head_dim
    state = mix.v_heads * mix.k_head_dim * mix.v_head_dim
    conv = (mix.conv_kernel - 1) * (2 * mix.k_heads * mix.k_head_dim + mix.v_heads * mix.v_head_dim)
    return 4.0 * (state + conv)


@pytest.mark.parametrize(("model", "recurrent"), [("qwen3-next-80b-a3b", True), ("llama-3.1-8b", False)])
def test_recurrent_blocks_read_and_write_their_state_every_token(
    catalog: Catalog, model: str, recurrent: bool
) -> None:
    """At an empty cache an attention model reads no cache; a gated delta-net reads and writes its
    F32 state in every linear block."""
    spec = catalog.by_id[model]
    f = _decode(catalog, model, "RTX PRO 6000 Blackwell", "cuda")
    expected = 2 * _deltanet_state_bytes(spec) * spec.attention.linear_layers
    assert f.kv_bytes[0] == pytest.approx(expected)
    assert (f.kv_bytes[0] > 0) is recurrent
    assert f.linear_layers == spec.attention.linear_layers


@pytest.mark.parametrize(("model", "recurrent"), [("qwen3-next-80b-a3b", True), ("llama-3.1-8b", False)])
def test_each_linear_block_adds_its_kernels_time(catalog: Catalog, model: str, recurrent: bool) -> None:
    params = load_speed_params()
    f = _decode(catalog, model, "RTX PRO 6000 Blackwell", "cuda")
    slower = _with_backend(params, "cuda", linear_layer_us=params.backends["cuda"].linear_layer_us + 100)
    extra = decode_seconds(f, slower) - decode_seconds(f, params)
    assert extra == pytest.approx(f.linear_layers * 100e-6) and (extra > 0) is recurrent


@pytest.mark.parametrize(("depth", "slower"), [(0, False), (32768, True)])
def test_attention_without_flash_attention_costs_more_only_with_a_cache(
    catalog: Catalog, depth: int, slower: bool
) -> None:
    params = _with_backend(load_speed_params(), "cuda", nofa_attn_factor=0.5)
    with_fa = decode_seconds(_decode(catalog, "llama-3.1-8b", "RTX 4090", "cuda", depth=depth), params)
    without = decode_seconds(
        _decode(catalog, "llama-3.1-8b", "RTX 4090", "cuda", depth=depth, flash_attention=False), params
    )
    assert (without > with_fa * 1.01) is slower
    assert without >= with_fa


def _one_gpu_stream(bandwidth_gbs: float, weight_bytes: float, engine: str = "llama.cpp") -> DecodeFeatures:
    gpu = DeviceTerm("cuda", bandwidth_gbs, 100.0, "tc", 100.0, 1e6, weight_bytes, 0.0, 1.0, True, True)
    return DecodeFeatures((gpu,), (0.0,), (0.0,), (1.0,), "kquant", 0.0, 0, 0, ((0,),), engine=engine)


def _streaming_only(cap_gbs: float) -> SpeedParams:
    """CUDA's efficiencies with no fixed costs and every engine at the backend's share, so that a token's
    time is its weight stream alone, at a share of the peak below the highest any memory reaches
    (whatever share a refit gives)."""
    params = _with_backend(
        load_speed_params(), "cuda", stream_cap_gbs=cap_gbs, token_ms=0.0, layer_us=0.0, weight_eff=0.85
    )
    engines = {
        name: replace(e, token_ms=0.0, layer_us=0.0, weight_factor=1.0) for name, e in params.engines.items()
    }
    return replace(params, engines=engines)


@given(bandwidth=st.floats(min_value=100, max_value=10000), cap=st.floats(min_value=300, max_value=5000))
def test_a_gpu_never_streams_faster_than_its_share_or_the_ceiling(bandwidth: float, cap: float) -> None:
    params = _streaming_only(cap)
    share = params.backends["cuda"].weight_eff
    rate = 1e9 / decode_seconds(_one_gpu_stream(bandwidth, 1e9), params)
    assert rate <= min(bandwidth * share, cap) * 1e9 * (1 + 1e-9)


@pytest.mark.parametrize(
    ("bandwidth", "engine", "capped"),
    [
        (200.0, "llama.cpp", False),
        (8000.0, "llama.cpp", True),
        (8000.0, "ollama", True),
        (8000.0, "vllm", False),  # its own kernels: the ceiling is llama.cpp's
    ],
)
def test_the_ceiling_binds_llama_cpp_on_memories_far_faster_than_it(
    bandwidth: float, engine: str, capped: bool
) -> None:
    params = _streaming_only(1000.0)
    share = params.backends["cuda"].weight_eff
    rate = 1e9 / decode_seconds(_one_gpu_stream(bandwidth, 1e9, engine), params)
    uncapped = bandwidth * share * 1e9
    assert (rate < 0.5 * uncapped) is capped
    assert rate == pytest.approx(uncapped, rel=0.01) or capped


def test_a_faster_memory_gains_less_than_its_bandwidth_at_batch_1(catalog: Catalog) -> None:
    """An H100's HBM3 has 3.3x an RTX 4090's bandwidth; batch-1 decode gains far less."""
    spec = catalog.by_id["llama-3.1-8b"]
    h100 = estimate(spec, parse_hardware("H100 SXM"), quant="Q4_K_M", context=4096).speed.decode_tps
    rtx = estimate(spec, parse_hardware("RTX 4090"), quant="Q4_K_M", context=4096).speed.decode_tps
    assert h100 / rtx < 0.75 * 3350 / 1008


def test_a_slower_vendor_attention_slows_vulkan_only_with_a_cache(catalog: Catalog) -> None:
    params = load_speed_params()
    slow = _with_backend(params, "vulkan", vendor_attn_eff={"intel": 0.01})
    for depth, changed in ((0, False), (32768, True)):
        f = _decode(catalog, "qwen3-8b", "Arc B580", "vulkan", depth=depth)
        assert (decode_seconds(f, slow) > decode_seconds(f, params) * 1.01) is changed


def test_a_slower_vendor_unpacking_costs_quantized_weights_more_than_16_bit(catalog: Catalog) -> None:
    """Unpacking a 4-bit k-quant takes several operations per byte, a 16-bit weight about one."""
    params = load_speed_params()
    slow = _with_backend(params, "vulkan", vendor_alu_eff={"intel": 0.2})

    def slowdown(quant: str) -> float:
        f = _decode(catalog, "qwen3-1.7b", "Arc B580", "vulkan", quant=quant)
        return decode_seconds(f, slow) / decode_seconds(f, params)

    assert slowdown("Q4_K_M") > slowdown("BF16") > 1.0


@pytest.mark.parametrize(("model", "moe"), [("qwen3-30b-a3b", True), ("qwen3-8b", False)])
def test_a_vendors_cost_per_moe_block_adds_to_each_routed_block_only(
    catalog: Catalog, model: str, moe: bool
) -> None:
    """A driver's extra dispatch cost per MoE block adds its microseconds once per MoE block per
    token, and nothing to a dense model."""
    params = load_speed_params()
    base = _with_backend(params, "vulkan", vendor_moe_us={})
    slow = _with_backend(params, "vulkan", vendor_moe_us={"intel": 500.0})
    f = _decode(catalog, model, "Arc Pro B70", "vulkan")
    added = decode_seconds(f, slow) - decode_seconds(f, base)
    assert added == pytest.approx(f.moe_layers * 500e-6 if moe else 0.0, abs=1e-9)
    assert (f.moe_layers > 0) is moe


def test_a_vendors_moe_block_cost_is_its_own(catalog: Catalog) -> None:
    """An Intel driver's cost per MoE block leaves an AMD card's decode as it was."""
    params = load_speed_params()
    base = _with_backend(params, "vulkan", vendor_moe_us={})
    slow = _with_backend(params, "vulkan", vendor_moe_us={"intel": 500.0})
    f = _decode(catalog, "qwen3-30b-a3b", "Radeon RX 7900 XTX", "vulkan")
    assert decode_seconds(f, slow) == decode_seconds(f, base)


def test_dense_q4_decode_on_arc_is_bound_by_its_bandwidth_not_its_shader_rate(catalog: Catalog) -> None:
    """Arc cards read a dense Q4 model at a large share of their memory's rate (Arc Pro B70: Llama 2
    7B Q4_0 at 87-106 t/s over 3.6 GiB, ~55-65 % of 608 GB/s): the shipped parameters put at least
    half of that share, not a shader-bound fraction of it."""
    params = load_speed_params()
    spec, hw, q = catalog.by_id["llama-2-7b"], parse_hardware("Arc Pro B70"), resolve_quant("Q4_0")
    for backend in ("vulkan", "sycl"):
        mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend=backend)
        f = decode_features(spec, mem, hw, backend, q, depths=[0])
        (gpu,) = f.devices
        share = gpu.weight_bytes / decode_seconds(f, params) / (gpu.bandwidth_gbs * 1e9)
        assert share > 0.3, backend


def test_a_refit_starts_per_quant_factors_it_does_not_fit_at_the_reference() -> None:
    """A factor by quant class that a backend does not fit is 1 (the k-quants' rate) when its fit
    starts, whatever value an earlier fit left in the params file."""
    import benchmarks.calibrate_speed as cs

    stale = _with_backend(cs.load_speed_params(), "sycl", quant_eff={"q8": 1.7, "f16": 0.6})
    reset = cs._reset(stale, "sycl")
    assert reset.backends["sycl"].quant_eff["q8"] == 1.0
    assert reset.backends["sycl"].quant_eff["f16"] == 1.0


def test_a_vendors_moe_block_cost_starts_at_none() -> None:
    """A driver's extra cost per MoE block is an addition the rows must show: a fit starts it at 0."""
    import benchmarks.calibrate_speed as cs

    costly = _with_backend(cs.load_speed_params(), "vulkan", vendor_moe_us={"intel": 800.0})
    assert cs._reset(costly, "vulkan").backends["vulkan"].vendor_moe_us["intel"] == 0.0


@pytest.mark.parametrize(("model", "moe"), [("qwen3-30b-a3b", True), ("qwen3-8b", False)])
def test_the_routing_kernels_cost_falls_with_the_gpus_shader_rate(
    catalog: Catalog, model: str, moe: bool
) -> None:
    """The shader-bound share of a MoE block's routing adds moe_shader_us x the reference rate over the
    GPU's FP32 rate once per MoE block per token: an RTX 4090's cores pay less per block than an RTX
    3090's, a dense model nothing."""
    params = load_speed_params()
    base = _with_backend(params, "cuda", moe_shader_us=0.0)
    routed = _with_backend(params, "cuda", moe_shader_us=40.0)
    per_block = {}
    for rig in ("RTX 3090", "RTX 4090"):
        f = _decode(catalog, model, rig, "cuda")
        gpu = next(d for d in f.devices if d.is_gpu)
        added = decode_seconds(f, routed) - decode_seconds(f, base)
        expected = f.moe_layers * 40e-6 * MOE_SHADER_REF_TFLOPS / gpu.fp32_tflops
        assert added == pytest.approx(expected if moe else 0.0, abs=1e-9)
        per_block[rig] = added / max(1, f.moe_layers)
    assert (per_block["RTX 3090"] > 2 * per_block["RTX 4090"]) is moe


def test_only_cuda_fits_the_routing_kernels_shader_bound_share() -> None:
    """The share falling with the shader rate starts at none, and the backends that do not fit it keep
    none, whatever CUDA's fit gave."""
    import benchmarks.calibrate_speed as cs

    costly = _with_backend(cs.load_speed_params(), "cuda", moe_shader_us=80.0)
    assert cs._reset(costly, "cuda").backends["cuda"].moe_shader_us == 0.0
    for child in ("rocm", "vulkan", "metal", "sycl"):
        assert cs._reset(costly, child).backends[child].moe_shader_us == 0.0, child
