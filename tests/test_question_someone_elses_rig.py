"""A rig that is someone else's ("my friend's 4090") is no rig of the asker's: where the question asks
what is needed, it asks for requirements, that card among the candidates."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("My brother's 3090 can't load Qwen2.5 72B. What hardware do I need for it?", "requirements"),
        ("a coworker's 4080 failed to run gemma 3 27b at q8, what would I need?", "requirements"),
        ("朋友的4090加载Llama 3.3 70B报错了，我需要什么配置？", "requirements"),
        ("my 3090 fails to load Qwen2.5 72B, what do I need to run it?", "estimate"),
        ("my friend's 4090, can it run qwen3 32b?", "estimate"),
    ],
)
def test_someone_elses_rig_leaves_the_need_asked(catalog: Catalog, text: str, kind: str) -> None:
    assert read_question(text, catalog.index).kind == kind


def test_that_card_stays_among_the_candidates(catalog: Catalog) -> None:
    q = read_question(
        "My sister's 4090 fails to load Llama 3.3 70B, what do I need to run it?", catalog.index
    )
    assert any("4090" in c for c in q.candidates)
