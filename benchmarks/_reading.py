"""The reading corpora: real-looking text people paste (rigs, questions, model/quant names, question
kinds), each split once into a development part (tests/data/reading/) and a held-out part
(benchmarks/data/reading_*_heldout.jsonl) by a rule fixed before any scoring: the SHA-256 of the
text, first 32 bits, modulo 100; below 60 is development. Sentences are written for canirun in the
patterns of public posts; each case names one such post in `source_pattern`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV_DIR = ROOT / "tests" / "data" / "reading"
HELDOUT_DIR = ROOT / "benchmarks" / "data"

CORPORA = ("hardware", "questions", "names", "kinds")
DEV_SHARE = 60  # percent of cases in the development part

KINDS = ("estimate", "best", "requirements", "capacity", "compare", "clarify")


def split_of(text: str) -> str:
    """'dev' or 'heldout': a fixed function of the text alone."""
    bucket = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "dev" if bucket < DEV_SHARE else "heldout"


def dev_path(corpus: str) -> Path:
    return DEV_DIR / f"{corpus}.jsonl"


def heldout_path(corpus: str) -> Path:
    return HELDOUT_DIR / f"reading_{corpus}_heldout.jsonl"


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
