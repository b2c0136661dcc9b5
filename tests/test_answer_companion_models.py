"""Embedding and reranker models named beside the main model are counted on the same card: their
memory at F16 against what the main model leaves free, and where they go when it is not enough."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("qwen3 8b on a 4090, plus bge-m3 and a reranker on the same gpu?", ["bge-m3", "a reranker"]),
        ("gemma 3 12b with nomic-embed-text beside it on a 3060 12gb", ["nomic-embed-text"]),
        ("qwen3 14b and qwen3-embedding-4b on one 3090?", ["qwen3-embedding-4b"]),
        ("llama 3.1 8b on a 3060 for rag, also need embeddings", ["an embedding model"]),
        ("qwen3 32b on a 3090, fits?", []),
    ],
)
def test_the_models_beside_it_are_read(catalog: Catalog, text: str, names: list[str]) -> None:
    verdict = answer_text(text, catalog).verdict
    assert ("GB at F16 with" in verdict) == bool(names)
    assert all(n in verdict for n in names)


def test_they_weigh_what_their_parameters_weigh(catalog: Catalog) -> None:
    small = answer_text("qwen3 8b on a 5090 with nomic-embed-text beside it", catalog).verdict
    large = answer_text("qwen3 8b on a 5090 with qwen3-embedding-8b beside it", catalog).verdict
    assert "takes about 0.5 GB" in small  # 137M at two bytes a parameter, with buffers
    assert "takes about 16.2 GB" in large  # 8B


def test_a_full_card_says_they_do_not_fit_beside_it(catalog: Catalog) -> None:
    a = answer_text(
        "running qwen3 30b a3b on a 3090 24gb with 64gb ram, also want bge-m3 and a reranker on the same "
        "card, will it fit at 32k?",
        catalog,
    )
    assert "bge-m3 and a reranker" in a.verdict and "GB at F16" in a.verdict
    assert "left on the GPU" in a.verdict


def test_room_to_spare_holds_them(catalog: Catalog) -> None:
    a = answer_text("qwen3 8b on a 5090, plus bge-m3 embeddings on the same gpu, fits?", catalog)
    assert "left on the GPU holds it" in a.verdict
