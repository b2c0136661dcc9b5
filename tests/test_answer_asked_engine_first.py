"""An engine asked that cannot hold the model (vLLM, SGLang and ExLlama keep every weight in VRAM)
is answered first: the headline opens "No with <engine>" and its shortfall, and only then gives the
engine that runs the model with part of it in system RAM."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    ("text", "engine"),
    [
        ("will vllm run qwen3 next 80b a3b on my rtx 4090 if i use awq?", "vLLM"),
        ("sglang with glm 4.5 air on two rtx 3090s, awq, 64k context", "SGLang"),
        ("exl3 llama 3.3 70b on a single rtx 3090 with 96gb ram", "ExLlama"),
    ],
)
def test_the_headline_answers_the_engine_asked_before_the_one_that_runs_it(
    catalog: Catalog, text: str, engine: str
) -> None:
    a = answer_text(text, catalog)
    assert a.verdict.startswith(f"No with {engine}.")
    assert "short" in a.verdict.split(" instead: ")[0]
    assert " instead: " in a.verdict
    assert a.options[0].engine == "llama.cpp" and a.options[0].placement.verdict != "no"


def test_the_engine_that_runs_it_being_the_one_asked_gives_its_own_answer(catalog: Catalog) -> None:
    a = answer_text("llama 3.3 70b q4_k_m on a single 3090 using llama.cpp", catalog)
    assert not a.verdict.startswith("No with")
    assert " instead: " not in a.verdict
