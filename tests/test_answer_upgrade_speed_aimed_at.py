"""An upgrade asked with the speed measured now is anchored on that speed: the upgrade's estimate is
scaled by the modelled ratio at today's quant (even when the measurement sits inside the estimate's
range), and a speed aimed at ("past 45?", "get me to 20") is answered yes, about or no."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog


@pytest.mark.parametrize(
    ("aim", "target"),
    [
        ("would it push me past 40?", 40),
        ("could it get me up to 40", 40),
        ("will I hit 40 with it", 40),
        ("i want at least 40", 40),
    ],
)
def test_a_figure_above_the_measured_speed_after_past_or_reach_is_the_speed_aimed_at(
    catalog: Catalog, aim: str, target: int
) -> None:
    a = answer_text(f"my 3090 gets 28 t/s on qwen3 32b, upgrading to a 5090: {aim}", catalog)
    assert f"Past {target}? " in a.verdict


@pytest.mark.parametrize(
    "aim",
    ["would a card with over 24 gb help?", "would it hit 5?", "would it help?"],
)
def test_a_memory_size_a_lower_figure_or_no_figure_is_no_speed_aimed_at(catalog: Catalog, aim: str) -> None:
    a = answer_text(f"my 3090 gets 28 t/s on qwen3 32b, upgrading to a 5090: {aim}", catalog)
    assert "Past " not in a.verdict


def _scaled(verdict: str) -> float:
    m = re.search(r"the upgrade gives about ([\d.,]+) tokens/s", verdict)
    assert m is not None, verdict
    return float(m.group(1).replace(",", ""))


def test_a_measured_speed_inside_the_estimate_still_anchors_the_upgrade(catalog: Catalog) -> None:
    a = answer_text("my 3090 gets 28 t/s on qwen3 32b, is upgrading to a 5090 worth it?", catalog)
    assert "You measure ~28 tokens/s now (~" in a.verdict
    assert "at the same ratio the upgrade gives about" in a.verdict


def test_the_anchored_speed_scales_with_the_measured_one(catalog: Catalog) -> None:
    slow = answer_text("my 3090 gets 26 t/s on qwen3 32b, is upgrading to a 5090 worth it?", catalog)
    fast = answer_text("my 3090 gets 34 t/s on qwen3 32b, is upgrading to a 5090 worth it?", catalog)
    assert _scaled(fast.verdict) / _scaled(slow.verdict) == pytest.approx(34 / 26, rel=0.05)


def test_the_ratio_is_taken_at_todays_quant_when_the_upgrade_picks_a_finer_one(catalog: Catalog) -> None:
    a = answer_text("my 3090 gets 28 t/s on qwen3 32b, is upgrading to a 5090 worth it?", catalog)
    assert "Q4_K_M, fully on the GPU -> Q6_K" in a.verdict  # the upgrade's own pick is finer
    scaled = r"gives about [\d.]+ tokens/s at the same Q4_K_M \(~[\d.]+ at Q6_K\)"
    assert re.search(scaled, a.verdict), a.verdict


@pytest.mark.parametrize(("aim", "answer"), [("30", "Yes"), ("200", "No")])
def test_a_speed_aimed_at_is_answered(catalog: Catalog, aim: str, answer: str) -> None:
    a = answer_text(
        f"my 3090 gets 28 t/s on qwen3 32b, would upgrading to a 5090 take me past {aim}?", catalog
    )
    assert f"Past {aim}? {answer}, ~" in a.verdict


def test_a_speed_the_pick_misses_is_answered_at_a_coarser_quant_that_reaches_it(catalog: Catalog) -> None:
    a = answer_text("my 4070 does 25 tok/s on gemma 3 27b, would a 5090 get me past 50?", catalog)
    coarser = r"Past 50\? Yes at (Q6_K|Q5_K_M|Q4_K_M), ~([\d.]+) \(Q8_0, the pick: ~([\d.]+)\)"
    found = re.search(coarser, a.verdict)
    assert found is not None, a.verdict
    assert float(found.group(2)) > 50 > float(found.group(3))
