"""Engine memory against the engines' own start-up logs, and verdicts against public OOM reports;
writes the "engine-memory" section of docs/ACCURACY.md.

    .venv/bin/python -m benchmarks.engine_memory          # report (seconds)
    .venv/bin/python -m benchmarks.engine_memory --fit    # refit the vLLM profiling constants on the dev rows
    .venv/bin/python -m benchmarks.engine_memory --fit-headroom   # refit each engine's headroom (dev rows)
    .venv/bin/python -m benchmarks.engine_memory --margin-curve   # vLLM's KV margin against the dev rows

Data (each row cites its public source; see benchmarks/data/SOURCES-engine-memory.md):
- benchmarks/data/engine_memory_logs.csv: numbers vLLM, SGLang and Ollama printed at start-up (and
  mlx-lm's printed peak memory)
  (development rows: the constants are fitted on these), and engine_memory_logs_heldout.csv (held out:
  split by source before any fitting, only scored).
- benchmarks/data/engine_memory_oom.csv / engine_memory_oom_heldout.csv: public reports of a model
  running out of memory on a named rig and engine. A good estimate does not call these a comfortable
  fit ("fits": fully on the GPUs and not tight); the target is at most 15 %.
- benchmarks/data/engine_memory_ok.csv: runs that started and served on a named rig (the other side:
  a "tight" or "no" there is a false alarm), scored the same way.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks._report import ROOT, pct, quantile, table, write_section
from sizing import SizingError, default_catalog, estimate, kv_cache_bytes, parse_hardware, weight_bytes
from sizing.catalog import ModelSpec, resolve_quant
from sizing.engines import (
    ENGINE_HEADROOM,
    NON_TORCH_BASE,
    VLLM_FOOTPRINT_ERROR,
    VLLM_GPU_UTILIZATION,
    VLLM_MARGIN_ERRORS,
    VLLM_UMA_PROCESS,
    EngineOptions,
    active_ffn_width,
    ollama_legacy_estimate,
    ollama_projector,
    rig_pools,
    sglang_defaults,
    sglang_gpu,
    sglang_vision_params,
    visible_total,
    vllm_activation,
    vllm_defaults,
    vllm_encoder_profile,
    vllm_era,
    vllm_gpu,
    vllm_multimodal,
    vllm_non_torch,
)
from sizing.memory import paged_weights

GiB = 1024**3
DATA = ROOT / "benchmarks" / "data"
LOGS_DEV = DATA / "engine_memory_logs.csv"
LOGS_HELDOUT = DATA / "engine_memory_logs_heldout.csv"
OOM_DEV = DATA / "engine_memory_oom.csv"
OOM_HELDOUT = DATA / "engine_memory_oom_heldout.csv"
OK_DEV = DATA / "engine_memory_ok.csv"
# relative errors are taken where the printed value is at least this large; smaller values
# (a 0.06 GiB activation, a negative KV pool) are compared in absolute GiB
RELATIVE_FLOOR_GIB = 1.0
COMFORTABLE_TARGET = 0.15
# every row cites a public web page: a GitHub issue, pull request or file, a forum thread, a model
# repository's discussion or a write-up with its address (never a path of a machine)
PUBLIC_URL = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}/\S+$")


def _settings(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, _, value = part.partition("=")
        out[key.strip()] = value.strip()
    return out


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@dataclass(frozen=True)
class Scored:
    engine: str
    model: str
    quantity: str
    printed: float
    predicted: float
    url: str

    @property
    def relative(self) -> float | None:
        if abs(self.printed) < RELATIVE_FLOOR_GIB:
            return None
        return (self.predicted - self.printed) / abs(self.printed)

    @property
    def absolute(self) -> float:
        return self.predicted - self.printed


def _model(model_id: str) -> ModelSpec:
    return default_catalog().resolve(model_id).model


def _gpu_total(row: dict[str, str]) -> float:
    if row["gpu_total_gib"]:
        return float(row["gpu_total_gib"]) * GiB
    rig = rig_pools(parse_hardware(row["hardware"]), "cuda", margin=0)
    return visible_total(rig.gpus[0])


def predict_vllm(row: dict[str, str]) -> float:
    spec = _model(row["model"])
    w = paged_weights(spec, resolve_quant(row["quant"]))
    tp = int(row["tp"] or 1)
    s = _settings(row["settings"])
    era = vllm_era(s.get("version"))
    mml = int(s.get("max_model_len") or spec.max_context)
    quantity = row["quantity"]
    if quantity == "weights_gib":
        return w.total / tp / GiB
    if quantity == "non_torch_gib":
        return vllm_non_torch(tp, s.get("version")) / GiB
    total = _gpu_total(row)
    name = row["hardware"]
    d = vllm_defaults(era, total, name, mml, vllm_multimodal(spec))
    if quantity == "activation_gib":
        # the printed peak is the whole profiling run's: the vision encoder's profiling with it
        seqs = int(s.get("max_num_seqs") or d.max_num_seqs)
        tokens = int(s.get("max_num_batched_tokens") or d.max_num_batched_tokens)
        encoder = vllm_encoder_profile(
            spec,
            version=s.get("version") or era,
            max_model_len=mml,
            max_num_batched_tokens=tokens,
            tensor_parallel=tp,
            max_num_seqs=seqs,
        )
        forward = vllm_activation(
            spec, tensor_parallel=tp, max_num_seqs=seqs, max_num_batched_tokens=tokens, era=era
        )
        return (forward + encoder) / GiB
    if quantity == "kv_gib":
        kv = kv_cache_bytes(spec, mml, pad=False).total
        g = vllm_gpu(
            spec,
            weights=w.total / tp,
            kv_per_token=kv / mml / tp,
            total=total,
            gpu_name=name,
            tensor_parallel=tp,
            max_model_len=mml,
            era=era,
            gpu_memory_utilization=float(s["util"]) if "util" in s else None,
            max_num_seqs=int(s["max_num_seqs"]) if "max_num_seqs" in s else None,
            max_num_batched_tokens=(
                int(s["max_num_batched_tokens"]) if "max_num_batched_tokens" in s else None
            ),
            version=s.get("version"),
        )
        return g.kv_pool / GiB
    raise ValueError(f"unknown vLLM quantity {quantity}")


def predict_sglang(row: dict[str, str]) -> float:
    spec = _model(row["model"])
    w = paged_weights(spec, resolve_quant(row["quant"]))
    tp = int(row["tp"] or 1)
    s = _settings(row["settings"])
    total = _gpu_total(row)
    quantity = row["quantity"]
    if quantity == "weights_gib":
        return w.total / tp / GiB
    vision = sglang_vision_params(spec)
    if quantity == "mem_fraction_static":
        return sglang_defaults(total, tp, vision_params=vision).mem_fraction_static
    if quantity == "kv_gib":
        frac = float(s["mem_fraction_static"]) if "mem_fraction_static" in s else None
        g = sglang_gpu(
            weights=w.total / tp,
            kv_needed=0.0,
            total=total,
            tensor_parallel=tp,
            mem_fraction_static=frac,
            vision_params=vision,
        )
        return g.kv_pool / GiB
    raise ValueError(f"unknown SGLang quantity {quantity}")


_OLLAMA_FIELDS: dict[str, Callable[..., float]] = {
    "required_full_gib": lambda e: e.required_full,
    "required_partial_gib": lambda e: e.required_partial,
    "kv_gib": lambda e: e.kv,
    "weights_total_gib": lambda e: e.weights_total,
    "graph_full_gib": lambda e: e.graph_full,
}
_OLLAMA_PROJECTOR_FIELDS = {"projector_weights_gib": 0, "projector_graph_gib": 1}


def predict_ollama(row: dict[str, str]) -> float:
    spec = _model(row["model"])
    if row["quantity"] in _OLLAMA_PROJECTOR_FIELDS:
        return ollama_projector(spec)[_OLLAMA_PROJECTOR_FIELDS[row["quantity"]]] / GiB
    w = weight_bytes(spec, resolve_quant(row["quant"]))
    s = _settings(row["settings"])
    est = ollama_legacy_estimate(
        spec,
        w,
        num_ctx=int(s["num_ctx"]),
        num_parallel=int(s.get("num_parallel", "1")),
        gpus_free=[float(x) * GiB for x in s["gpus_free"].split("|")],
        library=s.get("library", "cuda"),
        projector=ollama_projector(spec),
        version=s.get("version"),
    )
    return _OLLAMA_FIELDS[row["quantity"]](est) / GiB


def predict_mlx(row: dict[str, str]) -> float:
    """mlx-lm's printed peak memory: weights, the cache of the prompt and the generated tokens, and the
    prefill scratch of canirun's MLX placement."""
    if row["quantity"] != "peak_gib":
        raise ValueError(f"unknown MLX quantity {row['quantity']}")
    s = _settings(row["settings"])
    e = estimate(
        _model(row["model"]),
        parse_hardware(row["hardware"]),
        quant=row["quant"],
        context=int(s["context"]),
        engine="mlx",
    )
    d = e.memory.placement.devices[0]
    return (d.weights + d.kv + d.compute) / GiB


