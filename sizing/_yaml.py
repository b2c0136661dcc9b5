"""Reading the bundled YAML data quickly (libyaml's C loader when present)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["load_yaml"]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file with the safe loader. Raises OSError or yaml.YAMLError."""
    with path.open("rb") as f:
        return yaml.load(f, Loader=_Loader)
