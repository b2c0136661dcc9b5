"""A question whether the cards need NVLink gets that answered beside the sizing: no bridge is
needed for llama.cpp's default layer split; it speeds only tensor-parallel splits."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("is an nvlink bridge required for 2x 3090 with llama 3.3 70b?", True),
        ("do my two a6000s need nv-link to run qwen3 235b at q3?", True),
        ("qwen3 32b on 2x 3090 with vllm", False),
        ("2x 3090 linked by pcie, can they run glm 4.5 air?", False),
    ],
)
def test_nvlink_asked_is_read(catalog: Catalog, text: str, asked: bool) -> None:
    assert read_question(text, catalog.index).nvlink_asked is asked


def test_the_answer_says_nvlink_is_not_needed(catalog: Catalog) -> None:
    a = answer_text("do i need nvlink for 2x 3090 to run llama 3.3 70b at q4?", catalog)
    assert a.hints[0].startswith("NVLink is not needed")
    plain = answer_text("2x 3090 for llama 3.3 70b at q4?", catalog)
    assert not any("NVLink" in h for h in plain.hints)


@pytest.mark.parametrize(
    "text",
    [
        "does nvlink make vllm tensor parallel faster on 2x 3090 for gemma 3 27b?",
        "2x a6000 with nvlink vs 2x a6000 without, llama 3.3 70b awq in sglang: which is quicker?",
        "is nv-link worth it for tp=2 on my two 3090s running qwen3 32b?",
    ],
)
def test_nvlink_for_tensor_parallel_is_answered_first(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert a.verdict.startswith("NVLink with tensor parallel")
    assert not any("left out" in h and "reads as one you are considering" in h for h in a.hints)
    assert not any(h.startswith("NVLink is not needed") for h in a.hints)


def test_nvlink_beside_a_command_that_splits_by_tensors_is_answered_for_that_split(catalog: Catalog) -> None:
    a = answer_text("two 3090s joined by an nvlink bridge, llama 3.3 70b at q4_k_m: what context?", catalog)
    assert "-sm tensor" in (a.options[0].command or "")
    assert a.hints[0].startswith("NVLink with tensor parallel (llama.cpp")
    assert not any(h.startswith("NVLink is not needed") for h in a.hints)


def test_nvlink_said_beside_another_question_leaves_the_verdict_first(catalog: Catalog) -> None:
    a = answer_text("two 3090s joined by an nvlink bridge, llama 3.3 70b at q4_k_m: what context?", catalog)
    assert a.verdict.startswith("Longest context fully on the GPU")
