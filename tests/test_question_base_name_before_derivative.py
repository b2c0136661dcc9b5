"""A base model's name with no size, written right before the name of a release built on it that carries
it, is part of that name: one model, not the base's default size beside it. Sentences written for these
tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("llama 3.1 nemotron 70b on 2x 3090, how fast?", ["llama-3.1-nemotron-70b"]),
        ("can a 4090 run llama 3.3 nemotron super 49b at q4?", ["llama-3.3-nemotron-super-49b"]),
        ("Llama-3.1-Nemotron-70B-Instruct on two 3090s", ["llama-3.1-nemotron-70b"]),
    ],
)
def test_a_base_name_before_a_release_built_on_it_is_one_model(
    catalog: Catalog, text: str, ids: list[str]
) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == ids


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("llama 3.1 8b or llama 3.1 nemotron 70b on 2x 3090?", ["llama-3.1-8b", "llama-3.1-nemotron-70b"]),
        ("llama 3.1 and gemma 3 12b on a 3090", ["llama-3.1-8b", "gemma-3-12b"]),
    ],
)
def test_a_base_model_named_apart_stays_a_model(catalog: Catalog, text: str, ids: list[str]) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == ids
