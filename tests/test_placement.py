"""A model that does not fit is shown as it would load: the GPUs as full as offloading gets them and
the rest over the system RAM, so the table says where it runs short."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant

CATALOG = default_catalog()


@pytest.mark.parametrize(
    ("model", "quant", "rig"),
    [
        ("gpt-oss-120b", "MXFP4", "RTX 5090, 16GB RAM"),  # MoE: experts over the RAM
        ("llama-3.3-70b", "Q8_0", "RTX 3090, 16GB RAM"),  # dense: layers over the RAM
    ],
)
def test_a_miss_keeps_the_gpus_filled_and_the_ram_over(model: str, quant: str, rig: str) -> None:
    mem = estimate_memory(
        CATALOG.by_id[model],
        resolve_quant(quant),
        parse_hardware(rig),
        context=8192,
        engine="llama.cpp",
        backend="cuda",
    )
    p = mem.placement
    assert p.verdict == "no" and p.shortfall > 0
    gpu = p.gpu_devices[0]
    cpu = next(d for d in p.devices if d.kind == "cpu")
    assert gpu.used > 0.8 * gpu.usable
    assert not cpu.fits


def test_a_miss_without_gpus_is_all_on_the_cpu() -> None:
    mem = estimate_memory(
        CATALOG.by_id["llama-3.3-70b"],
        resolve_quant("Q8_0"),
        parse_hardware("16GB RAM"),
        context=8192,
        engine="llama.cpp",
        backend="cpu",
    )
    assert mem.placement.verdict == "no" and [d.kind for d in mem.placement.devices] == ["cpu"]


@pytest.mark.parametrize(("model", "tied"), [("gemma-3-27b", True), ("llama-3.3-70b", False)])
def test_llama_cpp_loads_a_tied_embedding_again_as_the_gpus_output_head(model: str, tied: bool) -> None:
    spec = default_catalog().by_id[model]
    mem = estimate_memory(
        spec,
        resolve_quant("Q4_K_M"),
        parse_hardware("4x RTX 3090, 64GB RAM"),
        context=4096,
        engine="llama.cpp",
        backend="cuda",
    )
    placed = sum(d.weights for d in mem.placement.devices)
    copy = mem.weights.embedding if tied else 0.0
    assert spec.tied_embeddings is tied
    assert placed == pytest.approx(mem.weights.total + copy)
    assert mem.weights_bytes == pytest.approx(placed)


def test_a_paged_engine_shares_a_tied_embedding_with_the_head() -> None:
    spec = default_catalog().by_id["gemma-3-27b"]
    mem = estimate_memory(
        spec, resolve_quant("BF16-HF"), parse_hardware("2x H100"), context=4096, engine="vllm", backend="cuda"
    )
    assert mem.weights_bytes == pytest.approx(mem.weights.total)


@pytest.mark.parametrize(
    ("rig", "gpu_gib"),
    # a DGX Spark's OS sees 119.7 of its 128 GiB (the device row's visible fraction), and keeps 4 GiB
    [("Jetson Orin Nano 8GB", 6.0), ("Jetson AGX Orin 64GB", 60.0), ("DGX Spark", 128 * 0.935 - 4)],
)
def test_a_unified_board_leaves_its_os_a_quarter_at_most_4_gib(rig: str, gpu_gib: float) -> None:
    spec = default_catalog().by_id["llama-3.2-1b"]
    mem = estimate_memory(
        spec, resolve_quant("Q4_K_M"), parse_hardware(rig), context=2048, engine="llama.cpp", backend="cuda"
    )
    (gpu,) = [d for d in mem.placement.devices if d.kind == "gpu"]
    assert gpu.total / 2**30 == pytest.approx(gpu_gib)


@pytest.mark.parametrize(
    ("rig", "ram_gib"), [("Raspberry Pi 5 8GB", 6.0), ("Ryzen 9 9950X, 64GB DDR5", 60.0)]
)
def test_system_ram_leaves_the_os_a_quarter_of_a_small_machine_at_most_4_gib(
    rig: str, ram_gib: float
) -> None:
    spec = default_catalog().by_id["llama-3.2-1b"]
    mem = estimate_memory(
        spec, resolve_quant("Q4_K_M"), parse_hardware(rig), context=2048, engine="llama.cpp", backend="cpu"
    )
    (cpu,) = [d for d in mem.placement.devices if d.kind == "cpu"]
    assert cpu.usable / 2**30 == pytest.approx(ram_gib)


@pytest.mark.parametrize(
    ("rig", "model_id", "quant", "backend", "machine_gib"),
    [
        ("M2 Max 96GB", "qwen3-235b-a22b", "IQ3_XS", "metal", 96),  # the CPU row holds experts too
        ("M2 Max 96GB", "qwen3-8b", "Q4_K_M", "metal", 96),  # the GPU's share far from full
        ("Strix Halo 128GB", "gpt-oss-120b", "MXFP4", "vulkan", 128),
        ("Jetson Orin Nano 8GB", "llama-3.2-3b", "Q4_K_M", "cuda", 8),
        ("DGX Spark", "qwen3-235b-a22b", "Q3_K_M", "cuda", 128 * 0.935),  # what its OS sees
    ],
)
def test_on_unified_memory_the_rows_add_up_to_the_machines_memory(
    rig: str, model_id: str, quant: str, backend: str, machine_gib: float
) -> None:
    """One memory, two rows: the GPU's share plus what it leaves the CPU is the whole memory, never
    more."""
    mem = estimate_memory(
        CATALOG.by_id[model_id],
        resolve_quant(quant),
        parse_hardware(rig),
        context=8192,
        engine="llama.cpp",
        backend=backend,
    )
    gpu, cpu = mem.placement.devices
    assert gpu.unified and cpu.kind == "cpu" and cpu.weights > 0
    assert gpu.total + cpu.total == pytest.approx(machine_gib * 2**30, rel=1e-6)


def test_a_dgx_spark_does_not_hold_a_model_near_its_nominal_128_gb() -> None:
    """CUDA and the OS see about 119.7 GiB of a DGX Spark's 128: Qwen3 235B at IQ4_XS, 127 GB in all
    at 8k, does not fit; at Q3_K_M (about 104 GB) it does."""
    spec = default_catalog().by_id["qwen3-235b-a22b"]
    hw = parse_hardware("DGX Spark")
    big, small = (
        estimate_memory(spec, resolve_quant(q), hw, context=8192, engine="llama.cpp", backend="cuda")
        for q in ("IQ4_XS", "Q3_K_M")
    )
    assert big.placement.verdict == "no"
    assert small.placement.verdict == "gpu"
