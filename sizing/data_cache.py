"""The bundled YAML data, pre-parsed: a cold start reads a pickle instead of parsing YAML again.

Each bundled file's parsed content is kept in the user's cache directory
($CANIRUN_CACHE_DIR, else $XDG_CACHE_HOME/canirun, else ~/.cache/canirun), under a name that
carries a hash of the file's bytes: an edited or upgraded file has a new hash, so it is parsed
again and its old entry replaced. The cache is only ever a shortcut: a directory that cannot be
made or written, or an entry that cannot be read, means parsing the YAML as before, never an error.
CANIRUN_CACHE_DIR set to an empty string turns it off. Files outside the package (a data file a
caller names) are never cached. What is built from the bundled data (an index) is kept the same way
(`load_built`), under a hash of exactly what it is built from and of the code that builds it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "files_digest", "installed", "load_built", "load_cached", "own_file_bytes"]

_PACKAGE = Path(__file__).resolve().parent
# what a pickled entry depends on besides the file's bytes: this format, and the Python and
# loader that parsed it (a YAML loader may read the same text differently across versions)
_FORMAT = "1"


def cache_dir() -> Path | None:
    """Where the parsed data is kept, or None when the cache is turned off."""
    named = os.environ.get("CANIRUN_CACHE_DIR")
    if named is not None:
        return Path(named).expanduser() if named.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "canirun"


def own_file_bytes(path: Path) -> bytes | None:
    """The bytes of `path` when it is a regular file of this user that no one else may write; None
    when it is not, or cannot be read. A cache entry is read only from such a file: whoever else can
    write the cache directory (a shared volume) cannot put there what a start then loads."""
    try:
        with path.open("rb") as f:
            st = os.fstat(f.fileno())
            owner = getattr(os, "getuid", None)
            if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o022:
                return None
            if owner is not None and st.st_uid != owner():
                return None
            return f.read()
    except OSError:
        return None


def _load_entry(entry: Path) -> Any:
    """A cache entry's content, or None when there is none that can be trusted and read (an entry
    of ours that a crash or a full disk left damaged can raise anything while it is unpickled)."""
    raw = own_file_bytes(entry)
    if raw is None:
        return None
    try:
        return pickle.loads(raw)  # our own entry, in the user's own cache directory
    except Exception:  # a damaged entry: parsed again and rewritten
        return None


def load_cached(
    path: Path,
    parse: Callable[[bytes], Any],
    *,
    version: str,
    directory: Path | None = None,
    bundled: Path = _PACKAGE,
) -> Any:
    """`parse(path's bytes)`, from the cache in `directory` (default: `cache_dir()`) when an entry
    for exactly these bytes is there, and written there when not. `version` names the parser (its
    library's version); only files under `bundled` are cached. Raises OSError when `path` cannot
    be read, and whatever `parse` raises."""
    raw = path.read_bytes()
    where = directory if directory is not None else cache_dir()
    resolved = path.resolve()
    if where is None or not resolved.is_relative_to(bundled.resolve()):
        return parse(raw)
    place = _place(resolved)
    content = hashlib.blake2b(raw, digest_size=16)
    content.update(f"{_FORMAT}|{sys.version_info[:2]}|{version}".encode())
    prefix = f"{path.stem}-{place}-"
    entry = where / f"{prefix}{content.hexdigest()}.pickle"
    kept = _load_entry(entry)
    if kept is not None:
        return kept
    data = parse(raw)  # no entry yet, or an unreadable one: parse, and write it
    _store(where, entry, prefix, data)
    return data


def load_built(
    name: str,
    inputs: bytes,
    build: Callable[[], Any],
    *,
    version: str,
    kind: type,
    directory: Path | None = None,
) -> Any:
    """`build()`, from the cache in `directory` (default: `cache_dir()`) when an entry named `name`
    for exactly these `inputs` and `version` (a hash of the code that builds it) is there and holds
    a `kind`, and written there when not. One entry is kept per name and installed package: other
    inputs replace it, while another install (a second virtual environment, another checkout) keeps
    its own instead of rebuilding over it at every start of either."""
    where = directory if directory is not None else cache_dir()
    if where is None:
        return build()
    content = hashlib.blake2b(inputs, digest_size=16)
    content.update(f"{_FORMAT}|{sys.version_info[:2]}|{version}".encode())
    prefix = f"{name}-{_place(_PACKAGE)}-"
    entry = where / f"{prefix}{content.hexdigest()}.pickle"
    kept = _load_entry(entry)
    if isinstance(kept, kind):
        return kept
    built = build()  # no entry yet, or an unreadable one: build, and write it
    _store(where, entry, prefix, built)
    return built


def _place(path: Path) -> str:
    """A short name for where a file or package lies: entries of different installs stay apart."""
    return hashlib.blake2b(str(path).encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()


def files_digest(paths: Iterable[Path], root: Path = _PACKAGE) -> bytes:
    """What `load_built` keys an entry on when it is built from files (data, and the code that reads
    it): each file's name under `root` and a hash of its bytes, in name order."""
    out = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in paths if p.is_file()):
        out.update(f"{path.relative_to(root).as_posix()}\0".encode("utf-8", "surrogatepass"))
        out.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return out.digest()


def installed(package: str) -> str:
    """An installed library, named for a cache key without importing it: the file it loads from,
    and that file's size and modification time (an upgrade or a reinstall rewrites it)."""
    spec = importlib.util.find_spec(package)
    origin = spec.origin if spec is not None else None
    if origin is None:
        return f"{package} (not found)"
    stat = os.stat(origin)
    return f"{package} {origin} {stat.st_size} {stat.st_mtime_ns}"


def _store(where: Path, entry: Path, prefix: str, data: Any) -> None:
    """Write `entry` atomically and remove older entries of the same file; any failure leaves the
    cache as it was (it is a shortcut only)."""
    import tempfile  # only when an entry is written: a warm cache's reads need none of it

    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in where.glob(f"{prefix}*.pickle"):
            if old != entry:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, RecursionError):
        return
