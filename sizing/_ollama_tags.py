"""Ollama library tags and the quantization each pulls: a tag names its build by a suffix
("llama3.2-vision:11b-instruct-q8_0", "-fp16"), else it pulls Ollama's default, Q4_K_M (MXFP4 for a
model released in it). Models whose GGUF files only Ollama's own engine loads (Llama 3.2 Vision's
mllama: no llama.cpp GGUF) are run from these tags alone, at these quantizations alone."""

from __future__ import annotations

import re

from ._engine_ollama import OLLAMA_DEFAULT_QUANT
from ._lazy_re import LazyPattern
from .catalog import ModelSpec, default_repos

__all__ = ["ollama_only_quants", "ollama_tag_named", "tag_quant"]

_TAG_QUANT = LazyPattern(r"-(q\d(?:_[a-z0-9]+)*|fp16|bf16|mxfp4)$", re.IGNORECASE)
# an Ollama library tag with a build after its size, as written: "qwen3:30b-a3b-q4_K_M"
_TAG_WRITTEN = LazyPattern(
    r"(?<![\w/.:-])([a-z][a-z0-9.\-]*):(\d+(?:\.\d+)?b(?:-[a-z0-9._]+)+)(?![\w:.])", re.I
)
# Ollama's suffixes in the GGUF file type names of quants.yaml
_SUFFIX_IDS = {"FP16": "F16"}


def tag_quant(model: ModelSpec, tag: str) -> str:
    """The quantization id an Ollama tag of `model` pulls."""
    m = _TAG_QUANT.search(tag)
    if m is None:
        return "MXFP4" if model.native_dtype == "mxfp4" else OLLAMA_DEFAULT_QUANT
    suffix = m.group(1).upper()
    return _SUFFIX_IDS.get(suffix, suffix)


def ollama_only_quants(model: ModelSpec) -> tuple[str, ...]:
    """The quantizations of `model`'s Ollama tags where Ollama's tags are its only GGUF source (no
    GGUF repository to pull from Hugging Face); () where any quantization can be pulled."""
    repos = default_repos().for_model(model.id)
    if any(r.kind == "gguf" for r in repos):
        return ()
    return tuple(dict.fromkeys(tag_quant(model, r.repo) for r in repos if r.kind == "ollama"))


def ollama_tag_named(model_id: str, quant_id: str, text: str) -> str | None:
    """The exact Ollama tag `text` writes for the model and quantization answered, as written: one that
    extends a tag listed for the model ("qwen3:30b" -> "qwen3:30b-a3b-q4_K_M") and whose build suffix
    pulls `quant_id`; None where the text writes none (a moving tag like "qwen3:30b" is no exact build)."""
    listed = [r.repo.lower() for r in default_repos().for_model(model_id) if r.kind == "ollama"]
    for m in _TAG_WRITTEN.finditer(text):
        tag = m.group(0)
        suffix = _TAG_QUANT.search(tag)
        if (
            suffix is None
            or _SUFFIX_IDS.get(suffix.group(1).upper(), suffix.group(1).upper()) != quant_id.upper()
        ):
            continue
        low = tag.lower()
        if any(low.startswith(base.split(":")[0] + ":") and low.startswith(base + "-") for base in listed):
            return tag
    return None
