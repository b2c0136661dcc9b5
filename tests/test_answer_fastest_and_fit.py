"""What "fastest" may name, and what a "fully on the GPU?" answer says: a quant the asker chose is
never overridden by a quicker one, a 1-2 bit quant is no answer to "fastest" unless chosen, and a
"Yes" holds for the context asked. Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog
from sizing.catalog import load_quants
from sizing.vocabulary import SEVERE_KLD, tps_text

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


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # no quant of a 70B fits 12 GB: fully on the GPU it is No, whatever runs offloaded
        ("can llama 3.3 70b run fully on the gpu of my 3060 12gb, or is that hopeless?", "No"),
        # only a 1-2 bit quant fits fully: No at an acceptable quality
        ("qwen3 32b fully in vram on a 3060 12gb, which quant?", "No, not at an acceptable quality"),
        # an acceptable quant fits fully: Yes
        ("qwen3 14b fully on the gpu on a 3060 12gb?", "Yes"),
    ],
)
def test_fully_on_the_gpu_with_no_quant_asked(catalog: Catalog, text: str, start: str) -> None:
    assert answer_text(text, catalog).verdict.startswith(start)


@pytest.mark.parametrize(
    "text",
    [
        "llama 3.1 8b with 128k context on a 4060 8gb, fully on the gpu?",
        "qwen3 8b at 128k context all in vram on an rtx 3060 8gb?",
    ],
)
def test_a_fit_at_a_shorter_context_than_asked_is_no_yes(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    head = a.verdict.split(". ")[0]
    # the headline is about the context asked; a shorter one that fits is named as such after it
    assert not (a.verdict.startswith("Yes") and "131,072 context" not in head)
    if not a.verdict.startswith("Yes"):
        assert "does not fit at 131,072 context" in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "what's the quickest way to run mistral 7b on a 4060 8gb?",
        "llama 3.1 8b on an rtx 3060 12gb, fastest quant please",
    ],
)
def test_fastest_says_its_speed_where_it_holds_as_the_pick_does(catalog: Catalog, text: str) -> None:
    # the pick is said on an empty context and at the context; the fastest quant the same way, not as
    # an average over the context that reads slower than its empty-context speed
    a = answer_text(text, catalog)
    fastest = next(o for o in a.options if f"Fastest, as asked: {o.quant} " in a.verdict)
    curve = fastest.speed.curve
    said = a.verdict.split("Fastest, as asked: ", 1)[1]
    assert f"~{tps_text(curve[0].decode_tps)} tokens/s on an empty context" in said
    assert curve[0].decode_tps > fastest.speed.decode_tps  # the average would have said less
