"""Quant names as people write them: llama.cpp's printed file types, unsloth's dynamic sizes, short
forms, bits per weight, checkpoint formats and the engines that load each; unknown names get the
nearest known bits with a note."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import UnknownModelError
from sizing.catalog import load_quants, normalize_quant_name, quant_engines, resolve_quant

UNSLOTH_DYNAMIC = (
    "UD-IQ1_S", "UD-IQ1_M", "UD-IQ2_XXS", "UD-IQ2_M", "UD-IQ3_XXS", "UD-IQ3_S", "UD-IQ4_XS", "UD-IQ4_NL",
    "UD-Q2_K_XL", "UD-Q3_K_XL", "UD-Q4_K_XL", "UD-Q5_K_XL", "UD-Q6_K_XL", "UD-Q8_K_XL", "UD-TQ1_0",
)  # fmt: skip


@pytest.mark.parametrize(
    ("written", "quant_id"),
    [
        # llama.cpp's own file type names (llama-bench, llama-cli logs)
        ("Q4_K - Medium", "Q4_K_M"),
        ("Q5_K - Small", "Q5_K_S"),
        ("Q3_K - Large", "Q3_K_L"),
        ("Q2_K - Medium", "Q2_K"),
        ("Q2_K - Small", "Q2_K_S"),
        ("IQ3_S mix - 3.66 bpw", "IQ3_M"),
        ("IQ4_XS - 4.25 bpw", "IQ4_XS"),
        ("mostly Q4_0", "Q4_0"),
        ("TQ1_0 - 1.69 bpw ternary", "TQ1_0"),
        ("MXFP4 MoE", "MXFP4"),
        # short forms
        ("Q2_K_XL", "UD-Q2_K_XL"),
        ("q4_k_xl", "UD-Q4_K_XL"),
        ("Q8_K_XL", "UD-Q8_K_XL"),
        ("ud-iq3_xxs", "UD-IQ3_XXS"),
        ("Q4", "Q4_K_M"),
        ("q8", "Q8_0"),
        ("QAT", "Q4_0"),
        ("Q4_1", "Q4_1"),
        ("Q5_1", "Q5_1"),
        ("IQ4_NL", "IQ4_NL"),
        ("4-bit", "Q4_K_M"),
        # GPU checkpoint formats and ExLlama at any bits per weight
        ("4.65bpw", "EXL2-4.65"),
        ("exl3 3.0bpw", "EXL3-3.0"),
        ("EXL2 6.5 bpw", "EXL2-6.5"),
        ("gptq-int8", "GPTQ-INT8"),
        ("GPTQ", "GPTQ-INT4"),
        ("AWQ", "AWQ-INT4"),
        ("FP8", "FP8"),
        ("fp8-dynamic", "FP8"),
        ("NVFP4", "NVFP4"),
        ("FP4", "NVFP4"),
        ("mlx 6bit", "MLX-6bit"),
        ("bnb-4bit", "BNB-NF4"),
    ],
)
def test_a_quant_as_written_reads_as_its_id(written: str, quant_id: str) -> None:
    assert resolve_quant(written).id == quant_id


@pytest.mark.parametrize("quant_id", UNSLOTH_DYNAMIC)
def test_every_unsloth_dynamic_size_is_a_quant_with_public_file_sizes(quant_id: str) -> None:
    q = resolve_quant(quant_id)
    assert q.id == quant_id and q.variant == "unsloth_ud"
    assert q.file_bpw is not None and q.file_bpw_source is not None
    assert "huggingface.co" in q.file_bpw_source or "unsloth.ai" in q.file_bpw_source
    # the whole file is about the named type: some tensors kept wider, some (small MoEs) narrower
    assert q.bits - 0.5 <= q.file_bpw <= q.bits + 2.0


def test_unsloth_sizes_grow_with_their_names() -> None:
    ladder = ["UD-IQ1_S", "UD-IQ1_M", "UD-IQ2_M", "UD-Q2_K_XL", "UD-Q3_K_XL", "UD-Q4_K_XL", "UD-Q5_K_XL",
              "UD-Q6_K_XL", "UD-Q8_K_XL"]  # fmt: skip
    bits = [resolve_quant(q).file_bpw or 0.0 for q in ladder]
    assert bits == sorted(bits)


def test_an_unsloth_name_of_a_plain_type_is_made_on_demand() -> None:
    q = resolve_quant("UD-Q4_K_S")
    assert (q.id, q.ftype, q.variant) == ("UD-Q4_K_S", "Q4_K_S", "unsloth_ud")


def test_bf16_is_the_gguf_file_type_unless_the_engine_loads_checkpoints() -> None:
    assert resolve_quant("BF16").format == "gguf"
    assert resolve_quant("BF16", engine="vllm").id == "BF16-HF"
    assert resolve_quant("BF16-HF").format == "safetensors"


@pytest.mark.parametrize(
    ("written", "engine", "quant_id"),
    [
        ("4bit", "mlx", "MLX-4bit"),
        ("8 bit", "mlx", "MLX-8bit"),
        ("4bit", "exllama", "EXL2-4.0"),
        ("Q8_0", "vllm", "FP8"),
        ("Q4_K_M", "llama.cpp", "Q4_K_M"),
        ("Q4_K_M", "ollama", "Q4_K_M"),
    ],
)
def test_a_name_that_fits_several_formats_takes_the_engines(written: str, engine: str, quant_id: str) -> None:
    assert resolve_quant(written, engine=engine).id == quant_id


@pytest.mark.parametrize(
    ("written", "engines"),
    [
        ("UD-Q5_K_XL", {"llama.cpp", "ollama", "lmstudio"}),
        ("BF16", {"llama.cpp", "ollama", "lmstudio"}),
        ("FP8", {"vllm", "sglang"}),
        ("NVFP4", {"vllm", "sglang"}),
        ("AWQ", {"vllm", "sglang"}),
        ("GPTQ", {"vllm", "sglang", "exllama"}),
        ("exl3 3.5bpw", {"exllama"}),
        ("MLX 4bit", {"mlx"}),
        ("nf4", {"transformers", "vllm"}),
        ("MXFP4", {"llama.cpp", "ollama", "lmstudio", "vllm", "sglang", "mlx"}),
    ],
)
def test_each_quant_says_which_engines_load_it(written: str, engines: set[str]) -> None:
    assert set(quant_engines(written)) == engines


@pytest.mark.parametrize(
    ("written", "nearest"),
    [
        ("IQ5_XXS", "Q5_K_M"),
        ("Q3_K_XXL", "Q3_K_L"),
        ("IQ2_XL", "IQ2_M"),
        ("W4A8", "IQ4_XS"),
        ("int3", "IQ3_XXS"),
    ],
)
def test_an_unknown_quant_gets_the_nearest_bits_with_a_note(written: str, nearest: str) -> None:
    q = resolve_quant(written)
    assert q.id == nearest
    assert q.note is not None and written in q.note and nearest in q.note


@pytest.mark.parametrize("written", ["", "banana", "x" * 500, "\x00", "Q", "bpw"])
def test_a_name_with_no_bits_in_it_is_an_unknown_quant(written: str) -> None:
    with pytest.raises(UnknownModelError):
        resolve_quant(written)


@pytest.mark.parametrize("written", ["2.0bpw", "8.0bpw"])
def test_exllama_takes_two_to_eight_bits(written: str) -> None:
    assert resolve_quant(written).format == "exl2"


def test_exllama_outside_two_to_eight_bits_is_refused() -> None:
    with pytest.raises(UnknownModelError):
        resolve_quant("exl2 9.5bpw")


def test_known_ids_read_as_themselves() -> None:
    for q in load_quants():
        assert resolve_quant(q.id).id == q.id
        assert normalize_quant_name(q.id) in (q.id, q.id.upper())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_is_a_quant_or_an_unknown_quant(text: str) -> None:
    with contextlib.suppress(UnknownModelError):
        resolve_quant(text)
