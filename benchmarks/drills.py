"""The fault drills of tests/drills.py, run larger, with their figures written into
docs/RELIABILITY.md: faults injected, work done once, answers lost, duplicates, data lost.

    .venv/bin/python -m benchmarks.drills               # a few minutes
    .venv/bin/python -m benchmarks.drills --no-write    # print only

Everything runs on this machine: a real redis-server (one per drill, so no drill sees another's
state), real SQLite files, real Async PRAW against the Reddit stand-in.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from benchmarks._report import table, write_section
from bot.stores import EmbeddedStore, RedisStore
from tests import drills
from tests.drills import Tally
from tests.redis_server import RedisProcess


async def run_all(tmp: Path) -> list[tuple[Tally, float]]:
    out: list[tuple[Tally, float]] = []

    async def drill(
        name: str, run: Callable[[RedisProcess, Path], Awaitable[Tally]], label: str = ""
    ) -> None:
        where = tmp / name
        redis = RedisProcess(where / "redis").start()
        try:
            started = time.perf_counter()
            tally = await run(redis, where)
            tally.drill += label
            out.append((tally, time.perf_counter() - started))
            print(tally, file=sys.stderr)
        finally:
            redis.kill()

    await drill(
        "5xx", lambda r, _: drills.server_errors_after_post(lambda: RedisStore(r.url), n=60), " (Redis store)"
    )
    await drill(
        "5xx-sqlite",
        lambda _, d: drills.server_errors_after_post(lambda: EmbeddedStore(d / "state.sqlite3"), n=60),
        " (SQLite store)",
    )
    for seed in (1, 2, 3):
        await drill(
            f"backlog-{seed}",
            lambda r, _, seed=seed: drills.kill_during_backlog(  # type: ignore[misc]
                lambda: RedisStore(r.url), n=300, lives=300, seed=seed
            ),
            f" (seed {seed})",
        )
    await drill("behind", lambda r, _: drills.lost_reply_behind_backlog(lambda: RedisStore(r.url), newer=900))
    await drill(
        "sqlite-restarts", lambda _, d: drills.restarts_on_sqlite(d / "state.sqlite3", n=60, restarts=6)
    )
    await drill("askers-256", lambda r, _: drills.concurrent_askers(r.url, askers=256, burst=5))
    await drill("askers-1024", lambda r, _: drills.concurrent_askers(r.url, askers=1024, burst=5))
    await drill("stall", lambda r, _: drills.redis_stall(r, stall_s=1.5, writers=100))
    await drill("lock", lambda _, d: drills.sqlite_lock_held(d / "state.sqlite3", readers=50))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)  # the drills make the bots log every fault they meet
    with tempfile.TemporaryDirectory() as tmp:
        results = asyncio.run(run_all(Path(tmp)))
    rows = [
        (
            t.drill,
            f"{t.faults:,}" if t.faults else "(load)",
            f"{t.done:,} / {t.work:,}",
            t.lost,
            t.duplicates,
            t.data_lost,
            t.failures,
            f"{seconds:.0f} s",
        )
        for t, seconds in results
    ]
    body = (
        "`.venv/bin/python -m benchmarks.drills`: the drills of `tests/drills.py` (which `make test` runs "
        "smaller), each on a redis-server and a SQLite file of its own, real Async PRAW against the Reddit "
        "stand-in. *Done once*: summonses answered by exactly one reply, questions answered, writes read "
        "back; *failures*: an exception reaching a caller, a store failure counted, a rate limit that "
        "let through more or fewer than its burst, reads held up by a write.\n\n"
        + table(["drill", "faults", "done once", "lost", "duplicates", "data lost", "failures", "time"], rows)
    )
    print(body)
    if not args.no_write:
        write_section("RELIABILITY.md", "drill-figures", "Drill figures", body)
    return 0 if all(t.harmless for t, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
