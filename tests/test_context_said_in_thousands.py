"""A context said in round thousands ("200k") that the model's window holds when read as thousands
(GLM-4.7-Flash: 202,752 tokens) is that whole window, not a refusal; past it, the limit still leads."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("glm-4.7-flash at 200k context on a 4090, fits?", False),  # 200,000 <= 202,752
        ("glm-4.7-flash at 256k context on a 4090, fits?", True),  # past the window either way
        ("gemma 2 9b at 16k context on a 3090", True),  # 16,000 > 8,192 (its window): refused
    ],
)
def test_a_window_said_in_thousands(catalog: Catalog, text: str, refused: bool) -> None:
    a = answer_text(text, catalog)
    assert ("handles at most" in a.verdict) == refused
    if not refused:
        assert any("read as" in h and "whole window" in h for h in a.options[0].assumptions)
