"""KV cache bytes against the sizes llama.cpp prints in published logs (benchmarks/_memory_rows.py
names each)."""

from __future__ import annotations

import pytest

from benchmarks import KV_PRINTS
from sizing import kv_cache_bytes
from sizing.catalog import Catalog

MiB = 1024**2


@pytest.mark.parametrize(
    ("model", "context", "kwargs", "mib", "where"), KV_PRINTS, ids=[r[0] for r in KV_PRINTS]
)
def test_kv_sizes_match_llama_cpp_prints(
    catalog: Catalog, model: str, context: int, kwargs: dict, mib: float, where: str
) -> None:
    kv = kv_cache_bytes(catalog.by_id[model], context, **kwargs)
    assert kv.total / MiB == pytest.approx(mib, rel=0.01)


def test_sliding_window_layers_hold_window_plus_micro_batch(catalog: Catalog) -> None:
    # llama-kv-cache-iswa: size_swa = PAD(min(n_ctx, n_swa + n_ubatch), 256) = PAD(128 + 512) = 768 cells
    kv = kv_cache_bytes(catalog.by_id["gpt-oss-120b"], 32768)
    assert kv.swa_cells == 768 and kv.cells == 32768


def test_qwen3_8b_grows_144_kib_per_token(catalog: Catalog) -> None:
    # Qwen's benchmark: +3456 MB (MiB) from 6144 to 30720 tokens in BF16 (memory_measurements 3)
    m = catalog.by_id["qwen3-8b"]
    grow = kv_cache_bytes(m, 30720, pad=False).total - kv_cache_bytes(m, 6144, pad=False).total
    assert grow / MiB == pytest.approx(3456, rel=0.001)


def test_recurrent_layers_hold_a_fixed_state(catalog: Catalog) -> None:
    m = catalog.by_id["qwen3-next-80b-a3b"]
    short, long = kv_cache_bytes(m, 4096), kv_cache_bytes(m, 65536)
    linear = [b for b, c in zip(short.per_layer, long.per_layer, strict=True) if b == c and b > 0]
    assert linear, "linear-attention layers should not grow with context"


def test_q8_0_cache_is_about_half_of_f16(catalog: Catalog) -> None:
    m = catalog.by_id["llama-3.1-8b"]
    f16 = kv_cache_bytes(m, 8192).total
    q8 = kv_cache_bytes(m, 8192, k_type="q8_0", v_type="q8_0").total
    assert q8 / f16 == pytest.approx(34 / 64)
