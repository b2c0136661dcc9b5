"""`MemoryStore`: every concern in this process. Nothing survives a restart (tests, previews)."""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from ._protocols import LEDGER_KEEP_S, CatalogRecord

__all__ = ["CACHE_ENTRIES", "MemoryStore"]

CACHE_ENTRIES = 5000  # in-process answer cache size (LRU)
SWEEP_EVERY = 256  # ledger records between sweeps of what has expired


class _Buckets:
    """Token buckets in memory. A bucket idle long enough to be full again is the same as no bucket:
    those are dropped, so the table holds only the askers of the last few minutes."""

    PRUNE_EVERY = 1024  # takes between sweeps

    def __init__(self) -> None:
        self._state: dict[str, tuple[float, float, float]] = {}  # tokens, stamp, seconds to refill
        self._takes = 0

    def take(self, key: str, capacity: int, refill_per_s: float, now: float) -> tuple[bool, float]:
        self._takes += 1
        if self._takes % self.PRUNE_EVERY == 0:
            self._prune(now)
        full_after = capacity / refill_per_s if refill_per_s > 0 else float("inf")
        tokens, stamp, _ = self._state.get(key, (float(capacity), now, full_after))
        tokens = min(float(capacity), tokens + (now - stamp) * refill_per_s)
        if tokens >= 1.0:
            self._state[key] = (tokens - 1.0, now, full_after)
            return True, 0.0
        self._state[key] = (tokens, now, full_after)
        return False, (1.0 - tokens) / refill_per_s if refill_per_s > 0 else 60.0

    def _prune(self, now: float) -> None:
        for key in [k for k, (_, stamp, full) in self._state.items() if now - stamp >= full]:
            del self._state[key]

    def __len__(self) -> int:
        return len(self._state)


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
        self._provisional: dict[str, str] = {}
        self._writes = 0

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
        if entry and entry["expires"] > now:  # replied (until the record expires), or claimed
            return False
        self._ledger[item] = {"owner": owner, "expires": now + ttl_s, "reply": None}
        return True

    async def ledger_record(self, item: str, reply_id: str) -> None:
        self._sweep()
        self._ledger[item] = {"owner": "", "expires": time.time() + LEDGER_KEEP_S, "reply": reply_id}

    def _sweep(self) -> None:
        """Every SWEEP_EVERY writes: drop lapsed claims, expired records and expired values."""
        self._writes += 1
        if self._writes % SWEEP_EVERY:
            return
        now = time.time()
        for key in [k for k, e in self._ledger.items() if e["expires"] < now]:
            del self._ledger[key]
        for key in [k for k, (_, exp) in self._kv.items() if exp is not None and exp < now]:
            del self._kv[key]

    async def ledger_get(self, item: str) -> str | None:
        entry = self._ledger.get(item)
        if entry and entry.get("reply") and entry["expires"] < time.time():
            del self._ledger[item]
            return None
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
        if ttl_s is not None:
            self._sweep()
        self._kv[key] = (value, time.time() + ttl_s if ttl_s is not None else None)

    async def kv_delete(self, key: str) -> bool:
        return self._kv.pop(key, None) is not None

    async def kv_incr(self, key: str, ttl_s: float | None = None) -> int:
        n = int(await self.kv_get(key) or "0") + 1
        expires = self._kv[key][1] if key in self._kv else None
        if expires is None and ttl_s is not None:
            expires = time.time() + ttl_s
        self._kv[key] = (str(n), expires)
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

    # models read from the Hub
    async def provisional_get(self, key: str) -> str | None:
        return self._provisional.get(key)

    async def provisional_put(self, key: str, record: str) -> None:
        self._provisional[key] = record

    async def provisional_list(self) -> dict[str, str]:
        return dict(sorted(self._provisional.items()))

    async def provisional_drop(self, key: str) -> bool:
        return self._provisional.pop(key, None) is not None
