"""Embedding models named in a question: not in the catalog (it holds models that generate text), and
small enough that the answer is the same on nearly any machine. Said plainly, instead of a "did you
mean" among the chat models of the same family."""

from __future__ import annotations

import re

from sizing.catalog import quant_by_id

# how embedding models are named: "Qwen3-Embedding-8B", "nomic-embed-text", "mxbai-embed-large",
# "bge-m3", "e5-large", "gte-base", "jina-embeddings-v3", "snowflake-arctic-embed"
_EMBED_WORDS = ("embed", "embedding", "embeddings")
_EMBED_PREFIXES = ("bge-", "e5-", "multilingual-e5", "gte-", "jina-embeddings")
_WORD = r"[a-z0-9][a-z0-9.\-]*"  # compiled on first use (re keeps it), not at import

# bytes per parameter: Q8_0 at its block's bits (the catalog's quantization table), and a Q4_K_M file
# as published, about 4.9 bits a weight once its higher-bit tensors are counted (Llama 3.1 8B, 8.03B
# parameters: 4.92 GB, https://huggingface.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF)
_Q8_0_BYTES = quant_by_id("Q8_0").bits / 8
_Q4_K_M_BYTES = 4.9 / 8

# parameter counts from the model cards on huggingface.co: nomic-ai/nomic-embed-text-v1.5 (137M),
# BAAI/bge-m3 (568M), Qwen/Qwen3-Embedding-8B (8B)
_SMALL = (
    "nomic-embed-text (137M parameters) and bge-m3 (568M) take well under 1.5 GB and run on any GPU or on "
    "the CPU"
)
_LARGE = "Qwen3-Embedding-8B takes about 8.5 GB at Q8_0 and 5 GB at Q4_K_M"


def embedding_asked(text: str) -> bool:
    """Whether the text names an embedding model ("qwen3 embedding 8b", "nomic-embed-text")."""
    for word in re.findall(_WORD, text.lower()):
        parts = word.split("-")
        if any(p in _EMBED_WORDS for p in parts) or word.startswith(_EMBED_PREFIXES):
            return True
    return False


def _size_b(text: str) -> float | None:
    """The parameter count said with the model ("8b", "0.6B"), in billions; None if none is said."""
    for word in re.findall(_WORD, text.lower()):
        for part in word.split("-"):
            head = part.removesuffix("b")
            if part.endswith("b") and head.replace(".", "", 1).isdigit() and float(head) > 0:
                return float(head)
    return None


def embedding_words(text: str) -> str:
    """The reply to a question about an embedding model."""
    size = _size_b(text)
    if size is None:
        sized = f"For example, {_SMALL}; {_LARGE}."
    else:
        sized = (
            f"At {size:g}B parameters it takes about {size * _Q8_0_BYTES:.1f} GB at Q8_0 and "
            f"{size * _Q4_K_M_BYTES:.1f} GB at Q4_K_M, plus a little for the batch it embeds; {_SMALL}."
        )
    return (
        "Embedding models are not in the catalog: canirun sizes models that generate text. They are small: "
        f"the memory is about the weights (1 byte a parameter at Q8_0, 2 at F16). {sized}"
    )


# parameter counts from the model cards on huggingface.co: BAAI/bge-reranker-v2-m3 (568M, built on
# bge-m3), BAAI/bge-reranker-large (560M), BAAI/bge-reranker-base (278M)
_KNOWN_B = {
    "nomic-embed-text": 0.137,
    "bge-m3": 0.568,
    "bge-reranker-v2-m3": 0.568,
    "bge-reranker-large": 0.560,
    "bge-reranker-base": 0.278,
    "mxbai-embed-large": 0.335,
}
_RERANK_WORDS = ("reranker", "rerank", "re-ranker", "reranking")
_RERANK_STAND_IN = ("a reranker (bge-reranker-v2-m3 taken: 568M)", 0.568)
_F16_BYTES = 2.0
_BUFFERS_GB = 0.25  # the batch each embeds or ranks and its graph, about; a server of its own adds a context


def companions(text: str) -> list[tuple[str, float]]:
    """(name, GB) of the embedding and reranker models a question names beside its main model: at F16
    (2 bytes a parameter, as they are usually served) with their buffers."""
    out: list[tuple[str, float]] = []
    words = re.findall(_WORD, text.lower())
    for word in words:
        if word in _KNOWN_B:
            out.append((word, _KNOWN_B[word] * _F16_BYTES + _BUFFERS_GB))
        elif embedding_asked(word) and (size := _size_b(word)) is not None:
            out.append((word, size * _F16_BYTES + _BUFFERS_GB))
    if any(w.startswith(_RERANK_WORDS) for w in words) and not any("rerank" in n for n, _ in out):
        out.append((_RERANK_STAND_IN[0], _RERANK_STAND_IN[1] * _F16_BYTES + _BUFFERS_GB))
    if any(w in ("embedding", "embeddings", "embedder") for w in words) and not any(
        "rerank" not in n for n, _ in out
    ):
        out.insert(
            0, ("an embedding model (bge-m3 taken: 568M)", _KNOWN_B["bge-m3"] * _F16_BYTES + _BUFFERS_GB)
        )
    return list(dict.fromkeys(out))


def companions_words(found: list[tuple[str, float]], gpu_free_gb: float, ram_free_gb: float) -> str:
    """'bge-m3 and a reranker beside it take about 2.8 GB at F16; the GPU has 2.3 GB left: ...'."""
    names = " and ".join(n for n, _ in found)
    need = sum(gb for _, gb in found)
    one = len(found) == 1
    takes, its = ("takes", "its") if one else ("take", "their")
    lead = f"Beside it, {names} {takes} about {need:.1f} GB at F16 with {its} buffers"
    them = "it" if one else "them"
    if gpu_free_gb >= need:
        return f"{lead}; the {gpu_free_gb:.1f} GB left on the GPU holds {them}."
    where = (
        f"run {them} on the CPU ({ram_free_gb:.0f} GB of system RAM free: small models embed and rank fast "
        "enough there)"
        if ram_free_gb >= need
        else "make room"
    )
    return (
        f"{lead}, more than the {gpu_free_gb:.1f} GB left on the GPU: {where}, or take a smaller quant or "
        f"context for the main model so {'it fits' if one else 'they fit'} beside it (a server of its own "
        "also takes a CUDA context of a few hundred MB)."
    )
