"""Every Async PRAW call behind one wrapper that returns an `Outcome` instead of raising.

Raw PRAW objects never leave this module: they become `Item`s (small frozen dataclasses) at the
boundary. Async PRAW's own RATELIMIT sleeping is switched off (`ratelimit_seconds=0`) so the bot
sees every RATELIMIT with the wait Reddit gives and decides itself. The transport's retries (a
couple of quick retries on 5xx) stay for reads and mark-read, but a comment is sent once
(`_send_once`): a 5xx may come after Reddit posted it. Each call is bounded by `call_timeout_s`,
because Async PRAW's own timeout is a process-wide constant.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import math
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import asyncpraw
import asyncprawcore
from asyncpraw.exceptions import AsyncPRAWException, ClientException, RedditAPIException

from ._send_once import install, send_once

__all__ = [
    "CommentStream",
    "Item",
    "Outcome",
    "RedditApi",
    "Result",
    "classify",
    "raise_if_cancelled",
    "ratelimit_wait",
    "subreddit_wide",
]

log = logging.getLogger("canirun.reddit.api")

T = TypeVar("T")
API_COMMENT = "api/comment/"
API_READ = "api/read_message/"
READ_CHUNK = 25  # ids per read_message call, as Async PRAW's own mark_read sends them
DEFAULT_RATELIMIT_WAIT_S = 60.0  # when Reddit says RATELIMIT (or 429) without saying how long
CLOCK_SKEW_S = 600.0  # Reddit's clock against ours, when paging back to a moment


def raise_if_cancelled(err: BaseException) -> None:
    """Re-raise a cancellation a library swallowed: if this task was asked to stop, an error seen
    now (a timeout, a connection error) is the stop arriving, not a reason to carry on."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError from err


class Result(enum.Enum):
    OK = "ok"
    FORBIDDEN = "forbidden"  # 403, banned from the subreddit, not allowed there
    RATELIMITED = "ratelimited"  # wait `retry_after_s`, then try again
    DELETED = "deleted"  # the thing replied to is gone
    NOT_FOUND = "not_found"
    LOCKED = "locked"  # thread locked or archived
    SERVER_ERROR = "server_error"  # 5xx, connection errors: back off and retry
    TIMEOUT = "timeout"  # no answer in time: it may or may not have happened
    ERROR = "error"  # anything else (bad request, unknown API error, a bug)

    @property
    def transient(self) -> bool:
        return self in (Result.SERVER_ERROR, Result.TIMEOUT, Result.RATELIMITED)


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    result: Result
    value: T | None = None
    retry_after_s: float = 0.0
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.result is Result.OK


@dataclass(frozen=True, slots=True)
class Item:
    """A comment, submission or private message, as the bot needs it."""

    fullname: str  # t1_…, t3_…, t4_…
    kind: str  # "comment", "submission", "message"
    author: str | None  # None: deleted, or sent by a subreddit
    body: str  # comment/message text, or a submission's selftext
    subreddit: str | None = None
    submission: str | None = None  # the thread's fullname (t3_…)
    parent: str | None = None  # the parent's fullname
    title: str = ""  # submissions
    subject: str = ""  # messages and inbox items
    inbox_type: str = ""  # username_mention, comment_reply, post_reply; "" for messages
    distinguished: str | None = None
    locked: bool = False
    created: float = 0.0  # Reddit's created_utc

    @property
    def deleted(self) -> bool:
        return self.author is None and self.body in ("[deleted]", "[removed]")


_WAIT = re.compile(r"(\d+(?:\.\d+)?)\s*(milliseconds?|ms|seconds?|secs?|minutes?|mins?|hours?)\b", re.I)
_UNITS = {"ms": 0.001, "se": 1.0, "mn": 60.0, "ho": 3600.0}


def ratelimit_wait(message: str) -> float:
    """Seconds to wait from Reddit's RATELIMIT text ("try again in 9 minutes", "in 500 milliseconds")."""
    total = 0.0
    for amount, unit in _WAIT.findall(message or ""):
        u = unit.lower()
        key = "ms" if u == "ms" or u.startswith("milli") else "mn" if u.startswith("min") else u[:2]
        total += float(amount) * _UNITS.get(key, 1.0)
    return total if total > 0 else DEFAULT_RATELIMIT_WAIT_S


