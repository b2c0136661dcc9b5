"""Sizes listed after a family's name each name one model of it: in parentheses joined by "and"/"or"
("DeepSeek Coder models (6.7B and 33B)"), or a second size alone after a slash ("Qwen2.5-7B / 14B",
"InternVL2-26B / 40B"). The sentences are written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

LISTED = [
    (
        "can deepseek coder models (6.7B and 33B) run on a 4060?",
        ["deepseek-coder-6.7b", "deepseek-coder-33b"],
    ),
    ("gemma 3 (4b or 12b) for an 8GB laptop?", ["gemma-3-4b", "gemma-3-12b"]),
    ("qwen2.5 coder (7b 和 14b) 用3060能跑吗", ["qwen2.5-coder-7b", "qwen2.5-coder-14b"]),
    ("Qwen2.5-7B / 14B on a 3060 12GB", ["qwen2.5-7b", "qwen2.5-14b"]),
    ("deepseek coder 6.7b/33b with 16gb vram?", ["deepseek-coder-6.7b", "deepseek-coder-33b"]),
    ("llama 3.1 8b / 70b on a 64GB mac", ["llama-3.1-8b", "llama-3.1-70b"]),
]


@pytest.mark.parametrize(("text", "ids"), LISTED, ids=[t for t, _ in LISTED])
def test_each_size_listed_after_a_family_is_one_model(catalog: Catalog, text: str, ids: list[str]) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == ids


def test_two_sizes_of_a_release_the_catalog_lacks_are_both_named_in_their_notes(catalog: Catalog) -> None:
    q = read_question("InternVL2-26B / 40B 量化后需要多少显存", catalog.index)
    notes = [r.assumptions[0] for r in q.models]
    assert len(notes) == 2 and "'InternVL2-26B'" in notes[0] and "'InternVL2-40B'" in notes[1]


def test_a_slash_after_a_name_no_family_starts_lists_nothing(catalog: Catalog) -> None:
    q = read_question("how much VRAM for zorblat-26B / 40B?", catalog.index)
    assert len(q.models) == 1 and q.models[0].model.is_generic


def test_a_size_list_after_a_name_with_its_own_size_is_left_alone(catalog: Catalog) -> None:
    assert [r.model.id for r in read_question("qwen3 32b (4b, 8b) on a 4090", catalog.index).models] == [
        "qwen3-32b"
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("could I run mistral small (22b or 24b) with a 4070 and 64gb ram?", "compare"),
        ("qwen2.5（7b或14b）用3060哪个好", "compare"),
        ("deepseek coder models (6.7B and 33B) on a 4060?", "estimate"),
    ],
)
def test_sizes_listed_with_or_stay_a_choice_between_them(catalog: Catalog, text: str, kind: str) -> None:
    assert read_question(text, catalog.index).kind == kind
