"""The store on Redis (redis.asyncio with hiredis; one pool the app owns).

Failure behaviour: Redis down or slower than the timeout (~100 ms) -> the cache reads as a miss
and rate limits allow (fail open), with a log line and a metric; state writes raise
StoreUnavailable with a message fit for users; the leader lock fails closed. redis-py reconnects on
the next command; we log once per outage and retry the connection with backoff.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from .store import CatalogRecord, StoreUnavailable

__all__ = ["RedisStore"]

log = logging.getLogger("canirun.store.redis")

PREFIX = "canirun:"
CATALOG_CHANNEL = PREFIX + "catalog"
TIMEOUT_S = 0.1  # a cache is only worth it when it is fast
MAX_BACKOFF_S = 5.0  # while Redis is down, optional calls are skipped; retried at most this far apart

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
# store a catalog version; "current" only ever moves forward, whatever order concurrent publishes land in
_PUBLISH = """
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local cur = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[2], ARGV[1]) end
return 1
"""
_UNLOCK = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"


class RedisStore:
    durable = True

    def __init__(self, url: str, *, timeout_s: float = TIMEOUT_S, metrics: Any = None) -> None:
        self.url = url
        self.metrics = metrics
        self._pool = aioredis.ConnectionPool.from_url(
            url,
            socket_timeout=timeout_s,
            socket_connect_timeout=timeout_s,
            max_connections=64,
            health_check_interval=15,
            decode_responses=True,
        )
        self.r = aioredis.Redis(connection_pool=self._pool)
        self._down_since: float | None = None
        self._next_try = 0.0
        self._backoff = 0.5

    async def close(self) -> None:
        await self.r.aclose()
        await self._pool.aclose()

    # --- health -----------------------------------------------------------------------------

    def _failed(self, op: str, err: Exception) -> None:
        now = time.monotonic()
        if self._down_since is None:
            self._down_since = now
            log.warning(
                "redis unavailable during %s (%s): answering without the cache", op, type(err).__name__
            )
        if now >= self._next_try:  # a real retry failed (not one of many calls failing at once)
            self._next_try = now + self._backoff
            self._backoff = min(self._backoff * 2, MAX_BACKOFF_S)
        if self.metrics is not None:
            self.metrics.store_failure(op)

    def _ok(self) -> None:
        if self._down_since is not None:
            log.warning("redis back after %.1fs", time.monotonic() - self._down_since)
        self._down_since = None
        self._backoff = 0.5

    def _skip(self) -> bool:
        """While Redis is down, skip the optional calls until the backoff expires."""
        return self._down_since is not None and time.monotonic() < self._next_try

    async def ping(self) -> bool:
        try:
            ok = bool(await self.r.ping())
            self._ok()
            return ok
        except (RedisError, OSError) as err:
            self._failed("ping", err)
            return False

    async def _required(self, op: str, coro: Any) -> Any:
        try:
            result = await coro
            self._ok()
            return result
        except (RedisError, OSError) as err:
            self._failed(op, err)
            raise StoreUnavailable(
                "Could not save that right now (storage is down); please try again shortly."
            ) from err

    # --- answer cache (fail open) -------------------------------------------------------------

    async def cache_get(self, key: str) -> str | None:
        if self._skip():
            return None
        try:
            value = await self.r.get(PREFIX + key)
            self._ok()
            return value  # type: ignore[no-any-return]
        except (RedisError, OSError) as err:
            self._failed("cache_get", err)
            return None

    async def cache_set(self, key: str, value: str, ttl_s: int) -> None:
        if self._skip():
            return
        try:
            await self.r.set(PREFIX + key, value, ex=ttl_s)
            self._ok()
        except (RedisError, OSError) as err:
            self._failed("cache_set", err)

    async def cache_stats(self) -> dict[str, int]:
        keys = await self._required("cache_stats", self._answer_keys())
        return {"entries": len(keys)}

    async def cache_flush(self) -> int:
        keys = await self._required("cache_flush", self._answer_keys())
        if keys:
            await self._required("cache_flush", self.r.delete(*keys))
        return len(keys)

    async def _answer_keys(self) -> list[str]:
        return [k async for k in self.r.scan_iter(match=PREFIX + "answer:*", count=1000)]

    # --- rate limits (fail open) --------------------------------------------------------------

    async def rate_limit(self, key: str, capacity: int, refill_per_s: float) -> tuple[bool, float]:
        if self._skip():
            return True, 0.0
        try:
            allowed, wait_ms = await self.r.eval(
                _BUCKET, 1, PREFIX + key, capacity, refill_per_s, time.time()
            )
            self._ok()
            return bool(allowed), float(wait_ms) / 1000
        except (RedisError, OSError) as err:
            self._failed("rate_limit", err)
            return True, 0.0

    # --- saved rigs (durable) -----------------------------------------------------------------

    async def rig_get(self, platform: str, user: str) -> str | None:
        return await self._required("rig_get", self.r.hget(PREFIX + "rigs:" + user, platform))  # type: ignore[no-any-return]

    async def rig_set(self, platform: str, user: str, text: str) -> None:
        await self._required("rig_set", self.r.hset(PREFIX + "rigs:" + user, platform, text))

    async def rig_delete(self, platform: str, user: str) -> bool:
        return bool(await self._required("rig_delete", self.r.hdel(PREFIX + "rigs:" + user, platform)))

    async def rigs_export(self, user: str) -> dict[str, str]:
        return await self._required("rigs_export", self.r.hgetall(PREFIX + "rigs:" + user))  # type: ignore[no-any-return]

    async def rigs_delete_user(self, user: str) -> int:
        n = len(await self.rigs_export(user))
        await self._required("rigs_delete", self.r.delete(PREFIX + "rigs:" + user))
        return n

    # --- Reddit ledger (durable) --------------------------------------------------------------

    async def ledger_claim(self, item: str, owner: str, ttl_s: int) -> bool:
        return bool(
            await self._required(
                "ledger_claim", self.r.eval(_CLAIM, 1, PREFIX + "ledger:" + item, owner, ttl_s)
            )
        )

    async def ledger_record(self, item: str, reply_id: str) -> None:
        key = PREFIX + "ledger:" + item
        async with self.r.pipeline(transaction=True) as p:
            p.hset(key, "reply", reply_id)
            p.persist(key)
            await self._required("ledger_record", p.execute())

    async def ledger_get(self, item: str) -> str | None:
        return await self._required("ledger_get", self.r.hget(PREFIX + "ledger:" + item, "reply"))  # type: ignore[no-any-return]

    async def ledger_release(self, item: str) -> None:
        key = PREFIX + "ledger:" + item
        if not await self.ledger_get(item):
            await self._required("ledger_release", self.r.delete(key))

    # --- small values -------------------------------------------------------------------------

    async def kv_get(self, key: str) -> str | None:
        return await self._required("kv_get", self.r.get(PREFIX + "kv:" + key))  # type: ignore[no-any-return]

    async def kv_set(self, key: str, value: str, ttl_s: float | None = None) -> None:
        px = max(1, int(ttl_s * 1000)) if ttl_s is not None else None
        await self._required("kv_set", self.r.set(PREFIX + "kv:" + key, value, px=px))

    async def kv_delete(self, key: str) -> bool:
        return bool(await self._required("kv_delete", self.r.delete(PREFIX + "kv:" + key)))

    async def kv_incr(self, key: str) -> int:
        return int(await self._required("kv_incr", self.r.incr(PREFIX + "kv:" + key)))

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
        raw = await self._required("catalog_get", self.r.hget(PREFIX + "catalog:versions", str(version)))
        return _record(raw) if raw else None

    async def catalog_publish(self, yaml_text: str, author: str, note: str) -> int:
        version = int(await self._required("catalog_publish", self.r.incr(PREFIX + "catalog:counter")))
        record = {
            "version": version,
            "yaml_text": yaml_text,
            "author": author,
            "note": note,
            "at": time.time(),
        }
        await self._required(
            "catalog_publish",
            self.r.eval(
                _PUBLISH,
                2,
                PREFIX + "catalog:versions",
                PREFIX + "catalog:current",
                version,
                json.dumps(record),
            ),
        )
        await self._required("catalog_publish", self.r.publish(CATALOG_CHANNEL, str(version)))
        return version

    async def catalog_history(self) -> list[CatalogRecord]:
        raw = await self._required("catalog_history", self.r.hgetall(PREFIX + "catalog:versions"))
        return sorted((_record(v) for v in raw.values()), key=lambda r: r.version)

    async def catalog_version(self) -> int:
        v = await self._required("catalog_version", self.r.get(PREFIX + "catalog:current"))
        return int(v) if v else 0


def _record(raw: str) -> CatalogRecord:
    d = json.loads(raw)
    return CatalogRecord(int(d["version"]), d["yaml_text"], d["author"], d["note"], float(d["at"]))
