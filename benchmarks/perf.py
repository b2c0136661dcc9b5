"""Speed of the core: parse, estimate, a full ranked answer, best models; writes docs/BENCHMARKS.md.

    .venv/bin/python -m benchmarks.perf              # writes docs/BENCHMARKS.md
    .venv/bin/python -m benchmarks.perf --no-write   # prints the table only

Targets: parse ≤ 50 µs, estimate ≤ 0.3 ms, ask ≤ 1 ms for a full ranked answer, best models
≤ 5 ms (p99 ≤ 20 ms); no input read by the core (a 4,000-character question, a fuzz input) over 50 ms.
Timings are warm (data files loaded, caches of pure functions filled by one earlier call of the same
kind on other inputs; the estimates and full answers are timed over and over on the same inputs, so
what the core keeps by value is reused there, while the distinct questions size theirs anew),
single-threaded, median and p99 over repeated calls; what loading made is left out of garbage
collection, as the service leaves it (bot/catalog_live.py).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from benchmarks._report import quantile, table, write_section
from benchmarks.fuzz import SLOW_S, inputs
from bot.answers import answer_question
from bot.discord.parsing import ModelChoices
from sizing import (
    MAX_QUESTION_CHARS,
    Catalog,
    HardwareError,
    SizingError,
    default_catalog,
    estimate,
    parse_hardware,
    read_question,
)

RIGS = [
    "2x RTX 3090, 64GB DDR4",
    "M2 Max 96GB",
    "RTX 4090 + 64gb ddr5, ryzen 7950x",
    "3x P40 and 256GB RAM",
    "Ryzen AI Max+ 395 128GB",
    "i9-13900K, 96GB DDR5, no GPU",
    "4x H100 80GB",
    "rtx 3060 12gb, 32 gigs of ram",
]
# long and hostile text for the parser (each under the 4,000-character cap; longer text is refused at once)
HOSTILE = [
    "9" * 3999,
    "2x" * 1999,
    ("3090 " * 800)[:3999],
    ("m2 max 96gb " * 340)[:3999],
    ("两张3090 24G，内存128G " * 200)[:3999],
    ("2台8卡H100 " * 400)[:3999],
    ("64gb " * 800)[:3999],
    ("suepr xtxx nvidea geforse " * 160)[:3999],
    "x" * 100_000,
]


def _long(phrase: str) -> str:
    """A question just under the length cap, made of one phrase said over and over."""
    return (phrase * (MAX_QUESTION_CHARS // len(phrase) + 1))[: MAX_QUESTION_CHARS - 1]


# 4,000-character questions of the shapes that cost most to read: long prose, a rig asked about over
# and over, pasted tool output and logs, a markdown table, runs of numbers, of model names, of GPUs,
# of typos, of choices and of added cards, a paste of blank lines, Chinese with full-width commas
LONG_QUESTIONS = [
    _long("I have been thinking about running local models for a while now and my setup is a gaming PC. "),
    _long("can I run qwen3 30b on an RTX 3090 with 32GB RAM? "),
    _long("GPU 0: NVIDIA GeForce RTX 3090 (UUID: GPU-1234)\n| 0  RTX 3090  Off | 00000000:01:00.0 On |\n"),
    _long("load_tensors: offloaded 49/49 layers to GPU\nllama_model_load: 579 tensors from model.gguf\n"),
    _long("| GPU | RTX 4090 |\n| RAM | 64 GB |\n"),
    _long("12 4096gb 7 880k 31b 5 tb 64 2x 96 mhz 300000 "),
    _long("llama 3.3 70b, qwen3 235b, gemma 3 27b, deepseek r1, mistral small 24b, gpt-oss-120b, "),
    _long("3090 4090 h100 a100 p40 7900xtx "),
    _long("suepr xtxx nvidea geforse mistrall deepsek lamma gemmma "),
    _long("3090 or 4090 vs 5090 or "),
    _long("is adding a 3090 worth it? "),
    _long("I ran it on my 3090. will it run on a 4090? "),
    _long("两张3090 24G，内存128G，能跑deepseek吗 "),
    _long("\n"),
    "9" * (MAX_QUESTION_CHARS - 1),
    "2x" * (MAX_QUESTION_CHARS // 2 - 1),
]
FUZZ_SAMPLE = 1400  # inputs of benchmarks/fuzz.py (seed 1) read for the slowest input in the core
ESTIMATES = [
    ("RTX 4090", "qwen3 32b"),
    ("2x RTX 3090, 64GB", "llama 3.3 70b"),
    ("RTX 4090, 64GB DDR5", "gpt-oss-120b"),
    ("M2 Max 96GB", "qwen3 235b"),
    ("8x H100", "deepseek v3"),
]
QUESTIONS = [
    "can I run qwen3 30b on an RTX 3090 with 32GB RAM?",
    "gpt-oss-120b on a 4090 + 64gb ddr5, how fast?",
    "llama 3.3 70b on 2x 3090 and 64gb ram at 16k",
    "u/canirun can my M2 Max 96GB run Qwen3 235B?",
    "deepseek r1 on a 3060 and 32gb ram",
]
AUTOCOMPLETE = ["qwen3 30", "llama", "gpt-oss", "mistral small 24", "x" * 200, "deep seek v3", ""]
BEST = [
    "best coding model for an M2 Max 64GB",
    "what should I run on a 7900 XTX with 64GB RAM?",
    *(f"what should I run on {rig}?" for rig in RIGS),
]
# distinct questions, each asked once (after the others warmed the process): nothing an earlier ask
# of the same question computed is reused
DISTINCT_MODELS = [
    "qwen3 8b",
    "qwen3 30b",
    "gemma 3 27b",
    "llama 3.3 70b",
    "gpt-oss-120b",
    "mistral small 24b",
]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _parse_or_refuse(text: str) -> object:
    try:
        return parse_hardware(text)
    except HardwareError:  # over the length cap: refused at once
        return None


def _read(text: str, catalog: Catalog) -> None:
    """What the core reads of a message: the rig, then the whole question (over the cap: the refusal)."""
    with contextlib.suppress(HardwareError):
        parse_hardware(text)
    with contextlib.suppress(SizingError):
        read_question(text, catalog.index)


def read_times(texts: Sequence[str], catalog: Catalog) -> list[float]:
    """Seconds to read each text (one read warms the process first); a read slower than the fuzz run's
    bar keeps its best of three, as benchmarks/fuzz.py does, so a process merely descheduled on a
    shared machine is not counted."""
    _read(texts[0], catalog)
    out = []
    for text in texts:
        t = time.perf_counter()
        _read(text, catalog)
        dt = time.perf_counter() - t
        for _ in range(2 if dt > SLOW_S else 0):
            t = time.perf_counter()
            _read(text, catalog)
            dt = min(dt, time.perf_counter() - t)
        out.append(dt)
    return out


def _row(label: str, unit: str, times: list[float], target: str) -> tuple[str, str, float, float, str]:
    scale = 1e6 if unit == "µs" else 1e3
    return (label, unit, statistics.median(times) * scale, quantile(times, 0.99) * scale, target)


def measure() -> list[tuple[str, str, float, float, str]]:
    catalog = default_catalog()
    gc.freeze()  # as the service does once the catalog is loaded (bot/catalog_live.py)

    def ask(text: str) -> object:
        return answer_question(read_question(text, catalog.index), catalog)

    long_t = read_times(LONG_QUESTIONS, catalog)
    fuzz_t = read_times(list(inputs(FUZZ_SAMPLE, 1)), catalog)
    parse_t = [t for text in RIGS for t in timed(lambda text=text: parse_hardware(text), 200)]
    hostile_t = [min(timed(lambda text=text: _parse_or_refuse(text), 3)) for text in HOSTILE]
    pairs = [(parse_hardware(rig), catalog.resolve(model).model) for rig, model in ESTIMATES]
    est_t = [
        t
        for hw, spec in pairs
        for t in timed(lambda hw=hw, spec=spec: estimate(spec, hw, quant="Q4_K_M"), 100)
    ]
    ask_t = [t for text in QUESTIONS for t in timed(lambda text=text: ask(text), 15)]
    distinct = [f"{m} on {rig}" for m in DISTINCT_MODELS for rig in RIGS]
    ask(distinct[-1])
    distinct_t = []
    for text in distinct:
        q = read_question(text, catalog.index)
        t = time.perf_counter()
        answer_question(q, catalog)
        distinct_t.append(time.perf_counter() - t)
    best_t = [t for text in BEST for t in timed(lambda text=text: ask(text), 5)]
    choices = ModelChoices(catalog)
    auto_t = [t for q in AUTOCOMPLETE for t in timed(lambda q=q: choices.rank(q), 50)]
    return [
        _row("parse free-text hardware", "µs", parse_t, "≤ 50 µs"),
        (
            "parse long or hostile text (slowest of the set)",
            "ms",
            max(hostile_t) * 1e3,
            max(hostile_t) * 1e3,
            "≤ 50 ms",
        ),
        _row("read a 4,000-character question (rig and question)", "ms", long_t, "≤ 50 ms"),
        (
            "longest input in the core (4,000-character questions and fuzz inputs)",
            "ms",
            max(long_t + fuzz_t) * 1e3,
            max(long_t + fuzz_t) * 1e3,
            "≤ 50 ms",
        ),
        _row("estimate (one quant, memory + speed)", "ms", est_t, "≤ 0.3 ms"),
        _row("ask: full ranked answer, uncached", "ms", ask_t, "≤ 1 ms"),
        _row("ask: distinct questions, each answered once", "ms", distinct_t, "≤ 1 ms"),
        _row("best models for a rig, uncached", "ms", best_t, "≤ 5 ms (p99 ≤ 20 ms)"),
        _row("Discord model autocomplete (≤ 25 choices)", "ms", auto_t, "< 50 ms"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-write", action="store_true", help="print the table; leave docs/BENCHMARKS.md alone")
    args = ap.parse_args(argv)
    rows = measure()
    body = (
        "Single-threaded, warm, pure core (no cache, no I/O). Inputs: "
        f"{len(RIGS)} rigs, {len(ESTIMATES)} model/rig pairs, {len(QUESTIONS)} questions (each asked "
        f"15 times), {len(DISTINCT_MODELS) * len(RIGS)} distinct questions (each once), "
        f"{len(BEST)} best-model questions, {len(LONG_QUESTIONS)} questions of 4,000 characters and the "
        f"first {FUZZ_SAMPLE:,} inputs of the fuzz run read by the core (benchmarks/perf.py); "
        f"load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores when measured.\n\n"
        + table(
            ["operation", "unit", "median", "p99", "target"],
            [(a, u, f"{m:.2f}", f"{p:.2f}", t) for a, u, m, p, t in rows],
        )
        + "\n\nA full answer ranks up to a dozen quantization and KV-cache options and searches the "
        "largest context for the top three; cached answers (see the service section) skip all of it. "
        "The core keeps the placements, memory bounds and speeds it sizes (by value, a few thousand), so "
        "a question asked again, or about the same model and rig with another wish, reuses them (the "
        "estimate and full-answer rows, each input timed over and over); the distinct questions size "
        "nearly all of theirs anew."
    )
    if not args.no_write:
        write_section("BENCHMARKS.md", "core", "Core speed", body)
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
