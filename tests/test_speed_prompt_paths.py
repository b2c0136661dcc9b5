"""Which matrix rate a prompt's quantized matmuls run at, per backend and GPU architecture, and which
public rows the speed calibration fits (kernels that today's builds no longer run are not fitted)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from benchmarks import BenchRow
from sizing import Catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant
from sizing.hardware import default_database
from sizing.speed import (
    BackendParams,
    DeviceTerm,
    PrefillFeatures,
    SpeedParams,
    load_speed_params,
    prefill_features,
    prefill_seconds,
    prompt_matrix_tflops,
    sustained_clock_share,
)


def _prompt_rate(catalog: Catalog, gpu: str, backend: str, quant: str) -> float:
    spec = catalog.by_id["llama-3.1-8b"]
    hw = parse_hardware(gpu)
    q = resolve_quant(quant)
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend=backend)
    term = prefill_features(spec, mem, hw, backend, q, tokens=512).devices[0]
    assert term.is_gpu
    return term.matrix_tflops


def _rates(gpu: str) -> tuple[float, float]:
    """(FP16 matrix rate with FP16 accumulation, INT8 matrix rate) of a GPU from the device data."""
    spec = parse_hardware(gpu).gpus[0].spec
    assert spec is not None
    _, t16acc, i8 = default_database().tensor_rates(spec)
    assert t16acc is not None and i8 is not None
    return t16acc, i8


@pytest.mark.parametrize(
    ("gpu", "backend", "int8_rate"),
    [
        ("RTX 4090", "cuda", True),  # MMQ on int8 tensor cores
        ("Radeon AI PRO R9700", "rocm", False),  # RDNA 4: int8 WMMA is 2x FP16, MMQ does not reach it
        ("RX 9070 XT", "rocm", False),
        ("RX 7900 XTX", "rocm", False),  # RDNA 3: int8 and FP16 WMMA run at one rate
    ],
)
def test_quantized_prompts_run_at_the_rate_their_kernels_reach(
    catalog: Catalog, gpu: str, backend: str, int8_rate: bool
) -> None:
    t16acc, i8 = _rates(gpu)
    assert _prompt_rate(catalog, gpu, backend, "Q4_K_M") == (i8 if int8_rate else min(i8, t16acc))


def test_an_rdna4_card_prompts_below_its_int8_peak(catalog: Catalog) -> None:
    """The RDNA 4 rule matters: the card's int8 WMMA peak is twice what its prompts are credited."""
    t16acc, i8 = _rates("Radeon AI PRO R9700")
    assert i8 == pytest.approx(2 * t16acc)
    assert _prompt_rate(catalog, "Radeon AI PRO R9700", "rocm", "Q4_K_M") == pytest.approx(t16acc)


def _prompt_seconds(catalog: Catalog, gpu: str, backend: str, quant: str, params: SpeedParams) -> float:
    spec = catalog.by_id["llama-3.1-8b"]
    hw = parse_hardware(gpu)
    q = resolve_quant(quant)
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend=backend)
    return prefill_seconds(prefill_features(spec, mem, hw, backend, q, tokens=512), params)


@pytest.mark.parametrize(
    ("gpu", "backend", "quant", "follows_bf16_share"),
    [
        ("Instinct MI50", "rocm", "BF16", True),  # Vega: no BF16 math, hipBLAS widens to FP32
        ("Tesla P40", "cuda", "BF16", True),  # Pascal: cuBLAS's BF16 GEMM on the FP32 units
        ("Instinct MI50", "rocm", "F16", False),  # packed FP16 on the shader ALUs: the simd share
        ("Instinct MI50", "rocm", "Q8_0", False),  # int8 dot products: the simd share
    ],
)
def test_bf16_prompts_without_bf16_math_take_the_bf16_blas_share(
    catalog: Catalog, gpu: str, backend: str, quant: str, follows_bf16_share: bool
) -> None:
    """Halving the BF16 BLAS share doubles a BF16 prompt's matmul time on a chip that has to widen
    BF16 to FP32, and leaves its FP16 and int8 prompts alone."""
    params = load_speed_params()
    p = params.backends[backend]
    halved = replace(params, backends={**params.backends, backend: replace(p, mm_eff_bf16=p.mm_eff_bf16 / 2)})
    base = _prompt_seconds(catalog, gpu, backend, quant, params)
    slow = _prompt_seconds(catalog, gpu, backend, quant, halved)
    assert (slow > base * 1.5) is follows_bf16_share
    if not follows_bf16_share:
        assert slow == base


