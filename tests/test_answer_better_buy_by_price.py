"""Of two upgrades that run the asked model at the same quant and fit, both at the speed wished, the
cheaper is the better buy (the faster one is named with its speed), and the answer's winner agrees;
where only one runs the better quant or fit, that one still wins."""

from __future__ import annotations

import re

from bot.answers import answer_text
from sizing import Catalog

THIRD_OR_5090 = "i have 2x 3090 and 128gb ram, should i buy a third 3090 or a 5090 for gpt-oss-120b?"


def test_the_cheaper_of_two_as_good_upgrades_is_the_better_buy(catalog: Catalog) -> None:
    a = answer_text(THIRD_OR_5090, catalog)
    m = re.search(r"The better buy: ([^,]+), the same quant and fit for about \$[\d,]+ less", a.verdict)
    assert m is not None, a.verdict
    assert "3090" in m.group(1)
    assert re.search(r"RTX 5090 is faster \(~\d+ vs ~\d+ tokens/s\)", a.verdict), a.verdict


def test_the_winner_is_the_better_buy_said(catalog: Catalog) -> None:
    a = answer_text(THIRD_OR_5090, catalog)
    assert a.winner is not None
    winner = a.comparisons[a.winner]
    assert {g.id: g.count for g in winner.hardware.gpus} == {"rtx-3090": 3}


def test_an_upgrade_that_runs_a_better_quant_still_wins_on_quality(catalog: Catalog) -> None:
    a = answer_text("my 3090 runs llama 3.3 70b slowly, a 5090 or a second 3090?", catalog)
    assert "the same quant and fit" not in a.verdict


def test_a_cheaper_upgrade_far_slower_than_the_other_is_not_the_better_buy(catalog: Catalog) -> None:
    # more RAM costs less but generates at about half the second card's speed (and no faster than now)
    a = answer_text("a second 3090 or more ram for glm 4.5 air? I have a 3090 and 32gb ram", catalog)
    assert "The better buy: adding 1x NVIDIA GeForce RTX 3090." in a.verdict, a.verdict
