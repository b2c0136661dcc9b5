"""Fit the speed model's efficiencies per backend on public llama-bench results, report the honest
(leave-one-device-out) error, and write sizing/data/speed_params.yaml.

    .venv/bin/python -m benchmarks.calibrate_speed            # fit, cross-validate, write params
    .venv/bin/python -m benchmarks.calibrate_speed --no-write # report only

Parameters are physical efficiencies (share of peak bandwidth, share of peak matrix throughput,
fixed milliseconds per token): a handful per backend, never a per-device table. Rows of one device
are never used to predict that device in the cross-validation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import statistics
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml
from scipy.optimize import least_squares

from benchmarks._bench_rows import BenchRow, load_bench_rows
from benchmarks._bench_rows import predict as _predict
from sizing.speed import BackendParams, SpeedParams, load_speed_params

ROOT = Path(__file__).resolve().parents[1]
PARAMS_FILE = ROOT / "sizing" / "data" / "speed_params.yaml"
QUANT_CLASSES = ("f16", "q8", "legacy", "iquant", "mxfp4")  # kquant is the reference (1.0)

# Parameters shared by every backend (attention kernels, MoE routing, KV streaming: too few
# measurements per backend to fit them apart), then what each backend fits for itself by how much
# data it has; the rest of a backend's values come from its parent's fit.
SHARED_PARAMS = ["kv_eff", "attn_eff", "attn_pp_eff", "attn_pp_eff_nofa", "moe_layer_us", "moe_half_batch"]
FREE = {
    "cuda": [
        "weight_eff",
        "alu_eff",
        "token_ms",
        "layer_us",
        "hop_ms",
        "mm_eff_quant",
        "mm_eff_f16",
        "mm_eff_simd",
        "ubatch_ms",
        "q:f16",
        "q:q8",
        "q:legacy",
        "q:mxfp4",
    ],
    "metal": [
        "weight_eff",
        "alu_eff",
        "token_ms",
        "layer_us",
        "mm_eff_simd",
        "q:f16",
        "q:q8",
        "q:legacy",
        "q:mxfp4",
    ],
    "rocm": ["weight_eff", "token_ms", "mm_eff_quant", "mm_eff_simd"],
    "vulkan": ["weight_eff", "token_ms", "mm_eff_quant"],
}
PARENT = {"rocm": "cuda", "vulkan": "cuda", "sycl": "vulkan", "cpu": None}
FITTED_BACKENDS = ("cuda", "metal", "rocm", "vulkan")
BOUNDS = {
    "weight_eff": (0.2, 1.0),
    "alu_eff": (0.02, 1.0),
    "kv_eff": (0.1, 1.0),
    "attn_eff": (0.005, 1.0),
    "token_ms": (0.0, 20.0),
    "layer_us": (0.0, 500.0),
    "moe_layer_us": (0.0, 1000.0),
    "attn_pp_eff_nofa": (0.005, 1.0),
    "hop_ms": (0.0, 20.0),
    "mm_eff_quant": (0.02, 1.0),
    "mm_eff_f16": (0.02, 1.0),
    "ubatch_ms": (0.0, 50.0),
    "mm_eff_simd": (0.02, 1.0),
    "attn_pp_eff": (0.01, 1.0),
    "moe_half_batch": (1.0, 2000.0),
}


def _get(p: BackendParams, name: str) -> float:
    if name.startswith("q:"):
        return float(p.quant_eff.get(name[2:], 1.0))
    return float(getattr(p, name))


def _set(p: BackendParams, values: dict[str, float]) -> BackendParams:
    quant = dict(p.quant_eff)
    plain = {}
    for k, v in values.items():
        if k.startswith("q:"):
            quant[k[2:]] = v
        else:
            plain[k] = v
    return replace(p, quant_eff=quant, **plain)


def _apply(base: SpeedParams, slots: list[tuple[str | None, str]], x: Sequence[float]) -> SpeedParams:
    """Parameters with the fitted values in: a slot (None, name) is shared by every backend."""
    backends = dict(base.backends)
    shared = {name: v for (b, name), v in zip(slots, x, strict=True) if b is None}
    for name in FITTED_BACKENDS:
        parent = PARENT.get(name)
        own = {n: v for (b, n), v in zip(slots, x, strict=True) if b == name}
        start = backends[name]
        if parent:  # what this backend cannot fit comes from its parent
            parent_values = {n: v for (b, n), v in zip(slots, x, strict=True) if b == parent}
            inherit = {n: v for n, v in parent_values.items() if n not in own}
            start = _set(start, inherit)
        backends[name] = _set(start, {**shared, **own})
    for name in backends:  # uncalibrated backends still share the attention/MoE physics
        if name not in FITTED_BACKENDS:
            backends[name] = _set(backends[name], shared)
    return SpeedParams(backends, base.engine_factor, base.source)


def fit_all(rows: Sequence[BenchRow], base: SpeedParams) -> SpeedParams:
    """One joint least-squares fit of the shared and per-backend parameters on log errors."""
    present = {r.backend for r in rows}
    slots: list[tuple[str | None, str]] = [(None, n) for n in SHARED_PARAMS]
    for b in FITTED_BACKENDS:
        if b in present:
            slots += [(b, n) for n in FREE[b]]
    ref = base.backends["cuda"]
    x0 = np.array([_get(base.backends[b] if b else ref, n) for b, n in slots])
    lo = np.array([BOUNDS.get(n, (0.3, 3.0))[0] for _, n in slots])
    hi = np.array([BOUNDS.get(n, (0.3, 3.0))[1] for _, n in slots])
    x0 = np.clip(x0, lo + 1e-6, hi - 1e-6)
    # a device's many rows should not outweigh another's few: weight rows by 1/sqrt(rows per device)
    per_device: dict[str, int] = defaultdict(int)
    for r in rows:
        per_device[r.device_key] += 1
    weights = np.array([1 / math.sqrt(per_device[r.device_key]) for r in rows])

    def fun(x: np.ndarray) -> np.ndarray:
        params = _apply(base, slots, x.tolist())
        return np.array([math.log(_predict(r, params) / r.measured_tps) for r in rows]) * weights

    result = least_squares(fun, x0, bounds=(lo, hi), loss="soft_l1", f_scale=0.2)
    return _apply(base, slots, result.x.tolist())


def _percentile(xs: Sequence[float], q: float) -> float:
    s = sorted(xs)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    f, c = math.floor(k), math.ceil(k)
    return s[f] + (s[c] - s[f]) * (k - f)


def cross_validate(rows: Sequence[BenchRow], base: SpeedParams) -> dict[int, float]:
    """Leave-one-device-out: refit without a device's rows, predict them. Returns {row index: log error}."""
    out: dict[int, float] = {}
    devices = sorted({r.device_key for r in rows})
    for k, dev in enumerate(devices):
        train = [r for r in rows if r.device_key != dev]
        fitted = fit_all(train, base)
        for i, r in enumerate(rows):
            if r.device_key == dev:
                out[i] = math.log(_predict(r, fitted) / r.measured_tps)
        print(f"  cv {k + 1}/{len(devices)} {dev}", file=sys.stderr)
    return out


