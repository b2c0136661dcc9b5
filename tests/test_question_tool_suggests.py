"""A model a tool or program puts forward ("the recommendation engine is suggesting X", "the current
version recommends X for 48GB", "the downloader says X is a tight fit") is background: the question is
about the asker's own pick, or asks for a better one than the tool's. The sentences are written for
these tests in the patterns people use."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

# (text, model ids asked about, kind)
SUGGESTED = [
    (
        "RTX 4060 laptop 8GB, 32GB RAM. The recommendation engine is suggesting TinyLlama 1.1B as the best "
        "option, which wastes the card. What should I really run?",
        [],
        "best",
    ),
    (
        "The installer defaults to Llama 3.2 3B on my Mac mini M4 24GB. Which model would you recommend "
        "instead?",
        [],
        "best",
    ),
    (
        "Can I run Qwen3 14B at 8 bit on a Mac mini 24G? The downloader says Qwen3 32B at 4 bit is a "
        "tight fit.",
        ["qwen3-14b"],
        "estimate",
    ),
    # the asker's own recommendation request names the model asked about
    ("Would you recommend Qwen3 14B on an RTX 4070 12GB?", ["qwen3-14b"], "estimate"),
]


@pytest.mark.parametrize(("text", "ids", "kind"), SUGGESTED)
def test_a_model_a_tool_puts_forward(catalog: Catalog, text: str, ids: list[str], kind: str) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == ids
    assert q.kind == kind
