"""A model's name with a word misspelled by one letter ("distil", "deepsek", "instuct") is read as the
name meant, and the reading is said; a word that only looks close outside a name is left alone."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


def _read(catalog: Catalog, text: str) -> tuple[list[str], list[str]]:
    q = read_question(text, catalog.index)
    return [r.model.id for r in q.models], [a for r in q.models for a in r.assumptions]


@pytest.mark.parametrize(
    ("text", "model_id", "note"),
    [
        (
            "would deepseek r1 distil llama 70b fit two 3090s",
            "deepseek-r1-distill-llama-70b",
            "'distil' as 'distill'",
        ),
        (
            "deepsek r1 distill llama 70b on a pair of 3090s",
            "deepseek-r1-distill-llama-70b",
            "'deepsek' as 'deepseek'",
        ),
        ("deepseek-r1-distil-qwen-32b on one 4090?", "deepseek-r1-distill-qwen-32b", "'distil' as 'distill'"),
        (
            "qwen3 30b a3b instuct 2507 speed on a 4090",
            "qwen3-30b-a3b-instruct-2507",
            "'instuct' as 'instruct'",
        ),
        ("qwen 2.5 codr 32b for my 3090", "qwen2.5-coder-32b", "'codr' as 'coder'"),
        ("qwen3 30b a3b thinkng on 24gb", "qwen3-30b-a3b-thinking-2507", "'thinkng' as 'thinking'"),
        ("llama 4 mavrick on eight h100s", "llama-4-maverick", "'mavrick' as 'maverick'"),
        ("mistrall small 3.2 on a 4090", "mistral-small-3.2-24b", "'mistrall' as 'mistral'"),
    ],
)
def test_a_name_with_one_letter_off_is_read_as_the_name_meant_and_said(
    catalog: Catalog, text: str, model_id: str, note: str
) -> None:
    ids, notes = _read(catalog, text)
    assert ids == [model_id]
    assert f"read {note}" in notes


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 32b with a larger context on a 3090",
        "gemma 3 27b for cover letters on a 3090",
        "llama 3.1 8b: I would distil notes with it on a 3060",
        "qwen3 14b on a 4070, thinkng of buying a 3090",
        "qwen3 32b for two coders on a 3090",  # an ending, not a typo
        "qwen3 32b cover letters on a 3090",  # a five-letter word takes no changed letter
        "deepseek r1 14b, distil my notes on a 3060",  # a comma ends the name
        "gemma 3 12b oder qwen3 14b auf meiner 3060?",  # a choice word of the sentence, not "coder"
    ],
)
def test_a_word_near_a_name_word_outside_the_name_is_left_as_written(catalog: Catalog, text: str) -> None:
    _, notes = _read(catalog, text)
    assert not [n for n in notes if n.startswith("read '") and "' as '" in n]


def test_a_choice_word_after_a_name_still_offers_two_models(catalog: Catalog) -> None:
    ids, _ = _read(catalog, "gemma 3 12b oder qwen3 14b auf meiner 3060?")
    assert ids == ["gemma-3-12b", "qwen3-14b"]
