"""Public speed measurements (benchmarks/data/bench_*.csv), turned into speed-model features.

Each row becomes: the hardware (read by canirun's own parser from the device text), the model
(catalog id), the quant, the engine and how the GPUs were split, and the test (ppN / tgN at depth D,
as llama-bench names them; other engines' single-stream figures are written the same way). Features
are computed once; calibration then only varies the efficiencies.

Files:
- bench_calibration.csv: llama-bench tables gathered earlier (a copy of the project's shared data)
- bench_recent.csv: 2025-2026 llama-bench tables (Strix Halo, Radeon AI PRO R9700, Arc Pro B70, ...)
- bench_engines.csv: single-stream figures of vLLM, SGLang, MLX, ExLlama, KTransformers, ik_llama.cpp
  and llama.cpp's split modes
- bench_cpu.csv: llama.cpp on the CPU alone (backend "cpu") and with part of the model in system RAM
  (-ngl below all layers, --n-cpu-moe / -ot exps=CPU: the GPU's backend, "offload" in the notes)
- *_heldout.csv: rows held out of every fit (chosen by a fixed hash of device and model before fitting)
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks._calibration import DATA_DIR
from sizing import estimate_memory
from sizing.catalog import ModelSpec, QuantSpec, load_models, load_quants, resolve_quant
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

__all__ = ["BenchRow", "load_bench_rows", "predict"]

DATA = Path(__file__).resolve().parent / "data"
LEGACY_MODEL_IDS = {
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
GGUF_ENGINES = ("llama.cpp", "ollama", "lmstudio", "ik_llama.cpp", "ktransformers")
# engines canirun's memory model does not know place like llama.cpp (hybrid CPU/GPU MoE engines)
_MEMORY_ENGINE = {"ik_llama.cpp": "llama.cpp", "ktransformers": "llama.cpp"}
_PAGED_CHUNK = 8192


@dataclass(frozen=True)
class BenchRow:
    device: str
    backend: str
    n_devices: int
    engine: str
    model: str
    quant: str
    test: str
    kind: str  # "decode" or "prefill"
    measured_tps: float
    source: str
    features: DecodeFeatures | PrefillFeatures
    tokens: int
    depth: int
    build: str  # "2024-05" for the May 2024 snapshot, "current" for 2025+ builds
    build_number: int  # llama.cpp build (b-number) where the source gives it, else 0
    build_label: str  # the build as the source states it (b-number and commit, or engine version)
    split_mode: str
    moe: bool
    unified: bool
    heldout: bool
    date: str = ""  # when the source measured it (YYYY, YYYY-MM or YYYY-MM-DD), where it says

    @property
    def device_key(self) -> str:
        return f"{self.device} [{self.backend}]"

    @property
    def group(self) -> str:
        """The accuracy table a row reports in: llama.cpp per backend, other engines by name."""
        return self.backend if self.engine in ("llama.cpp", "ollama", "lmstudio") else self.engine


@functools.cache
def _models() -> dict[str, ModelSpec]:
    return {m.id: m for m in load_models()}


@functools.cache
def _quant(name: str, engine: str) -> QuantSpec:
    """A quant by catalog id first (BF16 is the GGUF file there), else by alias."""
    by_id = {q.id: q for q in load_quants()}
    if engine in GGUF_ENGINES and name in by_id:
        return by_id[name]
    return resolve_quant(name)


def _legacy_flags(notes: str) -> tuple[bool, int]:
    fa = "-fa 1" in notes or "with FA" in notes or "FA on" in notes
    ub = 2048 if "-ub 2048" in notes else 512
    return fa, ub


def _build_number(text: str) -> int:
    m = re.match(r"\s*b?(\d+)", text or "")
    return int(m.group(1)) if m else 0


def _legacy_build(r: dict[str, str]) -> str:
    """Which llama.cpp generation measured a row: kernels and defaults changed a lot since 2024."""
    if "snapshot May 2024" in r["notes"] or r["source"].startswith("XiongjieDai"):
        return "2024-05"
    return "current"


def _normalise(r: dict[str, str], heldout: bool) -> dict[str, str] | None:
    """A row of any file in the common shape, or None when the model is not in the catalog."""
    if "model_file" in r:  # the recent/engine schema: catalog ids already
        out = dict(r)
        out["build_class"] = "current"
        out["heldout"] = "1" if heldout else ""
        return out
    model_id = LEGACY_MODEL_IDS.get(r["model"])
    if model_id is None:
        return None
    fa, ub = _legacy_flags(r["notes"])
    n = int(r["n_devices"])
    return {
        **r,
        "model": model_id,
        "engine": "llama.cpp",
        "fa": "1" if fa else "0",
        "ubatch": str(ub),
        "split_mode": "layer" if n > 1 else "none",
        "n_cpu_moe": "0",
        "build_class": _legacy_build(r),
        "heldout": "",
    }


def _read(files: Iterable[tuple[Path, bool]]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path, heldout in files:
        if not path.exists():
            continue
        with path.open() as f:
            for r in csv.DictReader(f):
                rows.append(r | {"_file": path.name, "_heldout": "1" if heldout else ""})
    return rows


def _features(
    r: dict[str, str], spec: ModelSpec
) -> tuple[DecodeFeatures | PrefillFeatures, str, int, int, bool] | str:
    m = _TEST.match(r["test"])
    if m is None:
        return "test not modelled"
    kind = "decode" if m.group(1) == "tg" else "prefill"
    tokens, depth = int(m.group(2)), int(m.group(3) or 0)
    n = int(r["n_devices"] or 1)
    engine = r.get("engine") or "llama.cpp"
    backend = r["backend"].lower()
    device = r["device"]
    hw = parse_hardware(f"{n}x {device}" if n > 1 and not device[:2].rstrip("x").isdigit() else device)
    if backend == "cpu":
        # a CPU backend build (or -ngl 0 without a GPU backend): an integrated GPU the text names is idle
        hw = hw.model_copy(update={"gpus": ()})
    if hw.soc is not None and hw.soc.spec is not None and not re.search(r"\d+\s*GB", device):
        # the benchmark machine's memory is not stated: it held the model, so take the largest
        hw = hw.model_copy(update={"unified_memory_gb": max(hw.soc.spec.memory_options_gb)})
    quant = _quant(r["quant"], engine)
    fa = r.get("fa", "1") not in ("0", "", "false")
    ub = int(r.get("ubatch") or 512)
    hybrid = (
        int(r.get("n_cpu_moe") or 0) > 0 or engine in ("ktransformers",) or "offload" in r.get("notes", "")
    )
    # a model that fits was measured wherever it fits; one split between GPU and RAM was split the way
    # llama.cpp's --fit (or a tool like it) splits it, leaving its margin (the estimator's default) free
    # (ik_llama.cpp splits the same way: its -ot/--n-cpu-moe are llama.cpp's)
    split_like_llama = engine in ("llama.cpp", "ik_llama.cpp")
    margin: dict[str, float] = {} if hybrid and split_like_llama else {"fit_margin": 0.0}
    mem = estimate_memory(
        spec,
        quant,
        hw,
        context=max(depth + tokens, 512),
        engine=_MEMORY_ENGINE.get(engine, engine),
        backend=backend,
        flash_attention=fa,
        ubatch=ub,
        **margin,
    )
    if backend == "cpu":
        if mem.placement.verdict != "cpu":
            return f"estimator does not place it on the CPU ({mem.placement.verdict})"
    elif mem.placement.verdict == "no" or (mem.placement.verdict != "gpu" and not hybrid):
        return f"estimator says it does not fit on the GPUs ({mem.placement.verdict})"
    elif hybrid and split_like_llama and mem.placement.verdict == "gpu":
        return "the row kept part of the model in system RAM; the estimator puts it all on the GPUs"
    mode = r.get("split_mode") or ("layer" if n > 1 else "none")
    if kind == "decode":
        feats: DecodeFeatures | PrefillFeatures = decode_features(
            spec,
            mem,
            hw,
            backend,
            quant,
            depths=[depth + tokens / 2],
            mode=mode,
            engine=engine,  # type: ignore[arg-type]
        )
    else:
        chunk = ub if engine in GGUF_ENGINES else _PAGED_CHUNK
        feats = prefill_features(
            spec,
            mem,
            hw,
            backend,
            quant,
            tokens=tokens,
            depth=depth,
            ubatch=chunk,
            mode=mode,
            engine=engine,  # type: ignore[arg-type]
        )
    if isinstance(feats, PrefillFeatures) and r.get("build_class") == "2024-05" and backend == "cuda":
        feats = _cublas_era(feats, quant)
    unified = any(d.unified for d in feats.devices)
    return feats, kind, tokens, depth, unified


def _cublas_era(f: PrefillFeatures, quant: QuantSpec) -> PrefillFeatures:
    """A prompt measured by a May 2024 CUDA build: on GPUs with tensor cores its quantized products
    above 32 rows were dequantized to FP16 and multiplied by cuBLAS (CUDA_USE_TENSOR_CORES, the
    default then; ggml-cuda took its int8 tensor-core MMQ kernels by default from late June 2024,
    ggml-org/llama.cpp PRs #7676 and #8075): the FP16 matrix rate and the dequantization traffic,
    not today's MMQ path."""
    # the conversion kernel reads the quantized bytes and writes 2 bytes per weight; the GEMM's read of
    # that copy is the 16-bit path's own, as for 16-bit weights
    traffic = 1.0 + 2 * 8 / max(quant.bits, 1.0)
    devices = tuple(
        replace(d, matrix_tflops=d.fp16_matrix_tflops, prompt_dequant=traffic)
        if d.is_gpu and d.quantized and d.matrix_path == "tc" and d.fp16_matrix_tflops > 0
        else d
        for d in f.devices
    )
    return replace(f, devices=devices)


@functools.cache
def _all_rows() -> tuple[tuple[BenchRow, ...], tuple[str, ...]]:
    files = [
        (DATA_DIR / "bench_calibration.csv", False),
        (DATA / "bench_recent.csv", False),
        (DATA / "bench_engines.csv", False),
        (DATA / "bench_cpu.csv", False),
        (DATA / "bench_recent_heldout.csv", True),
        (DATA / "bench_engines_heldout.csv", True),
        (DATA / "bench_cpu_heldout.csv", True),
    ]
    out: list[BenchRow] = []
    skipped: list[str] = []
    for raw in _read(files):
        label = f"{raw['device']} {raw['model']} {raw['quant']} {raw['test']}"
        if "SUSPECT" in raw.get("notes", ""):
            skipped.append(f"{label}: flagged SUSPECT in the data")
            continue
        r = _normalise(raw, bool(raw["_heldout"]))
        if r is None or r["model"] not in _models():
            skipped.append(f"{label}: model not in the catalog")
            continue
        spec = _models()[r["model"]]
        got = _features(r, spec)
        if isinstance(got, str):
            skipped.append(f"{label}: {got}")
            continue
        feats, kind, tokens, depth, unified = got
        out.append(
            BenchRow(
                r["device"],
                r["backend"].lower(),
                int(r["n_devices"] or 1),
                r.get("engine") or "llama.cpp",
                r["model"],
                r["quant"],
                r["test"],
                kind,
                float(r["tokens_per_s"]),
                r["source"],
                feats,
                tokens,
                depth,
                r["build_class"],
                _build_number(r.get("build", "")),
                (r.get("build") or "").strip(),
                feats.mode,
                spec.moe is not None,
                unified,
                bool(r["heldout"]),
                (r.get("date") or "").strip(),
            )
        )
    return tuple(out), tuple(skipped)


def load_bench_rows(which: str = "dev") -> tuple[list[BenchRow], list[str]]:
    """(usable rows, reasons rows were skipped); `which` is "dev", "heldout" or "all"."""
    rows, skipped = _all_rows()
    if which == "all":
        return list(rows), list(skipped)
    want = which == "heldout"
    return [r for r in rows if r.heldout == want], list(skipped)


def predict(row: BenchRow, params: SpeedParams) -> float:
    """The speed model's tokens/s for a row's setup."""
    if isinstance(row.features, DecodeFeatures):
        return 1.0 / decode_seconds(row.features, params)
    return row.tokens / prefill_seconds(row.features, params)
