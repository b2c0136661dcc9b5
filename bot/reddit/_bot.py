"""The poll loop: inbox mentions, replies to our comments, PMs, and the keyword in chosen subreddits.

Etiquette: a user who says !optout (in a reply or a PM) is never answered again (!optin undoes
it); a subreddit's moderator can opt the subreddit out by PM; a subreddit that bans or forbids
the bot is recorded and skipped; at most `max_replies_per_thread` answers per thread; replies to
our answers that ask nothing ("thanks!") get none. A RATELIMIT pauses replies for the time Reddit
gives (the ledger keeps the pause) while the loop goes on polling and handling everything that
needs no reply; 5xx and timeouts back off exponentially, and the loop survives every error. A
keyword comment from a stream that could not be answered yet is kept and tried again each poll
(inbox items stay unread until handled, so they come back by themselves).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from ..config import RedditSettings
from ..render.reddit import escape_md, render_notice
from ..service import AnswerService
from ._api import Item, Outcome, RedditApi, Result, raise_if_cancelled, subreddit_wide
from ._compose import Composer, ContextLoader
from ._ledger import Done, Handled, Ledger, Reply, Skip, TryLater
from .parsing import ban_notice, clean, has_keyword, mentions, parse_command

__all__ = ["PollStats", "RedditBot"]

log = logging.getLogger("canirun.reddit.bot")

OPTOUT_USER = "reddit:optout:user:"
OPTOUT_SUB = "reddit:optout:sub:"
FORBIDDEN_SUB = "reddit:forbidden:sub:"
THREAD = "reddit:thread:"
THREAD_KEEP_S = 180 * 24 * 3600  # Reddit archives a thread after six months: no replies after that
PENDING_MAX = 1000  # stream comments kept for another try; the oldest go first beyond this

Decide = Callable[[], Awaitable[Reply | Skip]]


@dataclass
class PollStats:
    """What one poll did; `trouble` and `wait_s` drive the back-off."""

    handled: dict[str, int] = field(default_factory=dict)
    trouble: list[str] = field(default_factory=list)
    wait_s: float = 0.0

    def count(self, h: Handled) -> None:
        self.handled[h.done.value] = self.handled.get(h.done.value, 0) + 1
        # a rate-limited reply pauses replies only (the ledger's pause), never the loop
        r = h.result
        if h.done is Done.RETRY and r is not None and r.transient and r is not Result.RATELIMITED:
            self.trouble.append(r.value)

    def note(self, out: Outcome[Any]) -> None:
        """A read's outcome: trouble backs the loop off; a rate-limited read waits as Reddit asks."""
        if out.result.transient:
            self.trouble.append(out.result.value)
        if out.result is Result.RATELIMITED:
            self.wait_s = max(self.wait_s, out.retry_after_s)


