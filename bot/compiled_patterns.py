"""Regular expressions compiled once per install, not at every start of `canirun`.

Python's `re` parses and compiles a pattern in Python code, and a cold `canirun ask` compiles a few
hundred (the question and hardware readers', the catalog's names): a sixth of its start. `preload`
puts the patterns earlier runs compiled into `re`'s own cache of compiled patterns, from the
compiled form kept in the user's cache directory beside the pre-parsed data (sizing/data_cache.py);
`keep`, at the end of a run, writes the file when there is none, and adds to it a pattern that two
runs in a row compiled and the file lacks (a pattern whose text changes from run to run, such as
one built from a set in Python's own library, would otherwise rewrite the file at every start; the
patterns missing from the file are listed in a small file of their own beside it). A pattern served
from the file is the pattern `re.compile` gives: the same text, flags and compiled code (checked
against `re`'s own result when the file is written), so every match is the same. The file holds at
most what `re`'s cache holds (512), the patterns the last run used first.

The engine does not check every compiled form it is handed, so the file is read only when it is
the user's own and no one else may write it, when it carries the digest of its content (a file
damaged on disk is ignored), and it is read as plain data (strings, numbers, lists: a file naming
any class or function is refused, so reading it never runs code).

The file is only ever a shortcut: on a Python whose `re` keeps its compiled form differently, with
the cache turned off (CANIRUN_CACHE_DIR=""), or with a file that cannot be read or written, every
pattern is compiled as before, never an error. The compiled form depends on the Python version and
its regular expression engine, which name the file.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's engine, loaded with re
import contextlib
import hashlib
import io
import os
import pickle
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sizing import cache_dir, own_file_bytes

__all__ = ["Patterns", "cache_file", "checked_payload", "keep", "preload", "write_checked"]

# the Pythons whose `re` compiles as re._compiler.compile does in 3.11-3.13 and keeps compiled
# patterns in the dict `re._cache`, keyed by (type of pattern, pattern, flags)
_SUPPORTED = (3, 11) <= sys.version_info[:2] <= (3, 13)
_FORMAT = "2"
# a file starts with this and the digest of what follows: a file damaged on disk (a crash while
# writing, a full disk) is never handed to the engine, which does not check every compiled form
_HEADER = b"canirun compiled patterns\n"
_DIGEST_SIZE = 32
_PACKAGE = Path(__file__).resolve().parent

# (pattern, flags as asked, flags compiled, code, groups, groupindex, indexgroup)
Entry = tuple[Any, int, int, list[int] | None, int, dict[str, int], tuple[Any, ...]]
Key = tuple[type, Any, int]


@dataclass
class Patterns:
    """The compiled forms a run started with, by `re`'s cache key, and where they are kept."""

    path: Path | None
    entries: dict[Key, Entry] = field(default_factory=dict)


def _path() -> Path | None:
    if not _SUPPORTED:
        return None
    engine = f"{_FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_PACKAGE}"
    return cache_file("patterns", engine)


