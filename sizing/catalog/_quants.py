"""Quantization types: what they are, which engines load them, how much quality they cost."""

from __future__ import annotations

import functools
import itertools
import re
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._errors import CatalogError, UnknownModelError
from .._yaml import load_yaml
from ..vocabulary import Loader
from ._ggml import FTYPE_BASE

__all__ = ["QuantFormat", "QuantSpec", "load_quants", "quant_by_id", "resolve_quant"]

QuantFormat = Literal["gguf", "safetensors", "fp8", "awq", "gptq", "nvfp4", "mlx", "exl2", "exl3"]


class QuantSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    format: QuantFormat
    ftype: str | None = None  # llama.cpp file type whose per-tensor mix applies (GGUF only)
    variant: Literal["bartowski_l", "unsloth_ud"] | None = None
    bits: float = Field(gt=0, le=32)  # nominal bits per weight of the bulk tensors
    kld: float = Field(ge=0)  # mean KL divergence vs FP16 (Llama 3 8B); lower is better
    kld_estimated: bool = False
    kld_source: str | None = None
    engines: tuple[Loader, ...] = Field(min_length=1)
    aliases: tuple[str, ...] = ()

    @property
    def is_gguf(self) -> bool:
        return self.format == "gguf"


def _quant_file() -> Path:
    return Path(str(resources.files("sizing.catalog") / "data" / "quants.yaml"))


@functools.cache
def load_quants() -> tuple[QuantSpec, ...]:
    """The bundled quantization table, best quality first."""
    raw = load_yaml(_quant_file())
    out: list[QuantSpec] = []
    problems: list[str] = []
    for item in raw:
        try:
            q = QuantSpec.model_validate(item)
        except ValidationError as err:
            problems.append(f"quants.yaml[{item.get('id')}]: {err.errors()[0]['msg']}")
            continue
        if q.is_gguf and (q.ftype is None or q.ftype not in FTYPE_BASE):
            problems.append(f"quants.yaml[{q.id}]: GGUF quant needs a known ftype")
        out.append(q)
    if problems:
        raise CatalogError("quant table has problems:\n  " + "\n  ".join(problems), problems=tuple(problems))
    return tuple(sorted(out, key=lambda q: q.kld))


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "", text.lower())


@functools.cache
def _index() -> dict[str, QuantSpec]:
    idx: dict[str, QuantSpec] = {}
    for q in load_quants():
        for name in (q.id, *q.aliases):
            idx.setdefault(_key(name), q)
    return idx


def quant_by_id(quant_id: str) -> QuantSpec:
    q = _index().get(_key(quant_id))
    if q is None:
        raise UnknownModelError(f"unknown quantization '{quant_id}'")
    return q


_EXL = re.compile(r"^(exl[23])[-_ ]?(?:(\d+(?:\.\d+)?)\s*(?:bpw|bits?|b)?)?$")
_BPW = re.compile(r"^(exl[23])?\s*(\d+(?:\.\d+)?)\s*bpw$")


def resolve_quant(text: str) -> QuantSpec:
    """'q4_k_m', 'Q4', 'awq', 'exl2 4.65bpw', 'mlx 4bit', 'UD-Q4_K_XL' -> a QuantSpec."""
    raw = text.strip().lower()
    m = _EXL.match(raw.replace(" ", "-")) or _BPW.match(raw)
    if m and (m.group(2) or m.group(1)):
        family = (m.group(1) or "exl2").upper()
        bpw = float(m.group(2) or 4.0)
        if not 2.0 <= bpw <= 8.0:
            raise UnknownModelError(f"{family} needs 2 to 8 bits per weight, not {bpw:g}")
        base = quant_by_id(f"{family}-4.0")
        # quality between the GGUF points at the same bits (log-linear in bits)
        kld = _interpolated_kld(bpw) * (0.8 if family == "EXL3" else 1.0)
        return base.model_copy(update={"id": f"{family}-{bpw:g}", "bits": bpw, "kld": kld})
    key = _key(raw.replace("-", "_").replace(" ", "_"))
    for candidate in (key, _key(raw), _key(raw.replace("bit", "bit").replace(" ", ""))):
        q = _index().get(candidate)
        if q is not None:
            return q
    mlx = re.match(r"^mlx[-_ ]?(\d)[-_ ]?bits?$|^(\d)[-_ ]?bits?[-_ ]?mlx$", raw)
    if mlx:
        return quant_by_id(f"MLX-{mlx.group(1) or mlx.group(2)}bit")
    suggestions = ", ".join(q.id for q in load_quants() if q.is_gguf)
    raise UnknownModelError(f"unknown quantization '{text}'", hint=f"Known GGUF types: {suggestions}")


def _interpolated_kld(bits: float) -> float:
    points = sorted(
        (q.bits, q.kld)
        for q in load_quants()
        if q.is_gguf
        and not q.kld_estimated
        and q.variant is None
        and q.ftype in ("Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q3_K_M", "Q2_K")
    )
    import math

    if bits <= points[0][0]:
        return points[0][1]
    for (b0, k0), (b1, k1) in itertools.pairwise(points):
        if b0 <= bits <= b1:
            t = (bits - b0) / (b1 - b0)
            return math.exp(math.log(k0) * (1 - t) + math.log(k1) * t)
    return points[-1][1]
