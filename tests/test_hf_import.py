"""config.json -> catalog entry (sizing.catalog._hf_config): real models' configs, no network.

The bundled catalog was written by hand from the same public facts, so an import of a model it
has must reproduce its architecture fields and its parameter count; models it lacks are checked
against their published counts.
"""

from __future__ import annotations

from typing import Any

import pytest

from sizing import Catalog, CatalogError, ModelSpec
from sizing.catalog import (
    active_params,
    entry_from_hf_config,
    params_from_index,
    params_from_safetensors_header,
    total_params,
)
from tests.standins.hf_hub import CONFIGS, TRUE_PARAMS, safetensors_header

BUNDLED = {
    "meta-llama/Llama-3.1-8B-Instruct": "llama-3.1-8b",
    "Qwen/Qwen3-30B-A3B": "qwen3-30b-a3b",
    "deepseek-ai/DeepSeek-V3": "deepseek-v3",
    "openai/gpt-oss-20b": "gpt-oss-20b",
    "google/gemma-3-27b-it": "gemma-3-27b",
    "mistralai/Mixtral-8x7B-v0.1": "mixtral-8x7b",
    "Qwen/Qwen3-Next-80B-A3B-Instruct": "qwen3-next-80b-a3b",
    "zai-org/GLM-4.5-Air": "glm-4.5-air",
    "nvidia/NVIDIA-Nemotron-Nano-9B-v2": "nemotron-nano-9b-v2",
}
SHAPE_FIELDS = (
    "layers",
    "hidden",
    "heads",
    "kv_heads",
    "head_dim",
    "vocab",
    "tied_embeddings",
    "ffnless_layers",
)

# Configs written from the bundled catalog's sourced facts (its entries cite the config.json files).
# ibm-granite/granite-4.0-h-small config.json: 36 mamba + 4 attention layers, MoE 72 x top-10
GRANITE_H_SMALL = {
    "model_type": "granitemoehybrid",
    "hidden_size": 4096,
    "num_hidden_layers": 40,
    "num_attention_heads": 32,
    "num_key_value_heads": 8,
    "vocab_size": 100352,
    "layer_types": [("attention" if i in (5, 15, 25, 35) else "mamba") for i in range(40)],
    "mamba_n_heads": 128,
    "mamba_d_head": 64,
    "mamba_d_state": 128,
    "mamba_n_groups": 1,
    "mamba_d_conv": 4,
    "mamba_expand": 2,
    "num_local_experts": 72,
    "num_experts_per_tok": 10,
    "intermediate_size": 768,
    "shared_intermediate_size": 1536,
    "tie_word_embeddings": True,
    "max_position_embeddings": 131072,
}
MINIMAX_TEXT_01 = {  # MiniMaxAI/MiniMax-Text-01 config.json: softmax attention every 8th layer
    "model_type": "minimax",
    "hidden_size": 6144,
    "num_hidden_layers": 80,
    "num_attention_heads": 64,
    "num_key_value_heads": 8,
    "head_dim": 128,
    "vocab_size": 200064,
    "intermediate_size": 9216,
    "num_local_experts": 32,
    "num_experts_per_tok": 2,
    "attn_type_list": ([0] * 7 + [1]) * 10,
    "max_position_embeddings": 1000000,
}


