"""Fault drills as functions: each sets up a fault, runs the real code through it (real Async PRAW
against the Reddit stand-in, a real redis-server, a real SQLite file) and counts what came out.

The tests (tests/test_drills*.py) run them small and assert that every count of harm is zero;
`python -m benchmarks.drills` runs them larger and writes the figures into docs/RELIABILITY.md.
Every drill is bounded: a life, a wait and a whole drill each have a limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.config import RedditSettings
from bot.health import Metrics
from bot.reddit import RedditApi, RedditBot
from bot.service import AnswerService, RateLimit, RateLimited
from bot.stores import EmbeddedStore, RedisStore, Store, StoreUnavailable
from tests.redis_server import RedisProcess
from tests.standins.reddit_api import BOT, Fault, RedditStandIn, Thing, until

__all__ = [
    "QUESTIONS",
    "Tally",
    "concurrent_askers",
    "kill_during_backlog",
    "lost_reply_behind_backlog",
    "redis_stall",
    "restarts_on_sqlite",
    "server_errors_after_post",
    "sqlite_lock_held",
]

QUESTIONS = [
    "can I run qwen3 30b on an RTX 3090 with 32GB RAM?",
    "gpt-oss-120b on a 4090 + 64gb ddr5, how fast?",
    "llama 3.3 70b on 2x 3090 and 64gb ram",
    "qwen3 8b on a 3060 12gb",
]


@dataclass
class Tally:
    """What a drill did and what came of it. Harm: `lost`, `duplicates`, `data_lost`, `failures`."""

    drill: str
    work: int = 0  # summonses, questions, writes: what had to be done
    faults: int = 0  # faults injected that were hit
    done: int = 0  # of the work, done exactly once (answered, stored, read back)
    lost: int = 0  # work never done (a summons with no reply, a question with no answer)
    duplicates: int = 0  # done more than once (extra replies)
    data_lost: int = 0  # state written before a fault and missing after it
    failures: int = 0  # errors that reached a caller (an exception, a store failure counted)
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def harmless(self) -> bool:
        return self.lost == self.duplicates == self.data_lost == self.failures == 0


# --- Reddit ------------------------------------------------------------------------------------

# The stand-in's listings show a comment the moment it is posted, so the bots here do not wait for
# Reddit's listings to catch up (settle_s=0); everything else is as deployed.
SETTLE_S = 0.0


@asynccontextmanager
async def reddit_bot(
    reddit: RedditStandIn, store: Store, *, claim_ttl_s: int = 1, call_timeout_s: float = 5.0
) -> AsyncIterator[RedditBot]:
    """One life of the bot: its own login and its own service over `store` (closed after)."""
    api = RedditApi.connect(
        user_agent="canirun-drill/0.1", call_timeout_s=call_timeout_s, **reddit.credentials()
    )
    service = AnswerService(store)
    settings = RedditSettings(poll_interval_s=0.05, leader_lock_ttl_s=1.5, max_replies_per_thread=10_000)
    bot = RedditBot(
        api, service, settings, username=BOT, claim_ttl_s=claim_ttl_s, backoff_max_s=0.3, settle_s=SETTLE_S
    )
    try:
        yield bot
    finally:
        await api.close()
        await service.close()


def summonses(reddit: RedditStandIn, n: int, who: str = "user") -> list[Thing]:
    post = reddit.state.add_submission("LocalLLaMA", "alice", "Rig help")
    return [
        reddit.state.add_comment(post, f"{who}{k}", f"u/{BOT} {QUESTIONS[k % len(QUESTIONS)]}")
        for k in range(n)
    ]


def count_replies(reddit: RedditStandIn, tally: Tally, items: list[Thing]) -> Tally:
    counts = [len(reddit.state.replies_to(c.fullname, author=BOT)) for c in items]
    tally.work = len(items)
    tally.done = sum(1 for n in counts if n == 1)
    tally.lost = sum(1 for n in counts if n == 0)
    tally.duplicates = sum(n - 1 for n in counts if n > 1)
    return tally


async def run_until_quiet(reddit: RedditStandIn, store: Store, timeout: float = 60.0) -> None:
    """A clean life until the inbox is empty (bounded)."""
    async with reddit_bot(reddit, store) as bot:
        stop = asyncio.Event()
        task = asyncio.create_task(bot.run(stop))
        try:
            await until(lambda: not reddit.state.unread_of(BOT), timeout=timeout)
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)


def hits(faults: list[Fault]) -> int:
    return sum(min(f.hits, f.times or f.hits) for f in faults)


async def server_errors_after_post(make_store: Callable[[], Store], n: int = 10) -> Tally:
    """Reddit posts every reply, then answers 500, 502 or 504: a reply must not be posted twice."""
    async with RedditStandIn() as reddit:
        items = summonses(reddit, n)
        faults = [
            reddit.state.inject("comment", status=(500, 502, 504)[k % 3], after_effect=True) for k in range(n)
        ]
        await run_until_quiet(reddit, make_store())
        tally = count_replies(reddit, Tally("5xx after the post"), items)
        tally.faults = hits(faults)
        tally.notes["comment requests"] = reddit.state.requests["comment"]
    return tally


async def kill_during_backlog(
    make_store: Callable[[], Store], n: int = 60, lives: int = 60, seed: int = 7
) -> Tally:
    """`n` summonses wait; the bot is killed again and again at random moments and while Reddit
    holds a reply it has posted (so the bot never hears of it), while Reddit also answers 5xx after
    posting, plain 5xx, a RATELIMIT, a 502 on mark-read and a slow inbox."""
    rng = random.Random(seed)
    async with RedditStandIn() as reddit:
        items = summonses(reddit, n)
        k = max(2, n // 20)
        specs: list[dict[str, Any]] = (
            [{"hold": True, "after_effect": True}] * k
            + [{"status": 502, "after_effect": True}] * k
            + [{"status": 500}] * k
            + [{"ratelimit": "Take a break. Try again in 1 second."}]
        )
        rng.shuffle(specs)
        faults = [reddit.state.inject("comment", **spec) for spec in specs]
        faults.append(reddit.state.inject("read_message", status=502))
        faults.append(reddit.state.inject("unread", delay_s=0.3))
        holds = [f for f in faults if f.hold]
        kills = 0
        for _ in range(lives):  # bounded: the drill gives up after `lives` lives
            async with reddit_bot(reddit, make_store(), call_timeout_s=3.0) as bot:
                task = asyncio.create_task(bot.run(asyncio.Event()))
                held = [asyncio.create_task(f.arrived.wait()) for f in holds if not f.arrived.is_set()]
                nap = asyncio.create_task(asyncio.sleep(rng.uniform(0.05, 0.6)))
                await asyncio.wait([*held, nap], return_when=asyncio.FIRST_COMPLETED)
                nap.cancel()
                task.cancel()  # a crash, mid-whatever
                await asyncio.gather(task, return_exceptions=True)
                for t in held:
                    t.cancel()
                for f in holds:
                    if f.arrived.is_set():
                        f.release()  # Reddit answers "posted" to a client that is gone
                kills += 1
            if all(reddit.state.replies_to(c.fullname, author=BOT) for c in items):
                break
        await run_until_quiet(reddit, make_store())
        tally = count_replies(reddit, Tally("killed during a backlog"), items)
        tally.faults = hits(faults) + kills
        tally.notes |= {"kills": kills, "replies posted then never heard of": sum(f.hits for f in holds)}
    return tally


async def lost_reply_behind_backlog(make_store: Callable[[], Store], newer: int = 250) -> Tally:
    """A reply reached Reddit but was never recorded (the bot died waiting for the answer), and the
    account posted `newer` comments after it before the bot came back: found, not posted again."""
    async with RedditStandIn() as reddit:
        [item] = summonses(reddit, 1)
        held = reddit.state.inject("comment", hold=True, after_effect=True)
        async with reddit_bot(reddit, make_store()) as bot:
            task = asyncio.create_task(bot.run(asyncio.Event()))
            await asyncio.wait_for(held.arrived.wait(), 15)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        held.release()
        elsewhere = reddit.state.add_submission("LocalLLaMA", "dave", "Another thread")
        for k in range(newer):  # the account kept answering elsewhere meanwhile
            reddit.state.add_comment(elsewhere, BOT, f"an answer elsewhere, number {k}")
        await run_until_quiet(reddit, make_store())
        tally = count_replies(reddit, Tally(f"reply lost behind {newer} newer ones"), [item])
        tally.faults = held.hits + 1
        tally.notes["pages of the account's comments read"] = reddit.state.requests["user_comments"]
    return tally


async def restarts_on_sqlite(path: Path, n: int = 12, restarts: int = 2, seed: int = 3) -> Tally:
    """The bot on the embedded store (a SQLite file), killed and restarted: no reply twice, and an
    opt-out given before the first kill still holds after the last restart."""
    rng = random.Random(seed)
    async with RedditStandIn() as reddit:
        items = summonses(reddit, n)
        optout = reddit.state.send_message(BOT, "!optout", "!optout", author="quiet")
        for _ in range(restarts):
            async with reddit_bot(reddit, EmbeddedStore(path)) as bot:
                task = asyncio.create_task(bot.run(asyncio.Event()))
                await asyncio.sleep(rng.uniform(0.2, 0.8))
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        await run_until_quiet(reddit, EmbeddedStore(path))
        post = reddit.state.add_submission("LocalLLaMA", "alice", "Later")
        after = reddit.state.add_comment(post, "quiet", f"u/{BOT} {QUESTIONS[0]}")
        await run_until_quiet(reddit, EmbeddedStore(path))
        tally = count_replies(reddit, Tally(f"SQLite store, {restarts} kills and restarts"), items)
        tally.faults = restarts
        tally.data_lost = len(reddit.state.replies_to(after.fullname, author=BOT))  # the opt-out forgotten
        tally.notes["opt-out answered"] = len(reddit.state.replies_to(optout.fullname, author=BOT))
    return tally


# --- stores ------------------------------------------------------------------------------------


def store_failures(metrics: Metrics) -> int:
    samples = (s for m in metrics.store_failures.collect() for s in m.samples)
    return int(sum(s.value for s in samples if s.name.endswith("_total")))


async def concurrent_askers(redis_url: str, askers: int = 256, burst: int = 5) -> Tally:
    """`askers` different people ask at the same moment, and one person sends `askers` questions
    at once, on a RedisStore with the budgets a deployment uses (64 connections): every question
    is answered or refused by the rate limit, no store call fails, and the one person gets no more
    than `burst` answers."""
    metrics = Metrics()
    store = RedisStore(redis_url, metrics=metrics)
    service = AnswerService(store, rate=RateLimit(capacity=burst, per_minute=0.001), metrics=metrics)
    tally = Tally(f"{askers} concurrent askers", work=askers + burst)  # everyone once, the flooder `burst`
    errors: list[BaseException] = []

    async def ask(who: tuple[str, str], k: int) -> str:
        try:
            return (await service.ask(QUESTIONS[k % len(QUESTIONS)], who=who)).kind
        except RateLimited:
            return "rate-limited"
        except Exception as err:  # anything else is a failure of the drill
            errors.append(err)
            return "error"

    try:
        many = await asyncio.gather(*(ask(("discord", f"u{k}"), k) for k in range(askers)))
        one = await asyncio.gather(*(ask(("discord", "flooder"), k) for k in range(askers)))
    finally:
        await service.close()
    tally.done = sum(1 for kind in many if kind == "estimate") + sum(1 for kind in one if kind == "estimate")
    tally.failures = len(errors) + store_failures(metrics)
    allowed = sum(1 for kind in one if kind == "estimate")
    tally.lost = sum(1 for kind in many if kind != "estimate")
    tally.notes |= {"one asker allowed": allowed, "limit": burst}
    if errors:  # what went wrong, so a failure explains itself
        tally.notes["errors"] = ", ".join(f"{type(e).__name__}: {e}" for e in errors[:3])
    # a limit that fails open under load; fewer than the burst only when an answer came too late
    # on a machine too busy to read it in time (held, the asker retries)
    tally.failures += max(0, allowed - burst)
    return tally


async def redis_stall(redis: RedisProcess, stall_s: float = 1.0, writers: int = 20) -> Tally:
    """Redis stops answering for `stall_s` (longer than the cache budget, shorter than the state
    budget) while saved rigs, catalog publishes and cache reads are in flight: the cache fails
    open, every write lands once, versions have no gaps."""
    store = RedisStore(redis.url)
    tally = Tally(f"Redis stalled {stall_s:g} s", work=2 * writers, faults=1)
    try:
        await store.catalog_version()  # connected before the stall
        redis.pause()
        try:
            rigs = [store.rig_set("discord", f"u{k}", f"rig {k}") for k in range(writers)]
            publishes = [store.catalog_publish(f"n: {k}\n", "drill", str(k)) for k in range(writers)]
            cache = store.cache_get("answer:during-the-stall")
            tasks = [asyncio.ensure_future(c) for c in (*rigs, *publishes, cache)]
            await asyncio.sleep(stall_s)
        finally:
            redis.resume()
        results = await asyncio.gather(*tasks, return_exceptions=True)
        tally.failures = sum(1 for r in results if isinstance(r, BaseException))
        kept = [await store.rig_get("discord", f"u{k}") for k in range(writers)]
        tally.data_lost = sum(1 for k, v in enumerate(kept) if v != f"rig {k}")
        history = [r.version for r in await store.catalog_history()]
        wanted = list(range(1, writers + 1))
        tally.duplicates = max(0, len(history) - writers)  # a publish stored twice
        tally.lost = len(set(wanted) - set(history))  # a publish lost, or a version skipped
        tally.done = (writers - tally.data_lost) + len(set(wanted) & set(history))
        tally.notes["cache read during the stall"] = repr(results[-1])
    finally:
        with contextlib.suppress(Exception):
            await store.close()
    return tally


async def sqlite_lock_held(path: Path, readers: int = 5) -> Tally:
    """Another process holds the SQLite file's write lock: reads through the store still answer at
    once (they do not queue behind a write waiting for the lock), and a write fails within its
    budget with StoreUnavailable instead of hanging."""
    store = EmbeddedStore(path)
    tally = Tally("SQLite write lock held elsewhere", work=readers + 1, faults=1)
    await store.rig_set("discord", "u1", "RTX 3090")
    other = sqlite3.connect(str(path), isolation_level=None)
    try:
        other.execute("begin immediate")  # the write lock, as a second process would hold it
        write = asyncio.create_task(store.rig_set("discord", "u2", "RTX 4090"))
        await asyncio.sleep(0)
        started = time.monotonic()
        reads = [await store.rig_get("discord", "u1") for _ in range(readers)]
        tally.notes["reads done while the write waited"] = not write.done()
        tally.notes["seconds for the reads"] = round(time.monotonic() - started, 3)
        tally.done = sum(1 for r in reads if r == "RTX 3090")
        tally.lost = readers - tally.done
        outcome = await asyncio.gather(write, return_exceptions=True)
        tally.notes["write while locked"] = type(outcome[0]).__name__ if outcome[0] else "landed"
        if outcome[0] is not None and not isinstance(outcome[0], StoreUnavailable):
            tally.failures += 1
        if not tally.notes["reads done while the write waited"]:
            tally.failures += 1  # the reads queued behind the write
    finally:
        other.execute("rollback")
        other.close()
    tally.done += int(await store.rig_get("discord", "u1") == "RTX 3090")
    await store.close()
    return tally
