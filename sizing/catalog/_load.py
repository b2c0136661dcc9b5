"""Loading catalog YAML files into validated ModelSpec entries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._errors import CatalogError
from .._yaml import YamlSyntaxError, load_yaml
from ._schema import ModelSpec

__all__ = ["bundled_model_files", "load_models", "parse_model_entries"]


def bundled_model_files() -> list[Path]:
    """The model YAML files shipped inside the package, sorted by name."""
    root = Path(__file__).parent / "data" / "models"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".yaml"))


def validation_problems(err: ValidationError) -> tuple[str, ...]:
    """'field.path: message' for each field a ValidationError names."""
    return tuple(f"{'.'.join(str(x) for x in e['loc']) or '(entry)'}: {e['msg']}" for e in err.errors())


def validated_entry(entry: dict[str, Any], what: str, error: type[CatalogError] = CatalogError) -> ModelSpec:
    """`entry` as a ModelSpec, or `error` naming every bad field ("{what} maps to an invalid entry")."""
    try:
        return ModelSpec.model_validate(entry)
    except ValidationError as err:
        problems = validation_problems(err)
        message = f"{what} maps to an invalid entry:\n  " + "\n  ".join(problems)
        raise error(message, problems=problems) from None


def _describe(err: ValidationError, where: str) -> list[str]:
    return [f"{where}: {p}" for p in validation_problems(err)]


def parse_model_entries(raw: Any, where: str) -> tuple[list[ModelSpec], list[str]]:
    """Validate a YAML document (a list of entries). Returns (good entries, problems)."""
    if not isinstance(raw, list):
        return [], [f"{where}: expected a list of model entries, got {type(raw).__name__}"]
    specs: list[ModelSpec] = []
    problems: list[str] = []
    for i, item in enumerate(raw):
        label = f"{where}[{i}]"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label = f"{where}[{item['id']}]"
        try:
            specs.append(ModelSpec.model_validate(item))
        except ValidationError as err:
            problems.extend(_describe(err, label))
    return specs, problems


def load_models(files: Iterable[Path] | None = None) -> tuple[ModelSpec, ...]:
    """Load and validate model files (the bundled ones by default); raise CatalogError on any problem."""
    specs: list[ModelSpec] = []
    problems: list[str] = []
    for path in files if files is not None else bundled_model_files():
        try:
            raw = load_yaml(path)
        except YamlSyntaxError as err:
            problems.append(f"{path.name}: not valid YAML: {err}")
            continue
        good, bad = parse_model_entries(raw, path.name)
        specs.extend(good)
        problems.extend(bad)
    seen: dict[str, str] = {}
    for s in specs:
        if s.id in seen:
            problems.append(f"duplicate id '{s.id}'")
        seen[s.id] = s.name
    if problems:
        raise CatalogError("catalog has problems:\n  " + "\n  ".join(problems), problems=tuple(problems))
    return tuple(specs)


# --- what both importers (config.json, GGUF header) write into a new entry ---------------------


def billions(n: float) -> float:
    """A parameter count in billions, to six significant digits (tiny models keep theirs)."""
    return float(f"{n / 1e9:.6g}")


def slug(text: str) -> str:
    """A catalog id from a name: lower case, dashes between words, at most 80 characters."""
    s = re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")
    return (s or "model")[:80].rstrip("-.")


def shape(
    layers: int, hidden: int, heads: int, kv_heads: int, head_dim: int, vocab: int, ffn: int
) -> dict[str, int]:
    """The core dimensions an entry states, under the names the catalog schema gives them."""
    return {
        "layers": layers,
        "hidden": hidden,
        "heads": heads,
        "kv_heads": kv_heads,
        "head_dim": head_dim,
        "vocab": vocab,
        "ffn": ffn,
    }
