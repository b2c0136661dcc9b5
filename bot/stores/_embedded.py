"""`EmbeddedStore`: the default without Redis. Answers cached in this process; rigs, the ledger,
locks, small values, catalog versions and the models read from the Hub in a SQLite file.

Writes go through one connection, one at a time, and wait at most `WRITE_WAIT_S` for a lock
another process holds on the file (then StoreUnavailable). Reads never queue behind a write: each
worker thread reads through a connection of its own, and in WAL mode a reader is not blocked by a
writer, in this process or another.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ._memory import CACHE_ENTRIES, SWEEP_EVERY, MemoryStore
from ._protocols import LEDGER_KEEP_S, CatalogRecord, StoreUnavailable

__all__ = ["EmbeddedStore"]

log = logging.getLogger("canirun.store")
T = TypeVar("T")

WRITE_WAIT_S = 2.0  # longest wait for another process's lock on the file (the Redis state budget)
READ_WAIT_S = 1.0  # a reader waits only when WAL is unavailable (another process mid-checkpoint)
SCHEMA_VERSION = 1  # 1: recorded replies expire (LEDGER_KEEP_S)

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
create table if not exists provisional (key text primary key, record text, at real);
"""
_STORE_ERROR = "Could not save that right now (storage error); please try again."


class EmbeddedStore(MemoryStore):
    """The default without Redis: answers cached in this process, durable state in a SQLite file.

    SQLite runs in WAL mode with synchronous=FULL: a saved rig is on disk when the call returns.
    Opening raises OSError or sqlite3.Error when the file cannot be written (a read-only folder,
    a file that is not a database): a store that cannot keep state must not pretend to."""

    durable = True

    def __init__(
        self, path: Path, cache_entries: int = CACHE_ENTRIES, *, create_on_write: bool = False
    ) -> None:
        """Opens (and creates) the file now; with `create_on_write` (the CLI, whose questions
        mostly only read), a file that is not there yet is created by the first write, and until
        then reads answer as an empty store does: a one-off question writes nothing to disk."""
        super().__init__(cache_entries)
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db: sqlite3.Connection | None = None
        self._opening = threading.Lock()
        self._empty: sqlite3.Connection | None = None  # the schema in memory: reads before the file exists
        self._closed = False
        # held by the worker thread for as long as it uses the write connection: a caller cancelled
        # mid-write releases the asyncio lock at once, while the thread goes on; closing waits for this
        self._write_guard = threading.Lock()
        if not create_on_write or path.exists():
            self._writer()
        self._lock = asyncio.Lock()
        self._local = threading.local()
        # each read connection with the lock held while it is in use: closing waits for it
        self._readers: list[tuple[sqlite3.Connection, threading.Lock]] = []
        self._readers_lock = threading.Lock()
        self._empty_guard = threading.Lock()  # the in-memory schema is one connection for every thread
        self._writes = 0

    def _writer(self) -> sqlite3.Connection:
        """The write connection, the file opened (and created) on first use. Raises OSError or
        sqlite3.Error when the file cannot be written."""
        with self._opening:
            if self._closed:
                raise sqlite3.ProgrammingError("the store is closed")
            if self._db is None:
                db = sqlite3.connect(
                    str(self.path), timeout=WRITE_WAIT_S, check_same_thread=False, isolation_level=None
                )
                try:
                    self._open(db)
                except sqlite3.Error:
                    db.close()
                    raise
                self._db = db
            return self._db

    def _open(self, db: sqlite3.Connection) -> None:
        db.execute("pragma journal_mode=wal")
        db.execute("pragma synchronous=full")
        db.executescript(_SCHEMA)
        columns = {row[1] for row in db.execute("pragma table_info(kv)")}
        if "expires" not in columns:  # files written before values could expire
            db.execute("alter table kv add column expires real")
        if db.execute("pragma user_version").fetchone()[0] < 1:  # records from before they expired
            db.execute("update ledger set expires=? where reply is not null", (time.time() + LEDGER_KEEP_S,))
        db.execute(f"pragma user_version={SCHEMA_VERSION}")
        self._probe(db)

    @staticmethod
    def _probe(db: sqlite3.Connection) -> None:
        """A real write: fails on a read-only file or folder, a full disk, a file that is not ours."""
        db.execute(
            "insert or replace into kv (key, value, expires) values ('store:probe', ?, ?)",
            (repr(time.time()), time.time() + 3600),
        )

    # --- connections --------------------------------------------------------------------------

    def _reader(self) -> tuple[sqlite3.Connection, threading.Lock]:
        """This worker thread's read connection and the lock to hold while using it; before the file
        exists, the empty schema (shared, so its lock serialises the threads that read it)."""
        if self._closed:
            raise sqlite3.ProgrammingError("the store is closed")
        found: tuple[sqlite3.Connection, threading.Lock] | None = getattr(self._local, "reader", None)
        if found is None:
            if self._db is None and not self.path.exists():
                return self._empty_schema(), self._empty_guard
            db = sqlite3.connect(
                str(self.path), timeout=READ_WAIT_S, check_same_thread=False, isolation_level=None
            )
            db.execute("pragma query_only=1")
            found = (db, threading.Lock())
            self._local.reader = found
            with self._readers_lock:
                self._readers.append(found)
        return found

    def _write(self, sql: str, args: tuple[Any, ...]) -> int:
        with self._write_guard:
            return self._writer().execute(sql, args).rowcount

    def _guarded_probe(self) -> None:
        with self._write_guard:
            self._probe(self._writer())

    def _fetch(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        db, guard = self._reader()
        with guard:
            return db.execute(sql, args).fetchall()

    def _empty_schema(self) -> sqlite3.Connection:
        with self._opening:
            if self._empty is None:
                empty = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
                empty.executescript(_SCHEMA)
                empty.execute("pragma query_only=1")
                self._empty = empty
            return self._empty

    async def _read(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return await asyncio.to_thread(self._fetch, sql, args)
        except sqlite3.Error as err:
            log.error("sqlite read error on %s: %s", self.path, err)
            raise StoreUnavailable(_STORE_ERROR) from err

    async def _exec(self, sql: str, args: tuple[Any, ...] = ()) -> int:
        """One write; the number of rows it changed."""
        async with self._lock:
            try:
                return await asyncio.to_thread(self._write, sql, args)
            except sqlite3.Error as err:
                log.error("sqlite error on %s: %s", self.path, err)
                raise StoreUnavailable(_STORE_ERROR) from err

    async def close(self) -> None:
        """Close every connection once what is in flight on it is done: a connection closed under a
        query in another thread would crash the process, not raise."""

        def close_all() -> None:
            with self._readers_lock:
                readers, self._readers = self._readers, []
            for db, guard in [*readers, (self._empty, self._empty_guard)]:
                if db is not None:
                    with guard:
                        db.close()
            with self._write_guard:
                if self._db is not None:
                    self._db.close()

        async with self._lock:  # the write in flight, if any, finishes first
            self._closed = True
            await asyncio.to_thread(close_all)

    async def ping(self) -> bool:
        """Ready means writable: the probe write must land."""
        async with self._lock:
            try:
                await asyncio.to_thread(self._guarded_probe)
                return True
            except sqlite3.Error as err:
                log.error("sqlite store %s cannot be written: %s", self.path, err)
                return False

    # --- saved rigs ---------------------------------------------------------------------------

    async def rig_get(self, platform: str, user: str) -> str | None:
        rows = await self._read("select text from rigs where platform=? and user=?", (platform, user))
        return rows[0][0] if rows else None

    async def rig_set(self, platform: str, user: str, text: str) -> None:
        await self._exec(
            "insert or replace into rigs values (?, ?, ?, ?)", (platform, user, text, time.time())
        )

    async def rig_delete(self, platform: str, user: str) -> bool:
        return await self._exec("delete from rigs where platform=? and user=?", (platform, user)) > 0

    async def rigs_export(self, user: str) -> dict[str, str]:
        rows = await self._read("select platform, text from rigs where user=?", (user,))
        return {p: t for p, t in rows}

    async def rigs_delete_user(self, user: str) -> int:
        return await self._exec("delete from rigs where user=?", (user,))

    # --- transactions -------------------------------------------------------------------------

    async def _transaction(self, work: Callable[[sqlite3.Cursor], T]) -> T:
        """Run `work` in one immediate transaction (a write lock on the file from the first read):
        two handles on the same file never both see a row free. Raises sqlite3.Error."""
        async with self._lock:

            def run() -> T:
                with self._write_guard:
                    cur = self._writer().cursor()
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

    # --- Reddit ledger ------------------------------------------------------------------------

    async def ledger_claim(self, item: str, owner: str, ttl_s: int) -> bool:
        now = time.time()
        try:
            # refused while a claim runs, or a recorded reply is kept
            taken = lambda row: row[0] > now  # noqa: E731
            return await self._take(_LEDGER_ROW, item, taken, _LEDGER_CLAIM, (item, owner, now + ttl_s))
        except sqlite3.Error as err:
            raise StoreUnavailable("ledger unavailable") from err

    async def ledger_record(self, item: str, reply_id: str) -> None:
        now = time.time()
        await self._exec(
            "insert into ledger values (?, '', ?, ?) "
            "on conflict(item) do update set reply=excluded.reply, expires=excluded.expires",
            (item, now + LEDGER_KEEP_S, reply_id),
        )
        await self._sweep_file()

    async def _sweep_file(self) -> None:
        """Every SWEEP_EVERY writes: drop lapsed claims, expired records and expired values."""
        self._writes += 1
        if self._writes % SWEEP_EVERY == 0:
            now = time.time()
            await self._exec("delete from ledger where expires < ?", (now,))
            await self._exec("delete from kv where expires < ?", (now,))

    async def ledger_get(self, item: str) -> str | None:
        rows = await self._read("select reply from ledger where item=? and expires > ?", (item, time.time()))
        return rows[0][0] if rows else None

    async def ledger_release(self, item: str) -> None:
        await self._exec("delete from ledger where item=? and reply is null", (item,))

    # --- small values -------------------------------------------------------------------------

    async def kv_get(self, key: str) -> str | None:
        rows = await self._read(
            "select value from kv where key=? and (expires is null or expires > ?)", (key, time.time())
        )
        return rows[0][0] if rows else None

    async def kv_set(self, key: str, value: str, ttl_s: float | None = None) -> None:
        expires = time.time() + ttl_s if ttl_s is not None else None
        await self._exec(
            "insert or replace into kv (key, value, expires) values (?, ?, ?)", (key, value, expires)
        )
        if ttl_s is not None:
            await self._sweep_file()

    async def kv_delete(self, key: str) -> bool:
        live = await self.kv_get(key) is not None
        await self._exec("delete from kv where key=?", (key,))
        return live

    async def kv_incr(self, key: str, ttl_s: float | None = None) -> int:
        now = time.time()

        def incr(cur: sqlite3.Cursor) -> int:
            row = cur.execute(
                "select value, expires from kv where key=? and (expires is null or expires > ?)", (key, now)
            ).fetchone()
            n = int(row[0]) + 1 if row else 1
            expires = row[1] if row else (now + ttl_s if ttl_s is not None else None)
            cur.execute(
                "insert or replace into kv (key, value, expires) values (?, ?, ?)", (key, str(n), expires)
            )
            return n

        try:
            return await self._transaction(incr)
        except sqlite3.Error as err:
            raise StoreUnavailable(_STORE_ERROR) from err

    # --- leader lock --------------------------------------------------------------------------

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

    # --- live catalog -------------------------------------------------------------------------

    async def catalog_latest(self) -> CatalogRecord | None:
        rows = await self._read(
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
        rows = await self._read("select version, yaml, author, note, at from catalog order by version")
        return [CatalogRecord(*r) for r in rows]

    async def catalog_version(self) -> int:
        rows = await self._read("select coalesce(max(version), 0) from catalog")
        return int(rows[0][0])

    # --- models read from the Hub -------------------------------------------------------------

    async def provisional_get(self, key: str) -> str | None:
        rows = await self._read("select record from provisional where key=?", (key,))
        return str(rows[0][0]) if rows else None

    async def provisional_put(self, key: str, record: str) -> None:
        await self._exec("insert or replace into provisional values (?, ?, ?)", (key, record, time.time()))

    async def provisional_list(self) -> dict[str, str]:
        rows = await self._read("select key, record from provisional order by key")
        return {str(k): str(r) for k, r in rows}

    async def provisional_drop(self, key: str) -> bool:
        return await self._exec("delete from provisional where key=?", (key,)) > 0
