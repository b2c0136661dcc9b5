"""A Mac's or system RAM's price asked with no model is answered from the dated price table: the
configuration's row where one is on file, else the nearest configurations of that chip or box; RAM at
its latest price a GB. The reply tells rather than asks back on every renderer."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from bot.render.discord import answer_embed
from bot.render.reddit import render_reddit
from sizing import Catalog
from sizing.hardware import memory_price_per_gb


def test_a_priced_mac_configuration_gives_its_row(catalog: Catalog) -> None:
    said = answer_text("how much is a mac studio m3 ultra 256gb?", catalog).verdict
    assert "M3 Ultra" in said and "256 GB: $5,999" in said


@pytest.mark.parametrize(
    ("text", "box"),
    [("how much is a 128GB Mac Studio?", "Mac Studio"), ("what's a 64gb mac mini cost", "Mac mini")],
)
def test_an_unpriced_mac_says_so_and_lists_that_boxs_prices_on_file(
    catalog: Catalog, text: str, box: str
) -> None:
    said = answer_text(text, catalog).verdict
    assert "no price on file for that configuration" in said
    listed = re.findall(r"; |The nearest on file: ", said)
    assert listed and f"{box}, Apple " in said
    assert "Which model?" not in said


@pytest.mark.parametrize(("text", "gb", "kind"), [("what does 64GB of DDR5 cost?", 64, "DDR5")])
def test_ram_is_priced_at_its_latest_price_a_gb(catalog: Catalog, text: str, gb: int, kind: str) -> None:
    p = memory_price_per_gb(kind)
    assert p is not None
    assert f"{gb} GB of {kind}: about ${gb * p.price_usd_per_gb:,.0f}" in answer_text(text, catalog).verdict


def test_ram_of_no_type_said_is_priced_as_both_types(catalog: Catalog) -> None:
    said = answer_text("how much for 128gb of ram?", catalog).verdict
    assert "128 GB of DDR5: about $" in said and "128 GB of DDR4: about $" in said


@pytest.mark.parametrize(
    "text",
    ["how much is a 128GB Mac Studio?", "what does 64GB of DDR5 cost?", "how much would a used 3090 cost?"],
)
def test_a_price_reply_is_titled_as_an_answer_with_no_example_question(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    embed = answer_embed(a)
    assert embed["title"] != "I need a bit more"
    assert not any(f["name"] == "Example" for f in embed.get("fields", []))
    assert "For example:" not in render_reddit(a)


def test_a_question_back_keeps_its_title(catalog: Catalog) -> None:
    assert answer_embed(answer_text("can I run it on my 3090?", catalog))["title"] == "I need a bit more"


def test_a_used_price_asked_with_none_on_file_says_so_before_the_new_one(catalog: Catalog) -> None:
    said = answer_text("how much is a used 4090?", catalog).verdict
    assert "per card: no used price on file; $" in said and "(new" in said
