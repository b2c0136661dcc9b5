"""mlx_lm.server's --prompt-cache-bytes is printed in the form its parser takes: a number followed by
nothing, M, G, MB or GB (powers of 1000, as mlx-lm's parse_size reads it), and the bytes it means hold
at least the cache of the context answered."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog

# mlx-lm's parse_size: the leading digits and dots are the number, the rest (upper-cased) a unit
_UNITS = {"": 1, "M": 10**6, "G": 10**9, "MB": 10**6, "GB": 10**9}


def _bytes(value: str) -> int:
    m = re.fullmatch(r"([\d.]+)(.*)", value)
    assert m is not None, value
    unit = m.group(2).strip().upper()
    assert unit in _UNITS, value
    return int(float(m.group(1)) * _UNITS[unit])


@pytest.mark.parametrize(
    "text",
    [
        # a model filling the GPU's share of memory, with a long context whose cache copies add up
        "mlx gemma 3 27b 4bit on m2 max 32gb with 32k context",
    ],
)
def test_the_prompt_cache_limit_parses_and_holds_the_context(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    limited = [o for o in a.options if "--prompt-cache-bytes" in (o.command or "").split()]
    assert limited
    for o in limited:
        words = (o.command or "").split()
        value = words[words.index("--prompt-cache-bytes") + 1]
        assert _bytes(value) >= o.memory.kv_cache_gb * 1e9 * 0.99, value


@pytest.mark.parametrize(
    ("value", "size"), [("4G", 4 * 10**9), ("24GB", 24 * 10**9), ("4294967296", 4294967296)]
)
def test_the_forms_mlx_lm_takes_read_as_it_reads_them(value: str, size: int) -> None:
    assert _bytes(value) == size
