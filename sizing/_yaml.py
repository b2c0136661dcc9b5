"""Reading the bundled YAML data quickly: libyaml's C loader when present, and the parsed content of
each bundled file kept pre-parsed between runs (sizing/data_cache.py). PyYAML itself is imported
only when a file must be parsed: a run that reads every file from the cache never loads it."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

from .data_cache import installed, load_cached

__all__ = ["YamlSyntaxError", "load_yaml"]


class YamlSyntaxError(ValueError):
    """A file that is not valid YAML; the message is PyYAML's (where, and what is wrong)."""


@functools.cache
def _parser() -> str:
    """What a cached entry was parsed with: the installed PyYAML (`installed`), and whether
    libyaml's C loader sits beside it; found without importing PyYAML."""
    spec = importlib.util.find_spec("yaml")
    origin = spec.origin if spec is not None else None
    c_loader = origin is not None and any(Path(origin).parent.glob("_yaml.*"))
    return f"{installed('yaml')} {'C' if c_loader else 'py'}"


def _parse(raw: bytes) -> Any:
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(raw, Loader=loader)
    except yaml.YAMLError as err:
        raise YamlSyntaxError(str(err)) from err


def load_yaml(path: Path) -> Any:
    """Parse a YAML file with the safe loader. Raises OSError or YamlSyntaxError."""
    return load_cached(path, _parse, version=_parser())
