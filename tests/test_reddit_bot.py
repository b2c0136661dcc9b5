"""The Reddit bot end to end: real Async PRAW against the local stand-in, an in-process store."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.config import RedditSettings
from bot.reddit import RedditApi, RedditBot
from bot.service import AnswerService
from bot.stores import EmbeddedStore, MemoryStore, Store
from tests.standins.reddit_api import BOT, RedditStandIn, Thing

PROJECT = "https://example.org/canirun"
QUESTION = "can I run qwen3 30b on an RTX 3090 with 32GB RAM?"


@pytest.fixture
async def reddit() -> AsyncIterator[RedditStandIn]:
    async with RedditStandIn() as server:
        yield server


@asynccontextmanager
async def bot_for(
    reddit: RedditStandIn, store: Store | None = None, *, call_timeout_s: float = 5.0, **settings: Any
) -> AsyncIterator[RedditBot]:
    api = RedditApi.connect(
        user_agent="canirun-tests/0.1", call_timeout_s=call_timeout_s, **reddit.credentials()
    )
    service = AnswerService(store if store is not None else MemoryStore())
    rs = RedditSettings(poll_interval_s=0.05, leader_lock_ttl_s=1.5, project_url=PROJECT, **settings)
    # settle_s=0: the stand-in's listings show a comment the moment it is posted (Reddit's may lag)
    bot = RedditBot(api, service, rs, username=BOT, claim_ttl_s=1, backoff_max_s=0.3, settle_s=0)
    try:
        yield bot
    finally:
        await api.close()
        await service.close()


def replies(reddit: RedditStandIn, to: Thing) -> list[Thing]:
    return reddit.state.replies_to(to.fullname, author=BOT)


def only_reply(reddit: RedditStandIn, to: Thing) -> str:
    found = replies(reddit, to)
    assert len(found) == 1, f"{len(found)} replies"
    return found[0].body


def thread(reddit: RedditStandIn, body: str = "", sub: str = "LocalLLaMA") -> Thing:
    return reddit.state.add_submission(sub, "alice", "Help with my rig", body)


async def test_mention_gets_exactly_one_reply_with_the_answer(reddit: RedditStandIn) -> None:
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        await bot.poll_once()
    text = only_reply(reddit, c)
    assert "Qwen3 30B" in text and "RTX 3090" in text and "| Device |" in text
    assert PROJECT in text and "!optout" in text
    assert reddit.state.unread_of(BOT) == []


async def test_a_quoted_or_code_mention_is_no_summons_but_the_authors_own_is(reddit: RedditStandIn) -> None:
    post = thread(reddit)
    quoted = reddit.state.add_comment(
        post, "bob", f"> u/{BOT} {QUESTION}\n\nha, it said yes, my 4090 is faster"
    )
    code = reddit.state.add_comment(post, "eve", f"    u/{BOT} {QUESTION}\n\nthat is how you ask it")
    own = reddit.state.add_comment(
        post, "dan", f"> can I run llama 3.1 70b on a 4090?\n\nu/{BOT} qwen3 8b on an RTX 3060 12GB?"
    )
    assert {quoted.fullname, code.fullname, own.fullname} <= set(reddit.state.mentions_of(BOT))
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        await bot.poll_once()
    assert replies(reddit, quoted) == [] and replies(reddit, code) == []
    text = only_reply(reddit, own)  # the question is dan's own line, not the one he quotes
    assert "Qwen3 8B" in text and "RTX 3060" in text and "Llama" not in text and "4090" not in text
    assert reddit.state.unread_of(BOT) == []


async def test_bare_mention_under_a_post_uses_the_posts_model_and_rig(reddit: RedditStandIn) -> None:
    post = thread(reddit, "I have 2x3090 and 64GB, can I run Qwen3 235B?")
    c = reddit.state.add_comment(post, "bob", f"u/{BOT}")
    async with bot_for(reddit) as bot:
        await bot.poll_once()
    text = only_reply(reddit, c)
    assert "Qwen3 235B" in text and text.count("RTX 3090") >= 2 and "Which model" not in text


async def test_mention_without_model_gets_a_short_reply_saying_what_to_add(reddit: RedditStandIn) -> None:
    c = reddit.state.add_comment(thread(reddit, "Hello everyone"), "bob", f"u/{BOT} can I run it on my 3090?")
    async with bot_for(reddit) as bot:
        await bot.poll_once()
    text = only_reply(reddit, c)
    assert "Which model?" in text and "Example" in text and len(text) < 1000


async def test_follow_up_to_an_answer_reuses_the_question_it_answered(reddit: RedditStandIn) -> None:
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} qwen3 30b on a 3090")
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        answer = replies(reddit, c)[0]
        follow = reddit.state.add_comment(answer, "bob", "what about at 32k context?")
        await bot.poll_once()
    text = only_reply(reddit, follow)
    assert "32,768 context" in text and "Qwen3 30B" in text and "RTX 3090" in text


async def test_thanks_under_an_answer_gets_no_reply_but_is_marked_read(reddit: RedditStandIn) -> None:
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        thanks = reddit.state.add_comment(replies(reddit, c)[0], "bob", "thanks, great bot!")
        await bot.poll_once()
    assert replies(reddit, thanks) == [] and reddit.state.unread_of(BOT) == []


async def test_optout_by_reply_silences_the_bot_for_that_user_until_optin(reddit: RedditStandIn) -> None:
    post = thread(reddit)
    first = reddit.state.add_comment(post, "bob", f"u/{BOT} {QUESTION}")
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        optout = reddit.state.add_comment(replies(reddit, first)[0], "bob", "!optout")
        await bot.poll_once()
        assert "won't reply to you again" in only_reply(reddit, optout)
        ignored = reddit.state.add_comment(post, "bob", f"u/{BOT} {QUESTION}")
        other = reddit.state.add_comment(post, "carol", f"u/{BOT} {QUESTION}")
        await bot.poll_once()
        assert replies(reddit, ignored) == [] and len(replies(reddit, other)) == 1
        reddit.state.send_message(BOT, "!optin", "", author="bob")
        again = reddit.state.add_comment(post, "bob", f"u/{BOT} {QUESTION}")
        await bot.poll_once()
        await bot.poll_once()
    assert len(replies(reddit, again)) == 1 and reddit.state.unread_of(BOT) == []


async def test_optout_by_private_message(reddit: RedditStandIn) -> None:
    pm = reddit.state.send_message(BOT, "opt out", "!optout", author="bob")
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        await bot.poll_once()
    assert "won't reply" in only_reply(reddit, pm) and replies(reddit, c) == []


async def test_only_a_moderator_can_opt_a_subreddit_out(reddit: RedditStandIn) -> None:
    reddit.state.add_moderator("LocalLLaMA", "mod1")
    fake = reddit.state.send_message(BOT, "!optout r/LocalLLaMA", "please", author="bob")
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        assert "Only moderators" in only_reply(reddit, fake)
        real = reddit.state.send_message(BOT, "!optout r/LocalLLaMA", "", author="mod1")
        await bot.poll_once()
        assert "won't post in" in only_reply(reddit, real)
        c = reddit.state.add_comment(thread(reddit), "carol", f"u/{BOT} {QUESTION}")
        elsewhere = reddit.state.add_comment(thread(reddit, sub="Other"), "carol", f"u/{BOT} {QUESTION}")
        await bot.poll_once()
    assert replies(reddit, c) == [] and len(replies(reddit, elsewhere)) == 1


async def test_a_ratelimit_pauses_replies_but_not_the_loop_and_frees_the_claim(
    reddit: RedditStandIn,
) -> None:
    post = thread(reddit)
    first = reddit.state.add_comment(post, "bob", f"u/{BOT} {QUESTION}")
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        assert len(replies(reddit, first)) == 1
        reddit.state.inject("comment", ratelimit="you are doing that too much. try again in 9 minutes.")
        asked = reddit.state.add_comment(post, "carol", f"u/{BOT} {QUESTION}")
        await bot.poll_once()  # refused: replies pause for 9 minutes
        note = reddit.state.send_message(BOT, "a note from the moderators", "hello", subreddit="LocalLLaMA")
        stats = await bot.poll_once()  # meanwhile the loop handles what needs no reply
        assert bot.ledger.paused_s > 60
        assert stats.wait_s == 0 and stats.trouble == []
        assert await bot.store.ledger_claim(asked.fullname, "another-replica", 60)  # the claim was let go
    assert replies(reddit, asked) == [] and replies(reddit, note) == []
    assert reddit.state.unread_of(BOT) == [asked.fullname]
    assert reddit.state.requests["comment"] == 2  # the first answer and the refused one; none while paused


async def test_after_a_ratelimit_pause_the_reply_goes_through_once(reddit: RedditStandIn) -> None:
    import asyncio

    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    reddit.state.inject("comment", ratelimit="Take a break for 1 second.")
    async with bot_for(reddit) as bot:
        stop = asyncio.Event()
        task = asyncio.create_task(bot.run(stop))
        try:
            await until_replied(reddit, c, timeout=60)
            await until_unread(reddit, [])
        finally:
            stop.set()
            await asyncio.wait_for(task, 5)
    assert len(replies(reddit, c)) == 1 and reddit.state.requests["comment"] == 2


async def test_a_429_without_retry_after_pauses_replies_without_stalling_the_loop(
    reddit: RedditStandIn,
) -> None:
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    reddit.state.inject("comment", status=429)
    async with bot_for(reddit) as bot:
        stats = await bot.poll_once()
        assert bot.ledger.paused_s > 0 and stats.wait_s == 0
    assert replies(reddit, c) == [] and reddit.state.unread_of(BOT) == [c.fullname]
    assert reddit.state.requests["comment"] == 1


async def test_a_server_error_is_not_retried_by_the_transport_and_the_reply_goes_once(
    reddit: RedditStandIn,
) -> None:
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    reddit.state.inject("comment", status=500)
    async with bot_for(reddit) as bot:
        first = await bot.poll_once()
        assert first.trouble == ["server_error"] and replies(reddit, c) == []
        assert reddit.state.requests["comment"] == 1  # sent once: a 5xx may hide a posted comment
        await bot.poll_once()  # nothing of ours under it: posted now
    assert len(replies(reddit, c)) == 1 and reddit.state.unread_of(BOT) == []
    assert reddit.state.requests["comment"] == 2


async def test_a_server_error_after_reddit_posted_the_reply_gives_no_second_reply(
    reddit: RedditStandIn,
) -> None:
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    reddit.state.inject("comment", status=502, after_effect=True)  # posted, then a 502
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        [posted] = replies(reddit, c)
        await bot.poll_once()
        assert await bot.store.ledger_get(c.fullname) == posted.fullname
    assert len(replies(reddit, c)) == 1 and reddit.state.requests["comment"] == 1
    assert reddit.state.unread_of(BOT) == []


async def test_reads_keep_the_transports_retries(reddit: RedditStandIn) -> None:
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    reddit.state.inject("unread", status=503)  # retried inside the same call
    async with bot_for(reddit, call_timeout_s=10) as bot:  # the transport sleeps up to 2 s first
        stats = await bot.poll_once()
    assert stats.trouble == [] and len(replies(reddit, c)) == 1
    assert reddit.state.requests["unread"] == 2


async def until_unread(reddit: RedditStandIn, unread: list[str], timeout: float = 5.0) -> None:
    from tests.standins.reddit_api import until

    await until(lambda: reddit.state.unread_of(BOT) == unread, timeout=timeout)


async def test_inbox_timeouts_back_off_and_the_loop_recovers(reddit: RedditStandIn) -> None:
    import asyncio

    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    reddit.state.inject("unread", delay_s=1.0, times=2)
    async with bot_for(reddit, call_timeout_s=0.3) as bot:
        stop = asyncio.Event()
        task = asyncio.create_task(bot.run(stop))
        try:
            await until_replied(reddit, c, timeout=8)
        finally:
            stop.set()
            await asyncio.wait_for(task, 5)
    assert reddit.state.requests["unread"] >= 3 and len(replies(reddit, c)) == 1


async def until_replied(reddit: RedditStandIn, c: Thing, timeout: float = 5.0) -> None:
    from tests.standins.reddit_api import until

    await until(lambda: replies(reddit, c), timeout=timeout)


async def test_deleted_parent_comment_falls_back_to_the_post(reddit: RedditStandIn) -> None:
    post = thread(reddit, "Can I run Qwen3 235B on 2x3090 and 64GB RAM?")
    parent = reddit.state.add_comment(post, "dave", "I wonder about gemma 3 27b on a 4090")
    c = reddit.state.add_comment(parent, "bob", f"u/{BOT}")
    reddit.state.delete(parent.fullname)
    async with bot_for(reddit) as bot:
        await bot.poll_once()
    text = only_reply(reddit, c)
    assert "Qwen3 235B" in text and "Gemma" not in text


async def test_deleted_summons_is_recorded_and_not_retried(reddit: RedditStandIn) -> None:
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    async with bot_for(reddit) as bot:
        items = (await bot.api.unread()).value or []
        reddit.state.delete(c.fullname)  # deleted between the inbox read and the reply
        for item in items:
            await bot._inbox(item)
        await bot.ledger.flush_reads()
        await bot.poll_once()
    assert replies(reddit, c) == [] and reddit.state.unread_of(BOT) == []
    assert reddit.state.requests["comment"] == 1


async def test_locked_thread_is_recorded_and_not_retried(reddit: RedditStandIn) -> None:
    post = thread(reddit)
    c = reddit.state.add_comment(post, "bob", f"u/{BOT} {QUESTION}")
    reddit.state.lock(post)
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        await bot.poll_once()
    assert replies(reddit, c) == [] and reddit.state.unread_of(BOT) == []
    assert reddit.state.requests["comment"] == 1


async def test_banned_subreddit_is_recorded_and_skipped(reddit: RedditStandIn) -> None:
    reddit.state.ban("Strict", BOT)
    first = reddit.state.add_comment(thread(reddit, sub="Strict"), "bob", f"u/{BOT} {QUESTION}")
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        assert reddit.state.requests["comment"] == 1 and replies(reddit, first) == []
        second = reddit.state.add_comment(thread(reddit, sub="Strict"), "carol", f"u/{BOT} {QUESTION}")
        await bot.poll_once()
        assert await bot.store.kv_get("reddit:forbidden:sub:strict") == "Forbidden"
    assert reddit.state.requests["comment"] == 1 and replies(reddit, second) == []
    assert reddit.state.unread_of(BOT) == []


async def test_ban_notice_by_message_is_recorded(reddit: RedditStandIn) -> None:
    reddit.state.send_message(
        BOT, "You've been banned from participating in r/Strict", "Rule 4.", subreddit="Strict"
    )
    async with bot_for(reddit) as bot:
        await bot.poll_once()
        c = reddit.state.add_comment(thread(reddit, sub="Strict"), "bob", f"u/{BOT} {QUESTION}")
        await bot.poll_once()
    assert replies(reddit, c) == [] and reddit.state.requests["comment"] == 0


async def test_keyword_in_a_watched_subreddit_is_answered_once(reddit: RedditStandIn) -> None:
    post = thread(reddit)
    reddit.state.add_comment(post, "eve", "no keyword here, qwen3 30b on a 3090")
    c = reddit.state.add_comment(post, "bob", f"!canirun {QUESTION}")
    store = MemoryStore()
    async with bot_for(reddit, store, subreddits=["LocalLLaMA"]) as bot:
        await bot.poll_once()
        await bot.poll_once()
    async with bot_for(reddit, store, subreddits=["LocalLLaMA"]) as restarted:  # a new stream sees it again
        await restarted.poll_once()
    assert "Qwen3 30B" in only_reply(reddit, c) and len(reddit.state.by_author(BOT)) == 1


async def test_keyword_stream_survives_a_timeout_and_answers_after(reddit: RedditStandIn) -> None:
    c = reddit.state.add_comment(thread(reddit), "bob", f"!canirun {QUESTION}")
    reddit.state.inject("sub_comments", delay_s=1.0)
    async with bot_for(reddit, call_timeout_s=0.3, subreddits=["LocalLLaMA"]) as bot:
        first = await bot.poll_once()
        assert first.trouble == ["timeout"] and replies(reddit, c) == []
        await bot.poll_once()
    assert len(replies(reddit, c)) == 1 and "LocalLLaMA" in bot.streams


async def test_private_subreddit_stream_is_dropped_and_the_inbox_still_polled(reddit: RedditStandIn) -> None:
    reddit.state.private.add("secret")
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    async with bot_for(reddit, subreddits=["secret"]) as bot:
        await bot.poll_once()
        assert bot.streams == {} and await bot.store.kv_get("reddit:forbidden:sub:secret")
    assert len(replies(reddit, c)) == 1


async def test_at_most_n_replies_per_thread(reddit: RedditStandIn) -> None:
    post = thread(reddit)
    comments = [reddit.state.add_comment(post, f"user{i}", f"u/{BOT} {QUESTION}") for i in range(4)]
    async with bot_for(reddit, max_replies_per_thread=2) as bot:
        await bot.poll_once()
    assert [len(replies(reddit, c)) for c in comments] == [1, 1, 0, 0]
    assert reddit.state.unread_of(BOT) == []


async def test_mention_and_keyword_in_one_comment_get_one_reply(reddit: RedditStandIn) -> None:
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} !canirun {QUESTION}")
    async with bot_for(reddit, subreddits=["LocalLLaMA"]) as bot:
        await bot.poll_once()
        await bot.poll_once()
    assert len(replies(reddit, c)) == 1


async def test_summonses_from_before_the_start_are_all_answered(reddit: RedditStandIn) -> None:
    post = thread(reddit)
    waiting = [reddit.state.add_comment(post, f"user{i}", f"u/{BOT} {QUESTION}") for i in range(3)]
    async with bot_for(reddit) as bot:
        await bot.poll_once()
    assert all(len(replies(reddit, c)) == 1 for c in waiting)


async def test_injection_in_a_comment_is_neutralised_in_the_reply(reddit: RedditStandIn) -> None:
    evil = "u/{} can I run [x](javascript:alert(1)) on a [3090](https://evil.example) u/spez @everyone r/all"
    c = reddit.state.add_comment(thread(reddit), "bob", evil.format(BOT))
    async with bot_for(reddit) as bot:
        await bot.poll_once()
    text = only_reply(reddit, c)
    notified = [reddit.state.things[f].author for f in reddit.state.mentions_of("spez")]
    assert notified == ["bob"]  # bob's comment pinged u/spez; the bot's reply did not
    assert "javascript" not in text and "evil.example" not in text
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\((?!https://example\.org)", text)


async def test_100kb_of_junk_gets_a_friendly_reply_not_a_crash(reddit: RedditStandIn) -> None:
    junk = f"u/{BOT} " + ("ÿ[](x) u/spez \u202e " * 7000)[:100_000]
    c = reddit.state.add_comment(thread(reddit), "bob", junk)
    async with bot_for(reddit) as bot:
        stats = await bot.poll_once()
    text = only_reply(reddit, c)
    # the part around the mention is read (no model in it): a question back, never the whole 100 kB
    assert stats.trouble == [] and "Which model?" in text and len(text) < 1500


async def test_embedded_store_remembers_replies_across_a_restart(
    reddit: RedditStandIn, tmp_path: Path
) -> None:
    c = reddit.state.add_comment(thread(reddit), "bob", f"u/{BOT} {QUESTION}")
    async with bot_for(reddit, EmbeddedStore(tmp_path / "canirun.sqlite3")) as bot:
        await bot.poll_once()
    reddit.state.unread.setdefault(BOT, set()).add(c.fullname)  # as if the read mark was lost
    async with bot_for(reddit, EmbeddedStore(tmp_path / "canirun.sqlite3")) as bot:
        await bot.poll_once()
    assert len(replies(reddit, c)) == 1 and reddit.state.unread_of(BOT) == []