def test_16_bit_prompts_on_rdna_keep_the_fp16_matrix_rate(catalog: Catalog) -> None:
    t16acc, _ = _rates("Radeon AI PRO R9700")
    assert _prompt_rate(catalog, "Radeon AI PRO R9700", "rocm", "F16") == pytest.approx(t16acc)


def _prompt_attention_rate(catalog: Catalog, model: str, gpu: str, backend: str) -> tuple[float, float]:
    """(rate prompt attention runs at, the card's matrix rate for it) for a model on one GPU."""
    spec = catalog.by_id[model]
    hw = parse_hardware(gpu)
    q = resolve_quant("Q4_K_M")
    mem = estimate_memory(spec, q, hw, context=8192, engine="llama.cpp", backend=backend)
    term = prefill_features(spec, mem, hw, backend, q, tokens=512, depth=4096).devices[0]
    return term.prompt_attn_tflops or term.attn_tflops, term.attn_tflops


@pytest.mark.parametrize(
    ("model", "gpu", "backend", "on_matrix_units"),
    [
        ("llama-3.1-8b", "Radeon AI PRO R9700", "rocm", True),  # grouped-query heads of 128
        ("gpt-oss-20b", "Radeon AI PRO R9700", "rocm", True),
        ("llama-2-7b", "Radeon AI PRO R9700", "rocm", False),  # multi-head: the tile kernel
        ("gemma-3-12b", "Radeon AI PRO R9700", "rocm", False),  # head size 256
        ("qwen3.6-27b", "Radeon AI PRO R9700", "rocm", False),
        # RDNA 3.5 (Strix Halo, WMMA at twice its shader FP16 rate) as RDNA 3 and 4: grouped-query heads
        # of 128 on WMMA, multi-head models and head size 256 on the tile kernel
        ("llama-3.1-8b", "Ryzen AI Max+ 395 128GB", "rocm", True),
        ("llama-2-7b", "Ryzen AI Max+ 395 128GB", "rocm", False),
        ("gemma-3-12b", "Ryzen AI Max+ 395 128GB", "rocm", False),
        ("llama-2-7b", "RTX 4090", "cuda", True),
    ],
)
def test_prompt_attention_leaves_the_matrix_units_where_the_kernel_does_not_take_the_heads(
    catalog: Catalog, model: str, gpu: str, backend: str, on_matrix_units: bool
) -> None:
    prompt, matrix = _prompt_attention_rate(catalog, model, gpu, backend)
    assert (prompt == matrix) is on_matrix_units
    assert prompt <= matrix


# --- what the calibration fits -------------------------------------------------------------------------


def test_a_child_backend_keeps_its_parents_vendor_factors() -> None:
    """SYCL runs only on Intel GPUs: with no SYCL rows of its own it starts from the share of Intel's
    matrix units that Vulkan's rows on Arc measure, not from AMD's."""
    import benchmarks.calibrate_speed as cs

    params = cs._with(cs.load_speed_params(), "vulkan", {"vm:intel": 0.3, "vb:intel": 0.7})
    reset = cs._reset(params, "sycl")
    assert reset.backends["sycl"].vendor_mm_eff["intel"] == pytest.approx(0.3)
    assert reset.backends["sycl"].vendor_bw_eff["intel"] == pytest.approx(0.7)


@pytest.mark.parametrize("factor", ["uma_mm_factor", "uma_bw_factor"])
def test_apples_backend_does_not_inherit_a_unified_memory_factor(factor: str) -> None:
    """Every Metal device is a unified-memory chip: Metal's own shares already are a unified chip's,
    so the factor fitted on CUDA's unified boards would only cap them."""
    import benchmarks.calibrate_speed as cs

    params = cs._with(cs.load_speed_params(), "cuda", {factor: 0.6})
    reset = cs._reset(params, "metal")
    assert getattr(reset.backends["metal"], factor) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("backend", "share"), [("vulkan", 1.0), ("sycl", 1.0), ("metal", 1.0), ("rocm", 0.3)]
)
def test_only_cuda_and_hip_fit_the_grouped_expert_kernels_share(backend: str, share: float) -> None:
    """The share CUDA fits is its own row-mapping pass: a backend without that pass starts at 1, never
    at its parent's or an earlier fit's value; ROCm runs the same HIP code and starts from CUDA's fitted
    share, as it does for its other shares."""
    import benchmarks.calibrate_speed as cs

    params = cs._with(cs.load_speed_params(), "cuda", {"moe_mm_eff": 0.3})
    params = cs._with(params, backend, {"moe_mm_eff": 0.45})
    reset = cs._reset(params, backend)
    assert reset.backends[backend].moe_mm_eff == pytest.approx(share)