PREDICT: dict[str, Callable[[dict[str, str]], float]] = {
    "vllm": predict_vllm,
    "sglang": predict_sglang,
    "ollama": predict_ollama,
    "mlx": predict_mlx,
}


def score_logs(rows: Sequence[dict[str, str]]) -> list[Scored]:
    return [
        Scored(r["engine"], r["model"], r["quantity"], float(r["printed"]), PREDICT[r["engine"]](r), r["url"])
        for r in rows
    ]


def _stats(scored: Sequence[Scored]) -> tuple[int, str, str, str]:
    rel = [abs(s.relative) for s in scored if s.relative is not None]
    if not rel:
        return len(scored), "-", "-", "-"
    return len(scored), pct(statistics.median(rel)), pct(quantile(rel, 0.9)), pct(max(rel))


def _by_engine(scored: Sequence[Scored]) -> dict[str, list[Scored]]:
    out: dict[str, list[Scored]] = {}
    for s in scored:
        out.setdefault(s.engine, []).append(s)
    return out


def _row_line(s: Scored) -> list[object]:
    err = f"{s.relative:+.1%}" if s.relative is not None else f"{s.absolute:+.2f} GiB"
    return [
        s.engine,
        s.model,
        s.quantity.removesuffix("_gib"),
        f"{s.printed:g}",
        f"{s.predicted:.2f}",
        err,
        s.url,
    ]


