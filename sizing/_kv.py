"""KV cache bytes, as llama.cpp allocates them (and as paged engines need them).

Per full-attention block: cells x n_kv_heads x (head_dim_k x bytes_k + head_dim_v x bytes_v).
Sliding-window blocks hold min(cells, window + micro-batch) cells, padded. MLA blocks (DeepSeek,
Kimi) cache one latent per token. Blocks with a sparse-attention indexer (DeepSeek V3.2, GLM-5) also
cache the indexer's one key per token. Linear/recurrent blocks hold a fixed state per sequence.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .catalog import ModelSpec

__all__ = [
    "INDEXER_PAGED_BYTES",
    "KV_TYPE_BYTES",
    "KvBytes",
    "kv_cache_bytes",
    "padded_cells",
    "recurrent_state_bytes",
]

# bytes per element of each cache type (ggml block formats, ggml-common.h; fp8 for vLLM/SGLang)
KV_TYPE_BYTES: dict[str, float] = {
    "f32": 4.0,
    "f16": 2.0,
    "bf16": 2.0,
    "fp8": 1.0,
    "q8_0": 34 / 32,
    "q5_1": 24 / 32,
    "q5_0": 22 / 32,
    "q4_1": 20 / 32,
    "q4_0": 18 / 32,
    "iq4_nl": 18 / 32,
    # ExLlama's Q6 cache (github turboderp/exllamav2 exllamav2/cache.py, ExLlamaV2Cache_Q6): sized like
    # its Q8 and Q4 modes are here (as q8_0 and q4_0), 6 bits an element plus a 16-bit scale per 32
    "q6": 26 / 32,
}
# Bytes per element of a sparse-attention indexer's key cache in the paged engines, whatever the KV
# cache dtype: FP8 values with one FP32 scale per 128 (vLLM model_executor/models/deepseek_v2.py
# Indexer, "fp8 naive cache": head_dim + head_dim // quant_block_size * 4 = 132 bytes for a 128-wide
# key; SGLang and TensorRT-LLM size it alike). llama.cpp keeps the indexer key at the K cache's type,
# without a V (llama_kv_cache_dsa: 78 layers x 65,536 cells x 128 at q8_0 = 663.00 MiB for GLM-5,
# github ggml-org/llama.cpp issue 26382).
INDEXER_PAGED_BYTES = 132 / 128
# The paged engines' FP8 cache of a sparse-attention MLA block (FlashMLA's sparse kernels, vLLM's
# "fp8_ds_mla" and SGLang alike): the latent in FP8 with one FP32 scale per 128, the rope key kept in
# 16 bits - 656 bytes a token for DeepSeek V3.2's 512 + 64 (vLLM v1/attention/backends/mla/
# flashmla_sparse.py get_kv_cache_shape: "custom storage format is 656 bytes").
SPARSE_MLA_FP8_SCALE_BLOCK = 128
# llama.cpp pads the cache to a multiple of 256 cells (llama-kv-cache: "kv_size ... padding = 256",
# as printed in the log of https://github.com/ikawrakow/ik_llama.cpp/pull/370)
KV_CELL_PADDING = 256
# Recurrent states are kept in F32 (llama.cpp llama-memory-recurrent: r_l/s_l tensors are GGML_TYPE_F32)
RECURRENT_STATE_BYTES = 4


@dataclass(frozen=True, slots=True)
class KvBytes:
    per_layer: tuple[float, ...]  # bytes held by each block (0 for blocks without a cache)
    cells: int  # cells of a full-attention layer
    swa_cells: int  # cells of a sliding-window layer (0 if none)
    # worked out once: every placement tried reads the total and looks its layers up by this hash
    _total: float = field(init=False, repr=False, compare=False)
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_total", sum(self.per_layer))
        object.__setattr__(self, "_hash", hash((self.per_layer, self.cells, self.swa_cells)))

    def __hash__(self) -> int:
        return self._hash

    @property
    def total(self) -> float:
        return self._total


def padded_cells(tokens: int) -> int:
    return -(-tokens // KV_CELL_PADDING) * KV_CELL_PADDING


def recurrent_state_bytes(spec: ModelSpec) -> float:
    """Fixed state per sequence of one linear/recurrent block."""
    mix = spec.attention.linear
    if mix is None:
        return 0.0
    conv_keep = max(0, mix.conv_kernel - 1)
    if mix.kind == "gated_deltanet":
        assert mix.k_heads and mix.v_heads and mix.k_head_dim and mix.v_head_dim
        conv = conv_keep * (2 * mix.k_heads * mix.k_head_dim + mix.v_heads * mix.v_head_dim)
        state = mix.v_heads * mix.k_head_dim * mix.v_head_dim
        return (conv + state) * RECURRENT_STATE_BYTES
    if mix.kind == "mamba2":
        assert mix.d_inner and mix.d_state and mix.n_groups
        conv = conv_keep * (mix.d_inner + 2 * mix.n_groups * mix.d_state)
        state = mix.d_inner * mix.d_state
        return (conv + state) * RECURRENT_STATE_BYTES
    if mix.kind in ("lightning", "rwkv"):
        assert mix.k_heads and mix.k_head_dim
        return mix.k_heads * mix.k_head_dim * mix.k_head_dim * RECURRENT_STATE_BYTES
    return conv_keep * spec.hidden * RECURRENT_STATE_BYTES  # short_conv


@functools.lru_cache(maxsize=8192)
def kv_cache_bytes(
    spec: ModelSpec,
    context: int,
    *,
    k_type: str = "f16",
    v_type: str = "f16",
    slots: int = 1,
    ubatch: int = 512,
    swa_full: bool = False,
    swa_aware: bool = True,
    pad: bool = True,
    recurrent_copies: int = 0,
    indexer_bytes: float | None = None,
) -> KvBytes:
    """KV cache of `spec` for `context` tokens in total, shared by `slots` parallel sequences.

    swa_aware=False models engines that give sliding-window layers a full cache (older builds,
    ik_llama.cpp, Ollama for some models); pad=False for paged engines (vLLM/SGLang);
    recurrent_copies: saved copies of each sequence's recurrent state that an engine keeps beside the
    live one (Ollama's checkpoints); indexer_bytes: bytes per element of a sparse-attention indexer's
    keys (None: the K cache's type, as llama.cpp keeps them; INDEXER_PAGED_BYTES for vLLM and SGLang).
    """
    att = spec.attention
    kb, vb = KV_TYPE_BYTES[k_type], KV_TYPE_BYTES[v_type]
    cells = padded_cells(context) if pad else context
    window = att.sliding_window or 0
    swa_cells = 0
    if att.sliding_layers and window:
        if swa_full or not swa_aware:
            swa_cells = cells
        else:
            need = min(cells, window * slots + ubatch)
            swa_cells = padded_cells(need) if pad else need
    per_block_full: float
    per_block_swa: float
    if att.mla is not None:
        # one latent (kv_lora_rank) plus the shared rope key per token: 576 elements for DeepSeek V3
        rank, rope = att.mla.kv_lora_rank, att.mla.qk_rope_head_dim
        if att.indexer is not None and indexer_bytes is not None and kb == 1.0:
            per_block_full = cells * (rank + rank / SPARSE_MLA_FP8_SCALE_BLOCK * 4 + rope * 2)
        else:
            per_block_full = cells * (rank + rope) * kb
        per_block_swa = 0.0
    else:
        kv_heads_full = att.full_kv_heads or spec.kv_heads
        hd_full = att.full_head_dim or spec.head_dim
        per_block_full = cells * kv_heads_full * hd_full * (kb + vb)
        per_block_swa = swa_cells * spec.kv_heads * spec.head_dim * (kb + vb)
    indexer = att.indexer
    per_block_index = cells * indexer.head_dim * (indexer_bytes or kb) if indexer is not None else 0.0
    recurrent = recurrent_state_bytes(spec) * slots * (1 + recurrent_copies)
    # block order does not matter for totals; placement spreads caches like the weights
    n = spec.layers
    full_n = spec.full_attention_layers - att.kv_reuse_layers
    out: list[float] = []
    indexed = att.indexed_layers(max(0, full_n))
    kinds = (
        ["full+index"] * indexed
        + ["full"] * max(0, full_n - indexed)
        + ["swa"] * att.sliding_layers
        + ["lin"] * att.linear_layers
    )
    kinds += ["none"] * (n - len(kinds))
    for kind in _interleave(kinds):
        if kind == "full":
            out.append(per_block_full)
        elif kind == "full+index":
            out.append(per_block_full + per_block_index)
        elif kind == "swa":
            out.append(per_block_swa)
        elif kind == "lin":
            out.append(recurrent)
        else:
            out.append(0.0)
    return KvBytes(per_layer=tuple(out), cells=cells, swa_cells=swa_cells)


def _interleave(kinds: list[str]) -> list[str]:
    """Spread each kind evenly over the blocks (the real patterns interleave: 5 local : 1 global)."""
    n = len(kinds)
    counts: dict[str, int] = {}
    for k in kinds:
        counts[k] = counts.get(k, 0) + 1
    slots: list[tuple[float, str]] = []
    for k, c in counts.items():
        step = n / c
        slots += [(i * step + step / 2, k) for i in range(c)]
    slots.sort()
    return [k for _, k in slots]
