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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name, memory.total [MiB]\nNVIDIA GeForce RTX 3090, 24576 MiB\n"
            "NVIDIA GeForce RTX 3090, 24576 MiB\ncan this do llama 3.3 70b at q4_k_m?",
            [("rtx-3090", 2)],
        ),
        (
            "cards in the box:\nNVIDIA GeForce RTX 3090\nNVIDIA GeForce RTX 3090\nNVIDIA GeForce RTX 3060\n"
            "and 64gb ram, best coding model?",
            [("rtx-3090", 2), ("rtx-3060", 1)],
        ),
        (
            "dxdiag says:\nCard name: NVIDIA GeForce RTX 3090\nDedicated Memory: 24325 MB\n"
            "Card name: NVIDIA GeForce RTX 3090\nDedicated Memory: 24325 MB\nwill qwen3 32b run?",
            [("rtx-3090", 2)],
        ),
    ],
)
def test_the_same_card_on_each_line_of_a_tool_listing_is_one_card_per_line(
    text: str, expected: list[tuple[str, int]]
) -> None:
    hw = read_question(text, default_catalog().index).hardware
    assert hw is not None
    assert [(g.id, g.count) for g in hw.gpus] == expected
