"""What to buy, asked of a rig and a model ("a 4090 and $1000 saved, what should I add to run 70b
models?"), leads with the purchase: the fastest priced change within the money said (else the cheapest,
named as over it), then how the model runs today. Beside an NVIDIA card of another kind, a used RTX 3090
is weighed as the cheaper memory to add for llama.cpp."""

from __future__ import annotations

import re

from bot.answers import answer_text
from sizing import Catalog
from sizing.hardware import device_price


def test_a_purchase_asked_with_money_beside_the_rig_leads_with_what_to_buy(catalog: Catalog) -> None:
    a = answer_text("got a 4090 plus $1200 put aside, what should I add to run llama 3.3 70b?", catalog)
    assert a.verdict.startswith("What to buy with $1,200: ")
    assert " Today: " in a.verdict


def test_the_purchase_led_with_costs_no_more_than_the_money_said(catalog: Catalog) -> None:
    a = answer_text("got a 4090 plus $1200 put aside, what should I add to run llama 3.3 70b?", catalog)
    lead = a.verdict.split(" Today: ")[0]
    priced = [f for f in a.fixes if f.change in lead]
    assert len(priced) == 1 and priced[0].price_usd is not None and priced[0].price_usd <= 1200


def test_a_used_3090_is_weighed_beside_a_dearer_nvidia_card(catalog: Catalog) -> None:
    used = device_price("rtx-3090", 24, used=True)
    assert used is not None
    a = answer_text("my 4090 runs llama 3.3 70b too slowly, what should I add?", catalog)
    beside = [f for f in a.fixes if "RTX 3090 beside it" in f.change]
    assert beside and beside[0].price_usd == used.midpoint_usd
    assert beside[0].estimate.placement.verdict == "gpu"


def test_money_short_of_every_purchase_names_the_cheapest_as_over_it(catalog: Catalog) -> None:
    a = answer_text("I have a 3090 and $300 to spend, what should I buy to run llama 3.3 70b?", catalog)
    assert a.verdict.startswith("Nothing on file within $300 does it; the cheapest that does: ")
    m = re.search(r"\(about \$([\d,]+)\)\. Today:", a.verdict)
    assert m is not None and float(m.group(1).replace(",", "")) > 300


def test_a_question_that_asks_no_purchase_gets_no_purchase_lead(catalog: Catalog) -> None:
    a = answer_text("can my 4090 run llama 3.3 70b?", catalog)
    assert not a.verdict.startswith(("What to buy", "Nothing on file"))
