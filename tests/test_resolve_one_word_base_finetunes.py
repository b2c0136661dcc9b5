"""A fine-tune named by its own word joined to a base the catalog names in one word ("dolphin-mixtral",
"openhermes-mistral") is sized as that base, and the answer says so; a name of many words holding one
family word is still no fine-tune of it. The names are written for these tests in the patterns of
Ollama's library and Hugging Face repos."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

ONE_WORD_BASES = [
    ("will ollama run zephyrine-mixtral on a 1080 Ti?", "mixtral-8x7b"),
    ("brightstar-mistral on a 3060 12GB", "mistral-7b"),
]


@pytest.mark.parametrize(("text", "base"), ONE_WORD_BASES, ids=[t for t, _ in ONE_WORD_BASES])
def test_a_fine_tune_word_joined_to_a_one_word_base_is_sized_as_the_base(
    catalog: Catalog, text: str, base: str
) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == [base]
    assert "fine-tune" in q.models[0].assumptions[0]


def test_a_family_word_among_several_other_words_names_no_base(catalog: Catalog) -> None:
    q = read_question("zephyrine-brightstar-mixtral on a 1080 Ti?", catalog.index)
    assert not q.models


def test_a_word_after_a_one_word_family_is_no_fine_tune_of_it(catalog: Catalog) -> None:
    q = read_question("is Mistral-Small fine on a 3090?", catalog.index)
    assert all("fine-tune" not in " ".join(r.assumptions) for r in q.models)
