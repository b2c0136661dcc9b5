"""bot/reddit/parsing.py and the pure parts of the Reddit API wrapper: no network, no mocks."""

from __future__ import annotations

import pytest

from bot.reddit import DEFAULT_RATELIMIT_WAIT_S, ratelimit_wait
from bot.reddit.parsing import Command, ban_notice, clean, has_keyword, mentions, parse_command, plan_question
from sizing import Catalog

POST = ("post", "Can I run it?\n\nI have 2x3090 and 64GB, can I run Qwen3 235B?")


def test_clean_strips_the_username_in_every_form_and_the_keyword() -> None:
    text = "u/canirun /u/CanIRun @canirun can I run qwen3 30b? !canirun"
    assert clean(text, "canirun", "!canirun") == "can I run qwen3 30b?"
    assert clean("u/canirun_fan says hi", "canirun") == "u/canirun_fan says hi"


def test_mentions_and_keyword_match_whole_words_only() -> None:
    assert mentions("hey /u/canirun", "canirun") and not mentions("u/canirunner", "canirun")
    assert has_keyword("!CanIRun qwen", "!canirun") and not has_keyword("!canirunning", "!canirun")


@pytest.mark.parametrize(
    ("text", "subject", "expected"),
    [
        ("!optout", "", Command("optout")),
        ("  !opt-out please", "", Command("optout")),
        ("!optin", "", Command("optin")),
        ("hi", "!optout r/LocalLLaMA", Command("optout", "LocalLLaMA")),
        ("!optout subreddit LocalLLaMA", "", Command("optout", "LocalLLaMA")),
        ("can I run qwen? !optout later", "", None),
    ],
)
def test_parse_command(text: str, subject: str, expected: Command | None) -> None:
    assert parse_command(text, subject) == expected


def test_ban_notice_reads_bans_and_unbans() -> None:
    assert ban_notice("You've been banned from participating in r/LocalLLaMA", "") == ("LocalLLaMA", True)
    assert ban_notice("You've been unbanned from r/LocalLLaMA", "") == ("LocalLLaMA", False)
    assert ban_notice("hello", "nice bot") is None


@pytest.mark.parametrize(
    ("message", "seconds"),
    [
        ("you are doing that too much. try again in 9 minutes.", 540),
        ("Take a break for 1 second before trying again.", 1),
        ("try again in 500 milliseconds", 0.5),
        ("try again in 1 minute and 30 seconds", 90),
        ("slow down", DEFAULT_RATELIMIT_WAIT_S),
    ],
)
def test_ratelimit_wait_reads_reddits_wording(message: str, seconds: float) -> None:
    assert ratelimit_wait(message) == pytest.approx(seconds)


def test_complete_comment_needs_no_context(catalog: Catalog) -> None:
    plan = plan_question("can I run qwen3 30b on a 3090?", catalog.index)
    assert plan.needs == () and plan.substantive and plan.text == "can I run qwen3 30b on a 3090?"


def test_bare_mention_takes_model_and_rig_from_the_post(catalog: Catalog) -> None:
    plan = plan_question("", catalog.index, [("parent comment", "lol"), POST])
    assert plan.needs == ("model", "hardware") and plan.used == ("post",)
    assert plan.structured is None and "2x3090 and 64GB" in plan.text and "Qwen3 235B" in plan.text


def test_own_model_with_rig_from_post_asks_in_fields_so_the_posts_model_does_not_leak(
    catalog: Catalog,
) -> None:
    plan = plan_question("what about Llama 3.3 70B?", catalog.index, [POST])
    assert plan.structured is not None
    assert plan.structured.model == "Llama 3.3 70B" and "2x3090" in plan.structured.hardware


def test_own_rig_with_model_from_post(catalog: Catalog) -> None:
    plan = plan_question("and on a 4090 at 32k?", catalog.index, [POST])
    assert plan.structured is not None
    assert plan.structured.model == "Qwen3 235B A22B Instruct 2507"
    assert plan.structured.hardware == "and on a 4090 at 32k?" and plan.structured.context == 32768


def test_parent_comment_wins_over_the_post(catalog: Catalog) -> None:
    ctx = [("parent comment", "I have a single RTX 4090"), ("post", "Qwen3 30B on 2x 3060?")]
    plan = plan_question("", catalog.index, ctx)
    assert plan.used == ("parent comment", "post")
    assert plan.structured is not None
    assert plan.structured.hardware == "I have a single RTX 4090"
    assert plan.structured.model == "Qwen3 30B A3B Instruct 2507"


def test_best_model_question_takes_only_the_rig(catalog: Catalog) -> None:
    plan = plan_question("best coding model?", catalog.index, [POST])
    assert plan.structured is not None and plan.structured.best and plan.structured.model is None
    assert plan.structured.task == "code"


def test_nothing_in_context_leaves_the_gap_for_a_clarify(catalog: Catalog) -> None:
    plan = plan_question("hello", catalog.index, [("post", "what a day")])
    assert plan.needs == ("model", "hardware") and plan.used == () and not plan.substantive


def test_long_post_is_read_in_pieces(catalog: Catalog) -> None:
    body = ("Lorem ipsum dolor sit amet. " * 80) + "\n\nMy rig: RTX 4090 and 64GB DDR5."
    plan = plan_question("gemma 3 27b?", catalog.index, [("post", "Question\n\n" + body)])
    assert plan.used == ("post",) and "RTX 4090" in plan.text
    assert len(plan.text) < len(body)  # only the piece that names the rig is added


def test_100kb_of_junk_is_passed_on_unread(catalog: Catalog) -> None:
    junk = ("ü[](x) u/spez " * 8000)[:100_000]
    plan = plan_question(junk, catalog.index, [POST])
    assert plan.text == junk and plan.structured is None and plan.needs == ()
