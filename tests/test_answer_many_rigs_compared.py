"""A comparison of more rigs than four shows each of them, up to six; past that it names the rigs left
out, never drops one unsaid."""

from __future__ import annotations

from bot.answers import answer_text
from sizing import Catalog


def test_five_rigs_are_all_compared(catalog: Catalog) -> None:
    a = answer_text(
        "4060 ti 16gb vs 4070 super vs 4080 vs 7900 xtx vs m4 max 128gb for llama 3.3 70b?", catalog
    )
    assert a.kind == "compare"
    assert len(a.comparisons) == 5
    assert any(c.hardware.soc for c in a.comparisons)  # the last named is there too


def test_rigs_past_the_limit_are_named(catalog: Catalog) -> None:
    a = answer_text(
        "for gemma 3 27b: 3060 vs 3080 vs 4060 ti 16gb vs 4070 ti vs 4080 vs 7900 xt vs 7900 xtx vs a6000",
        catalog,
    )
    assert a.kind == "compare"
    assert len(a.comparisons) == 6
    left = [h for h in a.hints if "left out" in h]
    assert len(left) == 1 and "7900 XTX" in left[0] and "A6000" in left[0]
