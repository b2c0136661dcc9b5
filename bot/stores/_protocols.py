"""What a store is, concern by concern: each consumer asks only for the part it uses.

    AnswerCache      get/set with a TTL                         (fail open: a miss)
    RateLimits       token buckets per asker                     (fail open: allowed)
    RigStore         saved rigs per (platform, user)             (durable; writes fail loudly)
    ReplyLedger      claim an item before replying, record after (durable)
    KeyValues        small durable values and counters           (durable)
    Locks            one owner at a time, with renewal           (fail closed: not the owner)
    CatalogVersions  published catalog overlays, numbered        (durable)
    ProvisionalModels  models read from the Hub, not reviewed    (durable)

`Store` is all of them together, which every store in this package is: `MemoryStore` (this
process only), `EmbeddedStore` (plus a SQLite file) and `RedisStore` (shared by processes). All
three pass the same contract tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

__all__ = [
    "LEDGER_KEEP_S",
    "AnswerCache",
    "CatalogRecord",
    "CatalogVersions",
    "CatalogWatch",
    "KeyValues",
    "Locks",
    "ProvisionalModels",
    "RateLimits",
    "ReplyLedger",
    "RigStore",
    "Store",
    "StoreUnavailable",
]


LEDGER_KEEP_S = 30 * 24 * 3600


class StoreUnavailable(Exception):
    """A write that must not be lost could not be stored. The message is safe to show users."""


@dataclass(frozen=True, slots=True)
class CatalogRecord:
    version: int
    yaml_text: str
    author: str
    note: str
    at: float


class AnswerCache(Protocol):
    """Answers by key, for `ttl_s` seconds. Fails open: trouble reads as a miss."""

    async def cache_get(self, key: str) -> str | None: ...
    async def cache_set(self, key: str, value: str, ttl_s: int) -> None: ...
    async def cache_stats(self) -> dict[str, int]: ...
    async def cache_flush(self) -> int: ...


class RateLimits(Protocol):
    """A token bucket per key -> (allowed, seconds until the next token). Fails open."""

    async def rate_limit(self, key: str, capacity: int, refill_per_s: float) -> tuple[bool, float]: ...


class RigStore(Protocol):
    """Saved rigs per (platform, user); export and delete per user for privacy requests."""

    async def rig_get(self, platform: str, user: str) -> str | None: ...
    async def rig_set(self, platform: str, user: str, text: str) -> None: ...
    async def rig_delete(self, platform: str, user: str) -> bool: ...
    async def rigs_export(self, user: str) -> dict[str, str]: ...
    async def rigs_delete_user(self, user: str) -> int: ...


class ReplyLedger(Protocol):
    """Handled items (Reddit): claim one before replying, record the reply after. A recorded reply
    is kept `LEDGER_KEEP_S` (long after Reddit stops showing the item), a claim until its TTL."""

    async def ledger_claim(self, item: str, owner: str, ttl_s: int) -> bool: ...
    async def ledger_record(self, item: str, reply_id: str) -> None: ...
    async def ledger_get(self, item: str) -> str | None: ...
    async def ledger_release(self, item: str) -> None: ...


class KeyValues(Protocol):
    """Small durable values (opt-outs, menu state, command hashes) and counters. A value or counter
    with `ttl_s` is gone that long after its last write (a counter's expiry is set when it is
    created and not moved by later increments)."""

    async def kv_get(self, key: str) -> str | None: ...
    async def kv_set(self, key: str, value: str, ttl_s: float | None = None) -> None: ...
    async def kv_delete(self, key: str) -> bool: ...
    async def kv_incr(self, key: str, ttl_s: float | None = None) -> int: ...


class Locks(Protocol):
    """Named locks with one owner; acquiring again as the same owner renews."""

    async def lock_acquire(self, name: str, owner: str, ttl_s: float) -> bool: ...
    async def lock_release(self, name: str, owner: str) -> None: ...


class CatalogVersions(Protocol):
    """Published catalog overlays: versions count up from 1; history is oldest first."""

    async def catalog_latest(self) -> CatalogRecord | None: ...
    async def catalog_publish(self, yaml_text: str, author: str, note: str) -> int: ...
    async def catalog_history(self) -> list[CatalogRecord]: ...
    async def catalog_version(self) -> int: ...


class ProvisionalModels(Protocol):
    """Catalog entries read from the Hugging Face Hub for a question, kept (as JSON records) until an
    admin publishes or drops them; by key (the repo, revision and file read)."""

    async def provisional_get(self, key: str) -> str | None: ...
    async def provisional_put(self, key: str, record: str) -> None: ...
    async def provisional_list(self) -> dict[str, str]: ...
    async def provisional_drop(self, key: str) -> bool: ...


class Store(
    AnswerCache,
    RateLimits,
    RigStore,
    ReplyLedger,
    KeyValues,
    Locks,
    CatalogVersions,
    ProvisionalModels,
    Protocol,
):
    """Every concern in one store. `durable`: state survives a restart of this process."""

    durable: bool

    async def close(self) -> None: ...
    async def ping(self) -> bool: ...


@runtime_checkable
class CatalogWatch(Protocol):
    """A store that announces new catalog versions: `watch_catalog` calls `changed` on each one
    (and once on connecting, for any missed meanwhile) until it is cancelled."""

    async def watch_catalog(self, changed: Callable[[], None]) -> None: ...
