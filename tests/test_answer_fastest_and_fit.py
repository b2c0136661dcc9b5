"""What "fastest" may name, and what a "fully on the GPU?" answer says: a quant the asker chose is
never overridden by a quicker one, a 1-2 bit quant is no answer to "fastest" unless chosen, and a
"Yes" holds for the context asked. Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog
from sizing.catalog import load_quants
from sizing.vocabulary import SEVERE_KLD

KLD = {x.id: x.kld for x in load_quants()}


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 235b 2507 q3 on four 3090s with vllm or llama.cpp, which would be faster?",
        "qwen3 235b q3 on 4x 3090 via vllm or llama.cpp, which runs faster?",
    ],
)
def test_a_quant_the_asker_chose_is_not_overridden_by_fastest(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert "Fastest, as asked" not in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 235b on 4x 3090, fastest please",
        "llama 3.3 70b on a 4090 with 64gb ram, what's the fastest way?",
    ],
)
def test_fastest_never_names_a_severe_loss_quant_unasked(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    named = [o.quant for o in a.options if f"Fastest, as asked: {o.quant} " in a.verdict]
    assert all(KLD[qid] < SEVERE_KLD for qid in named)
    assert all(f"at {qid}," not in " ".join(a.hints) for qid in KLD if KLD[qid] >= SEVERE_KLD)
