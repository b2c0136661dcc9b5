"""An exact Ollama tag the question writes for the model and quantization answered is kept in the
printed command ("qwen3:30b-a3b-q4_K_M"), not swapped for the library's moving tag ("qwen3:30b")."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, ollama_tag_named


@pytest.mark.parametrize(
    ("model_id", "quant", "text", "tag"),
    [
        ("qwen3-30b-a3b", "Q4_K_M", "ollama run qwen3:30b-a3b-q4_K_M, how fast?", "qwen3:30b-a3b-q4_K_M"),
        ("qwen3-30b-a3b", "Q8_0", "is qwen3:30b-a3b-q8_0 ok on 48gb", "qwen3:30b-a3b-q8_0"),
        ("qwen3-30b-a3b", "Q8_0", "ollama run qwen3:30b-a3b-q4_K_M", None),  # another build than answered
        ("qwen3-32b", "Q4_K_M", "ollama run qwen3:30b-a3b-q4_K_M", None),  # a tag of another model
        ("qwen3-30b-a3b", "Q4_K_M", "ollama run qwen3:30b on a 3090", None),  # a moving tag names no build
    ],
)
def test_the_tag_written_is_the_one_for_the_model_and_build_answered(
    model_id: str, quant: str, text: str, tag: str | None
) -> None:
    assert ollama_tag_named(model_id, quant, text) == tag


def test_the_printed_command_runs_the_tag_written(catalog: Catalog) -> None:
    a = answer_text("ollama run qwen3:30b-a3b-q4_K_M on my 3060 12gb 32gb ram how fast", catalog)
    first = a.options[0]
    assert first.engine == "ollama" and first.quant == "Q4_K_M"
    assert "ollama run qwen3:30b-a3b-q4_K_M" in (first.command or "")
