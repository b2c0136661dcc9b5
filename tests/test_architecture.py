"""The import layers, read from the source (ast): who may import whom.

- A private module (`_x`) belongs to its package: only modules inside that package (or its
  subpackages) import it, and nobody imports another package's private names (`_y`).
- `sizing` is the pure core: it imports nothing of `bot`, the benchmarks or the tests, and no
  network or platform library.
- `bot` uses the core through its surface only: `sizing`, `sizing.vocabulary`, `sizing.catalog`,
  `sizing.hardware`.
- Renderers read Answers: they import no service, store, frontend, or platform client.
- Answers (`bot.answers`) are pure; stores know nothing of answers, renderers or frontends; the
  Discord API wrapper sends what it is given and renders nothing.
"""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("sizing", "bot", "benchmarks", "tests", "scripts")
PLATFORM_LIBRARIES = ("discord", "asyncpraw", "asyncprawcore", "redis", "aiohttp", "prometheus_client")


@dataclass(frozen=True)
class Import:
    importer: str  # module doing the import
    target: str  # module imported (absolute)
    names: tuple[str, ...]  # names taken from it (`from target import names`)
    line: int

    def where(self) -> str:
        return f"{self.importer}:{self.line} imports {self.target}" + (
            f" ({', '.join(self.names)})" if self.names else ""
        )


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _is_module(name: str) -> bool:
    path = ROOT / Path(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


@functools.cache
def _exports(package: str) -> frozenset[str]:
    """The names a package's `__init__` lists in `__all__`."""
    init = ROOT / Path(*package.split(".")) / "__init__.py"
    if not init.exists():
        return frozenset()
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            return frozenset(ast.literal_eval(node.value))
    return frozenset()


def _imports() -> list[Import]:
    found: list[Import] = []
    for top in PACKAGES:
        for path in sorted((ROOT / top).rglob("*.py")):
            module = _module_name(path)
            package = _package_of(module, path)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found += [Import(module, a.name, (), node.lineno) for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    base = node.module or ""
                    if node.level:
                        anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                        base = ".".join([*anchor, base] if base else anchor)
                    names = tuple(a.name for a in node.names)
                    found.append(Import(module, base, names, node.lineno))
                    # `from package import submodule` imports the submodule (unless the name is one the
                    # package exports: `from sizing import estimate` is the function)
                    found += [
                        Import(module, f"{base}.{n}", (), node.lineno)
                        for n in names
                        if n not in _exports(base) and _is_module(f"{base}.{n}")
                    ]
    return found


IMPORTS = _imports()


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _private_owner(target: str) -> str | None:
    """The package a private module belongs to: the part of its path before the first `_x`."""
    parts = target.split(".")
    for i, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:i])
    return None


def _ours(target: str) -> bool:
    return target.split(".")[0] in PACKAGES


def test_the_layers_are_read_from_every_file() -> None:
    importers = {i.importer for i in IMPORTS}
    assert {"sizing.estimate", "bot.service", "bot.render.discord", "tests.conftest"} <= importers


def test_no_module_imports_another_packages_private_module() -> None:
    leaks = [
        i.where()
        for i in IMPORTS
        if _ours(i.target)
        and (owner := _private_owner(i.target)) is not None
        and not _inside(i.importer, owner)
    ]
    assert leaks == []


def test_no_module_imports_another_packages_private_names() -> None:
    leaks = [
        i.where()
        for i in IMPORTS
        if _ours(i.target)
        and any(n.startswith("_") and not n.startswith("__") for n in i.names)
        and not _inside(i.importer, _private_owner(i.target) or i.target.rpartition(".")[0] or i.target)
    ]
    assert leaks == []


# (importers, targets they must not import, why)
_FRONTENDS = ("bot.discord", "bot.reddit", "bot.admin", "bot.web")
_SERVICES = ("bot.service", "bot.stores", "bot.catalog_live", "bot.health", "bot.permalinks")
FORBIDDEN: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("sizing", ("bot", "benchmarks", "tests", *PLATFORM_LIBRARIES, "matplotlib"), "the core is pure"),
    ("bot", ("benchmarks", "tests"), "the product does not depend on its checks"),
    (
        "bot.render",
        (*_SERVICES, *_FRONTENDS, *PLATFORM_LIBRARIES),
        "renderers read Answers, nothing else",
    ),
    (
        "bot.answers",
        ("bot.service", "bot.stores", "bot.render", "bot.config", *_FRONTENDS, *PLATFORM_LIBRARIES),
        "answering is pure",
    ),
    (
        "bot.stores",
        ("bot.service", "bot.answers", "bot.render", *_FRONTENDS),
        "stores keep state, no meaning",
    ),
    ("bot.discord._api", ("bot.render",), "the API wrapper sends what it is given"),
)


@pytest.mark.parametrize(("importers", "targets", "why"), FORBIDDEN, ids=[f[0] for f in FORBIDDEN])
def test_forbidden_layers(importers: str, targets: tuple[str, ...], why: str) -> None:
    leaks = [
        i.where()
        for i in IMPORTS
        if _inside(i.importer, importers) and any(_inside(i.target, t) for t in targets)
    ]
    assert leaks == [], why


def test_bot_uses_the_core_through_its_surface() -> None:
    surface = ("sizing", "sizing.vocabulary", "sizing.catalog", "sizing.hardware")
    leaks = [
        i.where() for i in IMPORTS if _inside(i.importer, "bot") and _inside(i.target, "sizing")
        and i.target not in surface
    ]  # fmt: skip
    assert leaks == []


def test_the_cli_needs_none_of_the_bot_extras() -> None:
    """`make run` installs only the base dependencies: the user CLI must start without the rest."""
    extras = (*PLATFORM_LIBRARIES, "matplotlib", "gguf", "jinja2", "markupsafe")
    code = (
        "import sys, bot.canirun_cli, bot.service, bot.render.terminal; "
        f"print([m for m in {extras!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
