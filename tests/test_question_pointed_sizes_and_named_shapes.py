"""A size the asker points at ("the 70b") beside a question about the largest model is the model asked
about; and a release the catalog lacks, sized in its family's shape, is named as written in the note
that sizes it. The sentences are written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

POINTED = [
    (
        "is it worth trying the 70b on my 6700xt (or what's the max model to use on the CPU alone?)",
        70.0,
    ),
    ("could my A6000 run the 120b, or what is the biggest model it holds?", 120.0),
]


@pytest.mark.parametrize(("text", "size"), POINTED, ids=[t for t, _ in POINTED])
def test_a_size_pointed_at_beside_the_largest_model_is_the_model_asked(
    catalog: Catalog, text: str, size: float
) -> None:
    q = read_question(text, catalog.index)
    assert [m.model.params_b for m in q.models] == [size]
    assert q.kind != "capacity"


@pytest.mark.parametrize(
    "text",
    [
        "biggest model I can run on 2x 3090?",
        "what's the largest 70b class model for a 3090",
        "最大能跑多少B的模型 4090",
    ],
)
def test_the_largest_model_asked_with_no_size_pointed_at_is_still_a_capacity_question(
    catalog: Catalog, text: str
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "capacity" and not q.models


NAMED_SHAPES = [
    ("can a 5090 run GLM-4.5-Air-REAP-82B-A12B in nvfp4?", "GLM-4.5-Air-REAP-82B-A12B"),
    ("qwen3 20b on a 3090, is that possible?", "qwen3 20b"),
    ("will llama 3 13b fit on a 3060 12gb?", "llama 3 13b"),
]


@pytest.mark.parametrize(("text", "name"), NAMED_SHAPES, ids=[t for t, _ in NAMED_SHAPES])
def test_a_release_the_catalog_lacks_is_named_as_written_in_the_note_that_sizes_it(
    catalog: Catalog, text: str, name: str
) -> None:
    q = read_question(text, catalog.index)
    assert len(q.models) == 1 and q.models[0].model.is_generic
    assert q.models[0].assumptions[0].startswith(f"'{name}' is not in the catalog")