_API_ERRORS = {
    "RATELIMIT": Result.RATELIMITED,
    "THREAD_LOCKED": Result.LOCKED,
    "TOO_OLD": Result.LOCKED,
    "DELETED_COMMENT": Result.DELETED,
    "DELETED_LINK": Result.DELETED,
    "DELETED_THING": Result.DELETED,
    "NO_THING_ID": Result.NOT_FOUND,
    "SUBREDDIT_NOTALLOWED": Result.FORBIDDEN,
    "SUBREDDIT_NOEXIST": Result.NOT_FOUND,
    "USER_BLOCKED": Result.FORBIDDEN,  # the author blocked us: this item only (see subreddit_wide)
    "USER_BLOCKED_MESSAGE": Result.FORBIDDEN,
    "NOT_WHITELISTED_BY_USER_MESSAGE": Result.FORBIDDEN,
    "BANNED_FROM_SUBREDDIT": Result.FORBIDDEN,
    "INVALID_USER": Result.NOT_FOUND,
}


def subreddit_wide(result: Result | None, detail: str) -> bool:
    """A FORBIDDEN that bars the whole subreddit (a ban, a 403), not just one user's blocking."""
    return result is Result.FORBIDDEN and not detail.startswith(("USER_", "NOT_WHITELISTED"))


def classify(err: BaseException) -> Outcome[Any]:
    """An exception from Async PRAW (or the transport) as an Outcome."""
    if isinstance(err, RedditAPIException):
        for item in err.items:
            result = _API_ERRORS.get(item.error_type)
            if result is Result.RATELIMITED:
                message = item.message or ""
                return Outcome(result, retry_after_s=ratelimit_wait(message), detail=message)
            if result is not None:
                return Outcome(result, detail=f"{item.error_type}: {item.message}")
        return Outcome(Result.ERROR, detail="; ".join(i.error_message for i in err.items)[:300])
    if isinstance(err, asyncprawcore.exceptions.TooManyRequests):
        return Outcome(Result.RATELIMITED, retry_after_s=too_many_wait(err.response.headers), detail="429")
    if isinstance(err, asyncprawcore.exceptions.OAuthException):
        return Outcome(Result.FORBIDDEN, detail=f"login refused: {err.error}")
    if isinstance(
        err,
        asyncprawcore.exceptions.Forbidden
        | asyncprawcore.exceptions.InvalidToken
        | asyncprawcore.exceptions.UnavailableForLegalReasons,
    ):
        return Outcome(Result.FORBIDDEN, detail=type(err).__name__)
    if isinstance(err, asyncprawcore.exceptions.NotFound | asyncprawcore.exceptions.Redirect):
        # a Redirect is how Reddit answers for a subreddit that does not exist
        return Outcome(Result.NOT_FOUND, detail=type(err).__name__)
    if isinstance(err, asyncprawcore.exceptions.ServerError):
        return Outcome(Result.SERVER_ERROR, detail=f"HTTP {err.response.status}")
    if isinstance(err, asyncprawcore.exceptions.RequestException):
        inner = err.original_exception
        result = Result.TIMEOUT if isinstance(inner, TimeoutError) else Result.SERVER_ERROR
        return Outcome(result, detail=f"{type(inner).__name__}: {inner}"[:200])
    if isinstance(err, TimeoutError):
        return Outcome(Result.TIMEOUT, detail="no answer in time")
    if isinstance(err, asyncprawcore.exceptions.ResponseException):
        status = err.response.status
        result = Result.SERVER_ERROR if status >= 500 else Result.ERROR
        return Outcome(result, detail=f"HTTP {status}")
    if isinstance(err, ClientException):
        return Outcome(Result.NOT_FOUND, detail=str(err)[:200])
    if isinstance(err, OSError):
        return Outcome(Result.SERVER_ERROR, detail=f"{type(err).__name__}: {err}"[:200])
    return Outcome(Result.ERROR, detail=f"{type(err).__name__}: {err}"[:200])


def too_many_wait(headers: Any) -> float:
    """Seconds to wait after a 429: Retry-After when given; else until the window resets when the
    window is spent (x-ratelimit-remaining 0); else a minute."""
    retry_after = _seconds(headers.get("retry-after"))
    if retry_after is not None:
        return retry_after
    remaining = _seconds(headers.get("x-ratelimit-remaining"), floor=0.0)
    reset = _seconds(headers.get("x-ratelimit-reset"))
    if remaining is not None and remaining < 1 and reset is not None:
        return reset
    return DEFAULT_RATELIMIT_WAIT_S


def _seconds(value: Any, floor: float = 1.0) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return max(v, floor) if math.isfinite(v) else None


