"""A model named that the answer cannot size is said, never dropped: a side of a choice the catalog
lacks ("qwen3 14b or foobar 14b"), and an image model named beside a language model."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "left_out", "kept"),
    [
        ("gemma 3 12b or zorblax 12b on a 4070, which is better?", "'zorblax 12b'", "Gemma 3 12B"),
        ("plumbus 7b vs llama 3.1 8b on a 3060?", "'plumbus 7b'", "Llama 3.1 8B"),
        ("mistral small 3.2 or wizardfoo 24b, rtx 3090", "'wizardfoo 24b'", "Mistral Small 3.2 24B (2506)"),
        (
            "can my 3060 12gb run stable diffusion xl and qwen3 4b at the same time?",
            "image model",
            "Qwen3 4B",
        ),
    ],
)
def test_a_model_that_cannot_be_sized_is_said_beside_the_answer(
    catalog: Catalog, text: str, left_out: str, kept: str
) -> None:
    a = answer_text(text, catalog)
    said = [h for h in a.hints if left_out in h]
    assert said and f"the answer is for {kept} alone" in said[0]


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 14b or gemma 3 12b on a 4090?",  # both read
        "qwen3 14b or a 32b on a 3090?",  # a size of no name
        "llama 3.3 70b on 2x 3090 or 3x 3090?",  # rigs, not models
        "qwen3 8b q4 or q8 on a 3060?",
    ],
)
def test_nothing_is_said_left_out_where_every_model_named_is_read(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).left_out == ()
