"""A Q4_0 GGUF of a model whose Q4_0 builds are its quantization-aware-trained (QAT) release is judged
as that checkpoint: trained for Q4_0, it loses about as little as a Q4_K_M made after training (Google
reports 54% less perplexity drop than a plain Q4_0). A plain Q4_0 keeps its own, larger loss."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    "text",
    [
        "is gemma 3 27b qat q4_0 as good as q4_k_m? on a 3090",
        "gemma 3 12b qat on a 4060 ti 16gb",
    ],
)
def test_a_qat_q4_0_is_labelled_by_its_checkpoint_and_compared_with_q4_k_m(
    catalog: Catalog, text: str
) -> None:
    a = answer_text(text, catalog)
    assert a.options[0].quant == "Q4_0"
    assert "Q4_0 (small loss: the QAT checkpoint)" in a.verdict
    assert "noticeable loss" not in a.verdict
    assert "as little as a Q4_K_M" in a.verdict


def test_a_plain_q4_0_of_a_model_without_a_qat_release_keeps_its_loss(catalog: Catalog) -> None:
    a = answer_text("llama 3.1 8b q4_0 on a 3060 12gb", catalog)
    assert a.options[0].quant == "Q4_0"
    assert "Q4_0 (noticeable loss)" in a.verdict
    assert "QAT" not in a.verdict
