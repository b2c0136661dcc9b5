"""vLLM's --gpu-memory-utilization asked with no value: the answer says which value the command runs
(the engine's default where it sets none) and what its KV pool then holds."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("vllm, qwen3 32b fp8 on an h100 for 20 users at 8k each, what --gpu-memory-utilization?", True),
        ("qwen3 8b with vllm on a 4090, which gpu memory utilization should I set?", True),
        ("qwen3 8b with vllm on a 4090 with --gpu-memory-utilization 0.8, fits?", False),  # a value given
        ("qwen3 8b with llama.cpp on a 4090, what gpu memory utilization?", False),  # no such setting
    ],
)
def test_the_memory_fraction_asked_is_answered(catalog: Catalog, text: str, said: bool) -> None:
    a = answer_text(text, catalog)
    assert ("--gpu-memory-utilization: the command leaves vLLM's" in a.verdict) == said
    if said:
        assert "preallocated KV pool (" in a.verdict
