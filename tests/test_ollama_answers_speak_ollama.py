"""An Ollama answer tells the user Ollama's own settings (num_gpu, num_ctx, OLLAMA_* variables),
never llama-server flags an Ollama user cannot pass."""

from __future__ import annotations

import re

import pytest

from sizing import advise, default_catalog, parse_hardware

_LLAMA_SERVER_FLAGS = re.compile(r"(?<![\w-])(-ngl|--fit|--n-cpu-moe|-ub|-ctk|-ctv|-fa)\b")


def _texts(model_id: str, rig: str) -> list[str]:
    advice = advise(default_catalog().by_id[model_id], parse_hardware(rig), engine="ollama")
    best = advice.options[0].estimate
    fixes = [f.change for f in advice.fixes]
    return [*advice.notes, *advice.hints, *best.assumptions, *best.memory.notes, *fixes]


@pytest.mark.parametrize(
    ("model_id", "rig"),
    [
        ("gpt-oss-20b", "RTX 3060 12GB"),
        ("qwen3-30b-a3b", "RTX 3090, 32GB RAM"),
        ("llama-3.1-8b", "GTX 1060 6GB, 16GB RAM"),
        ("qwen2.5-32b", "RTX 4090, 64GB RAM"),
    ],
)
def test_no_llama_server_flag_in_an_ollama_answer(model_id: str, rig: str) -> None:
    flagged = [t for t in _texts(model_id, rig) if _LLAMA_SERVER_FLAGS.search(t)]
    assert flagged == []


def test_a_fit_inside_the_safety_margin_names_ollamas_num_gpu() -> None:
    margin = [t for t in _texts("gpt-oss-20b", "RTX 3060 12GB") if "1 GiB" in t]
    assert margin and "num_gpu" in margin[0]
