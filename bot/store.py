"""State behind one interface: Redis for deployments, the embedded default for one process.

What a store holds:
    answer cache        get/set with a TTL                         (fail open: a miss)
    rate limits         token buckets per asker                     (fail open: allowed)
    saved rigs          per (platform, user), export and delete     (durable; writes fail loudly)
    Reddit ledger       claim an item before replying, record after (durable)
    leader lock         one poller at a time, with renewal          (fail closed: not the leader)
    live catalog        published overlay + version + history       (durable)

`MemoryStore` keeps everything in the process (tests, the CLI without a data dir); `EmbeddedStore`
adds a SQLite file for the durable parts; `RedisStore` (bot/_redis_store.py) shares state across
processes. All three pass the same contract tests.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from .config import Settings

__all__ = [
    "CatalogRecord",
    "EmbeddedStore",
    "MemoryStore",
    "Store",
    "StoreUnavailable",
    "default_data_dir",
    "store_from_env",
    "store_from_settings",
]

log = logging.getLogger("canirun.store")
T = TypeVar("T")

CACHE_ENTRIES = 5000  # in-process answer cache size (LRU)


class StoreUnavailable(Exception):
    """A write that must not be lost could not be stored. The message is safe to show users."""


@dataclass(frozen=True, slots=True)
class CatalogRecord:
    version: int
    yaml_text: str
    author: str
    note: str
    at: float


class Store(Protocol):
    """What every store offers. Cache and rate limits fail open; the rest fails loudly."""

    durable: bool

    async def close(self) -> None: ...
    async def ping(self) -> bool: ...
    # answer cache
    async def cache_get(self, key: str) -> str | None: ...
    async def cache_set(self, key: str, value: str, ttl_s: int) -> None: ...
    async def cache_stats(self) -> dict[str, int]: ...
    async def cache_flush(self) -> int: ...
    # token bucket per key -> (allowed, seconds until the next token)
    async def rate_limit(self, key: str, capacity: int, refill_per_s: float) -> tuple[bool, float]: ...
    # saved rigs per (platform, user)
    async def rig_get(self, platform: str, user: str) -> str | None: ...
    async def rig_set(self, platform: str, user: str, text: str) -> None: ...
    async def rig_delete(self, platform: str, user: str) -> bool: ...
    async def rigs_export(self, user: str) -> dict[str, str]: ...
    async def rigs_delete_user(self, user: str) -> int: ...
    # handled-items ledger (Reddit): claim before replying, record the reply after
    async def ledger_claim(self, item: str, owner: str, ttl_s: int) -> bool: ...
    async def ledger_record(self, item: str, reply_id: str) -> None: ...
    async def ledger_get(self, item: str) -> str | None: ...
    async def ledger_release(self, item: str) -> None: ...
    # small durable values and counters
    async def kv_get(self, key: str) -> str | None: ...
    async def kv_set(self, key: str, value: str, ttl_s: float | None = None) -> None: ...
    async def kv_delete(self, key: str) -> bool: ...
    async def kv_incr(self, key: str) -> int: ...
    # leader lock with renewal: acquiring again as the same owner renews
    async def lock_acquire(self, name: str, owner: str, ttl_s: float) -> bool: ...
    async def lock_release(self, name: str, owner: str) -> None: ...
    # live catalog overlay: versions count up from 1; history is oldest first
    async def catalog_latest(self) -> CatalogRecord | None: ...
    async def catalog_publish(self, yaml_text: str, author: str, note: str) -> int: ...
    async def catalog_history(self) -> list[CatalogRecord]: ...
    async def catalog_version(self) -> int: ...


class _Buckets:
    """Token buckets in memory."""

    def __init__(self) -> None:
        self._state: dict[str, tuple[float, float]] = {}

    def take(self, key: str, capacity: int, refill_per_s: float, now: float) -> tuple[bool, float]:
        tokens, stamp = self._state.get(key, (float(capacity), now))
        tokens = min(float(capacity), tokens + (now - stamp) * refill_per_s)
        if tokens >= 1.0:
            self._state[key] = (tokens - 1.0, now)
            return True, 0.0
        self._state[key] = (tokens, now)
        return False, (1.0 - tokens) / refill_per_s if refill_per_s > 0 else 60.0


class MemoryStore:
    """Everything in this process. Nothing survives a restart."""

    durable = False

    def __init__(self, cache_entries: int = CACHE_ENTRIES) -> None:
        self._cache: OrderedDict[str, tuple[str, float]] = OrderedDict()
        self._cache_entries = cache_entries
        self._buckets = _Buckets()
        self._rigs: dict[tuple[str, str], str] = {}
        self._ledger: dict[str, dict[str, Any]] = {}
        self._locks: dict[str, tuple[str, float]] = {}
        self._catalog: list[CatalogRecord] = []
        self._kv: dict[str, tuple[str, float | None]] = {}  # value, expiry (None: kept)

    async def close(self) -> None:
        return None

    async def ping(self) -> bool:
        return True

    # answer cache
    async def cache_get(self, key: str) -> str | None:
        hit = self._cache.get(key)
        if hit is None:
            return None
        value, expires = hit
        if expires < time.time():
            self._cache.pop(key, None)
            return None
        self._cache.move_to_end(key)
        return value

    async def cache_set(self, key: str, value: str, ttl_s: int) -> None:
        self._cache[key] = (value, time.time() + ttl_s)
        self._cache.move_to_end(key)
        while len(self._cache) > self._cache_entries:
            self._cache.popitem(last=False)

    async def cache_stats(self) -> dict[str, int]:
        return {"entries": len(self._cache)}

    async def cache_flush(self) -> int:
        n = len(self._cache)
        self._cache.clear()
        return n

    # rate limits
    async def rate_limit(self, key: str, capacity: int, refill_per_s: float) -> tuple[bool, float]:
        return self._buckets.take(key, capacity, refill_per_s, time.monotonic())

    # saved rigs
    async def rig_get(self, platform: str, user: str) -> str | None:
        return self._rigs.get((platform, user))

    async def rig_set(self, platform: str, user: str, text: str) -> None:
        self._rigs[(platform, user)] = text

    async def rig_delete(self, platform: str, user: str) -> bool:
        return self._rigs.pop((platform, user), None) is not None

    async def rigs_export(self, user: str) -> dict[str, str]:
        return {p: t for (p, u), t in self._rigs.items() if u == user}

    async def rigs_delete_user(self, user: str) -> int:
        keys = [k for k in self._rigs if k[1] == user]
        for k in keys:
            del self._rigs[k]
        return len(keys)

    # Reddit ledger
    async def ledger_claim(self, item: str, owner: str, ttl_s: int) -> bool:
        now = time.time()
        entry = self._ledger.get(item)
        if entry and (entry.get("reply") or entry["expires"] > now):
            return False
        self._ledger[item] = {"owner": owner, "expires": now + ttl_s, "reply": None}
        return True

    async def ledger_record(self, item: str, reply_id: str) -> None:
        self._ledger.setdefault(item, {"owner": "", "expires": 0.0})["reply"] = reply_id

    async def ledger_get(self, item: str) -> str | None:
        entry = self._ledger.get(item)
        return entry.get("reply") if entry else None

    async def ledger_release(self, item: str) -> None:
        entry = self._ledger.get(item)
        if entry and not entry.get("reply"):
            del self._ledger[item]

    # small durable values (opt-outs, counters)
    async def kv_get(self, key: str) -> str | None:
        hit = self._kv.get(key)
        if hit is None:
            return None
        if hit[1] is not None and hit[1] < time.time():
            del self._kv[key]
            return None
        return hit[0]

    async def kv_set(self, key: str, value: str, ttl_s: float | None = None) -> None:
        self._kv[key] = (value, time.time() + ttl_s if ttl_s is not None else None)

    async def kv_delete(self, key: str) -> bool:
        return self._kv.pop(key, None) is not None

    async def kv_incr(self, key: str) -> int:
        n = int(await self.kv_get(key) or "0") + 1
        self._kv[key] = (str(n), None)
        return n

    # leader lock
    async def lock_acquire(self, name: str, owner: str, ttl_s: float) -> bool:
        now = time.time()
        held = self._locks.get(name)
        if held and held[0] != owner and held[1] > now:
            return False
        self._locks[name] = (owner, now + ttl_s)
        return True

    async def lock_release(self, name: str, owner: str) -> None:
        held = self._locks.get(name)
        if held and held[0] == owner:
            del self._locks[name]

    # live catalog
    async def catalog_latest(self) -> CatalogRecord | None:
        return self._catalog[-1] if self._catalog else None

    async def catalog_publish(self, yaml_text: str, author: str, note: str) -> int:
        version = (self._catalog[-1].version if self._catalog else 0) + 1
        self._catalog.append(CatalogRecord(version, yaml_text, author, note, time.time()))
        return version

    async def catalog_history(self) -> list[CatalogRecord]:
        return list(self._catalog)

    async def catalog_version(self) -> int:
        return self._catalog[-1].version if self._catalog else 0


_SCHEMA = """
create table if not exists rigs (
    platform text, user text, text text, updated real, primary key (platform, user)
);
create table if not exists ledger (item text primary key, owner text, expires real, reply text);
create table if not exists locks (name text primary key, owner text, expires real);
create table if not exists catalog (version integer primary key, yaml text, author text, note text, at real);
create table if not exists kv (key text primary key, value text, expires real);
"""


class EmbeddedStore(MemoryStore):
    """The default without Redis: answers cached in this process, durable state in a SQLite file.

    SQLite runs in WAL mode with synchronous=FULL: a saved rig is on disk when the call returns."""

    durable = True

    def __init__(self, path: Path, cache_entries: int = CACHE_ENTRIES) -> None:
        super().__init__(cache_entries)
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("pragma journal_mode=wal")
        self._db.execute("pragma synchronous=full")
        self._db.executescript(_SCHEMA)
        columns = {row[1] for row in self._db.execute("pragma table_info(kv)")}
        if "expires" not in columns:  # files written before values could expire
            self._db.execute("alter table kv add column expires real")
        self._lock = asyncio.Lock()

    async def _exec(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        async with self._lock:
            try:
                return await asyncio.to_thread(lambda: self._db.execute(sql, args).fetchall())
            except sqlite3.Error as err:
                log.error("sqlite error on %s: %s", self.path, err)
                raise StoreUnavailable(
                    "Could not save that right now (storage error); please try again."
                ) from err

    async def close(self) -> None:
        await asyncio.to_thread(self._db.close)

    async def rig_get(self, platform: str, user: str) -> str | None:
        rows = await self._exec("select text from rigs where platform=? and user=?", (platform, user))
        return rows[0][0] if rows else None

    async def rig_set(self, platform: str, user: str, text: str) -> None:
        await self._exec(
            "insert or replace into rigs values (?, ?, ?, ?)", (platform, user, text, time.time())
        )

    async def rig_delete(self, platform: str, user: str) -> bool:
        had = await self.rig_get(platform, user)
        await self._exec("delete from rigs where platform=? and user=?", (platform, user))
        return had is not None

    async def rigs_export(self, user: str) -> dict[str, str]:
        rows = await self._exec("select platform, text from rigs where user=?", (user,))
        return {p: t for p, t in rows}

    async def rigs_delete_user(self, user: str) -> int:
        n = len(await self.rigs_export(user))
        await self._exec("delete from rigs where user=?", (user,))
        return n

    async def _transaction(self, work: Callable[[sqlite3.Cursor], T]) -> T:
        """Run `work` in one immediate transaction (a write lock on the file from the first read):
        two handles on the same file never both see a row free. Raises sqlite3.Error."""
        async with self._lock:

            def run() -> T:
                cur = self._db.cursor()
                cur.execute("begin immediate")
                try:
                    result = work(cur)
                    cur.execute("commit")
                    return result
                except sqlite3.Error:
                    cur.execute("rollback")
                    raise

            return await asyncio.to_thread(run)

    async def ledger_claim(self, item: str, owner: str, ttl_s: int) -> bool:
        now = time.time()

        def claim(cur: sqlite3.Cursor) -> bool:
            row = cur.execute("select expires, reply from ledger where item=?", (item,)).fetchone()
            if row and (row[1] or row[0] > now):
                return False
            cur.execute("insert or replace into ledger values (?, ?, ?, null)", (item, owner, now + ttl_s))
            return True

        try:
            return await self._transaction(claim)
        except sqlite3.Error as err:
            raise StoreUnavailable("ledger unavailable") from err

    async def ledger_record(self, item: str, reply_id: str) -> None:
        rows = await self._exec("select item from ledger where item=?", (item,))
        if rows:
            await self._exec("update ledger set reply=? where item=?", (reply_id, item))
        else:
            await self._exec("insert into ledger values (?, '', 0, ?)", (item, reply_id))

    async def ledger_get(self, item: str) -> str | None:
        rows = await self._exec("select reply from ledger where item=?", (item,))
        return rows[0][0] if rows else None

    async def ledger_release(self, item: str) -> None:
        await self._exec("delete from ledger where item=? and reply is null", (item,))

    async def kv_get(self, key: str) -> str | None:
        rows = await self._exec(
            "select value from kv where key=? and (expires is null or expires > ?)", (key, time.time())
        )
        return rows[0][0] if rows else None

    async def kv_set(self, key: str, value: str, ttl_s: float | None = None) -> None:
        expires = time.time() + ttl_s if ttl_s is not None else None
        await self._exec(
            "insert or replace into kv (key, value, expires) values (?, ?, ?)", (key, value, expires)
        )

    async def kv_delete(self, key: str) -> bool:
        had = await self.kv_get(key)
        await self._exec("delete from kv where key=?", (key,))
        return had is not None

    async def kv_incr(self, key: str) -> int:
        n = int(await self.kv_get(key) or "0") + 1
        await self.kv_set(key, str(n))
        return n

    async def lock_acquire(self, name: str, owner: str, ttl_s: float) -> bool:
        now = time.time()

        def acquire(cur: sqlite3.Cursor) -> bool:
            row = cur.execute("select owner, expires from locks where name=?", (name,)).fetchone()
            if row and row[0] != owner and row[1] > now:
                return False
            cur.execute("insert or replace into locks values (?, ?, ?)", (name, owner, now + ttl_s))
            return True

        try:
            return await self._transaction(acquire)
        except sqlite3.Error as err:
            log.error("sqlite error on %s: %s", self.path, err)
            return False  # the lock fails closed: not the leader

    async def lock_release(self, name: str, owner: str) -> None:
        await self._exec("delete from locks where name=? and owner=?", (name, owner))

    async def catalog_latest(self) -> CatalogRecord | None:
        rows = await self._exec(
            "select version, yaml, author, note, at from catalog order by version desc limit 1"
        )
        return CatalogRecord(*rows[0]) if rows else None

    async def catalog_publish(self, yaml_text: str, author: str, note: str) -> int:
        def publish(cur: sqlite3.Cursor) -> int:
            row = cur.execute("select coalesce(max(version), 0) from catalog").fetchone()
            version = int(row[0]) + 1
            cur.execute(
                "insert into catalog values (?, ?, ?, ?, ?)", (version, yaml_text, author, note, time.time())
            )
            return version

        try:
            return await self._transaction(publish)
        except sqlite3.Error as err:
            raise StoreUnavailable("could not publish the catalog (storage error)") from err

    async def catalog_history(self) -> list[CatalogRecord]:
        rows = await self._exec("select version, yaml, author, note, at from catalog order by version")
        return [CatalogRecord(*r) for r in rows]

    async def catalog_version(self) -> int:
        rows = await self._exec("select coalesce(max(version), 0) from catalog")
        return int(rows[0][0])


def default_data_dir() -> Path:
    env = os.environ.get("CANIRUN_DATA_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) / "canirun" if xdg else Path.home() / ".local" / "share" / "canirun"


def store_from_settings(settings: Settings, *, metrics: Any = None) -> Store:
    """RedisStore when a Redis URL is set, else the embedded store under the data dir."""
    if settings.redis_url:
        from ._redis_store import RedisStore

        return RedisStore(settings.redis_url, metrics=metrics)
    data_dir = settings.data_dir or default_data_dir()
    try:
        return EmbeddedStore(data_dir / "canirun.sqlite3")
    except (OSError, sqlite3.Error) as err:
        log.warning("no writable data dir (%s): state kept in memory only", err)
        return MemoryStore()


def store_from_env() -> Store:
    """RedisStore when CANIRUN_REDIS_URL is set, else the embedded store under the data dir."""
    url = os.environ.get("CANIRUN_REDIS_URL")
    if url:
        from ._redis_store import RedisStore

        return RedisStore(url)
    try:
        return EmbeddedStore(default_data_dir() / "canirun.sqlite3")
    except (OSError, sqlite3.Error) as err:
        log.warning("no writable data dir (%s): state kept in memory only", err)
        return MemoryStore()


def dumps(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))
