"""llama.cpp on the CPU alone and with part of a model in system RAM: RAM bandwidth from the named
CPU's memory platform, cores from its family, decode as the slower of streaming and unpacking the
weights, the int8 and 16-bit prompt paths, and an offloaded prompt's attention on the GPU."""

from __future__ import annotations

from dataclasses import replace

import pytest

from benchmarks import load_bench_rows
from sizing import Catalog, estimate, estimate_memory, parse_hardware
from sizing.catalog import ModelSpec, QuantSpec, resolve_quant
from sizing.hardware import Hardware, default_database
from sizing.memory import MemoryEstimate
from sizing.speed import (
    SpeedParams,
    decode_features,
    decode_seconds,
    load_speed_params,
    prefill_features,
    prefill_seconds,
)


def _with_cpu(params: SpeedParams, **changes: float) -> SpeedParams:
    changed = replace(params.backends["cpu"], **changes)
    return replace(params, backends={**params.backends, "cpu": changed})


def _placed(
    catalog: Catalog, model: str, rig: str, quant: str, backend: str, context: int = 4096
) -> tuple[ModelSpec, Hardware, QuantSpec, MemoryEstimate]:
    spec = catalog.by_id[model]
    hw = parse_hardware(rig)
    q = resolve_quant(quant)
    mem = estimate_memory(spec, q, hw, context=context, engine="llama.cpp", backend=backend)
    return spec, hw, q, mem


@pytest.mark.parametrize(
    ("rig", "gbs"),
    [
        ("Raspberry Pi 4 8GB", 5.53),  # 32-bit LPDDR4-3200 (12.8), capped by what STREAM draws
        ("Ryzen 7 8840U, 32GB", 120.0),  # 128-bit LPDDR5X-7500
        ("Intel N100, 16GB", 38.4),  # one channel of DDR5-4800
        ("Ryzen 9 7950X, 64GB DDR5-6000", 96.0),  # the stated speed on AM5's two channels
        ("256gb ddr4, 8 channel epyc", 204.8),  # eight stated channels of server DDR4-3200
    ],
)
def test_system_ram_bandwidth_comes_from_the_named_cpus_memory_platform(
    catalog: Catalog, rig: str, gbs: float
) -> None:
    *_, mem = _placed(catalog, "llama-3.2-1b", rig, "Q4_K_M", "cpu")
    cpu = next(d for d in mem.placement.devices if d.kind == "cpu")
    assert cpu.bandwidth_gbs == pytest.approx(gbs)


@pytest.mark.parametrize(
    ("cpu", "cores"),
    [
        ("Intel N100", 4),
        ("Core i5-4278U", 2),
        ("Core i7-7820HQ", 4),
        ("Core i5-1135G7", 4),
        ("Core i5-9500", 6),
        ("Core i3-14100", 4),
    ],
)
def test_a_cpu_family_with_one_core_count_knows_it(cpu: str, cores: int) -> None:
    read = parse_hardware(cpu).cpu
    assert read is not None
    family = next(f for f in default_database().cpus if f.id == read.family)
    assert family.cores == cores


def test_cpu_decode_waits_on_streaming_the_weights_not_on_unpacking_them_where_ram_is_the_bottleneck(
    catalog: Catalog,
) -> None:
    """A desktop CPU prefetches the next blocks while it unpacks these: faster unpacking changes
    nothing, a slower memory stream slows every token."""
    spec, hw, q, mem = _placed(catalog, "llama-3.1-8b", "Ryzen 9 7950X, 64GB DDR5-6000", "Q4_K_M", "cpu")
    f = decode_features(spec, mem, hw, "cpu", q, depths=[512])
    params = load_speed_params()
    cpu = params.backends["cpu"]
    base = decode_seconds(f, params)
    assert decode_seconds(f, _with_cpu(params, alu_eff=cpu.alu_eff * 2)) == pytest.approx(base)
    assert decode_seconds(f, _with_cpu(params, weight_eff=cpu.weight_eff / 2)) > 1.7 * base


def test_cpu_decode_waits_on_unpacking_where_the_cores_are_the_bottleneck(catalog: Catalog) -> None:
    """With the cores' rate cut a hundredfold, unpacking the weights sets the pace, not the RAM."""
    spec, hw, q, mem = _placed(catalog, "llama-3.1-8b", "Ryzen 9 7950X, 64GB DDR5-6000", "Q4_K_M", "cpu")
    f = decode_features(spec, mem, hw, "cpu", q, depths=[512])
    params = load_speed_params()
    cpu = params.backends["cpu"]
    starved = _with_cpu(params, alu_eff=cpu.alu_eff / 100)
    assert decode_seconds(f, _with_cpu(starved, weight_eff=cpu.weight_eff * 0.9)) == pytest.approx(
        decode_seconds(f, starved)
    )


@pytest.mark.parametrize(
    ("quant", "path", "other"),
    [("Q4_K_M", "mm_eff_quant", "mm_eff_f16"), ("F16", "mm_eff_f16", "mm_eff_quant")],
)
def test_a_cpu_prompt_multiplies_quantized_weights_as_int8_and_16_bit_weights_as_floats(
    catalog: Catalog, quant: str, path: str, other: str
) -> None:
    spec, hw, q, mem = _placed(catalog, "llama-3.2-3b", "Ryzen 9 7950X, 64GB DDR5-6000", quant, "cpu")
    f = prefill_features(spec, mem, hw, "cpu", q, tokens=512)
    params = load_speed_params()
    cpu = params.backends["cpu"]
    base = prefill_seconds(f, params)
    assert prefill_seconds(f, _with_cpu(params, **{path: getattr(cpu, path) / 2})) > 1.5 * base
    assert prefill_seconds(f, _with_cpu(params, **{other: getattr(cpu, other) / 2})) == pytest.approx(base)


