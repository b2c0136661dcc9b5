"""The tensors a model's checkpoint holds, named as GGUF names them, derived from its shapes.

One list drives three things: the parameter count (checked against the published one), the
GGUF file size per quantization (each tensor gets the type llama.cpp's quantizer gives it),
and placement (which class of weights sits on which device).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum

from ._schema import ModelSpec

__all__ = ["TensorClass", "TensorGroup", "active_params", "tensor_inventory", "total_params"]


class TensorClass(StrEnum):
    """What a tensor is for: placement and speed treat the classes differently."""

    EMBEDDING = "embedding"
    ATTENTION = "attention"
    FFN = "ffn"  # dense feed-forward
    EXPERTS = "experts"  # routed experts
    SHARED_EXPERTS = "shared_experts"
    ROUTER = "router"
    LINEAR_MIXER = "linear_mixer"  # recurrent / linear-attention layers
    NORM = "norm"
    OUTPUT = "output"


@dataclass(frozen=True, slots=True)
class TensorGroup:
    """`count` identical tensors (one per block that has it) of shape (ne0, ne1) x ne2.

    ne0 is the row length (the input dimension), which decides whether a block quant fits;
    ne2 is the number of experts for stacked expert tensors (1 otherwise).
    """

    name: str  # GGUF base name, e.g. "attn_v", "ffn_down_exps", "token_embd"
    klass: TensorClass
    ne0: int
    ne1: int
    count: int  # blocks holding it (1 for global tensors)
    ne2: int = 1
    per_block: bool = True
    is_1d: bool = False  # norms and biases: llama.cpp keeps these at F32

    @property
    def params_each(self) -> int:
        return self.ne0 * self.ne1 * self.ne2

    @property
    def params(self) -> int:
        return self.params_each * self.count


def _ffn_block_counts(spec: ModelSpec) -> tuple[int, int]:
    """(dense FFN blocks, MoE blocks)."""
    ffn_blocks = spec.layers - spec.ffnless_layers
    if spec.moe is None:
        return ffn_blocks, 0
    candidates = ffn_blocks - spec.moe.dense_layers
    moe_blocks = candidates // spec.moe.every
    return ffn_blocks - moe_blocks, moe_blocks


def _attention_tensors(
    spec: ModelSpec, layers: int, kv_heads: int, head_dim: int, kv_shared: bool = False
) -> list[TensorGroup]:
    att = spec.attention
    h = spec.hidden
    A = TensorClass.ATTENTION
    if layers <= 0:
        return []
    if att.mla is not None:
        m = att.mla
        qk_head = m.qk_nope_head_dim + m.qk_rope_head_dim
        groups = []
        if m.q_lora_rank:
            groups += [
                TensorGroup("attn_q_a", A, h, m.q_lora_rank, layers),
                TensorGroup("attn_q_a_norm", TensorClass.NORM, m.q_lora_rank, 1, layers, is_1d=True),
                TensorGroup("attn_q_b", A, m.q_lora_rank, spec.heads * qk_head, layers),
            ]
        else:
            groups.append(TensorGroup("attn_q", A, h, spec.heads * qk_head, layers))
        groups += [
            TensorGroup("attn_kv_a_mqa", A, h, m.kv_lora_rank + m.qk_rope_head_dim, layers),
            TensorGroup("attn_kv_a_norm", TensorClass.NORM, m.kv_lora_rank, 1, layers, is_1d=True),
            # MLA GGUFs (llama.cpp PR #12801) split kv_b into per-head k_b and v_b
            TensorGroup("attn_k_b", A, m.qk_nope_head_dim, m.kv_lora_rank, layers, ne2=spec.heads),
            TensorGroup("attn_v_b", A, m.kv_lora_rank, m.v_head_dim, layers, ne2=spec.heads),
            TensorGroup("attn_output", A, spec.heads * m.v_head_dim, h, layers),
        ]
        return groups
    q_dim = spec.heads * head_dim
    kv_dim = kv_heads * head_dim
    if att.fused_qkv:
        groups = [TensorGroup("attn_qkv", A, h, q_dim + 2 * kv_dim, layers)]
    else:
        groups = [
            TensorGroup("attn_q", A, h, q_dim, layers),
            TensorGroup("attn_k", A, h, kv_dim, layers),
        ]
        if not kv_shared:
            groups.append(TensorGroup("attn_v", A, h, kv_dim, layers))
    groups.append(TensorGroup("attn_output", A, q_dim, h, layers))
    if att.bias:
        groups.append(TensorGroup("attn_qkv_bias", A, q_dim + 2 * kv_dim, 1, layers, is_1d=True))
    if att.qk_norm:
        groups.append(TensorGroup("attn_qk_norm", TensorClass.NORM, 2 * head_dim, 1, layers, is_1d=True))
    return groups


def _linear_mixer_tensors(spec: ModelSpec) -> list[TensorGroup]:
    att = spec.attention
    mix = att.linear
    n = att.linear_layers
    if mix is None or n == 0:
        return []
    h = spec.hidden
    L = TensorClass.LINEAR_MIXER
    if mix.kind == "gated_deltanet":
        assert mix.k_heads and mix.v_heads and mix.k_head_dim and mix.v_head_dim
        key_dim = mix.k_heads * mix.k_head_dim
        value_dim = mix.v_heads * mix.v_head_dim
        conv_dim = 2 * key_dim + value_dim
        return [
            TensorGroup("ssm_in", L, h, 2 * key_dim + 2 * value_dim, n),  # q, k, v, z
            TensorGroup("ssm_ba", L, h, 2 * mix.v_heads, n),  # beta, alpha
            TensorGroup("ssm_conv1d", L, mix.conv_kernel, conv_dim, n),
            TensorGroup("ssm_params", L, 2 * mix.v_heads + mix.v_head_dim, 1, n, is_1d=True),
            TensorGroup("ssm_out", L, value_dim, h, n),
        ]
    if mix.kind == "mamba2":
        assert mix.d_inner and mix.d_state and mix.n_groups and mix.n_heads
        xbc = mix.d_inner + 2 * mix.n_groups * mix.d_state
        return [
            TensorGroup("ssm_in", L, h, mix.d_inner + xbc + mix.n_heads, n),  # z, xBC, dt
            TensorGroup("ssm_conv1d", L, mix.conv_kernel, xbc, n),
            TensorGroup("ssm_params", L, 3 * mix.n_heads + xbc + mix.d_inner, 1, n, is_1d=True),
            TensorGroup("ssm_out", L, mix.d_inner, h, n),
        ]
    if mix.kind in ("lightning", "rwkv"):
        assert mix.k_heads and mix.k_head_dim
        inner = mix.k_heads * mix.k_head_dim
        # q, k, v and an output gate in, one projection out (MiniMax-01 lightning attention)
        return [
            TensorGroup("attn_qkv", L, h, 3 * inner, n),
            TensorGroup("attn_gate", L, h, inner, n),
            TensorGroup("attn_output", L, inner, h, n),
        ]
    # short_conv (LFM2): in-projection to 3 x hidden, depthwise conv, out-projection
    return [
        TensorGroup("shortconv_in", L, h, 3 * h, n),
        TensorGroup("shortconv_conv", L, mix.conv_kernel, h, n),
        TensorGroup("shortconv_out", L, h, h, n),
    ]


@functools.lru_cache(maxsize=1024)  # pure in a frozen spec; asked for in every estimate
def tensor_inventory(spec: ModelSpec) -> tuple[TensorGroup, ...]:
    """Every tensor group of the language model (vision tower excluded)."""
    h = spec.hidden
    att = spec.attention
    groups: list[TensorGroup] = [
        TensorGroup("token_embd", TensorClass.EMBEDDING, h, spec.vocab, 1, per_block=False),
    ]
    if not spec.tied_embeddings:
        groups.append(TensorGroup("output", TensorClass.OUTPUT, h, spec.vocab, 1, per_block=False))
    groups.append(TensorGroup("output_norm", TensorClass.NORM, h, 1, 1, per_block=False, is_1d=True))

    full = spec.full_attention_layers
    full_kv = att.full_kv_heads or spec.kv_heads
    full_hd = att.full_head_dim or spec.head_dim
    if att.full_kv_heads is None and att.full_head_dim is None and not att.kv_shared:
        groups += _attention_tensors(spec, full + att.sliding_layers, spec.kv_heads, spec.head_dim)
    else:  # global layers differ from sliding ones (Gemma 4: more heads, K = V)
        groups += _attention_tensors(spec, att.sliding_layers, spec.kv_heads, spec.head_dim)
        groups += _attention_tensors(spec, full, full_kv, full_hd, kv_shared=att.kv_shared)
    groups += _linear_mixer_tensors(spec)
    groups.append(TensorGroup("norms", TensorClass.NORM, h, 2, spec.layers, is_1d=True))

    dense_blocks, moe_blocks = _ffn_block_counts(spec)
    matrices = 3 if spec.ffn_gated else 2
    if dense_blocks and spec.ffn:
        F = TensorClass.FFN
        if spec.ffn_gated:
            groups.append(TensorGroup("ffn_gate", F, h, spec.ffn, dense_blocks))
        groups += [
            TensorGroup("ffn_up", F, h, spec.ffn, dense_blocks),
            TensorGroup("ffn_down", F, spec.ffn, h, dense_blocks),
        ]
    moe = spec.moe
    if moe is not None and moe_blocks:
        X = TensorClass.EXPERTS
        e, w = moe.experts, moe.expert_ffn
        groups.append(TensorGroup("ffn_gate_inp", TensorClass.ROUTER, h, e, moe_blocks))
        if moe.gated:
            groups.append(TensorGroup("ffn_gate_exps", X, h, w, moe_blocks, ne2=e))
        groups += [
            TensorGroup("ffn_up_exps", X, h, w, moe_blocks, ne2=e),
            TensorGroup("ffn_down_exps", X, w, h, moe_blocks, ne2=e),
        ]
        if moe.expert_bias:
            groups.append(
                TensorGroup("ffn_exps_bias", X, (matrices - 1) * w + h, 1, moe_blocks, ne2=e, is_1d=True)
            )
        if moe.shared_experts:
            S = TensorClass.SHARED_EXPERTS
            sw = (moe.shared_ffn or w) * moe.shared_experts
            if moe.gated:
                groups.append(TensorGroup("ffn_gate_shexp", S, h, sw, moe_blocks))
            groups += [
                TensorGroup("ffn_up_shexp", S, h, sw, moe_blocks),
                TensorGroup("ffn_down_shexp", S, sw, h, moe_blocks),
            ]
    return tuple(groups)


@functools.lru_cache(maxsize=1024)  # pure in a frozen spec; asked for in every estimate
def total_params(spec: ModelSpec) -> int:
    """Parameters of the language model derived from its shapes (vision tower excluded)."""
    raw = 0
    block = 0
    for g in tensor_inventory(spec):
        if g.per_block:
            block += g.params
        else:
            raw += g.params
    scale = spec.irregular_scale or 1.0
    return raw + round(block * scale)


def mtp_block_params(spec: ModelSpec, n: int, with_embeddings: bool = False) -> int:
    """n MTP / NextN modules from the shapes: one block each (full attention, the MoE FFN) plus its
    projection of [embedding; hidden state] (2 x hidden x hidden) and norms; with_embeddings where the
    module ships its own copies of the token embedding and output head."""
    one = spec.model_copy(
        update={
            "layers": 1,
            "ffnless_layers": 0,
            "attention": spec.attention.model_copy(
                update={"sliding_layers": 0, "linear_layers": 0, "mixerless_layers": 0, "kv_reuse_layers": 0}
            ),
            "moe": spec.moe.model_copy(update={"dense_layers": 0, "every": 1}) if spec.moe else None,
            "tied_embeddings": True,
            "gguf_files": (),
        }
    )
    block = total_params(one) - spec.vocab * spec.hidden - spec.hidden
    copies = 2 * spec.vocab * spec.hidden if with_embeddings else 0
    return n * (block + 2 * spec.hidden * spec.hidden + 3 * spec.hidden + copies)


def mtp_params(spec: ModelSpec) -> int:
    """Parameters of the MTP (multi-token prediction) layers the checkpoint ships (0 where none): the
    entry's extra_params_b where that figure is those layers (not loaded by llama.cpp), else the
    shapes' count. The engines that speculate with them (vLLM, SGLang) load them beside the model."""
    if spec.mtp_layers == 0:
        return 0
    if spec.extra_params_b and not spec.extra_params_loaded:
        return round(spec.extra_params_b * 1e9)
    return mtp_block_params(spec, spec.mtp_layers)


@functools.lru_cache(maxsize=1024)  # pure in a frozen spec; asked for in every estimate
def active_params(spec: ModelSpec) -> int:
    """Parameters touched per token: everything but the routed experts not chosen.

    The token embedding counts in full, as published "active" figures usually do.
    """
    total = total_params(spec)
    if spec.moe is None:
        return total
    routed = sum(g.params for g in tensor_inventory(spec) if g.klass is TensorClass.EXPERTS)
    routed = round(routed * (spec.irregular_scale or 1.0))
    return total - routed + round(routed * spec.moe.active / spec.moe.experts)
