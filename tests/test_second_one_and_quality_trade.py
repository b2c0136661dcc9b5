""" "Should I buy a second one" asks about more of the card the asker has; an added card that runs a
quantization a loss label better (Q4_K_M -> Q8_0) at a moderately lower speed is a quality trade, not
"not worth it on speed"."""

from __future__ import annotations

import pytest

from bot.answers import CompareAnswer, answer_text
from sizing import Catalog, read_question

SECOND = [
    ("I own a 4090, should I get a second one for llama 3.3 70b?", "4090"),
    ("got a 3090. is buying another one worth it for qwen3 32b at 64k?", "3090"),
    ("I have a 4060 ti 16gb, would a second card help for mistral small?", "4060"),
    ("I have a 3060 12gb, worth adding another one of those for qwen3 14b?", "3060"),
]


@pytest.mark.parametrize(("text", "card"), SECOND, ids=[t for t, _ in SECOND])
def test_a_second_one_is_more_of_the_card_owned(catalog: Catalog, text: str, card: str) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare" and q.change is not None and q.change.startswith("adding 1x")
    assert card in q.change
    assert [g.count for g in q.rigs[0].gpus] == [1] and [g.count for g in q.rigs[-1].gpus] == [2]


def test_a_finer_quant_at_a_little_less_speed_is_weighed_as_quality(catalog: Catalog) -> None:
    a = answer_text("I have a 3090, should I buy a second one for gemma 3 27b at 128k context?", catalog)
    assert isinstance(a, CompareAnswer)
    assert a.verdict.startswith("Worth it for Gemma 3 27B only for quality")
    assert "practically lossless" in a.verdict and "at the same Q4_K_M ~" in a.verdict
