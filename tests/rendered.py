"""Answers to questions and their terminal text, shared by the tests that read rendered answers."""

from __future__ import annotations

import functools

from rich.console import Console

from bot.answers import Answer, answer_text
from bot.render.terminal import render_answer
from sizing import default_catalog


@functools.cache
def answer_to(text: str) -> Answer:
    """The answer to `text` on the bundled catalog, worked out once per test run."""
    return answer_text(text, default_catalog())


def terminal_text(a: Answer) -> str:
    """`a` as the terminal prints it, wide enough that no table cell wraps."""
    console = Console(record=True, width=300)
    console.print(render_answer(a))
    return console.export_text()