def test_prompts_at_depth_on_vulkans_old_amd_attention_kernels_are_not_fitted() -> None:
    import benchmarks.calibrate_speed as cs

    rows = cs.load_bench_rows("dev")[0]

    def amd_vulkan_depth(r: BenchRow) -> bool:
        return (
            r.backend == "vulkan"
            and r.kind == "prefill"
            and r.depth > 0
            and any(d.vendor == "amd" for d in r.features.devices)
        )

    old = [r for r in rows if amd_vulkan_depth(r) and 0 < r.build_number < cs.VULKAN_COOPMAT_FA_BUILD]
    new = [r for r in rows if amd_vulkan_depth(r) and r.build_number >= cs.VULKAN_COOPMAT_FA_BUILD]
    kept = {id(r) for r in cs.fittable(rows)}
    assert old and new
    assert not any(id(r) in kept for r in old)
    assert all(id(r) in kept for r in new)


def test_prompts_at_depth_on_rdna4_before_its_wmma_attention_kernel_are_not_fitted() -> None:
    """ROCm ran every prompt's attention on RDNA 4 through the tile kernel until the WMMA flash-attention
    kernel arrived: deep prompts measured on those builds are evidence of the old kernel."""
    import benchmarks.calibrate_speed as cs

    rows = cs.load_bench_rows("dev")[0]
    rdna4_depth = [r for r in rows if cs._rdna4_rocm_depth(r)]
    old = [r for r in rdna4_depth if 0 < r.build_number < cs.ROCM_RDNA4_WMMA_FA_BUILD]
    new = [r for r in rdna4_depth if r not in old]
    kept = {id(r) for r in cs.fittable(rows)}
    assert old and new
    assert not any(id(r) in kept for r in old)
    assert all(id(r) in kept for r in new)


@pytest.mark.parametrize(
    ("machine", "quantized_share", "half_share"),
    [
        # Cortex-A72, Armv8.0-A: no SDOT, four instructions for the 16 int8 products one SDOT does, and
        # no FP16 arithmetic: every half widened to FP32 before its FMA
        ("Raspberry Pi 4 Model B 8GB", 0.25, 1 / 3),
        ("Raspberry Pi 5 8GB", 1.0, 1.0),  # Cortex-A76, Armv8.2-A: SDOT and FP16 arithmetic
        ("Core i5-9500, 16GB RAM", 1.0, 1.0),  # AVX2
    ],
)
def test_a_cpus_quantized_prompt_peak_follows_its_int8_dot_products(
    catalog: Catalog, machine: str, quantized_share: float, half_share: float
) -> None:
    """The quantized prompt path's peak against the 16-bit path's, each a share of the cores' FP32 FMA
    peak."""
    spec = catalog.by_id["llama-3.2-1b"]
    hw = parse_hardware(machine)
    peaks = []
    for quant in ("Q4_0", "F16"):
        q = resolve_quant(quant)
        mem = estimate_memory(spec, q, hw, context=2048, engine="llama.cpp", backend="cpu")
        term = prefill_features(spec, mem, hw, "cpu", q, tokens=512).devices[0]
        assert not term.is_gpu
        peaks.append(term.matrix_tflops)
    assert peaks[0] == pytest.approx(peaks[1] * quantized_share / half_share)


def _gpu_term(catalog: Catalog, gpu: str, backend: str = "cuda") -> DeviceTerm:
    spec = catalog.by_id["llama-3.1-8b"]
    hw = parse_hardware(gpu)
    q = resolve_quant("Q4_K_M")
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend=backend)
    return prefill_features(spec, mem, hw, backend, q, tokens=512).devices[0]


def _limited(tflops_per_watt: float) -> BackendParams:
    return replace(load_speed_params().for_backend("cuda"), tflops_per_watt=tflops_per_watt)


