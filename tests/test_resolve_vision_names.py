"""Vision releases named the ways people write them: a version with a V ("glm-4.6v", "glm4v"), the word
"vision" after a name that takes images (no fine-tune), and a V release the catalog lacks, which
says that its text model stands in without the vision encoder."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question
from sizing.catalog import resolve_model


@pytest.mark.parametrize(
    ("name", "model_id"),
    [
        ("glm-4.6v", "glm-4.6v"),
        ("GLM 4.6V", "glm-4.6v"),
        ("glm-4.5v 106b vision", "glm-4.5v"),
        ("gemma 4 26b a4b vision", "gemma-4-26b-a4b"),
        ("llama 3.2 11b vision", "llama-3.2-11b-vision"),
    ],
)
def test_a_vision_release_is_read_as_itself(catalog: Catalog, name: str, model_id: str) -> None:
    r = resolve_model(name, catalog.index)
    assert r.model.id == model_id and "vision" in r.model.tasks
    assert not any("fine-tune" in a or "language model alone" in a for a in r.assumptions)


@pytest.mark.parametrize(
    ("name", "text_model"),
    [
        ("glm-4.7v", "glm-4.7"),
        ("llama 3.1 8b vision", "llama-3.1-8b"),
        # the V glued to a family's version: "glm4v-9b", "glm-4v-9b" (GLM-4V-9B, not in the catalog)
        ("glm4v-9b", "glm-4-9b"),
        ("GLM-4V-9B", "glm-4-9b"),
    ],
)
def test_a_vision_release_the_catalog_lacks_says_what_stands_in(
    catalog: Catalog, name: str, text_model: str
) -> None:
    r = resolve_model(name, catalog.index)
    assert r.model.id == text_model
    assert any("language model alone" in a for a in r.assumptions)


def test_two_vision_releases_asked_side_by_side(catalog: Catalog) -> None:
    q = read_question("glm-4.6v / glm-4.5v 106b vision on 2x 3090 + 64gb ram, which quant?", catalog.index)
    assert [r.model.id for r in q.models] == ["glm-4.6v", "glm-4.5v"]
