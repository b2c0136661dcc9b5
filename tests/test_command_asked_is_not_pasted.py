"""A vLLM command asked for ("give me the vllm serve command", "vllm serve flags?") is no command
pasted: the quantization stays the one the sizing picks; a pasted "vllm serve <repo> ..." with no
quantization loads the checkpoint as published."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

ASKED = [
    "mistral small 24b on 2x 3090 with vllm, what's the vllm serve command?",
    "gemma 3 12b on one 4090, give me the vllm serve line",
    "qwen3 14b on an l40s: vllm serve flags for 64k context?",
    "phi-4 on a 4090 with vllm serve?",
    "can you write the vllm serve command for qwen3 8b on a 3090",
]


@pytest.mark.parametrize("text", ASKED)
def test_a_command_asked_for_leaves_the_quantization_free(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.quant is None and q.pulled_quant is None


@pytest.mark.parametrize(
    "text",
    [
        "vllm serve Qwen/Qwen3-14B --max-model-len 32768 on an l40s, does it fit?",
        "running vllm serve mistralai/Mistral-Small-3.1-24B-Instruct-2503 -tp 2 on 2x 3090",
    ],
)
def test_a_pasted_command_loads_the_published_weights(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.pulled_quant == "BF16-HF"
