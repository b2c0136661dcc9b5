"""A tiny llama-architecture GGUF with random Q8_0 weights: small enough to start a real llama-server
on a CPU in a second, so a printed command can be run as written (with `-m` pointing here)."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np

__all__ = ["write_tiny_llama"]


def write_tiny_llama(path: Path, *, embd: int = 256, ffn: int = 512, layers: int = 2, heads: int = 4) -> Path:
    """Write the model to `path` (a byte-level vocabulary of 512 tokens, context 32768)."""
    kv_heads = heads // 2
    vocab = 512
    rng = np.random.default_rng(7)
    w = gguf.GGUFWriter(str(path), "llama")
    w.add_name("canirun-tiny")
    w.add_block_count(layers)
    w.add_context_length(32768)
    w.add_embedding_length(embd)
    w.add_feed_forward_length(ffn)
    w.add_head_count(heads)
    w.add_head_count_kv(kv_heads)
    w.add_rope_dimension_count(embd // heads)
    w.add_rope_freq_base(10000.0)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_Q8_0)
    w.add_tokenizer_model("llama")
    specials = [b"<unk>", b"<s>", b"</s>"]
    byte_tokens = [f"<0x{i:02X}>".encode() for i in range(256)]
    words = [f"w{i}".encode() for i in range(vocab - len(specials) - len(byte_tokens))]
    w.add_token_list([*specials, *byte_tokens, *words])
    w.add_token_scores([0.0] * vocab)
    w.add_token_types([2, 3, 3] + [6] * len(byte_tokens) + [1] * len(words))
    w.add_unk_token_id(0)
    w.add_bos_token_id(1)
    w.add_eos_token_id(2)

    def matrix(name: str, rows: int, cols: int) -> None:
        values = (rng.standard_normal((rows, cols)) * 0.02).astype(np.float32)
        packed = gguf.quants.quantize(values, gguf.GGMLQuantizationType.Q8_0)
        w.add_tensor(name, packed, raw_dtype=gguf.GGMLQuantizationType.Q8_0)

    def norm(name: str) -> None:
        w.add_tensor(name, np.ones(embd, dtype=np.float32))

    kv_dim = embd // heads * kv_heads
    matrix("token_embd.weight", vocab, embd)
    matrix("output.weight", vocab, embd)
    norm("output_norm.weight")
    for i in range(layers):
        norm(f"blk.{i}.attn_norm.weight")
        norm(f"blk.{i}.ffn_norm.weight")
        matrix(f"blk.{i}.attn_q.weight", embd, embd)
        matrix(f"blk.{i}.attn_k.weight", kv_dim, embd)
        matrix(f"blk.{i}.attn_v.weight", kv_dim, embd)
        matrix(f"blk.{i}.attn_output.weight", embd, embd)
        matrix(f"blk.{i}.ffn_gate.weight", ffn, embd)
        matrix(f"blk.{i}.ffn_up.weight", ffn, embd)
        matrix(f"blk.{i}.ffn_down.weight", embd, ffn)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path
