"""The pick and the "for the best quality" line never contradict: a finer quantization that fits as
well and runs at least as fast (within noise) is the pick, not a line after it; a smaller model of
the family is named as running better only where it is not slower than the pick."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog

QUESTIONS = [
    "qwen3 30b a3b on an rtx 3090 with 32k context, how fast?",
    "gemma 3 27b on a 5090 at 128k context, speed?",
    "mistral small 3 24b with 32k context on a 4090",
    "qwen3 14b on a 4060 ti 16gb at 32k context",
    "llama 3.1 8b on an rtx 3060 12gb with 64k context",
]


def _speed(text: str) -> float:
    return float(text.replace(",", ""))


@pytest.mark.parametrize("text", QUESTIONS)
def test_no_faster_finer_quant_is_named_after_the_pick(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    verdict = a.verdict
    pick = re.search(r"Yes: .*? fits fully on the GPU at \S+ .*?, ~([\d.,]+) tokens/s", verdict)
    assert pick is not None, verdict
    best = re.search(
        r"For the best quality, (\S+) also fits fully on the GPU.*? at ~([\d.,]+) tokens/s", verdict
    )
    if best is not None:
        assert _speed(best.group(2)) < 0.97 * _speed(pick.group(1)), verdict


def test_a_smaller_sibling_is_never_named_slower_than_a_usable_pick(catalog: Catalog) -> None:
    a = answer_text("qwen3 235b on 3x 3090 and 2x 3060 with 128gb of ram, how fast?", catalog)
    said = re.search(r"runs better here: .*?~([\d.,]+) tokens/s", " ".join([a.verdict, *a.hints]))
    # the hint quotes a speed averaged over the context, as the pick's own average (the verdict gives the
    # pick's speed at both ends of the context)
    pick = a.options[0].speed.decode_tps
    assert said is None or _speed(said.group(1)) >= 0.97 * round(pick)
