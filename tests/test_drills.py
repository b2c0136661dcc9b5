"""Fault drills: bounded in time, loopback only; the scenarios are in tests/drills.py.

- Redis killed and restarted while askers keep asking: no crash, every question answered, saved rigs
  intact after the restart (append-only file with fsync always).
- Redis stalled longer than the cache budget: the cache fails open, every state write lands once.
- 256 people asking at once on a deployment's budgets: no store failure, rate limits held.
- Reddit answering 5xx after it posted, the bot killed during a backlog, a lost reply behind 250
  newer ones, restarts on the SQLite store: every summons answered exactly once.
- A SQLite write lock held by another process: reads answer, a write fails within its budget.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.service import AnswerService
from bot.stores import EmbeddedStore, RedisStore, Store
from tests import drills
from tests.drills import QUESTIONS, Tally
from tests.redis_server import RedisProcess

pytestmark = pytest.mark.redis


def assert_harmless(tally: Tally) -> None:
    assert (tally.lost, tally.duplicates, tally.data_lost, tally.failures) == (0, 0, 0, 0), tally
    assert tally.faults > 0 and tally.done > 0, tally


async def test_answers_continue_while_redis_is_killed_and_restarted(own_redis: RedisProcess) -> None:
    service = AnswerService(RedisStore(own_redis.url))
    users = [("discord", str(k)) for k in range(20)]
    for who in users:
        await service.save_rig(who, "RTX 4090, 64GB DDR5")
    answered: list[str] = []
    failures: list[BaseException] = []
    stop = asyncio.Event()

    async def asker(k: int) -> None:
        i = k
        while not stop.is_set():
            try:
                a = await service.ask(QUESTIONS[i % len(QUESTIONS)])
                answered.append(a.kind)
            except Exception as err:  # any exception here fails the drill
                failures.append(err)
            i += 1
            await asyncio.sleep(0)

    tasks = [asyncio.create_task(asker(k)) for k in range(16)]
    await asyncio.sleep(0.5)
    before = len(answered)
    own_redis.kill()
    await asyncio.sleep(1.0)
    during = len(answered) - before
    own_redis.start()
    await asyncio.sleep(1.0)
    stop.set()
    await asyncio.gather(*tasks)
    try:
        assert not failures
        assert during > 0, "no answers while Redis was down"
        assert set(answered) == {"estimate"}
        for who in users:  # written before the crash, read after the restart
            assert await service.saved_rig(who) == "RTX 4090, 64GB DDR5"
        assert (await service.ask(QUESTIONS[0])).cached  # the cache works again
    finally:
        await service.close()


async def test_a_stall_past_the_cache_budget_fails_the_cache_open_and_loses_no_write(
    own_redis: RedisProcess,
) -> None:
    tally = await drills.redis_stall(own_redis, stall_s=1.0, writers=20)
    assert_harmless(tally)
    assert tally.notes["cache read during the stall"] == "None"


async def test_256_concurrent_askers_meet_no_store_failure_and_the_rate_limit_holds(redis_url: str) -> None:
    tally = await drills.concurrent_askers(redis_url, askers=256, burst=5)
    assert (tally.lost, tally.failures) == (0, 0), tally
    assert 1 <= tally.notes["one asker allowed"] <= 5  # 5 unless the machine is too busy to read in time


@pytest.fixture(params=["redis", "embedded"])
def reddit_store(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Store]:
    """What each life of the Reddit bot opens: the same Redis, or the same SQLite file."""
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        return lambda: RedisStore(url)
    return lambda: EmbeddedStore(tmp_path / "state.sqlite3")


async def test_5xx_after_reddit_posted_gives_no_second_reply(reddit_store: Callable[[], Store]) -> None:
    tally = await drills.server_errors_after_post(reddit_store, n=10)
    assert_harmless(tally)
    assert tally.notes["comment requests"] == 10  # the transport never sent one twice


async def test_killed_again_and_again_during_a_backlog_every_summons_is_answered_once(redis_url: str) -> None:
    tally = await drills.kill_during_backlog(lambda: RedisStore(redis_url), n=40, lives=60, seed=7)
    assert_harmless(tally)
    assert tally.notes["kills"] >= 2


async def test_a_reply_lost_behind_250_newer_comments_is_found_not_posted_again(
    reddit_store: Callable[[], Store],
) -> None:
    tally = await drills.lost_reply_behind_backlog(reddit_store, newer=250)
    assert_harmless(tally)
    assert tally.notes["pages of the account's comments read"] >= 3  # 250 newer: past the first 100


async def test_restarts_on_the_sqlite_store_keep_replies_once_and_opt_outs(tmp_path: Path) -> None:
    tally = await drills.restarts_on_sqlite(tmp_path / "state.sqlite3", n=12, restarts=2)
    assert_harmless(tally)


async def test_a_write_lock_held_elsewhere_never_holds_up_reads(tmp_path: Path) -> None:
    tally = await drills.sqlite_lock_held(tmp_path / "state.sqlite3", readers=5)
    assert (tally.lost, tally.failures) == (0, 0), tally
    assert tally.notes["write while locked"] == "StoreUnavailable"
