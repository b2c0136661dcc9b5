"""Printed commands name the real source where one is known: an Ollama model whose GGUF only
Ollama's engine loads is offered at its library tags' quantizations alone, each run by its tag, and
a TabbyAPI command downloads a known EXL3 repository at the branch of its size."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog
from sizing.commands import PLACEHOLDER


@pytest.mark.parametrize(
    "text",
    [
        "ollama llama3.2-vision on rtx 3060 12gb",
        "llama 3.2 11b vision in ollama on a rtx 3060 12gb, with images?",
    ],
)
def test_ollama_vision_commands_run_a_real_tag(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert a.options
    for o in a.options:
        assert o.quant in {"Q4_K_M", "Q8_0", "F16"}
        assert not PLACEHOLDER.search(o.command or "")
    assert "ollama run llama3.2-vision" in (a.options[0].command or "")


def test_a_known_exl3_repository_is_downloaded_at_its_size_branch(catalog: Catalog) -> None:
    a = answer_text("exllamav3 qwen3 32b 4bpw on a 3090 with 32k context", catalog)
    command = a.options[0].command or ""
    assert "python main.py download turboderp/Qwen3-32B-exl3 --revision 4.0bpw" in command
    assert not PLACEHOLDER.search(command)


@pytest.mark.parametrize(
    ("text", "repo"),
    [
        ("glm 4.7 on two 3090s with 256gb of ram", "-hf unsloth/GLM-4.7-GGUF:"),
        ("kimi k2.5 on 4x 3090 and 512gb ram", "-hf unsloth/Kimi-K2.5-GGUF:"),
        ("minimax m2 with mlx on an m3 ultra 256gb", "mlx_lm.server --model mlx-community/MiniMax-M2-"),
        ("glm 4.5 fp8 with vllm on 8x h100", "vllm serve zai-org/GLM-4.5-FP8 "),
    ],
)
def test_big_recent_models_download_a_listed_repo(catalog: Catalog, text: str, repo: str) -> None:
    a = answer_text(text, catalog)
    command = a.options[0].command or ""
    assert repo in command
    assert not PLACEHOLDER.search(command)
