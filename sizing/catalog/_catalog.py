"""The catalog as one object: models, the name index and a version that changes with the content."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pydantic

from ..data_cache import files_digest, installed, load_built
from ._load import load_models
from ._resolve import ModelIndex, Resolution, resolve_model
from ._schema import ModelSpec

__all__ = ["Catalog", "default_catalog"]


@dataclass(frozen=True, slots=True)
class Catalog:
    models: tuple[ModelSpec, ...]
    by_id: Mapping[str, ModelSpec]
    index: ModelIndex
    version: str  # content hash: cache keys carry it, so a new catalog never serves old answers

    @classmethod
    def build(cls, models: Iterable[ModelSpec], label: str = "bundled") -> Catalog:
        ms = tuple(sorted(models, key=lambda m: m.id))
        digest = hashlib.sha256(
            json.dumps([m.model_dump(mode="json") for m in ms], sort_keys=True).encode()
        ).hexdigest()[:12]
        return cls(ms, {m.id: m for m in ms}, ModelIndex.build(ms), f"{label}-{digest}")

    def resolve(self, text: str) -> Resolution:
        return resolve_model(text, self.index)

    def get(self, model_id: str) -> ModelSpec | None:
        return self.by_id.get(model_id)


@functools.cache
def default_catalog() -> Catalog:
    """The catalog shipped with the package, kept built between runs (sizing/data_cache.py) under a
    hash of its data files, of the code that reads and indexes them, and of the libraries' versions."""
    here = Path(__file__).resolve().parent
    sizing = here.parent
    inputs = files_digest(
        [
            *(here / "data").rglob("*"),
            *here.glob("*.py"),
            *(sizing / name for name in ("vocabulary.py", "_errors.py", "_yaml.py", "data_cache.py")),
        ]
    )
    libraries = f"pydantic {pydantic.VERSION} {installed('rapidfuzz')}"  # rapidfuzz is not loaded
    built: Catalog = load_built(
        "catalog", inputs, lambda: Catalog.build(load_models()), version=libraries, kind=Catalog
    )
    return built