def test_a_board_whose_matrix_peak_outruns_its_power_limit_sustains_less_of_its_clock(
    catalog: Catalog,
) -> None:
    geforce = sustained_clock_share(_gpu_term(catalog, "RTX 3090"), _limited(1.0))  # 142 TFLOPS, 350 W
    datacenter = sustained_clock_share(_gpu_term(catalog, "H100 PCIe"), _limited(1.0))  # 757, 350 W
    assert 0 < datacenter < geforce < 1


def test_without_a_fitted_limit_the_clock_holds(catalog: Catalog) -> None:
    assert sustained_clock_share(_gpu_term(catalog, "H100 PCIe"), _limited(0.0)) == 1.0


def test_a_unified_memory_chip_keeps_its_own_power_factor_instead(catalog: Catalog) -> None:
    """Its power budget is shared with the CPU: uma_mm_factor covers it, not a board limit."""
    term = _gpu_term(catalog, "Ryzen AI Max+ 395 128GB", "rocm")
    assert term.unified
    assert sustained_clock_share(term, _limited(0.2)) == 1.0


def _mmq_capped(ratio: float) -> SpeedParams:
    params = load_speed_params()
    cuda = replace(params.backends["cuda"], mmq_fp32_ratio=ratio)
    return replace(params, backends={**params.backends, "cuda": cuda})


@pytest.mark.parametrize(
    ("gpu", "quant", "capped"),
    [
        ("H100 SXM", "Q4_0", True),  # 1979 int8 TOPS over 67 FP32 TFLOPS: the shader side binds
        ("RTX 4090", "Q4_0", False),  # 661 over 83: 8 int8 operations per FP32 FLOP, under 16
        ("H100 SXM", "F16", False),  # 16-bit weights go to cuBLAS, no tiles to unpack
    ],
)
def test_quantized_prompts_on_tensor_cores_far_faster_than_the_shaders_run_at_the_shaders_pace(
    catalog: Catalog, gpu: str, quant: str, capped: bool
) -> None:
    """The int8 MMQ kernels' peak is the lower of the tensor cores' int8 rate and mmq_fp32_ratio x the
    FP32 shader rate, and a lower peak lengthens the prompt; 16-bit prompts and GPUs whose tensor cores
    stay under the ratio keep their own peak."""
    spec = catalog.by_id["llama-3.1-8b"]
    hw = parse_hardware(gpu)
    q = resolve_quant(quant)
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend="cuda")
    f = prefill_features(spec, mem, hw, "cuda", q, tokens=512)
    term = f.devices[0]
    on, off = _mmq_capped(16.0), _mmq_capped(0.0)
    peak = prompt_matrix_tflops(term, on.backends["cuda"])
    assert prompt_matrix_tflops(term, off.backends["cuda"]) == term.matrix_tflops
    if capped:
        assert peak == pytest.approx(16.0 * term.fp32_tflops)
        assert peak < term.matrix_tflops
        assert prefill_seconds(f, on) > prefill_seconds(f, off)
    else:
        assert peak == term.matrix_tflops
        assert prefill_seconds(f, on) == prefill_seconds(f, off)


def test_only_cuda_fits_the_mmq_kernels_shader_bound_peak() -> None:
    """CUDA's fit starts from its prior; every other backend runs its quantized prompts on its own
    peak (0: no shader-side limit), whatever CUDA's fit gave."""
    import benchmarks.calibrate_speed as cs

    fitted = _mmq_capped(9.0)
    assert cs._reset(fitted, "cuda").backends["cuda"].mmq_fp32_ratio == cs.PRIOR["mmq_fp32_ratio"]
    for child in ("rocm", "vulkan", "metal", "sycl"):
        assert cs._reset(fitted, child).backends[child].mmq_fp32_ratio == 0.0, child


def _dequant_term(
    catalog: Catalog, gpu: str, quant: str
) -> tuple[SpeedParams, PrefillFeatures, PrefillFeatures]:
    spec = catalog.by_id["llama-3.1-8b"]
    hw = parse_hardware(gpu)
    q = resolve_quant(quant)
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend="cuda")
    f = prefill_features(spec, mem, hw, "cuda", q, tokens=2048, ubatch=512)
    traffic = 1 + 16 / q.bits
    blas = replace(
        f,
        devices=tuple(
            replace(d, matrix_tflops=d.fp16_matrix_tflops, prompt_dequant=traffic) for d in f.devices
        ),
    )
    return _mmq_capped(16.0), f, blas


