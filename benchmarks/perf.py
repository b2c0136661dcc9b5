"""Speed of the core: parse, estimate, a full ranked answer, best models; writes docs/BENCHMARKS.md.

    .venv/bin/python -m benchmarks.perf

Targets: parse ≤ 50 µs, estimate ≤ 0.3 ms, ask ≤ 1 ms for a full ranked answer, best models
≤ 5 ms (p99 ≤ 20 ms).
Timings are warm (data files loaded, caches of pure functions filled by one earlier call of the same
kind on other inputs), single-threaded, median and p99 over repeated calls; what loading made is left
out of garbage collection, as the service leaves it (bot/catalog_live.py).
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from benchmarks._report import quantile, table, write_section
from bot.answers import answer_question
from bot.discord.parsing import ModelChoices
from sizing import HardwareError, default_catalog, estimate, parse_hardware, read_question

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


def _row(label: str, unit: str, times: list[float], target: str) -> tuple[str, str, float, float, str]:
    scale = 1e6 if unit == "µs" else 1e3
    return (label, unit, statistics.median(times) * scale, quantile(times, 0.99) * scale, target)


def measure() -> list[tuple[str, str, float, float, str]]:
    catalog = default_catalog()
    gc.freeze()  # as the service does once the catalog is loaded (bot/catalog_live.py)

    def ask(text: str) -> object:
        return answer_question(read_question(text, catalog.index), catalog)

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
        _row("estimate (one quant, memory + speed)", "ms", est_t, "≤ 0.3 ms"),
        _row("ask: full ranked answer, uncached", "ms", ask_t, "≤ 1 ms"),
        _row("ask: distinct questions, each answered once", "ms", distinct_t, "≤ 1 ms"),
        _row("best models for a rig, uncached", "ms", best_t, "≤ 5 ms (p99 ≤ 20 ms)"),
        _row("Discord model autocomplete (≤ 25 choices)", "ms", auto_t, "< 50 ms"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    rows = measure()
    body = (
        "Single-threaded, warm, pure core (no cache, no I/O). Inputs: "
        f"{len(RIGS)} rigs, {len(ESTIMATES)} model/rig pairs, {len(QUESTIONS)} questions (each asked "
        f"15 times), {len(DISTINCT_MODELS) * len(RIGS)} distinct questions (each once), "
        f"{len(BEST)} best-model questions (benchmarks/perf.py); load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores when measured.\n\n"
        + table(
            ["operation", "unit", "median", "p99", "target"],
            [(a, u, f"{m:.2f}", f"{p:.2f}", t) for a, u, m, p, t in rows],
        )
        + "\n\nA full answer ranks up to a dozen quantization and KV-cache options and searches the "
        "largest context for the top three; cached answers (see the service section) skip all of it."
    )
    write_section("BENCHMARKS.md", "core", "Core speed", body)
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