def _name(obj: Any) -> str | None:
    if obj is None:
        return None
    name = getattr(obj, "__dict__", {}).get("name") or getattr(obj, "__dict__", {}).get("display_name")
    return str(name) if name else str(obj)


def to_item(obj: Any) -> Item:
    """An Async PRAW Comment / Submission / Message as an Item (reads only loaded attributes)."""
    d: dict[str, Any] = dict(getattr(obj, "__dict__", {}))
    kind = {
        "Comment": "comment",
        "Submission": "submission",
        "Message": "message",
        "SubredditMessage": "message",
    }.get(type(obj).__name__, "other")
    prefix = {"comment": "t1", "submission": "t3", "message": "t4"}.get(kind, "t0")
    fullname = str(d.get("name") or f"{prefix}_{d.get('id', '')}")
    submission = d.get("link_id")
    context = d.get("context") or ""
    if kind == "comment" and not submission and context.count("/") >= 5:
        submission = "t3_" + context.rsplit("/", 4)[1]  # inbox items carry the thread only here
    if kind == "submission":
        submission = fullname
    body = d.get("selftext", "") if kind == "submission" else d.get("body", "")
    return Item(
        fullname=fullname,
        kind=kind,
        author=_name(d.get("author")),
        body=str(body or ""),
        subreddit=_name(d.get("subreddit")),
        submission=submission,
        parent=d.get("parent_id"),
        title=str(d.get("title") or ""),
        subject=str(d.get("subject") or ""),
        inbox_type=str(d.get("type") or ""),
        distinguished=d.get("distinguished"),
        locked=bool(d.get("locked")),
        created=_seconds(d.get("created_utc"), floor=0.0) or 0.0,
    )


class RedditApi:
    """The bot's view of Reddit: a handful of calls, each returning an Outcome."""

    def __init__(self, reddit: asyncpraw.Reddit, *, call_timeout_s: float = 30.0) -> None:
        self.reddit = reddit
        self.call_timeout_s = call_timeout_s

    @classmethod
    def connect(
        cls,
        *,
        client_id: str,
        client_secret: str,
        username: str,
        password: str,
        user_agent: str,
        oauth_url: str | None = None,
        reddit_url: str | None = None,
        call_timeout_s: float = 30.0,
    ) -> RedditApi:
        """A script-app client. Must be called inside the event loop that will use it."""
        urls: dict[str, Any] = {k: v for k, v in (("oauth_url", oauth_url), ("reddit_url", reddit_url)) if v}
        reddit = asyncpraw.Reddit(
            client_id=client_id,
            client_secret=client_secret,
            username=username,
            password=password,
            user_agent=user_agent,
            check_for_updates=False,  # never reach PyPI from a bot
            ratelimit_seconds=0,  # hand every RATELIMIT to us (see module docstring)
            **urls,
        )
        install(reddit)  # comments are sent once (see _send_once)
        return cls(reddit, call_timeout_s=call_timeout_s)

    async def close(self) -> None:
        try:
            await self.reddit.close()
        except Exception as err:  # closing must never fail a shutdown
            log.debug("closing the Reddit client: %s", err)

    async def call(self, op: str, fn: Callable[[], Awaitable[T]]) -> Outcome[T]:
        """Run one Async PRAW call; every failure becomes an Outcome (cancellation still propagates)."""
        try:
            async with asyncio.timeout(self.call_timeout_s):
                return Outcome(Result.OK, await fn())
        except (
            AsyncPRAWException,
            asyncprawcore.exceptions.AsyncPrawcoreException,
            TimeoutError,
            OSError,
        ) as err:
            raise_if_cancelled(err)
            out: Outcome[T] = classify(err)
        except Exception as err:  # a bug or a shape we did not expect: report, never crash the loop
            raise_if_cancelled(err)
            log.exception("reddit %s failed unexpectedly", op)
            out = Outcome(Result.ERROR, detail=f"{type(err).__name__}: {err}"[:200])
        log.info("reddit %s: %s %s", op, out.result.value, out.detail)
        return out

    async def me(self) -> Outcome[str]:
        async def run() -> str:
            user = await self.reddit.user.me()
            if user is None:
                raise ClientException("no user behind these credentials")
            return str(user.name)

        return await self.call("me", run)

    async def unread(self, limit: int | None = None) -> Outcome[list[Item]]:
        """Unread inbox items, oldest first (no `mark_read`: the ledger marks them after replying)."""

        async def run() -> list[Item]:
            items = [to_item(x) async for x in self.reddit.inbox.unread(limit=limit)]
            return items[::-1]

        return await self.call("unread", run)

    async def info(self, fullnames: list[str]) -> Outcome[list[Item]]:
        async def run() -> list[Item]:
            return [to_item(x) async for x in self.reddit.info(fullnames=fullnames)]

        return await self.call("info", run)

    async def reply(self, fullname: str, body: str) -> Outcome[str]:
        """Post `body` as a reply to `fullname`, sent once (never repeated by the transport); the
        value is the new comment's (or message's) fullname. Any failure but a refusal may mean the
        reply was posted: the ledger looks for it before trying again."""

        async def run() -> str:
            with send_once():
                things = await self.reddit.post(API_COMMENT, data={"thing_id": fullname, "text": body})
            if not things:
                raise ClientException("Reddit accepted the reply but did not return it")
            return to_item(things[0]).fullname

        out = await self.call("reply", run)
        if out.result is Result.FORBIDDEN and out.detail == "InvalidToken":
            # a 401: the token lapsed and nothing was posted; the transport fetches a new one next time
            return Outcome(Result.SERVER_ERROR, detail="401: access token refused")
        return out

    async def mark_read(self, fullnames: list[str]) -> Outcome[None]:
        async def run() -> None:
            for i in range(0, len(fullnames), READ_CHUNK):
                await self.reddit.post(API_READ, data={"id": ",".join(fullnames[i : i + READ_CHUNK])})

        return await self.call("mark_read", run)

    async def find_reply(self, username: str, parent: Item, since: float) -> Outcome[str | None]:
        """Our reply to `parent` posted at or after `since` (Unix time), if any: the account's
        comments (or, for a private message, its sent messages) newest first, paged back until one
        older than `since` (less the clock skew). How the ledger finds a reply that reached Reddit
        but was never recorded, however many the account posted since."""
        limit_s = since - CLOCK_SKEW_S

        async def run() -> str | None:
            if parent.kind == "message":
                listing = self.reddit.inbox.sent(limit=None)
            else:
                redditor = await self.reddit.redditor(username)
                listing = redditor.comments.new(limit=None)
            async for thing in listing:
                item = to_item(thing)
                if item.parent == parent.fullname:
                    return item.fullname
                if item.created and item.created < limit_s:
                    break
            return None

        return await self.call("find_reply", run)

    async def is_moderator(self, subreddit: str, username: str) -> Outcome[bool]:
        async def run() -> bool:
            sub = await self.reddit.subreddit(subreddit)
            return bool(await sub.moderator(redditor=username))

        return await self.call("is_moderator", run)

    def comment_stream(self, subreddit: str) -> CommentStream:
        return CommentStream(self, subreddit)


