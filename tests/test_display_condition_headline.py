"""A fit on the GPU that holds only without a desktop on the card says so in its 'Yes', not only in a
note under the table."""

from __future__ import annotations

from bot.answers import answer_text
from sizing import Catalog


def test_a_fit_that_needs_a_headless_gpu_says_it_in_the_verdict(catalog: Catalog) -> None:
    a = answer_text("qwen3 32b exl3 at 5 bpw and 32k context on one 3090 with exllamav3", catalog)
    assert a.verdict.startswith("Yes")
    assert "drives no display" in a.verdict


def test_the_display_condition_said_in_the_verdict_is_not_repeated_as_a_note(catalog: Catalog) -> None:
    a = answer_text("qwen3 32b exl3 at 5 bpw and 32k context on one 3090 with exllamav3", catalog)
    assert "drives no display" in a.verdict
    assert not any("drive a display" in n for n in a.options[0].assumptions)


def test_a_comfortable_fit_says_nothing_of_the_display(catalog: Catalog) -> None:
    a = answer_text("qwen3 8b exl3 at 5 bpw on one 3090 with exllamav3", catalog)
    assert not any("drive a display" in n for n in a.options[0].assumptions)
    assert "display" not in a.verdict
