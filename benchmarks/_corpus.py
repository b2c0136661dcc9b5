"""Scoring the hardware parser on a corpus of described rigs (tests/data/hardware_texts.jsonl for
development, benchmarks/data/hardware_texts_heldout.jsonl held out). One case is right when the
GPUs (id, count, VRAM), the chip, unified memory, system RAM and the CPU all match."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sizing import HardwareError, parse_hardware
from sizing.hardware import Hardware

ROOT = Path(__file__).resolve().parents[1]
DEV_CORPUS = ROOT / "tests" / "data" / "hardware_texts.jsonl"
HELDOUT_CORPUS = ROOT / "benchmarks" / "data" / "hardware_texts_heldout.jsonl"

NOTHING: dict[str, Any] = {"gpus": [], "soc": None, "unified": None, "ram": None, "cpu": None}


def load_corpus(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def reading(h: Hardware) -> dict[str, Any]:
    return {
        "gpus": sorted(((g.id or ""), g.count, g.vram_gb) for g in h.gpus),
        "soc": (h.soc.id, h.soc.gpu_cores, h.soc.count) if h.soc else None,
        "unified": h.unified_memory_gb,
        "ram": h.ram_gb,
        "cpu": (h.cpu.name.lower() + " " + (h.cpu.family or "")) if h.cpu else None,
    }


def safe_reading(text: str) -> dict[str, Any]:
    try:
        return reading(parse_hardware(text))
    except HardwareError:  # text over the length cap reads as nothing
        return dict(NOTHING)


def expected_reading(case: dict[str, Any]) -> dict[str, Any]:
    e = case["expected"]
    soc = e.get("soc")
    return {
        "gpus": sorted(((g["id"] or ""), g["count"], g["vram_gb"]) for g in e["gpus"]),
        "soc": (soc["id"], soc.get("gpu_cores"), soc.get("count", 1)) if soc else None,
        "unified": e.get("unified_memory_gb"),
        "ram": e.get("ram_gb"),
        "cpu": e.get("cpu"),
    }


def _cpu_matches(expected: str | None, got: str | None, has_soc: bool) -> bool:
    if expected is None:
        return got is None or has_soc
    if not got:
        return False
    e = expected.lower()
    variants = {e, e.replace(" ", "-"), e.replace("-", " "), e.replace(" ", ""), e.split("-")[-1]}
    return any(v in got or v in got.replace("-", " ") for v in variants)


def mismatches(case: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """The fields read differently from the case's expectation (empty: read right)."""
    exp = expected_reading(case)
    wrong = []
    if got["gpus"] != exp["gpus"]:
        wrong.append("gpus")
    soc, got_soc = exp["soc"], got["soc"]
    if (soc is None) != (got_soc is None) or (
        soc and (got_soc[0] != soc[0] or (soc[1] and got_soc[1] != soc[1]) or got_soc[2] != soc[2])
    ):
        wrong.append("soc")
    if (got["unified"] or None) != (exp["unified"] or None):
        wrong.append("unified")
    if (got["ram"] or None) != (exp["ram"] or None):
        wrong.append("ram")
    if not _cpu_matches(exp["cpu"], got["cpu"], bool(soc)):
        wrong.append("cpu")
    return wrong


@dataclass(frozen=True)
class CorpusScore:
    cases: int
    right: int
    misses: tuple[tuple[str, tuple[str, ...]], ...]  # (text, wrong fields)

    @property
    def accuracy(self) -> float:
        return self.right / self.cases if self.cases else float("nan")


def score(path: Path) -> CorpusScore:
    """Accuracy over the unambiguous cases of a corpus."""
    cases = [c for c in load_corpus(path) if not c.get("ambiguous")]
    misses = []
    for c in cases:
        wrong = mismatches(c, safe_reading(c["text"]))
        if wrong:
            misses.append((c["text"], tuple(wrong)))
    return CorpusScore(len(cases), len(cases) - len(misses), tuple(misses))
