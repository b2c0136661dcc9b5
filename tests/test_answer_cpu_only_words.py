"""A rig with no GPU (or CPU-only asked) is answered on the CPU as a yes, and nothing is called
offloaded where nothing is; a GPU rig that holds none of the model runs it "only on the CPU"."""

from __future__ import annotations

import functools

import pytest
from rich.console import Console

from bot.answers import Answer, answer_text
from bot.render.terminal import render_answer
from sizing import default_catalog


@functools.cache
def _answer(text: str) -> Answer:
    return answer_text(text, default_catalog())


def _text(a: Answer) -> str:
    console = Console(record=True, width=300)
    console.print(render_answer(a))
    return console.export_text()


NO_GPU = [
    "deepseek v3 on a dual epyc 9654 server with 768gb ram, no gpu",
    "mistral small 24b on a ryzen 7 7700 with 64gb ddr5, cpu only",
    "gemma 3 4b on a galaxy s24 ultra 12gb",
]


@pytest.mark.parametrize("question", NO_GPU)
def test_a_rig_without_a_gpu_is_answered_yes_on_the_cpu(question: str) -> None:
    assert _answer(question).verdict.startswith("Yes, on the CPU: ")


@pytest.mark.parametrize("question", NO_GPU)
def test_nothing_is_called_offloaded_on_a_rig_without_a_gpu(question: str) -> None:
    assert "offloaded" not in _text(_answer(question))


def test_a_gpu_that_holds_none_of_the_model_leaves_it_only_on_the_cpu() -> None:
    assert _answer("llama 3.1 70b on a gtx 1050 2gb with 128gb ram").verdict.startswith("Only on the CPU: ")