@dataclass(frozen=True)
class OomResult:
    engine: str
    model: str
    hardware: str
    verdict: str
    fit: str
    settings: tuple[str, ...]
    url: str
    note: str = ""

    @property
    def comfortable(self) -> bool:
        return self.verdict == "gpu" and self.fit == "fits"


# a row's flash_attn setting: the report's own (llama.cpp builds before "-fa auto" ran without it);
# absent, the engine's current default applies
_FLASH_ATTN = {"on": True, "off": False}


def judge_oom(row: dict[str, str], headroom: float | None = None) -> OomResult:
    """The answer to a report's rig, model and settings; `headroom` overrides the engine's own."""
    s = _settings(row["settings"])
    opts = EngineOptions(
        gpu_memory_utilization=float(s["util"]) if "util" in s else None,
        mem_fraction_static=float(s["mem_fraction_static"]) if "mem_fraction_static" in s else None,
        tensor_parallel=int(s["tensor_parallel"]) if "tensor_parallel" in s else None,
        num_parallel=int(s["num_parallel"]) if "num_parallel" in s else None,
        version=s.get("version"),
        max_num_seqs=int(s["max_num_seqs"]) if "max_num_seqs" in s else None,
        max_num_batched_tokens=int(s["max_num_batched_tokens"]) if "max_num_batched_tokens" in s else None,
        enforce_eager=s.get("enforce_eager") == "true",
        language_model_only=s.get("language_model_only") == "true",
        split_mode=s.get("split_mode"),
        headroom=headroom,
    )
    try:
        e = estimate(
            _model(row["model"]),
            parse_hardware(row["hardware"]),
            quant=row["quant"],
            context=int(row["context"]) if row["context"] else None,
            engine=row["engine"],
            kv_type=s.get("kv_type", "f16"),
            slots=int(s.get("num_parallel", "1")) if row["engine"] == "ollama" else 1,
            engine_options=opts,
            backend=s.get("backend"),
            flash_attention=_FLASH_ATTN.get(s.get("flash_attn", "")),
        )
    except SizingError as err:
        return OomResult(
            row["engine"], row["model"], row["hardware"], "error", str(err), (), row["url"], row["note"]
        )
    p = e.memory.placement
    return OomResult(
        row["engine"],
        row["model"],
        row["hardware"],
        p.verdict,
        p.fit,
        tuple(x.flag for x in p.settings),
        row["url"],
        row["note"],
    )


def _oom_table(results: Sequence[OomResult]) -> str:
    lines = [
        [r.engine, r.model, r.hardware, r.verdict, r.fit, "; ".join(r.settings) or "-", r.url]
        for r in results
    ]
    return table(["engine", "model", "rig", "verdict", "fit", "settings", "source"], lines)


