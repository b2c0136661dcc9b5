"""A model released at low precision (Kimi K2 Thinking's INT4 experts, trained for it; DeepSeek V3's
FP8) loses nothing to a build at that precision and gains nothing from more bits: a wider build stores
the same rounded weights in more memory. It is never "the best quality"; a model released in BF16 keeps
its ladder."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog

_BIG_RIG = "epyc 9005 with 12 channels of ddr5-6000, 1.5tb ram and one rtx pro 6000"


@pytest.mark.parametrize(
    ("text", "wider"),
    [
        (f"kimi k2 thinking on {_BIG_RIG}: q4_k_m or q8_0?", "Q8_0"),
        (f"kimi k2 thinking, q8_0 or q4_k_m? {_BIG_RIG}", "Q8_0"),
    ],
)
def test_a_build_wider_than_a_4_bit_release_is_no_better_quality(
    catalog: Catalog, text: str, wider: str
) -> None:
    a = answer_text(text, catalog)
    assert a.options[0].quant == "Q4_K_M"
    assert "For the best quality" not in a.verdict
    assert f"{wider} (no better than the INT4 release" in a.verdict


def test_a_wider_build_asked_alone_is_answered_with_what_it_gains_said(catalog: Catalog) -> None:
    a = answer_text(f"kimi k2 thinking at q8_0 on {_BIG_RIG}", catalog)
    assert a.options[0].quant == "Q8_0"
    assert "Q8_0 (no better than the INT4 release" in a.verdict


def test_a_bf16_release_keeps_its_8_bit_build_as_the_better_quality(catalog: Catalog) -> None:
    a = answer_text("qwen3 32b on a 4090 with 64gb ram: q4_k_m or q8_0?", catalog)
    assert "no better than" not in a.verdict
    assert "Q8_0 (practically lossless)" in a.verdict
