"""A question that asks how much memory a model needs, of a rig the asker has (often one it failed to
load on), gets that need first, at the published precision and at Q4_K_M, then the verdict on the rig."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Mistral Small 24B won't load on my 4070 12GB, how much memory does it need?", True),
        ("how much vram does gemma 3 27b need? I have a 3090", True),
        ("Qwen3 32B crashed on my 2x 3060. How many GB does it take?", True),
        ("我用两张3090跑Llama 3.3 70B报错，显存需要多少？", True),
        ("my 4090 runs qwen3 32b, how fast is it?", False),
        ("how much system ram to run gpt-oss-120b on a 5090?", False),
        ("how much memory does llama 3.3 70b need?", False),  # no rig: what to buy is answered
    ],
)
def test_memory_need_asked_of_a_rig_is_read(catalog: Catalog, text: str, asked: bool) -> None:
    assert read_question(text, catalog.index).need_asked is asked


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Llama 3.3 70B fails to load on my RTX 4090 with 64GB RAM, how much memory does it need?", "BF16"),
        ("我用三张3090加载Qwen2.5 72B失败了，需要多少显存？", "BF16"),
        ("gpt-oss-120b won't start on my 5090, how much vram does it need?", "MXFP4"),
    ],
)
def test_the_need_leads_the_answer_before_the_rig(catalog: Catalog, text: str, published: str) -> None:
    verdict = answer_text(text, catalog).verdict
    assert re.match(rf"\S.* needs about [\d,]+ GB at {published} \(as published\)", verdict)
    rest = verdict[verdict.index(" here ha") :].split(". ", 1)[1]
    assert "fit" in rest  # the verdict on the rig follows the need


def test_a_sixteen_bit_model_is_also_sized_at_q4_k_m(catalog: Catalog) -> None:
    verdict = answer_text("Gemma 3 27B fails on my 3060 12GB, how much memory does it need?", catalog).verdict
    assert "GB at Q4_K_M" in verdict.split(". ")[0]


def test_the_gpus_are_weighed_against_each_need(catalog: Catalog) -> None:
    verdict = answer_text("我用4张4090加载Llama 3.3 70B报错了，需要多少显存？", catalog).verdict
    assert "The GPUs here have 96 GB: BF16 does not fit in them, Q4_K_M does." in verdict


def test_no_need_is_said_when_it_was_not_asked(catalog: Catalog) -> None:
    verdict = answer_text("Llama 3.3 70B fails to load on my RTX 4090, why?", catalog).verdict
    assert "(as published)" not in verdict