def summarize(rows: Sequence[BenchRow], errors: dict[int, float]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[float]] = defaultdict(list)
    for i, e in errors.items():
        r = rows[i]
        pct = abs(math.exp(e) - 1)
        groups[f"{r.kind}"].append(pct)
        groups[f"{r.kind}/{r.backend}"].append(pct)
        groups[f"{r.kind}/{'moe' if r.model in MOE else 'dense'}"].append(pct)
        groups[f"{r.kind}/{'multi-gpu' if r.n_devices > 1 else 'single'}"].append(pct)
        groups[f"{r.kind}/build-{r.build}"].append(pct)
    return {
        k: {"rows": len(v), "median": statistics.median(v), "p90": _percentile(v, 0.9)}
        for k, v in sorted(groups.items())
    }


MOE = {"gpt-oss-20b", "gpt-oss-120b", "qwen3-coder-30b-a3b", "glm-4.7-flash"}


def spreads(
    rows: Sequence[BenchRow], errors: dict[int, float], backend: str, kind: str
) -> tuple[float, float]:
    """10th/90th percentile of measured/predicted in cross-validation: the range covering ~80%."""
    ratios = [
        math.exp(-errors[i])
        for i, r in enumerate(rows)
        if i in errors and r.backend == backend and r.kind == kind
    ]
    if len(ratios) < 8:
        ratios = [math.exp(-e) for i, e in errors.items() if rows[i].kind == kind]
    return (round(_percentile(ratios, 0.1), 3), round(_percentile(ratios, 0.9), 3))


