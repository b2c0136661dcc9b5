"""An upgrade that makes a model run, but below the usable speed, says so first; and a comparison
whose verdict rests on system RAM nobody stated says what it assumed."""

from __future__ import annotations

from bot.answers import answer_text
from sizing import Catalog

_SLOW_UPGRADE = "i have a 3090, should I add a 3060 12gb to run llama 3.3 70b q4?"


def test_an_upgrade_that_runs_it_too_slowly_is_not_called_worth_it(catalog: Catalog) -> None:
    a = answer_text(_SLOW_UPGRADE, catalog)
    assert a.verdict.startswith("Only if slow is fine")
    assert "below 10" in a.verdict


def test_the_ram_a_comparison_assumed_is_said(catalog: Catalog) -> None:
    a = answer_text(_SLOW_UPGRADE, catalog)
    assert any(h.startswith("System RAM not stated: assumed 16 GB") for h in a.hints)


def test_an_upgrade_that_runs_it_usably_is_worth_it(catalog: Catalog) -> None:
    a = answer_text("i have a 3090, should I add a second 3090 to run llama 3.3 70b q4?", catalog)
    assert a.verdict.startswith("Worth it")


def test_no_ram_assumption_is_said_where_every_side_runs_on_the_gpus(catalog: Catalog) -> None:
    a = answer_text("3090 or 4090 for qwen3 8b?", catalog)
    assert not any(h.startswith("System RAM not stated") for h in a.hints)


def test_an_upgrade_that_runs_a_better_quant_more_slowly_says_the_trade(catalog: Catalog) -> None:
    a = answer_text("my rig: 3090, 32gb ram. what if I add 64gb of ram, can I run glm-4.5-air?", catalog)
    assert a.verdict.startswith("Worth it for GLM-4.5-Air 106B-A12B only for quality")
    assert "slower than now" in a.verdict and "keeps it at" not in a.verdict
