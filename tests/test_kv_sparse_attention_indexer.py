"""A sparse-attention model (DeepSeek V3.2, GLM-5) caches its indexer's key per token beside the
attention cache: as llama.cpp keeps it (at the K cache's type) and as the paged engines keep it (FP8
with a scale), matching the sizes those engines print."""

from __future__ import annotations

from typing import Any

import pytest

from sizing import Catalog, default_catalog, estimate, kv_cache_bytes, parse_hardware
from sizing.catalog import ModelSpec, entry_from_hf_config

MIB = 2**20
# the paged engines keep an indexer key as 128 FP8 values and one FP32 scale: 132 bytes per 128
INDEXER_PAGED_BYTES = 132 / 128
CATALOG: Catalog = default_catalog()


def _without_indexer(spec: ModelSpec) -> ModelSpec:
    return spec.model_copy(update={"attention": spec.attention.model_copy(update={"indexer": None})})


def _indexer_bytes(spec: ModelSpec, context: int, **kwargs: Any) -> float:
    return (
        kv_cache_bytes(spec, context, **kwargs).total
        - kv_cache_bytes(_without_indexer(spec), context, **kwargs).total
    )


@pytest.mark.parametrize(
    ("model_id", "cells", "kwargs", "mib"),
    [
        # llama.cpp, GLM-5 at 65,536 cells with a q8_0 K cache: "indexer cache ... 663.00 MiB"
        ("glm-5", 65536, {"k_type": "q8_0", "v_type": "q8_0"}, 663.0),
        # GLM-5.2 keeps the cache in its 21 "full" indexer layers only: 178.50 MiB
        ("glm-5.2", 65536, {"k_type": "q8_0", "v_type": "q8_0"}, 178.5),
        # llama.cpp, Qwen3.8-Flash-Next at 4,096 cells: 12 indexed layers, K (f16) 12.00 MiB
        ("qwen3.8-flash-next", 4096, {}, 12.0),
    ],
)
def test_llama_cpp_keeps_the_indexer_key_at_the_k_cache_type(
    model_id: str, cells: int, kwargs: dict[str, Any], mib: float
) -> None:
    assert _indexer_bytes(CATALOG.by_id[model_id], cells, **kwargs) / MIB == pytest.approx(mib, rel=1e-3)


def test_paged_engines_add_132_bytes_a_layer_to_glm_5s_16_bit_latent() -> None:
    # TensorRT-LLM's count for GLM-5 with a BF16 MLA cache: 78 x (1152 + 132) = 100,152 bytes a token
    spec = CATALOG.by_id["glm-5"]
    kv = kv_cache_bytes(
        spec, 1000, k_type="bf16", v_type="bf16", pad=False, indexer_bytes=INDEXER_PAGED_BYTES
    )
    assert kv.total / 1000 == pytest.approx(100_152)


def test_sglang_fp8_cache_of_deepseek_v3_2_matches_its_log() -> None:
    # SGLang on 8x B200: "KV Cache is allocated. #tokens: 975424, KV size: 43.67 GB" (GiB), the sparse
    # latent layout of 656 bytes plus the 132-byte indexer key on each of 61 layers
    spec = CATALOG.by_id["deepseek-v3.2"]
    kv = kv_cache_bytes(
        spec, 975424, k_type="fp8", v_type="fp8", pad=False, indexer_bytes=INDEXER_PAGED_BYTES
    )
    assert kv.total / 2**30 == pytest.approx(43.67, abs=0.01)


def test_models_without_an_indexer_cache_no_indexer_keys() -> None:
    spec = CATALOG.by_id["deepseek-v3.1"]
    assert spec.attention.indexer is None
    assert _indexer_bytes(spec, 65536) == 0


def test_the_sparse_release_needs_more_cache_than_its_dense_sibling_on_vllm() -> None:
    rig = parse_hardware("8x h200")
    dense, sparse = (
        estimate(CATALOG.by_id[m], rig, quant="FP8", context=131072, engine="vllm").memory.kv_bytes
        for m in ("deepseek-v3.1", "deepseek-v3.2")
    )
    # the same 61 MLA layers; V3.2 adds 132 bytes a token and layer on top of the latent
    assert sparse > dense


def test_a_config_with_index_fields_imports_an_indexer() -> None:
    config = {
        "model_type": "deepseek_v32",
        "hidden_size": 7168,
        "num_hidden_layers": 61,
        "num_attention_heads": 128,
        "num_key_value_heads": 128,
        "intermediate_size": 18432,
        "moe_intermediate_size": 2048,
        "n_routed_experts": 256,
        "n_shared_experts": 1,
        "num_experts_per_tok": 8,
        "first_k_dense_replace": 3,
        "kv_lora_rank": 512,
        "q_lora_rank": 1536,
        "qk_rope_head_dim": 64,
        "qk_nope_head_dim": 128,
        "v_head_dim": 128,
        "index_n_heads": 64,
        "index_head_dim": 128,
        "index_topk": 2048,
        "vocab_size": 129280,
        "max_position_embeddings": 163840,
    }
    spec = entry_from_hf_config(config, repo="example/sparse-model").spec
    assert spec.attention.indexer is not None
    assert (spec.attention.indexer.heads, spec.attention.indexer.head_dim, spec.attention.indexer.topk) == (
        64,
        128,
        2048,
    )
