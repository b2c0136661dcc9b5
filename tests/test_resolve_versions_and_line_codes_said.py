"""A version or a line's letter code that a name says is part of what it names: the nearest catalog
name that carries another version ("3.3" for a "3" said) or another code ("R" for an "A" said, "XS"
for an "S") is another release, so the name reads as a model the catalog lacks and the answer says
so, offering the nearest as a guess. Names that do carry what was said still resolve as before."""

from __future__ import annotations

import pytest

from sizing import Catalog, UnknownModelError, read_question
from sizing.catalog import resolve_model


@pytest.mark.parametrize(
    ("name", "said", "nearest"),
    [
        # a family word and a whole version, where the catalog's line has only a point release of it
        ("nemotron 3 super", "'3'", "Llama-3.3-Nemotron-Super-49B"),
        ("Nemotron-3-Super", "'3'", "Llama-3.3-Nemotron-Super-49B"),
        ("nemotron 3 ultra", "'3'", "Llama-3.1-Nemotron-Ultra-253B"),
        # a line letter the nearest name gives otherwise: Command A is not Command R
        ("command a plus", "'a'", "Command R+ 104B"),
        ("Command A+", "'a'", "Command R+ 104B"),
        # a one-letter size code is not the two-letter one that holds it
        ("laguna s 2.1", "'s'", "Laguna XS 2.1 33B-A3B"),
        ("Laguna-S-2.1", "'s'", "Laguna XS 2.1 33B-A3B"),
    ],
)
def test_a_version_or_code_the_nearest_name_lacks_is_a_model_the_catalog_lacks(
    catalog: Catalog, name: str, said: str, nearest: str
) -> None:
    with pytest.raises(UnknownModelError) as err:
        resolve_model(name, catalog.index)
    assert said in str(err.value)
    assert err.value.suggestions == (nearest,)


@pytest.mark.parametrize(
    ("name", "model_id"),
    [
        ("llama 3 70b", "llama-3-70b"),
        ("qwen 3 32b", "qwen3-32b"),
        ("mistral small 3", "mistral-small-3-24b"),
        ("nemotron super", "llama-3.3-nemotron-super-49b"),
        ("llama 3.3 nemotron super", "llama-3.3-nemotron-super-49b"),
        # a whole version after the word the name's point release follows is that generation
        ("llama 3 nemotron super", "llama-3.3-nemotron-super-49b"),
        ("nemotron ultra", "llama-3.1-nemotron-ultra-253b"),
        ("command r plus", "command-r-plus-104b"),
        ("command r+", "command-r-plus-104b"),
        ("laguna xs 2.1", "laguna-xs-2.1"),
        ("Laguna-XS-2.1", "laguna-xs-2.1"),
    ],
)
def test_a_name_that_carries_what_was_said_still_resolves(catalog: Catalog, name: str, model_id: str) -> None:
    assert resolve_model(name, catalog.index).model.id == model_id


@pytest.mark.parametrize("name", ["gemma 3", "command a"])
def test_a_family_and_a_version_or_code_it_has_still_names_a_release_of_it(
    catalog: Catalog, name: str
) -> None:
    said = name.split()[-1]
    assert said in resolve_model(name, catalog.index).model.name.lower().split()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("can my 4090 run nemotron 3 super?", "nemotron 3 super"),
        ("would command a plus fit on two 3090s", "command a plus"),
        ("can I run laguna s 2.1 on a 5090", "laguna s 2.1"),
        ("laguna m.1 on a mac studio with 256gb", "laguna m.1"),
    ],
)
def test_a_question_naming_such_a_release_sizes_nothing_in_its_place(
    catalog: Catalog, text: str, said: str
) -> None:
    q = read_question(text, catalog.index)
    assert q.models == ()
    assert any(said in str(e) for e in q.model_errors)


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("can I run laguna xs 2.1 on a 4090", "laguna-xs-2.1"),
        ("minimax m2.5 on 2 rtx 6000 pros", "minimax-m2.5"),
        ("qwen 3 32b in 2.5 hours of work on a 3090?", "qwen3-32b"),
    ],
)
def test_a_question_reads_a_code_and_version_as_part_of_the_name(
    catalog: Catalog, text: str, model_id: str
) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == [model_id]


@pytest.mark.parametrize("name", ["nemotron 3 super", "zorblax 9000"])
def test_a_name_the_catalog_lacks_says_how_to_size_it_from_its_size(catalog: Catalog, name: str) -> None:
    with pytest.raises(UnknownModelError) as err:
        resolve_model(name, catalog.index)
    assert "sized from its size and kind" in (err.value.hint or "")


def test_a_name_the_catalog_lacks_given_its_size_is_sized_as_that_shape(catalog: Catalog) -> None:
    q = read_question("nemotron 3 super, a 120B MoE with 12B active, on two 3090s", catalog.index)
    assert len(q.models) == 1 and q.models[0].model.is_generic
    assert round(q.models[0].model.params_b) == 120
