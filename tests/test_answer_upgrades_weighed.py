"""Upgrades as the asker weighs them: a speed told as had now is no minimum asked; a card of another
kind said beside "a second" of the card owned replaces it, weighed against adding one; RAM had now is
the baseline of "96gb or 128gb?"; an upgrade that runs slower says so, not that it keeps the speed."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "min_tps"),
    [
        ("my 3090 runs qwen3 32b at 25 tok/s, would a 4090 be worth it?", None),  # had now
        ("i'm currently getting llama 3.1 8b at 40 t/s on my 3060, what about a 4070?", None),
        ("my 3090 runs qwen3 32b at 20 t/s and i want at least 35 t/s, what should i buy?", 35.0),
        ("can my 3090 run qwen3 32b at 30 tok/s?", 30.0),  # asked, not told
        ("which quant gives 25 tok/s for qwen3 32b on a 3090?", 25.0),
    ],
)
def test_a_speed_told_as_had_now_is_no_minimum(catalog: Catalog, text: str, min_tps: float | None) -> None:
    assert read_question(text, catalog.index).min_tps == min_tps


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        # the other card first: it takes the owned card's place; "a second" of the owned card adds one
        ("my 3090 runs qwen3 32b fine, would a 5090 be worth it? or a second 3090?", "replacing", "adding"),
        ("i have a 4080, is a second 4080 worth it or a 5090 for gemma 3 27b?", "adding", "replacing"),
    ],
)
def test_another_card_or_a_second_one_weighs_replacing_against_adding(
    catalog: Catalog, text: str, first: str, second: str
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare" and len(q.rigs) == 3
    assert q.change is not None and q.change.startswith(first)
    assert q.instead is not None and q.instead.startswith(second)
    now, *after = q.rigs
    counts = sorted(hw.gpu_count for hw in after)
    assert now.gpu_count == 1 and counts == [1, 2]  # the card replaced stays one card; the added makes two
    replaced = after[0] if first == "replacing" else after[1]
    assert replaced.gpus[0].id != now.gpus[0].id


def test_adding_a_second_card_alone_is_still_one_upgrade(catalog: Catalog) -> None:
    q = read_question("i have a 3090, is adding a second 3090 worth it for llama 3.3 70b?", catalog.index)
    assert len(q.rigs) == 2 and q.instead is None


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("I have 64gb ddr5 and a 4090, should I go to 96gb or 128gb ram for qwen3 235b a22b?", (64, 96, 128)),
        ("3090 + 32gb ram here. 64gb or 128gb ram for glm-4.5-air?", (32, 64, 128)),
    ],
)
def test_two_ram_amounts_weighed_keep_the_ram_had_now(
    catalog: Catalog, text: str, ram: tuple[int, int, int]
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert tuple(hw.ram_gb for hw in q.rigs) == ram
    assert q.instead == f"system RAM to {ram[2]} GB"


def test_ram_weighed_with_none_had_compares_the_two_amounts(catalog: Catalog) -> None:
    q = read_question("4090: 64gb or 128gb ram for glm-4.5-air?", catalog.index)
    assert tuple(hw.ram_gb for hw in q.rigs) == (64, 128) and q.instead is None


def test_the_weighed_answer_starts_from_the_rig_now(catalog: Catalog) -> None:
    a = answer_text(
        "I have 64gb ddr5 and a 4090, should I go to 96gb or 128gb ram for qwen3 235b a22b?", catalog
    )
    assert a.verdict.startswith("For Qwen3 235B") and "(now ~" in a.verdict
    assert "system RAM to 96 GB gives" in a.verdict and "system RAM to 128 GB instead gives" in a.verdict


def test_an_upgrade_that_runs_slower_says_so(catalog: Catalog) -> None:
    a = answer_text("my 4090 runs glm-4.7-flash fine, would adding a 5090 be worth it?", catalog)
    # the two cards pick a finer quant (a loss label better) than the one card runs, and run it a little
    # slower: a trade of speed for quality, with today's quant said too
    assert "keeps it at" not in a.verdict
    assert "only for quality" in a.verdict and "slower than now" in a.verdict
    assert "at the same Q" in a.verdict


def test_two_upgrades_that_gain_little_say_so(catalog: Catalog) -> None:
    a = answer_text(
        "I have 64gb ddr5 and a 4090, should I go to 96gb or 128gb ram for qwen3.5 122b a10b?", catalog
    )
    assert "Neither is much faster than now" in a.verdict
    assert "fits too at ~" in a.verdict  # what the RAM buys is a finer quant


def test_another_card_said_with_an_adding_verb_is_added_too(catalog: Catalog) -> None:
    q = read_question(
        "my 4090 runs glm-4.7-flash fine, would adding a 5090 be worth it? or a second 4090?", catalog.index
    )
    assert len(q.rigs) == 3 and q.change == "adding 1x NVIDIA GeForce RTX 5090"
    assert q.instead == "adding 1x NVIDIA GeForce RTX 4090"
    assert [hw.gpu_count for hw in q.rigs] == [1, 2, 2]
