"""How people word their rig inside a question: the memory of a rig asked about ("is a 2080 Ti with
64GB RAM enough?"), "and" glued to the next word in Japanese and Chinese, Korean particles after a
unit, the word for graphics cards between a count and the card, a total of several cards' VRAM."""

from __future__ import annotations

import pytest

from sizing import parse_hardware


def _rig(text: str) -> tuple[list[tuple[str | None, int, float | None]], float | None]:
    h = parse_hardware(text)
    return [(g.id, g.count, g.vram_gb) for g in h.gpus], h.ram_gb


@pytest.mark.parametrize(
    ("text", "gpus", "ram"),
    [
        # the rig asked about: the RAM said with the card is the rig's
        ("Is an RTX 2080 Ti 11GB with 64GB RAM enough for Codestral?", [("rtx-2080-ti", 1, 11.0)], 64.0),
        ("is a 3090 with 128gb ram enough for llama 70b", [("rtx-3090", 1, 24.0)], 128.0),
        # "and" (と, 和) and the enumeration comma end an amount's cues
        ("RTX 4060 Ti 16GBとメモリ64GB", [("rtx-4060-ti", 1, 16.0)], 64.0),
        ("RTX 4060 Ti 16GB、メモリ64GB", [("rtx-4060-ti", 1, 16.0)], 64.0),
        ("4060 Ti 16G和内存64G", [("rtx-4060-ti", 1, 16.0)], 64.0),
        # a Korean particle glued after the unit
        ("4090 두 장이랑 램 128기가로", [("rtx-4090", 2, 24.0)], 128.0),
        ("램 64기가인데 3060 12기가", [("rtx-3060", 1, 12.0)], 64.0),
        # the word for graphics cards between the count and the card
        ("Есть две видеокарты 3090 и 128 ГБ оперативки", [("rtx-3090", 2, 24.0)], 128.0),
        ("zwei Grafikkarten RTX 3090 und 64 GB RAM", [("rtx-3090", 2, 24.0)], 64.0),
        ("dos tarjetas 3060 y 32gb de ram", [("rtx-3060", 2, 12.0)], 32.0),
        # the memory of the rig a model is asked about ("would it be usable with ..."), a laptop in Russian
        ("on my 4090, would it be usable with 64GB RAM?", [("rtx-4090", 1, 24.0)], 64.0),
        ("на ноутбуке с RTX 3070 8 ГБ и 32 ГБ памяти", [("rtx-3070-laptop", 1, 8.0)], 32.0),
        # the amount, its cue, then the card: "my 4g vram 3050" (4 GB: the laptop card)
        ("would mistral 7b run on my 4g vram 3050", [("rtx-3050-laptop", 1, 4.0)], None),
        ("16GB VRAM RTX 4060 Ti and 32GB RAM", [("rtx-4060-ti", 1, 16.0)], 32.0),
        # a total of several cards' VRAM is no card's own
        (
            "a 3090 + 3060 (36GB VRAM total) and 64GB RAM",
            [("rtx-3090", 1, 24.0), ("rtx-3060", 1, 12.0)],
            64.0,
        ),
    ],
)
def test_a_rig_worded_in_a_question_reads_right(
    text: str, gpus: list[tuple[str, int, float]], ram: float | None
) -> None:
    assert _rig(text) == (gpus, ram)


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("I have a 3090. Is 64GB RAM enough?", None),  # memory one might get, with a rig stated
        ("I have a 4090 and 32GB RAM, would 64GB RAM be enough?", 32.0),
        ("I have a 3090, would it be faster if I buy 128GB?", None),
    ],
)
def test_memory_asked_about_beside_a_stated_rig_stays_out(text: str, ram: float | None) -> None:
    assert _rig(text)[1] == ram


def test_a_total_equal_to_one_card_stays_that_card() -> None:
    assert _rig("a 4090 (24GB total)")[0] == [("rtx-4090", 1, 24.0)]
