"""A GPU-only wish beside quantizations weighed as a choice ("q4_k_m or iq4_xs? not spilling to
ram"): where neither asked one fits the card, the answer leads with the best quality that does; and
it never says nothing fits while a quantization that fits is offered. Sentences written for these
tests in the patterns people use."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question

_SPILL_WISHES = [
    "gemma 3 27b on a 4080 super 16gb, 16k ctx, not spilling to ram",
    "qwen3 32b on my 4070 ti super, i want it without spilling over into system memory",
    "mistral small 24b on a 3060 12gb, no spillover please",
    "gemma 3 27b on a 4080 super, it should stay in vram",
]


@pytest.mark.parametrize("text", _SPILL_WISHES)
def test_a_wish_not_to_spill_into_ram_is_a_gpu_only_wish(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).gpu_only


@pytest.mark.parametrize(
    "text",
    [
        "does llama.cpp spill to ram when vram is full? gemma 3 27b on a 4080 super",
        "gemma 3 27b on a 4080 super, how slow is it when it spills to ram?",
    ],
)
def test_spilling_asked_about_is_no_wish(catalog: Catalog, text: str) -> None:
    assert not read_question(text, catalog.index).gpu_only


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "gemma 4 31b on a 4080 super 16gb, 16k context, fully on gpu, q4_k_m or iq4_xs?",
            ("Q4_K_M", "IQ4_XS"),
        ),
        (
            "gemma4 31b on my 4080 super (16gb) and 32gb ram, q4km or iq4xs? 16k ctx, not spilling to ram",
            ("Q4_K_M", "IQ4_XS"),
        ),
        ("qwen3 32b on a 4060 ti 16gb, q6_k or q5_k_m, gpu only", ("Q6_K", "Q5_K_M")),
    ],
)
def test_where_no_asked_choice_fits_the_card_the_best_that_does_leads(
    catalog: Catalog, text: str, asked: tuple[str, ...]
) -> None:
    q = read_question(text, catalog.index)
    assert q.gpu_only and len(q.quants_compared) == 2
    a = answer_text(text, catalog)
    pick = a.options[0]
    assert pick.placement.verdict == "gpu"
    assert pick.quant not in asked
    assert "Fully on the GPU, as asked" in a.verdict
    assert "does not fit at" not in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "gemma 4 31b q4_k_m on a 4080 super 16gb, 16k context, fully on gpu?",
        "qwen3 32b q6_k on a 4070 ti super 16gb with 64gb ram, no cpu offload",
    ],
)
def test_a_quant_asked_outright_is_kept_and_the_one_that_fits_is_named(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert a.options[0].placement.verdict != "gpu"
    assert "at any quantization" not in a.verdict
    assert "does not fit at" in a.verdict and "does, at" in a.verdict
