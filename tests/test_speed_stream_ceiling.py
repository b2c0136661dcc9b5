"""The batch-1 ceiling of llama.cpp's mat-vec kernels on a GPU grows with its SMs and their clock."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sizing import Catalog, estimate, estimate_memory, parse_hardware, speed
from sizing.catalog import resolve_quant
from sizing.hardware import default_database


def _term(catalog: Catalog, rig: str, backend: str = "cuda") -> speed.DeviceTerm:
    spec = catalog.by_id["llama-3.1-8b"]
    hw = parse_hardware(rig)
    q = resolve_quant("Q4_K_M")
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend=backend)
    return speed.decode_features(spec, mem, hw, backend, q, depths=[0.0]).devices[0]


@pytest.mark.parametrize(
    ("rig", "sms", "ghz"),
    [
        ("A100 PCIe 80GB", 108, 1.41),  # GA100: 64 FP32 lanes per SM
        ("H100 PCIe", 114, 1.755),
        ("RTX 4090", 128, 2.52),  # Ada: 128 lanes per SM
        ("Tesla V100 PCIe 16GB", 80, 1.38),  # Volta: 64 lanes per SM
    ],
)
def test_a_gpu_term_carries_its_sms_times_clock(catalog: Catalog, rig: str, sms: int, ghz: float) -> None:
    assert _term(catalog, rig).sm_ghz == pytest.approx(sms * ghz, rel=0.03)


def test_a_gpu_without_lanes_per_sm_on_file_has_none(catalog: Catalog) -> None:
    assert _term(catalog, "RX 7900 XTX", "rocm").sm_ghz == 0.0


def _stream(bandwidth_gbs: float, sm_ghz: float) -> speed.DecodeFeatures:
    gpu = speed.DeviceTerm(
        "cuda", bandwidth_gbs, 100.0, "tc", 100.0, 1e6, 1e9, 0.0, 1.0, True, True, sm_ghz=sm_ghz
    )
    return speed.DecodeFeatures((gpu,), (0.0,), (0.0,), (1.0,), "kquant", 0.0, 0, 0, ((0,),))


def _streaming_only(cap_gbs: float) -> speed.SpeedParams:
    params = speed.load_speed_params()
    cuda = replace(
        params.backends["cuda"], stream_cap_gbs=cap_gbs, token_ms=0.0, layer_us=0.0, weight_eff=0.85
    )
    engines = {name: replace(e, token_ms=0.0, layer_us=0.0) for name, e in params.engines.items()}
    return replace(params, backends={**params.backends, "cuda": cuda}, engines=engines)


@given(
    bandwidth=st.floats(min_value=100, max_value=10000),
    cap=st.floats(min_value=300, max_value=5000),
    sm_ghz=st.floats(min_value=5, max_value=600),
)
def test_a_gpu_streams_no_faster_than_its_sms_allow(bandwidth: float, cap: float, sm_ghz: float) -> None:
    params = _streaming_only(cap)
    rate = 1e9 / speed.decode_seconds(_stream(bandwidth, sm_ghz), params)
    assert rate <= min(bandwidth * 0.85, cap * sm_ghz / speed.STREAM_CAP_REF_SM_GHZ) * 1e9 * (1 + 1e-9)


def test_on_a_far_faster_memory_twice_the_sms_stream_twice_as_fast() -> None:
    params = _streaming_only(1000.0)
    one = 1 / speed.decode_seconds(_stream(50000.0, 100.0), params)
    two = 1 / speed.decode_seconds(_stream(50000.0, 200.0), params)
    assert two / one == pytest.approx(2.0, rel=0.01)


def test_without_sms_on_file_the_ceiling_is_the_backends() -> None:
    params = _streaming_only(1000.0)
    rate = 1e9 / speed.decode_seconds(_stream(50000.0, 0.0), params)
    assert rate == pytest.approx(1000e9, rel=0.01)


def test_an_a100_decodes_slower_than_an_h100_pcie_of_about_its_bandwidth(catalog: Catalog) -> None:
    """1.94 vs 2.0 TB/s of HBM, but 108 SMs at 1.41 GHz against 114 at 1.755: llama.cpp's batch-1
    kernels read ~20 % less on the A100 (Llama 3 8B F16, tg512: 54.8 vs 68.0 t/s in public May 2024
    llama-bench runs)."""
    spec = catalog.by_id["llama-3.1-8b"]
    a100 = estimate(spec, parse_hardware("A100 PCIe 80GB"), quant="F16", context=4096).speed.decode_tps
    h100 = estimate(spec, parse_hardware("H100 PCIe"), quant="F16", context=4096).speed.decode_tps
    assert a100 < 0.9 * h100


def test_every_nvidia_architecture_gives_its_fp32_lanes_per_sm() -> None:
    lanes = {
        a.id: a.fp32_lanes_per_sm for a in default_database().architectures.values() if a.vendor == "nvidia"
    }
    assert lanes and all(n in (64, 128, 192) for n in lanes.values()), lanes
    assert lanes["ampere-ga100"] == lanes["volta"] == 64 and lanes["ampere-ga10x"] == lanes["hopper"] == 128


def test_a_child_backend_starts_its_unpacking_share_at_the_prior() -> None:
    """The share of the shader rate a backend's batch-1 kernels unpack weights at is its own code's: a
    child's fit starts it at the prior whatever CUDA's fit gave."""
    import benchmarks.calibrate_speed as cs

    params = speed.load_speed_params()
    fast = replace(
        params, backends={**params.backends, "cuda": replace(params.backends["cuda"], alu_eff=0.95)}
    )
    for child in ("rocm", "vulkan", "metal"):
        assert cs._reset(fast, child).backends[child].alu_eff == cs.PRIOR["alu_eff"], child


@pytest.mark.parametrize(("engine", "own"), [("llama.cpp", False), ("vllm", True), ("exllama", True)])
def test_engines_with_their_own_kernels_unpack_at_their_own_share(engine: str, own: bool) -> None:
    """CUDA's fitted unpacking share is llama.cpp's mat-vec kernels'; vLLM's or ExLlama's own kernels
    do not take it."""
    gpu = speed.DeviceTerm("cuda", 1000.0, 100.0, "tc", 100.0, 20.0, 1e9, 0.0, 1.0, True, True, sm_ghz=100.0)
    f = speed.DecodeFeatures((gpu,), (0.0,), (0.0,), (1.0,), "kquant", 4.0, 0, 0, ((0,),), engine=engine)
    params = speed.load_speed_params()
    slow, fast = (
        replace(params, backends={**params.backends, "cuda": replace(params.backends["cuda"], alu_eff=a)})
        for a in (0.2, 0.9)
    )
    same = speed.decode_seconds(f, slow) == pytest.approx(speed.decode_seconds(f, fast))
    assert same is own
