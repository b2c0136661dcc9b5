"""llama-bench measurements from ../shared/data/bench_calibration.csv, turned into speed features.

Each row becomes: the hardware (read by canirun's own parser from the device name), the model
(catalog id by name), the quant, and the test (ppN / tgN at depth D). Features are computed once;
calibration then only varies the efficiencies.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from benchmarks._calibration import SHARED
from sizing import estimate_memory
from sizing.catalog import ModelSpec, load_models, resolve_quant
from sizing.hardware import parse_hardware
from sizing.speed import (
    DecodeFeatures,
    PrefillFeatures,
    SpeedParams,
    decode_features,
    decode_seconds,
    prefill_features,
    prefill_seconds,
)

BENCH_MODEL_IDS = {
    "Meta-Llama-3-8B": "llama-3-8b",
    "Meta-Llama-3-70B": "llama-3-70b",
    "Llama-2-7B": "llama-2-7b",
    "LLaMA 7B (llama-bench label 'llama 7B')": "llama-2-7b",
    "CodeLlama-7B": "codellama-7b",
    "TinyLlama-1.1B-1T-OpenOrca": "tinyllama-1.1b",
    "Llama-3.2-3B-Instruct": "llama-3.2-3b",
    "gpt-oss-20b": "gpt-oss-20b",
    "gpt-oss-120b": "gpt-oss-120b",
    "Qwen3-Coder-30B-A3B-Instruct": "qwen3-coder-30b-a3b",
    "Qwen2.5-Coder-7B": "qwen2.5-coder-7b",
    "gemma-3-4b-it-qat": "gemma-3-4b",
    "GLM-4.7-Flash (30B-A3B MoE)": "glm-4.7-flash",
}
_TEST = re.compile(r"^(pp|tg)(\d+)(?:@d(\d+))?$")


@dataclass(frozen=True)
class BenchRow:
    device: str
    backend: str
    n_devices: int
    model: str
    quant: str
    test: str
    kind: str  # "decode" or "prefill"
    measured_tps: float
    source: str
    features: DecodeFeatures | PrefillFeatures
    tokens: int
    build: str  # "2024-05" for the May 2024 snapshot, "current" for 2025+ builds

    @property
    def device_key(self) -> str:
        return f"{self.device} [{self.backend}]"


def _flags(notes: str) -> tuple[bool, int]:
    fa = "-fa 1" in notes or "with FA" in notes or "FA on" in notes
    ub = 2048 if "-ub 2048" in notes else 512
    return fa, ub


def _build(r: dict[str, str]) -> str:
    """Which llama.cpp generation measured a row: kernels and defaults changed a lot since 2024."""
    if "snapshot May 2024" in r["notes"] or r["source"].startswith("XiongjieDai"):
        return "2024-05"
    return "current"


def load_bench_rows() -> tuple[list[BenchRow], list[str]]:
    """(usable rows, reasons rows were skipped)."""
    models: dict[str, ModelSpec] = {m.id: m for m in load_models()}
    out: list[BenchRow] = []
    skipped: list[str] = []
    with (SHARED / "bench_calibration.csv").open() as f:
        for r in csv.DictReader(f):
            label = f"{r['device']} {r['model']} {r['quant']} {r['test']}"
            if "SUSPECT" in r["notes"]:
                skipped.append(f"{label}: flagged SUSPECT in the data")
                continue
            m = _TEST.match(r["test"])
            model_id = BENCH_MODEL_IDS.get(r["model"])
            if m is None or model_id is None or model_id not in models:
                skipped.append(f"{label}: test or model not modelled")
                continue
            kind = "decode" if m.group(1) == "tg" else "prefill"
            tokens, depth = int(m.group(2)), int(m.group(3) or 0)
            n = int(r["n_devices"])
            hw = parse_hardware(f"{n}x {r['device']}" if n > 1 else r["device"])
            if hw.soc is not None and hw.soc.spec is not None and not re.search(r"\d+\s*GB", r["device"]):
                # the benchmark machine's memory is not stated: it held the model, so take the largest
                hw = hw.model_copy(update={"unified_memory_gb": max(hw.soc.spec.memory_options_gb)})
            backend = r["backend"].lower()
            spec = models[model_id]
            quant = resolve_quant(r["quant"])
            fa, ub = _flags(r["notes"])
            context = depth + tokens
            # llama-bench runs with -ngl 99: no --fit margin
            mem = estimate_memory(
                spec,
                quant,
                hw,
                context=max(context, 512),
                engine="llama.cpp",
                backend=backend,
                flash_attention=fa,
                ubatch=ub,
                fit_margin=0.0,
            )
            if mem.placement.verdict != "gpu":
                skipped.append(
                    f"{label}: estimator says it does not fit on the GPU ({mem.placement.verdict})"
                )
                continue
            if kind == "decode":
                feats: DecodeFeatures | PrefillFeatures = decode_features(
                    spec, mem, hw, backend, quant, depths=[depth + tokens / 2]
                )
            else:
                feats = prefill_features(spec, mem, hw, backend, quant, tokens=tokens, depth=depth, ubatch=ub)
            build = _build(r)
            out.append(
                BenchRow(
                    r["device"],
                    backend,
                    n,
                    model_id,
                    quant.id,
                    r["test"],
                    kind,
                    float(r["tokens_per_s"]),
                    r["source"],
                    feats,
                    tokens,
                    build,
                )
            )
    return out, skipped


def predict(row: BenchRow, params: SpeedParams) -> float:
    """The speed model's tokens/s for a row's setup."""
    if isinstance(row.features, DecodeFeatures):
        return 1.0 / decode_seconds(row.features, params)
    return row.tokens / prefill_seconds(row.features, params)
