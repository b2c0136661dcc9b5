"""Where the engine asked cannot run a model and another can, the upgrades both would buy are listed once:
one line per purchase, not one per quantization."""

from __future__ import annotations

import functools

import pytest

from bot.answers import Answer, answer_text
from sizing import default_catalog


@functools.cache
def _answer(text: str) -> Answer:
    return answer_text(text, default_catalog())


def _bought(change: str) -> str:
    return change.split(" to run ", 1)[0]


@pytest.mark.parametrize(
    "question",
    [
        "qwen3 next 80b a3b on a single rtx 5090 using vllm",
        "serve qwen3-next-80b with vllm on one 5090",
    ],
)
def test_each_purchase_is_offered_once(question: str) -> None:
    a = _answer(question)
    bought = [_bought(f.change) for f in a.fixes if f.price_usd is not None]
    assert bought, "the question should be answered with something to buy"
    assert len(bought) == len(set(bought))


def test_the_purchase_kept_runs_the_engine_asked() -> None:
    a = _answer("qwen3 next 80b a3b on a single rtx 5090 using vllm")
    second = [f for f in a.fixes if f.change.startswith("add a second")]
    assert len(second) == 1 and second[0].estimate.engine == "vllm"
