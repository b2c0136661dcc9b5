"""Which store a process gets: Redis when a URL is configured, else the embedded one.

A bot keeps state that must survive a restart (exactly-once replies, opt-outs, saved rigs): when
neither Redis nor a writable SQLite file is there, it refuses to start (`StoreNotDurable`) rather
than run on memory and forget everything at the next restart. Only the CLI, whose state is a
cache, may fall back to memory, and it says so.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import ConfigError
from ._embedded import EmbeddedStore
from ._memory import MemoryStore
from ._protocols import Store

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["StoreNotDurable", "default_data_dir", "store_from_settings"]

log = logging.getLogger("canirun.store")


class StoreNotDurable(ConfigError):
    """No durable store could be opened (no Redis URL, and the SQLite file cannot be written)."""


def default_data_dir() -> Path:
    env = os.environ.get("CANIRUN_DATA_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) / "canirun" if xdg else Path.home() / ".local" / "share" / "canirun"


def store_from_settings(settings: Settings, *, metrics: Any = None, allow_memory: bool = False) -> Store:
    """RedisStore when a Redis URL is set, else the embedded store under the data dir.

    When the SQLite file cannot be opened for writing: StoreNotDurable, or with `allow_memory` a
    MemoryStore and a warning (the CLI: answers still come, nothing is kept). With `allow_memory`
    a file not there yet is created by the first write, not by opening the store."""
    if settings.redis_url:
        from ._redis import RedisStore

        return RedisStore(settings.redis_url, metrics=metrics)
    data_dir = settings.data_dir or default_data_dir()
    path = data_dir / "canirun.sqlite3"
    try:
        return EmbeddedStore(path, create_on_write=allow_memory)  # a CLI question creates no file
    except (OSError, sqlite3.Error) as err:
        why = getattr(err, "strerror", None) or str(err)
        if not allow_memory:
            raise StoreNotDurable(
                f"cannot write the state file {path} ({why}): set CANIRUN_DATA_DIR to a writable "
                "folder or CANIRUN_REDIS_URL; a bot will not run on memory, which forgets replies, "
                "opt-outs and saved rigs at every restart"
            ) from None
        log.warning("cannot write the state file %s (%s): nothing is kept after this run", path, why)
        return MemoryStore()
