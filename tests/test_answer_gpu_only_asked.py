"""A wish for the model on the GPUs alone ("no CPU offload", "fully in VRAM", "gpu only") is read in the
ways people say it, and the pick honours it: the best quality that runs fully on the GPUs, with the
quality it costs said, never a quantization that keeps layers in system RAM."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question

_WISHES = [
    "which quant of gemma 3 27b for my 16gb 4080 super? i don't want any cpu offload",
    "gemma 3 27b gguf that fits fully in vram on a 4080 super 16gb",
    "gemma 3 27b on a 4080 super 16gb, gpu only please",
    "gemma 3 27b on a 4080 super 16gb without offloading to ram",
    "gemma 3 27b on a 4080 super 16gb, i want it 100% on gpu",
]


@pytest.mark.parametrize("text", _WISHES)
def test_a_wish_for_the_gpus_alone_is_read(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).gpu_only


@pytest.mark.parametrize(
    "text",
    [
        "gemma 3 27b on a 4080 super 16gb",
        "is offloading to cpu slow? gemma 3 27b on a 4080 super 16gb",
        "how much does cpu offload cost on a 4080 super 16gb with gemma 3 27b",
    ],
)
def test_no_gpu_only_wish_where_none_is_said(catalog: Catalog, text: str) -> None:
    assert not read_question(text, catalog.index).gpu_only


@pytest.mark.parametrize("text", _WISHES[:3])
def test_the_pick_runs_fully_on_the_gpu_and_says_what_it_costs(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    pick = a.options[0]
    assert pick.placement.verdict == "gpu"
    assert "Fully on the GPU, as asked" in a.verdict
    assert "costs quality" in a.verdict


def test_without_the_wish_the_same_rig_may_offload(catalog: Catalog) -> None:
    a = answer_text("gemma 3 27b on a 4080 super 16gb", catalog)
    assert a.options[0].placement.verdict != "gpu"  # the contrast the wish changes


def test_a_quant_asked_is_kept_even_with_the_wish(catalog: Catalog) -> None:
    a = answer_text("gemma 3 27b q6_k on a 4080 super 16gb, no cpu offload", catalog)
    assert a.options[0].quant == "Q6_K"


def test_where_nothing_fits_on_the_gpu_the_answer_says_the_wish_cannot_be_met(catalog: Catalog) -> None:
    a = answer_text("deepseek v3 on a 4090 with 128gb ram, no cpu offload", catalog)
    assert a.options[0].placement.verdict != "gpu"
    assert "Fully on the GPU, as asked, it does not fit" in a.verdict
