"""Every sentence of a vLLM answer agrees with the command it prints: where the command sets
--max-model-len, the notes name that length and never say the server takes the model's own context;
where it sets none, they never name a length the command sets; and no length is "kept as asked" when
none was asked."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from bot.render.reddit import render_reddit
from sizing import Catalog

_LEN = re.compile(r"--max-model-len (\d+)")


@pytest.mark.parametrize(
    "text",
    [
        "Mistral-7B-Instruct-v0.3-4bit on an RTX 4060 Ti 16GB with vllm?",
        "Llama-3.1-8B-Instruct-4bit on a 3060 12GB, vllm",
        "a100 80gb qwen2.5 72b fp8 vllm tokens/s",
        "h100 80gb llama 3.3 70b fp8 with vllm, how fast?",
        "gpt-oss-20b on a 4080 16gb with vllm",
        "Qwen2.5-14B-Instruct-AWQ on an RTX 3090 with vllm?",
        "qwen3 32b awq on 2x 3090 vllm",
        "qwen2.5 7b on a 3060 12gb with vllm",
    ],
)
def test_vllm_notes_agree_with_the_command(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    command = a.options[0].command or ""
    assert command.startswith("vllm serve")
    words = " ".join(render_reddit(a).split())
    notes = words.replace(" ".join(command.split()), "")
    sets = _LEN.search(command)
    if sets is not None:
        assert f"--max-model-len {sets.group(1)}" in notes
        assert "the model's own context" not in notes
    else:
        assert "sets --max-model-len" not in notes
    if "none asked" in notes:
        assert "keeps what was asked" not in notes