def _offloaded_prompt(catalog: Catalog, depth: int) -> tuple[MemoryEstimate, float, tuple[float, ...]]:
    spec, hw, q, mem = _placed(catalog, "llama-3.3-70b", "RTX 4080, 64GB DDR5-6000", "Q4_K_M", "cuda", 16384)
    f = prefill_features(spec, mem, hw, "cuda", q, tokens=512, depth=depth)
    return mem, f.pcie_bytes, tuple(d.kv_share for d in f.devices if not d.is_gpu)


def test_an_offloaded_prompt_runs_the_host_layers_attention_on_the_gpu(catalog: Catalog) -> None:
    mem, _, host_kv = _offloaded_prompt(catalog, 8192)
    assert mem.placement.strategy == "layer_offload"
    assert host_kv and all(share == 0.0 for share in host_kv)


def test_an_offloaded_prompt_carries_the_host_layers_cache_over_pcie_the_deeper_the_more(
    catalog: Catalog,
) -> None:
    _, shallow, _ = _offloaded_prompt(catalog, 0)
    _, deep, _ = _offloaded_prompt(catalog, 8192)
    assert deep > shallow


def test_generated_tokens_of_an_offloaded_model_read_the_host_layers_cache_on_the_cpu(
    catalog: Catalog,
) -> None:
    spec, hw, q, mem = _placed(catalog, "llama-3.3-70b", "RTX 4080, 64GB DDR5-6000", "Q4_K_M", "cuda", 16384)
    f = decode_features(spec, mem, hw, "cuda", q, depths=[8192])
    assert sum(d.kv_share for d in f.devices if not d.is_gpu) > 0.5


def test_every_public_cpu_only_measurement_is_placed_on_the_cpu_alone() -> None:
    rows, _ = load_bench_rows("all")
    cpu = [r for r in rows if r.backend == "cpu"]
    assert len(cpu) >= 60
    assert all(not d.is_gpu for r in cpu for d in r.features.devices)


def test_each_moe_block_with_experts_in_system_ram_costs_a_hand_over_to_the_cpu_and_back(
    catalog: Catalog,
) -> None:
    spec, hw, q, mem = _placed(catalog, "qwen3-30b-a3b", "RTX 4060 8GB, 64GB DDR5-6000", "Q4_K_M", "cuda")
    f = decode_features(spec, mem, hw, "cuda", q, depths=[512])
    assert mem.placement.strategy == "expert_offload"
    assert f.host_expert_layers == mem.placement.cpu_moe_layers > 0
    params = load_speed_params()
    extra = 0.001  # one more millisecond per hand-over
    slower = _with_cpu(params, hop_ms=params.backends["cpu"].hop_ms + extra)
    added = decode_seconds(f, slower) - decode_seconds(f, params)
    assert added == pytest.approx(2 * f.host_expert_layers * extra / 1000)


def test_a_model_wholly_on_the_gpu_hands_nothing_to_the_cpu(catalog: Catalog) -> None:
    spec, hw, q, mem = _placed(catalog, "qwen3-30b-a3b", "RTX 4090, 64GB DDR5-6000", "Q4_K_M", "cuda")
    assert decode_features(spec, mem, hw, "cuda", q, depths=[512]).host_expert_layers == 0


def test_cores_that_cannot_keep_the_bus_busy_read_what_stream_measured(catalog: Catalog) -> None:
    """A Pi 4's 12.8 GB/s bus is drawn at 5.5 GB/s by STREAM: the cores, not the bus, limit what the
    CPU reads, so its rate is what STREAM measured, never the wire rate."""
    *_, mem = _placed(catalog, "llama-3.2-1b", "Raspberry Pi 4 8GB", "Q4_K_M", "cpu")
    cpu = next(d for d in mem.placement.devices if d.kind == "cpu")
    assert cpu.bandwidth_gbs <= 5.53


def test_server_sized_ram_with_no_cpu_named_is_read_as_a_server_cpu_streaming_fewer_bytes_faster(
    catalog: Catalog,
) -> None:
    """With the experts in 256 GB of eight-channel RAM and no CPU named, a smaller quant reads fewer
    bytes per token and is faster: the unnamed CPU is a server part, not an 8-core desktop whose
    arithmetic would hold every quant to the same rate."""
    spec, hw = catalog.by_id["qwen3-235b-a22b"], parse_hardware("RTX 4090 + 256GB DDR5")
    speeds = {q: estimate(spec, hw, quant=q, context=8192).speed.decode_tps for q in ("Q4_K_M", "Q8_0")}
    assert speeds["Q4_K_M"] > 1.3 * speeds["Q8_0"]


def test_unstated_ram_is_no_more_than_the_boards_platform_takes(catalog: Catalog) -> None:
    e = estimate(catalog.by_id["llama-3.2-1b"], parse_hardware("Raspberry Pi 4"), quant="Q4_K_M")
    assert "system RAM not stated: assumed 8 GB" in e.assumptions
