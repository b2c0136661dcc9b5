"""With no context asked, vLLM's context note agrees with the printed command: where the command caps
--max-model-len below the context sized (the KV pool's margin), the note says that cap, never that the
server takes the model's own context."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    "text",
    [
        "vllm gemma 3 27b on a 3090",
        "gpt-oss-120b with vllm on one h100",
        "qwen3 14b awq with vllm on a 4070",
    ],
)
def test_the_context_note_never_contradicts_the_cap_the_command_sets(catalog: Catalog, text: str) -> None:
    option = answer_text(text, catalog).options[0]
    assert option.engine == "vllm"
    cap = re.search(r"--max-model-len (\d+)", option.command or "")
    if cap is not None and int(cap.group(1)) < option.context:
        assert not any("take the model's own context" in a for a in option.assumptions)
        assert any(f"caps the context at {int(cap.group(1)):,} tokens" in a for a in option.assumptions)


def test_a_margin_cut_below_the_default_context_is_said_in_the_note(catalog: Catalog) -> None:
    option = answer_text("vllm gemma 3 27b on a 3090", catalog).options[0]
    cap = re.search(r"--max-model-len (\d+)", option.command or "")
    assert cap is not None and int(cap.group(1)) < option.context
    assert any(f"caps the context at {int(cap.group(1)):,} tokens" in a for a in option.assumptions)
