"""With no context asked, a vLLM answer's context note tells the context its printed command gives the
server: the --max-model-len it sets, or the model's own where it sets none; and the fit line never
calls a longer context the command chose "what was asked"."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from bot.answers import answer_text
from bot.render.terminal import render_answer
from sizing import Catalog

QUESTIONS = [
    "can I run ernie 4.5 vl 28b a3b on a 4090?",
    "qwen3 32b on two 3090s under vllm",
    "mistral small 3.2 24b on an a100 80gb with vllm",
    "llama 3.1 8b on a 4090 with vllm",
]


def _context_note(assumptions: list[str]) -> str:
    return next(a for a in assumptions if a.startswith("context "))


@pytest.mark.parametrize("text", QUESTIONS)
def test_the_context_note_names_the_max_model_len_the_command_sets(catalog: Catalog, text: str) -> None:
    o = answer_text(text, catalog).options[0]
    assert o.engine == "vllm"
    note = _context_note(list(o.assumptions))
    m = re.search(r"--max-model-len (\d+)", str(o.command))
    if m is None:
        assert "the model's own" in note and "--max-model-len" not in note
    else:
        assert f"--max-model-len {m.group(1)}" in note


@pytest.mark.parametrize("text", QUESTIONS)
def test_no_fit_line_says_the_command_keeps_a_context_never_asked(catalog: Catalog, text: str) -> None:
    console = Console(record=True, width=400)
    console.print(render_answer(answer_text(text, catalog)))
    out = " ".join(console.export_text().split())
    assert "keeps what was asked" not in out


def test_a_context_asked_is_still_the_one_the_command_keeps(catalog: Catalog) -> None:
    o = answer_text("qwen3 32b on two 3090s under vllm with 16k context", catalog).options[0]
    assert "--max-model-len 16384" in str(o.command)
    assert not any("none asked" in a for a in o.assumptions)
