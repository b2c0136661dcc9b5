"""Memory listed per model size, as a README lists it ("8 GB to run the 3B models, 16 GB for 7B"):
examples of sizes, neither the models asked about nor the asker's RAM."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "kind", "ram_gb"),
    [
        (
            "the docs say 8 GB to run the 3B models, 16 GB for 7B. what's the best model for my 3060 12gb "
            "and 32gb ram?",
            "best",
            32.0,
        ),
        (
            "it says you want at least 8 GB of RAM available to run the 7B models and 16 GB to run the 13B "
            "models. I have 16gb ram and a gtx 1650, what can i run",
            "best",
            16.0,
        ),
        ("16 GB for 7B, 32 GB for 13B, 64 GB for 33B. my mac has 24gb, which model fits?", "best", None),
    ],
)
def test_a_list_of_sizes_and_their_memory_is_no_model_asked(
    catalog: Catalog, text: str, kind: str, ram_gb: float | None
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == kind and not q.models
    if ram_gb is not None:
        assert q.hardware is not None and q.hardware.ram_gb == ram_gb


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("is 16 gb for 13b enough? i have a 4060 ti 16gb", "generic-13b"),  # one size, asked about
        ("will a 70b run on 48 GB for 70B class cards? 2x 3090", "generic-70b"),
    ],
)
def test_one_size_with_its_memory_is_still_asked_about(catalog: Catalog, text: str, model_id: str) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == [model_id]
