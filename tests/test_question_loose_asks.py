"""Questions typed loosely keep their kind: a size asked with its words misspelled ("the bigest
modle") is a capacity question, and a best question left at the end of a clause ("..., what's
good") or asked for someone else ("what should he run") is a best question; a model named with
the same words stays an estimate."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("wats the bigest modle i can run on a 3060 ti 8gb", "capacity"),
        ("largst modle that fits an rx 6800 16gb?", "capacity"),
        (
            "got my sister an old rtx 2070 8gb with 32gb ram, she wants a local assistant, what's good?",
            "best",
        ),
        ("an old gtx 1070 8gb and 16gb ram here, what would be decent lol", "best"),
        ("my son has a 4060 laptop, what should he run for homework help?", "best"),
        ("qwen3 8b on a 3060, what's good about it?", "estimate"),
        ("is gemma 3 12b on a 4070 good?", "estimate"),
    ],
)
def test_loosely_typed_questions_keep_their_kind(catalog: Catalog, text: str, kind: str) -> None:
    assert read_question(text, catalog.index).kind == kind


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("how long does a 40k token prompt take on a 4090 with gemma 3 27b?", True),
        ("how long will my 20k document take with qwen3 8b on an m2 pro 16gb", True),
        ("how many seconds for a 100k prompt on 2x 3090 with llama 3.3 70b", True),
        ("how long does qwen3 8b take to download on a 3060", False),
    ],
)
def test_how_long_a_prompt_takes_is_asked_with_the_prompt_as_subject(
    catalog: Catalog, text: str, asked: bool
) -> None:
    assert read_question(text, catalog.index).prompt_time is asked


@pytest.mark.parametrize(
    ("log", "quant"),
    [
        ("llama_model_loader: - type q5_K:  241 tensors\nllama_model_loader: - type q6_K:  41 tensors\n"
         "print_info: file type   = Q5_K - Medium\nprint_info: general.name = Gemma 3 12B", "Q5_K_M"),
        ("llama_model_loader: - type  f32:  145 tensors\nllama_model_loader: - type q4_K:  217 tensors\n"
         "print_info: file type   = Q4_K - Small\nprint_info: general.name = Qwen3 14B", "Q4_K_S"),
    ],
)  # fmt: skip
def test_a_load_logs_tensor_types_are_not_its_quant(catalog: Catalog, log: str, quant: str) -> None:
    q = read_question(log + "\non a 4070 ti super, why so slow?", catalog.index)
    assert q.quant == quant


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("gpt-oss-120b on a 4060 ti 16gb, 64gb ram now, should i go to 128gb?", [64, 128]),
        ("glm 4.5 air on a 3090 with 32gb ram, what if I add 96gb?", [32, 128]),
        ("qwen3 30b a3b on a 4070 with 32gb ram, should i bump to 64gb?", [32, 64]),
    ],
)
def test_more_ram_asked_in_plain_words_compares_the_rig_before_and_after(
    catalog: Catalog, text: str, ram: list[int]
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert [r.ram_gb for r in q.rigs] == ram


def test_going_to_a_longer_context_is_no_ram_change(catalog: Catalog) -> None:
    q = read_question("gemma 3 27b on a 3090 with 64gb ram, should i go to 32k context?", catalog.index)
    assert (q.kind, q.context) == ("estimate", 32768)
