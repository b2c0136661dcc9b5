"""Fault drills: bounded in time, loopback only.

- Redis killed and restarted while askers keep asking: no crash, every question answered, saved rigs
  intact after the restart (append-only file with fsync always).
- The Reddit bot killed again and again mid-stream while Reddit answers 500s, RATELIMITs and slow
  replies: every summons answered exactly once.
"""

from __future__ import annotations

import asyncio
import random

import pytest

from bot.config import RedditSettings
from bot.reddit import RedditApi, RedditBot
from bot.service import AnswerService
from bot.stores import RedisStore
from tests.redis_server import RedisProcess
from tests.standins.reddit_api import BOT, RedditStandIn, until

pytestmark = pytest.mark.redis

QUESTIONS = [
    "can I run qwen3 30b on an RTX 3090 with 32GB RAM?",
    "gpt-oss-120b on a 4090 + 64gb ddr5, how fast?",
    "llama 3.3 70b on 2x 3090 and 64gb ram",
    "qwen3 8b on a 3060 12gb",
]


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


async def test_every_summons_is_answered_once_though_the_bot_is_killed_again_and_again(
    redis_url: str,
) -> None:
    rng = random.Random(7)
    async with RedditStandIn() as reddit:
        post = reddit.state.add_submission("LocalLLaMA", "alice", "Rig help")
        summonses = [
            reddit.state.add_comment(post, f"user{k}", f"u/{BOT} {QUESTIONS[k % len(QUESTIONS)]}")
            for k in range(24)
        ]
        for _ in range(4):
            reddit.state.inject("comment", status=500)
        reddit.state.inject("comment", ratelimit="Take a break. Try again in 1 second.")
        reddit.state.inject("read_message", status=502)
        reddit.state.inject("unread", delay_s=0.3)

        def all_answered() -> bool:
            return all(reddit.state.replies_to(c.fullname, author=BOT) for c in summonses)

        kills = 0
        for _ in range(40):  # bounded: the drill gives up after 40 lives
            api = RedditApi.connect(
                user_agent="canirun-drill/0.1", call_timeout_s=3.0, **reddit.credentials()
            )
            service = AnswerService(RedisStore(redis_url))
            settings = RedditSettings(poll_interval_s=0.05, leader_lock_ttl_s=1.5, max_replies_per_thread=100)
            bot = RedditBot(api, service, settings, username=BOT, claim_ttl_s=1, backoff_max_s=0.3)
            task = asyncio.create_task(bot.run(asyncio.Event()))
            await asyncio.sleep(rng.uniform(0.05, 0.6))  # then a crash, mid-whatever
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await api.close()
            await service.close()
            kills += 1
            if all_answered() and not reddit.state.unread_of(BOT):
                break
        else:
            pytest.fail("the summonses were not all answered within 40 restarts")
        # one last clean life to mark everything read
        api = RedditApi.connect(user_agent="canirun-drill/0.1", call_timeout_s=3.0, **reddit.credentials())
        service = AnswerService(RedisStore(redis_url))
        bot = RedditBot(api, service, RedditSettings(poll_interval_s=0.05), username=BOT, claim_ttl_s=1)
        stop = asyncio.Event()
        task = asyncio.create_task(bot.run(stop))
        await until(lambda: not reddit.state.unread_of(BOT), timeout=10)
        stop.set()
        await asyncio.wait_for(task, 10)
        await api.close()
        await service.close()
        counts = [len(reddit.state.replies_to(c.fullname, author=BOT)) for c in summonses]
    assert kills >= 2
    assert counts == [1] * len(summonses)
