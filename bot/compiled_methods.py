"""The methods `dataclasses` writes for each dataclass, compiled once per install, not at every start
of `canirun`.

`dataclasses` makes a class's `__init__`, `__repr__`, `__eq__`, `__hash__` and frozen setters from
source text that it compiles (`exec`) while the class is made. A cold `canirun ask` makes over a
hundred dataclasses (the core's, pydantic's, rich's), and compiling their methods is about a sixth
of its start. `preload` hands `dataclasses` an `exec` that runs the code an earlier run compiled
from the same text, kept in the user's cache directory beside the pre-parsed data and the compiled
patterns (bot/compiled_patterns.py), and compiles any other text as `exec` does; `keep`, at the end
of a run, writes the file when the run compiled a text the file lacks. The code is what `compile`
makes of the same text, with no compiler flags of the caller (the `exec` of `dataclasses` has none
to pass on), so every class and method is the one `dataclasses` makes without the file.

The file holds Python code, as the `.pyc` files Python keeps do: it is read only when it is the
user's own and no one else may write it, and when it carries the digest of its content (a file
damaged on disk is ignored). It holds at most `LIMIT` texts, those the last run used first. Code
depends on the Python version, which names the file; with the cache turned off
(CANIRUN_CACHE_DIR=""), or a file that cannot be read or written, every method is compiled as
before, never an error.
"""

from __future__ import annotations

import builtins
import dataclasses
import importlib.util
import marshal
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from .compiled_patterns import cache_file, checked_payload, write_checked

__all__ = ["LIMIT", "Methods", "keep", "preload"]

LIMIT = 4096  # texts kept: a few hundred classes of up to eight methods each
_FORMAT = "1"
_HEADER = b"canirun compiled methods\n"


class Methods:
    """The code a run started with and the code it used, by source text, and where they are kept;
    `exec` is what `dataclasses` calls instead of the built-in one while this run is loading."""

    def __init__(self, path: Path | None, kept: dict[str, CodeType] | None = None) -> None:
        self.path = path
        self.kept = kept or {}
        self.used: dict[str, CodeType] = {}
        self.compiled = False  # a text the file lacks was compiled

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:
        """The built-in `exec`, with a text compiled once per install."""
        if globals is None:  # the caller's namespaces, as the built-in takes them
            caller = sys._getframe(1)
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        if isinstance(source, str):
            code = self.used.get(source) or self.kept.get(source)
            if code is None:
                code = compile(source, "<string>", "exec", dont_inherit=True)
                self.compiled = True
            self.used[source] = code
            source = code
        builtins.exec(source, globals, locals)


def _path() -> Path | None:
    python = f"{_FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{importlib.util.MAGIC_NUMBER.hex()}"
    return cache_file("methods", python, ".marshal")


def _read(path: Path) -> dict[str, CodeType] | None:
    """What `_write` put in `path`; None when the file is not this user's alone, is damaged, or
    holds anything but texts and their code."""
    payload = checked_payload(path, _HEADER)
    if payload is None:
        return None
    try:
        content = marshal.loads(payload)
    except Exception:  # unreadable: as if there were no file
        return None
    if not isinstance(content, dict):
        return None
    if not all(isinstance(k, str) and isinstance(v, CodeType) for k, v in content.items()):
        return None
    return content


def preload() -> Methods:
    """Hand `dataclasses` an `exec` that takes the code kept by earlier runs; what it started with,
    for `keep`."""
    path = _path()
    if path is None:
        return Methods(None)
    methods = Methods(path, _read(path))
    dataclasses.exec = methods.exec  # type: ignore[attr-defined]  # found before the built-in
    return methods


def keep(methods: Methods) -> None:
    """Give `dataclasses` back the built-in `exec`; write the code of the texts this run compiled
    that the file lacks, with the texts it used first."""
    if vars(dataclasses).get("exec") == methods.exec:
        del dataclasses.exec  # type: ignore[attr-defined]
    if methods.path is None or not methods.compiled:
        return
    content = {**methods.used, **{k: v for k, v in methods.kept.items() if k not in methods.used}}
    try:
        payload = marshal.dumps(dict(list(content.items())[:LIMIT]))
    except ValueError:  # an object marshal cannot write: the file stays as it is
        return
    write_checked(methods.path, _HEADER, payload)
