"""`EmbeddedStore`: the default without Redis. Answers cached in this process; rigs, the ledger,
locks, small values and catalog versions in a SQLite file."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ._memory import CACHE_ENTRIES, MemoryStore
from ._protocols import CatalogRecord, StoreUnavailable

__all__ = ["EmbeddedStore"]

log = logging.getLogger("canirun.store")
T = TypeVar("T")

_LEDGER_ROW = "select expires, reply from ledger where item=?"
_LEDGER_CLAIM = "insert or replace into ledger values (?, ?, ?, null)"
_LOCK_ROW = "select owner, expires from locks where name=?"
_LOCK_TAKE = "insert or replace into locks values (?, ?, ?)"
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

    async def _take(
        self, select: str, key: str, taken: Callable[[Any], bool], insert: str, values: tuple[Any, ...]
    ) -> bool:
        """In one transaction: read `key`'s row with `select`; unless `taken(row)`, write `values`
        with `insert`. True when written. Raises sqlite3.Error."""

        def take(cur: sqlite3.Cursor) -> bool:
            row = cur.execute(select, (key,)).fetchone()
            if row is not None and taken(row):
                return False
            cur.execute(insert, values)
            return True

        return await self._transaction(take)

    async def ledger_claim(self, item: str, owner: str, ttl_s: int) -> bool:
        now = time.time()
        try:
            # refused when replied to, or while someone's claim runs
            taken = lambda row: bool(row[1]) or row[0] > now  # noqa: E731
            return await self._take(_LEDGER_ROW, item, taken, _LEDGER_CLAIM, (item, owner, now + ttl_s))
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
        try:
            taken = lambda row: row[0] != owner and row[1] > now  # noqa: E731  (another owner's lock runs)
            return await self._take(_LOCK_ROW, name, taken, _LOCK_TAKE, (name, owner, now + ttl_s))
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
