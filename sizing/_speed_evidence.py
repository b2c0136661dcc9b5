"""Measured evidence beside an estimate: public measurements of the same model (or a model of the same
family and size) on the same devices, with their sources (sizing/data/measured_speeds.csv, written by
benchmarks/calibrate_speed.py from the public tables in benchmarks/data).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ._pools import per_object
from .catalog import ModelSpec
from .hardware import Hardware

__all__ = ["Measurement", "device_key", "measured_speeds"]

# a model of the same family within this share of the parameter count counts as "family and size"
_SIZE_TOLERANCE = 0.15
_GGUF_ENGINES = ("llama.cpp", "ollama", "lmstudio")


@dataclass(frozen=True, slots=True)
class Measurement:
    """A range of public measurements of one setup."""

    model_id: str
    quant: str
    device: str  # as the source names it, e.g. "2x NVIDIA GeForce RTX 3090"
    backend: str
    engine: str
    kind: str  # "decode" or "prefill"
    test: str  # llama-bench style: tg128, pp512, tg128@d32768
    low: float
    high: float
    rows: int
    source: str  # URL or "github owner/repo path @commit"
    build: str
    exact_model: bool  # False: a model of the same family and size
    split_mode: str = "layer"  # how the GPUs shared the model (llama.cpp -sm, vLLM tensor parallel)

    def to_contract(self) -> dict[str, object]:
        return {
            "model": self.model_id,
            "quant": self.quant,
            "device": self.device,
            "backend": self.backend,
            "engine": self.engine,
            "kind": self.kind,
            "test": self.test,
            "tps_range": [self.low, self.high],
            "rows": self.rows,
            "source": self.source,
            "build": self.build,
            "exact_model": self.exact_model,
        }


@dataclass(frozen=True, slots=True)
class _Row:
    key: str
    family: str
    params_b: float
    m: Measurement


def _data_file() -> Path:
    return Path(__file__).parent / "data" / "measured_speeds.csv"


@functools.cache
def _written(path: Path | None = None) -> tuple[tuple[str, ...], Mapping[str, tuple[tuple[str, ...], ...]]]:
    """The file's column names and its rows as written, by device key in file order: a run builds the
    measurements of the rigs it is asked about, not all of the file's."""
    file = path or _data_file()
    if not file.exists():
        return (), MappingProxyType({})
    with file.open(encoding="utf-8") as f:
        reader = csv.reader(line for line in f if not line.startswith("#"))
        header = tuple(next(reader, ()))
        if not header:
            return (), MappingProxyType({})
        at = header.index("device_key")
        by_key: dict[str, list[tuple[str, ...]]] = {}
        for values in reader:
            if values:  # a blank line is no row
                by_key.setdefault(values[at], []).append(tuple(values))
    return header, MappingProxyType({k: tuple(v) for k, v in by_key.items()})  # cached: read-only


@functools.cache
def _device_rows(key: str) -> tuple[_Row, ...]:
    """The measurements on the accelerators `key` names (see `device_key`), in file order."""
    header, by_key = _written()
    out = []
    for values in by_key.get(key, ()):
        r = dict(zip(header, values, strict=False))
        m = Measurement(
            r["model"],
            r["quant"],
            r["device"],
            r["backend"],
            r["engine"],
            r["kind"],
            r["test"],
            float(r["low"]),
            float(r["high"]),
            int(r["rows"]),
            r["source"],
            r["build"],
            True,
            r["split_mode"] or "layer",
        )
        out.append(_Row(key, r["family"], float(r["params_b"]), m))
    return tuple(out)


def _same_shape(model_id: str, model: ModelSpec) -> bool:
    """Both dense, or both MoE with active parameters within the size tolerance: a 3B-active MoE reads
    about a tenth of the weights a dense 32B reads per token, so its speed says nothing of the other."""
    from .catalog import default_catalog  # the bundled catalog, built once per run

    other = default_catalog().get(model_id)
    if other is None:
        return model.active_params_b is None
    if (other.active_params_b is None) != (model.active_params_b is None):
        return False
    a, b = other.active_params_b, model.active_params_b
    return a is None or b is None or abs(a - b) <= _SIZE_TOLERANCE * b


@per_object  # asked for every option shown, about the same rig object
def device_key(hw: Hardware) -> str:
    """The accelerators of a rig as "count x device id" terms, sorted: "2x rtx-3090", "1x m2-max"."""
    terms = [f"{g.count}x {g.spec.id}" for g in hw.gpus if g.spec is not None and g.kind == "gpu"]
    if hw.soc is not None and hw.soc.spec is not None:
        terms.append(f"1x {hw.soc.spec.id}")
    return "+".join(sorted(terms))


def measured_speeds(
    model: ModelSpec,
    hardware: Hardware,
    *,
    quant: str | None = None,
    engine: str | None = None,
    split_mode: str | None = None,
    limit: int = 6,
) -> tuple[Measurement, ...]:
    """Public measurements of `model` on the rig's accelerators (same devices, same counts): the same
    model first, else models of the same family within 15 % of its size; the asked quant and engine
    family first, then the split mode of the estimate. Empty when nothing matches."""
    key = device_key(hardware)
    if not key:
        return ()
    found = _model_rows(key, model)

    def rank(m: Measurement) -> tuple[int, int, int, int, str]:
        same_engine = (
            engine is None or m.engine == engine or (engine in _GGUF_ENGINES and m.engine in _GGUF_ENGINES)
        )
        return (
            0 if same_engine else 1,
            0 if quant in (None, m.quant) else 1,
            0 if split_mode in (None, "none", m.split_mode) else 1,
            0 if m.kind == "decode" else 1,
            m.test,
        )

    return tuple(sorted(found, key=rank)[:limit])


@functools.lru_cache(maxsize=1024)  # pure in a frozen spec; every option an answer shows asks again
def _model_rows(key: str, model: ModelSpec) -> tuple[Measurement, ...]:
    """The measurements on the accelerators `key` names of `model` itself, in file order; where there
    are none, those of models of its family within the size tolerance and of its shape."""
    exact: list[Measurement] = []
    similar: list[Measurement] = []
    for row in _device_rows(key):
        if row.m.model_id == model.id:
            exact.append(row.m)
        elif (
            row.family == model.family
            and abs(row.params_b - model.params_b) <= _SIZE_TOLERANCE * model.params_b
            and _same_shape(row.m.model_id, model)
        ):
            similar.append(_as_similar(row.m))
    return tuple(exact or similar)


def _as_similar(m: Measurement) -> Measurement:
    return Measurement(
        m.model_id,
        m.quant,
        m.device,
        m.backend,
        m.engine,
        m.kind,
        m.test,
        m.low,
        m.high,
        m.rows,
        m.source,
        m.build,
        False,
        m.split_mode,
    )
