"""A bit width asked for is honoured: a whole count ("2-bit", "3 bits") is that GGUF family, a fractional
one ("1.8 bit", "2.5-bit") the known quantization nearest in bits per weight, named in the answer; for
ExLlama the bits as written are the EXL2 or EXL3 size."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question, resolve_quant


@pytest.mark.parametrize(
    ("text", "quant_id"),
    [
        ("kimi k2 at 1.8 bit on 4x 3090 + 512gb ddr4", "IQ1_M"),  # IQ1_M: 1.75 bits a weight
        ("qwen3 32b at 2.5 bit on a 3060 12gb", "IQ2_M"),  # IQ2_M: 2.56
        ("deepseek r1 at 2-bit on 2x 3090 and 256gb ram", "Q2_K"),
    ],
)
def test_the_bit_width_asked_resolves_to_the_nearest_quant(
    catalog: Catalog, text: str, quant_id: str
) -> None:
    q = read_question(text, catalog.index)
    assert q.quant is not None
    assert resolve_quant(q.quant).id == quant_id


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("qwen3 32b exl2 at 3.5 bit", "EXL2-3.5"),
        ("qwen3 32b exl2 at 4 bit", "EXL2-4.0"),
        ("exllama qwen3 32b 2.25 bit", "EXL2-2.25"),
    ],
)
def test_exllama_bits_are_kept_as_written(catalog: Catalog, text: str, quant: str) -> None:
    assert read_question(text, catalog.index).quant == quant


def test_the_answer_is_sized_at_the_bits_asked_and_names_the_quant(catalog: Catalog) -> None:
    a = answer_text("a 1T MoE with 32B active at 1.8 bit on 4x 3090 + 512gb ddr4, tok/s?", catalog)
    assert a.options[0].quant == "IQ1_M"
    assert "1.75 bits per weight" in a.verdict
