"""Reading benchmarks/data into rows the accuracy benchmarks compare against.

The calibration files name models and quants in their sources' words; the tables below map those
names onto catalog ids. They are a dictionary of names, not answers: every figure compared comes
from the estimator.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"  # public measurements, each row with its source

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
    with (DATA_DIR / "gguf_sizes_calibration.csv").open() as f:
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


# --- the speed section of docs/ACCURACY.md, from the numbers calibrate_speed.py stores ------------------

_SPEED_GROUPS = ("cuda", "metal", "rocm", "vulkan", "sycl", "cpu")
_ENGINES = ("vllm", "sglang", "mlx", "exllama", "ktransformers", "ik_llama.cpp")
_SLICES = ("moe", "multi-gpu", "depth", "unified-memory", "build-current", "split-tensor", "partial-offload")


def _cell(table: dict[str, dict[str, float]], key: str) -> tuple[str, str, str]:
    v = table.get(key)
    if not v:
        return ("0", "-", "-")
    return (str(int(v["rows"])), f"{v['median']:.1%}", f"{v['p90']:.1%}")


def _rows_for(cv: dict[str, dict[str, dict[str, float]]], keys: list[str]) -> list[list[str]]:
    out = []
    for k in keys:
        ins = _cell(cv.get("in_sample", {}), k)
        lodo = _cell(cv.get("leave_one_device_out", {}), k)
        held = _cell(cv.get("heldout", {}), k)
        if ins[0] == "0" and held[0] == "0":
            continue
        out.append([k, ins[0], lodo[1], lodo[2], held[0], held[1], held[2], ins[1], ins[2]])
    return out


def speed_markdown(data: dict[str, object]) -> str:
    """The speed accuracy tables: llama.cpp per backend and per slice, every other engine, sources."""
    from benchmarks._report import table  # local: _report has no heavy imports, but keep this module light

    cv = data.get("cross_validation") or {}
    assert isinstance(cv, dict)
    head = [
        "group",
        "rows",
        "LODO median",
        "LODO p90",
        "held-out rows",
        "held-out median",
        "held-out p90",
        "in-sample median",
        "in-sample p90",
    ]
    kinds = ("decode", "prefill")
    backends = [f"{k}/{b}" for k in kinds for b in ("", *_SPEED_GROUPS)]
    backends = [b.rstrip("/") for b in backends]
    slices = [f"{k}/{s}" for k in kinds for s in _SLICES]
    engines = [f"{k}/{e}" for k in kinds for e in _ENGINES]
    cov = cv.get("range_coverage") or {}
    sources = data.get("sources") or {}
    assert isinstance(sources, dict)
    parts = [
        f"{data.get('source', '')}.",
        "The honest figures are leave-one-device-out (LODO): every device's rows are predicted by parameters "
        "fitted without that device, one backend or engine at a time. Held-out rows (benchmarks/data/"
        "*_heldout.csv, a fixed fifth of device-model pairs chosen before any fitting) are never fitted. "
        "Targets: decode median ≤ 10 % (p90 ≤ 30 %), prefill median ≤ 12 % (p90 ≤ 40 %); ≥ 80 % of measured "
        "decode values inside the stated range.",
        "### llama.cpp by backend\n\n" + table(head, _rows_for(cv, backends)),
        "### llama.cpp slices\n\n`depth` rows have a filled KV cache (tgN @ dD, ppN @ dD); "
        "`build-current` rows come from 2025-2026 builds; `split-tensor` are -sm tensor runs; "
        "`partial-offload` rows keep part of the model (layers, or MoE experts) in system RAM.\n\n"
        + table(head, _rows_for(cv, slices)),
        "### Other engines (single stream)\n\nEach engine's own efficiencies (bandwidth and prompt "
        "factors, fixed costs per token and per block, and for engines with their own CPU matrix kernels "
        "their share of llama.cpp's CPU prompt rate) fitted on its rows with the backend efficiencies "
        "fixed; tensor-parallel rows share the all-reduce latency per link. Answers that name ik_llama.cpp "
        "or KTransformers are still worked out as llama.cpp (the engines these fits describe are not yet "
        "offered as their own).\n\n" + table(head, _rows_for(cv, engines)),
    ]
    if cov:
        parts.append(
            "Range coverage (share of measured values inside the stated range, cross-validated): "
            + ", ".join(f"{k} {v:.0%}" for k, v in sorted(cov.items()))
            + "."
        )
    if sources:
        parts.append(
            "### Rows by source\n\n"
            + table(
                ["source", "rows"],
                sorted(([k, str(v)] for k, v in sources.items()), key=lambda r: -int(r[1])),
            )
        )
    return "\n\n".join(parts)
