"""'Does X need 8 cards?': the answer to the count asked comes first (no, and the fewest cards that
run it), then the rigs that need the least."""

from __future__ import annotations

import pytest

from bot.answers import RequirementsAnswer, answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("does qwen3 30b a3b need 8 cards?", 8),
        ("do I need 4 gpus to run gemma 3 27b", 4),
        ("qwen3 30b a3b 要8卡才能跑吗", 8),
        ("gemma 3 27b 需要两张显卡吗", 2),
        ("does it take six 3090 gpus for qwen3 32b?", 6),
        ("how many 3090s for qwen3 32b?", None),  # a count is asked for, none is asked about
        ("i need a card for qwen3 32b", None),
    ],
)
def test_the_card_count_asked_about_is_read(catalog: Catalog, text: str, count: int | None) -> None:
    assert read_question(text, catalog.index).cards_asked == count


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("does qwen3 30b a3b need 8 cards?", 8),
        ("qwen3 30b a3b 要8卡才能跑吗", 8),
        ("do i need 4 gpus for gemma 3 27b?", 4),
    ],
)
def test_fewer_cards_than_asked_answer_no_first(catalog: Catalog, text: str, asked: int) -> None:
    a = answer_text(text, catalog)
    assert isinstance(a, RequirementsAnswer)
    assert a.verdict.startswith("No, ") and f"does not need {asked} cards: " in a.verdict
    fewest = min(
        sum(g.count for g in r.hardware.gpus) for r in a.rigs if r.hardware.gpus and not r.hardware.soc
    )
    assert fewest < asked
    many = "one" if fewest == 1 else f"{fewest}x"
    assert a.verdict.split(": ", 1)[1].startswith(f"{many} ")


def test_a_count_below_what_any_rig_needs_gets_no_no(catalog: Catalog) -> None:
    # a 1T MoE fully in VRAM: every rig shown takes more than 2 cards, the list is the answer
    a = answer_text("does kimi k2 need 2 gpus? all in vram", catalog)
    assert isinstance(a, RequirementsAnswer) and a.rigs
    assert min(sum(g.count for g in r.hardware.gpus) for r in a.rigs if r.hardware.gpus) > 2
    assert not a.verdict.startswith("No, ")


def test_without_a_count_asked_the_answer_opens_with_the_requirements(catalog: Catalog) -> None:
    a = answer_text("what hardware do i need for qwen3 30b a3b?", catalog)
    assert isinstance(a, RequirementsAnswer) and not a.verdict.startswith("No, ")
