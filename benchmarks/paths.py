"""What a user waits for, through the real entry points: the CLI's batch mode per request, a cold
`canirun ask` process, and the CPU the Discord bot spends on a cached answer; writes
docs/BENCHMARKS.md.

    .venv/bin/python -m benchmarks.paths              # writes docs/BENCHMARKS.md
    .venv/bin/python -m benchmarks.paths --no-write   # prints the table only

Batch: `canirun estimate --batch` and `canirun ask --batch` in a fresh process each, on a fresh
embedded store (so every ask is computed); the cost per request is read from when the answers
arrive, after a first part of the batch that takes process start-up and the first use of each
model's tables. Cold start: `canirun ask` in a new process, after one run (which builds the data
cache): wall time, and the CPU time (user and system) of the process, which a shared machine
disturbs less. Every cold `canirun ask` computes its answer: the CLI keeps answers in its own
process (the embedded store's answer cache lives in memory), so a process asking a question an
earlier one asked, on the same store, computes it again. Discord: a cached `/canirun` answer
turned into its reply (embed, chart, menus), CPU time of this process. Medians over repeated runs (the machine
is shared: medians, not means). Targets: ≤ 1 ms per estimate and ≤ 2 ms per distinct ask in a
batch; a cold `canirun ask` ≤ 0.35 s; a cached Discord answer < 1 ms of CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks._report import table, write_section

ROOT = Path(__file__).resolve().parents[1]
RIGS = [
    "RTX 3090, 32GB RAM",
    "RTX 4090, 64GB DDR5",
    "2x RTX 3090, 64GB DDR4",
    "M2 Max 96GB",
    "RTX 3060 12GB, 32GB RAM",
    "7900 XTX, 64GB RAM",
    "Ryzen AI Max+ 395 128GB",
    "i9-13900K, 96GB DDR5, no GPU",
]
MODELS = [
    "qwen3 8b",
    "qwen3 30b",
    "qwen3 32b",
    "gemma 3 27b",
    "llama 3.3 70b",
    "gpt-oss-120b",
    "mistral small 24b",
    "qwen3 235b",
]
CONTEXTS = ["", " at 16k", " at 32k", " at 4k"]
COLD_QUESTION = "can I run qwen3 30b on an RTX 3090 with 32GB RAM?"
ROUNDS = 5


def _canirun() -> list[str]:
    """`canirun`, as its installed script runs it, from this checkout."""
    return [sys.executable, "-m", "bot.canirun_cli"]


def _children_cpu() -> float:
    """CPU seconds (user and system) of the child processes that have ended so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(args: list[str], stdin: bytes, data_dir: str, cache_dir: str | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of `args` run to its end."""
    env = {**os.environ, "CANIRUN_DATA_DIR": data_dir}
    if cache_dir is not None:
        env["CANIRUN_CACHE_DIR"] = cache_dir
    env.pop("CANIRUN_REDIS_URL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed canirun has its bytecode compiled
    cpu = _children_cpu()
    t = time.perf_counter()
    done = subprocess.run(args, input=stdin, capture_output=True, env=env, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - t
    cpu = _children_cpu() - cpu
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed: {done.stderr.decode(errors='replace')[-400:]}")
    return elapsed, cpu


def _lines(reqs: Sequence[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in reqs)


def _line_times(args: list[str], stdin: bytes, data_dir: str) -> list[float]:
    """When each output line of `args` (fed `stdin`) arrived, in seconds from the start."""
    env = {**os.environ, "CANIRUN_DATA_DIR": data_dir, "PYTHONUNBUFFERED": "1"}
    env.pop("CANIRUN_REDIS_URL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    with subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=ROOT) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
        times = [time.perf_counter() - started for _ in iter(proc.stdout.readline, b"")]
    if proc.returncode != 0:
        raise RuntimeError(f"{args} failed")
    return times


def per_request(command: str, warm: Sequence[dict[str, Any]], timed: Sequence[dict[str, Any]]) -> float:
    """Seconds per request of `canirun COMMAND --batch -` on the lines of `timed`, after those of
    `warm` (process start-up and the first use of each model's tables): the time between the answer
    to the last warm line and the last answer, per line, median over ROUNDS on fresh stores."""
    per_line = []
    for _ in range(ROUNDS):
        with tempfile.TemporaryDirectory() as d:
            times = _line_times([*_canirun(), command, "--batch", "-"], _lines([*warm, *timed]), d)
        if len(times) != len(warm) + len(timed):
            raise RuntimeError(f"{command} --batch answered {len(times)} lines, not {len(warm) + len(timed)}")
        per_line.append((times[-1] - times[len(warm) - 1]) / len(timed))
    return statistics.median(per_line)


def cold_ask() -> tuple[float, float]:
    """(median wall seconds, median CPU seconds) of `canirun ask TEXT` in a new process. The data
    cache (with the compiled patterns) is this measurement's own, built by the first run: what an
    installed canirun has after its first start, whatever else on the machine uses the cache. Half
    the runs use a new store and half the store of the runs before, one after the other (the CLI
    keeps answers in its process, so both compute the answer; neither order nor store favours one)."""
    ask = [*_canirun(), "ask", COLD_QUESTION]
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as kept:
        _run(ask, b"", kept, cache)  # builds the data cache
        for _ in range(ROUNDS):
            with tempfile.TemporaryDirectory() as new:
                for store in (new, kept):
                    wall, cpu = _run(ask, b"", store, cache)
                    walls.append(wall)
                    cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def discord_cached_cpu() -> float:
    """CPU seconds (median) to turn a cached /canirun question into what the bot sends: the
    service's cache hit, the embed, and the chart (kept with the answer)."""
    from bot.answers import Structured
    from bot.discord import to_embed
    from bot.render.chart import chart_key, memory_chart
    from bot.render.discord import answer_embed
    from bot.service import AnswerService

    async def reply(service: AnswerService, question: Structured) -> object:
        answer = await service.ask_structured(question)
        png = await service.drawing(chart_key(answer), lambda: memory_chart(answer))
        return to_embed(answer_embed(answer, chart=png is not None)), png

    async def go() -> float:
        service = AnswerService()
        question = Structured(model="qwen3 30b", hardware="RTX 3090, 32GB RAM")
        await reply(service, question)  # computed and drawn once
        times = []
        for _ in range(200):
            t = time.process_time()
            await reply(service, question)
            times.append(time.process_time() - t)
        await service.close()
        return statistics.median(times)

    return asyncio.run(go())


def measure() -> dict[str, float]:
    estimates = [{"hardware": r, "model": m} for r in RIGS for m in MODELS]
    # every ask distinct (a repeated one is a cache hit): the same pairs at other contexts
    asks = [{"text": f"{m} on {r}{c}"} for c in CONTEXTS for r in RIGS for m in MODELS]
    cold_wall, cold_cpu = cold_ask()
    return {
        "estimate": per_request("estimate", estimates, estimates * 3),
        "ask": per_request("ask", asks[: len(RIGS) * len(MODELS)], asks[len(RIGS) * len(MODELS) :]),
        "cold": cold_wall,
        "cold_cpu": cold_cpu,
        "discord": discord_cached_cpu(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-write", action="store_true", help="print the table; leave docs/BENCHMARKS.md alone")
    args = ap.parse_args(argv)
    r = measure()
    load = os.getloadavg()[0]
    body = (
        f"Through the entry points (benchmarks/paths.py): {len(MODELS)} models on {len(RIGS)} rigs, "
        f"estimated once to warm the batch and then timed over three more passes; "
        f"{len(RIGS) * len(MODELS) * (len(CONTEXTS) - 1)} distinct questions timed after "
        f"{len(RIGS) * len(MODELS)} others (the same pairs at other contexts); "
        f"medians of {ROUNDS} runs ({2 * ROUNDS} cold starts); "
        f"load average {load:.1f} on {os.cpu_count()} cores when measured.\n\n"
        + table(
            ["path", "result", "target"],
            [
                ("`canirun estimate --batch`, per estimate", f"{r['estimate'] * 1e3:.2f} ms", "≤ 1 ms"),
                ("`canirun ask --batch`, per distinct question", f"{r['ask'] * 1e3:.2f} ms", "≤ 2 ms"),
                ("cold `canirun ask` (answer computed), wall", f"{r['cold']:.2f} s", "≤ 0.35 s"),
                ("cold `canirun ask` (answer computed), CPU", f"{r['cold_cpu']:.2f} s", "-"),
                ("Discord: cached answer to reply, CPU", f"{r['discord'] * 1e3:.3f} ms", "< 1 ms"),
            ],
        )
        + "\n\nA batch runs on one event loop and one answer service; a cold process reads the "
        "bundled data from its pre-parsed cache, and the catalog and device database (with their "
        "indexes) built, from the same cache (each rebuilt when its data files or code change); it "
        "imports only what the question needs (no bot stacks; the ranking, requirements and "
        "comparison code only for those questions). The CLI keeps answers in its own process, so "
        "every cold `canirun ask` computes its answer, on a new store or on one an earlier run used."
    )
    if not args.no_write:
        write_section("BENCHMARKS.md", "paths", "Entry points", body)
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
