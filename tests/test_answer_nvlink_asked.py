"""A question whether the cards need NVLink gets that answered beside the sizing: no bridge is
needed for llama.cpp's default layer split; it speeds only tensor-parallel splits."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("is an nvlink bridge required for 2x 3090 with llama 3.3 70b?", True),
        ("do my two a6000s need nv-link to run qwen3 235b at q3?", True),
        ("qwen3 32b on 2x 3090 with vllm", False),
        ("2x 3090 linked by pcie, can they run glm 4.5 air?", False),
    ],
)
def test_nvlink_asked_is_read(catalog: Catalog, text: str, asked: bool) -> None:
    assert read_question(text, catalog.index).nvlink_asked is asked


def test_the_answer_says_nvlink_is_not_needed(catalog: Catalog) -> None:
    a = answer_text("do i need nvlink for 2x 3090 to run llama 3.3 70b at q4?", catalog)
    assert a.hints[0].startswith("NVLink is not needed")
    plain = answer_text("2x 3090 for llama 3.3 70b at q4?", catalog)
    assert not any("NVLink" in h for h in plain.hints)
