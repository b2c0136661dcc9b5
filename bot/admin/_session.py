"""One admin command's session: settings, output, the store (opened on first use) and the draft."""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sizing import Catalog, ModelSpec, default_catalog

from ..catalog_live import Overlay, build_catalog
from ..config import Settings
from ..stores import Store, StoreNotDurable, default_data_dir, store_from_settings
from ._common import AdminError, Out
from ._publish import Change, latest, read_draft

__all__ = ["Session", "entry_dict"]


def entry_dict(spec: ModelSpec) -> dict[str, Any]:
    """A spec as the YAML entry an admin would write (defaults left out)."""
    return spec.model_dump(mode="json", exclude_defaults=True)


@dataclass
class Session:
    settings: Settings
    out: Out
    args: argparse.Namespace
    draft_path: Path
    _store: Store | None = field(default=None, init=False)

    @classmethod
    def make(cls, settings: Settings, out: Out, args: argparse.Namespace) -> Session:
        draft = getattr(args, "draft", None)
        path = Path(draft) if draft else (settings.data_dir or default_data_dir()) / "catalog-draft.yaml"
        return cls(settings, out, args, path)

    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = store_from_settings(self.settings)
            except StoreNotDurable as err:
                raise AdminError(
                    f"no durable store: {err}",
                    hint="set CANIRUN_REDIS_URL, or CANIRUN_DATA_DIR to a writable directory",
                ) from None
        return self._store

    async def close(self) -> None:
        if self._store is not None:
            store, self._store = self._store, None
            await store.close()

    async def bundled(self) -> Catalog:
        return await asyncio.to_thread(default_catalog)

    async def live(self) -> tuple[int, Overlay, Catalog]:
        """The latest published version, its overlay, and the catalog it gives."""
        version, overlay = await latest(self.store())
        catalog, problems = await asyncio.to_thread(build_catalog, overlay, version, await self.bundled())
        for p in problems:
            self.out.warn(f"published v{version}: {p}")
        return version, overlay, catalog

    def draft(self) -> Change:
        return read_draft(self.draft_path)
