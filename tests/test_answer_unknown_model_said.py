"""A model the catalog lacks, named where the model to run goes, is said to be unknown (left out), with
the nearest catalog names that share a word with it; the answer never sizes another model in its place,
and a family's version past its newest release names that release."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("could I run Zorblat Prime on two 3090s?", "Zorblat Prime"),
        ("is it possible to run Quuxar-9 on my 4090", "Quuxar-9"),
        ("thinking of running Frobnix Ultra with vllm", "Frobnix Ultra"),
    ],
)
def test_a_proper_name_where_the_model_goes_is_read_as_the_name_asked(
    catalog: Catalog, text: str, name: str
) -> None:
    errors = read_question(text, catalog.index).model_errors
    assert [str(e) for e in errors] == [f"'{name}' is not a model canirun knows: left out"]


@pytest.mark.parametrize(
    "text",
    [
        "can i run big models on my 3090",
        "can I run Ollama on Windows with a 3060?",
        "can I run it on a 4090",
        "what can I run on 2x 3090",
        "can I run LM Studio on my mac",
    ],
)
def test_engines_systems_and_plain_words_are_no_model_name(catalog: Catalog, text: str) -> None:
    assert not read_question(text, catalog.index).model_errors


def test_an_unknown_name_is_said_left_out_instead_of_asking_which_model(catalog: Catalog) -> None:
    a = answer_text("could I run Zorblat Prime on two 3090s?", catalog)
    assert a.kind == "clarify"
    assert "'Zorblat Prime' is not a model canirun knows: left out" in a.verdict
    assert "Which model?" not in a.verdict


def test_an_unknown_name_sharing_a_word_with_catalog_models_offers_them(catalog: Catalog) -> None:
    a = answer_text("could I run Zorblat Flash on four 3090s?", catalog)
    assert "'Zorblat Flash' is not a model canirun knows" in a.verdict
    assert "Did you mean:" in a.verdict and "Flash" in a.verdict.split("Did you mean:")[1]


def test_an_unknown_name_sharing_no_word_offers_no_unrelated_model(catalog: Catalog) -> None:
    a = answer_text("could I run Zorblat Prime on two 3090s?", catalog)
    assert "Did you mean" not in a.verdict


@pytest.mark.parametrize(
    ("text", "newest"),
    [
        ("will MiniMax M9 fit on a 4090 with 128gb ram", "MiniMax M2.7"),
        ("will minimax-m4 fit on a 4090 with 128gb ram", "MiniMax M2.7"),
    ],
)
def test_a_version_past_a_lettered_family_newest_names_that_release(
    catalog: Catalog, text: str, newest: str
) -> None:
    a = answer_text(text, catalog)
    assert a.kind == "clarify"
    assert f"the newest MiniMax in the catalog is {newest}" in a.verdict


def test_a_lettered_version_the_catalog_holds_is_still_answered(catalog: Catalog) -> None:
    a = answer_text("will minimax m2.5 fit on a 4090 with 128gb ram", catalog)
    assert a.kind != "clarify"
    assert any(o.model.name == "MiniMax M2.5" for o in a.options)