# More shapes, each the config.json fields of a bundled entry (the entry cites its config.json)
MORE_SHAPES: dict[str, dict[str, Any]] = {
    "gemma-2-9b": {  # Gemma 2: every other block a 4096-token window
        "model_type": "gemma2",
        "hidden_size": 3584,
        "intermediate_size": 14336,
        "num_attention_heads": 16,
        "num_key_value_heads": 8,
        "head_dim": 256,
        "num_hidden_layers": 42,
        "vocab_size": 256000,
        "sliding_window": 4096,
        "max_position_embeddings": 8192,
    },
    "llama-4-maverick": {  # Llama 4: MoE every 2nd block, chunked attention on 3 of 4
        "model_type": "llama4",
        "text_config": {
            "model_type": "llama4_text",
            "hidden_size": 5120,
            "intermediate_size": 8192,
            "intermediate_size_mlp": 16384,
            "num_attention_heads": 40,
            "num_key_value_heads": 8,
            "head_dim": 128,
            "num_hidden_layers": 48,
            "num_local_experts": 128,
            "num_experts_per_tok": 1,
            "interleave_moe_layer_step": 2,
            "attention_chunk_size": 8192,
            "vocab_size": 202048,
            "max_position_embeddings": 1048576,
        },
    },
    "lfm2-1.2b": {  # LFM2: short convolutions, auto-adjusted FFN width
        "model_type": "lfm2",
        "hidden_size": 2048,
        "block_ff_dim": 12288,
        "block_auto_adjust_ff_dim": True,
        "block_ffn_dim_multiplier": 1.0,
        "block_multiple_of": 256,
        "num_attention_heads": 32,
        "num_key_value_heads": 8,
        "num_hidden_layers": 16,
        "vocab_size": 65536,
        "conv_L_cache": 3,
        "full_attn_idxs": [2, 5, 8, 10, 12, 14],
        "max_position_embeddings": 128000,
        "tie_word_embeddings": True,
    },
    "ernie-4.5-21b-a3b": {  # ERNIE 4.5: MoE from block 1, two shared experts
        "model_type": "ernie4_5_moe",
        "hidden_size": 2560,
        "intermediate_size": 12288,
        "moe_intermediate_size": 1536,
        "num_hidden_layers": 28,
        "num_attention_heads": 20,
        "num_key_value_heads": 4,
        "moe_num_experts": 64,
        "moe_k": 6,
        "moe_num_shared_experts": 2,
        "moe_layer_start_index": 1,
        "moe_layer_interval": 1,
        "vocab_size": 103424,
        "tie_word_embeddings": True,
        "max_position_embeddings": 131072,
    },
    "command-a-111b": {  # Cohere 2: 3 of 4 blocks windowed
        "model_type": "cohere2",
        "hidden_size": 12288,
        "intermediate_size": 36864,
        "num_attention_heads": 96,
        "num_key_value_heads": 8,
        "num_hidden_layers": 64,
        "vocab_size": 256000,
        "sliding_window": 4096,
        "sliding_window_pattern": 4,
        "max_position_embeddings": 262144,
        "tie_word_embeddings": True,
    },
    "deepseek-coder-v2-lite": {  # DeepSeek-V2-Lite: MLA without q compression
        "model_type": "deepseek_v2",
        "hidden_size": 2048,
        "intermediate_size": 10944,
        "moe_intermediate_size": 1408,
        "num_hidden_layers": 27,
        "num_attention_heads": 16,
        "num_key_value_heads": 16,
        "n_shared_experts": 2,
        "n_routed_experts": 64,
        "num_experts_per_tok": 6,
        "first_k_dense_replace": 1,
        "kv_lora_rank": 512,
        "q_lora_rank": None,
        "qk_rope_head_dim": 64,
        "qk_nope_head_dim": 128,
        "v_head_dim": 128,
        "vocab_size": 102400,
        "max_position_embeddings": 163840,
    },
}


def _import(repo: str, config: dict[str, Any] | None = None, **kw: Any) -> Any:
    return entry_from_hf_config(config or CONFIGS[repo], repo=repo, **kw)


@pytest.mark.parametrize("repo", sorted(BUNDLED))
def test_import_matches_the_hand_written_entry(repo: str, catalog: Catalog) -> None:
    ref = catalog.by_id[BUNDLED[repo]]
    got: ModelSpec = _import(repo).spec
    assert {f: getattr(got, f) for f in SHAPE_FIELDS} == {f: getattr(ref, f) for f in SHAPE_FIELDS}
    assert got.attention == ref.attention
    assert (got.moe is None) == (ref.moe is None)
    if ref.moe is not None:
        assert got.moe == ref.moe


@pytest.mark.parametrize("repo", sorted(BUNDLED))
def test_parameter_count_from_shapes_is_within_two_percent(repo: str, catalog: Catalog) -> None:
    imported = _import(repo)
    truth = TRUE_PARAMS.get(repo) or catalog.by_id[BUNDLED[repo]].params_b * 1e9
    assert imported.derived_params == pytest.approx(truth, rel=0.02)
    assert imported.entry["params_b"] * 1e9 == pytest.approx(truth, rel=0.02)


@pytest.mark.parametrize("repo", ["HuggingFaceTB/SmolLM2-1.7B-Instruct", "allenai/OLMoE-1B-7B-0125-Instruct"])
def test_models_the_catalog_lacks_get_their_published_count(repo: str, catalog: Catalog) -> None:
    imported = _import(repo)
    assert imported.spec.id not in catalog.by_id
    assert imported.derived_params == pytest.approx(TRUE_PARAMS[repo], rel=0.001)


def test_olmoe_active_parameters_match_the_published_figure() -> None:
    spec = _import("allenai/OLMoE-1B-7B-0125-Instruct").spec
    assert active_params(spec) / 1e9 == pytest.approx(1.282, rel=0.002)  # 1,282,017,280 published
    # the entry's display figure leaves out the untied input embedding (a lookup, not a matmul)
    assert spec.active_params_b == pytest.approx(1.282 - spec.vocab * spec.hidden / 1e9, rel=0.002)


