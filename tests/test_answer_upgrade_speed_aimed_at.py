"""An upgrade asked with the speed measured now is anchored on that speed: the upgrade's estimate is
scaled by the modelled ratio at today's quant (even when the measurement sits inside the estimate's
range), and a speed aimed at ("past 45?", "get me to 20") is answered yes, about or no."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from bot.answers._build_kinds import speed_target
from sizing import Catalog


@pytest.mark.parametrize(
    ("text", "seen", "target"),
    [
        ("i see 30 t/s now; would a 4090 push me past 50?", 30.0, 50.0),
        ("getting 12 tok/s, could two cards get me up to 25", 12.0, 25.0),
        ("20 t/s today, will I hit 35 with a 5090 and 64 gb ram", 20.0, 35.0),
        ("at 40 t/s, want at least 60 on 2x 3090", 40.0, 60.0),
    ],
)
def test_a_figure_above_the_measured_speed_after_past_or_reach_is_the_speed_aimed_at(
    text: str, seen: float, target: float
) -> None:
    assert speed_target(text, seen) == target


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("at 30 t/s, would a card with over 24 gb help?", 30.0),
        ("i get 10 t/s; would 2x 3090 hit 5?", 10.0),
        ("i get 10 t/s; would a 5090 help?", 10.0),
    ],
)
def test_a_memory_size_a_lower_figure_or_no_figure_is_no_speed_aimed_at(text: str, seen: float) -> None:
    assert speed_target(text, seen) is None


def _scaled(verdict: str) -> float:
    m = re.search(r"the upgrade gives about ~([\d.,]+)", verdict)
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
    assert re.search(r"gives about ~[\d.]+ at the same Q4_K_M \(~[\d.]+ at Q6_K\)", a.verdict), a.verdict


@pytest.mark.parametrize(("aim", "answer"), [("30", "Yes"), ("200", "No")])
def test_a_speed_aimed_at_is_answered(catalog: Catalog, aim: str, answer: str) -> None:
    a = answer_text(
        f"my 3090 gets 28 t/s on qwen3 32b, would upgrading to a 5090 take me past {aim}?", catalog
    )
    assert f"Past {aim}? {answer}, ~" in a.verdict