def coverage(rows: Sequence[BenchRow], errors: dict[int, float], params: SpeedParams) -> dict[str, float]:
    out: dict[str, list[bool]] = defaultdict(list)
    for i, e in errors.items():
        r = rows[i]
        p = params.for_backend(r.backend)
        lo, hi = p.decode_spread if r.kind == "decode" else p.prefill_spread
        ratio = math.exp(-e)  # measured / predicted
        out[r.kind].append(lo <= ratio <= hi)
    return {k: sum(v) / len(v) for k, v in out.items()}


def write_params(params: SpeedParams, meta: dict[str, object]) -> None:
    data: dict[str, object] = {
        "source": (
            "fitted by benchmarks/calibrate_speed.py on ../shared/data/bench_calibration.csv "
            f"({meta['rows']} rows; llama-bench results, sources in its SOURCES-bench.md) on {meta['date']}"
        ),
        "cross_validation": meta["cv"],
        "backends": {},
        "engine_factor": {k: list(v) for k, v in params.engine_factor.items()},
    }
    backends: dict[str, object] = {}
    previous = yaml.safe_load(PARAMS_FILE.read_text()) if PARAMS_FILE.exists() else {}
    notes = {
        k: v["note"] for k, v in previous.get("backends", {}).items() if isinstance(v, dict) and "note" in v
    }
    for name, p in params.backends.items():
        entry: dict[str, object] = {
            k: round(float(getattr(p, k)), 4)
            for k in (
                "weight_eff",
                "alu_eff",
                "kv_eff",
                "attn_eff",
                "token_ms",
                "layer_us",
                "moe_layer_us",
                "hop_ms",
                "mm_eff_quant",
                "mm_eff_f16",
                "mm_eff_simd",
                "ubatch_ms",
                "attn_pp_eff",
                "attn_pp_eff_nofa",
                "moe_half_batch",
            )
        }
        entry["quant_eff"] = {k: round(float(v), 3) for k, v in sorted(p.quant_eff.items())}
        entry["decode_spread"] = list(p.decode_spread)
        entry["prefill_spread"] = list(p.prefill_spread)
        entry["calibrated"] = p.calibrated
        if name in notes:
            entry["note"] = notes[name]
        backends[name] = entry
    data["backends"] = backends
    header = "# Speed model efficiencies per backend, written by benchmarks/calibrate_speed.py.\n"
    PARAMS_FILE.write_text(header + yaml.safe_dump(data, sort_keys=False, width=110))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--no-write", action="store_true", help="report only; leave the params file alone")
    ap.add_argument("--no-cv", action="store_true", help="skip the leave-one-device-out cross-validation")
    args = ap.parse_args(argv)
    rows, skipped = load_bench_rows()
    base = load_speed_params(PARAMS_FILE)
    fitted = fit_all(rows, base)
    in_sample = {i: math.log(_predict(r, fitted) / r.measured_tps) for i, r in enumerate(rows)}
    report = {"in_sample": summarize(rows, in_sample)}
    if not args.no_cv:
        cv = cross_validate(rows, base)
        report["leave_one_device_out"] = summarize(rows, cv)
        for name in ("cuda", "metal", "rocm", "vulkan"):
            fitted.backends[name] = replace(
                fitted.backends[name],
                decode_spread=spreads(rows, cv, name, "decode"),
                prefill_spread=spreads(rows, cv, name, "prefill"),
            )
        report["range_coverage_cv"] = coverage(rows, cv, fitted)
    for section, table in report.items():
        print(f"\n{section}")
        if isinstance(next(iter(table.values())), dict):
            for k, v in table.items():  # type: ignore[union-attr]
                print(f"  {k:24s} rows {v['rows']:4d}  median {v['median']:6.1%}  p90 {v['p90']:6.1%}")
        else:
            for k, v in table.items():  # type: ignore[union-attr]
                print(f"  {k:24s} {v:.1%}")
    print(f"\n{len(rows)} rows used, {len(skipped)} skipped")
    if not args.no_write:
        cv_meta = {
            k: {
                kk: {"rows": vv["rows"], "median": round(vv["median"], 4), "p90": round(vv["p90"], 4)}
                for kk, vv in v.items()
            }
            for k, v in report.items()
            if k != "range_coverage_cv"
        }
        write_params(fitted, {"rows": len(rows), "date": dt.date.today().isoformat(), "cv": cv_meta})
        print(f"wrote {PARAMS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
