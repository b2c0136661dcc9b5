"""Printed commands name the real source where one is known: an Ollama model whose GGUF only
Ollama's engine loads is offered at its library tags' quantizations alone, each run by its tag, and
a TabbyAPI command downloads a known EXL3 repository at the branch of its size."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog
from sizing._ollama_tags import ollama_only_quants, tag_quant
from sizing.commands import PLACEHOLDER


@pytest.mark.parametrize(
    ("tag", "quant"),
    [
        ("llama3.2-vision", "Q4_K_M"),
        ("llama3.2-vision:11b-instruct-q8_0", "Q8_0"),
        ("llama3.2-vision:11b-instruct-fp16", "F16"),
        ("deepseek-r1:8b-llama-distill-q4_K_M", "Q4_K_M"),
    ],
)
def test_an_ollama_tag_pulls_the_quant_its_suffix_names(catalog: Catalog, tag: str, quant: str) -> None:
    assert tag_quant(catalog.by_id["llama-3.2-11b-vision"], tag) == quant


def test_a_model_only_ollama_serves_is_offered_at_its_tags_quants(catalog: Catalog) -> None:
    assert set(ollama_only_quants(catalog.by_id["llama-3.2-11b-vision"])) == {"Q4_K_M", "Q8_0", "F16"}


def test_a_model_with_gguf_repositories_keeps_the_whole_ladder(catalog: Catalog) -> None:
    assert ollama_only_quants(catalog.by_id["qwen3-32b"]) == ()


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
