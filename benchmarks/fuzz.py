"""A fuzz run over everything that reads user text: the hardware parser and the question reader
(the core), whole questions answered through the AnswerService (as both bots ask), and every
renderer (terminal, Reddit markdown, Discord embed). Writes the figures into docs/RELIABILITY.md.

    .venv/bin/python -m benchmarks.fuzz                 # 100,000 inputs (a few minutes)
    .venv/bin/python -m benchmarks.fuzz -n 5000 --seed 7

Inputs are deterministic for a seed: random Unicode, question-shaped word salad from a vocabulary of
models, GPUs, numbers, units and languages, mutations of real-looking questions, injection attempts,
hostile text (lone surrogates, terminal escapes, rich markup, thousands of digits, numbers past a
float) and oversized text. Pass: no exception (a HardwareError for text over the length cap is the
expected, friendly refusal), and every answer serializable; the time per input is reported with
its slowest cases, for reading alone (an input read slower than 50 ms is timed twice more and
keeps its best time, so a process merely descheduled on a shared machine is not counted) and end
to end (timed once).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import random
import statistics
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from rich.console import Console

from benchmarks._report import quantile, table, write_section
from bot.answers import answer_text
from bot.render.discord import answer_embed
from bot.render.discord_limits import embed_size
from bot.render.reddit import render_reddit
from bot.render.terminal import render_answer
from bot.service import AnswerService
from bot.stores import MemoryStore
from sizing import HardwareError, SizingError, default_catalog, parse_hardware, read_question

_VOCAB_TEXT = (
    "can I run qwen3 30b a3b 235b 32b llama 3.3 70b 8b gpt-oss-120b 20b deepseek r1 v3 kimi k2 gemma 3 27b "
    "mistral small phi-4 glm 4.5 air on my with and + , . ? ! 2x 3x x2 4 * rtx 3090 4090 5090 3060 12gb "
    "24gb 16 gb GB GiB MB ram vram ddr4 ddr5 6000 mhz m2 m3 m4 max pro ultra 96gb 128gb 512gb h100 a100 "
    "p40 7900 xtx rx 6800 arc a770 strix halo ai max+ 395 dgx spark epyc 9654 threadripper i9-13900k "
    "ryzen 7950x cpu only no gpu at 32k 128k context ctx q4_k_m q8_0 iq2_xxs mxfp4 fp8 awq 4-bit mlx vllm "
    "ollama llama.cpp exl2 best coding chat reasoning model for what should fast tok/s at least 20 "
    "zwei mit und 我有 内存 显卡 能跑 吗 램 で 動きますか пожалуйста une avec de la mémoire pero y con "
    "@everyone @here <@123> <@&456> [link](javascript:alert(1)) ||spoiler|| ``` **bold** u/someone r/sub "
    "0 -1 1e9 99999999999 NaN inf ∞ × ½ ① 🎉 \u200b \u202e \x00 \t \n"
)
VOCAB = tuple(_VOCAB_TEXT.split(" "))
SEEDS = (
    "can I run qwen3 235b on 2x3090 and 128gb ram at 32k?",
    "what's the best coding model for my M2 Max 64GB",
    "gpt-oss-120b on a 4090 + 64gb ddr5, how fast?",
    "will a 200B dense model fit on 4 H100s",
    "我有一张4090和64G内存，能跑deepseek r1 671b吗？",
    "Ryzen AI Max+ 395 128GB - glm 4.5 air speed?",
)
INJECTIONS = (
    "@everyone can I run llama 3 8b on a 3060?",
    "[click](javascript:alert(1)) qwen3 8b on <@&123456> 4090",
    "<script>alert(1)</script> 2x 3090 llama 70b",
    "'; DROP TABLE rigs; -- qwen3 32b on an A100",
    "qwen3 8b on a 4090 " + "|" * 5000,
    "u/canirun " + "```" * 300,
)


SLOW_S = 0.05  # the most reading one input may take
# what broke entry points before: lone surrogates, escapes, markup, digits by the thousand
HOSTILE_PIECES = (
    "\ud800",
    "\udcff\udcfe",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\r",
    "\x00",
    "\x85",
    "[/x]",
    "[bold]",
    "\u202e",
    "1e400",
    "nan",
    "-0",
    "9" * 400,
    "9." * 200,
    "x9" * 200,
    "k" * 50,
)
HOSTILE_TAILS = ("k ctx", "b", "B MoE", " tok/s", "gb", "x 3090", " bit", "")


def hostile(rng: random.Random) -> str:
    """A question-shaped line carrying what broke entry points, up to the length cap."""
    parts = [rng.choice(SEEDS)]
    for _ in range(rng.randrange(1, 6)):
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(HOSTILE_PIECES))
    if rng.random() < 0.3:  # a run of digits right at the cap, then a unit
        parts.append("9" * rng.randrange(1000, 3900) + rng.choice(HOSTILE_TAILS))
    return " ".join(parts)[:3999]


def inputs(n: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    kinds = ("unicode", "salad", "mutated", "injection", "long", "numbers", "hostile")
    for i in range(n):
        kind = kinds[i % len(kinds)]
        if kind == "unicode":
            yield "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(rng.randrange(0, 200)))
        elif kind == "salad":
            yield " ".join(rng.choice(VOCAB) for _ in range(rng.randrange(1, 40)))
        elif kind == "mutated":
            s = list(rng.choice(SEEDS))
            for _ in range(rng.randrange(1, 12)):
                op, k = rng.randrange(3), rng.randrange(len(s) + 1)
                if op == 0 and s:
                    del s[min(k, len(s) - 1)]
                elif op == 1:
                    s.insert(k, chr(rng.randrange(0x20, 0x3000)))
                else:
                    s.insert(k, " " + rng.choice(VOCAB) + " ")
            yield "".join(s)
        elif kind == "injection":
            yield rng.choice(INJECTIONS)
        elif kind == "hostile":
            yield hostile(rng)
        elif kind == "long":
            yield " ".join(rng.choice(VOCAB) for _ in range(rng.randrange(200, 3000)))
        else:
            yield " ".join(
                f"{rng.choice(['', '2x ', 'x', '*'])}{rng.randrange(0, 10 ** rng.randrange(1, 7))}"
                f"{rng.choice(['gb', 'GB', ' GiB', 'k', 'b', '', ' tb', 'mhz'])}"
                for _ in range(rng.randrange(1, 15))
            )


def _timed(fn: Callable[[str], None], text: str) -> float:
    t = time.perf_counter()
    fn(text)
    return time.perf_counter() - t


def run(n: int, seed: int) -> dict[str, object]:
    return asyncio.run(_run(n, seed))


async def _run(n: int, seed: int) -> dict[str, object]:
    catalog = default_catalog()
    service = AnswerService(MemoryStore())
    for text in SEEDS:  # warm the process (data files, memoized model tables), as a running bot is
        answer_text(text, catalog)
        await service.ask(text)
    console = Console(file=io.StringIO(), width=100, color_system=None)
    times: list[float] = []
    reads: list[float] = []
    slow: list[tuple[float, str]] = []
    slow_reads: list[tuple[float, str]] = []
    failures: list[tuple[str, str]] = []
    kinds: Counter[str] = Counter()
    started = time.perf_counter()

    def read(text: str) -> None:
        """The core's reading: the rig, then the whole question (over the cap: the refusal)."""
        with contextlib.suppress(HardwareError):
            parse_hardware(text)
        with contextlib.suppress(SizingError):
            read_question(text, catalog.index)

    for k, text in enumerate(inputs(n, seed)):
        t = time.perf_counter()
        try:
            read(text)
            r = time.perf_counter() - t
            if r > SLOW_S:  # slow, or only descheduled on a shared machine: the best of three
                r = min(r, *(_timed(read, text) for _ in range(2)))
            answer = await service.ask(text)  # cleaned, read, answered, cached: as the bots ask
            answer.model_dump_json()  # what the cache and --json need
            kinds[answer.kind] += 1
            console.print(render_answer(answer))
            reply = render_reddit(answer)
            assert len(reply) <= 10_000, "reddit reply over 10,000 characters"
            embed = answer_embed(answer)
            assert embed_size(embed) <= 6000, "discord embed over 6,000 characters"
            assert "@everyone" not in str(embed).replace("@\u200beveryone", ""), "unescaped @everyone"
        except Exception:
            failures.append((text[:200], traceback.format_exc(limit=3)))
            r = time.perf_counter() - t
        dt = time.perf_counter() - t
        times.append(dt)
        reads.append(r)
        if dt > SLOW_S:
            slow.append((dt, text[:80]))
        if r > SLOW_S:
            slow_reads.append((r, text[:80]))
        if k % 10_000 == 0 and k:
            print(f"  {k:,} inputs, {len(failures)} failures", file=sys.stderr)
        console.file = io.StringIO()  # keep memory flat
    await service.close()
    return {
        "n": n,
        "seed": seed,
        "seconds": time.perf_counter() - started,
        "failures": failures,
        "median_ms": statistics.median(times) * 1e3,
        "p99_ms": quantile(times, 0.99) * 1e3,
        "max_ms": max(times) * 1e3,
        "read_median_ms": statistics.median(reads) * 1e3,
        "read_p99_ms": quantile(reads, 0.99) * 1e3,
        "read_max_ms": max(reads) * 1e3,
        "slow": sorted(slow, reverse=True),
        "slow_reads": sorted(slow_reads, reverse=True),
        "kinds": dict(kinds),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=100_000, help="number of inputs (default 100,000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    r = run(args.n, args.seed)
    failures = r["failures"]
    slow = r["slow"]
    slow_reads = r["slow_reads"]
    assert isinstance(failures, list) and isinstance(slow, list) and isinstance(slow_reads, list)
    body = (
        f"`.venv/bin/python -m benchmarks.fuzz -n {args.n} --seed {args.seed}`: {args.n:,} generated inputs "
        "(random Unicode, word salad from models/GPUs/units/9 languages, mutated questions, mention and "
        "markdown injection, hostile text: lone surrogates, terminal escapes, rich markup, thousands of "
        "digits, numbers past a float; oversized text). Each is read by the core (the rig, then the "
        "whole question), answered through the AnswerService as the bots ask, serialized, and rendered "
        "for the terminal, Reddit and Discord (with the 10,000- and 6,000-character limits checked).\n\n"
        + table(
            ["", "median", "p99", "slowest", "slower than 50 ms"],
            [
                (
                    "reading (core)",
                    f"{r['read_median_ms']:.2f} ms",
                    f"{r['read_p99_ms']:.1f} ms",
                    f"{r['read_max_ms']:.0f} ms",
                    len(slow_reads),
                ),
                (
                    "end to end",
                    f"{r['median_ms']:.2f} ms",
                    f"{r['p99_ms']:.1f} ms",
                    f"{r['max_ms']:.0f} ms",
                    len(slow),
                ),
            ],
        )
        + f"\n\nExceptions: {len(failures)}. Answers by kind: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(r["kinds"].items()))  # type: ignore[union-attr]
        + "."
    )
    if slow_reads:
        body += (
            "\n\nSlowest readings: "
            + "; ".join(f"{t * 1e3:.0f} ms `{s_[:50]!a}`" for t, s_ in slow_reads[:3])
            + "."
        )
    if slow:
        body += (
            "\n\nSlowest end to end: "
            + "; ".join(f"{t * 1e3:.0f} ms `{s_[:50]!a}`" for t, s_ in slow[:3])
            + "."
        )
    print(body)
    for text, tb in failures[:5]:
        print(f"\nFAILED on {text!r}\n{tb}", file=sys.stderr)
    if not args.no_write:
        write_section("RELIABILITY.md", "fuzz", "Fuzz run", body)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
