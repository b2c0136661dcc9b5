""" "Is 16GB enough for X?" (or "the best model for 24GB", "does it fit in 12GB") with no device
named: the amount is a GPU's memory, and the answer says it read it so; an amount too large for a
card, or a RAM word, keeps its own meaning."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "vram_gb"),
    [
        ("is 16gb enough for qwen3 14b?", 16),
        ("will 12 gigs be enough for gemma 3 12b", 12),
        ("Is 24 GB enough to run Mistral Small 3.2?", 24),
        ("8gb enough for llama 3.1 8b at q4?", 8),
        ("what's the best coding model for 24GB?", 24),
        ("for 16 gigs which is better, qwen3 14b or gemma 3 12b", 16),
        ("does mistral nemo fit in 12GB", 12),
        ("running llama 3.1 8b on just 8gb, what quant?", 8),
    ],
)
def test_an_amount_asked_about_as_enough_is_a_gpus_memory(catalog: Catalog, text: str, vram_gb: int) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None and q.hardware.ram_gb is None
    (gpu,) = q.hardware.gpus
    assert gpu.vram_gb == vram_gb and gpu.count == 1
    assert any(f"read '{vram_gb} GB' as a GPU" in a for a in q.hardware.assumptions)


@pytest.mark.parametrize(
    "text",
    [
        "i have 16gb ram, is it enough for qwen3 8b",  # said to be RAM
        "is 128gb enough for llama 405b",  # no card of that size people mean
        "is 16gb or 24gb enough for qwen3 32b",  # two amounts: which one is the rig is not said
        "best model for 64gb ram",  # said to be RAM
        "qwen3 32b on 24gb of system memory",  # said to be RAM
        "what can I run with 16gb, no gpu?",  # no card at all
        "what model fits in 32GB on my laptop?",  # a laptop's memory
        "qwen3 8b on 4g mobile",  # a phone's
    ],
)
def test_other_amounts_are_not_made_a_gpu(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is None or not any(g.name == "unnamed GPU" for g in q.hardware.gpus)
