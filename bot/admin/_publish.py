"""Staging changes (the draft), checking an overlay, and publishing it without losing a concurrent one.

The draft is a local overlay-shaped file (the admin's pending change set: entries to add or
replace, ids to remove). `publish` applies it on top of the latest published overlay, checks the
result, and writes it as the next version, holding the store's `catalog-publish` lock. Should two
publishes still interleave (a store whose lock is not atomic across processes), the one whose
version is not `latest + 1` replays the versions it skipped — each record names its own change —
and publishes again, so no change is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import os
import random
import socket
import time
import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sizing import Catalog
from sizing.catalog import quant_by_id, total_params
from sizing.vocabulary import MAX_CONTEXT, PARAM_TOLERANCE

from ..catalog_live import Overlay, OverlayError, apply_overlay, dump_overlay, parse_overlay
from ..stores import CatalogRecord, EmbeddedStore, Store
from ._common import AdminError

try:  # POSIX: an OS file lock makes SQLite-store publishes exclusive across processes
    import fcntl
except ImportError:  # pragma: no cover - Windows: the store's lock rows only
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "Change",
    "apply_change",
    "check_overlay",
    "default_author",
    "latest",
    "publish",
    "read_draft",
    "write_draft",
]

LOCK = "catalog-publish"
LOCK_TTL_S = 60.0
LOCK_WAIT_S = 15.0
MAX_REPLAYS = 16


@dataclass
class Change:
    """Entries to set (add or replace) and ids to remove; or a whole overlay to restore (rollback)."""

    set: dict[str, dict[str, Any]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    restored_from: int | None = None
    restore: Overlay | None = None

    @property
    def is_empty(self) -> bool:
        return not self.set and not self.removed and self.restore is None

    def summary(self) -> dict[str, Any]:
        return {"set": list(self.set), "removed": list(self.removed), "restored_from": self.restored_from}

    def describe(self) -> str:
        if self.restored_from is not None:
            return f"rollback to v{self.restored_from}"
        parts = []
        if self.set:
            parts.append("set " + ", ".join(self.set))
        if self.removed:
            parts.append("remove " + ", ".join(self.removed))
        return "; ".join(parts) or "no change"


def apply_change(overlay: Overlay, change: Change, bundled_ids: Iterable[str], parent: int | None) -> Overlay:
    """The overlay after `change`; removing a bundled id records it in `removed`."""
    bundled = set(bundled_ids)
    source = change.restore if change.restore is not None else overlay
    models = {k: dict(v) for k, v in source.models.items()}
    removed = list(source.removed)
    for mid in change.removed:
        models.pop(mid, None)
        if mid in bundled and mid not in removed:
            removed.append(mid)
    for mid, entry in change.set.items():
        models[mid] = dict(entry)
        if mid in removed:
            removed.remove(mid)
    return Overlay(models=models, removed=tuple(removed), parent=parent, change=change.summary())


def read_draft(path: Path) -> Change:
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except OSError as err:
        raise AdminError(f"cannot read the draft {path}: {err.strerror or err}") from None
    try:
        doc = parse_overlay(text, str(path))
    except OverlayError as err:
        raise AdminError(
            f"the draft {path} is damaged", problems=err.problems, hint="delete it to start over"
        ) from None
    return Change(set={k: dict(v) for k, v in doc.models.items()}, removed=list(doc.removed))


def write_draft(path: Path, change: Change) -> None:
    """Atomically replace the draft (an empty change deletes it)."""
    try:
        if change.is_empty:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(
            dump_overlay(Overlay(models=change.set, removed=tuple(change.removed))), encoding="utf-8"
        )
        os.replace(tmp, path)
    except OSError as err:
        raise AdminError(f"cannot write the draft {path}: {err.strerror or err}") from None


async def latest(store: Store) -> tuple[int, Overlay]:
    record = await store.catalog_latest()
    if record is None:
        return 0, Overlay()
    return record.version, _overlay(record)


def _overlay(record: CatalogRecord) -> Overlay:
    try:
        return parse_overlay(record.yaml_text, f"catalog v{record.version}")
    except OverlayError as err:
        raise AdminError(f"published version {record.version} is unreadable", problems=err.problems) from None


def check_overlay(overlay: Overlay, base: Catalog) -> tuple[Catalog, list[str], list[str]]:
    """(the catalog it gives, problems that block publishing, warnings)."""
    models, problems = apply_overlay(base.models, overlay, "overlay")
    known = {m.id for m in base.models} | set(overlay.models)
    warnings = [f"removed id '{r}' is not in the bundled catalog" for r in overlay.removed if r not in known]
    by_id = {m.id: m for m in models}
    for mid in overlay.models:
        spec = by_id.get(mid)
        if spec is None:
            continue
        for f in spec.gguf_files:
            try:
                quant_by_id(f.quant)
            except Exception:
                problems.append(f"overlay[{mid}]: gguf_files.quant: unknown quantization '{f.quant}'")
        if spec.max_context > MAX_CONTEXT:  # no answer could size it: the CLI's and /v1's bound
            problems.append(
                f"overlay[{mid}]: max_context {spec.max_context:,} is past the longest context canirun "
                f"sizes ({MAX_CONTEXT:,} tokens)"
            )
        derived = total_params(spec) / 1e9 + (spec.vision_params_b or 0) + (spec.extra_params_b or 0)
        err = derived / spec.params_b - 1
        if abs(err) > PARAM_TOLERANCE:
            warnings.append(
                f"overlay[{mid}]: shapes give {derived:.2f}B, params_b says {spec.params_b:g}B ({err:+.1%})"
            )
    return Catalog.build(models, label="draft"), problems, warnings


def default_author() -> str:
    env = os.environ.get("CANIRUN_ADMIN_AUTHOR")
    if env:
        return env
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "admin"
    return f"{user}@{socket.gethostname()}"


def _replay(good: Overlay, record: CatalogRecord, states: dict[int, Overlay], bundled: set[str]) -> Overlay:
    """`good` with the change a record made (as its own `change` says) applied."""
    doc = _overlay(record)
    ch = doc.change
    restored = ch.get("restored_from")
    if not ch or (restored is None and not ch.get("set") and not ch.get("removed")):
        return doc  # a record that does not say what it changed: take it whole
    change = Change(
        set={mid: dict(doc.models[mid]) for mid in ch.get("set") or [] if mid in doc.models},
        removed=[r for r in ch.get("removed") or [] if isinstance(r, str)],
    )
    if isinstance(restored, int):
        change.restored_from = restored
        change.restore = states.get(restored, doc)
    return apply_change(good, change, bundled, parent=record.version)


def _canonical(history: dict[int, CatalogRecord], bundled: set[str]) -> Overlay:
    """Every version's change applied in version order: what the overlay holds when nothing is lost.

    Used after a collision, so that a version published on an incomplete base (by a publish that
    is itself still catching up) is never taken as the starting point.
    """
    states: dict[int, Overlay] = {0: Overlay()}
    good = Overlay()
    for v in sorted(history):
        good = _replay(good, history[v], states, bundled)
        states[v] = good
    return good


@contextlib.asynccontextmanager
async def _exclusive(store: Store, owner: str) -> AsyncIterator[None]:
    """The store's publish lock; for the SQLite store also an OS file lock (its lock rows are not
    atomic across processes), so admin publishes do not interleave."""
    deadline = time.monotonic() + LOCK_WAIT_S

    async def wait() -> None:
        if time.monotonic() > deadline:
            raise AdminError("another publish holds the catalog lock", hint="try again in a minute")
        await asyncio.sleep(0.02)

    fd: int | None = None
    if isinstance(store, EmbeddedStore) and fcntl is not None:
        fd = os.open(store.path.with_name(store.path.name + ".publish-lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        while fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                await wait()
        while not await store.lock_acquire(LOCK, owner, LOCK_TTL_S):
            await wait()
        try:
            yield
        finally:
            with contextlib.suppress(Exception):  # the lock expires by itself; never hide the result
                await store.lock_release(LOCK, owner)
    finally:
        if fd is not None:
            os.close(fd)  # releases the file lock


async def publish(
    store: Store, change: Change, base: Catalog, *, author: str, note: str
) -> tuple[int, Overlay, list[str]]:
    """Publish `change` on top of the latest version. Returns (version, overlay, warnings)."""
    bundled = {m.id for m in base.models}
    async with _exclusive(store, uuid.uuid4().hex):
        good_version, good = await latest(store)
        warnings: list[str] = []
        for attempt in range(MAX_REPLAYS):
            new = apply_change(good, change, bundled, parent=good_version)
            if attempt == 0:  # a replay adds only entries other publishes already checked
                _, problems, warnings = await asyncio.to_thread(check_overlay, new, base)
                if problems:
                    raise AdminError("the catalog would not validate; nothing published", problems=problems)
            version = await store.catalog_publish(dump_overlay(new), author, note)
            if version == good_version + 1:
                return version, new, warnings
            # someone published between our read and our write (a lock that did not hold): rebuild
            # the overlay from every version's change (ours included), and publish again unless
            # the latest version already holds all of it
            await asyncio.sleep(random.uniform(0, 0.01 * 2 ** min(attempt, 6)))
            history = {r.version: r for r in await store.catalog_history()}
            good_version = max(history, default=version)
            good = await asyncio.to_thread(_canonical, history, bundled)
            live = _overlay(history[good_version]) if good_version in history else None
            if live is not None and live.content() == apply_change(good, change, bundled, None).content():
                return good_version, live, warnings
        raise AdminError("the catalog keeps changing under this publish", hint="try again in a moment")
