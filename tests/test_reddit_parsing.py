"""bot/reddit/parsing.py and the pure parts of the Reddit API wrapper: no network, no mocks."""

from __future__ import annotations

import pytest

from bot.reddit import DEFAULT_RATELIMIT_WAIT_S, ratelimit_wait
from bot.reddit.parsing import (
    Command,
    ban_notice,
    clean,
    has_keyword,
    mentions,
    own_text,
    parse_command,
    plan_question,
)
from sizing import Catalog

POST = ("post", "Can I run it?\n\nI have 2x3090 and 64GB, can I run Qwen3 235B?")


def test_clean_strips_the_username_in_every_form_and_the_keyword() -> None:
    text = "u/canirun /u/CanIRun @canirun can I run qwen3 30b? !canirun"
    assert clean(text, "canirun", "!canirun") == "can I run qwen3 30b?"
    assert clean("u/canirun_fan says hi", "canirun") == "u/canirun_fan says hi"


def test_mentions_and_keyword_match_whole_words_only() -> None:
    assert mentions("hey /u/canirun", "canirun") and not mentions("u/canirunner", "canirun")
    assert has_keyword("!CanIRun qwen", "!canirun") and not has_keyword("!canirunning", "!canirun")


# Comments naming the bot, and whether Reddit shows that name in the author's own words (True) or
# inside a quote or code (False). test_reddit_markdown checks each verdict against Snudown.
SUMMONS_FORMS = [
    ("> u/canirun can I run qwen3 8b on a 3090?\n\nha, my 4090 is faster anyway", False),
    ("   > u/canirun quoted with spaces first", False),
    (">first quoted line\nruns on u/canirun up to the blank line\n\nmy own words", False),
    ("my words\n> a quote u/canirun interrupting them", False),
    ("    u/canirun qwen3 8b on a 3090\n\nthat is how you ask it", False),
    ("\tu/canirun after a tab", False),
    ("```\nu/canirun inside a fence\n```\nand text after", False),
    ("ask it with `u/canirun your question`", False),
    (">! a spoiler is my own text u/canirun !<", True),
    ("my words\n    u/canirun indented inside the paragraph", True),
    ("* a list item\n\n    u/canirun, a paragraph of that item", True),
    ("> someone asked about a 4090\n\nu/canirun qwen3 8b on a 3090?", True),
    ("`code` then u/canirun then `more code`", True),
]


@pytest.mark.parametrize(("text", "own"), SUMMONS_FORMS)
def test_a_name_in_a_quote_or_code_is_no_summons(text: str, own: bool) -> None:
    assert mentions(text, "canirun") is own and mentions(text, "canirun", anywhere=True)
    assert has_keyword(text.replace("u/canirun", "!canirun"), "!canirun") is own


def test_the_question_is_the_authors_own_text_not_the_quote() -> None:
    text = "> can I run llama 3.1 70b on a 4090?\n\nu/canirun what about qwen3 8b on a 3090?"
    assert clean(text, "canirun") == "what about qwen3 8b on a 3090?"
    pasted = "u/canirun my rig:\n\n    2x RTX 3090, 128GB RAM\n\ncan it run qwen3 32b?"
    assert "2x RTX 3090" in clean(pasted, "canirun")  # code the author pastes is still theirs
    assert own_text("a\n> b\nc\n\nd") == "a\n\n\n\nd"


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
    assert plan.structured.model == "Qwen3 235B A22B"
    assert plan.structured.hardware == "and on a 4090 at 32k?" and plan.structured.context == 32768


def test_parent_comment_wins_over_the_post(catalog: Catalog) -> None:
    ctx = [("parent comment", "I have a single RTX 4090"), ("post", "Qwen3 30B on 2x 3060?")]
    plan = plan_question("", catalog.index, ctx)
    assert plan.used == ("parent comment", "post")
    assert plan.structured is not None
    assert plan.structured.hardware == "I have a single RTX 4090" and plan.structured.model == "Qwen3 30B A3B"


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
