"""The quant picked is one a listed repo publishes where one of the same quality band runs nearly as
well: making a file with llama-quantize is worth it only for a large gain. Asked for unsloth's dynamic
quants by name, the answer picks among them."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


def test_a_listed_quant_of_the_band_beats_one_to_make_yourself(catalog: Catalog) -> None:
    a = answer_text("nemotron 3.5 lightning, rtx 4060 laptop 8gb with 32gb of ram", catalog)
    first = a.options[0]
    assert first.quant == "Q4_K_M"
    assert "llama-quantize" not in (first.command or "")


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("which unsloth dynamic quant of deepseek v3.1 fits a 5090 and 256gb ram?", True),
        ("glm 4.6 on 2x 3090 + 192gb, what UD quant should i grab", True),
        ("kimi k2 on 512gb ram: which dynamic 2.0 gguf?", True),
        ("deepseek v3.1 on a 5090 and 256gb ram, which quant?", False),
    ],
)
def test_unsloth_dynamic_quants_asked_in_words_are_read(catalog: Catalog, text: str, asked: bool) -> None:
    assert read_question(text, catalog.index).dynamic_asked is asked


def test_asked_for_a_dynamic_quant_the_pick_is_one(catalog: Catalog) -> None:
    a = answer_text("deepseek v3.2 on a 4090 + 384gb ddr5, which unsloth dynamic quant fits?", catalog)
    first = a.options[0]
    assert first.quant.startswith("UD-")
    assert "unsloth/" in (first.command or "")