def fit_constants(rows: Sequence[dict[str, str]]) -> dict[str, float]:
    """Least-log-error fit of the vLLM profiling constants on development rows only."""
    act = [r for r in rows if r["engine"] == "vllm" and r["quantity"] == "activation_gib"]
    best = (math.inf, 0.0, 0.0)
    for sampler in [x / 2 for x in range(40, 121)]:
        for forward in [x / 10 for x in range(20, 121)]:
            errs = []
            for r in act:
                spec = _model(r["model"])
                s = _settings(r["settings"])
                era = vllm_era(s.get("version"))
                tp = int(r["tp"] or 1)
                mml = int(s.get("max_model_len") or spec.max_context)
                d = vllm_defaults(era, _gpu_total(r), r["hardware"], mml, vllm_multimodal(spec))
                width = spec.hidden + active_ffn_width(spec) / tp
                fwd = forward * d.max_num_batched_tokens * width
                chunked = era == "v0" and d.max_num_batched_tokens == 512
                smp = 0.0 if chunked else sampler * min(d.max_num_seqs, d.max_num_batched_tokens) * spec.vocab
                pred = max(fwd, smp) / GiB
                errs.append(abs(math.log(max(pred, 1e-3) / max(float(r["printed"]), 1e-3))))
            err = statistics.median(errs)
            if err < best[0]:
                best = (err, sampler, forward)
    # the releases whose profiler counted more (sizing/_engine_vllm.py NON_TORCH_0_6_5) stay out
    nt = [
        r
        for r in rows
        if r["engine"] == "vllm"
        and r["quantity"] == "non_torch_gib"
        and vllm_non_torch(1, _settings(r["settings"]).get("version")) == NON_TORCH_BASE
    ]
    base = statistics.median(float(r["printed"]) for r in nt if r["tp"] in ("", "1"))
    multi = [float(r["printed"]) - base for r in nt if r["tp"] not in ("", "1")]
    return {
        "SAMPLER_BYTES_PER_LOGIT": best[1],
        "FORWARD_BYTES_PER_WIDTH": best[2],
        "NON_TORCH_BASE_GIB": base,
        "NON_TORCH_TENSOR_PARALLEL_GIB": statistics.median(multi) if multi else 0.0,
    }


# headroom values tried by --fit-headroom (GiB): 0-2 GiB, the range of the shares drivers and desktops
# are seen to take (sizing/_overhead.py DISPLAY_RESERVE)
HEADROOM_GRID_GIB = tuple(x / 4 for x in range(9))
# a comfortable fit on an OOM report costs twice a tight answer on a run that worked
FALSE_FIT_WEIGHT = 2
# headroom values whose cost is within one OOM report of the best one score the same
FIT_TOLERANCE = FALSE_FIT_WEIGHT


@dataclass(frozen=True)
class EngineRates:
    engine: str
    oom_rows: int
    false_fits: int
    ok_rows: int
    false_tights: int

    @property
    def cost(self) -> int:
        return FALSE_FIT_WEIGHT * self.false_fits + self.false_tights


def engine_rates(
    engine: str, oom: Sequence[dict[str, str]], ok: Sequence[dict[str, str]], headroom: float | None = None
) -> EngineRates:
    """False fits (comfortable on an OOM report) and false tights (tight or no on a run that worked)."""
    oom_e = [r for r in oom if r["engine"] == engine]
    ok_e = [r for r in ok if r["engine"] == engine]
    return EngineRates(
        engine,
        len(oom_e),
        sum(judge_oom(r, headroom).comfortable for r in oom_e),
        len(ok_e),
        sum(not judge_oom(r, headroom).comfortable for r in ok_e),
    )


def fit_headroom(
    oom: Sequence[dict[str, str]], ok: Sequence[dict[str, str]]
) -> dict[str, tuple[float, list[tuple[float, EngineRates]]]]:
    """Each engine's headroom (sizing/_overhead.py ENGINE_HEADROOM) that minimizes the weighted false
    fits and false tights on the given rows. Values within one OOM report of the best
    (FIT_TOLERANCE) count as ties: on a few dozen rows one report is noise. Ties keep the current value
    if it is among them, else the smallest. Returns engine -> (chosen GiB, [(GiB, rates)])."""
    out: dict[str, tuple[float, list[tuple[float, EngineRates]]]] = {}
    for engine, current in ENGINE_HEADROOM.items():
        tried = [(gib, engine_rates(engine, oom, ok, gib * GiB)) for gib in HEADROOM_GRID_GIB]
        best = min(r.cost for _, r in tried)
        ties = [g for g, r in tried if r.cost <= best + FIT_TOLERANCE]
        out[engine] = (current / GiB if current / GiB in ties else ties[0], tried)
    return out


