"""Routed experts in a prompt take the slower of their arithmetic and reading every expert once per
micro-batch; prompt attention under Vulkan runs at the tensor rate only on NVIDIA."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sizing import Catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant
from sizing.speed import SpeedParams, load_speed_params, prefill_features, prefill_seconds


def _with_backend(params: SpeedParams, backend: str, **changes: float) -> SpeedParams:
    changed = replace(params.backends[backend], **changes)
    return replace(params, backends={**params.backends, backend: changed})


def _prompt_seconds(catalog: Catalog, model: str, rig: str, backend: str, params: SpeedParams) -> float:
    spec = catalog.by_id[model]
    hw = parse_hardware(rig)
    q = resolve_quant("Q8_0")
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend=backend)
    return prefill_seconds(prefill_features(spec, mem, hw, backend, q, tokens=512), params)


@pytest.mark.parametrize(("model", "moe"), [("qwen3-30b-a3b", True), ("qwen3-32b", False)])
def test_a_moe_prompt_waits_on_reading_its_experts_where_bandwidth_is_short(
    catalog: Catalog, model: str, moe: bool
) -> None:
    """A micro-batch of 512 tokens touches nearly every expert: with a tenth of the bandwidth an
    MoE prompt slows down, a dense prompt (compute-bound) does not."""
    params = load_speed_params()
    rig = "Ryzen AI Max+ 395 128GB"
    starved = _with_backend(params, "rocm", weight_eff=params.backends["rocm"].weight_eff / 10)
    ratio = _prompt_seconds(catalog, model, rig, "rocm", starved) / _prompt_seconds(
        catalog, model, rig, "rocm", params
    )
    assert (ratio > 1.5) if moe else ratio == pytest.approx(1.0)


def test_a_moe_prompt_is_never_faster_than_reading_its_experts(catalog: Catalog) -> None:
    """However fast the matrix units, each micro-batch still reads the experts it touches."""
    spec = catalog.by_id["qwen3-30b-a3b"]
    hw = parse_hardware("Ryzen AI Max+ 395 128GB")
    q = resolve_quant("Q8_0")
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend="rocm")
    f = prefill_features(spec, mem, hw, "rocm", q, tokens=2048, ubatch=512)
    params = load_speed_params()
    p = params.backends["rocm"]
    gpu = next(d for d in f.devices if d.is_gpu)
    routed = (gpu.resident_bytes - gpu.weight_bytes) / (1 - f.expert_active_share)
    bandwidth = gpu.bandwidth_gbs * 1e9 * p.weight_eff * (p.uma_bw_factor if gpu.unified else 1.0)
    assert prefill_seconds(f, params) >= 0.9 * f.ubatches * routed / bandwidth


@pytest.mark.parametrize(
    ("gpu", "shader_prompt", "shader_decode"),
    [
        ("RTX 4090", False, False),  # NV_cooperative_matrix2 flash attention on the tensor cores
        ("RX 7900 XTX", True, False),
        ("Arc B580", True, True),
    ],
)
def test_vulkan_prompt_attention_runs_on_the_tensor_units_only_on_nvidia(
    catalog: Catalog, gpu: str, shader_prompt: bool, shader_decode: bool
) -> None:
    spec = catalog.by_id["llama-3.1-8b"]
    hw = parse_hardware(gpu)
    q = resolve_quant("Q4_K_M")
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend="vulkan")
    term = prefill_features(spec, mem, hw, "vulkan", q, tokens=512).devices[0]
    assert term.is_gpu and term.matrix_tflops != term.vector_tflops
    prompt = term.prompt_attn_tflops or term.attn_tflops
    assert prompt == (term.vector_tflops if shader_prompt else term.matrix_tflops)
    assert term.attn_tflops == (term.vector_tflops if shader_decode else term.matrix_tflops)
