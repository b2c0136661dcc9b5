"""Invariants of the hardware reader, checked on generated text (hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import HardwareError, parse_hardware
from sizing.hardware import MAX_TEXT_CHARS, default_database

RIGS = [
    "2x RTX 3090, 64GB DDR4",
    "M2 Max 96GB",
    "RTX 4090 + 64gb ddr5, ryzen 7950x",
    "3x P40 and 256GB RAM",
    "Ryzen AI Max+ 395 128GB",
    "i9-13900K, 96GB DDR5, no GPU",
    "4x H100 80GB",
    "rtx 3060 12gb, 32 gigs of ram",
    "Jetson AGX Orin 64GB",
    "EPYC 9654 with 768GB DDR5 and 2x RTX 6000 Ada",
]
CARDS = ["my 3090", "an RX 7900 XTX", "two 4090s", "a 4060 Ti 16GB", "my M3 Max", "the A100 80GB"]
# sentences where a figure is the size of a model or a file, or of memory the user does not have
NOT_RIG = [
    "the model takes {n}GB",
    "the {n}GB file will not load",
    "{n}GB isn't enough",
    "llama.cpp reports {n}GB used",
    "the q4 gguf is {n}GB",
    "it needs about {n}GB",
]
sizes = st.sampled_from([4, 5, 8, 12, 16, 19, 24, 32, 40, 48, 64, 70, 96, 128, 140])


@given(card=st.sampled_from(CARDS), sentence=st.sampled_from(NOT_RIG), n=sizes)
@settings(max_examples=200, deadline=None)
def test_a_figure_with_no_ram_cue_never_becomes_ram(card: str, sentence: str, n: int) -> None:
    text = f"I have {card}; {sentence.format(n=n)}"
    assert parse_hardware(text).ram_gb is None


@given(rig=st.sampled_from(RIGS), sentence=st.sampled_from(NOT_RIG), n=sizes)
@settings(max_examples=200, deadline=None)
def test_appending_a_model_size_never_changes_the_rig(rig: str, sentence: str, n: int) -> None:
    before = parse_hardware(rig)
    after = parse_hardware(f"{rig}. {sentence.format(n=n).capitalize()}.")
    assert after.canonical() == before.canonical()


@given(
    rig=st.sampled_from(RIGS),
    model=st.sampled_from(["qwen3 32b", "llama 3.3 70b", "gpt-oss-120b", "deepseek r1 671b"]),
    quant=st.sampled_from(["q4_k_m", "Q8_0", "IQ2_XXS", "4-bit", "fp8"]),
    ctx=st.sampled_from(["8k", "32k context", "128k ctx"]),
)
@settings(max_examples=150, deadline=None)
def test_naming_a_model_quant_and_context_never_changes_the_rig(
    rig: str, model: str, quant: str, ctx: str
) -> None:
    before = parse_hardware(rig)
    after = parse_hardware(f"{rig} - running {model} at {quant} with {ctx}")
    assert after.canonical() == before.canonical()


@given(rig=st.sampled_from(RIGS))
def test_case_and_spacing_do_not_change_the_rig(rig: str) -> None:
    reading = parse_hardware(rig).canonical()
    assert parse_hardware(rig.upper()).canonical() == reading
    assert parse_hardware("  " + rig.replace(", ", " ,  ") + " ").canonical() == reading


# --- bad input: a reading or a clear error, never a traceback ------------------------------------

hostile = st.text(
    alphabet=st.characters(categories=["Cs", "Cc", "Cf", "Co", "So", "Nd", "Lo", "Zs", "Po"]), max_size=300
)


@given(text=hostile)
@settings(max_examples=300, deadline=None)
def test_control_characters_surrogates_and_symbols_read_without_error(text: str) -> None:
    parse_hardware(text)


@given(
    count=st.integers(min_value=0, max_value=10**30),
    size=st.integers(min_value=0, max_value=10**30),
    unit=st.sampled_from(["GB", "TB", "MiB", "g", "GiB"]),
)
@settings(max_examples=200, deadline=None)
def test_absurd_numbers_read_without_error(count: int, size: int, unit: str) -> None:
    h = parse_hardware(f"{count}x RTX 3090 with {size}{unit} RAM and {size}{unit} VRAM")
    assert all(1 <= g.count <= 1024 for g in h.gpus)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "\x00\x01\x02 3090 \x7f",
        "rtx 3090 \ud800 64gb",
        "4090\u200b\u200b 64gb",
        "9" * 3999,
        "1e308 GB of RAM and 1e308x 4090",
        "-64GB RAM, -2x 3090",
    ],
)
def test_hostile_inputs_read_without_error(text: str) -> None:
    parse_hardware(text)


def test_text_over_the_cap_gets_a_clear_error_with_a_hint() -> None:
    with pytest.raises(HardwareError) as err:
        parse_hardware("x" * 100_000)
    assert "describe the hardware" in str(err.value) and err.value.hint


# --- the CPU index finds what trying every CPU row in file order finds ----------------------------

CPU_WORDS = [
    "ryzen", "9", "7950x", "i7-12700h", "xeon", "gold", "6248r", "epyc", "9654", "threadripper", "pro",
    "5975wx", "core", "ultra", "7", "155h", "m2", "3090", "至强", "8375c", "graviton4", "c7g.16xlarge",
    "mac pro 2019", "imac pro", "13900k", "5800x3d", "hx 370", "8845hs", "e5-2680 v4", "altra",
    "ampereone", "12th gen", "pi 5", "snapdragon x elite", "7045hx", "w5-3423", "z1 extreme", "x2e-96",
    "i7-8700", "8700k", "platinum", "8175m", "w-3495x", "kunpeng 920", "n100", "turin", "9575f", "lunar lake",
    "258v", "3090", "64gb", "至强", "gold 6130", "a192-32x", "e5-2690", "1260p", "[89]", "4x",
    "7950", "x", "x3d", "12700", "h", "hs", "2x3090x", "13700hx", "3090x", "٣٠٩٠x",
]  # fmt: skip


_DB = default_database()
_EVERY_ROW = [(c.id, re.compile(c.pattern, re.IGNORECASE)) for c in _DB.cpus]


@given(words=st.lists(st.sampled_from(CPU_WORDS), min_size=1, max_size=5))
@settings(max_examples=300, deadline=None)
def test_the_cpu_index_finds_the_row_a_full_scan_finds(words: list[str]) -> None:
    db = _DB
    text = " ".join(words)
    full = next(((row, m.span()) for row, pattern in _EVERY_ROW if (m := pattern.search(text))), None)
    found = db.find_cpu(text)
    assert ((found[0].id, found[1].span()) if found else None) == full


def test_the_text_cap_is_the_documented_one() -> None:
    assert MAX_TEXT_CHARS == 4000