def footprint_errors(rows: Sequence[dict[str, str]]) -> list[float]:
    """|canirun - printed| "Available KV cache memory" of each vLLM start-up log, as a share of what
    canirun counts of the budget before the KV cache (the budget itself is exact): the error that
    sizing/_engine_vllm.py VLLM_FOOTPRINT_ERROR states (its p90)."""
    out = []
    for r in rows:
        if r["engine"] != "vllm" or r["quantity"] != "kv_gib":
            continue
        budget = float(_settings(r["settings"]).get("util", VLLM_GPU_UTILIZATION)) * _gpu_total(r) / GiB
        predicted = predict_vllm(r)
        out.append(abs(predicted - float(r["printed"])) / (budget - predicted))
    return out


# margins tried by --margin-curve, in p90 errors of the footprint (VLLM_MARGIN_ERRORS)
MARGIN_GRID = (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0)
_RATES_AT = (
    "import sys; import sizing._engine_vllm as v; v.VLLM_MARGIN_ERRORS = float(sys.argv[1]); "
    "from benchmarks.engine_memory import OK_DEV, OOM_DEV, engine_rates, read_rows; "
    "r = engine_rates('vllm', read_rows(OOM_DEV), read_rows(OK_DEV)); "
    "print(r.oom_rows, r.false_fits, r.ok_rows, r.false_tights)"
)


