"""A prompt's quantized products run on the kernels llama.cpp's CUDA/HIP backend picks for the GPU:
its int8 kernels (MMQ) on GPUs with int8 matrix units, or dequantization to 16 bits and the BLAS
library where MMQ is the slower choice (Volta's FP16-only tensor cores; some types on CDNA 1-2 and
RDNA 3/3.5), which costs the 16-bit matrix rate and a pass over the weights per micro-batch."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate_memory, parse_hardware, speed
from sizing.catalog import resolve_quant
from sizing.speed import dequant_traffic, prompt_takes_blas


@pytest.mark.parametrize(
    ("arch", "ftype", "rows", "experts", "blas"),
    [
        ("volta", "Q4_K_M", 512, 0, True),
        ("volta", "Q8_0", 2048, 128, True),
        ("volta", "Q4_K_M", 32, 0, False),
        ("turing", "Q4_K_M", 512, 0, False),
        ("ampere-ga10x", "Q6_K", 2048, 0, False),
        ("ada", "Q8_0", 512, 0, False),
        ("cdna2", "Q8_0", 512, 0, True),
        ("cdna2", "Q4_0", 512, 0, False),
        ("cdna1", "Q4_K_M", 256, 0, False),
        ("cdna1", "Q4_K_M", 512, 0, True),
        ("cdna2", "Q6_K", 128, 0, False),
        ("cdna2", "Q8_0", 512, 128, False),
        ("cdna3", "Q8_0", 512, 0, False),
        ("rdna3", "Q6_K", 256, 0, True),
        ("rdna3-5", "Q6_K", 256, 0, False),
        ("rdna3-5", "Q6_K", 512, 0, True),
        ("rdna3-5", "Q2_K", 512, 0, True),
        ("rdna3-5", "Q4_K_M", 2048, 0, False),
        ("rdna3", "Q6_K", 2048, 128, False),
        ("rdna4", "Q6_K", 2048, 0, False),
        ("gcn5", "Q8_0", 512, 0, False),
    ],
)
def test_llama_cpp_picks_blas_or_its_int8_kernels_by_architecture_type_rows_and_experts(
    arch: str, ftype: str, rows: int, experts: int, blas: bool
) -> None:
    assert prompt_takes_blas(arch, ftype, rows, experts) is blas


def test_the_dequantization_pass_reads_the_quantized_bytes_and_writes_two_bytes_per_weight() -> None:
    assert dequant_traffic(4.0) == pytest.approx(1.0 + 4.0)
    assert dequant_traffic(8.0) == pytest.approx(1.0 + 2.0)


def _gpu_term(catalog: Catalog, rig: str, backend: str, ubatch: int) -> speed.DeviceTerm:
    spec = catalog.by_id["qwen3-14b"]
    hw = parse_hardware(rig)
    q = resolve_quant("Q4_K_M")
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend=backend)
    f = speed.prefill_features(spec, mem, hw, backend, q, tokens=2048, ubatch=ubatch)
    return next(d for d in f.devices if d.is_gpu)


def test_a_v100_prompt_runs_on_its_fp16_tensor_cores_after_dequantizing(catalog: Catalog) -> None:
    d = _gpu_term(catalog, "Tesla V100 32GB", "cuda", 512)
    assert d.prompt_dequant > 0 and d.matrix_tflops == d.fp16_matrix_tflops


def test_a_v100_prompt_in_micro_batches_under_64_rows_keeps_the_int8_kernels(catalog: Catalog) -> None:
    assert _gpu_term(catalog, "Tesla V100 32GB", "cuda", 32).prompt_dequant == 0


@pytest.mark.parametrize(("rig", "backend"), [("RTX 3090", "cuda"), ("Tesla V100 32GB", "vulkan")])
def test_gpus_with_int8_kernels_and_other_backends_multiply_the_quantized_weights_directly(
    catalog: Catalog, rig: str, backend: str
) -> None:
    assert _gpu_term(catalog, rig, backend, 512).prompt_dequant == 0
