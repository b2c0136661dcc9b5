"""The live catalog: the bundled models plus the overlay that `canirun-admin catalog publish` stores.

The overlay document (CatalogRecord.yaml_text of each published version) is YAML:

    format: 1
    models:                      # entries that add to the bundled catalog, or replace one by id
      - id: smollm2-1.7b-instruct
        name: SmolLM2-1.7B-Instruct
        ...                      # every ModelSpec field, as in sizing/catalog/data/models/*.yaml
    removed: [some-id]           # ids taken out of the bundled catalog
    parent: 6                    # written by publish: the version this one was built on
    change:                      # written by publish: what this version changed, for history
      set: [smollm2-1.7b-instruct]
      removed: [some-id]
      restored_from: null        # a rollback names the version whose content it restores

Each version holds the whole overlay, not a delta, so a bot needs only the latest record. A bare
YAML list of entries reads as `models` with nothing removed; version 0 (nothing published) is the
bundled catalog as shipped.

`LiveCatalog(store, poll_s=...).get` is what AnswerService takes as `catalog=`: cheap while
nothing changed (no store call until `poll_s` has passed), a new version within `poll_s` of its
publication by polling `catalog_version()`, at once when the store is a RedisStore (it listens on
the `canirun:catalog` channel). The Catalog's version reads `live<N>-<content hash>`, so answer
cache keys change with every published version and no answer from an older catalog is served.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sizing import Catalog, ModelSpec, default_catalog
from sizing.catalog import parse_model_entries

from .stores import CatalogRecord, CatalogVersions, CatalogWatch

if TYPE_CHECKING:
    pass

__all__ = [
    "LiveCatalog",
    "Overlay",
    "OverlayError",
    "apply_overlay",
    "build_catalog",
    "dump_overlay",
    "parse_overlay",
]

log = logging.getLogger("canirun.catalog")

FORMAT = 1
_KEYS = {"format", "models", "removed", "parent", "change"}


class OverlayError(Exception):
    """An overlay document that cannot be read; `problems` names each one."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Overlay:
    """Entries by id (raw dicts, in order), removed ids, and where this version came from."""

    models: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    removed: tuple[str, ...] = ()
    parent: int | None = None
    change: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.models and not self.removed

    def content(self) -> tuple[dict[str, Any], tuple[str, ...]]:
        """What the overlay does to the catalog (two overlays with equal content act the same)."""
        return {k: dict(v) for k, v in self.models.items()}, tuple(sorted(self.removed))


def parse_overlay(text: str | None, where: str = "overlay") -> Overlay:
    """Read an overlay document (or a bare list of entries). Raises OverlayError."""
    if not text or not text.strip():
        return Overlay()
    import yaml  # only when an overlay is read: a plain question never parses one

    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise OverlayError([f"{where}: not valid YAML{at}: {getattr(err, 'problem', None) or err}"]) from None
    if raw is None:
        return Overlay()
    if isinstance(raw, list):
        raw = {"models": raw}
    if not isinstance(raw, dict):
        raise OverlayError([f"{where}: expected a list of model entries or a mapping with 'models'"])
    problems = [
        f"{where}: unknown key '{k}' (expected {', '.join(sorted(_KEYS))})" for k in raw if k not in _KEYS
    ]
    if raw.get("format", FORMAT) != FORMAT:
        problems.append(f"{where}: format {raw.get('format')!r} is not supported (this reads {FORMAT})")
    models_raw = raw.get("models") or []
    removed_raw = raw.get("removed") or []
    if not isinstance(models_raw, list):
        problems.append(f"{where}: models must be a list of entries")
        models_raw = []
    if not isinstance(removed_raw, list) or not all(isinstance(r, str) for r in removed_raw):
        problems.append(f"{where}: removed must be a list of model ids")
        removed_raw = []
    models: dict[str, Mapping[str, Any]] = {}
    for i, item in enumerate(models_raw):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(f"{where}[{i}]: each entry needs an 'id'")
            continue
        if item["id"] in models:
            problems.append(f"{where}[{item['id']}]: id appears twice")
        models[item["id"]] = item
    if problems:
        raise OverlayError(problems)
    parent = raw.get("parent")
    change = raw.get("change")
    return Overlay(
        models=models,
        removed=tuple(dict.fromkeys(removed_raw)),
        parent=parent if isinstance(parent, int) else None,
        change=change if isinstance(change, dict) else {},
    )


