"""The check every data test uses to refuse a local path as a source (it must be able to fail)."""

from __future__ import annotations

import pytest

from tests.public_sources import is_local_path


@pytest.mark.parametrize(
    ("source", "local"),
    [
        ("https://huggingface.co/unsloth/GLM-4.6-GGUF (card) and /tree/main/UD-Q3_K_XL", False),
        ("github ggml-org/llama.cpp ggml/include/ggml-cuda.h @dee003ea", False),
        ("Intel, Gaudi 3 white paper (Hot Chips 2024)", False),
        ("/srv/notes/bench.csv", True),
        ("copied from ../notes/bench.csv", True),
        ("see ./data/rows.csv", True),
        ("~/bench.md", True),
        ("C:\\Users\\me\\bench.csv", True),
        ("shared" + "/data/bench.csv", True),
    ],
)
def test_a_local_path_is_no_public_source(source: str, local: bool) -> None:
    assert is_local_path(source) is local
