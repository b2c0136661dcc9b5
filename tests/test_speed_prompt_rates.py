"""The arithmetic rate a prompt's products run at where a chip lacks the format's math (16-bit floats on
Armv8.0 cores, BF16 on GPUs without matrix units), and what that does to a prompt's time."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant
from sizing.hardware import default_database
from sizing.speed import (
    NO_DOT_INT8_SHARE,
    NO_FP16_ARITH_SHARE,
    CpuCompute,
    load_speed_params,
    matrix_tflops,
    prefill_features,
    prefill_seconds,
)


@pytest.mark.parametrize(
    ("int8_dot", "half_share", "int8_share"),
    [
        (True, 1.0, 1.0),  # Armv8.2-A and x86 cores: FP16 widened by one instruction per vector, SDOT
        (False, NO_FP16_ARITH_SHARE, NO_DOT_INT8_SHARE),  # Armv8.0-A (Cortex-A72): neither extension
    ],
)
def test_a_cpu_credits_each_prompt_path_its_share_of_the_fma_peak(
    int8_dot: bool, half_share: float, int8_share: float
) -> None:
    cpu = CpuCompute(cores=4, ghz=1.8, flops_per_cycle=16, int8_dot=int8_dot)
    assert cpu.half_tflops == pytest.approx(cpu.tflops * half_share)
    assert cpu.int8_tflops == pytest.approx(cpu.tflops * int8_share)


def _cpu_prompt_seconds(catalog: Catalog, cpu: str, quant: str) -> float:
    spec = catalog.by_id["llama-3.2-1b"]
    hw = parse_hardware(cpu).model_copy(update={"gpus": ()})
    q = resolve_quant(quant)
    mem = estimate_memory(spec, q, hw, context=1024, engine="llama.cpp", backend="cpu")
    f = prefill_features(spec, mem, hw, "cpu", q, tokens=512)
    return prefill_seconds(f, load_speed_params())


def test_an_f16_prompt_on_a_raspberry_pi_4_is_slower_than_its_q8_0_prompt(catalog: Catalog) -> None:
    """Public llama-bench rows of one Raspberry Pi 4 (sensura-san/llm-bench, b7095): Llama 3.2 1B
    pp512 at ~12 t/s in Q8_0 and ~5 t/s in F16; a Cortex-A72 has no FP16 arithmetic to run F16 on.
    Credited the FMA peak, the F16 prompt would come out well ahead of the Q8_0 one."""
    f16 = _cpu_prompt_seconds(catalog, "Raspberry Pi 4 Model B 8GB", "F16")
    q8 = _cpu_prompt_seconds(catalog, "Raspberry Pi 4 Model B 8GB", "Q8_0")
    assert f16 > q8


@pytest.mark.parametrize(
    ("gpu", "backend"),
    [
        ("Tesla P100 16GB", "cuda"),  # Pascal GP100: packed FP16 at twice FP32, no BF16
        ("Instinct MI50 32GB", "rocm"),  # Vega 20 (GCN 5): the same
        ("Radeon VII", "vulkan"),
    ],
)
def test_bf16_weights_run_at_the_fp32_rate_on_gpus_without_matrix_units(gpu: str, backend: str) -> None:
    db = default_database()
    spec = parse_hardware(gpu).gpus[0].spec
    assert spec is not None and spec.fp32_tflops and spec.fp16_tflops
    assert spec.fp16_tflops > 1.5 * spec.fp32_tflops
    f16_rate, f16_path = matrix_tflops(spec, db, backend, False)
    bf16_rate, bf16_path = matrix_tflops(spec, db, backend, False, bf16=True)
    assert f16_path == bf16_path == "simd"
    assert f16_rate == pytest.approx(spec.fp16_tflops)
    assert bf16_rate == pytest.approx(spec.fp32_tflops)


@pytest.mark.parametrize(("gpu", "backend"), [("RTX 4090", "cuda"), ("RX 7900 XTX", "rocm")])
def test_bf16_weights_keep_the_matrix_units_where_a_gpu_has_them(gpu: str, backend: str) -> None:
    db = default_database()
    spec = parse_hardware(gpu).gpus[0].spec
    assert spec is not None
    assert matrix_tflops(spec, db, backend, False, bf16=True) == matrix_tflops(spec, db, backend, False)


@pytest.mark.parametrize("quant", ["Q4_K_M", "Q8_0"])
def test_the_bf16_rule_leaves_quantized_weights_alone(quant: str) -> None:
    db = default_database()
    spec = parse_hardware("Instinct MI50 32GB").gpus[0].spec
    assert matrix_tflops(spec, db, "rocm", True, bf16=True) == matrix_tflops(spec, db, "rocm", True)


def test_a_bf16_prompt_on_an_mi50_is_slower_than_its_f16_prompt(catalog: Catalog) -> None:
    spec = catalog.by_id["llama-3.1-8b"]
    hw = parse_hardware("Instinct MI50 32GB")
    seconds = {}
    for quant in ("F16", "BF16"):
        q = resolve_quant(quant)
        mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend="rocm")
        f = prefill_features(spec, mem, hw, "rocm", q, tokens=512)
        seconds[quant] = prefill_seconds(f, load_speed_params())
    assert seconds["BF16"] > 1.3 * seconds["F16"]
