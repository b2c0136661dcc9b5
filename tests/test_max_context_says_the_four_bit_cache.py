"""The longest context asked with no KV cache type keeps its answer (the default cache types weighed)
and says in one line how far llama.cpp's q4_0 cache reaches, where that is further; with the type
asked, that type is the answer and no line is added."""

from __future__ import annotations

import re

from bot.answers import answer_text
from sizing import Catalog


def _reach(verdict: str) -> int | None:
    m = re.search(r"A q4_0 KV cache reaches ([\d,]+) tokens at ", verdict)
    return int(m.group(1).replace(",", "")) if m else None


def test_the_four_bit_cache_line_says_a_longer_context(catalog: Catalog) -> None:
    a = answer_text("max context for gemma 3 12b on a 3060 12gb?", catalog)
    longest = re.search(r"Longest context fully on the GPU for [^:]+: ([\d,]+) tokens", a.verdict)
    assert longest is not None
    reach = _reach(a.verdict)
    assert reach is not None and reach > int(longest.group(1).replace(",", ""))
    assert "costs some quality" in a.verdict
    assert "with an q" not in a.verdict  # "a q8_0 KV cache"


def test_no_line_where_the_four_bit_cache_is_asked(catalog: Catalog) -> None:
    a = answer_text("max context for gemma 3 12b on a 3060 12gb with a q4_0 kv cache?", catalog)
    assert "Longest context" in a.verdict and _reach(a.verdict) is None
