"""Embedding and reranker models named in a question. They are not in the catalog (it holds models that
generate text) and are small: their memory is about their weights, sized here from a parameter count,
either said with the name ("qwen3 embedding 8b") or a published one for the common names."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .catalog import quant_by_id

__all__ = [
    "EMBEDDING_BUFFERS_GB",
    "EMBEDDING_PARAMS_B",
    "Companion",
    "companion_models",
    "embedding_asked",
    "embedding_size_b",
    "embedding_weights_gb",
]

# how embedding models are named: "Qwen3-Embedding-8B", "nomic-embed-text", "mxbai-embed-large",
# "bge-m3", "e5-large", "gte-base", "jina-embeddings-v3", "snowflake-arctic-embed"
_EMBED_WORDS = ("embed", "embedding", "embeddings")
_EMBED_PREFIXES = ("bge-", "e5-", "multilingual-e5", "gte-", "jina-embeddings")
_WORD = r"[a-z0-9][a-z0-9.\-]*"  # compiled on first use (re keeps it), not at import

# parameter counts, in billions, from the model cards on huggingface.co: nomic-ai/nomic-embed-text-v1.5
# (137M), BAAI/bge-m3 (568M), BAAI/bge-reranker-v2-m3 (568M, built on bge-m3), BAAI/bge-reranker-large
# (560M), BAAI/bge-reranker-base (278M), mixedbread-ai/mxbai-embed-large-v1 (335M)
EMBEDDING_PARAMS_B = {
    "nomic-embed-text": 0.137,
    "bge-m3": 0.568,
    "bge-reranker-v2-m3": 0.568,
    "bge-reranker-large": 0.560,
    "bge-reranker-base": 0.278,
    "mxbai-embed-large": 0.335,
}
_RERANK_WORDS = ("reranker", "rerank", "re-ranker", "reranking")
_RERANKER_TAKEN = ("a reranker (bge-reranker-v2-m3 taken: 568M)", "bge-reranker-v2-m3")
_EMBEDDER_TAKEN = ("an embedding model (bge-m3 taken: 568M)", "bge-m3")
# bytes per parameter: F16 (as embedding and reranker models are usually served), Q8_0 at its block's
# bits (the catalog's quantization table), and a Q4_K_M file as published, about 4.9 bits a weight once
# its higher-bit tensors are counted (Llama 3.1 8B, 8.03B parameters: 4.92 GB,
# https://huggingface.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF)
_F16_BYTES = 2.0
_Q4_K_M_BYTES = 4.9 / 8
# the batch each embeds or ranks and its graph, about; a server of its own adds a CUDA context
EMBEDDING_BUFFERS_GB = 0.25


@dataclass(frozen=True, slots=True)
class Companion:
    """An embedding or reranker model named beside the main model, and the GB it takes at F16 with its
    buffers."""

    name: str
    gb: float


def embedding_asked(text: str) -> bool:
    """Whether the text names an embedding model ("qwen3 embedding 8b", "nomic-embed-text")."""
    return any(map(_names_embedding, re.findall(_WORD, text.lower())))


def _names_embedding(word: str) -> bool:
    """Whether one lower-case word of a text is an embedding model's name ("qwen3-embedding-8b")."""
    return any(p in _EMBED_WORDS for p in word.split("-")) or word.startswith(_EMBED_PREFIXES)


def embedding_size_b(text: str) -> float | None:
    """The parameter count said with the model ("8b", "0.6B"), in billions; None if none is said."""
    for word in re.findall(_WORD, text.lower()):
        for part in word.split("-"):
            head = part.removesuffix("b")
            if part.endswith("b") and head.replace(".", "", 1).isdigit() and float(head) > 0:
                return float(head)
    return None


def embedding_weights_gb(params_b: float) -> dict[str, float]:
    """The weights of an embedding model of `params_b` billion parameters, in GB, at F16, Q8_0 and Q4_K_M."""
    return {
        "F16": params_b * _F16_BYTES,
        "Q8_0": params_b * quant_by_id("Q8_0").bits / 8,
        "Q4_K_M": params_b * _Q4_K_M_BYTES,
    }


def _at_f16(name: str, params_b: float) -> Companion:
    return Companion(name, params_b * _F16_BYTES + EMBEDDING_BUFFERS_GB)


@functools.lru_cache(maxsize=64)  # an answer asks twice: for its cache key, and for its notes
def companion_models(text: str) -> tuple[Companion, ...]:
    """The embedding and reranker models a question names beside its main model, at F16 with their
    buffers; a reranker or "embeddings" said without a name is sized as a common one, named as taken."""
    out: list[Companion] = []
    words = re.findall(_WORD, text.lower())
    for word in words:
        if word in EMBEDDING_PARAMS_B:
            out.append(_at_f16(word, EMBEDDING_PARAMS_B[word]))
        elif _names_embedding(word) and (size := embedding_size_b(word)) is not None:
            out.append(_at_f16(word, size))
    if any(w.startswith(_RERANK_WORDS) for w in words) and not any("rerank" in c.name for c in out):
        said, taken = _RERANKER_TAKEN
        out.append(_at_f16(said, EMBEDDING_PARAMS_B[taken]))
    if any(w in ("embedding", "embeddings", "embedder") for w in words) and not any(
        "rerank" not in c.name for c in out
    ):
        said, taken = _EMBEDDER_TAKEN
        out.insert(0, _at_f16(said, EMBEDDING_PARAMS_B[taken]))
    return tuple(dict.fromkeys(out))
