"""Load on the frontends, against the local stand-ins and a real redis-server; writes
docs/BENCHMARKS.md.

    .venv/bin/python -m benchmarks.load

Discord: 200 `/canirun` interactions arrive at once through the stand-in gateway to one bot
process (one shard, Redis store); we report time-to-ack (Discord drops an interaction not
acknowledged within 3 s) and how long until every answer is posted. Target: p99 < 1 s, no missed
deadlines. Reddit: 1,000 summonses wait in the stand-in's inbox; one bot answers them all; we
report throughput and Reddit API requests per summons, and what Reddit's rate limit allows.
Questions repeat (20 distinct), as popular questions do. The service: 1 to 1,024 askers at once,
each asking again as soon as answered (cache and rate limit on Redis, the deployment's budgets):
answers per second and store failures, which must stay 0 however many ask.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks._report import quantile, table, write_section
from bot.config import RedditSettings, Settings
from bot.discord import CanirunBot, point_discord_at, wait_closed
from bot.health import Metrics
from bot.reddit import RedditApi, RedditBot
from bot.service import AnswerService, RateLimit
from bot.stores import RedisStore
from tests.redis_server import temporary_redis
from tests.standins.discord_api import DiscordStandIn
from tests.standins.reddit_api import BOT, RedditStandIn, until

RIGS = ["RTX 3090, 64GB RAM", "RTX 4090", "2x RTX 3090", "M2 Max 96GB", "RTX 3060 12GB, 32GB RAM"]
MODELS = ["qwen3-8b", "qwen3-30b-a3b", "gemma-3-27b", "llama-3.3-70b"]
DISCORD_INTERACTIONS = 200
REDDIT_SUMMONSES = 1000
# Reddit's Data API: 100 queries per minute per OAuth client id, averaged over 10 minutes
# (Reddit Data API Wiki, "Rate limits"; https://support.reddithelp.com/hc/en-us/articles/16160319875092)
REDDIT_QPM = 100
DEADLINE_S = 3.0


async def discord_load(redis_url: str, tmp: Path) -> dict[str, float]:
    async with DiscordStandIn() as standin:
        undo = point_discord_at(standin.api_base_url, standin.gateway_url)
        settings = Settings(
            discord={"api_base_url": standin.api_base_url, "gateway_url": standin.gateway_url},
            health={"enabled": False},
            data_dir=tmp,
        )
        service = AnswerService(RedisStore(redis_url))
        bot = CanirunBot(settings, service, sync_on_start=False, health=False)
        stop = asyncio.Event()
        task = asyncio.create_task(wait_closed(bot, stop, "load-token"))
        try:
            await standin.wait_identified()
            payloads = [
                standin.slash(
                    "canirun",
                    {"model": MODELS[k % len(MODELS)], "hardware": RIGS[k % len(RIGS)]},
                    user_id=10_000 + k,
                )
                for k in range(DISCORD_INTERACTIONS)
            ]
            started = time.monotonic()
            await asyncio.gather(*(standin.interaction(p) for p in payloads))
            for p in payloads:  # answered: the ack, and a followup when it deferred
                await standin.wait_for(
                    lambda p=p: any(
                        r.route != "callback" or r.json.get("type") == 4 for r in standin.for_interaction(p)
                    ),
                    timeout=120,
                )
            done = time.monotonic() - started
            acks = [standin.ack_latency(p["id"]) for p in payloads]
        finally:
            stop.set()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, 10)
            await service.close()
            undo()
    got = [a for a in acks if a is not None]
    return {
        "n": len(payloads),
        "ack_p50": quantile(got, 0.5),
        "ack_p99": quantile(got, 0.99),
        "ack_max": max(got),
        "missed": sum(1 for a in acks if a is None or a > DEADLINE_S),
        "all_answered_s": done,
    }


async def reddit_load(redis_url: str) -> dict[str, float]:
    async with RedditStandIn() as reddit:
        post = reddit.state.add_submission("LocalLLaMA", "alice", "Which rig?")
        summonses = [
            reddit.state.add_comment(
                post, f"user{k}", f"u/{BOT} can I run {MODELS[k % len(MODELS)]} on {RIGS[k % len(RIGS)]}?"
            )
            for k in range(REDDIT_SUMMONSES)
        ]
        api = RedditApi.connect(user_agent="canirun-load/0.1", call_timeout_s=30.0, **reddit.credentials())
        service = AnswerService(RedisStore(redis_url))
        settings = RedditSettings(poll_interval_s=0.05, max_replies_per_thread=REDDIT_SUMMONSES + 1)
        bot = RedditBot(api, service, settings, username=BOT)
        stop = asyncio.Event()
        before = sum(reddit.state.requests.values())
        started = time.monotonic()
        task = asyncio.create_task(bot.run(stop))
        try:
            await until(lambda: not reddit.state.unread_of(BOT), timeout=600, every=0.2)
            elapsed = time.monotonic() - started
        finally:
            stop.set()
            await asyncio.wait_for(task, 30)
            await api.close()
            await service.close()
        requests = sum(reddit.state.requests.values()) - before
        replies = [len(reddit.state.replies_to(c.fullname, author=BOT)) for c in summonses]
    per = requests / len(summonses)
    return {
        "n": len(summonses),
        "seconds": elapsed,
        "per_s": len(summonses) / elapsed,
        "requests_per_summons": per,
        "allowed_per_min": REDDIT_QPM / per,
        "exactly_once": sum(1 for r in replies if r == 1),
    }


ASKERS = (1, 16, 64, 256, 1024)


async def askers_load(redis_url: str, askers: int, seconds: float = 5.0) -> tuple[float, int]:
    """Answers per second with `askers` asking at once (cached answers, each asker its own rate
    bucket), and the store failures counted meanwhile."""
    metrics = Metrics()
    service = AnswerService(
        RedisStore(redis_url, metrics=metrics), rate=RateLimit(10**9, 10**9), metrics=metrics
    )
    questions = [f"can I run {m} on {r}?" for m in MODELS for r in RIGS]
    for q in questions:
        await service.ask(q)
    answered = 0
    stop_at = time.perf_counter() + seconds

    async def asker(k: int) -> None:
        nonlocal answered
        while time.perf_counter() < stop_at:
            await service.ask(questions[k % len(questions)], who=("discord", f"u{k}"))
            answered += 1

    await asyncio.gather(*(asker(k) for k in range(askers)))
    await service.close()
    failures = sum(
        s.value for m in metrics.store_failures.collect() for s in m.samples if s.name.endswith("_total")
    )
    return answered / seconds, int(failures)


async def measure() -> tuple[dict[str, float], dict[str, float], list[tuple[int, float, int]]]:
    with temporary_redis() as redis, tempfile.TemporaryDirectory() as data_dir:
        d = await discord_load(redis.url, Path(data_dir))
        redis.flush()
        r = await reddit_load(redis.url)
        a = []
        for n in ASKERS:
            redis.flush()
            a.append((n, *await askers_load(redis.url, n)))
    return d, r, a


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.ERROR)
    d, r, a = asyncio.run(measure())
    body = (
        "One bot process each, on a real redis-server, against the local stand-ins (benchmarks/load.py); "
        f"{len(RIGS) * len(MODELS)} distinct questions.\n\n"
        + table(
            ["Discord", "result", "target"],
            [
                ("interactions arriving at once", f"{d['n']:.0f}", "200"),
                ("time to ack, p50", f"{d['ack_p50'] * 1e3:.0f} ms", "-"),
                ("time to ack, p99", f"{d['ack_p99'] * 1e3:.0f} ms", "< 1 s"),
                ("time to ack, slowest", f"{d['ack_max'] * 1e3:.0f} ms", "-"),
                ("missed 3-second deadlines", f"{d['missed']:.0f}", "0"),
                ("every answer posted after", f"{d['all_answered_s']:.1f} s", "-"),
            ],
        )
        + "\n\n"
        + table(
            ["Reddit", "result", "note"],
            [
                ("summonses waiting in the inbox", f"{r['n']:.0f}", ""),
                ("answered exactly once", f"{r['exactly_once']:.0f}", "every one"),
                (
                    "bot throughput (no rate limit)",
                    f"{r['per_s']:.1f} summonses/s",
                    "stand-in answers at once",
                ),
                (
                    "Reddit API requests per summons",
                    f"{r['requests_per_summons']:.2f}",
                    "reply + reads, batched",
                ),
                (
                    "within Reddit's 100 requests/min",
                    f"{r['allowed_per_min']:.0f} summonses/min",
                    "the real ceiling: Reddit, not the bot",
                ),
            ],
        )
    )
    body += "\n\n" + table(
        ["askers at once", "answers/s", "store failures"], [(f"{n:,}", f"{rate:,.0f}", f) for n, rate, f in a]
    )
    write_section("BENCHMARKS.md", "load", "Frontends under load", body)
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
