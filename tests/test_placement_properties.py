"""Invariants of the memory and placement engine (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sizing import default_catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant

CATALOG = default_catalog()
MODELS = [
    "llama-3.1-8b",
    "qwen3-30b-a3b",
    "gemma-3-27b",
    "llama-3.3-70b",
    "gpt-oss-120b",
    "qwen3-next-80b-a3b",
]
RANK = {"gpu": 0, "partial": 1, "cpu": 2, "no": 3}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mem(model: str, hw: str, context: int, kv: str = "f16", quant: str = "Q4_K_M"):  # type: ignore[no-untyped-def]
    spec = CATALOG.by_id[model]
    q = resolve_quant("MXFP4" if spec.native_dtype == "mxfp4" else quant)
    return estimate_memory(
        spec, q, parse_hardware(hw), context=context, engine="llama.cpp", backend="cuda", kv_type=kv
    )


@given(st.sampled_from(MODELS), st.sampled_from([8, 12, 16, 24, 32, 48, 80]), st.integers(512, 65536))
@SETTINGS
def test_more_vram_never_gives_a_worse_verdict(model: str, vram: int, context: int) -> None:
    small = _mem(model, f"a {vram}GB GPU, 64GB RAM", context)
    big = _mem(model, f"a {vram * 2}GB GPU, 64GB RAM", context)
    assert RANK[big.placement.verdict] <= RANK[small.placement.verdict]


@given(st.sampled_from(MODELS), st.integers(512, 60000), st.integers(1, 60000))
@SETTINGS
def test_longer_context_never_needs_fewer_bytes(model: str, context: int, extra: int) -> None:
    a = _mem(model, "2x 3090, 128GB RAM", context)
    b = _mem(model, "2x 3090, 128GB RAM", context + extra)
    assert b.kv_bytes >= a.kv_bytes and b.total_bytes >= a.total_bytes


@given(st.sampled_from(MODELS), st.integers(512, 131072))
@SETTINGS
def test_q8_0_cache_never_needs_more_than_f16(model: str, context: int) -> None:
    assert (
        _mem(model, "rtx 4090, 64GB", context, kv="q8_0").kv_bytes
        <= _mem(model, "rtx 4090, 64GB", context).kv_bytes
    )


@given(st.sampled_from(MODELS), st.integers(1, 7), st.integers(512, 32768))
@SETTINGS
def test_splitting_across_more_identical_gpus_never_needs_less_total_memory(
    model: str, n: int, context: int
) -> None:
    fewer = _mem(model, f"{n}x H100 80GB, 512GB RAM", context)
    more = _mem(model, f"{n + 1}x H100 80GB, 512GB RAM", context)
    if fewer.placement.verdict == "gpu" and more.placement.verdict == "gpu":
        assert more.total_bytes >= fewer.total_bytes
