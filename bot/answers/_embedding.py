"""Embedding models named in a question: not in the catalog (it holds models that generate text), and
small enough that the answer is the same on nearly any machine. Said plainly, instead of a "did you
mean" among the chat models of the same family; and the memory of those named beside a main model."""

from __future__ import annotations

from sizing import (
    EMBEDDING_PARAMS_B,
    Companion,
    embedding_size_b,
    embedding_weights_gb,
)

__all__ = ["companions_words", "embedding_words"]

_LARGE_B = 8.0  # Qwen/Qwen3-Embedding-8B (8B parameters, its model card on huggingface.co)


def _small_words() -> str:
    nomic, bge = EMBEDDING_PARAMS_B["nomic-embed-text"], EMBEDDING_PARAMS_B["bge-m3"]
    return (
        f"nomic-embed-text ({nomic * 1000:.0f}M parameters) and bge-m3 ({bge * 1000:.0f}M) take well under "
        "1.5 GB and run on any GPU or on the CPU"
    )


def _large_words() -> str:
    gb = embedding_weights_gb(_LARGE_B)
    return f"Qwen3-Embedding-8B takes about {gb['Q8_0']:.1f} GB at Q8_0 and {gb['Q4_K_M']:.0f} GB at Q4_K_M"


def embedding_words(text: str) -> str:
    """The reply to a question about an embedding model."""
    size = embedding_size_b(text)
    if size is None:
        sized = f"For example, {_small_words()}; {_large_words()}."
    else:
        gb = embedding_weights_gb(size)
        sized = (
            f"At {size:g}B parameters it takes about {gb['Q8_0']:.1f} GB at Q8_0 and "
            f"{gb['Q4_K_M']:.1f} GB at Q4_K_M, plus a little for the batch it embeds; {_small_words()}."
        )
    return (
        "Embedding models are not in the catalog: canirun sizes models that generate text. They are small: "
        f"the memory is about the weights (1 byte a parameter at Q8_0, 2 at F16). {sized}"
    )


def companions_words(found: tuple[Companion, ...], gpu_free_gb: float, ram_free_gb: float) -> str:
    """'bge-m3 and a reranker beside it take about 2.8 GB at F16; the GPU has 2.3 GB left: ...'."""
    names = " and ".join(c.name for c in found)
    need = sum(c.gb for c in found)
    one = len(found) == 1
    takes, its = ("takes", "its") if one else ("take", "their")
    lead = f"Beside it, {names} {takes} about {need:.1f} GB at F16 with {its} buffers"
    them = "it" if one else "them"
    if gpu_free_gb >= need:
        return f"{lead}; the {gpu_free_gb:.1f} GB left on the GPU holds {them}."
    smaller = _smaller_build_words(found, gpu_free_gb)
    if smaller:
        return f"{lead}, more than the {gpu_free_gb:.1f} GB left on the GPU; {smaller}"
    large = max(c.params_b for c in found) >= _LARGE_EMBEDDER_B
    cpu = (
        "a model this size embeds slowly there: fine for queries, slow for indexing many documents"
        if large
        else "small models embed and rank fast enough there"
    )
    where = (
        f"run {them} on the CPU ({ram_free_gb:.0f} GB of system RAM free: {cpu})"
        if ram_free_gb >= need
        else "make room"
    )
    return (
        f"{lead}, more than the {gpu_free_gb:.1f} GB left on the GPU: {where}, or take a smaller quant or "
        f"context for the main model so {'it fits' if one else 'they fit'} beside it (a server of its own "
        "also takes a CUDA context of a few hundred MB)."
    )


# an embedding model of this many billion parameters or more is no small one: its GGUF builds at Q8_0 or
# Q4_K_M are worth weighing, and on the CPU it is slow for bulk indexing
_LARGE_EMBEDDER_B = 2.0


def _smaller_build_words(found: tuple[Companion, ...], gpu_free_gb: float) -> str:
    """'at Q8_0 it takes ~8.0 GB, at Q4_K_M ~4.6 GB: the 3.5 GB left holds neither ...' for one large
    embedding model whose F16 does not fit; '' for small ones or several."""
    if len(found) != 1 or found[0].params_b < _LARGE_EMBEDDER_B:
        return ""
    weights = embedding_weights_gb(found[0].params_b)
    buffers = found[0].gb - weights["F16"]  # what it takes beside its weights, whatever their build
    sizes = {q: gb + buffers for q, gb in weights.items()}
    q8, q4 = sizes["Q8_0"], sizes["Q4_K_M"]
    said = f"as a GGUF it takes ~{q8:.1f} GB at Q8_0, ~{q4:.1f} GB at Q4_K_M"
    for quant, gb in (("Q8_0", q8), ("Q4_K_M", q4)):
        if gb <= gpu_free_gb:
            return f"{said}: {quant} fits beside it (a server of its own also takes a CUDA context)."
    return (
        f"{said}, still more than the room left: run it on the CPU (slow for indexing many documents) or "
        "another card, or take a smaller quant or context for the main model."
    )
