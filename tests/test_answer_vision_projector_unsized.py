"""A vision model whose projector's size the catalog lacks: the answer says the projector is not
counted (images need it), where one whose size is known is counted as before."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    "text",
    [
        "glm-4.5v on 2x 3090 for image understanding",
        "glm-4.5v with llama.cpp on two 3090s, with images",
        "qwen3.5-4b in ollama on a 3060 for screenshots",
    ],
)
def test_an_unsized_projector_is_said_not_to_be_counted(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    said = " ".join(a.options[0].assumptions)
    assert "vision projector (the mmproj file images need, loaded beside the model) is not counted" in said


def test_a_sized_projector_is_counted_and_named(catalog: Catalog) -> None:
    a = answer_text("gemma 3 27b on a 3090 with llama.cpp, for images", catalog)
    said = " ".join(a.options[0].assumptions)
    assert "vision projector (" in said and "is not counted" not in said