def dump_overlay(overlay: Overlay) -> str:
    doc: dict[str, Any] = {"format": FORMAT}
    if overlay.parent is not None:
        doc["parent"] = overlay.parent
    if overlay.change:
        doc["change"] = dict(overlay.change)
    doc["models"] = [dict(m) for m in overlay.models.values()]
    doc["removed"] = list(overlay.removed)
    import yaml

    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=110)


def apply_overlay(
    base: Iterable[ModelSpec], overlay: Overlay, where: str = "overlay"
) -> tuple[list[ModelSpec], list[str]]:
    """The base models with the overlay's removals and entries applied; invalid entries are skipped."""
    specs, problems = parse_model_entries([dict(m) for m in overlay.models.values()], where)
    gone = set(overlay.removed)
    by_id = {m.id: m for m in base if m.id not in gone}
    for s in specs:
        by_id[s.id] = s
    return list(by_id.values()), problems


def build_catalog(overlay: Overlay, version: int, base: Catalog | None = None) -> tuple[Catalog, list[str]]:
    """The catalog a version of the overlay gives; its version string carries `version`."""
    base = base or default_catalog()
    if version <= 0:
        return base, []
    models, problems = apply_overlay(base.models, overlay, f"catalog v{version}")
    return Catalog.build(models, label=f"live{version}"), problems


class LiveCatalog:
    """Bundled catalog + the latest published overlay, refreshed when the store's version moves."""

    def __init__(self, store: CatalogVersions, *, poll_s: float = 15.0, base: Catalog | None = None) -> None:
        self.store = store
        self.poll_s = poll_s
        self._base = base
        self._catalog: Catalog | None = None
        self._version = -1
        self._checked = float("-inf")
        self._dirty = False
        self._lock = asyncio.Lock()
        self._listener: asyncio.Task[None] | None = None
        self._closed = False

    @property
    def version(self) -> int:
        """The overlay version now served (0: bundled only; -1: not loaded yet)."""
        return self._version

    async def get(self) -> Catalog:
        """The current catalog. Never raises for a store outage: the last good catalog is kept."""
        catalog = self._catalog
        if catalog is not None and not self._dirty and time.monotonic() - self._checked < self.poll_s:
            return catalog
        async with self._lock:
            if (
                self._catalog is not None
                and not self._dirty
                and time.monotonic() - self._checked < self.poll_s
            ):
                return self._catalog
            self._dirty = False
            self._start_listener()
            await self._refresh()
            assert self._catalog is not None
            return self._catalog

    async def _base_catalog(self) -> Catalog:
        if self._base is None:
            self._base = await asyncio.to_thread(default_catalog)
            # the bundled catalog lives as long as the process: a full garbage collection that walked it
            # again would stall one answer for tens of milliseconds, so collections leave it out
            gc.freeze()
        return self._base

    async def _refresh(self) -> None:
        self._checked = time.monotonic()
        try:
            version = await self.store.catalog_version()
            if version == self._version and self._catalog is not None:
                return
            record = await self.store.catalog_latest() if version else None
        except Exception as err:  # a store outage must not take answering down: keep what we have
            log.warning("live catalog: store unavailable (%s); keeping version %s", err, self._version)
            if self._catalog is None:
                self._catalog = await self._base_catalog()
            return
        await self._load(record)

    async def _load(self, record: CatalogRecord | None) -> None:
        base = await self._base_catalog()
        if record is None:
            self._catalog, self._version = base, 0
            return
        try:
            overlay = parse_overlay(record.yaml_text, f"catalog v{record.version}")
            catalog, problems = await asyncio.to_thread(build_catalog, overlay, record.version, base)
        except OverlayError as err:
            log.error(
                "live catalog v%s is unreadable (%s); keeping version %s", record.version, err, self._version
            )
            self._catalog = self._catalog or base
            self._version = record.version  # do not retry a broken record until the next version
            return
        for p in problems:
            log.error("live catalog v%s: skipped entry: %s", record.version, p)
        self._catalog, self._version = catalog, record.version
        log.info("live catalog: serving version %s (%s)", record.version, catalog.version)

    # --- a store that announces versions (Redis pub/sub): hear about a new one at once ---------

    def _start_listener(self) -> None:
        if self._listener is not None or self._closed or not isinstance(self.store, CatalogWatch):
            return
        self._listener = asyncio.get_running_loop().create_task(self.store.watch_catalog(self._changed))

    def _changed(self) -> None:
        self._dirty = True

    async def close(self) -> None:
        self._closed = True
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
            self._listener = None
