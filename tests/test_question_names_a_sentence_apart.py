"""A family named without a size, and the same family's release named in full a sentence later, are one
model: a choice word in between ("with vLLM instead of llama.cpp?") weighs the engines, not the names.
A choice within one sentence still puts two models side by side. The sentences are written for these
tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

ONE_MODEL = [
    (
        "can I serve the qwen3-vl GGUFs with vLLM instead of llama.cpp? Say Qwen3-VL-235B-A22B-Instruct",
        ["qwen3-vl-235b-a22b"],
    ),
    (
        "would gemma 3 run better on ollama or llama.cpp? I mean gemma-3-27b-it on a 4090",
        ["gemma-3-27b"],
    ),
]


@pytest.mark.parametrize(("text", "ids"), ONE_MODEL, ids=[t for t, _ in ONE_MODEL])
def test_a_sizeless_name_and_its_full_name_a_sentence_later_are_one_model(
    catalog: Catalog, text: str, ids: list[str]
) -> None:
    assert [m.model.id for m in read_question(text, catalog.index).models] == ids


def test_a_choice_within_one_sentence_keeps_both_models(catalog: Catalog) -> None:
    q = read_question("llama 7b or llama 2 7b on a 3060?", catalog.index)
    assert [m.model.id for m in q.models] == ["llama-1-7b", "llama-2-7b"]
