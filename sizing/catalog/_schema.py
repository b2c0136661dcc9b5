"""The catalog entry: a model's architecture facts, as config.json and model cards state them.

One entry per model. Blocks ("layers", GGUF's block_count) each hold a token mixer (full
attention, sliding-window attention, MLA, or a linear/recurrent layer, or nothing) and a
feed-forward part (dense, mixture-of-experts, or nothing). Counts say how many blocks have
which kind, so hybrid models (Qwen3-Next, Nemotron-H, Granite 4) are described without a
per-layer list.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..vocabulary import Engine, ModelTask

__all__ = [
    "MLA",
    "Attention",
    "ClassBytes",
    "GgufFile",
    "Indexer",
    "LinearMixer",
    "MoE",
    "ModelSpec",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class MLA(_Frozen):
    """Multi-head latent attention (DeepSeek V2/V3, Kimi K2): K/V are cached as one latent."""

    kv_lora_rank: int = Field(gt=0)
    q_lora_rank: int | None = Field(default=None, gt=0)  # None: plain q projection (V2-Lite)
    qk_rope_head_dim: int = Field(gt=0)
    qk_nope_head_dim: int = Field(gt=0)
    v_head_dim: int = Field(gt=0)


class Indexer(_Frozen):
    """A sparse-attention indexer (DeepSeek Sparse Attention's lightning indexer: DeepSeek V3.2, GLM-5):
    a few small query heads score every past token against one cached key per token, and the block
    attends to the `topk` best. The key is a cache of its own beside the block's KV (config.json
    index_n_heads, index_head_dim, index_topk)."""

    heads: int = Field(gt=0)  # index_n_heads: query heads of the scorer (no cache of their own)
    head_dim: int = Field(gt=0)  # index_head_dim: the one cached key per token and block
    topk: int = Field(gt=0)  # index_topk: past tokens each query attends to
    # blocks that keep their own indexer key cache; None: every full-attention block (later designs
    # let some blocks reuse an earlier block's selection and cache nothing)
    layers: int | None = Field(default=None, ge=0)


class LinearMixer(_Frozen):
    """A linear-attention or state-space layer: a fixed-size state instead of a growing KV cache."""

    kind: Literal["gated_deltanet", "mamba2", "lightning", "rwkv", "short_conv"]
    # gated_deltanet / lightning: key/value heads and head dims (config "linear_*" fields)
    k_heads: int | None = Field(default=None, gt=0)
    v_heads: int | None = Field(default=None, gt=0)
    k_head_dim: int | None = Field(default=None, gt=0)
    v_head_dim: int | None = Field(default=None, gt=0)
    # mamba2: inner width, state size, groups, heads (config "mamba_*"/"ssm_*" fields)
    d_inner: int | None = Field(default=None, gt=0)
    d_state: int | None = Field(default=None, gt=0)
    n_groups: int | None = Field(default=None, gt=0)
    n_heads: int | None = Field(default=None, gt=0)
    conv_kernel: int = Field(default=4, ge=0)

    @model_validator(mode="after")
    def _dims_for_kind(self) -> LinearMixer:
        needed: dict[str, tuple[str, ...]] = {
            "gated_deltanet": ("k_heads", "v_heads", "k_head_dim", "v_head_dim"),
            "lightning": ("k_heads", "k_head_dim"),
            "mamba2": ("d_inner", "d_state", "n_groups", "n_heads"),
            "rwkv": ("k_heads", "k_head_dim"),
            "short_conv": (),
        }
        missing = [name for name in needed[self.kind] if getattr(self, name) is None]
        if missing:
            raise ValueError(f"linear mixer '{self.kind}' needs {', '.join(missing)}")
        return self


class Attention(_Frozen):
    """How many blocks use which token mixer. Blocks not counted elsewhere use full attention."""

    sliding_window: int | None = Field(default=None, gt=0)
    sliding_layers: int = Field(default=0, ge=0)
    linear_layers: int = Field(default=0, ge=0)
    linear: LinearMixer | None = None
    mixerless_layers: int = Field(default=0, ge=0)  # blocks with an FFN only (Nemotron-H "-")
    mla: MLA | None = None
    indexer: Indexer | None = None  # sparse attention's token scorer, on the full-attention blocks
    # Attention head dims when they differ for some layers (Gemma 4 global layers); rare.
    full_kv_heads: int | None = Field(default=None, gt=0)
    full_head_dim: int | None = Field(default=None, gt=0)
    # K and V share one tensor on the full-attention layers (Gemma 4 global layers: attention_k_eq_v)
    kv_shared: bool = False
    # Layers that reuse an earlier layer's KV (Gemma 3n KV sharing): they store none.
    kv_reuse_layers: int = Field(default=0, ge=0)
    qk_norm: bool = False
    bias: bool = False  # q/k/v (and o) projections carry biases (Qwen2, gpt-oss)
    fused_qkv: bool = (
        False  # q, k and v in one tensor (Phi-3/Phi-4: GGUF "attn_qkv", quantized by its own rule)
    )

    @model_validator(mode="after")
    def _sliding_needs_window(self) -> Attention:
        if self.sliding_layers and not self.sliding_window:
            raise ValueError("sliding_layers > 0 needs sliding_window")
        if self.linear_layers and self.linear is None:
            raise ValueError("linear_layers > 0 needs a 'linear' block describing the mixer")
        return self

    def indexed_layers(self, full_layers: int) -> int:
        """Blocks that keep an indexer key cache, of `full_layers` full-attention blocks."""
        if self.indexer is None:
            return 0
        return full_layers if self.indexer.layers is None else min(self.indexer.layers, full_layers)


class MoE(_Frozen):
    """Mixture of experts in the feed-forward part."""

    experts: int = Field(gt=1)
    active: int = Field(gt=0)  # routed experts per token
    expert_ffn: int = Field(gt=0)  # intermediate width of one routed expert
    shared_experts: int = Field(default=0, ge=0)
    shared_ffn: int | None = Field(default=None, gt=0)  # width of one shared expert; default expert_ffn
    dense_layers: int = Field(default=0, ge=0)  # blocks with a dense FFN instead (first_k_dense_replace)
    every: int = Field(default=1, ge=1)  # MoE in every Nth block (Llama 4 Maverick: 2)
    gated: bool = True  # experts are GLU (3 matrices) rather than plain MLPs (2)
    expert_bias: bool = False  # gpt-oss experts carry biases

    @model_validator(mode="after")
    def _active_within_experts(self) -> MoE:
        if self.active > self.experts:
            raise ValueError(f"active experts ({self.active}) exceed experts ({self.experts})")
        return self


class ClassBytes(_Frozen):
    """Bytes of one file per tensor class (names as sizing.catalog.TensorClass values)."""

    embedding: int = Field(default=0, ge=0)
    attention: int = Field(default=0, ge=0)
    ffn: int = Field(default=0, ge=0)
    experts: int = Field(default=0, ge=0)
    shared_experts: int = Field(default=0, ge=0)
    router: int = Field(default=0, ge=0)
    linear_mixer: int = Field(default=0, ge=0)
    norm: int = Field(default=0, ge=0)
    output: int = Field(default=0, ge=0)


class EngineGap(_Frozen):
    """An engine that cannot load the model at all (an architecture it has not implemented)."""

    engine: Engine
    why: str = Field(min_length=3)  # in words: "has no mllama architecture"
    source: str = Field(min_length=6)  # where the engine says so (an issue, its docs, its error)


class GgufFile(_Frozen):
    """Exact tensor bytes of one GGUF file of this model, read from its header (tensor table).

    Estimates at `quant` use these bytes instead of the quantizer-mix model, so they are exact
    for that file. Per-block lists have one entry per block (`layers` of them); blocks the file
    holds beyond those (MTP / NextN layers) are in `extra`.
    """

    quant: str = Field(min_length=1)  # quant id in quants.yaml, e.g. "Q4_K_M"
    file: str | None = None  # file name or URL it was read from
    embedding: int = Field(ge=0)  # token_embd
    output: int = Field(ge=0)  # output head (0 when tied)
    other: int = Field(default=0, ge=0)  # global tensors besides those two (output_norm, rope_freqs ...)
    extra: int = Field(default=0, ge=0)  # blocks beyond `layers` (NextN/MTP) the file carries
    layer_dense: tuple[int, ...]  # per block: everything but the routed experts
    layer_experts: tuple[int, ...]  # per block: routed experts (0 for dense blocks)
    by_class: ClassBytes = ClassBytes()

    @property
    def total(self) -> int:
        return (
            self.embedding
            + self.output
            + self.other
            + self.extra
            + sum(self.layer_dense)
            + sum(self.layer_experts)
        )

    @model_validator(mode="after")
    def _per_block_lists_match(self) -> GgufFile:
        if len(self.layer_dense) != len(self.layer_experts):
            raise ValueError(
                f"layer_dense ({len(self.layer_dense)}) and layer_experts ({len(self.layer_experts)}) "
                "must have one entry per block each"
            )
        return self


GENERIC_FAMILY = "generic"  # the family of every shape made up from a size


class ModelSpec(_Frozen):
    """One model: identity, published figures and architecture facts, with sources."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$", max_length=80)
    name: str = Field(min_length=1, max_length=100)
    family: str
    org: str
    hf_repo: str | None = None
    aliases: tuple[str, ...] = ()
    released: dt.date | None = None
    tasks: tuple[ModelTask, ...] = ("chat",)

    params_b: float = Field(gt=0)  # published total parameters, billions
    active_params_b: float | None = Field(default=None, gt=0)  # published active parameters (MoE)
    max_context: int = Field(gt=0)
    # the context the checkpoint's config.json allows as shipped (max_position_embeddings), where
    # the card's max_context needs a rope-scaling edit first (Qwen2.5: 32,768 shipped, 131,072 with
    # YaRN). Engines that read the config default to it: vLLM's max_model_len, SGLang's
    # context_length, ExLlama's max_seq_len; a GGUF's n_ctx_train is the same figure.
    config_context: int | None = Field(default=None, gt=0)
    # YaRN's original_max_position_embeddings in the card's rope_scaling, where it differs from
    # config_context (Qwen3 and QwQ ship 40,960 and scale from 32,768)
    yarn_original_context: int | None = Field(default=None, gt=0)
    # the config's rope_theta where YaRN is switched on by an engine flag that restates it (vLLM's
    # --hf-overrides rope_parameters)
    rope_theta: float | None = Field(default=None, gt=0)
    native_dtype: Literal["bf16", "fp16", "fp32", "fp8", "mxfp4", "int4", "fp4"] = "bf16"

    layers: int = Field(gt=0)
    hidden: int = Field(gt=0)
    heads: int = Field(gt=0)
    kv_heads: int = Field(gt=0)
    head_dim: int = Field(gt=0)
    vocab: int = Field(gt=0)
    ffn: int = Field(ge=0)  # dense feed-forward width (0 when every FFN block is MoE)
    ffn_gated: bool = True  # SwiGLU/GeGLU: 3 matrices per FFN; plain MLP: 2
    tied_embeddings: bool = False
    ffnless_layers: int = Field(default=0, ge=0)  # blocks with a token mixer only (Nemotron-H "M")
    attention: Attention = Attention()
    moe: MoE | None = None

    vision_params_b: float | None = Field(default=None, ge=0)  # vision tower + projector, if shipped
    extra_params_b: float | None = Field(default=None, ge=0)  # in the checkpoint, outside the block shapes
    extra_params_loaded: bool = False  # llama.cpp loads the extra params (per-layer embeddings: yes; MTP: no)
    # Of the loaded extra params, the tables looked up by token (per-layer or n-gram embeddings, learned
    # positions): llama.cpp assigns them to the input layer, in host memory beside the token embedding
    # (LLM_TENSOR_LAYER_INPUT with GGML_OP_GET_ROWS, src/llama-arch.cpp, github ggml-org/llama.cpp), so
    # they take system RAM, not VRAM, whatever -ngl says.
    extra_lookup_params_b: float | None = Field(default=None, ge=0)
    # MTP (multi-token prediction, "NextN") layers shipped in the checkpoint: config.json's
    # num_nextn_predict_layers / mtp_num_hidden_layers. vLLM and SGLang speculate with them; llama.cpp
    # skips them.
    mtp_layers: int = Field(default=0, ge=0)
    # Per-block param correction for architectures whose blocks are not uniform (NAS-pruned):
    # the derived block params are scaled by this factor; say why in `notes`.
    irregular_scale: float | None = Field(default=None, gt=0.2, lt=2.0)
    notes: str | None = None
    sources: tuple[str, ...] = Field(min_length=1)
    # GGUF files whose exact tensor bytes are known (canirun-admin catalog import-gguf)
    gguf_files: tuple[GgufFile, ...] = ()
    # engines that cannot load it (llama.cpp has no Llama 3.2 Vision); the answer takes another engine
    engine_gaps: tuple[EngineGap, ...] = ()
    # part of its model code (the processor, a layer) ships in the repository rather than in the engines
    # (config.json's auto_map, "custom_code" on the Hub): vLLM and SGLang load it only with
    # --trust-remote-code, which their recipes for such models pass; cite the recipe in `sources`
    remote_code: bool = False

    def __hash__(self) -> int:
        # equal specs agree on these: hashing them alone keeps the caches keyed by a spec cheap
        # (the default hashes every field, nested shapes and GGUF tables included, at every lookup)
        # (a generic shape's fit probes one width and depth at many expert counts and widths: those too)
        moe = self.moe
        experts = (moe.experts, moe.expert_ffn) if moe is not None else None
        return hash((self.id, self.params_b, self.layers, self.hidden, self.ffn, experts))

    @model_validator(mode="after")
    def _consistent(self) -> ModelSpec:
        problems: list[str] = []
        att = self.attention
        counted = att.sliding_layers + att.linear_layers + att.mixerless_layers
        if counted > self.layers:
            problems.append(
                f"sliding ({att.sliding_layers}) + linear ({att.linear_layers}) + mixerless "
                f"({att.mixerless_layers}) layers exceed layers ({self.layers})"
            )
        if self.ffnless_layers >= self.layers:
            problems.append("ffnless_layers must leave some blocks with a feed-forward part")
        if self.heads % self.kv_heads != 0 and att.mla is None:
            problems.append(f"heads ({self.heads}) not a multiple of kv_heads ({self.kv_heads})")
        if self.moe is None and self.ffn == 0:
            problems.append("a dense model needs ffn > 0")
        if self.moe is not None:
            if self.moe.dense_layers > self.layers - self.ffnless_layers:
                problems.append("moe.dense_layers exceeds layers")
            if self.moe.dense_layers and self.ffn == 0:
                problems.append("moe.dense_layers > 0 needs the dense ffn width")
            if self.active_params_b is None:
                problems.append("an MoE model needs active_params_b (published)")
        if self.active_params_b is not None and self.active_params_b > self.params_b:
            problems.append("active_params_b exceeds params_b")
        if self.extra_lookup_params_b and (
            not self.extra_params_loaded or self.extra_lookup_params_b > (self.extra_params_b or 0)
        ):
            problems.append("extra_lookup_params_b is a part of the loaded extra_params_b")
        if self.config_context is not None and self.config_context >= self.max_context:
            problems.append("config_context is set only where it is below max_context")
        if self.yarn_original_context is not None and self.config_context is None:
            problems.append("yarn_original_context needs config_context")
        if (self.config_context is None) != (self.rope_theta is None):
            problems.append("config_context and rope_theta are set together")
        seen_quants: set[str] = set()
        for f in self.gguf_files:
            if len(f.layer_dense) != self.layers:
                problems.append(
                    f"gguf_files[{f.quant}]: {len(f.layer_dense)} per-block sizes for {self.layers} layers"
                )
            if f.quant.lower() in seen_quants:
                problems.append(f"gguf_files: two files for quant {f.quant}")
            seen_quants.add(f.quant.lower())
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def shipped_context(self) -> int:
        """The context engines that read the checkpoint's config start with when none is set."""
        return self.config_context or self.max_context

    def yarn_for(self, context: int) -> tuple[float, int] | None:
        """(YaRN's factor, its original length) for `context`, where it is past what the shipped config
        holds; None where the config holds it. The factor is the smallest that covers `context` (to a
        tenth, up), at most the card's own for its longest context: static YaRN scales every prompt
        alike, so a larger factor than needed costs quality on short texts (Qwen3's card: "if the
        typical context length for your application is 65,536 tokens, it would be better to set factor
        as 2.0", github QwenLM/Qwen3 docs/source/inference/transformers.md)."""
        if self.config_context is None or context <= self.config_context:
            return None
        original = self.yarn_original_context or self.config_context
        needed = math.ceil(round(context / original * 10, 6)) / 10
        return min(self.max_context / original, needed), original

    @property
    def is_generic(self) -> bool:
        """A shape canirun made up from a size ("a 70B model"), not a released model."""
        return self.family == GENERIC_FAMILY

    def gguf_file(self, quant_id: str) -> GgufFile | None:
        """The GGUF file of this model at `quant_id` whose tensor bytes are known, if any."""
        key = quant_id.lower()
        return next((f for f in self.gguf_files if f.quant.lower() == key), None)

    @property
    def full_attention_layers(self) -> int:
        att = self.attention
        return self.layers - att.sliding_layers - att.linear_layers - att.mixerless_layers
