"""Redis down or restarted: answers keep flowing, state writes fail loudly, nothing saved is lost."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.service import AnswerService
from bot.stores import RedisStore, StoreUnavailable
from tests.redis_server import RedisProcess

QUESTION = "can I run qwen3 8b on an RTX 3060 12GB with 32GB RAM?"


async def test_cache_reads_as_a_miss_while_redis_is_down(own_redis: RedisProcess) -> None:
    store = RedisStore(own_redis.url)
    await store.cache_set("answer:x", "v", 60)
    own_redis.kill()
    # bounded by the cache's budget, not by reconnecting (the bound here only catches a hang)
    assert await asyncio.wait_for(store.cache_get("answer:x"), 30) is None
    await store.close()


async def test_rate_limits_allow_while_redis_is_down(own_redis: RedisProcess) -> None:
    store = RedisStore(own_redis.url)
    own_redis.kill()
    assert (await store.rate_limit("rate:discord:1", 1, 0.001))[0]
    await store.close()


async def test_saving_a_rig_fails_loudly_while_redis_is_down(own_redis: RedisProcess) -> None:
    store = RedisStore(own_redis.url)
    own_redis.kill()
    with pytest.raises(StoreUnavailable, match="try again"):
        await store.rig_set("discord", "u1", "RTX 4090")
    await store.close()


async def test_the_leader_lock_fails_closed_while_redis_is_down(own_redis: RedisProcess) -> None:
    store = RedisStore(own_redis.url)
    own_redis.kill()
    assert not await store.lock_acquire("reddit-poller", "a", 30)
    await store.close()


async def test_answers_flow_without_redis_and_fast(own_redis: RedisProcess) -> None:
    service = AnswerService(RedisStore(own_redis.url))
    own_redis.kill()
    await service.ask(QUESTION)  # first call notices the outage
    answer = await asyncio.wait_for(service.ask(QUESTION), 30)  # the bound only catches a hang
    assert answer.kind == "estimate" and not answer.cached
    await service.close()


async def test_the_store_reconnects_after_redis_comes_back(own_redis: RedisProcess) -> None:
    store = RedisStore(own_redis.url)
    await store.rig_set("discord", "u1", "2x RTX 3090")
    own_redis.kill()
    assert await store.cache_get("answer:y") is None
    own_redis.start()
    deadline = time.monotonic() + 10
    while not await store.ping() and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    await store.cache_set("answer:y", "back", 60)
    assert await store.cache_get("answer:y") == "back"
    assert await store.rig_get("discord", "u1") == "2x RTX 3090"  # AOF kept it across the crash
    await store.close()
