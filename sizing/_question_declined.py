"""Quantizations a question declines, and the question that asks for none at all.

"a 34b on 3x4090 without 8bit quantization", "not q4, q8 please", "no fp8": a quant said after a
word that turns it down is no quant the asker wants (it is blanked before quants are read, the same
length, so that every other reader keeps its places). "unquantized", "without quantization",
"w/o quant", "at full precision", "不量化" ask for the weights as the model was released: its own
precision (BF16 for most, FP8 for DeepSeek V3/R1, MXFP4 for gpt-oss).
"""

from __future__ import annotations

import re

from ._lazy_re import LazyPattern

__all__ = ["asks_unquantized", "released_quant", "without_declined_quants"]

# the words that turn a quant down, right before it ("without", "w/o", "not", "no", "instead of",
# "rather than", "other than"; "不要"/"不用" in Chinese), then at most an article or "the"
_DECLINE = r"(?:\bwithout|\bw/o|\bnot|\bno|\binstead\s+of|\brather\s+than|\bother\s+than|不要|不用)"
# a quant as a name or a bit width ("8bit", "4-bit", "q4_k_m", "fp8", "int4", "awq"); the word
# "quantization" after it stays ("without 8bit quantization" asks for none)
_QUANT_WORD = (
    r"(?:(?:[2-8](?:\.\d+)?\s*-?\s*bits?)|i?q\d(?:_[a-z0-9]+)*|q[2-8]k(?:xl|[sml])?|fp8|fp4|nvfp4|mxfp4"
    r"|int[48]|awq|gptq|bnb|nf4|exl[23])(?![a-z0-9])"
)
_DECLINED = LazyPattern(rf"{_DECLINE}\s+(?:an?\s+|the\s+|any\s+)?({_QUANT_WORD})", re.IGNORECASE)
# no quantization at all: "unquantized", "non-quantized", "without quantization", "w/o quant", "no
# quantization", "not quantized", "at full precision", "full-precision weights", "原版精度", "不量化",
# "未量化", "非量化", "无量化"
_UNQUANTIZED = LazyPattern(
    r"\b(?:un|non-?)quanti[sz]ed\b"
    # ("without 8bit quantization": no quantizing at all, the 8-bit being the one usually done)
    r"|\b(?:without|w/o|no)\s+(?:any\s+)?(?:(?:[2-8]\s*-?\s*bits?|int[48])\s+)?quant(?:i[sz]ation|s)?\b"
    r"(?!\s+(?:of|to)\b)"
    r"|\bnot\s+quanti[sz]ed\b"
    r"|\bfull[\s-]+precision\b"
    r"|不量化|未量化|非量化|无量化|不做量化",
    re.IGNORECASE,
)


def without_declined_quants(text: str) -> str:
    """`text` with each quant it turns down blanked (the same length): "without 8bit quantization"."""
    if not any(
        w in text.lower() for w in ("no", "without", "w/o", "instead", "rather", "other", "不要", "不用")
    ):
        return text
    out = text
    for m in _DECLINED.finditer(text):
        a, b = m.span(1)
        out = out[:a] + " " * (b - a) + out[b:]
    return out


def asks_unquantized(s: str) -> bool:
    """Whether the (lowercased) question asks for the model with no quantization at all."""
    return _UNQUANTIZED.search(s) is not None


# a model's released precision, as the quant canirun sizes it by on a GGUF engine and on a server
# that loads the checkpoint (vLLM, SGLang, transformers). GGUF has no FP8 or INT4 type: an FP8 release
# is held at Q8_0 (more bits store the same rounded weights, no better: BF16 of DeepSeek V3's FP8),
# an INT4 one at unsloth's UD-Q4_K_XL ("To run the model in full precision, you can use
# 'UD-Q4_K_XL'", https://huggingface.co/unsloth/Kimi-K2-Thinking-GGUF)
_RELEASED = {
    "bf16": ("BF16", "BF16-HF"),
    "fp16": ("F16", "BF16-HF"),
    "fp32": ("F32", "BF16-HF"),
    "fp8": ("Q8_0", "FP8"),
    "mxfp4": ("MXFP4", "MXFP4"),
    "int4": ("UD-Q4_K_XL", "GPTQ-INT4"),
    "fp4": ("Q4_K_M", "NVFP4"),
}


def released_quant(native_dtype: str, engine: str | None) -> str:
    """The quant that sizes a model's weights as released: BF16 for a BF16 release (its GGUF file type
    unless a checkpoint server is named), the FP8/MXFP4/INT4 release itself where no GGUF engine is
    named, and the nearest GGUF type (Q8_0 for FP8) where one is."""
    gguf, served = _RELEASED.get(native_dtype, _RELEASED["bf16"])
    if engine in ("llama.cpp", "ollama", "lmstudio"):
        return gguf
    if engine is None and native_dtype in ("bf16", "fp16", "fp32"):
        return gguf  # the same 16-bit weights, as "bf16" alone reads
    return served
