"""Reading ../shared/data into rows the accuracy benchmarks compare against.

The calibration files name models and quants in their sources' words; the tables below map those
names onto catalog ids. They are a dictionary of names, not answers: every figure compared comes
from the estimator.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parent / "data"  # copies of ../shared/data (see data/README.md)

GGUF_MODEL_IDS = {
    "Llama 3.1 8B": "llama-3.1-8b",
    "Llama 3.1 8B Instruct": "llama-3.1-8b",
    "Llama 3 8B": "llama-3-8b",
    "Llama 3 8B Instruct": "llama-3-8b",
    "Llama 3 8B (fine-tune, same arch)": "llama-3-8b",
    "Llama 3.1 70B": "llama-3.1-70b",
    "Llama 3.1 70B (Nemotron fine-tune, same arch)": "llama-3.1-70b",
    "Llama 3.3 70B Instruct": "llama-3.3-70b",
    "Llama 3.x 70B": "llama-3.3-70b",
    "Phi-4 14B": "phi-4",
    "Mistral Nemo 12B Instruct 2407": "mistral-nemo-12b",
    "Gemma 3 27B it": "gemma-3-27b",
    "Gemma 3 12B it": "gemma-3-12b",
    "gpt-oss-20b": "gpt-oss-20b",
    "gpt-oss-120b": "gpt-oss-120b",
    "Qwen3-4B": "qwen3-4b",
    "Qwen3-8B": "qwen3-8b",
    "Qwen3-8B (fine-tune)": "qwen3-8b",
    "Qwen3-32B": "qwen3-32b",
    "Qwen3-30B-A3B": "qwen3-30b-a3b",
    "Qwen2.5-72B Instruct": "qwen2.5-72b",
    "Qwen2.5-32B Instruct": "qwen2.5-32b",
    "DeepSeek-R1 671B": "deepseek-r1",
    "Kimi K2.5 (1T, same K2 arch)": "kimi-k2.5",
    "GLM-Z1-32B-0414": "glm-z1-32b-0414",
}

# quant column prefixes that are not a GGUF file of the text model
_NOT_A_GGUF = re.compile(
    r"original|whole hf repo|mmproj|full checkpoint|vllm blog|safetensors|official\)", re.I
)
_QUANT_TOKEN = re.compile(r"^((?:UD-)?[A-Za-z0-9_]+)")


@dataclass(frozen=True)
class SizeRow:
    model_id: str
    quant: str
    size_bytes: float
    label: str
    source: str


def _bytes(value: str, unit: str) -> float | None:
    v = float(value)
    u = unit.strip().lower()
    if u.startswith("gib") or u.startswith("g (as printed"):
        return v * 1024**3
    if u == "gb" or u == "":
        return v * 1e9
    if u == "bytes":
        return v
    return None


def gguf_size_rows() -> list[SizeRow]:
    out: list[SizeRow] = []
    with (SHARED / "gguf_sizes_calibration.csv").open() as f:
        for r in csv.DictReader(f):
            model_id = GGUF_MODEL_IDS.get(r["model"])
            if model_id is None or _NOT_A_GGUF.search(r["quant"]):
                continue
            m = _QUANT_TOKEN.match(r["quant"].strip())
            if m is None:
                continue
            quant = m.group(1).upper().replace("UD-", "UD-")
            if quant in ("F16", "BF16") and "file name as published" in r["quant"]:
                quant = "F16"
            size = _bytes(r["size_value"], r.get("size_unit") or "")
            if size is None:
                continue
            out.append(SizeRow(model_id, quant, size, f"{r['model']} {r['quant']}", r.get("source", "")))
    return out
