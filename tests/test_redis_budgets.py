"""The Redis store's budgets: the cache fails fast, state waits and retries, load is not an outage."""

from __future__ import annotations

import asyncio

import pytest

from bot.stores import PREFIX, PUBLISH_SCRIPT, RedisBudgets, RedisStore
from tests.redis_server import RedisProcess

pytestmark = pytest.mark.redis


async def test_many_callers_on_a_small_pool_wait_for_a_connection_instead_of_failing_open(
    redis_url: str,
) -> None:
    store = RedisStore(redis_url, budgets=RedisBudgets(connections=2))
    results = await asyncio.gather(*(store.rate_limit("rate:discord:busy", 5, 0.001) for _ in range(200)))
    # never more than the burst: a call that waits too long for a connection, or for its answer,
    # is refused (the asker retries), not let through
    assert 1 <= sum(allowed for allowed, _ in results) <= 5
    await store.close()


async def test_state_calls_from_many_callers_all_land(redis_url: str) -> None:
    store = RedisStore(redis_url, budgets=RedisBudgets(connections=3))
    await asyncio.gather(*(store.rig_set("discord", f"u{i}", f"rig {i}") for i in range(150)))
    assert await store.rig_get("discord", "u149") == "rig 149"
    await store.close()


async def test_a_retried_publish_returns_the_version_it_already_gave(redis_url: str) -> None:
    store = RedisStore(redis_url)
    keys = [
        PREFIX + k for k in ("catalog:counter", "catalog:versions", "catalog:current", "catalog:published:t")
    ]
    record = '{"yaml_text": "models: []\\n", "author": "a", "note": "n", "at": 1.0}'
    first = await store.r.eval(PUBLISH_SCRIPT, 4, *keys, "t", record, PREFIX + "catalog")
    again = await store.r.eval(PUBLISH_SCRIPT, 4, *keys, "t", record, PREFIX + "catalog")
    assert first == again == 1
    assert [r.version for r in await store.catalog_history()] == [1]
    await store.close()


async def test_publishes_number_versions_without_gaps(redis_url: str) -> None:
    store = RedisStore(redis_url)
    versions = [await store.catalog_publish(f"n: {i}\n", "a", str(i)) for i in range(3)]
    assert versions == [1, 2, 3]
    assert await store.catalog_version() == 3
    await store.close()


def test_the_cache_budget_is_shorter_than_the_state_budget() -> None:
    budgets = RedisBudgets()
    assert budgets.cache_s < budgets.state_s
    assert budgets.retries >= 1


async def test_a_pool_that_stays_busy_holds_rate_limits_instead_of_failing_open(
    own_redis: RedisProcess,
) -> None:
    # one connection and a short wait for it, so that the pool runs dry while Redis stalls
    store = RedisStore(own_redis.url, budgets=RedisBudgets(connections=1, pool_wait_s=0.05))
    await store.ping()
    own_redis.pause()
    try:
        calls = [asyncio.ensure_future(store.rate_limit("rate:discord:busy", 100, 1.0)) for _ in range(10)]
        await asyncio.sleep(0.5)
    finally:
        own_redis.resume()
    results = await asyncio.gather(*calls)
    await store.close()
    assert sum(allowed for allowed, _ in results) == 1  # the one that had the connection
    assert all(wait > 0 for allowed, wait in results if not allowed)
