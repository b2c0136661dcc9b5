"""An either/or upgrade that buys cards ("a 5090, or a second 3090?") says why the better buy wins for
the asked model: each option's memory and memory bandwidth, and the price per GB of memory it buys
(by the dated prices on file, or that none is on file)."""

from __future__ import annotations

import re

from bot.answers import answer_text
from sizing import Catalog, default_database


def _why(verdict: str) -> str:
    assert " Why: " in verdict, verdict
    return verdict.split(" Why: ", 1)[1]


def test_each_card_option_says_its_memory_and_bandwidth(catalog: Catalog) -> None:
    a = answer_text("my 4080 runs gemma 3 27b ok, is a 5090 worth it or a second 4080?", catalog)
    why = _why(a.verdict)
    db = default_database()
    for card in ("rtx-5090", "rtx-4080"):
        spec = db.default_variant(card)
        assert spec is not None and spec.memory_gb is not None
        assert f"{spec.memory_gb:g} GB at {spec.bandwidth_gbs:,.0f} GB/s" in why


def test_the_price_per_gb_is_the_cost_over_the_memory_bought(catalog: Catalog) -> None:
    a = answer_text("my 4080 runs gemma 3 27b ok, is a 5090 worth it or a second 4080?", catalog)
    # the 5090 replaces the card (its whole price buys 32 GB); a second 4080 adds 16 GB for its price
    replacing = re.search(r"RTX 5090 gives [^$]*about \$([\d,]+)", a.verdict)
    adding = re.search(r"RTX 4080 instead gives [^$]*about \$([\d,]+)", a.verdict)
    assert replacing is not None and adding is not None, a.verdict
    why = _why(a.verdict)
    for cost, gb in ((replacing.group(1), 32), (adding.group(1), 16)):
        assert f"about ${float(cost.replace(',', '')) / gb:,.0f} per GB" in why


def test_a_ram_only_choice_has_no_card_reasons(catalog: Catalog) -> None:
    a = answer_text("4090 here: 64gb or 128gb ram for glm-4.5-air?", catalog)
    assert " Why: " not in a.verdict


def test_money_said_beside_the_rig_names_the_options_over_it(catalog: Catalog) -> None:
    a = answer_text("my 4080 + $1500: is a 5090 worth it or a second 4080 for gemma 3 27b?", catalog)
    over = a.verdict.split(" Over the $1,500 you have: ")
    assert len(over) == 2, a.verdict
    assert "RTX 5090" in over[1] and "adding 1x" not in over[1]


def test_no_money_said_names_nothing_over_it(catalog: Catalog) -> None:
    a = answer_text("my 4080 runs gemma 3 27b ok, is a 5090 worth it or a second 4080?", catalog)
    assert " you have: " not in a.verdict
