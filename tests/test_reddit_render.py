"""bot/render/reddit.py: one markdown comment per Answer, within limits, with user text made harmless."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.answers import Answer, QuestionInfo, answer_from_json
from bot.render.reddit import (
    MAX_COMMENT_CHARS,
    escape_md,
    reddit_length,
    render_notice,
    render_reddit,
)

ANSWERS = Path(__file__).resolve().parent / "data" / "answers"
KINDS = ("estimate", "best", "clarify")
PROJECT = "https://example.org/canirun"


def example(kind: str) -> Answer:
    return answer_from_json((ANSWERS / f"{kind}.json").read_text())


def error_answer(message: str, hint: str | None = None) -> Answer:
    return Answer(kind="error", question=QuestionInfo(), message=message, error=message, hint=hint)


def live_links(markdown: str) -> list[str]:
    """Markdown links [text](url) that are not escaped."""
    return re.findall(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", markdown)


def pings(markdown: str) -> list[str]:
    """What Reddit would link or notify: u/name, /u/name, r/name, @name."""
    return re.findall(r"(?i)(?<![a-z0-9])/?(?:u|r|user)/[a-z0-9_-]+|@[a-z]+", markdown)


def test_estimate_has_verdict_device_table_speed_assumptions_and_footer() -> None:
    md = render_reddit(example("estimate"), project_url=PROJECT)
    assert "Yes, partly offloaded" in md
    assert "| Device | Used / capacity | Layers |" in md
    assert "| NVIDIA GeForce RTX 4090 | 23.3 / 25.8 GB | 36 |" in md
    assert "**Speed:** ~27 tok/s" in md
    assert "**Assumptions**" in md and "flash attention on" in md
    assert f"[How it works]({PROJECT})" in md
    assert "!optout" in md and "u/canirun" in md


def test_best_lists_top_models_in_a_table() -> None:
    md = render_reddit(example("best"))
    assert "| Model | Quant | Fit | tok/s | Memory |" in md
    assert md.count("\n| ") >= 8 and "Qwen3.8 27B" in md


def test_clarify_is_short_and_says_what_to_add_with_an_example() -> None:
    md = render_reddit(example("clarify"))
    assert "Which model?" in md and "Example" in md
    assert "|" not in md.split("---")[0]  # no table for a question back
    assert reddit_length(md) < 800


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("limit", [MAX_COMMENT_CHARS, 3000, 1500, 800, 400, 120, 10])
def test_every_answer_fits_the_limit_in_one_comment(kind: str, limit: int) -> None:
    md = render_reddit(example(kind), limit)
    assert reddit_length(md) <= limit


def test_short_form_keeps_verdict_and_footer_and_drops_detail() -> None:
    full = render_reddit(example("estimate"))
    short = render_reddit(example("estimate"), 700)
    assert reddit_length(short) <= 700 < reddit_length(full)
    assert "Yes, partly offloaded" in short and "I'm a bot" in short
    assert "Other options" not in short


def test_length_counts_astral_emoji_twice() -> None:
    assert reddit_length("🟡") == 2 and reddit_length("✅") == 1


def test_user_text_in_an_error_cannot_link_ping_or_break_tables() -> None:
    evil = (
        "no model called [click](javascript:alert(1)) u/spez /u/kn0thing r/all @everyone @here "
        "https://evil.example www.evil.example | --- | **bold** # heading > quote ^super"
    )
    md = render_reddit(error_answer(evil, hint="try [this](https://x.example)"))
    body = md.split("---\n\n*I'm a bot")[0]
    assert live_links(body) == []
    assert pings(body) == []
    assert "https://evil" not in body and "www.evil" not in body
    assert "\\|" in body and "\\*\\*bold\\*\\*" in body and "\\#" in body
    assert "\n" not in body.strip().split("\n\n")[0]  # user text stays on its own line


def test_escape_md_collapses_newlines_and_caps_length() -> None:
    text = escape_md("line one\n\n# two\n> three " + "x" * 5000, max_chars=100)
    assert "\n" not in text and len(text) < 120 and text.endswith("…")


def test_project_url_that_is_not_http_is_left_out() -> None:
    md = render_reddit(example("clarify"), project_url="javascript:alert(1)")
    assert "javascript" not in md


def test_notice_carries_the_footer() -> None:
    md = render_notice("Done: I won't reply to you again.", project_url=PROJECT)
    assert md.startswith("Done:") and PROJECT in md
