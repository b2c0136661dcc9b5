"""The answer service with a real Redis: cached and uncached latency, and throughput with 64
concurrent askers on one process; writes docs/BENCHMARKS.md.

    .venv/bin/python -m benchmarks.service

Needs `redis-server` on PATH (make test installs it); starts its own on a free loopback port.
Targets: cached p50 ≤ 0.5 ms; ≥ 2,000 cached answers/s with 64 concurrent askers.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Sequence

from benchmarks._report import quantile, table, write_section
from bot.service import AnswerService
from bot.stores import RedisStore
from tests.redis_server import temporary_redis

QUESTIONS = [
    "can I run qwen3 30b on an RTX 3090 with 32GB RAM?",
    "gpt-oss-120b on a 4090 + 64gb ddr5, how fast?",
    "llama 3.3 70b on 2x 3090 and 64gb ram at 16k",
    "u/canirun can my M2 Max 96GB run Qwen3 235B?",
    "qwen3 8b on a 3060 12gb",
    "deepseek r1 on a 3060 and 32gb ram",
    "mistral small 3.1 24b on a 7900 xtx",
    "gemma 3 27b on an rtx 4070 ti super with 32gb ram",
]
CONCURRENCY = 64
THROUGHPUT_SECONDS = 3.0


async def _latencies(service: AnswerService, questions: Sequence[str], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            await service.ask(q)
            out.append(time.perf_counter() - t)
    return out


async def _throughput(service: AnswerService) -> float:
    done = 0
    stop = time.perf_counter() + THROUGHPUT_SECONDS

    async def asker(k: int) -> None:
        nonlocal done
        i = k
        while time.perf_counter() < stop:
            await service.ask(QUESTIONS[i % len(QUESTIONS)])
            done += 1
            i += 1

    started = time.perf_counter()
    await asyncio.gather(*(asker(k) for k in range(CONCURRENCY)))
    return done / (time.perf_counter() - started)


async def measure(url: str) -> dict[str, float]:
    service = AnswerService(RedisStore(url))
    try:
        uncached = []
        for q in QUESTIONS:  # first time: computed
            t = time.perf_counter()
            a = await service.ask(q)
            uncached.append(time.perf_counter() - t)
            assert not a.cached
        cached = await _latencies(service, QUESTIONS, 100)
        rate = await _throughput(service)
    finally:
        await service.close()
    return {
        "uncached_p50": statistics.median(uncached),
        "uncached_max": max(uncached),
        "cached_p50": statistics.median(cached),
        "cached_p99": quantile(cached, 0.99),
        "rate": rate,
    }


def main(argv: Sequence[str] | None = None) -> int:
    with temporary_redis() as redis:
        r = asyncio.run(measure(redis.url))
    body = (
        "AnswerService on a real redis-server (loopback, AOF on), one process, one event loop. "
        f"{len(QUESTIONS)} different questions (benchmarks/service.py).\n\n"
        + table(
            ["measure", "result", "target"],
            [
                ("uncached answer, median (first ask)", f"{r['uncached_p50'] * 1e3:.1f} ms", "-"),
                ("uncached answer, slowest", f"{r['uncached_max'] * 1e3:.1f} ms", "-"),
                ("cached answer p50", f"{r['cached_p50'] * 1e3:.3f} ms", "≤ 0.5 ms"),
                ("cached answer p99", f"{r['cached_p99'] * 1e3:.3f} ms", "-"),
                (f"cached answers/s, {CONCURRENCY} concurrent askers", f"{r['rate']:,.0f}", "≥ 2,000"),
            ],
        )
    )
    write_section("BENCHMARKS.md", "service", "Answer service (Redis)", body)
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
