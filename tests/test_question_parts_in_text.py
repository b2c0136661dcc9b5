"""Whole questions whose rig, model or kind hides among other parts of the text: a memory profile's
letters ("D.O.C.P. #1") that are no Spanish "o" between two rigs, a count of cards asked for ("how many
H100 GPUs ..."), the size of a model's file told after its name and a figure in use told against the
part's own ("3GB of VRAM used (out of 24GB)"), a model run before told in Chinese with a few words
between ("以前都是单卡跑的 ..."), names glued or inside a path ("QwenVL2.5-7B", "docs/models/X.html"),
and whether a model needs that many cards ("does it need 8 GPUs?", "要8卡才能跑吗"). The sentences are
written for these tests in the patterns people use."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

RIGS = [
    # the letters of a RAM profile or "I/O" are no choice between rigs
    (
        "Ryzen 5 5600G, 32 GB RAM (XMP #1 3600 MHz, D.O.C.P. profile), RX 7800 XT 16 GB. Can it run "
        "Qwen3 14B?",
        ("rx-7800-xt", 1),
        32.0,
    ),
    ("My box is I/O bound: 2x RTX 3090, 64GB RAM. Will Llama 3.3 70B fit?", ("rtx-3090", 2), 64.0),
    # a model's file size in parentheses after its name is no RAM
    (
        "GPU: RTX 4060 (8 GB VRAM). Model: qwen3:8b (5.2gb). Why does it spill into RAM?",
        ("rtx-4060", 1),
        None,
    ),
    ("Tried gemma3:12b (8.1 GB) on my 16GB RAM laptop with an RTX 3050 4GB", ("rtx-3050-laptop", 1), 16.0),
    # what a card holds now, told against what it has: the card is the total
    (
        "Task manager shows 7GB of dedicated GPU memory used (out of 12GB) while Qwen3 14B loads",
        (None, 1),
        None,
    ),
]


@pytest.mark.parametrize(("text", "gpu", "ram"), RIGS)
def test_the_rig_among_other_figures(
    catalog: Catalog, text: str, gpu: tuple[str | None, int], ram: float | None
) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None
    assert len(q.rigs) <= 1
    assert [(g.id, g.count) for g in q.hardware.gpus] == [gpu]
    assert q.hardware.ram_gb == ram


def test_a_figure_in_use_leaves_the_total_as_the_card(catalog: Catalog) -> None:
    q = read_question(
        "Task manager shows 7GB of dedicated GPU memory used (out of 12GB) with Qwen3 14B", catalog.index
    )
    assert q.hardware is not None
    assert [g.vram_gb for g in q.hardware.gpus] == [12.0]


def test_a_spanish_o_between_spaces_still_offers_a_choice(catalog: Catalog) -> None:
    q = read_question("¿Es mejor una RTX 3090 o una RTX 4090 para Qwen3 32B?", catalog.index)
    assert q.kind == "compare"
    assert sorted(g.id for rig in q.rigs for g in rig.gpus) == ["rtx-3090", "rtx-4090"]


MODELS = [
    # a model run before, told in Chinese with a few words between "以前" and the verb
    ("以前一直是单卡跑的qwen2.5 7b，现在想用两张4090跑llama 3.3 70b可以吗？", ["llama-3.3-70b"]),
    ("以前都用的 gemma 3 12b，这台 5090 能跑 qwen3 32b 吗", ["qwen3-32b"]),
    # the Qwen vision-language name glued as "QwenVL" before its version
    ("QwenVL2.5-7B 用一张 4060 Ti 16G 能跑吗", ["qwen2.5-vl-7b"]),
    ("how much VRAM does Qwenvl2.5 7B need", ["qwen2.5-vl-7b"]),
    # folders before a model's name in a path: the last part is the name
    ("The page docs/models/Qwen3-30B-A3B.html lists 4 cards, is that really needed?", ["qwen3-30b-a3b"]),
    ("guides/deploy/Llama-3.3-70B says two H100s. Why?", ["llama-3.3-70b"]),
]


@pytest.mark.parametrize(("text", "ids"), MODELS)
def test_the_model_asked(catalog: Catalog, text: str, ids: list[str]) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == ids


KINDS = [
    # a count of cards asked for, the card named with its noun after it: what the model needs
    ("how many H100 GPUs does it take to serve DeepSeek V3?", "requirements"),
    ("How many RTX 6000 Ada cards would Qwen3 235B need at Q4?", "requirements"),
    # whether a model needs that many cards
    ("Does Llama 3.3 70B really need 4 GPUs to run?", "requirements"),
    ("qwen3 30b a3b 要4卡才能跑吗？", "requirements"),
    ("gpt-oss-120b 需要2张卡吗", "requirements"),
    # ... but cards owned, told with the noun, are the rig
    ("I have 2 4090 GPUs, can I run Qwen3 32B?", "estimate"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_the_kind_asked(catalog: Catalog, text: str, kind: str) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == kind
    if kind == "requirements":
        assert q.hardware is None


SPEC_LISTS = [
    # a label joined to its value by a dash
    ("PC memory - 64GB VRAM - 16GB Model parameters - 32b. What quant should I use?", 64.0, 16.0, 32.0),
    ("RAM - 32GB, GPU - RTX 4060 Ti 16GB, model - qwen3 14b", 32.0, 16.0, 14.8),
    # a machine said to have an amount with no memory word: its RAM
    ("My desktop has 48GB. Could it run Qwen3 32B on the CPU alone?", 48.0, None, 32.76),
]


@pytest.mark.parametrize(("text", "ram", "vram", "params"), SPEC_LISTS)
def test_a_spec_list_told_in_words(
    catalog: Catalog, text: str, ram: float, vram: float | None, params: float
) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None
    assert q.hardware.ram_gb == ram
    assert [g.vram_gb for g in q.hardware.gpus] == ([vram] if vram else [])
    assert [round(r.model.params_b, 2) for r in q.models] == [params]


def test_a_laptop_with_a_card_named_after_its_memory_keeps_the_card(catalog: Catalog) -> None:
    q = read_question("a laptop with 8GB 4060, can it run Qwen3 8B?", catalog.index)
    assert q.hardware is not None
    assert q.hardware.ram_gb is None
    assert [g.vram_gb for g in q.hardware.gpus] == [8.0]


ASKED = [
    # a model tried already ("after some hours of testing (X)") with recommendations asked: none asked
    (
        "I have a Mac mini M4 Pro 48GB. After a few days of testing (Qwen3 32B MLX 4bit) it swaps a lot. "
        "What are your recommendations?",
        [],
        "best",
    ),
    ("After a week of using Qwen3 8B on my 3060, would Qwen3 14B fit?", ["qwen3-14b"], "estimate"),
    # options asked for, in the words people use
    ("I only have a GTX 1650 4GB laptop. Or what other options do I have?", [], "best"),
    ("Give me a shortlist of candidate models for a 16GB M2 MacBook Air.", [], "best"),
    # the model named in the title and again in a last line that first tells the one run before
    (
        "能用两张4090跑qwen3 32b吗？\n以前都是单卡跑的gemma 3 12b，想用两张4090跑qwen3 32b可行吗？",
        ["qwen3-32b"],
        "estimate",
    ),
]


@pytest.mark.parametrize(("text", "ids", "kind"), ASKED)
def test_what_is_asked(catalog: Catalog, text: str, ids: list[str], kind: str) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == ids
    assert q.kind == kind


WITHIN = [
    # what a model needs asked, then whether it can be kept within an amount: that amount is the rig
    ("How much VRAM does Qwen3 14B need? 12GB fails, can I keep it within 12GB?", 12.0),
    ("qwen3 14b 到底需要多大显存？12G都不够，能控制在12G以内吗？", 12.0),
]


@pytest.mark.parametrize(("text", "gb"), WITHIN)
def test_kept_within_an_amount(catalog: Catalog, text: str, gb: float) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "estimate"
    assert q.hardware is not None
    assert [g.vram_gb for g in q.hardware.gpus] == [gb]


def test_what_a_model_needs_alone_stays_requirements(catalog: Catalog) -> None:
    assert read_question("How much VRAM does Qwen3 14B need?", catalog.index).kind == "requirements"


PAST_RIGS = [
    # a card told in a clause of the past, before one that tells the present, is no card of the rig
    ("以前都是用一张3060跑的qwen2.5 7b，现在两张3090能跑qwen3 32b吗？", [("rtx-3090", 2)]),
    ("之前在4060上跑gemma 3 12b，现在换了一张4090，能跑qwen3 32b吗", [("rtx-4090", 1)]),
    # ... but with no present told, the card told is the one there is
    ("以前在3090上跑 qwen2.5 14b，能跑 qwen3 32b 吗", [("rtx-3090", 1)]),
]


@pytest.mark.parametrize(("text", "gpus"), PAST_RIGS)
def test_a_card_of_the_past(catalog: Catalog, text: str, gpus: list[tuple[str, int]]) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None
    assert [(g.id, g.count) for g in q.hardware.gpus] == gpus
