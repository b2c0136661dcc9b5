"""The RAM had now told after the RAM to add ("if I add 128gb ram? currently 32gb") is the rig's RAM,
with or without an `ollama ps` table pasted above it."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

_PS = (
    "NAME              ID              SIZE     PROCESSOR    UNTIL\n"
    "gemma3:27b        a418f5838eaf    19 GB    100% GPU     3 minutes from now\n\n"
)


@pytest.mark.parametrize(
    ("text", "now", "after"),
    [
        ("rx 7900 xt here. could I run llama 3.3 70b if I add 64gb ram? currently 32gb", 32, 96),
        (_PS + "on a 4090. would qwen3 235b a22b run if i add 128gb of ram? currently 64gb", 64, 192),
        ("3090, thinking of adding 32gb ram, right now 32gb. gpt-oss 120b then?", 32, 64),
    ],
)
def test_the_ram_had_now_is_read_after_the_ram_to_add(
    catalog: Catalog, text: str, now: int, after: int
) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None and q.hardware.ram_gb == now
    assert [r.ram_gb for r in q.rigs] == [now, after]


@pytest.mark.parametrize(
    "text",
    [
        "4090 with 64gb ram now, would 128gb help for qwen3 235b?",
        "my 3090 now has 24gb vram, qwen3 32b?",
    ],
)
def test_an_amount_that_is_no_ram_had_now_is_not_taken(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None and q.hardware.ram_gb != 24
