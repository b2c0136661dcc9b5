"""Reading the bundled YAML data quickly: libyaml's C loader when present, and the parsed content of
each bundled file kept pre-parsed between runs (sizing/data_cache.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .data_cache import load_cached

__all__ = ["load_yaml"]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PARSER = f"pyyaml {yaml.__version__} {_Loader.__name__}"


def _parse(raw: bytes) -> Any:
    return yaml.load(raw, Loader=_Loader)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file with the safe loader. Raises OSError or yaml.YAMLError."""
    return load_cached(path, _parse, version=_PARSER)
