"""Speculative decoding with an EAGLE-3 head is its own drafter, not the model's MTP layers: the answer
gives the engine's EAGLE-3 flag and the head's memory, and never refuses for want of MTP layers."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        (
            "vllm with eagle3 speculative decoding for llama 3.3 70b fp8 on 2x h100, speedup?",
            '"method": "eagle3"',
        ),
        ("llama 3.1 8b on an h100 with sglang and EAGLE-3 spec decoding", "--speculative-algorithm EAGLE3"),
        ("eagle 3 drafter for llama 3.1 70b on 4x a100 80gb with vllm?", '"method": "eagle3"'),
    ],
)
def test_an_eagle_head_gets_its_flag_not_an_mtp_refusal(catalog: Catalog, text: str, flag: str) -> None:
    a = answer_text(text, catalog)
    assert flag in a.verdict and "GB at BF16" in a.verdict
    assert "no MTP" not in a.verdict and "nothing to speculate with" not in a.verdict


def test_an_engine_without_eagle_says_to_use_a_draft(catalog: Catalog) -> None:
    a = answer_text("llama 3.1 8b on a 3090 with llama.cpp, eagle3 speculative decoding?", catalog)
    assert "EAGLE-3" in a.verdict and "draft model" in a.verdict


def test_mtp_asked_alone_still_reads_as_mtp(catalog: Catalog) -> None:
    a = answer_text("vllm speculative decoding for llama 3.3 70b fp8 on 2x h100 with mtp?", catalog)
    assert "MTP" in a.verdict and "EAGLE" not in a.verdict


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("eagle3 speculative decoding with vllm, llama 3.3 70b at fp8 on 2x h100", "--speculative-config '"),
        ("sglang with an EAGLE-3 drafter for llama 3.3 70b on 2x h100", "--speculative-algorithm EAGLE3"),
    ],
)
def test_the_run_line_carries_the_eagle_flag_the_words_give(catalog: Catalog, text: str, flag: str) -> None:
    a = answer_text(text, catalog)
    assert flag in a.verdict
    assert flag in (a.options[0].command or "")
