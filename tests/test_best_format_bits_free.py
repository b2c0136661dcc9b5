"""A best list asked in a format whose bits are free per build ("best exl3 model", "in exl2") picks the
most bits that run here for each model, as a GGUF list picks its quant; bits said ("exl2 at 6bpw")
keep every row at them."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, format_builds


@pytest.mark.parametrize(
    ("said", "builds"),
    [("exl3", 6), ("EXL2", 6), ("exl3 4bpw", 0), ("Q4_K_M", 0), ("fp8", 0)],
)
def test_a_format_without_bits_comes_in_builds_of_several_bits(said: str, builds: int) -> None:
    assert len(format_builds(said)) == builds


def test_the_builds_of_a_format_are_most_bits_first() -> None:
    bits = [q.bits for q in format_builds("exl3")]
    assert bits == sorted(bits, reverse=True)


def test_a_roomy_rig_lists_a_small_model_above_four_bits(catalog: Catalog) -> None:
    a = answer_text("which exl3 model is the best for my single 3090?", catalog)
    assert a.options and all(o.quant.startswith("EXL3-") for o in a.options)
    assert any(float(o.quant.split("-")[1]) > 4.0 for o in a.options)


def test_an_exl2_list_stays_on_exl2_builds(catalog: Catalog) -> None:
    a = answer_text("top exl2 models for a pair of rtx 3090s", catalog)
    assert a.options and all(o.quant.startswith("EXL2-") for o in a.options)


def test_bits_said_keep_every_row_at_them(catalog: Catalog) -> None:
    a = answer_text("top exl2 models for a pair of rtx 3090s at 5bpw", catalog)
    assert a.options and all(o.quant == "EXL2-5.0" for o in a.options)
