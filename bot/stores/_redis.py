"""The store on Redis (redis.asyncio with hiredis; one pool the app owns).

Two budgets (`RedisBudgets`), because the calls are of two kinds:
- the answer cache is disposable: a read or write that takes longer than ~100 ms is worth less than
  answering without it, so it fails open (a miss) at once;
- state (rate limits, saved rigs, the Reddit ledger, locks, the live catalog) must not be lost or
  skipped because of an ordinary stall (CPU contention, an fsync): it gets a longer budget, and
  idempotent calls are retried with a short backoff.
Both pools wait (bounded) for a free connection: many calls in flight is back-pressure, not an
outage, and a rate limit that finds no connection, or no answer in time, holds (refuses with a
short wait) rather than failing open because of load. Redis really down (connections refused or
dropped) -> the cache reads as a miss and rate limits allow (fail open), with a log line and a
metric; state writes raise StoreUnavailable with a message fit for users; the leader
lock fails closed. We log once per outage and retry the connection with backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ._protocols import LEDGER_KEEP_S, CatalogRecord, StoreUnavailable

__all__ = ["CATALOG_CHANNEL", "PREFIX", "PUBLISH_SCRIPT", "RedisBudgets", "RedisStore"]

log = logging.getLogger("canirun.store.redis")

PREFIX = "canirun:"
CATALOG_CHANNEL = PREFIX + "catalog"
_PROVISIONAL = PREFIX + "provisional"  # a hash: key -> record (JSON)
MAX_BACKOFF_S = 5.0  # while Redis is down, optional calls are skipped; retried at most this far apart
OVERLOAD_RETRY_S = 1.0  # what an asker is told to wait when every connection stayed busy
POOL_EXHAUSTED = "No connection available."  # redis-py's message when the pool wait times out


@dataclass(frozen=True, slots=True)
class RedisBudgets:
    """How long each kind of call may take. A deployment runs these defaults, and so do the tests of
    the budgets themselves; tests of what is cached widen `cache_s` so a starved CI machine cannot
    make a cache call miss its budget."""

    cache_s: float = 0.1  # answer cache reads/writes: a cache is only worth it when it is fast
    state_s: float = 2.0  # rate limits, rigs, ledger, locks, catalog: ride out a stall
    connect_s: float = 1.0  # opening a connection
    pool_wait_s: float = 5.0  # waiting for a free connection when many calls are in flight
    retries: int = 2  # extra tries of an idempotent state call after a timeout or a dropped connection
    retry_backoff_s: float = 0.05  # first pause between tries; doubles each time
    connections: int = 64  # per pool


# token bucket: KEYS[1] bucket; ARGV capacity, refill per second, now -> {allowed, retry_after_ms}
_BUCKET = """
local b = redis.call('HMGET', KEYS[1], 't', 's')
local cap = tonumber(ARGV[1]); local rate = tonumber(ARGV[2]); local now = tonumber(ARGV[3])
local tokens = tonumber(b[1]) or cap; local stamp = tonumber(b[2]) or now
tokens = math.min(cap, tokens + (now - stamp) * rate)
local allowed = 0; local wait = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 else wait = math.ceil((1 - tokens) / rate * 1000) end
redis.call('HSET', KEYS[1], 't', tokens, 's', now)
redis.call('EXPIRE', KEYS[1], math.ceil(cap / rate) + 60)
return {allowed, wait}
"""
# claim an item unless replied to or claimed by someone else; KEYS[1] item hash; ARGV owner, ttl
_CLAIM = """
if redis.call('HGET', KEYS[1], 'reply') then return 0 end
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner and redis.call('TTL', KEYS[1]) > 0 then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[1])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
"""
_LOCK = """
local cur = redis.call('GET', KEYS[1])
if cur == false or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2])) return 1 end
return 0
"""
# publish a catalog in one step: number it, store it, move "current" forward, announce it.
# KEYS: counter, versions hash, current, publish-token key; ARGV: token, record JSON (its version
# is its field in the hash), channel. A retry with the same token returns the version already
# published: no skipped number, no second copy.
PUBLISH_SCRIPT = """
local done = redis.call('GET', KEYS[4])
if done then return tonumber(done) end
local version = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], tostring(version), ARGV[2])
local cur = tonumber(redis.call('GET', KEYS[3]) or '0')
if version > cur then redis.call('SET', KEYS[3], version) end
redis.call('SET', KEYS[4], version, 'EX', 86400)
redis.call('PUBLISH', ARGV[3], tostring(version))
return version
"""
# count up; a new counter gets its expiry (ARGV[1] ms, 0: none); KEYS[1] counter
_INCR = """
local n = redis.call('INCR', KEYS[1])
if n == 1 and tonumber(ARGV[1]) > 0 then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1])) end
return n
"""
_UNLOCK = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"


class RedisStore:
    durable = True

    def __init__(self, url: str, *, budgets: RedisBudgets | None = None, metrics: Any = None) -> None:
        self.url = url
        self.metrics = metrics
        self.budgets = b = budgets or RedisBudgets()
        self._pools = [
            aioredis.BlockingConnectionPool.from_url(
                url,
                socket_timeout=timeout,
                socket_connect_timeout=b.connect_s,
                max_connections=b.connections,
                timeout=b.pool_wait_s,
                health_check_interval=15,
                decode_responses=True,
                retry=Retry(NoBackoff(), 0),  # retries are ours: only idempotent calls are repeated
            )
            for timeout in (b.cache_s, b.state_s)
        ]
        self.cache = aioredis.Redis(connection_pool=self._pools[0])
        self.r = aioredis.Redis(connection_pool=self._pools[1])
        self._down_since: float | None = None
        self._refusing = False  # down because connections were refused or dropped (not only slow)
        self._next_try = 0.0
        self._backoff = 0.5

    async def close(self) -> None:
        for client in (self.cache, self.r):
            await client.aclose()
        for pool in self._pools:
            await pool.aclose()

    # --- health -----------------------------------------------------------------------------

    def _failed(self, op: str, err: Exception) -> None:
        if self.metrics is not None:
            self.metrics.store_failure(op)
        if _overloaded(err):  # every connection busy: back-pressure, not an outage
            log.warning("redis pool exhausted during %s: %d calls in flight", op, self.budgets.connections)
            return
        now = time.monotonic()
        self._refusing = self._refusing or not _slow(err)
        if self._down_since is None:
            self._down_since = now
            log.warning(
                "redis unavailable during %s (%s): answering without the cache", op, type(err).__name__
            )
        if now >= self._next_try:  # a real retry failed (not one of many calls failing at once)
            self._next_try = now + self._backoff
            self._backoff = min(self._backoff * 2, MAX_BACKOFF_S)

    def _ok(self) -> None:
        if self._down_since is not None:
            log.warning("redis back after %.1fs", time.monotonic() - self._down_since)
        self._down_since = None
        self._refusing = False
        self._backoff = 0.5

    def _skip(self, *, refusing_only: bool = False) -> bool:
        """While Redis is down, skip the optional calls until the backoff expires. `refusing_only`:
        only when it refused or dropped connections, not when it was merely slow (which load is)."""
        down = self._down_since is not None and time.monotonic() < self._next_try
        return down and (self._refusing or not refusing_only)

    async def ping(self) -> bool:
        try:
            ok = bool(await self.r.ping())
            self._ok()
            return ok
        except (RedisError, OSError) as err:
            self._failed("ping", err)
            return False

    async def _required(self, op: str, call: Callable[[], Awaitable[Any]], *, idempotent: bool = True) -> Any:
        """A state call within the state budget; idempotent ones are tried again after a timeout or a
        dropped connection. Raises StoreUnavailable when Redis cannot be reached."""
        b = self.budgets
        tries = 1 + (b.retries if idempotent else 0)
        for attempt in range(tries):
            try:
                result = await call()
                self._ok()
                return result
            except (RedisConnectionError, RedisTimeoutError, OSError) as err:
                if attempt + 1 < tries and not _refused(err):
                    await asyncio.sleep(b.retry_backoff_s * 2**attempt)
                    continue
                self._failed(op, err)
                raise StoreUnavailable(
                    "Could not save that right now (storage is down); please try again shortly."
                ) from err
            except RedisError as err:
                self._failed(op, err)
                raise StoreUnavailable(
                    "Could not save that right now (storage is down); please try again shortly."
                ) from err
        raise AssertionError("unreachable")

    # --- answer cache (fail open) -------------------------------------------------------------

    async def cache_get(self, key: str) -> str | None:
        if self._skip():
            return None
        try:
            value = await self.cache.get(PREFIX + key)
            self._ok()
            return None if value is None else str(value)
        except (RedisError, OSError) as err:
            self._failed("cache_get", err)
            return None

    async def cache_set(self, key: str, value: str, ttl_s: int) -> None:
        if self._skip():
            return
        try:
            await self.cache.set(PREFIX + key, value, ex=ttl_s)
            self._ok()
        except (RedisError, OSError) as err:
            self._failed("cache_set", err)

    async def cache_stats(self) -> dict[str, int]:
        keys = await self._required("cache_stats", lambda: self._answer_keys())
        return {"entries": len(keys)}

    async def cache_flush(self) -> int:
        keys = await self._required("cache_flush", lambda: self._answer_keys())
        if keys:
            await self._required("cache_flush", lambda: self.r.delete(*keys))
        return len(keys)

    async def _answer_keys(self) -> list[str]:
        return [k async for k in self.r.scan_iter(match=PREFIX + "answer:*", count=1000)]

    # --- rate limits (fail open) --------------------------------------------------------------

    async def rate_limit(self, key: str, capacity: int, refill_per_s: float) -> tuple[bool, float]:
        if self._skip(refusing_only=True):
            return True, 0.0
        try:
            # the state budget: under load a bucket waits for its answer instead of failing open
            allowed, wait_ms = await self.r.eval(
                _BUCKET, 1, PREFIX + key, capacity, refill_per_s, time.time()
            )
            self._ok()
            return bool(allowed), float(wait_ms) / 1000
        except (RedisError, OSError) as err:
            self._failed("rate_limit", err)
            if _overloaded(err) or _slow(err):  # busy or slow, not down: hold the limit
                return False, OVERLOAD_RETRY_S
            return True, 0.0  # Redis refuses connections: down, fail open

    # --- saved rigs (durable) -----------------------------------------------------------------

    async def rig_get(self, platform: str, user: str) -> str | None:
        return await self._required("rig_get", lambda: self.r.hget(PREFIX + "rigs:" + user, platform))  # type: ignore[no-any-return]

    async def rig_set(self, platform: str, user: str, text: str) -> None:
        await self._required("rig_set", lambda: self.r.hset(PREFIX + "rigs:" + user, platform, text))

    async def rig_delete(self, platform: str, user: str) -> bool:
        return bool(
            await self._required("rig_delete", lambda: self.r.hdel(PREFIX + "rigs:" + user, platform))
        )

    async def rigs_export(self, user: str) -> dict[str, str]:
        return await self._required("rigs_export", lambda: self.r.hgetall(PREFIX + "rigs:" + user))  # type: ignore[no-any-return]

    async def rigs_delete_user(self, user: str) -> int:
        n = len(await self.rigs_export(user))
        await self._required("rigs_delete", lambda: self.r.delete(PREFIX + "rigs:" + user))
        return n

    # --- Reddit ledger (durable) --------------------------------------------------------------

    async def ledger_claim(self, item: str, owner: str, ttl_s: int) -> bool:
        # not retried: a claim that landed but whose answer was lost must not read as someone else's
        # claim; the item is tried again next poll (or once the claim lapses)
        return bool(
            await self._required(
                "ledger_claim",
                lambda: self.r.eval(_CLAIM, 1, PREFIX + "ledger:" + item, owner, ttl_s),
                idempotent=False,
            )
        )

    async def ledger_record(self, item: str, reply_id: str) -> None:
        key = PREFIX + "ledger:" + item

        async def record() -> Any:
            async with self.r.pipeline(transaction=True) as p:
                p.hset(key, "reply", reply_id)
                p.expire(key, LEDGER_KEEP_S)
                return await p.execute()

        await self._required("ledger_record", record)

    async def ledger_get(self, item: str) -> str | None:
        return await self._required("ledger_get", lambda: self.r.hget(PREFIX + "ledger:" + item, "reply"))  # type: ignore[no-any-return]

    async def ledger_release(self, item: str) -> None:
        key = PREFIX + "ledger:" + item
        if not await self.ledger_get(item):
            await self._required("ledger_release", lambda: self.r.delete(key))

    # --- small values -------------------------------------------------------------------------

    async def kv_get(self, key: str) -> str | None:
        return await self._required("kv_get", lambda: self.r.get(PREFIX + "kv:" + key))  # type: ignore[no-any-return]

    async def kv_set(self, key: str, value: str, ttl_s: float | None = None) -> None:
        px = max(1, int(ttl_s * 1000)) if ttl_s is not None else None
        await self._required("kv_set", lambda: self.r.set(PREFIX + "kv:" + key, value, px=px))

    async def kv_delete(self, key: str) -> bool:
        return bool(await self._required("kv_delete", lambda: self.r.delete(PREFIX + "kv:" + key)))

    async def kv_incr(self, key: str, ttl_s: float | None = None) -> int:
        # not idempotent: a retried INCR could count twice
        ms = max(1, int(ttl_s * 1000)) if ttl_s is not None else 0
        return int(
            await self._required(
                "kv_incr", lambda: self.r.eval(_INCR, 1, PREFIX + "kv:" + key, ms), idempotent=False
            )
        )

    # --- leader lock (fail closed) ------------------------------------------------------------

    async def lock_acquire(self, name: str, owner: str, ttl_s: float) -> bool:
        try:
            got = await self.r.eval(_LOCK, 1, PREFIX + "lock:" + name, owner, int(ttl_s * 1000))
            self._ok()
            return bool(got)
        except (RedisError, OSError) as err:
            self._failed("lock", err)
            return False

    async def lock_release(self, name: str, owner: str) -> None:
        try:
            await self.r.eval(_UNLOCK, 1, PREFIX + "lock:" + name, owner)
        except (RedisError, OSError) as err:
            self._failed("unlock", err)

    # --- live catalog -------------------------------------------------------------------------

    async def catalog_latest(self) -> CatalogRecord | None:
        version = await self.catalog_version()
        if not version:
            return None
        raw = await self._required(
            "catalog_get", lambda: self.r.hget(PREFIX + "catalog:versions", str(version))
        )
        return _record(raw, version) if raw else None

    async def catalog_publish(self, yaml_text: str, author: str, note: str) -> int:
        record = json.dumps({"yaml_text": yaml_text, "author": author, "note": note, "at": time.time()})
        token = uuid.uuid4().hex  # the same token on a retry: the script returns the version it gave
        version = await self._required(
            "catalog_publish",
            lambda: self.r.eval(
                PUBLISH_SCRIPT,
                4,
                PREFIX + "catalog:counter",
                PREFIX + "catalog:versions",
                PREFIX + "catalog:current",
                PREFIX + "catalog:published:" + token,
                token,
                record,
                CATALOG_CHANNEL,
            ),
        )
        return int(version)

    async def catalog_history(self) -> list[CatalogRecord]:
        raw = await self._required("catalog_history", lambda: self.r.hgetall(PREFIX + "catalog:versions"))
        return sorted((_record(v, int(k)) for k, v in raw.items()), key=lambda r: r.version)

    async def catalog_version(self) -> int:
        v = await self._required("catalog_version", lambda: self.r.get(PREFIX + "catalog:current"))
        return int(v) if v else 0

    # --- models read from the Hub -------------------------------------------------------------

    async def provisional_get(self, key: str) -> str | None:
        return await self._required("provisional_get", lambda: self.r.hget(_PROVISIONAL, key))  # type: ignore[no-any-return]

    async def provisional_put(self, key: str, record: str) -> None:
        await self._required("provisional_put", lambda: self.r.hset(_PROVISIONAL, key, record))

    async def provisional_list(self) -> dict[str, str]:
        raw = await self._required("provisional_list", lambda: self.r.hgetall(_PROVISIONAL))
        return dict(sorted(raw.items()))

    async def provisional_drop(self, key: str) -> bool:
        return bool(await self._required("provisional_drop", lambda: self.r.hdel(_PROVISIONAL, key)))

    async def watch_catalog(self, changed: Callable[[], None]) -> None:
        """Call `changed` for every version published on the catalog channel (and once on each
        (re)connection, for versions published meanwhile), until cancelled. A dropped connection is
        retried with backoff; callers poll `catalog_version` to cover the gap."""
        backoff = 0.5
        while True:
            client = aioredis.Redis.from_url(self.url, socket_connect_timeout=2.0, decode_responses=True)
            pubsub = client.pubsub()
            try:
                await pubsub.subscribe(CATALOG_CHANNEL)
                changed()  # a version may have been published while we were not listening
                backoff = 0.5
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        changed()
            except asyncio.CancelledError:
                raise
            except Exception as err:  # reconnect with backoff; polling covers the gap
                log.debug("catalog channel dropped (%s); polling meanwhile", err)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
                with contextlib.suppress(Exception):
                    await client.aclose()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 30.0)


def _record(raw: str, version: int) -> CatalogRecord:
    d = json.loads(raw)
    return CatalogRecord(version, d["yaml_text"], d["author"], d["note"], float(d["at"]))


def _overloaded(err: BaseException) -> bool:
    """The pool had no free connection within its wait: the app is busy, Redis may be fine."""
    return isinstance(err, RedisConnectionError) and str(err) == POOL_EXHAUSTED


def _slow(err: BaseException) -> bool:
    """An answer that did not come in time (or no free connection): load or a stall, not a refusal."""
    return _overloaded(err) or (isinstance(err, RedisTimeoutError | TimeoutError) and not _refused(err))


def _refused(err: BaseException) -> bool:
    """Nothing listens: retrying at once cannot help (Redis is down or restarting)."""
    cause: BaseException | None = err
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return True
        cause = cause.__cause__ or cause.__context__
    return "refused" in str(err).lower() or "connect call failed" in str(err).lower()
