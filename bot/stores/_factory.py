"""Which store a process gets: Redis when a URL is configured, else the embedded one."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._embedded import EmbeddedStore
from ._memory import MemoryStore
from ._protocols import Store

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["default_data_dir", "store_from_settings"]

log = logging.getLogger("canirun.store")


def default_data_dir() -> Path:
    env = os.environ.get("CANIRUN_DATA_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) / "canirun" if xdg else Path.home() / ".local" / "share" / "canirun"


def store_from_settings(settings: Settings, *, metrics: Any = None) -> Store:
    """RedisStore when a Redis URL is set, else the embedded store under the data dir."""
    if settings.redis_url:
        from ._redis import RedisStore

        return RedisStore(settings.redis_url, metrics=metrics)
    data_dir = settings.data_dir or default_data_dir()
    try:
        return EmbeddedStore(data_dir / "canirun.sqlite3")
    except (OSError, sqlite3.Error) as err:
        log.warning("no writable data dir (%s): state kept in memory only", err)
        return MemoryStore()