def cache_file(kind: str, engine: str, suffix: str = ".pickle") -> Path | None:
    """Where the cache directory keeps `kind` compiled for `engine` (what the compiled form depends
    on, which names the file); None when the cache is turned off or there is no home directory to
    find it in."""
    try:
        where = cache_dir()
    except (OSError, RuntimeError, ValueError):
        return None
    if where is None:
        return None
    tag = hashlib.blake2b(engine.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return where / f"{kind}-{tag}{suffix}"


def preload() -> Patterns:
    """Put the patterns kept by earlier runs into `re`'s cache; what was loaded, for `keep`."""
    path = _path()
    if path is None:
        return Patterns(None)
    kept = Patterns(path)
    entries = _read(path)
    if not isinstance(entries, list):
        return kept

    compiled: dict[Key, Any] = {}
    try:
        for entry in entries:
            pattern, asked, flags, code, groups, groupindex, indexgroup = entry
            key: Key = (type(pattern), pattern, asked)
            kept.entries[key] = entry
            if code is not None:  # None: a pattern that is compiled at every start (_compiled_form)
                compiled[key] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    except Exception:  # a form this engine does not take: every pattern is compiled as before
        return Patterns(path)
    limit: int = getattr(re, "_MAXCACHE", 512)
    room = limit - len(re._cache)  # type: ignore[attr-defined]
    for key, p in list(compiled.items())[: max(room, 0)]:
        re._cache.setdefault(key, p)  # type: ignore[attr-defined]
    return kept


def keep(kept: Patterns) -> None:
    """Write the compiled form of the patterns in `re`'s cache that the file lacks: all of them when
    there is no file yet, else those the previous run lacked too."""
    if kept.path is None:
        return
    cached: dict[Key, Any] = dict(re._cache)  # type: ignore[attr-defined]
    missing = [key for key in cached if key not in kept.entries]
    if not missing:
        return
    pending_path = kept.path.with_suffix(".pending")
    before = _read_keys(pending_path) if kept.entries else set(missing)
    added = [key for key in missing if key in before]
    if added:
        # what this run used first, then what it added, then the rest: never more than `re` caches
        used = [entry for key, entry in kept.entries.items() if key in cached]
        rest = [entry for key, entry in kept.entries.items() if key not in cached]
        entries = [*used, *(_compiled_form(key, cached[key]) for key in added), *rest]
        _write(kept.path, entries[: getattr(re, "_MAXCACHE", 512)])
    still = [key for key in missing if key not in before]
    if set(still) != before:
        _write(pending_path, [(pattern, asked) for _, pattern, asked in still])


class _PlainUnpickler(pickle.Unpickler):
    """Reads strings, numbers, lists, tuples and dicts only: a file that names any class or function
    is refused, so reading it can never run code."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _read(path: Path) -> Any:
    """What `_write` put in `path`; None when the file is not this user's alone, is damaged, or holds
    anything but plain data."""
    payload = checked_payload(path, _HEADER)
    if payload is None:
        return None
    try:
        return _PlainUnpickler(io.BytesIO(payload)).load()
    except Exception:  # refused or unreadable: as if there were no file
        return None


def checked_payload(path: Path, header: bytes) -> bytes | None:
    """What `write_checked` put in `path` after `header`; None when the file is not this user's
    alone, starts otherwise, or does not carry the digest of its content (damaged on disk)."""
    raw = own_file_bytes(path)
    if raw is None or not raw.startswith(header):
        return None
    digest = raw[len(header) : len(header) + _DIGEST_SIZE]
    payload = raw[len(header) + _DIGEST_SIZE :]
    if hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest() != digest:
        return None
    return payload


def _read_keys(path: Path) -> set[Key]:
    """The patterns (and flags) listed in `path`; none when it cannot be read."""
    listed = _read(path)
    try:
        return {(type(pattern), pattern, asked) for pattern, asked in listed}
    except Exception:  # no file, or not a list of pairs
        return set()


def _compiled_form(key: Key, compiled: Any) -> Entry:
    """What `_sre.compile` takes to make `compiled` again; without the code (None) when it cannot be
    kept (a pattern whose code depends on the locale, or an engine that compiles differently), so
    that the pattern is compiled at every start without being written again."""
    _, pattern, asked = key
    not_kept: Entry = (pattern, asked, asked, None, 0, {}, ())
    if not isinstance(compiled, re.Pattern) or asked & (re.LOCALE | re.DEBUG):
        return not_kept
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, asked)
        code = [int(op) for op in _compiler._code(parsed, asked)]  # opcodes are named ints
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[Any] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry: Entry = (
            pattern,
            asked,
            asked | parsed.state.flags,
            code,
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        again = _sre.compile(pattern, *entry[2:])
    except Exception:  # any difference in the engine: the pattern is compiled at every start
        return not_kept
    same = again == compiled and again.groups == compiled.groups and again.groupindex == compiled.groupindex
    return entry if same else not_kept


def _write(path: Path, content: list[Any]) -> None:
    """Write `content` to `path` atomically; any failure leaves the file as it was."""
    try:
        payload = pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return
    write_checked(path, _HEADER, payload)


def write_checked(path: Path, header: bytes, payload: bytes) -> None:
    """Write `header`, the digest of `payload` and `payload` to `path` atomically, readable by the
    user alone (as the data cache's entries are); any failure leaves the file as it was."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        digest = hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest()
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
            f.write(header + digest + payload)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