def test_active_figure_leaves_out_the_input_embedding() -> None:
    spec = _import("openai/gpt-oss-20b").spec
    assert spec.active_params_b == pytest.approx(3.61, abs=0.02)  # the card's 3.6B active


def test_every_public_top_k_key_is_read() -> None:
    base = dict(CONFIGS["Qwen/Qwen3-30B-A3B"])
    base.pop("num_experts_per_tok")
    for key in ("num_experts_per_token", "experts_per_token", "moe_k", "moe_topk", "n_activated_experts"):
        imported = _import("o/m", {**base, key: [6] if key == "moe_topk" else 6})
        assert imported.spec.moe is not None and imported.spec.moe.active == 6, key
        assert imported.assumed == ()


def test_a_missing_top_k_is_assumed_and_said() -> None:
    base = dict(CONFIGS["Qwen/Qwen3-30B-A3B"])
    base.pop("num_experts_per_tok")
    imported = _import("o/m", base)
    assert imported.spec.moe is not None and imported.spec.moe.active == 2
    assert "moe.active" in imported.assumed
    assert any("experts per token" in w for w in imported.warnings)


def test_context_from_model_max_length_needs_no_warning() -> None:
    config = {**CONFIGS["Qwen/Qwen3-30B-A3B"], "model_max_length": 1_048_576}
    config.pop("max_position_embeddings")
    imported = _import("o/m", config)
    assert imported.spec.max_context == 1_048_576
    assert not any("context" in w for w in imported.warnings) and imported.assumed == ()


def test_a_config_with_rope_scaling_past_its_shipped_length_warns() -> None:
    config = {**CONFIGS["Qwen/Qwen3-30B-A3B"], "max_position_embeddings": 32768}
    config["rope_scaling"] = {"alpha": 1000.0, "factor": 1.0, "type": "dynamic"}  # NTK, as Hunyuan ships
    imported = _import("o/m", config)
    assert imported.spec.max_context == 32768
    assert any("32,768 used" in w for w in imported.warnings)
    linear = {**config, "rope_scaling": {"factor": 8.0, "rope_type": "linear"}}  # Gemma 3: counted already
    assert not any("rope scaling" in w for w in _import("o/m", linear).warnings)


def test_stated_count_becomes_params_b() -> None:
    imported = _import("Qwen/Qwen3-30B-A3B", stated_params=30_532_122_624)
    assert imported.entry["params_b"] == 30.5321
    assert imported.warnings == ()


def test_a_stated_count_far_from_the_shapes_warns() -> None:
    imported = _import("Qwen/Qwen3-30B-A3B", stated_params=40_000_000_000)
    assert any("off the checkpoint" in w for w in imported.warnings)


def test_text_config_nesting_and_the_vision_tower() -> None:
    imported = _import("google/gemma-3-27b-it")
    assert imported.spec.layers == 62 and imported.spec.vocab == 262208
    assert imported.spec.vision_params_b == pytest.approx(0.42, abs=0.02)
    assert "vision" in imported.spec.tasks


def test_mtp_layers_are_extra_and_not_loaded() -> None:
    spec = _import("deepseek-ai/DeepSeek-V3").spec
    assert spec.extra_params_b == pytest.approx(14, rel=0.1) and not spec.extra_params_loaded
    assert spec.native_dtype == "fp8"
    assert spec.mtp_layers == 1


def test_v32_mtp_layer_counts_its_own_embedding_and_head() -> None:
    """DeepSeek-V3.2's MTP module ships its own embed/head copies, as V3's does (685B = 671B + 14B)."""
    config = {**CONFIGS["deepseek-ai/DeepSeek-V3"], "model_type": "deepseek_v32"}
    spec = _import("o/m", config).spec
    assert spec.extra_params_b == pytest.approx(_import("deepseek-ai/DeepSeek-V3").spec.extra_params_b)
    assert spec.extra_params_b == pytest.approx(14, rel=0.1)


def test_gated_attention_output_gate_is_loaded_extra() -> None:
    spec = _import("Qwen/Qwen3-Next-80B-A3B-Instruct").spec
    assert spec.extra_params_b == pytest.approx(12 * 2048 * 4096 / 1e9, rel=0.01) and spec.extra_params_loaded


def test_gpt_oss_alternating_window_and_native_mxfp4() -> None:
    spec = _import("openai/gpt-oss-20b").spec
    assert (spec.attention.sliding_window, spec.attention.sliding_layers) == (128, 12)
    assert spec.native_dtype == "mxfp4" and spec.moe is not None and spec.moe.expert_bias


