"""Whether ExLlama has code for a model's architecture (data/exllama_architectures.yaml): ExLlamaV2
loads EXL2 and GPTQ weights of the classes its architecture.py recognizes, ExLlamaV3 EXL3 weights of
the classes its ARCHITECTURES table lists. A catalog family's class is that of its checkpoints'
config.json; a family not in the table is not judged."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ._errors import CatalogError
from ._yaml import load_yaml
from .catalog import ModelSpec

__all__ = ["exllama_gap"]

# the ExLlama release that loads each weight format (ExLlamaV2 also loads GPTQ)
_RELEASE_OF_FORMAT = {"exl2": "exl2", "gptq": "exl2", "exl3": "exl3"}
_RELEASE_NAME = {"exl2": "ExLlamaV2", "exl3": "ExLlamaV3"}


@dataclass(frozen=True, slots=True)
class _Table:
    loads: dict[str, frozenset[str]]  # release -> the classes it loads
    sources: dict[str, str]  # release -> where that list is
    classes: dict[tuple[str, bool], frozenset[str]]  # (family, MoE) -> the classes its checkpoints carry


def _file() -> Path:
    return Path(__file__).parent / "data" / "exllama_architectures.yaml"


@functools.cache
def _table() -> _Table:
    raw = load_yaml(_file())
    if not isinstance(raw, dict):
        raise CatalogError("exllama_architectures.yaml: expected a mapping")
    loads: dict[str, frozenset[str]] = {}
    sources: dict[str, str] = {}
    for release in ("exl2", "exl3"):
        block = raw.get(release)
        if not isinstance(block, dict) or not block.get("source") or not block.get("architectures"):
            raise CatalogError(f"exllama_architectures.yaml: {release} needs source and architectures")
        loads[release] = frozenset(str(a) for a in block["architectures"])
        sources[release] = str(block["source"])
    classes: dict[tuple[str, bool], frozenset[str]] = {}
    for i, row in enumerate(raw.get("families") or ()):
        if not isinstance(row, dict) or not row.get("family") or not row.get("source"):
            raise CatalogError(f"exllama_architectures.yaml families row {i + 1}: needs family and source")
        if not (row.get("dense") or row.get("moe")):
            raise CatalogError(f"exllama_architectures.yaml families row {i + 1}: needs dense or moe")
        for key, moe in (("dense", False), ("moe", True)):
            value = row.get(key)
            if value:
                named = value if isinstance(value, list) else [value]
                classes[(str(row["family"]), moe)] = frozenset(str(c) for c in named)
    return _Table(loads, sources, classes)


def exllama_gap(model: ModelSpec, weight_format: str) -> str | None:
    """Why ExLlama cannot load `model` in `weight_format` ('exl2', 'exl3', 'gptq'): its class is not
    one the release for that format has code for; None where it is, or where the family's class or
    the format's release is not known here."""
    release = _RELEASE_OF_FORMAT.get(weight_format)
    if release is None:
        return None
    t = _table()
    classes = t.classes.get((model.family, model.moe is not None))
    if classes is None or classes & t.loads[release]:
        return None
    other = "exl3" if release == "exl2" else "exl2"
    instead = f"; {_RELEASE_NAME[other]} loads it as {other.upper()}" if classes & t.loads[other] else ""
    names = " or ".join(sorted(classes))
    return f"{_RELEASE_NAME[release]} has no {names} architecture ({t.sources[release]}){instead}"
