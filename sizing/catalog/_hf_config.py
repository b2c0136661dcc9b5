"""A Hugging Face config.json -> a catalog entry, with the parameter count derived from its shapes.

Pure: the caller fetches config.json (and, when it can, the safetensors parameter count) and
passes dicts in. What the mapping reads, by config shape:

- nesting: multimodal configs keep the language model in `text_config` (Gemma 3, Llama 4,
  Qwen3-VL, Mistral 3), `llm_config` (InternVL) or `language_config`; `vision_config` sizes the
  vision tower (an estimate from its widths, refined by the safetensors count when given).
- MoE: num_local_experts (Mixtral, gpt-oss, MiniMax, Llama 4, Granite), num_experts (Qwen-MoE,
  OLMoE), n_routed_experts + n_shared_experts + first_k_dense_replace (DeepSeek V2/V3, Kimi K2,
  GLM-4.5), shared_expert_intermediate_size (Qwen2/Qwen3-Next), moe_layer_start_index (ERNIE),
  interleave_moe_layer_step / decoder_sparse_step / expert_layer_period (every Nth block).
- MLA: kv_lora_rank, q_lora_rank, qk_rope_head_dim, qk_nope_head_dim, v_head_dim.
- sliding windows: layer_types lists (gpt-oss, Gemma 3, OLMo 3), sliding_window_pattern (Gemma 3,
  Cohere 2), Gemma 2's alternation, Llama 4's chunked layers, use_sliding_window (Qwen),
  Mistral-style windows on every layer.
- hybrid / linear attention: layer_types, full_attention_interval (Qwen3-Next, Qwen3.5: Gated
  DeltaNet), hybrid_override_pattern (Nemotron-H: Mamba2 "M", attention "*", MLP "-", MoE "E"),
  Granite 4 and Jamba Mamba layers, MiniMax attn_type_list (lightning attention), LFM2 short
  convolutions, Kimi Linear's linear_attn_config.
- MTP / NextN layers (num_nextn_predict_layers, mtp_num_hidden_layers) are counted in
  extra_params_b (not loaded by llama.cpp); Qwen3-Next/3.5's gated-attention output gate in
  extra_params_b, loaded.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._errors import CatalogError
from ..vocabulary import PARAM_TOLERANCE
from ._load import billions, shape, slug, validated_entry
from ._schema import ModelSpec
from ._tensors import active_params, mtp_block_params, total_params

__all__ = ["HfImport", "entry_from_hf_config", "params_from_index", "params_from_safetensors_header"]

_NESTS = ("text_config", "llm_config", "language_config")
_FULL = {"full_attention", "attention", "global", "global_attention", "full", "*"}
_SLIDING = {"sliding_attention", "sliding", "local", "local_attention", "chunked_attention", "sliding_window"}
_LINEAR = {"linear_attention", "mamba", "mamba2", "conv", "short_conv", "lightning", "linear", "kda", "m"}
_DTYPES = {"bfloat16": "bf16", "float16": "fp16", "float32": "fp32", "bf16": "bf16", "fp16": "fp16"}
# model types whose MLP is a plain 2-matrix one (no gate)
_PLAIN_MLP = {"gpt2", "gpt_neox", "gpt_bigcode", "starcoder2", "falcon", "phi", "bloom", "opt", "mpt", "gptj"}
_FUSED_QKV = {"phi3", "chatglm", "falcon", "gpt_neox", "bloom", "mpt", "dbrx", "gpt_bigcode", "internlm2"}
_QK_NORM = {"qwen3", "qwen3_moe", "qwen3_next", "qwen3_vl", "qwen3_vl_moe", "qwen3_vl_text", "olmo2", "olmo3"}
_QK_NORM |= {"olmoe", "gemma3", "gemma3_text", "gemma3n", "gemma3n_text", "qwen3_5", "qwen3_5_text"}
_QK_NORM |= {"qwen3_5_moe", "qwen3_5_moe_text", "qwen3_vl_moe_text"}
_GATED_ATTENTION = {"qwen3_next", "qwen3_5", "qwen3_5_text", "qwen3_5_moe", "qwen3_5_moe_text"}
# MTP modules that ship their own embed/head copies
_MTP_WITH_EMBEDDINGS = {"deepseek_v3", "deepseek_v32", "kimi_k2", "glm4_moe", "glm4_moe_lite"}
_UNSUPPORTED = {
    "rwkv": "RWKV has no attention shapes the catalog can describe",
    "rwkv5": "RWKV has no attention shapes the catalog can describe",
    "rwkv6": "RWKV has no attention shapes the catalog can describe",
    "rwkv7": "RWKV has no attention shapes the catalog can describe",
}
# values transformers fills in when a text config leaves them out
_DEFAULTS: dict[str, dict[str, Any]] = {
    "gemma3_text": {"vocab_size": 262208, "sliding_window_pattern": 6, "max_position_embeddings": 131072},
    "gemma2": {"sliding_window": 4096},
    "llama4_text": {"vocab_size": 202048, "no_rope_layer_interval": 4},
}


@dataclass(frozen=True, slots=True)
class HfImport:
    """An imported entry, its validated spec and how its parameter count was checked."""

    entry: dict[str, Any]
    spec: ModelSpec
    derived_params: int  # text model from shapes + vision + extra
    stated_params: int | None  # from the safetensors metadata, when the caller had it
    warnings: tuple[str, ...]
    # fields config.json does not give, filled with a default (dotted: "moe.active", "max_context"): a
    # re-import keeps the reviewed entry's value for these rather than the default
    assumed: tuple[str, ...] = ()


# every key public configs name the routed experts per token with (Mixtral-style, Kimi Linear,
# gpt-oss, ERNIE, Hunyuan, DBRX/Step, DeepSeek's reference config, Megatron exports)
TOP_K_KEYS = (
    "num_experts_per_tok",
    "num_experts_per_token",
    "experts_per_token",
    "moe_k",
    "moe_topk",
    "moe_top_k",
    "num_selected_experts",
    "n_activated_experts",
    "num_activated_experts",
    "moe_router_topk",
)
# the keys a config gives its context length with, in the order they are trusted
CONTEXT_KEYS = (
    "max_position_embeddings",
    "n_positions",
    "seq_length",
    "max_sequence_length",
    "model_max_length",
)


class _Cfg:
    """Lookups over the text config first, then the top-level config."""

    def __init__(self, text: Mapping[str, Any], top: Mapping[str, Any], defaults: Mapping[str, Any]) -> None:
        self.text, self.top, self.defaults = text, top, defaults

    def get(self, *names: str, default: Any = None) -> Any:
        for source in (self.text, self.top, self.defaults):
            for n in names:
                v = source.get(n)
                if v is not None:
                    return v
        return default

    def num(self, *names: str, default: int | None = None) -> int | None:
        v = self.get(*names)
        if isinstance(v, list) and v:  # Hunyuan: per-layer lists with one value
            v = v[0]
        if isinstance(v, bool) or not isinstance(v, int | float):
            return default
        return int(v)

    def need(self, *names: str) -> int:
        v = self.num(*names)
        if v is None or v <= 0:
            raise CatalogError(
                f"config.json has no usable {' / '.join(names)}",
                hint="is this a language model's config.json?",
            )
        return v


def _split(config: Mapping[str, Any]) -> tuple[dict[str, Any], Mapping[str, Any] | None]:
    text: dict[str, Any] = {}
    for key in _NESTS:
        nested = config.get(key)
        if isinstance(nested, dict) and nested:
            text = dict(nested)
            break
    thinker = config.get("thinker_config")
    if not text and isinstance(thinker, dict) and isinstance(thinker.get("text_config"), dict):
        text = dict(thinker["text_config"])
    vision = config.get("vision_config")
    return text, vision if isinstance(vision, dict) and vision else None


def _layer_kinds(cfg: _Cfg, mtype: str, layers: int) -> tuple[int, int, int, str | None]:
    """(sliding, linear, mixerless, linear kind) from whichever layout field the config uses."""
    pattern = cfg.get("hybrid_override_pattern")
    if isinstance(pattern, str) and pattern:
        return 0, pattern.count("M"), pattern.count("-") + pattern.count("E"), "mamba2"
    types = cfg.get("layer_types")
    if isinstance(types, list) and types and all(isinstance(t, str) for t in types):
        kinds = [t.lower() for t in types[:layers]]
        linear = sum(k in _LINEAR for k in kinds)
        kind = None
        if linear:
            kind = {
                "mamba": "mamba2",
                "mamba2": "mamba2",
                "conv": "short_conv",
                "short_conv": "short_conv",
            }.get(next(k for k in kinds if k in _LINEAR), "gated_deltanet")
        return sum(k in _SLIDING for k in kinds), linear, 0, kind
    attn_types = cfg.get("attn_type_list")
    if isinstance(attn_types, list) and attn_types:  # MiniMax: 0 lightning, 1 softmax
        linear = sum(1 for t in attn_types[:layers] if t == 0)
        return 0, linear, 0, "lightning" if linear else None
    interval = cfg.num("full_attention_interval")
    if interval and mtype in _GATED_ATTENTION | {"qwen3_next"}:
        return 0, layers - layers // interval, 0, "gated_deltanet"
    lin_cfg = cfg.get("linear_attn_config")
    if isinstance(lin_cfg, dict) and isinstance(lin_cfg.get("full_attn_layers"), list):
        return 0, layers - len(lin_cfg["full_attn_layers"]), 0, "gated_deltanet"
    period = cfg.num("attn_layer_period")
    if period and mtype == "jamba":
        return 0, layers - layers // period, 0, "mamba2"
    full_idxs = cfg.get("full_attn_idxs")
    if isinstance(full_idxs, list) and mtype == "lfm2":
        return 0, layers - len(full_idxs), 0, "short_conv"
    return _sliding_only(cfg, mtype, layers), 0, 0, None


def _sliding_only(cfg: _Cfg, mtype: str, layers: int) -> int:
    window = cfg.num("sliding_window", "attention_chunk_size")
    if not window:
        return 0
    if mtype == "gemma2":
        return (layers + 1) // 2
    if mtype in ("gemma3", "gemma3_text", "cohere2"):
        pattern = cfg.num("sliding_window_pattern", default=6 if mtype != "cohere2" else 4) or 6
        return layers - layers // pattern
    if mtype in ("llama4", "llama4_text"):
        flags = cfg.get("no_rope_layers")
        if isinstance(flags, list) and flags:
            return sum(1 for f in flags[:layers] if f)
        step = cfg.num("no_rope_layer_interval", default=4) or 4
        return layers - layers // step
    if mtype.startswith("qwen"):
        if not cfg.get("use_sliding_window"):
            return 0
        return max(0, layers - (cfg.num("max_window_layers", default=layers) or 0))
    context = cfg.num("max_position_embeddings", default=0) or 0
    if mtype in ("mistral", "mixtral", "starcoder2") and window < context:
        return layers
    return 0


def _linear_block(cfg: _Cfg, kind: str, hidden: int, heads: int, head_dim: int) -> dict[str, Any]:
    if kind == "gated_deltanet":
        lin = cfg.get("linear_attn_config")
        if isinstance(lin, dict):  # Kimi Linear KDA
            n, d = int(lin.get("num_heads", heads)), int(lin.get("head_dim", head_dim))
            conv = int(lin.get("short_conv_kernel_size", 4))
            return {
                "kind": kind,
                "k_heads": n,
                "v_heads": n,
                "k_head_dim": d,
                "v_head_dim": d,
                "conv_kernel": conv,
            }
        return {
            "kind": kind,
            "k_heads": cfg.need("linear_num_key_heads"),
            "v_heads": cfg.need("linear_num_value_heads"),
            "k_head_dim": cfg.need("linear_key_head_dim"),
            "v_head_dim": cfg.need("linear_value_head_dim"),
            "conv_kernel": cfg.num("linear_conv_kernel_dim", default=4),
        }
    if kind == "mamba2":
        n_heads = cfg.num("mamba_num_heads", "mamba_n_heads", "mamba_dt_rank")
        d_head = cfg.num("mamba_head_dim", "mamba_d_head")
        expand = cfg.num("mamba_expand", "expand", default=2) or 2
        d_inner = n_heads * d_head if n_heads and d_head else expand * hidden
        return {
            "kind": kind,
            "d_inner": d_inner,
            "d_state": cfg.num("ssm_state_size", "mamba_d_state", "state_size", default=128),
            "n_groups": cfg.num("n_groups", "mamba_n_groups", default=1),
            "n_heads": n_heads or max(1, d_inner // 64),
            "conv_kernel": cfg.num("conv_kernel", "mamba_d_conv", default=4),
        }
    if kind == "short_conv":
        return {"kind": kind, "conv_kernel": cfg.num("conv_L_cache", "conv_kernel", default=3)}
    return {"kind": kind, "k_heads": heads, "k_head_dim": head_dim}  # lightning


def _moe_block(
    cfg: _Cfg, mtype: str, layers: int, pattern_moe: int
) -> tuple[dict[str, Any] | None, int | None]:
    """The MoE block (or None) and, when the config says so, the dense FFN width."""
    ffn_cfg = cfg.get("ffn_config") if isinstance(cfg.get("ffn_config"), dict) else {}
    experts = cfg.num("num_local_experts", "num_experts", "n_routed_experts", "moe_num_experts")
    experts = experts or (int(ffn_cfg["moe_num_experts"]) if ffn_cfg.get("moe_num_experts") else None)
    if mtype == "granitemoehybrid" and (experts or 0) <= 1:
        return None, cfg.num("shared_intermediate_size", "intermediate_size")
    if not experts or experts <= 1:
        return None, None
    active = cfg.num(*TOP_K_KEYS) or (int(ffn_cfg["moe_top_k"]) if ffn_cfg.get("moe_top_k") else None)
    active = active or 0  # 0: config.json names no top-k (the caller warns and assumes one)
    width = cfg.num("moe_intermediate_size", "expert_intermediate_size") or (
        int(ffn_cfg["ffn_hidden_size"]) if ffn_cfg.get("ffn_hidden_size") else cfg.need("intermediate_size")
    )
    moe: dict[str, Any] = {"experts": experts, "active": active, "expert_ffn": width}
    shared = cfg.num("n_shared_experts", "num_shared_experts", "moe_num_shared_experts", "num_shared_expert")
    shared_width = cfg.num(
        "shared_expert_intermediate_size", "moe_shared_expert_intermediate_size", "shared_intermediate_size"
    )
    if mtype in ("llama4", "llama4_text"):
        shared, shared_width = 1, width
    if shared_width and not shared:
        shared = 1
    if shared:
        moe["shared_experts"] = shared
        if shared_width and shared_width != width * shared:
            moe["shared_ffn"] = shared_width // shared
    dense_width: int | None = None
    lead = cfg.num("first_k_dense_replace", "moe_layer_start_index", default=0) or 0
    only = cfg.get("mlp_only_layers")
    if isinstance(only, list) and only:
        lead = max(lead, len(only))
    if pattern_moe:  # Nemotron-H: "-" blocks are dense MLPs, "E" blocks MoE
        pattern = str(cfg.get("hybrid_override_pattern"))
        lead = pattern.count("-")
    every = cfg.num(
        "interleave_moe_layer_step", "decoder_sparse_step", "expert_layer_period", "moe_layer_interval"
    )
    every = every or cfg.num("moe_layer_freq", default=1) or 1
    if lead:
        moe["dense_layers"] = lead
    if every > 1:
        moe["every"] = every
    if lead or every > 1:
        dense_width = cfg.num("intermediate_size_mlp") if mtype.startswith("llama4") else None
        dense_width = dense_width or cfg.num("intermediate_size")
    if mtype == "gpt_oss":
        moe["expert_bias"] = True
    if mtype == "nemotron_h" or str(cfg.get("mlp_hidden_act", default="")) == "relu2":
        moe["gated"] = False
    return moe, dense_width


def _dense_ffn(cfg: _Cfg, mtype: str) -> int:
    if mtype == "lfm2":  # block_ff_dim is auto-adjusted for the SwiGLU as LFM2 does
        ff = cfg.need("block_ff_dim", "intermediate_size")
        if cfg.get("block_auto_adjust_ff_dim", default=True):
            ff = int(2 * ff / 3)
            mult = cfg.get("block_ffn_dim_multiplier")
            if isinstance(mult, int | float):
                ff = int(mult * ff)
            multiple = cfg.num("block_multiple_of", default=256) or 256
            ff = multiple * ((ff + multiple - 1) // multiple)
        return ff
    return cfg.num("intermediate_size", "ffn_hidden_size", "n_inner", "ffn_dim", default=0) or 0


def _vision_params(vision: Mapping[str, Any], text_hidden: int) -> int:
    """A ViT's parameters from its widths (blocks, patch and position embeddings, projector)."""
    h = next(
        (int(vision[k]) for k in ("hidden_size", "width", "embed_dim", "hidden_dim") if vision.get(k)), 0
    )
    n = next(
        (int(vision[k]) for k in ("num_hidden_layers", "depth", "layers", "num_layers") if vision.get(k)), 0
    )
    if not h or not n:
        return 0
    inner = int(
        vision.get("intermediate_size") or vision.get("mlp_dim") or h * float(vision.get("mlp_ratio", 4))
    )
    patch = int(vision.get("patch_size") or 14)
    temporal = int(vision.get("temporal_patch_size") or 1)
    blocks = n * (4 * h * h + 2 * h * inner + 9 * h)
    embed = 3 * patch * patch * temporal * h
    image = vision.get("image_size")
    positions = (int(image) // patch) ** 2 * h if isinstance(image, int) else 0
    positions = positions or int(vision.get("num_position_embeddings") or 0) * h
    merge = int(vision.get("spatial_merge_size") or 1) ** 2
    out = int(vision.get("out_hidden_size") or vision.get("vision_output_dim") or text_hidden)
    projector = (h * merge) ** 2 + h * merge * out if merge > 1 else h * out
    return blocks + embed + positions + projector


def _mtp_params(spec: ModelSpec, n: int, mtype: str) -> int:
    """n MTP / NextN modules: one block each (full attention, the MoE FFN) plus its projection."""
    return mtp_block_params(spec, n, with_embeddings=mtype in _MTP_WITH_EMBEDDINGS)


def _family(name: str) -> str:
    words = re.split(r"[-_ ]", name)
    kept: list[str] = []
    for w in words:
        if re.fullmatch(r"\d+(\.\d+)?[bBmMkK]|\d+x\d+[bB]|[aA]\d+(\.\d+)?[bB]|v?\d{4}", w):
            break
        kept.append(w)
    return " ".join(kept) or name


def _native_dtype(cfg: _Cfg) -> str:
    quant = cfg.get("quantization_config")
    if isinstance(quant, dict):
        method = str(quant.get("quant_method", "")).lower()
        if method == "fp8":
            return "fp8"
        if method == "mxfp4":
            return "mxfp4"
        if method in ("awq", "gptq") and int(quant.get("bits", 4)) == 4:
            return "int4"
    return _DTYPES.get(str(cfg.get("torch_dtype", "dtype", default="bfloat16")).lower(), "bf16")


def _tasks(repo: str, vision: bool) -> list[str]:
    low = repo.lower()
    tasks = ["code"] if "coder" in low or "code" in low.split("/")[-1].split("-") else []
    tasks.append("chat")
    if vision:
        tasks.append("vision")
    if any(w in low for w in ("thinking", "reason", "-r1")):
        tasks.append("reasoning")
    return tasks


def entry_from_hf_config(
    config: Mapping[str, Any],
    *,
    repo: str,
    revision: str = "main",
    model_id: str | None = None,
    stated_params: int | None = None,
    endpoint: str = "https://huggingface.co",
    sources: Sequence[str] = (),
) -> HfImport:
    """Map config.json to a catalog entry. Raises CatalogError naming what is missing or wrong."""
    if not isinstance(config, Mapping):
        raise CatalogError("config.json is not a JSON object")
    text, vision = _split(config)
    mtype = str(text.get("model_type") or config.get("model_type") or "").lower()
    if mtype in _UNSUPPORTED:
        raise CatalogError(f"cannot import {repo}: {_UNSUPPORTED[mtype]}", hint="add its entry by hand")
    cfg = _Cfg(text, config, _DEFAULTS.get(mtype, {}))
    hidden = cfg.need("hidden_size", "d_model", "n_embd", "dim", "model_dim")
    layers = cfg.need("num_hidden_layers", "n_layer", "n_layers", "num_layers")
    heads = cfg.need("num_attention_heads", "n_head", "n_heads", "num_heads")
    kv_heads = cfg.num("num_key_value_heads", "num_kv_heads", "n_head_kv", "multi_query_group_num")
    kv_heads = 1 if cfg.get("multi_query") is True and not kv_heads else kv_heads or heads
    head_dim = cfg.num("head_dim", "attention_head_size", "kv_channels") or hidden // heads
    vocab = cfg.need("vocab_size", "padded_vocab_size", "n_vocab")
    warnings: list[str] = []
    notes = [
        f"Imported from {repo}@{revision} config.json by canirun-admin (model_type {mtype or 'unknown'})."
    ]

    attention: dict[str, Any] = {}
    mla_rank = cfg.num("kv_lora_rank")
    if mla_rank:
        nope, rope = cfg.need("qk_nope_head_dim"), cfg.need("qk_rope_head_dim")
        attention["mla"] = {
            "kv_lora_rank": mla_rank,
            "q_lora_rank": cfg.num("q_lora_rank"),
            "qk_rope_head_dim": rope,
            "qk_nope_head_dim": nope,
            "v_head_dim": cfg.num("v_head_dim", default=nope),
        }
        head_dim = nope + rope
        kv_heads = cfg.num("num_key_value_heads", default=heads) or heads
    index_dim = cfg.num("index_head_dim")
    if index_dim:  # DeepSeek Sparse Attention: the lightning indexer keeps one key per token
        attention["indexer"] = {
            "heads": cfg.need("index_n_heads"),
            "head_dim": index_dim,
            "topk": cfg.need("index_topk"),
        }
    sliding, linear, mixerless, kind = _layer_kinds(cfg, mtype, layers)
    pattern = cfg.get("hybrid_override_pattern")
    ffnless = (pattern.count("M") + pattern.count("*")) if isinstance(pattern, str) else 0
    if mtype == "falcon_h1":  # attention and Mamba2 side by side in each layer, then the MLP
        linear, kind, ffnless = layers, "mamba2", layers
        layers *= 2
        notes.append(
            f"Falcon-H1's {linear} parallel attention + Mamba2 layers are described as {linear} "
            f"attention + MLP blocks and {linear} Mamba2 blocks without an FFN."
        )
    if sliding:
        window = cfg.num("sliding_window", "attention_chunk_size")
        if window:
            attention.update(sliding_window=window, sliding_layers=sliding)
        else:
            warnings.append("layer_types names sliding layers but no sliding_window: counted as full")
    if linear and kind:
        attention.update(linear_layers=linear, linear=_linear_block(cfg, kind, hidden, heads, head_dim))
        if mtype == "jamba":
            notes.append("Jamba's Mamba-1 layers are described as Mamba2 (n_heads = dt_rank).")
    if mixerless:
        attention["mixerless_layers"] = mixerless
    if mtype in _QK_NORM or (
        cfg.get("use_qk_norm", "qk_layernorm", "qk_norm") is True and "llama4" not in mtype
    ):
        attention["qk_norm"] = True
    bias = cfg.get("attention_bias", "qkv_bias", "use_qkv_bias", "add_qkv_bias", "use_bias")
    if mtype.startswith("qwen2") or bias is True:
        attention["bias"] = True
    if mtype in _FUSED_QKV:
        attention["fused_qkv"] = True

    moe, dense_width = _moe_block(cfg, mtype, layers, pattern.count("E") if isinstance(pattern, str) else 0)
    ffn = dense_width or (_dense_ffn(cfg, mtype) if moe is None else 0)
    gated = not (mtype in _PLAIN_MLP or "relu2" in str(cfg.get("mlp_hidden_act", "hidden_act", default="")))
    entry: dict[str, Any] = {
        "id": model_id or slug(repo.split("/")[-1]),
        "name": repo.split("/")[-1][:100],
        "family": _family(repo.split("/")[-1]),
        "org": repo.split("/")[0] if "/" in repo else "unknown",
        "hf_repo": repo,
        "aliases": [repo],
        "tasks": _tasks(repo, vision is not None),
        "params_b": 1.0,  # replaced below, once the shapes are counted
        "max_context": cfg.num(*CONTEXT_KEYS) or 4096,
        "native_dtype": _native_dtype(cfg),
        **shape(layers, hidden, heads, kv_heads, head_dim, vocab, ffn),
        "ffn_gated": gated,
        "tied_embeddings": bool(cfg.get("tie_word_embeddings", default=mtype.startswith("gemma"))),
        "attention": attention,
        "sources": [f"{endpoint.rstrip('/')}/{repo}/blob/{revision}/config.json", *sources],
    }
    if ffnless:
        entry["ffnless_layers"] = ffnless
    assumed: list[str] = []
    if moe is not None:
        if not moe["active"]:
            moe["active"] = min(2, moe["experts"])
            assumed.append("moe.active")
            warnings.append(
                f"config.json names no experts per token ({' / '.join(TOP_K_KEYS[:3])}...): "
                f"{moe['active']} assumed, check the card"
            )
        entry["moe"] = moe
        entry["active_params_b"] = 1.0
    if not cfg.num(*CONTEXT_KEYS):
        assumed.append("max_context")
        warnings.append("config.json gives no context length: 4096 assumed")
    elif (scaled := _scaled_context(cfg, int(entry["max_context"]))) is not None:
        warnings.append(scaled)
    spec = _validate(entry)

    full_layers = spec.full_attention_layers + spec.attention.sliding_layers
    extra = 0
    if mtype in _GATED_ATTENTION and cfg.get("attn_output_gate", default=True):
        extra = full_layers * hidden * heads * head_dim
        entry.update(extra_params_b=billions(extra), extra_params_loaded=True)
        notes.append("extra_params_b: the gated attention's output gate (q_proj's second half).")
    mtp = cfg.num("num_nextn_predict_layers", "mtp_num_hidden_layers", default=0) or 0
    mtp_params = _mtp_params(spec, mtp, mtype) if mtp else 0
    if mtp:
        entry["mtp_layers"] = int(mtp)
    if mtp_params and not extra:
        extra = mtp_params
        entry.update(extra_params_b=billions(extra), extra_params_loaded=False)
        notes.append(f"extra_params_b: {mtp} MTP/NextN layer(s) in the checkpoint, which llama.cpp skips.")
    text_params = total_params(spec)
    vision_params = _vision_params(vision, hidden) if vision else 0
    if stated_params and mtp_params and extra != mtp_params:
        stated_params -= mtp_params  # llama.cpp's convention: the count without the MTP layer
        notes.append(f"The checkpoint's {mtp} MTP layer(s) (~{mtp_params / 1e9:.2f}B) are not counted.")
    if vision and stated_params:
        residual = stated_params - text_params - extra
        if vision_params and abs(residual - vision_params) < 0.5 * vision_params:
            vision_params = residual  # the count says exactly how big the tower is
    if vision_params:
        entry["vision_params_b"] = billions(vision_params)
    derived = text_params + extra + vision_params
    entry["params_b"] = billions(stated_params or derived)
    if moe is not None:
        act = active_params(spec) + (extra if entry.get("extra_params_loaded") else 0)
        if not spec.tied_embeddings:  # published figures leave out the input embedding (a lookup)
            act -= spec.vocab * spec.hidden
        entry["active_params_b"] = min(billions(act), entry["params_b"])
    if stated_params and abs(derived / stated_params - 1) > PARAM_TOLERANCE:
        warnings.append(
            f"derived {derived / 1e9:.2f}B is {derived / stated_params - 1:+.1%} off the checkpoint's "
            f"{stated_params / 1e9:.2f}B: check the entry by hand"
        )
    entry["notes"] = " ".join(notes)
    return HfImport(entry, _validate(entry), derived, stated_params, tuple(warnings), tuple(assumed))


def _scaled_context(cfg: _Cfg, shipped: int) -> str | None:
    """A warning where config.json's rope scaling stretches the context past the length it ships
    (Hunyuan-A13B: 32,768 with NTK alpha 1000, 256K on the card), or None."""
    rope = cfg.get("rope_scaling")
    if not isinstance(rope, dict):
        return None
    original = cfg.num("original_max_position_embeddings") or int(
        rope.get("original_max_position_embeddings") or 0
    )
    factor = float(rope.get("factor") or 1.0)
    alpha = float(rope.get("alpha") or 0.0)
    if original and original < shipped:
        return None  # the shipped length already includes the scaling (YaRN-extended configs)
    kind = str(rope.get("rope_type") or rope.get("type") or "")
    if alpha <= 1.0 and (factor <= 1.0 or kind not in ("dynamic", "yarn", "ntk")):
        return None  # no scaling, or one the shipped length already counts (Gemma 3's linear x8)
    how = f"factor {factor:g}" if factor > 1.0 else f"NTK alpha {alpha:g}"
    return (
        f"config.json ships {shipped:,} tokens with rope scaling ({how}): the card may give a longer "
        f"context; {shipped:,} used, set max_context from the card by hand"
    )


def _validate(entry: dict[str, Any]) -> ModelSpec:
    return validated_entry(entry, "the config", CatalogError)


def params_from_safetensors_header(header: Mapping[str, Any]) -> int:
    """Parameters in one safetensors file from its JSON header (tensor shapes)."""
    total = 0
    for name, info in header.items():
        if name == "__metadata__" or not isinstance(info, dict):
            continue
        shape = info.get("shape")
        if isinstance(shape, list):
            total += math.prod(int(d) for d in shape)
    return total


def params_from_index(index: Mapping[str, Any], dtype: str) -> int | None:
    """Parameters from model.safetensors.index.json: its stated count, or total_size / dtype bytes.

    The byte total only divides cleanly for an unquantized checkpoint (one dtype throughout).
    """
    meta = index.get("metadata")
    if not isinstance(meta, dict):
        return None
    for key in ("total_parameters", "parameter_count", "total_params"):
        if isinstance(meta.get(key), int | float) and meta[key] > 0:
            return int(meta[key])
    size = meta.get("total_size")
    per = {"bf16": 2, "fp16": 2, "fp32": 4}.get(dtype)
    if not isinstance(size, int | float) or size <= 0 or per is None:
        return None
    return int(size) // per