class RedditBot:
    def __init__(
        self,
        api: RedditApi,
        service: AnswerService,
        settings: RedditSettings,
        *,
        username: str,
        owner: str | None = None,
        claim_ttl_s: int | None = None,
        metrics: Any = None,
        backoff_max_s: float = 300.0,
        settle_s: float | None = None,
    ) -> None:
        self.api = api
        self.service = service
        self.store = service.store
        self.settings = settings
        self.username = username
        self.me = username.lower()
        self.metrics = metrics
        self.poll_s = settings.poll_interval_s
        self.backoff_max_s = backoff_max_s
        self.owner = owner or uuid.uuid4().hex
        ttl = claim_ttl_s if claim_ttl_s is not None else max(60, int(2 * settings.leader_lock_ttl_s))
        settle = {} if settle_s is None else {"settle_s": settle_s}
        self.ledger = Ledger(
            service.store, api, owner=self.owner, username=username, claim_ttl_s=ttl, **settle
        )
        self.composer = Composer(service, username, settings.keyword, settings.project_url)
        self.streams = {s: api.comment_stream(s) for s in settings.subreddits}
        self.pending: dict[str, Item] = {}  # stream comments to try again (see module docstring)

    # --- the loop ----------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop`; back off on trouble; never raise (but be cancellable)."""
        failures = 0
        while not stop.is_set():
            try:
                stats = await self.poll_once(stop)
            except Exception as err:  # the loop survives anything a poll can throw
                raise_if_cancelled(err)
                log.exception("poll failed")
                stats = PollStats(trouble=["error"])
            _stop_if_cancelled()  # a library may have swallowed the CancelledError mid-poll
            failures = failures + 1 if stats.trouble else 0
            delay = min(self.poll_s * 2**failures, self.backoff_max_s) if failures else self.poll_s
            with contextlib.suppress(TimeoutError):  # a read's rate limit: never past the longest back-off
                await asyncio.wait_for(stop.wait(), max(delay, min(stats.wait_s, self.backoff_max_s)))
        await self.ledger.flush_reads()
        for stream in self.streams.values():
            await stream.aclose()

    async def poll_once(self, stop: asyncio.Event | None = None) -> PollStats:
        stats = PollStats()
        unread = await self.api.unread()
        if unread.ok:
            for item in unread.value or []:
                if stop is not None and stop.is_set():
                    break
                _stop_if_cancelled()
                stats.count(await self._inbox(item))
        else:
            stats.note(unread)
        for item in list(self.pending.values()):
            if stop is not None and stop.is_set():
                break
            stats.count(await self._stream_comment(item))
        for sub, stream in list(self.streams.items()):
            if stop is not None and stop.is_set():
                break
            if await self._sub_off(sub):
                continue
            batch = await stream.batch()
            if batch.result in (Result.FORBIDDEN, Result.NOT_FOUND):
                await self._forbid(sub, batch.detail)
                del self.streams[sub]
                continue
            stats.note(batch)
            for c in batch.value or []:
                if (c.author or "").lower() != self.me and has_keyword(c.body, self.settings.keyword):
                    stats.count(await self._stream_comment(c))
        flushed = await self.ledger.flush_reads()
        stats.note(flushed)
        return stats

    # --- one item ----------------------------------------------------------------------------

    async def _stream_comment(self, item: Item) -> Handled:
        """A keyword comment from a stream: kept in `pending` until it is settled one way or another."""
        handled = await self._summons(item, inbox=False, chatter_ok=True)
        if handled.done in (Done.RETRY, Done.BUSY):
            self.pending[item.fullname] = item
            while len(self.pending) > PENDING_MAX:
                dropped = next(iter(self.pending))
                log.warning("too many stream comments waiting: %s is not tried again", dropped)
                del self.pending[dropped]
        else:
            self.pending.pop(item.fullname, None)
        return handled

    async def _inbox(self, item: Item) -> Handled:
        if item.author is None or (item.kind == "message" and item.subreddit):
            return await self._notice(item)
        if item.author.lower() == self.me:
            return await self._handle(item, Skip("own"), inbox=True)
        command = parse_command(clean(item.body, self.username, self.settings.keyword), item.subject)
        if command is not None:
            return await self._command(item, command.action, command.subreddit)
        if item.kind == "message":
            return await self._summons(item, inbox=True, chatter_ok=True)
        if mentions(item.body, self.username):
            return await self._summons(item, inbox=True, chatter_ok=True)
        if item.inbox_type == "username_mention" and mentions(item.body, self.username, anywhere=True):
            return await self._handle(item, Skip("quoted-mention"), inbox=True)  # a quote or code names us
        if item.inbox_type == "username_mention":
            return await self._summons(item, inbox=True, chatter_ok=True)
        if item.inbox_type == "comment_reply":
            keyword = has_keyword(item.body, self.settings.keyword)
            return await self._summons(item, inbox=True, chatter_ok=keyword)
        return await self._handle(item, Skip("not-a-summons"), inbox=True)

    async def _handle(self, item: Item, decide: Decide | Skip, *, inbox: bool) -> Handled:
        handled = await self.ledger.handle(item, decide, inbox=inbox)
        if self.metrics is not None:
            self.metrics.reply("reddit", handled.done.value)
        return handled

    async def _notice(self, item: Item) -> Handled:
        """Messages from a subreddit or Reddit itself: learn bans and unbans, answer nothing."""
        notice = ban_notice(item.subject, item.body)
        if notice is not None and item.kind == "message":
            sub, banned = notice
            if banned:
                await self._forbid(sub, "ban notice")
            else:
                await self.store.kv_delete(FORBIDDEN_SUB + sub.lower())
                log.info("unbanned from r/%s", sub)
        return await self._handle(item, Skip("notice"), inbox=True)

    async def _summons(self, item: Item, *, inbox: bool, chatter_ok: bool) -> Handled:
        async def decide() -> Reply | Skip:
            if item.author is None or item.deleted:
                return Skip("deleted")
            if await self.store.kv_get(OPTOUT_USER + item.author.lower()) == "1":
                return Skip("user-opted-out")
            if item.subreddit and await self._sub_off(item.subreddit):
                return Skip("subreddit-off")
            if item.submission and item.kind == "comment":
                n = int(await self.store.kv_get(THREAD + item.submission) or 0)
                if n >= self.settings.max_replies_per_thread:
                    return Skip("thread-limit")
            loader = self._context_loader(item) if item.kind == "comment" else None
            return await self.composer.compose(
                item.body, who=("reddit", item.author.lower()), load_context=loader, chatter_ok=chatter_ok
            )

        handled = await self._handle(item, decide, inbox=inbox)
        if handled.done is Done.REPLIED and item.kind == "comment" and item.submission:
            await self.store.kv_incr(THREAD + item.submission, ttl_s=THREAD_KEEP_S)
        if handled.done is Done.DROPPED and item.subreddit and subreddit_wide(handled.result, handled.detail):
            await self._forbid(item.subreddit, handled.detail)
        return handled

    def _context_loader(self, item: Item) -> ContextLoader:
        async def load() -> list[tuple[str, str]]:
            wanted = [n for n in (item.parent, item.submission) if n]
            found = await self.api.info(list(dict.fromkeys(wanted)))
            if not found.ok:
                return []  # answer from the comment alone (or ask for what it lacks)
            things = {t.fullname: t for t in found.value or []}
            out: list[tuple[str, str]] = []
            parent = things.get(item.parent or "")
            if parent is not None and parent.kind == "comment":
                if (parent.author or "").lower() == self.me and parent.parent:
                    # a reply to our answer: the question is in the comment we answered
                    up = await self.api.info([parent.parent])
                    parent = next(iter(up.value or []), None) if up.ok else None
                if parent is not None and parent.kind == "comment" and not parent.deleted:
                    out.append(("parent comment", clean(parent.body, self.username, self.settings.keyword)))
            post = things.get(item.submission or "")
            if post is not None and not post.deleted:
                text = f"{post.title}\n\n{post.body}".strip()
                out.append(("post", clean(text, self.username, self.settings.keyword)))
            return out

        return load

    async def _command(self, item: Item, action: str, subreddit: str | None) -> Handled:
        assert item.author is not None
        author = item.author

        async def decide() -> Reply | Skip:
            if subreddit is None:
                await self._flag(OPTOUT_USER + author.lower(), action == "optout")
                text = (
                    "Done: I won't reply to you again. Send !optin to undo."
                    if action == "optout"
                    else "Welcome back: I'll answer when you mention me."
                )
                return Reply(self._notice_text(text))
            name = escape_md("r/" + subreddit, 40)
            is_mod = await self.api.is_moderator(subreddit, author)
            if not is_mod.ok:
                raise TryLater(f"moderator check: {is_mod.result.value}")
            if not is_mod.value:
                return Reply(self._notice_text(f"Only moderators of {name} can opt it out or back in."))
            await self._flag(OPTOUT_SUB + subreddit.lower(), action == "optout")
            text = (
                f"Done: I won't post in {name} any more."
                if action == "optout"
                else f"Done: I'll answer in {name} again."
            )
            return Reply(self._notice_text(text))

        return await self._handle(item, decide, inbox=True)

    async def _flag(self, key: str, on: bool) -> None:
        """An opt-out is kept for good; opting back in removes it (nothing left to grow)."""
        if on:
            await self.store.kv_set(key, "1")
        else:
            await self.store.kv_delete(key)

    def _notice_text(self, text: str) -> str:
        return render_notice(text, username=self.username, project_url=self.settings.project_url)

    async def _sub_off(self, sub: str) -> bool:
        key = sub.lower()
        return await self.store.kv_get(OPTOUT_SUB + key) == "1" or bool(
            await self.store.kv_get(FORBIDDEN_SUB + key)
        )

    async def _forbid(self, sub: str, why: str) -> None:
        log.warning("r/%s forbids the bot (%s): skipping it from now on", sub, why)
        await self.store.kv_set(FORBIDDEN_SUB + sub.lower(), why or "forbidden")


def _stop_if_cancelled() -> None:
    """Raise CancelledError if this task was asked to stop, even when some library (redis-py, aiohttp,
    Async PRAW) caught the CancelledError on its way up and carried on."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError
