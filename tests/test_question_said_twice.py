"""A sentence said twice (a post's title copied into its body) describes one rig, not two."""

from __future__ import annotations

import pytest

from sizing import default_catalog, read_question
from sizing.hardware import parse_hardware


@pytest.mark.parametrize(
    ("text", "gpu_id", "count"),
    [
        (
            "how do I serve Qwen3 235B on 8x H100?\nhow do I serve Qwen3 235B on 8x H100?",
            "h100-sxm",
            8,
        ),
        (
            "Llama 3 70B on 4x RTX 3090 too slow?\n\nLlama 3 70B on 4x RTX 3090 too slow? any tips",
            "rtx-3090",
            4,
        ),
        ("Gemma 3 27B on 2x A100 40GB.\nGemma 3 27B on 2x A100 40GB. What batch size?", "a100-sxm", 2),
    ],
)
def test_a_title_said_again_in_the_body_counts_its_cards_once(text: str, gpu_id: str, count: int) -> None:
    hw = read_question(text, default_catalog().index).hardware
    assert hw is not None
    assert [(g.id, g.count) for g in hw.gpus] == [(gpu_id, count)]


@pytest.mark.parametrize(
    ("text", "gpu_id", "count"),
    [
        (
            "A tested llama.cpp config for serving it on 4 rtx 3090 GPUs\n"
            "Here is the tested llama.cpp config I use for serving it on **4 rtx 3090 GPUs**.",
            "rtx-3090",
            4,
        ),
        (
            "How I run a big MoE model on my 8 H100 GPUs at home lab scale\n"
            "This post explains how I run the big MoE model on 8 H100 GPUs in the lab.",
            "h100-sxm",
            8,
        ),
    ],
)
def test_a_count_said_in_two_sentences_on_two_lines_is_one_count(text: str, gpu_id: str, count: int) -> None:
    hw = parse_hardware(text)
    assert [(g.id, g.count) for g in hw.gpus] == [(gpu_id, count)]
