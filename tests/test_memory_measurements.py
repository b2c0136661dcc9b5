"""Weights and KV cache against memory measured by the Qwen team.

Source: github QwenLM/Qwen3 docs/source/getting_started/speed_benchmark.md @7a2f61ff
(https://github.com/QwenLM/Qwen3/blob/main/docs/source/getting_started/speed_benchmark.md):
Hugging Face Transformers on one H20, batch 1,
input length 1, generating 2048 tokens; "GPU Memory (MB)" (MiB, as the KV slope there shows).
Peak allocation there is weights + KV for 2049 tokens + small activations; our weights + KV
must land within 3.5 % of it (Qwen3-1.7B BF16 is the worst, +2.8 %).
"""

from __future__ import annotations

import pytest

from benchmarks import (
    QWEN3_GENERATED_TOKENS,
    QWEN3_KV_SLOPE_MIB,
    QWEN3_TRANSFORMERS_PEAK_MIB,
)
from sizing import kv_cache_bytes, weight_bytes
from sizing.catalog import Catalog, resolve_quant

MIB = 2**20


@pytest.mark.parametrize(("model_id", "quant", "measured_mib"), QWEN3_TRANSFORMERS_PEAK_MIB)
def test_weights_plus_kv_match_measured_transformers_peak(
    catalog: Catalog, model_id: str, quant: str, measured_mib: int
) -> None:
    model = catalog.by_id[model_id]
    weights = weight_bytes(model, resolve_quant(quant)).total
    kv = kv_cache_bytes(model, QWEN3_GENERATED_TOKENS, pad=False).total
    estimated_mib = (weights + kv) / MIB
    assert abs(estimated_mib / measured_mib - 1) < 0.035


@pytest.mark.parametrize(("model_id", "at_6144", "at_30720"), QWEN3_KV_SLOPE_MIB)
def test_kv_cache_grows_exactly_as_measured(
    catalog: Catalog, model_id: str, at_6144: int, at_30720: int
) -> None:
    model = catalog.by_id[model_id]
    grown = (
        kv_cache_bytes(model, 30720 + 2048, pad=False).total
        - kv_cache_bytes(model, 6144 + 2048, pad=False).total
    )
    assert grown / MIB == pytest.approx(at_30720 - at_6144, rel=0.01)
