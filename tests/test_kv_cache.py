"""KV cache bytes against llama.cpp's printed sizes (shared/data/memory_measurements.md)."""

from __future__ import annotations

import pytest

from sizing._kv import kv_cache_bytes
from sizing.catalog import Catalog

MiB = 1024**2


@pytest.mark.parametrize(
    ("model", "context", "kwargs", "mib"),
    [
        ("llama-3.1-8b", 8192, {}, 1024.0),  # 1.1: KV self size = 1024.00 MiB
        ("glm-z1-32b-0414", 32768, {}, 1952.0),  # 1.2: CUDA0 KV buffer size = 1952.00 MiB
        ("llama-2-7b", 2048, {}, 1024.0),  # 1.8: KV self size = 1024.00 MiB (no GQA)
        ("deepseek-r1", 32768, {"k_type": "q8_0", "v_type": "q8_0"}, 1166.62),  # 1.6: MLA latent, q8_0
        ("gpt-oss-20b", 131072, {"swa_aware": False}, 6144.0),  # 1.5: ik_llama.cpp, no SWA shrink
        (
            "llama-4-scout",
            256000,
            {"swa_aware": False, "pad": False},
            48000.0,
        ),  # 1.3: full KV on all 48 layers
    ],
)
def test_kv_sizes_match_llama_cpp_prints(
    catalog: Catalog, model: str, context: int, kwargs: dict, mib: float
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
