"""What a model needs in memory, said before the verdict on a rig when that need is what was asked:
"how much memory does X need? it fails to load on my 3090" wants the amount first, then the rig.

The need is the weights and the KV cache (f16) at the precision the model is published in and at
Q4_K_M, the usual GGUF quantization; the engine's own buffers come on top and are named, not summed.
"""

from __future__ import annotations

from ._kv import kv_cache_bytes
from ._weights import weight_bytes
from .catalog import ModelSpec, QuantSpec, quant_by_id
from .hardware import Hardware

__all__ = ["memory_need_words"]

# the precision a model is published in, as the quantization that stores it and its usual name
_PUBLISHED: dict[str, tuple[str, str]] = {
    "bf16": ("BF16-HF", "BF16"),
    "fp16": ("BF16-HF", "FP16"),
    "fp32": ("F32", "FP32"),
    "fp8": ("FP8", "FP8"),
    "mxfp4": ("MXFP4", "MXFP4"),
    "int4": ("GPTQ-INT4", "INT4"),
    "fp4": ("NVFP4", "NVFP4"),
}
# the usual quantization of a GGUF build (Ollama's default pull, the common download)
USUAL_QUANT = "Q4_K_M"
# published at 4 bits: a 4-bit GGUF build holds about as much, so it is not said apart
_FOUR_BIT = frozenset({"mxfp4", "int4", "fp4"})


def _need_gb(model: ModelSpec, quant: QuantSpec, context: int) -> float:
    weights = weight_bytes(model, quant).total
    kv = kv_cache_bytes(model, context).total
    return (weights + kv) / 1e9


def memory_need_words(model: ModelSpec, hw: Hardware, context: int) -> str:
    """'Llama 3.1 70B needs about 146 GB at BF16 (as published) and about 45 GB at Q4_K_M, with 8,192
    context (weights and KV cache, plus the engine's buffers). The GPU here has 24 GB: BF16 does
    not fit in it, nor does Q4_K_M.' (the model's own need, then how it stands against the GPUs)."""
    quant_id, name = _PUBLISHED.get(model.native_dtype, _PUBLISHED["bf16"])
    needs = [(name, _need_gb(model, quant_by_id(quant_id), context))]
    if model.native_dtype not in _FOUR_BIT:
        needs.append((USUAL_QUANT, _need_gb(model, quant_by_id(USUAL_QUANT), context)))
    said = [
        f"about {gb:,.0f} GB at {q}{' (as published)' if i == 0 else ''}" for i, (q, gb) in enumerate(needs)
    ]
    text = (
        f"{model.name} needs {' and '.join(said)}, with {context:,} context "
        "(weights and KV cache, plus the engine's buffers)."
    )
    cards = [g for g in hw.gpus if g.kind != "igpu"]
    vram = sum((g.vram_gb or 0.0) * g.count for g in cards)
    if vram <= 0:
        return text
    here = "The GPUs here have" if sum(g.count for g in cards) > 1 else "The GPU here has"
    them = "them" if here.startswith("The GPUs") else "it"
    fit = [q for q, gb in needs if gb <= vram]
    short = [q for q, gb in needs if gb > vram]
    if not short:
        verb = "fit" if len(fit) > 1 else "fits"
        return f"{text} {here} {vram:,.0f} GB: {' and '.join(fit)} {verb} in {them}."
    if not fit:
        rest = f", nor does {short[1]}" if len(short) > 1 else ""
        return f"{text} {here} {vram:,.0f} GB: {short[0]} does not fit in {them}{rest}."
    return f"{text} {here} {vram:,.0f} GB: {short[0]} does not fit in {them}, {fit[0]} does."
