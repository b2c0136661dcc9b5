"""Exactly once across kills and replicas: the ledger and the leader lock on a real Redis."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from bot.config import RedditSettings
from bot.reddit import LeaderLock, RedditApi, RedditBot
from bot.service import AnswerService
from bot.stores import RedisStore
from tests.standins.reddit_api import BOT, RedditStandIn, Thing, until

pytestmark = pytest.mark.redis

QUESTION = "can I run qwen3 30b on an RTX 3090 with 32GB RAM?"
LOCK_TTL_S = 1.5


@pytest.fixture
async def reddit() -> AsyncIterator[RedditStandIn]:
    async with RedditStandIn() as server:
        yield server


@asynccontextmanager
async def replica(reddit: RedditStandIn, redis_url: str) -> AsyncIterator[RedditBot]:
    """One bot process: its own Reddit login and its own Redis connections."""
    api = RedditApi.connect(user_agent="canirun-tests/0.1", call_timeout_s=5.0, **reddit.credentials())
    service = AnswerService(RedisStore(redis_url))
    settings = RedditSettings(poll_interval_s=0.05, leader_lock_ttl_s=LOCK_TTL_S)
    # settle_s=0: the stand-in's listings show a comment the moment it is posted (Reddit's may lag)
    bot = RedditBot(api, service, settings, username=BOT, claim_ttl_s=1, backoff_max_s=0.3, settle_s=0)
    try:
        yield bot
    finally:
        await api.close()
        await service.close()


def summons(reddit: RedditStandIn, who: str = "bob") -> Thing:
    post = reddit.state.add_submission("LocalLLaMA", "alice", "Help with my rig")
    return reddit.state.add_comment(post, who, f"u/{BOT} {QUESTION}")


def replies(reddit: RedditStandIn, c: Thing) -> list[Thing]:
    return reddit.state.replies_to(c.fullname, author=BOT)


async def kill(task: asyncio.Task[None]) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def run_until(bot: RedditBot, check: object, timeout: float = 5.0) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(bot.run(stop))
    try:
        await until(check, timeout=timeout)
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)


async def test_killed_between_claim_and_reply_replies_once_after_restart(
    reddit: RedditStandIn, redis_url: str
) -> None:
    c = summons(reddit)
    held = reddit.state.inject("comment", hold=True)  # the reply never reaches Reddit
    async with replica(reddit, redis_url) as bot:
        task = asyncio.create_task(bot.run(asyncio.Event()))
        await asyncio.wait_for(held.arrived.wait(), 5)
        await kill(task)
        assert await bot.store.ledger_get(c.fullname) is None
    held.release()
    assert replies(reddit, c) == [] and reddit.state.unread_of(BOT) == [c.fullname]
    async with replica(reddit, redis_url) as restarted:  # waits out the dead worker's claim (1 s)
        await run_until(restarted, lambda: not reddit.state.unread_of(BOT))
    assert len(replies(reddit, c)) == 1


async def test_killed_between_reply_and_mark_read_only_marks_read_after_restart(
    reddit: RedditStandIn, redis_url: str
) -> None:
    c = summons(reddit)
    held = reddit.state.inject("read_message", hold=True)
    async with replica(reddit, redis_url) as bot:
        task = asyncio.create_task(bot.run(asyncio.Event()))
        await asyncio.wait_for(held.arrived.wait(), 5)
        await kill(task)
    held.release()
    assert len(replies(reddit, c)) == 1 and reddit.state.unread_of(BOT) == [c.fullname]
    async with replica(reddit, redis_url) as restarted:
        await run_until(restarted, lambda: not reddit.state.unread_of(BOT))
    assert len(replies(reddit, c)) == 1 and reddit.state.requests["comment"] == 1


async def test_reply_that_reached_reddit_but_was_never_recorded_is_found_not_repeated(
    reddit: RedditStandIn, redis_url: str
) -> None:
    c = summons(reddit)
    held = reddit.state.inject("comment", hold=True, after_effect=True)  # posted; the answer is lost
    async with replica(reddit, redis_url) as bot:
        task = asyncio.create_task(bot.run(asyncio.Event()))
        await asyncio.wait_for(held.arrived.wait(), 5)
        await kill(task)
    held.release()
    posted = replies(reddit, c)
    assert len(posted) == 1
    async with replica(reddit, redis_url) as restarted:
        await run_until(restarted, lambda: not reddit.state.unread_of(BOT))
        assert await restarted.store.ledger_get(c.fullname) == posted[0].fullname
    assert len(replies(reddit, c)) == 1 and reddit.state.requests["comment"] == 1


async def test_two_replicas_one_poller_and_takeover_when_the_leader_dies(
    reddit: RedditStandIn, redis_url: str
) -> None:
    async with replica(reddit, redis_url) as a, replica(reddit, redis_url) as b:
        locks = {
            a: LeaderLock(a.store, LOCK_TTL_S, owner="replica-a", check_s=0.1, grace_s=1.0),
            b: LeaderLock(b.store, LOCK_TTL_S, owner="replica-b", check_s=0.1, grace_s=1.0),
        }
        stop = asyncio.Event()
        tasks = {
            bot: asyncio.create_task(lock.run(lambda bot=bot: bot.run(stop), stop))
            for bot, lock in locks.items()
        }
        try:
            await until(lambda: any(lock.is_leader for lock in locks.values()))
            first = summons(reddit, "bob")
            for _ in range(40):  # 1 s of samples: never two leaders, one token polling
                assert sum(lock.is_leader for lock in locks.values()) == 1
                await asyncio.sleep(0.025)
            await until(lambda: replies(reddit, first))
            assert len([t for t, n in reddit.state.pollers.items() if n]) == 1
            leader = next(bot for bot, lock in locks.items() if lock.is_leader)
            standby = next(bot for bot in locks if bot is not leader)
            await kill(tasks.pop(leader))  # a crash: the lock is not released, it lapses
            second = summons(reddit, "carol")
            await until(lambda: locks[standby].is_leader, timeout=LOCK_TTL_S + 2)
            await until(lambda: replies(reddit, second), timeout=5)
        finally:
            stop.set()
            await asyncio.gather(*tasks.values(), return_exceptions=True)
    assert len(replies(reddit, first)) == 1 and len(replies(reddit, second)) == 1
    assert reddit.state.requests["comment"] == 2


async def test_clean_stop_hands_the_lock_over_at_once(reddit: RedditStandIn, redis_url: str) -> None:
    store = RedisStore(redis_url)
    try:
        one = LeaderLock(store, 30.0, owner="one", check_s=0.05, grace_s=0.1)
        two = LeaderLock(store, 30.0, owner="two", check_s=0.05, grace_s=0.1)
        stop_one, stop_two = asyncio.Event(), asyncio.Event()
        forever = asyncio.Event()
        t1 = asyncio.create_task(one.run(forever.wait, stop_one))
        await until(lambda: one.is_leader)
        t2 = asyncio.create_task(two.run(forever.wait, stop_two))
        await asyncio.sleep(0.2)
        assert not two.is_leader
        stop_one.set()  # with a 30 s TTL, only the release explains a fast takeover
        await asyncio.wait_for(t1, 12)
        await until(lambda: two.is_leader, timeout=2)
        stop_two.set()
        await asyncio.wait_for(t2, 12)
    finally:
        await store.close()
