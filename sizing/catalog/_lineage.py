"""Fine-tunes whose names do not carry their base model's name (data/finetunes.yaml)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .._errors import CatalogError
from .._yaml import load_yaml

__all__ = ["FineTune", "load_finetunes"]


@dataclass(frozen=True, slots=True)
class FineTune:
    name: str  # whole words of the pasted name, lower case ("nous hermes 2 mixtral")
    base: str  # catalog id of the base model
    source: str  # the model card naming the base


def _file() -> Path:
    return Path(__file__).parent / "data" / "finetunes.yaml"


@functools.cache
def load_finetunes() -> tuple[FineTune, ...]:
    """The bundled table; CatalogError when a row lacks a field."""
    rows = load_yaml(_file())
    out: list[FineTune] = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or not all(
            isinstance(row.get(k), str) and row[k] for k in ("name", "base", "source")
        ):
            raise CatalogError(f"finetunes.yaml row {i + 1}: needs name, base and source")
        out.append(FineTune(row["name"].lower(), row["base"], row["source"]))
    return tuple(out)
