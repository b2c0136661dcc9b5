"""A question about an embedding model (not in the catalog, which holds models that generate text) gets
a plain reply saying so, with how small such models are, instead of a "did you mean" among chat models."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 embedding 8b on a 8gb gpu for RAG?",
        "nomic-embed-text on a raspberry pi 5",
        "will bge-m3 run on my gtx 1650 4gb",
        "mxbai-embed-large on a mac mini m4 16gb",
    ],
)
def test_an_embedding_model_is_said_to_be_outside_the_catalog(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    assert a.verdict.startswith("Embedding models are not in the catalog")
    assert "Did you mean" not in a.verdict and "could be several models" not in a.verdict


def test_a_size_said_with_the_embedding_model_is_sized_at_q8_0_and_q4_k_m(catalog: Catalog) -> None:
    a = answer_text("qwen3 embedding 4b on a 3060", catalog)
    # 4B parameters: 8.5 bits a weight at Q8_0, about 4.9 at Q4_K_M
    assert "At 4B parameters it takes about 4.2 GB at Q8_0 and 2.5 GB at Q4_K_M" in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 8b on an embedded board with 16gb",  # "embedded" names no embedding model
        "which model?",
    ],
)
def test_other_questions_without_a_model_are_not_read_as_embedding(catalog: Catalog, text: str) -> None:
    assert "Embedding models" not in answer_text(text, catalog).verdict
