"""A choice between models ("X or Y?") keeps every model it offers, while one named apart from the
choice and told as run already ("... I get Z running with 90 t/s", "Z runs fine") is background,
not a third option. The sentences are written for these tests in the patterns people use."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

# (text, model ids asked about)
CHOICES = [
    (
        "Qwen3 32B or Gemma 3 27B on my 3090? I already run Llama 3.1 8B at 90 t/s on it.",
        ["qwen3-32b", "gemma-3-27b"],
    ),
    (
        "Is Mistral Small 3.2 24B or Qwen3 30B A3B better on a 4090? For the record I got Gemma 3 12B "
        "running with 60 t/s there.",
        ["mistral-small-3.2-24b", "qwen3-30b-a3b"],
    ),
    ("Llama 3.1 8B runs fine. Qwen3 14B or Gemma 3 12B for my 4060 Ti 16GB?", ["qwen3-14b", "gemma-3-12b"]),
    # every model offered stays
    ("Qwen3 8B or Qwen3 14B or Qwen3 32B on a 3090?", ["qwen3-8b", "qwen3-14b", "qwen3-32b"]),
]


@pytest.mark.parametrize(("text", "ids"), CHOICES)
def test_a_model_run_already_beside_a_choice(catalog: Catalog, text: str, ids: list[str]) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == ids
    assert q.kind == "compare"
