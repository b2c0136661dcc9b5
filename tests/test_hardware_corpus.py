"""The parser reads the corpus of hardware descriptions we wrote (tests/data/hardware_texts.jsonl).

Each unambiguous case is a specification; the suite requires 97% of them right and lists the
misses. Ambiguous cases (two fair readings) are only required not to crash.
"""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks import DEV_CORPUS, load_corpus, safe_reading, score

CORPUS = load_corpus(DEV_CORPUS)
TARGET = 0.97


def test_corpus_has_500_cases_across_the_patterns() -> None:
    assert len(CORPUS) >= 500
    assert len({c["pattern"] for c in CORPUS}) >= 30


def test_unambiguous_cases_are_read_right() -> None:
    result = score(DEV_CORPUS)
    assert result.accuracy >= TARGET, f"{result.accuracy:.1%} right; misses: {result.misses}"


@pytest.mark.parametrize("case", [c for c in CORPUS if c.get("ambiguous")], ids=lambda c: c["text"][:40])
def test_ambiguous_cases_read_without_error(case: dict[str, Any]) -> None:
    safe_reading(case["text"])