def test_granite_hybrid_mamba_moe(catalog: Catalog) -> None:
    got = entry_from_hf_config(GRANITE_H_SMALL, repo="ibm-granite/granite-4.0-h-small").spec
    ref = catalog.by_id["granite-4.0-h-small"]
    assert got.attention == ref.attention and got.moe == ref.moe
    assert total_params(got) == total_params(ref)


def test_minimax_lightning_attention_layers(catalog: Catalog) -> None:
    got = entry_from_hf_config(MINIMAX_TEXT_01, repo="MiniMaxAI/MiniMax-Text-01").spec
    ref = catalog.by_id["minimax-text-01"]
    assert got.attention == ref.attention and got.moe == ref.moe


@pytest.mark.parametrize("mid", sorted(MORE_SHAPES))
def test_more_config_shapes_match_the_catalog(mid: str, catalog: Catalog) -> None:
    imported = entry_from_hf_config(MORE_SHAPES[mid], repo=f"org/{mid}")
    ref = catalog.by_id[mid]
    got = imported.spec
    assert {f: getattr(got, f) for f in (*SHAPE_FIELDS, "ffn")} == {
        f: getattr(ref, f) for f in (*SHAPE_FIELDS, "ffn")
    }
    assert got.attention == ref.attention and got.moe == ref.moe
    assert imported.derived_params / 1e9 == pytest.approx(ref.params_b, rel=0.01)


def test_existing_id_is_kept_when_given() -> None:
    imported = _import("Qwen/Qwen3-30B-A3B", model_id="qwen3-30b-a3b")
    assert imported.entry["id"] == "qwen3-30b-a3b"
    assert imported.entry["hf_repo"] == "Qwen/Qwen3-30B-A3B"
    assert imported.entry["sources"][0] == "https://huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/config.json"


def test_a_config_without_a_width_names_the_missing_field() -> None:
    config = dict(CONFIGS["mistralai/Mixtral-8x7B-v0.1"])
    del config["hidden_size"]
    with pytest.raises(CatalogError, match="hidden_size"):
        _import("mistralai/Mixtral-8x7B-v0.1", config)


def test_an_architecture_the_schema_cannot_describe_is_refused() -> None:
    with pytest.raises(CatalogError, match="RWKV"):
        entry_from_hf_config({"model_type": "rwkv7", "hidden_size": 1024}, repo="o/some-rwkv")


# tiiuae/Falcon-H1-34B-Instruct config.json, as the catalog entry cites it (transformers' FalconH1 table)
FALCON_H1_34B = {
    "model_type": "falcon_h1",
    "hidden_size": 5120,
    "intermediate_size": 21504,
    "num_hidden_layers": 72,
    "num_attention_heads": 20,
    "num_key_value_heads": 4,
    "head_dim": 128,
    "mamba_d_head": 128,
    "mamba_n_heads": 32,
    "mamba_d_ssm": 4096,
    "mamba_d_state": 256,
    "mamba_n_groups": 1,
    "mamba_d_conv": 4,
    "vocab_size": 261120,
    "max_position_embeddings": 262144,
    "tie_word_embeddings": False,
}


def test_falcon_h1_parallel_layers_become_attention_and_mamba_blocks(catalog: Catalog) -> None:
    got = entry_from_hf_config(FALCON_H1_34B, repo="tiiuae/Falcon-H1-34B-Instruct").spec
    ref = catalog.by_id["falcon-h1-34b"]
    assert (got.layers, got.ffnless_layers, got.attention.linear_layers) == (144, 72, 72)
    assert got.full_attention_layers == 72  # every layer's attention keeps a KV cache
    assert got.attention == ref.attention and got.ffn == ref.ffn
    assert total_params(got) == total_params(ref)


def test_not_a_json_object_is_refused() -> None:
    with pytest.raises(CatalogError):
        entry_from_hf_config([1, 2], repo="a/b")  # type: ignore[arg-type]


def test_index_counts_for_unquantized_checkpoints_only() -> None:
    index = {"metadata": {"total_size": 2 * 1_000_000}}
    assert params_from_index(index, "bf16") == 1_000_000
    assert params_from_index(index, "quantized") is None
    assert params_from_index({"metadata": {"total_parameters": 42}}, "quantized") == 42


def test_safetensors_header_count() -> None:
    header = safetensors_header(CONFIGS["HuggingFaceTB/SmolLM2-1.7B-Instruct"])
    assert params_from_safetensors_header(header) == TRUE_PARAMS["HuggingFaceTB/SmolLM2-1.7B-Instruct"]
