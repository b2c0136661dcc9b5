"""A sentence said twice (a post's title copied into its body) describes one rig, not two."""

from __future__ import annotations

import pytest

from sizing import default_catalog, read_question
from sizing._question_repeats import without_repeats
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
    "text",
    [
        "I have a 3090. I also have 64GB of RAM.",  # different sentences
        "GPU: 24GB. RAM: 24GB.",  # short items of a list, repeated by the list's form
        "runs at v3.2 on 2.7G clocks",  # dots inside numbers end no sentence
    ],
)
def test_text_with_no_sentence_said_twice_is_left_as_it_is(text: str) -> None:
    assert without_repeats(text) == text


def test_the_second_time_a_sentence_is_said_it_is_blanked_in_place() -> None:
    text = "Can a 4090 run it? Can a 4090 run it? thanks"
    out = without_repeats(text)
    assert len(out) == len(text)
    assert out.count("4090") == 1 and out.endswith("thanks")


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
