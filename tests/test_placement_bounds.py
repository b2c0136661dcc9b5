"""The closed-form memory bounds (sizing.engines) are true bounds: where one says a model does not
run, or does not fit fully on the GPUs, the whole placement agrees, for every engine of the llama.cpp
family, cache type, context and rig; and they do say so where the memory is plainly short."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sizing import SizingError, default_catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant
from sizing.engines import (
    default_backend,
    gguf_beyond_gpus,
    gguf_beyond_rig,
    llama_cpp_gpu_room,
    llama_cpp_surely_on_gpus,
    llama_cpp_surely_runs,
)
from sizing.hardware import Hardware

CATALOG = default_catalog()
MODELS = [
    "llama-3.1-8b",
    "qwen3-30b-a3b",
    "gemma-3-27b",
    "llama-3.3-70b",
    "gpt-oss-120b",
    "qwen3-next-80b-a3b",
    "deepseek-r1",
    "qwen3-235b-a22b",
]
QUANTS = ["Q8_0", "Q4_K_M", "IQ3_XS", "Q2_K", "IQ1_S"]
GPUS = ["RTX 3060 12GB", "RTX 3090", "RTX 4090", "Tesla P40", "H100 80GB", "RX 7900 XTX", "GTX 1060 6GB"]
SOCS = ["M2 Max 96GB", "M4 Pro 24GB", "M3 Ultra 512GB", "Ryzen AI Max+ 395 128GB"]
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

discrete = st.builds(
    lambda gpu, n, ram: f"{n}x {gpu}, {ram}GB RAM" if n else f"i9-13900K, {ram}GB RAM, no GPU",
    st.sampled_from(GPUS),
    st.integers(0, 4),
    st.sampled_from([8, 16, 32, 64, 128, 256, 512]),
)
rigs = st.one_of(discrete, st.sampled_from(SOCS))
contexts = st.sampled_from([2048, 4096, 8192, 32768, 131072, 262144, 1048576])


def _case(model: str, quant: str, rig: str, context: int) -> tuple[Hardware, int]:
    spec = CATALOG.by_id[model]
    return parse_hardware(rig), min(context, spec.max_context)


def _placed(
    model: str,
    quant: str,
    hw: Hardware,
    context: int,
    engine: str,
    kv: str,
    gpu_only: bool,
    flash_attention: bool | None = None,
) -> str | None:
    try:
        mem = estimate_memory(
            CATALOG.by_id[model],
            resolve_quant(quant),
            hw,
            context=context,
            engine=engine,
            backend=default_backend(hw),
            kv_type=kv,
            gpu_only=gpu_only,
            flash_attention=flash_attention,
        )
    except SizingError:
        return None
    return mem.placement.verdict


def _bound(fn, model: str, quant: str, hw: Hardware, context: int, engine: str, kv: str, **more) -> bool:  # type: ignore[no-untyped-def]
    return bool(
        fn(
            CATALOG.by_id[model],
            resolve_quant(quant),
            hw,
            context=context,
            engine=engine,
            backend=default_backend(hw),
            kv_type=kv,
            **more,
        )
    )


@given(
    st.sampled_from(MODELS),
    st.sampled_from(QUANTS),
    rigs,
    contexts,
    st.sampled_from(["llama.cpp", "ollama", "lmstudio"]),
    st.sampled_from(["f16", "q8_0"]),
)
@SETTINGS
def test_beyond_the_rig_means_no_placement_runs(
    model: str, quant: str, rig: str, context: int, engine: str, kv: str
) -> None:
    hw, ctx = _case(model, quant, rig, context)
    if _bound(gguf_beyond_rig, model, quant, hw, ctx, engine, kv):
        assert _placed(model, quant, hw, ctx, engine, kv, gpu_only=False) in ("no", None)


@given(
    st.sampled_from(MODELS),
    st.sampled_from(QUANTS),
    rigs,
    contexts,
    st.sampled_from(["llama.cpp", "ollama", "lmstudio"]),
    st.sampled_from(["f16", "q8_0"]),
    st.booleans(),
    st.sampled_from([None, True, False]),
)
@SETTINGS
def test_beyond_the_gpus_means_not_fully_on_the_gpus(
    model: str, quant: str, rig: str, context: int, engine: str, kv: str, gpu_only: bool, fa: bool | None
) -> None:
    hw, ctx = _case(model, quant, rig, context)
    if _bound(gguf_beyond_gpus, model, quant, hw, ctx, engine, kv, flash_attention=fa):
        assert _placed(model, quant, hw, ctx, engine, kv, gpu_only=gpu_only, flash_attention=fa) != "gpu"


@pytest.mark.parametrize(
    ("model", "quant", "rig", "context", "beyond_rig", "beyond_gpus"),
    [
        ("deepseek-r1", "Q8_0", "RTX 3060 12GB, 32GB RAM", 4096, True, True),
        ("llama-3.3-70b", "Q4_K_M", "RTX 4090, 64GB RAM", 8192, False, True),
        ("llama-3.1-8b", "Q4_K_M", "RTX 4090, 64GB RAM", 8192, False, False),
        ("llama-3.1-8b", "Q4_K_M", "i9-13900K, 32GB RAM, no GPU", 8192, False, True),
        ("llama-3.1-8b", "Q8_0", "RTX 3060 12GB, 32GB RAM", 131072, False, True),
    ],
)
def test_bounds_speak_where_memory_is_plainly_short(
    model: str, quant: str, rig: str, context: int, beyond_rig: bool, beyond_gpus: bool
) -> None:
    hw = parse_hardware(rig)
    assert _bound(gguf_beyond_rig, model, quant, hw, context, "llama.cpp", "f16") is beyond_rig
    assert _bound(gguf_beyond_gpus, model, quant, hw, context, "llama.cpp", "f16") is beyond_gpus


@pytest.mark.parametrize("engine", ["vllm", "sglang", "mlx", "exllama"])
def test_bounds_say_nothing_for_other_engines(engine: str) -> None:
    hw = parse_hardware("RTX 3060 12GB, 8GB RAM")
    assert not _bound(gguf_beyond_rig, "deepseek-r1", "Q8_0", hw, 4096, engine, "f16")
    assert not _bound(gguf_beyond_gpus, "deepseek-r1", "Q8_0", hw, 4096, engine, "f16")


@given(st.sampled_from(MODELS), st.sampled_from(QUANTS), discrete, contexts)
@SETTINGS
def test_llama_cpp_gpus_never_hold_more_than_their_room(
    model: str, quant: str, rig: str, context: int
) -> None:
    hw, ctx = _case(model, quant, rig, context)
    backend = default_backend(hw)
    spec = CATALOG.by_id[model]
    try:
        mem = estimate_memory(
            spec, resolve_quant(quant), hw, context=ctx, engine="llama.cpp", backend=backend
        )
    except SizingError:
        return
    if mem.placement.verdict == "no":
        return
    held = sum(d.weights + d.kv for d in mem.placement.devices if d.kind == "gpu")
    assert held <= llama_cpp_gpu_room(spec, hw, context=ctx, backend=backend)


def test_llama_cpp_gpu_room_leaves_out_the_margin_and_the_compute_buffer() -> None:
    hw = parse_hardware("RTX 3060 12GB, 32GB RAM")
    room = llama_cpp_gpu_room(CATALOG.by_id["llama-3.3-70b"], hw, context=8192, backend="cuda")
    assert 8e9 < room < 12 * 2**30 - 2**30


def test_llama_cpp_gpu_room_is_unbounded_on_unified_memory() -> None:
    hw = parse_hardware("Ryzen AI Max+ 395 128GB")
    assert llama_cpp_gpu_room(
        CATALOG.by_id["llama-3.3-70b"], hw, context=8192, backend=default_backend(hw)
    ) == float("inf")


@given(
    st.sampled_from(MODELS),
    st.sampled_from(QUANTS),
    rigs,
    contexts,
    st.sampled_from(["f16", "q8_0"]),
    st.booleans(),
    st.booleans(),
)
@SETTINGS
def test_surely_on_the_gpus_means_fully_on_the_gpus(
    model: str, quant: str, rig: str, context: int, kv: str, fa: bool, gpu_only: bool
) -> None:
    hw, ctx = _case(model, quant, rig, context)
    if _bound(llama_cpp_surely_on_gpus, model, quant, hw, ctx, "llama.cpp", kv, flash_attention=fa):
        assert _placed(model, quant, hw, ctx, "llama.cpp", kv, gpu_only=gpu_only, flash_attention=fa) == "gpu"


@given(
    st.sampled_from(MODELS),
    st.sampled_from(QUANTS),
    rigs,
    contexts,
    st.sampled_from(["f16", "q8_0"]),
    st.booleans(),
)
@SETTINGS
def test_surely_runs_means_a_placement_runs(
    model: str, quant: str, rig: str, context: int, kv: str, fa: bool
) -> None:
    hw, ctx = _case(model, quant, rig, context)
    if _bound(llama_cpp_surely_runs, model, quant, hw, ctx, "llama.cpp", kv, flash_attention=fa):
        assert _placed(model, quant, hw, ctx, "llama.cpp", kv, gpu_only=False, flash_attention=fa) != "no"


@pytest.mark.parametrize(
    ("model", "quant", "rig", "on_gpus", "runs"),
    [
        ("llama-3.1-8b", "Q4_K_M", "RTX 4090, 64GB RAM", True, True),
        ("llama-3.1-8b", "Q4_K_M", "2x RTX 3090, 64GB RAM", True, True),
        ("llama-3.1-8b", "Q4_K_M", "i9-13900K, 32GB RAM, no GPU", False, True),
        ("llama-3.3-70b", "Q4_K_M", "RTX 4090, 64GB RAM", False, True),
        ("deepseek-r1", "Q8_0", "RTX 3060 12GB, 32GB RAM", False, False),
    ],
)
def test_accepting_bounds_speak_where_memory_is_plainly_enough(
    model: str, quant: str, rig: str, on_gpus: bool, runs: bool
) -> None:
    hw = parse_hardware(rig)
    fa = {"flash_attention": True}
    assert _bound(llama_cpp_surely_on_gpus, model, quant, hw, 8192, "llama.cpp", "f16", **fa) is on_gpus
    assert _bound(llama_cpp_surely_runs, model, quant, hw, 8192, "llama.cpp", "f16", **fa) is runs


@pytest.mark.parametrize("engine", ["ollama", "lmstudio", "vllm", "mlx"])
def test_accepting_bounds_are_llama_cpp_only(engine: str) -> None:
    hw = parse_hardware("RTX 4090, 64GB RAM")
    fa = {"flash_attention": True}
    assert not _bound(llama_cpp_surely_on_gpus, "llama-3.1-8b", "Q4_K_M", hw, 8192, engine, "f16", **fa)
    assert not _bound(llama_cpp_surely_runs, "llama-3.1-8b", "Q4_K_M", hw, 8192, engine, "f16", **fa)
