"""A vLLM or SGLang command with no context asked gives the server the model's own context (its config's)
where the preallocated KV pool holds one request of it, else the longest that pool holds: never the
8,192 tokens sized for the speed figures. A context asked is the one set."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog


def _context_flag(command: str) -> int | None:
    m = re.search(r"--(?:context-length|max-model-len) (\d+)", command)
    return int(m.group(1)) if m else None


@pytest.mark.parametrize(
    "text",
    [
        "sglang launch command for qwen3 235b a22b fp8 on 4x h100",
        "glm 4.5 air fp8 on 2x h100 with sglang, what --tp?",
        "llama 3.1 8b fp8 with vllm on an rtx 6000 ada, serve command please",
    ],
)
def test_no_context_asked_leaves_the_server_its_own(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    command = a.options[0].command or ""
    assert command.startswith(("python -m sglang.launch_server", "vllm serve"))
    flag = _context_flag(command)
    assert flag is None or flag > 8192


def test_a_context_asked_is_the_one_set(catalog: Catalog) -> None:
    a = answer_text("llama 3.1 8b fp8 with vllm on an rtx 6000 ada at 16k context, serve command", catalog)
    assert _context_flag(a.options[0].command or "") == 16384
