"""ik_llama.cpp's own quantization types (IQ2_KS, IQ3_K, IQ4_KS ...): sized at their own bits per
weight, with the mix of the mainline type nearest in bits, and served by ik_llama.cpp's llama-server,
since mainline llama.cpp cannot load them. No repo is named for them unless the catalog lists one."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, default_catalog, weight_bytes
from sizing.catalog import GGML_TYPES, resolve_quant


@pytest.mark.parametrize(
    ("name", "bpw"),
    [
        ("IQ2_KS", 2.1875),
        ("IQ2_K", 2.375),
        ("IQ3_KS", 3.1875),
        ("IQ4_KSS", 4.0),
        ("IQ4_KS", 4.25),
        ("IQ5_KS", 5.25),
    ],
)
def test_each_type_is_read_at_its_block_bits(name: str, bpw: float) -> None:
    q = resolve_quant(name.lower())
    assert q.id == name and q.note is None and q.variant == "ik_llama"
    t = GGML_TYPES[name]
    assert t.bytes * 8 / t.block == pytest.approx(bpw) == q.bits


@pytest.mark.parametrize(
    ("ik", "below", "above"),
    [("IQ2_KS", "IQ2_XXS", "IQ2_M"), ("IQ3_KS", "IQ3_XXS", "IQ3_M"), ("IQ4_KS", "IQ3_M", "Q4_K_M")],
)
def test_a_file_weighs_between_the_mainline_types_around_its_bits(ik: str, below: str, above: str) -> None:
    spec = default_catalog().get("deepseek-v3.1")
    assert spec is not None
    size = weight_bytes(spec, resolve_quant(ik)).total
    low, high = (weight_bytes(spec, resolve_quant(q)).total for q in (below, above))
    assert low < size < high


def test_an_ik_quant_is_served_by_ik_llama_cpp_without_a_guessed_repo(catalog: Catalog) -> None:
    a = answer_text("ik_llama.cpp deepseek v3.1 IQ2_KS on a 3090 and 256gb ddr4, how fast?", catalog)
    first = a.options[0]
    command = first.command or ""
    assert first.quant == "IQ2_KS"
    assert "mainline llama.cpp cannot load IQ2_KS" in command
    assert " -hf " not in command and '-m "$MODEL_FILE"' in command
    assert "no public DeepSeek V3.1 IQ2_KS .gguf file is known" in command
    assert "not a quantization canirun knows" not in a.verdict


def test_a_mainline_quant_keeps_the_mainline_command(catalog: Catalog) -> None:
    a = answer_text("deepseek v3.1 IQ2_M on a 3090 and 256gb ddr4", catalog)
    command = a.options[0].command or ""
    assert " -hf " in command and "ik_llama" not in command