class CommentStream:
    """A subreddit's new comments, fetched in batches (one listing call per `batch()`).

    Built on Async PRAW's stream with `pause_after=-1` (a None after every fetch) and an exception
    handler: transient errors keep the stream alive (Async PRAW backs off and retries inside it);
    fatal ones (403/404) end it and `batch()` reports them. A stream that ended is rebuilt on the
    next call; the rebuilt one yields recent comments again, which the ledger recognises.
    """

    MAX_TRANSIENT = 3  # errors in a row kept inside the stream before batch() reports one

    def __init__(self, api: RedditApi, subreddit: str) -> None:
        self.api = api
        self.subreddit = subreddit
        self._gen: Any = None
        self._errors = 0

    def _on_error(self, err: Exception) -> None:
        out = classify(err)
        self._errors += 1
        if not out.result.transient or self._errors >= self.MAX_TRANSIENT:
            raise err
        log.warning("r/%s stream: %s (%s), retrying", self.subreddit, out.result.value, out.detail)

    async def batch(self) -> Outcome[list[Item]]:
        async def run() -> list[Item]:
            if self._gen is None:
                sub = await self.api.reddit.subreddit(self.subreddit)
                self._gen = sub.stream.comments(pause_after=-1, exception_handler=self._on_error)
            items = []
            async for c in self._gen:
                if c is None:
                    break
                items.append(to_item(c))
            self._errors = 0
            return items

        out = await self.api.call(f"r/{self.subreddit} comments", run)
        if not out.ok:
            await self.aclose()
        return out

    async def aclose(self) -> None:
        gen, self._gen = self._gen, None
        if gen is not None:
            try:
                await gen.aclose()
            except Exception as err:  # a broken generator is dropped either way
                log.debug("closing the r/%s stream: %s", self.subreddit, err)