def test_a_prompt_dequantized_for_blas_pays_the_traffic_and_the_16_bit_share(catalog: Catalog) -> None:
    """Quantized products that go through BLAS (llama.cpp's CUDA builds before its int8 MMQ kernels)
    move 1 + 16/bits bytes per quantized byte each micro-batch at the bulk share of the bandwidth, run at
    the 16-bit share of the FP16 matrix rate, and the MMQ shader limit does not apply to them."""
    params, mmq, blas = _dequant_term(catalog, "H100 PCIe", "Q4_K_M")
    d = blas.devices[0]
    assert prompt_matrix_tflops(d, params.backends["cuda"]) == d.fp16_matrix_tflops
    cuda = params.backends["cuda"]

    def with_cuda(**values: float) -> SpeedParams:
        return replace(params, backends={**params.backends, "cuda": replace(cuda, **values)})

    base = prefill_seconds(blas, params)
    assert prefill_seconds(blas, with_cuda(mm_eff_quant=cuda.mm_eff_quant / 2)) == pytest.approx(base)
    assert prefill_seconds(blas, with_cuda(mm_eff_f16=cuda.mm_eff_f16 / 2)) > base * 1.2
    doubled = replace(
        blas, devices=tuple(replace(x, prompt_dequant=2 * x.prompt_dequant) for x in blas.devices)
    )
    extra = blas.ubatches * d.resident_bytes * d.prompt_dequant / (d.bandwidth_gbs * 1e9 * 0.8)
    assert prefill_seconds(doubled, params) - base == pytest.approx(extra, rel=1e-6)
    # today's path: the int8 kernels, no traffic
    assert mmq.devices[0].prompt_dequant == 0.0
    assert prefill_seconds(mmq, with_cuda(mm_eff_f16=cuda.mm_eff_f16 / 2)) == pytest.approx(
        prefill_seconds(mmq, params)
    )


def test_may_2024_cuda_rows_are_fitted_on_the_blas_path_they_ran() -> None:
    """The benchmark rows of a May 2024 CUDA build carry the FP16 rate and the dequantization traffic
    for quantized weights; 16-bit weights and rows of current builds keep their own path."""
    from benchmarks import load_bench_rows

    rows = [r for r in load_bench_rows("dev")[0] if r.kind == "prefill" and r.backend == "cuda"]
    old_q = [r for r in rows if r.build == "2024-05" and r.quant == "Q4_K_M" and r.n_devices == 1]
    old_f16 = [r for r in rows if r.build == "2024-05" and r.quant == "F16" and r.n_devices == 1]
    new_q = [r for r in rows if r.build == "current" and r.quant == "Q4_0" and r.n_devices == 1]
    assert old_q and old_f16 and new_q
    for r in old_q:
        d = r.features.devices[0]
        if d.matrix_path == "tc":
            assert d.prompt_dequant == pytest.approx(1 + 16 / resolve_quant("Q4_K_M").bits)
            assert d.matrix_tflops == d.fp16_matrix_tflops
    assert all(r.features.devices[0].prompt_dequant == 0.0 for r in old_f16 + new_q)


def test_a_child_backend_starts_its_cost_per_micro_batch_at_the_prior() -> None:
    """A backend's fixed cost per prompt micro-batch is its own runtime's: a child's fit starts it at the
    prior whatever CUDA's fit gave."""
    import benchmarks.calibrate_speed as cs

    params = load_speed_params()
    costly = replace(
        params, backends={**params.backends, "cuda": replace(params.backends["cuda"], ubatch_ms=40.0)}
    )
    for child in ("rocm", "vulkan", "metal"):
        assert cs._reset(costly, child).backends[child].ubatch_ms == cs.PRIOR["ubatch_ms"], child


def test_the_shader_cap_is_llama_cpps_kernels_not_a_serving_engines(catalog: Catalog) -> None:
    """vLLM's and SGLang's quantized GEMMs feed the tensor cores from their own tile loaders: the MMQ
    cap leaves their prompts alone."""
    spec = catalog.by_id["llama-3.1-8b"]
    hw = parse_hardware("H100 SXM")
    q = resolve_quant("AWQ-INT4")
    mem = estimate_memory(spec, q, hw, context=4096, engine="vllm", backend="cuda")
    f = prefill_features(spec, mem, hw, "cuda", q, tokens=512, engine="vllm")
    on, off = _mmq_capped(16.0), _mmq_capped(0.0)
    assert prefill_seconds(f, on) == prefill_seconds(f, off)
