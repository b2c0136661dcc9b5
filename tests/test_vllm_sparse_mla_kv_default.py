"""vLLM 0.11.0 keeps a sparse-attention MLA model's cache (DeepSeek V3.2) in its fp8_ds_mla layout when
no cache dtype is given; later releases keep 16 bits unless fp8 is asked for. The answer sizes the
cache the named release allocates."""

from __future__ import annotations

import pytest

from sizing import EngineOptions, default_catalog, estimate, parse_hardware
from sizing.engines import vllm_default_kv_fp8

CATALOG = default_catalog()
V32 = CATALOG.by_id["deepseek-v3.2"]
RIG = parse_hardware("8x H200")


def _kv_bytes(version: str | None, kv_type: str = "f16") -> float:
    options = EngineOptions(version=version) if version else None
    return estimate(
        V32, RIG, quant="FP8", context=131072, engine="vllm", kv_type=kv_type, engine_options=options
    ).memory.kv_bytes


@pytest.mark.parametrize(
    ("version", "fp8"),
    [
        ("0.11.0", True),
        ("v0.11.0", True),
        ("0.11.0rc2", True),
        ("0.11.1", False),
        ("0.12.0", False),
        ("0.10.2", False),
        ("v1", False),
        (None, False),
    ],
)
def test_only_release_0_11_0_defaults_deepseek_v3_2_to_an_fp8_cache(version: str | None, fp8: bool) -> None:
    assert vllm_default_kv_fp8(V32, version) is fp8


@pytest.mark.parametrize("model_id", ["deepseek-v3.1", "llama-3.1-8b"])
def test_models_without_a_sparse_indexer_keep_16_bits_on_0_11_0(model_id: str) -> None:
    assert vllm_default_kv_fp8(CATALOG.by_id[model_id], "0.11.0") is False


def test_on_0_11_0_the_default_cache_is_the_fp8_one() -> None:
    assert _kv_bytes("0.11.0") == pytest.approx(_kv_bytes(None, kv_type="fp8"))


def test_later_releases_hold_the_16_bit_cache_by_default() -> None:
    # 576 latent elements in 16 bits (1152 bytes) against fp8_ds_mla's 656, beside the same indexer key
    assert _kv_bytes("0.11.1") > 1.6 * _kv_bytes("0.11.0")


def test_the_answer_says_which_release_chose_the_fp8_cache() -> None:
    e = estimate(
        V32, RIG, quant="FP8", context=131072, engine="vllm", engine_options=EngineOptions(version="0.11.0")
    )
    assert any("fp8_ds_mla" in n for n in e.memory.notes)
