"""Wordings people use at the front doors, read and answered as meant: a quant said right after one
model of a choice is that model's only, a card sold to buy another is replaced, labelled options are
rigs of their own, "fastest first" reaches the headline. The sentences are written for these tests in
the patterns people use."""

from __future__ import annotations

import pytest

from bot.answers import Structured, answer_text, question_from_structured
from sizing import Catalog, UnknownModelError, read_question


def test_a_quant_after_the_second_model_leaves_the_first_at_its_own_best(catalog: Catalog) -> None:
    a = answer_text("gpt-oss 120b or qwen3 14b fp8 on an rtx pro 6000, which one is quicker?", catalog)
    quants = {c.model.id: c.estimate.quant for c in a.comparisons if c.estimate is not None}
    assert quants["qwen3-14b"] == "FP8"
    assert quants["gpt-oss-120b"] != "FP8"  # its own release (MXFP4), which fits the 96 GB card
    assert "does not fit" not in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "should i sell my 4070 and buy a 4090 for qwen3 32b?",
        "I would sell the 4070 to fund a 4090, is it worth it for qwen3 32b?",
    ],
)
def test_a_card_sold_for_another_is_weighed_as_a_replacement(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert "replacing 1x NVIDIA GeForce RTX 4070 with 1x NVIDIA GeForce RTX 4090" in a.verdict
    after = a.comparisons[-1].hardware
    assert [g.name for g in after.gpus] == ["NVIDIA GeForce RTX 4090"]  # the 4070 is gone, not summed


OPTIONS = [
    (
        "can't decide. option A: a used 3090 plus the 3060 I already own (36gb). option B: sell both "
        "and get a mac mini m4 pro 64gb. mainly qwen3 32b at 16k. which is faster?",
        2,
    ),
    ("plan 1) two 3090s. plan 2) buy an m4 max 128gb instead. for llama 3.3 70b, which wins?", 2),
    ("option 1: 4090. option 2: 5090. option 3: rtx pro 6000. gemma 3 27b, which is fastest?", 3),
]


@pytest.mark.parametrize(("text", "rigs"), OPTIONS)
def test_labelled_options_are_rigs_of_their_own(catalog: Catalog, text: str, rigs: int) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert len(q.rigs) == rigs
    assert not any(hw.soc is not None and hw.gpus for hw in q.rigs)  # no Mac pooled with a GPU


def test_fastest_first_reaches_the_headline_of_one_model(catalog: Catalog) -> None:
    a = answer_text("3090 + 3060 with qwen3 32b at 32k context, what's the fastest way?", catalog)
    first = a.options[0]
    fastest = max(a.options, key=lambda o: o.speed.decode_tps if o.placement.verdict != "no" else 0)
    assert fastest.quant != first.quant  # the quality pick leads the table, a quicker quant exists
    assert f"Fastest, as asked: {fastest.quant}" in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "would llama 3.1 70b at q4 fit fully in vram on a 3090 + 64gb, or is it hopeless?",
        "NAME            ID            SIZE   PROCESSOR          UNTIL\n"
        "llama3.1:70b    711a9e8463af  45 GB  40%/60% CPU/GPU    4 minutes from now\n"
        "that's my 3090 with 64gb ram. does a q3 fit fully on the gpu or should i give up on 70b?",
    ],
)
def test_fully_on_the_gpu_at_a_quant_asked_is_no_and_names_one_that_fits(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert a.verdict.startswith("No")
    assert "at any quantization" not in a.verdict
    assert "does not fit at" in a.verdict and "(severe loss)" in a.verdict  # the quant that does fit


@pytest.mark.parametrize(
    "text",
    [
        "my 3080 10gb or my cousin's 6800 xt 16gb for qwen3 14b, whose card is faster?",
        "my 4070 12gb vs my friend's 7900 xtx for qwen3 14b, which one is quicker?",
        "gemma 3 27b on a 4090 or on an m3 max 64gb, which is faster?",
    ],
)
def test_two_rigs_are_weighed_at_one_quant_whichever_picked_the_coarser(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    quants = {c.estimate.quant for c in a.comparisons if c.estimate is not None}
    if len(quants) > 1:  # the picks differ: the headline weighs both at one of them
        assert "at the same " in a.verdict
    assert a.winner is not None
    won = a.comparisons[a.winner].estimate
    lost = a.comparisons[1 - a.winner].estimate
    assert won is not None and lost is not None
    # the winner is never the slower of the two at the quant both are weighed at
    if won.quant != lost.quant and "at the same" in a.verdict:
        same = a.verdict.split("at the same ")[1].split(",")[0]
        first, second = (float(x.split()[0].replace(",", "")) for x in a.verdict.split("~")[1:3])
        assert same in (won.quant, lost.quant) and first >= second


def test_numbered_questions_say_which_one_is_answered(catalog: Catalog) -> None:
    text = "1. will qwen3 14b run on my 3060 12gb? 2. how much context fits? 3. is a 3090 worth it instead?"
    a = answer_text(text, catalog)
    assert any("You asked 3 numbered questions" in h for h in a.hints)
    one = answer_text("will qwen3 14b run on my 3060 12gb?", catalog)
    assert not any("numbered questions" in h for h in one.hints)


@pytest.mark.parametrize("field", ["what about at 48k context?", "ok and with 2 users?", "how fast is it?"])
def test_a_follow_up_typed_in_the_model_field_is_no_name_to_guess(catalog: Catalog, field: str) -> None:
    with pytest.raises(UnknownModelError) as err:
        question_from_structured(Structured(model=field, hardware="rtx 4090"), catalog)
    assert not err.value.suggestions  # no "did you mean" list made from its figures
    assert "model field" in str(err.value)


@pytest.mark.parametrize(("field", "model"), [("and gemma 3 27b?", "gemma-3-27b"), ("mistrall nemo", None)])
def test_a_model_field_with_a_name_is_still_read(catalog: Catalog, field: str, model: str | None) -> None:
    try:
        q = question_from_structured(Structured(model=field, hardware="rtx 4090"), catalog)
    except UnknownModelError as err:
        assert model is None and "model field holds no" not in str(err)
        return
    assert model is None or [r.model.id for r in q.models] == [model]


def test_the_speed_the_asker_sees_is_set_beside_the_estimate(catalog: Catalog) -> None:
    a = answer_text("framework desktop 128gb, ollama with gpt-oss 120b, mine shows 12, expected?", catalog)
    assert "You see ~12 tokens/s: below the" in a.verdict
    b = answer_text("framework desktop 128gb, ollama with gpt-oss 120b, mine shows 400, expected?", catalog)
    assert "You see ~400 tokens/s: above the" in b.verdict
