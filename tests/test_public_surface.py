"""Each package's public surface (`__all__` of its `__init__`) is exactly the one written down in
tests/data/public_surface.json: adding or removing a name is a decision, made in both places."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SURFACE = json.loads((ROOT / "tests" / "data" / "public_surface.json").read_text(encoding="utf-8"))
PACKAGES = sorted(
    ".".join(p.relative_to(ROOT).parent.parts)
    for top in ("sizing", "bot")
    for p in (ROOT / top).rglob("__init__.py")
)


def test_every_package_is_written_down() -> None:
    assert sorted(SURFACE) == PACKAGES


@pytest.mark.parametrize("package", PACKAGES)
def test_the_surface_is_the_one_written_down(package: str) -> None:
    assert sorted(importlib.import_module(package).__all__) == SURFACE[package]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_exported_name_exists(package: str) -> None:
    module = importlib.import_module(package)
    assert [name for name in module.__all__ if not hasattr(module, name)] == []


if __name__ == "__main__":  # after a deliberate change: python -m tests.test_public_surface
    surface = {p: sorted(importlib.import_module(p).__all__) for p in PACKAGES}
    (ROOT / "tests" / "data" / "public_surface.json").write_text(json.dumps(surface, indent=1) + "\n")
    print("wrote tests/data/public_surface.json")
