"""A GPU named only by its memory ("a 48gb card") is given the bandwidth of the cards on file of that
size and the compute of the card on file nearest that bandwidth: its prompt speed belongs to the same
class of card as its generation speed, near a named card of that size."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware


@pytest.mark.parametrize(
    ("unnamed", "named", "model", "quant"),
    [
        ("48GB GPU", "RTX A6000", "llama-3.1-70b", "Q4_K_M"),
        ("48GB GPU", "RTX 6000 Ada", "qwen3-32b", "Q8_0"),
        ("24GB GPU", "RTX 3090", "qwen3-32b", "Q4_K_M"),
        ("16GB GPU", "RTX 4060 Ti 16GB", "llama-3.1-8b", "Q8_0"),
    ],
)
def test_an_unnamed_card_computes_like_a_card_of_its_size(
    unnamed: str, named: str, model: str, quant: str
) -> None:
    spec = default_catalog().resolve(model).model
    guess = estimate(spec, parse_hardware(unnamed), quant=quant, context=8192).speed
    known = estimate(spec, parse_hardware(named), quant=quant, context=8192).speed
    assert 0.5 <= guess.prefill_tps / known.prefill_tps <= 2.0
    assert 0.5 <= guess.decode_tps / known.decode_tps <= 2.0
