""" "Thinking" asks for a reasoning model only when it names one ("a thinking model", "with thinking"),
never as the verb of a plan or an opinion ("thinking of getting a 4080", "I'm thinking a 3090")."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    "text",
    [
        "thinking of getting a 4080 super, what's the best model it can run?",
        "been thinking about a 7900 xtx for local models, what fits best?",
        "i'm thinking a used 3090 or a 4070 ti super for 14b models, which one?",
        "I was thinking that 16gb vram is enough for gemma 3 12b, right?",
        "thinking to buy a 5060 ti 16gb: what's the best model for it?",
    ],
)
def test_thinking_as_a_verb_asks_no_reasoning_model(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).task is None


@pytest.mark.parametrize(
    "text",
    [
        "best thinking model for a 4070 ti super?",
        "which local model is good for thinking on a 3090?",
        "does qwen3 14b with thinking on fit a 4060 ti 16gb?",
    ],
)
def test_thinking_that_names_a_model_kind_asks_for_reasoning(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).task == "reasoning"