def margin_curve() -> list[tuple[float, EngineRates]]:
    """vLLM's false fits and false tights on the development rows for each KV margin of MARGIN_GRID
    (each in a fresh interpreter: the margin is a module constant the estimates read once)."""
    out = []
    for k in MARGIN_GRID:
        done = subprocess.run(
            [sys.executable, "-c", _RATES_AT, str(k)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        oom_rows, false_fits, ok_rows, false_tights = (int(x) for x in done.stdout.split())
        out.append((k, EngineRates("vllm", oom_rows, false_fits, ok_rows, false_tights)))
    return out


def _margin_table(curve: Sequence[tuple[float, EngineRates]]) -> str:
    return table(
        ["k (p90 errors)", "KV margin (share of footprint)", "false fits", "false tights", "cost"],
        [
            [
                f"{k:g}" + (" (chosen)" if k == VLLM_MARGIN_ERRORS else ""),
                pct(k * VLLM_FOOTPRINT_ERROR),
                f"{r.false_fits}/{r.oom_rows}",
                f"{r.false_tights}/{r.ok_rows}",
                r.cost,
            ]
            for k, r in curve
        ],
    )


def section() -> str:
    dev = score_logs(read_rows(LOGS_DEV))
    held = score_logs(read_rows(LOGS_HELDOUT))
    lines = []
    for engine in ("vllm", "sglang", "ollama", "mlx"):
        d = _by_engine(dev).get(engine, [])
        h = _by_engine(held).get(engine, [])
        lines.append([engine, *_stats(d), *_stats(h)])
    summary = table(
        [
            "engine",
            "dev rows",
            "dev median",
            "dev p90",
            "dev max",
            "held-out rows",
            "held-out median",
            "held-out p90",
            "held-out max",
        ],
        lines,
    )
    oom_dev = [judge_oom(r) for r in read_rows(OOM_DEV)]
    oom_held = [judge_oom(r) for r in read_rows(OOM_HELDOUT)]

    def share(rs: Sequence[OomResult]) -> str:
        n = sum(r.comfortable for r in rs)
        return f"{n}/{len(rs)} ({pct(n / len(rs))})"

    ok_runs = [judge_oom(r) for r in read_rows(OK_DEV)]
    errors = footprint_errors(read_rows(LOGS_DEV))
    curve = margin_curve()
    false_alarms = sum(not r.comfortable for r in ok_runs)
    engines = sorted({r.engine for r in (*oom_dev, *ok_runs)})
    by_engine = table(
        [
            "engine",
            "OOM reports",
            "comfortable fits (false fits)",
            "runs that worked",
            "tight or no (false tights)",
        ],
        [
            [
                e,
                sum(r.engine == e for r in oom_dev),
                sum(r.comfortable for r in oom_dev if r.engine == e),
                sum(r.engine == e for r in ok_runs),
                sum(not r.comfortable for r in ok_runs if r.engine == e),
            ]
            for e in engines
        ],
    )

    misses = table(
        ["side", "engine", "model", "rig", "why", "source"],
        [
            [side, r.engine, r.model, r.hardware, r.note, r.url]
            for side, rs in (("dev", oom_dev), ("held-out", oom_held))
            for r in rs
            if r.comfortable
        ],
    )

    return "\n\n".join(
        [
            "Each engine's own start-up numbers (vLLM: weights, activation peak, non-torch memory and the "
            "KV pool per GPU; SGLang: weights, KV pool, default mem_fraction_static; Ollama: its scheduler "
            "estimate, the vision projector included; MLX: mlx-lm's printed peak memory) against canirun's "
            "model of that engine. Errors are "
            f"relative where the printed value is at least {RELATIVE_FLOOR_GIB:g} GiB, otherwise absolute "
            "(GiB). Development rows (benchmarks/data/engine_memory_logs.csv) are the ones the fitted "
            "constants saw; held-out rows (engine_memory_logs_heldout.csv) were split off by source before "
            "fitting (rows added later go by the last hex digit of the MD5 of their URL: odd to held-out).",
            summary,
            "Development rows:",
            table(
                ["engine", "model", "quantity", "printed", "canirun", "error", "source"],
                [_row_line(s) for s in dev],
            ),
            "Held-out rows:",
            table(
                ["engine", "model", "quantity", "printed", "canirun", "error", "source"],
                [_row_line(s) for s in held],
            ),
            "### Public OOM reports\n\n"
            "Reports of a model running out of memory (or failing to start for lack of memory) on a "
            "named rig and engine, answered with the report's own settings and the engine's defaults "
            "for the rest. "
            'A comfortable fit (verdict gpu, fit "fits") on such a report is a wrong answer; target at most '
            f"{COMFORTABLE_TARGET:.0%}. Comfortable fits: development {share(oom_dev)}, "
            f"held-out {share(oom_held)}. vLLM releases through 0.10.1 count a hybrid model's Mamba state "
            "for max_num_seqs requests (the V0 engine preallocates it; the answer offers a smaller "
            "--max-num-seqs), and a vision model is judged without its tower where the run passed "
            "--language-model-only (`language_model_only=true`); where the tower alone keeps a model off "
            "the GPU, that flag is the setting the answer prints. vLLM's start-up profiling of a "
            "Qwen-VL-style vision encoder is counted by release (V1 engine): through 0.17 the dummy video "
            "fills the context (Qwen2/2.5-VL up to 98304 tokens) and, where that alone keeps the model "
            "from a comfortable fit, the answer prints --limit-mm-per-prompt '{\"video\": 0}'; later "
            "releases profile one item of at most 16384 tokens. On the V0 engine every dummy request of "
            "Qwen2/2.5-VL carries the largest image and a video filling the rest of the context (as many "
            "requests as the batched tokens hold, at least one), and Llama 3.2 Vision is "
            "profiled with a full-size image (6404 tokens) for each of max_num_seqs requests, and the "
            "answer offers a smaller --max-num-seqs. The printed activation peak is compared with the "
            "forward pass plus that encoder profiling. Other vision models' encoder profiling is not "
            "counted (the answer says so). On a Vulkan GPU a llama.cpp load without flash attention is "
            "tight where its attention-score tensor (n_kv x n_ubatch x n_head, f32) exceeds the one "
            "allocation the driver allows: 2 GiB on AMD's Windows driver, 4 GiB on Mesa's RADV "
            "(ggml-org/llama.cpp#15054, GPUOpen-Drivers/AMDVLK#413); the answer turns flash attention on. "
            "With -sm row (`split_mode=row`) the main GPU holds the whole KV cache. A context asked past "
            "the model's trained length is sized as asked on llama.cpp, ExLlama and MLX, which allocate "
            "the cache for it (llama-server caps each slot at the trained length but keeps every cell), "
            "and capped on Ollama, vLLM and SGLang. vLLM 0.11.0 keeps a sparse-attention MLA model's "
            "cache (DeepSeek V3.2) in its fp8_ds_mla layout when no cache dtype is given "
            "(vllm-project/vllm#25988; 16 bits by default again from 0.11.1, #27121; sizing/_engine_vllm.py "
            "vllm_default_kv_fp8). vLLM and SGLang split a model over identical cards, "
            "cards named only by their size among them. A report naming its Ollama release is sized with "
            "that release's flash-attention default (sizing/_engine_ollama.py ollama_flash_attention): off "
            "before v0.11.8, then on only for the architectures Ollama lists (gpt-oss from v0.11.8, qwen3 "
            "v0.12.4, gemma3 v0.12.6, gemma4 v0.20.4, ...), llama.cpp's auto for llama.cpp-engine models "
            "from v0.13.4 and for every GGUF model from v0.30; where flash attention alone gives the "
            "comfortable fit, the answer prints OLLAMA_FLASH_ATTENTION=1. A named Ollama release from "
            "v0.15.5 to v0.29 also holds its own engine's checkpoints of each sequence's recurrent state "
            "(sizing/_engine_ollama.py ollama_recurrent_checkpoints: 32 per sequence for qwen3next from "
            "v0.15.5, 24 for qwen3next, qwen35, lfm2 and nemotron_h from v0.17.1; all reserved at load). "
            "From v0.11.11 Ollama places its own engine's models by the allocations it measures after "
            "encoding a 2048x2048 image, so a vision model's first GPU also holds the encoder's graph for "
            "that image; before v0.13.2 (or with flash attention off) its attention is unfused, heads x "
            "patches^2 f32 scores (gemma3 4096 patches, Mistral Small 3.1 12100, Qwen2.5-VL 4900, Qwen3-VL "
            "8100; sizing/_engine_ollama.py ollama_engine_vision_graph), and the first GPU's compute buffer "
            "is the larger of that graph and the text batch's.",
            "By engine (development rows): comfortable fits on OOM reports and tight or no answers on runs "
            "that worked. Each engine's headroom (free memory a GPU keeps beside everything counted, "
            "sizing/_overhead.py ENGINE_HEADROOM) is the value over 0-2 GiB with the fewest false fits "
            f"(weighted {FALSE_FIT_WEIGHT}x) plus false tights on these rows, values within one OOM report "
            "of the best counting as ties that keep the sourced prior "
            "(`python -m benchmarks.engine_memory --fit-headroom`; the swept value stands for every GPU, "
            "while the answers keep Ollama's estimate 1.75 GiB from the limit on unified memory, "
            "sizing/_overhead.py OLLAMA_UNIFIED_HEADROOM).",
            by_engine,
            "How much room a vLLM fit keeps for canirun's own error. vLLM's budget (utilization x the "
            "card) is exact; what canirun counts of it before the KV cache (weights, activation peak, "
            "non-torch memory, graphs inside the budget) misses vLLM's printed \"Available KV cache "
            f'memory" by a median {pct(statistics.median(errors))}, p90 {pct(quantile(errors, 0.9))} and at '
            f"most {pct(max(errors))} of that count on the {len(errors)} development start-up logs "
            f"(sizing/_engine_vllm.py VLLM_FOOTPRINT_ERROR = {pct(VLLM_FOOTPRINT_ERROR)}). A fit is "
            "comfortable only where the KV pool also keeps k of those errors beyond one sequence of "
            "max_model_len; otherwise it is tight and the answer names the --max-model-len (or the "
            "higher --gpu-memory-utilization) that keeps the margin. The curve on the development rows "
            "(`python -m benchmarks.engine_memory --margin-curve`; cost = "
            f"{FALSE_FIT_WEIGHT} x false fits + false tights):",
            _margin_table(curve),
            f"k = {VLLM_MARGIN_ERRORS:g}: a p90 from a dozen logs is itself uncertain, and a release whose "
            "profiler counts differently misses by more (vLLM 0.6.5's log missed by 9.1 % before its "
            "non-torch memory was counted by release, about twice the p90). Past that the curve is "
            "flat within one or two reports: a larger margin calls a few more OOM reports tight only by "
            "calling as many runs that worked tight too (at four errors an 8B model at 16K on a 24 GB card "
            "would no longer be a comfortable fit), because most reports that still read as fits failed "
            "for reasons outside the start-up count (engine regressions, memory taken while serving).",
            "vLLM releases before 0.21 capture CUDA graphs after sizing the KV cache, outside the budget; "
            'their pool is planned at the middle of vLLM\'s own "1~3 GiB per GPU" (2 GiB; 1 GiB on one '
            "GPU called three more development OOM reports comfortable for two fewer false tights), and "
            "where the graphs are what the GPU cannot hold the answer names --enforce-eager. Scaling the "
            "pool on the V0 engine by its capture sizes (35 up to 256 requests) x the layers instead, at "
            "the 2.4 GiB measured for Yi-1.5-34B at tensor parallel 4 (vllm-project/vllm#7553: 1.17 MiB "
            "per layer and size) changes no verdict here; at Llama-3.2-1B's 0.21 GiB (vllm-project/vllm"
            "#11349: 0.38 MiB) three more OOM reports read as comfortable fits for four fewer false "
            "tights, so the plan stays. The plan is for vLLM's whole capture list (batch sizes 1, 2, 4, "
            "then steps of 8 up to 256 on V0 and 512 on V1); max_num_seqs shortens it on V0 (up to "
            "max_num_seqs, vllm-project/vllm#2437) and on V1 from 0.10.0 (up to 2 x max_num_seqs, "
            "vllm-project/vllm#20628), and each graph's share of the pool grows with its batch size "
            "(vllm-project/vllm#22897), so a shorter list is planned at the sum of its sizes' share, "
            "at least the 0.25 GiB that small captures print (noonghunna/club-3090#104, #178, #617); "
            "gpt-oss keeps vLLM's own longer list (sizing/_engine_vllm.py vllm_graph_share).",
            "On an integrated NVIDIA GPU (DGX Spark, Jetson) vLLM reads the whole unified memory as the "
            "device's total and, at start-up, the memory the OS reports available as its free memory "
            "(vllm/utils/mem_utils.py MemorySnapshot), so its budget is a share of the whole machine: "
            "the OS's share and vLLM's own processes (sizing/_engine_vllm.py VLLM_UMA_PROCESS = "
            f"{VLLM_UMA_PROCESS / GiB:g} GiB, measured on DGX Sparks) stay outside it. vLLM's default "
            "utilization is then tight, and the answer names the highest one its start-up check finds "
            "free. Releases before 0.24 hold about a second copy of the weights in that memory while they "
            "size the KV cache (the checkpoint as loaded, kept in the page cache or in PyTorch's cache; "
            "0.24 frees it under pressure, vllm-project/vllm#45179): where the budget, that copy and the "
            "share outside exceed the machine the answer is tight, naming a lower utilization where the "
            "model still starts and the release (sizing/_engine_vllm.py VLLM_UMA_LOAD_COPY_UNTIL).",
            "The comfortable fits that remain, and why:",
            misses,
            "Development (benchmarks/data/engine_memory_oom.csv):",
            _oom_table(oom_dev),
            "Held out (benchmarks/data/engine_memory_oom_heldout.csv):",
            _oom_table(oom_held),
            "### Runs that worked\n\n"
            "The other side: public logs of runs that started and served "
            "(benchmarks/data/engine_memory_ok.csv), answered the same way. "
            f'A "tight" or "no" here is a false alarm: {false_alarms}/{len(ok_runs)} '
            f"({pct(false_alarms / len(ok_runs))}). The first consumer GPU keeps the desktop's share by what "
            "the rig says: none where it is headless (a server, SSH, a rented or cluster machine), 1 GiB "
            "where Windows or WSL2 drives it (WDDM), 0.8 GiB where nothing is said; on Windows every other "
            "consumer card keeps 0.6 GiB for WDDM as well; a tight answer names the lower "
            "--gpu-memory-utilization that leaves that share free.",
            _oom_table(ok_runs),
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", action="store_true", help="refit the vLLM profiling constants on the dev rows")
    ap.add_argument(
        "--fit-headroom", action="store_true", help="refit each engine's headroom on the dev rows"
    )
    ap.add_argument(
        "--margin-curve", action="store_true", help="vLLM's false fits and tights for each KV margin (dev)"
    )
    args = ap.parse_args(argv)
    if args.margin_curve:
        errors = footprint_errors(read_rows(LOGS_DEV))
        print(
            f"footprint error on {len(errors)} dev logs: median {pct(statistics.median(errors))}, "
            f"p90 {pct(quantile(errors, 0.9))}, max {pct(max(errors))}"
        )
        print(_margin_table(margin_curve()))
        return 0
    if args.fit_headroom:
        for engine, (chosen, tried) in fit_headroom(read_rows(OOM_DEV), read_rows(OK_DEV)).items():
            print(f"{engine}: headroom {chosen:g} GiB")
            for gib, r in tried:
                print(
                    f"  {gib:4g} GiB: false fits {r.false_fits}/{r.oom_rows}, "
                    f"false tights {r.false_tights}/{r.ok_rows} (cost {r.cost})"
                )
        return 0
    if args.fit:
        for name, value in fit_constants(read_rows(LOGS_DEV)).items():
            print(f"{name} = {value:g}")
        return 0
    body = section()
    path = write_section("ACCURACY.md", "engine-memory", "Memory: engines (vLLM, SGLang, Ollama, MLX)", body)
    print(body)
    print(f"wrote {Path(path).relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
