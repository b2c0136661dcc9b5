"""Embedding and reranker models named in a question. They are not in the catalog (it holds models that
generate text) and are small: their memory is about their weights, sized here from a parameter count,
either said with the name ("qwen3 embedding 8b") or a published one for the common names."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ._lazy_re import LazyPattern
from .catalog import quant_by_id

__all__ = [
    "EMBEDDING_BUFFERS_GB",
    "EMBEDDING_PARAMS_B",
    "Companion",
    "companion_models",
    "embedding_asked",
    "embedding_size_b",
    "embedding_weights_gb",
    "without_embedding_names",
]

# how embedding models are named: "Qwen3-Embedding-8B", "nomic-embed-text", "mxbai-embed-large",
# "bge-m3", "e5-large", "gte-base", "jina-embeddings-v3", "snowflake-arctic-embed"
_EMBED_WORDS = ("embed", "embedding", "embeddings")
_EMBED_PREFIXES = ("bge-", "e5-", "multilingual-e5", "gte-", "jina-embeddings")
_WORD = r"[a-z0-9][a-z0-9.\-]*"  # compiled on first use (re keeps it), not at import
# an embedding model's name written in words or joined: its maker's word, the embedding word, then its
# size or variant ("qwen3 embedding 8b", "Qwen3-Embedding 0.6B", "nomic-embed-text", "jina-embeddings-v3")
# (or its size first: "a 7b embedding model", "a 0.6B embedder")
_EMBED_NAME = LazyPattern(
    r"(?i)(?:(?<![a-z0-9.])\d+(?:\.\d+)?\s?[bm][ -]|\b[a-z][a-z0-9.]*[ -])?"
    r"(?:embed(?:dings?)?|embedder)(?![a-z])"
    r"(?:[ -](?:\d+(?:\.\d+)?\s?[bm]\b|v\d+(?:\.\d+)?\b|text\b|large\b|base\b|small\b))*"
)
_NAME_SIZE = LazyPattern(r"(?i)(?<![a-z0-9.])(\d+(?:\.\d+)?)\s?([bm])\b")
# what `ollama show` tells of a model's own shape ("embedding length 2048"): no embedding model
_EMBED_LENGTH = LazyPattern(r"(?i)\bembedding[ \t]+length\b")

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
    params_b: float = 0.0  # its parameters, in billions (the smaller builds are sized from them)


def embedding_asked(text: str) -> bool:
    """Whether the text names an embedding model ("qwen3 embedding 8b", "nomic-embed-text")."""
    for word in re.findall(_WORD, _EMBED_LENGTH.sub(" ", text).lower()):
        parts = word.split("-")
        if any(p in _EMBED_WORDS for p in parts) or word.startswith(_EMBED_PREFIXES):
            return True
    return False


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
    return Companion(name, params_b * _F16_BYTES + EMBEDDING_BUFFERS_GB, params_b)


def without_embedding_names(text: str) -> str:
    """`text` with the names of embedding models blanked (the length kept): "qwen3 embedding 8b" names
    no chat model of the Qwen3 family, and its size no model of its own."""
    text = _EMBED_LENGTH.sub(lambda m: " " * len(m.group()), text)
    return _EMBED_NAME.sub(lambda m: " " * len(m.group()), text)


def _sized_names(text: str) -> list[Companion]:
    """Embedding models named with their size in words ("qwen3 embedding 8b", "Qwen3-Embedding 0.6B")."""
    out = []
    for m in _EMBED_NAME.finditer(_EMBED_LENGTH.sub(" ", text)):
        size = _NAME_SIZE.search(m.group())
        if size is not None and float(size.group(1)) > 0:
            params_b = float(size.group(1)) / (1000 if size.group(2).lower() == "m" else 1)
            words = m.group().lower().replace("-", " ").split()
            # a size said first is no name: "a 7b embedding model" stays said as such
            name = f"a {words[0].upper()} embedding model" if size.start() == 0 else "-".join(words)
            out.append(_at_f16(name, params_b))
    return out


@functools.lru_cache(maxsize=64)  # an answer asks twice: for its cache key, and for its notes
def companion_models(text: str) -> tuple[Companion, ...]:
    """The embedding and reranker models a question names beside its main model, at F16 with their
    buffers; a reranker or "embeddings" said without a name is sized as a common one, named as taken."""
    out = _sized_names(text)
    words = re.findall(_WORD, _EMBED_LENGTH.sub(" ", text).lower())
    for word in words:
        if word in EMBEDDING_PARAMS_B:
            out.append(_at_f16(word, EMBEDDING_PARAMS_B[word]))
    if any(w.startswith(_RERANK_WORDS) for w in words) and not any("rerank" in c.name for c in out):
        said, taken = _RERANKER_TAKEN
        out.append(_at_f16(said, EMBEDDING_PARAMS_B[taken]))
    if any(w in ("embedding", "embeddings", "embedder") for w in words) and not any(
        "rerank" not in c.name for c in out
    ):
        said, taken = _EMBEDDER_TAKEN
        out.insert(0, _at_f16(said, EMBEDDING_PARAMS_B[taken]))
    return tuple(dict.fromkeys(out))
