"""Where state lives: the answer cache, rate limits, saved rigs, the Reddit ledger, locks, small
values, the published catalog and the models read from the Hub, each behind its own protocol
(`_protocols`).

    MemoryStore      this process only (tests, previews)
    EmbeddedStore    the default: answers cached in process, the rest in a SQLite file
    RedisStore       shared by every process of a deployment (needs the `bot` extras)

`store_from_settings` picks one. RedisStore is imported on first use, so the CLI runs without
the redis package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._embedded import EmbeddedStore
from ._factory import StoreNotDurable, default_data_dir, store_from_settings
from ._memory import MemoryStore
from ._protocols import (
    LEDGER_KEEP_S,
    AnswerCache,
    CatalogRecord,
    CatalogVersions,
    CatalogWatch,
    KeyValues,
    Locks,
    ProvisionalModels,
    RateLimits,
    ReplyLedger,
    RigStore,
    Store,
    StoreUnavailable,
)

if TYPE_CHECKING:
    from ._redis import CATALOG_CHANNEL, PREFIX, PUBLISH_SCRIPT, RedisBudgets, RedisStore

__all__ = [
    "CATALOG_CHANNEL",
    "LEDGER_KEEP_S",
    "PREFIX",
    "PUBLISH_SCRIPT",
    "AnswerCache",
    "CatalogRecord",
    "CatalogVersions",
    "CatalogWatch",
    "EmbeddedStore",
    "KeyValues",
    "Locks",
    "MemoryStore",
    "ProvisionalModels",
    "RateLimits",
    "RedisBudgets",
    "RedisStore",
    "ReplyLedger",
    "RigStore",
    "Store",
    "StoreNotDurable",
    "StoreUnavailable",
    "default_data_dir",
    "store_from_settings",
]

_REDIS = ("CATALOG_CHANNEL", "PREFIX", "PUBLISH_SCRIPT", "RedisBudgets", "RedisStore")


def __getattr__(name: str) -> Any:
    if name in _REDIS:
        from . import _redis

        return getattr(_redis, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
