"""A repo named after one quant ("google/gemma-3-27b-it-qat-q4_0-gguf" holds Q4_0 alone) is where that
quant is downloaded from, never where another quant is looked for when no listing shows it."""

from __future__ import annotations

import pytest

from sizing import Catalog
from sizing.catalog import quant_by_id
from sizing.commands import model_reference


@pytest.mark.parametrize(
    ("model_id", "quant", "repo_part"),
    [
        ("gemma-4-31b", "Q4_0", "qat-q4_0"),  # the repo's own quant: from it
        ("gemma-4-31b", "Q6_K", "unsloth/gemma-4-31B-it-GGUF"),
        ("gemma-4-31b", "Q8_0", "unsloth/gemma-4-31B-it-GGUF"),
        ("gemma-4-31b", "Q4_K_M", "unsloth/gemma-4-31B-it-GGUF"),  # listed there
    ],
)
def test_a_single_quant_repo_serves_only_its_quant(
    catalog: Catalog, model_id: str, quant: str, repo_part: str
) -> None:
    ref = model_reference(catalog.by_id[model_id], quant_by_id(quant), "llama.cpp")
    assert repo_part in ref and ref.endswith(f":{quant}")


@pytest.mark.parametrize("model_id", ["gemma-3-27b", "gemma-3-12b", "gemma-4-31b"])
def test_no_other_quant_is_taken_from_a_repo_named_for_one(catalog: Catalog, model_id: str) -> None:
    for quant in ("Q5_K_M", "Q6_K", "Q8_0"):
        ref = model_reference(catalog.by_id[model_id], quant_by_id(quant), "llama.cpp")
        assert "q4_0" not in ref.lower(), ref
