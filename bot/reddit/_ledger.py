"""Exactly one reply per summons, across crashes, restarts and replicas.

For each item: if the store records a reply already, only mark it read. Otherwise claim it
(`ledger_claim`, with an expiry so a crashed worker's claim lapses), write an attempt marker,
post the reply, record the reply id (`ledger_record`), then mark the item read. A restart
re-reads the unread inbox: an item with a recorded reply is only marked read; an item whose
worker died mid-way is claimable again once the claim expires, and because its attempt marker
is set, the bot first looks through its own recent comments for a reply that reached Reddit
but was never recorded. Nothing is dropped: an item is marked read only after its reply (or a
decision not to reply) is recorded.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from ..stores import KeyValues, ReplyLedger, StoreUnavailable
from ._api import Item, Outcome, RedditApi, Result

__all__ = ["Done", "Handled", "Ledger", "Reply", "Skip", "TryLater"]

log = logging.getLogger("canirun.reddit.ledger")

ATTEMPT = "reddit:attempt:"
FAILURES = "reddit:failures:"
MAX_FAILURES = 3  # an item that fails this often for unknown reasons is dropped, not retried forever
RATELIMIT_MARGIN_S = 0.25


class TryLater(Exception):
    """Raised by a `decide` callback that cannot decide now (Reddit or the store briefly away)."""


class Done(enum.Enum):
    REPLIED = "replied"
    ALREADY = "already"  # replied before (recorded, or found on Reddit): only marked read
    SKIPPED = "skipped"  # decided not to reply (opt-out, limits, chatter): recorded, marked read
    DROPPED = "dropped"  # Reddit refused for good (deleted, locked, forbidden): recorded, marked read
    BUSY = "busy"  # someone else holds the claim (or a crashed worker, until it expires)
    RETRY = "retry"  # a transient failure: claim released, left unread, tried again next poll


@dataclass(frozen=True, slots=True)
class Reply:
    body: str


@dataclass(frozen=True, slots=True)
class Skip:
    reason: str


@dataclass(frozen=True, slots=True)
class Handled:
    done: Done
    reply_id: str | None = None
    result: Result | None = None  # the reply call's result, when one was made
    retry_after_s: float = 0.0
    detail: str = ""


class LedgerStore(ReplyLedger, KeyValues, Protocol):
    """What the ledger keeps: claims and replies, and when a reply was attempted."""


class Ledger:
    def __init__(
        self,
        store: LedgerStore,
        api: RedditApi,
        *,
        owner: str,
        username: str,
        claim_ttl_s: int,
        max_ratelimit_waits: int = 3,
        max_wait_s: float = 900.0,
    ) -> None:
        self.store = store
        self.api = api
        self.owner = owner
        self.username = username
        self.claim_ttl_s = max(1, int(claim_ttl_s))
        self.max_ratelimit_waits = max_ratelimit_waits
        self.max_wait_s = max_wait_s
        self.to_mark: list[str] = []

    async def handle(
        self, item: Item, decide: Callable[[], Awaitable[Reply | Skip]], *, inbox: bool
    ) -> Handled:
        """Reply to `item` at most once. `decide` is only called when this worker holds the claim."""
        key = item.fullname
        try:
            if await self.store.ledger_get(key):
                self._read(key, inbox)
                return Handled(Done.ALREADY)
            if not await self.store.ledger_claim(key, self.owner, self.claim_ttl_s):
                return Handled(Done.BUSY)
        except StoreUnavailable as err:
            log.warning("ledger unavailable (%s): %s waits", err, key)
            return Handled(Done.RETRY, detail="store unavailable")
        try:
            return await self._claimed(item, decide, inbox)
        except Exception as err:  # the loop survives: release and try again next poll
            if not isinstance(err, StoreUnavailable | TryLater):
                log.exception("handling %s failed", key)
            await self._release(key)
            return Handled(Done.RETRY, detail=f"{type(err).__name__}: {err}"[:200])

    async def _claimed(
        self, item: Item, decide: Callable[[], Awaitable[Reply | Skip]], inbox: bool
    ) -> Handled:
        key = item.fullname
        if await self.store.kv_get(ATTEMPT + key):
            found = await self.api.recent_comments(self.username)
            if not found.ok:
                await self._release(key)
                return Handled(Done.RETRY, result=found.result, detail="could not check earlier replies")
            earlier = next((c.fullname for c in found.value or [] if c.parent == key), None)
            if earlier is not None:
                log.info("%s: found reply %s posted before a restart", key, earlier)
                await self.store.ledger_record(key, earlier)
                self._read(key, inbox)
                return Handled(Done.ALREADY, reply_id=earlier)
        decision = await decide()
        if isinstance(decision, Skip):
            await self.store.ledger_record(key, "skip:" + decision.reason)
            self._read(key, inbox)
            return Handled(Done.SKIPPED, detail=decision.reason)
        await self.store.kv_set(ATTEMPT + key, self.owner)
        out = await self._post(key, decision.body)
        if out.ok and out.value:
            await self.store.ledger_record(key, out.value)
            self._read(key, inbox)
            return Handled(Done.REPLIED, reply_id=out.value, result=out.result)
        if out.result in (Result.DELETED, Result.NOT_FOUND, Result.LOCKED, Result.FORBIDDEN):
            await self.store.ledger_record(key, "skip:" + out.result.value)
            self._read(key, inbox)
            return Handled(Done.DROPPED, result=out.result, detail=out.detail)
        if out.result is Result.ERROR:
            failures = await self.store.kv_incr(FAILURES + key)
            if failures >= MAX_FAILURES:
                await self.store.ledger_record(key, "skip:error")
                self._read(key, inbox)
                return Handled(Done.DROPPED, result=out.result, detail=out.detail)
        await self._release(key)
        return Handled(Done.RETRY, result=out.result, retry_after_s=out.retry_after_s, detail=out.detail)

    async def _post(self, key: str, body: str) -> Outcome[str]:
        """Reply, waiting out RATELIMIT answers for the time Reddit gives (then trying again)."""
        out = await self.api.reply(key, body)
        for _ in range(self.max_ratelimit_waits):
            if out.result is not Result.RATELIMITED or out.retry_after_s > self.max_wait_s:
                break
            log.info("%s: RATELIMIT, waiting %.1fs as Reddit asks", key, out.retry_after_s)
            await asyncio.sleep(out.retry_after_s + RATELIMIT_MARGIN_S)
            out = await self.api.reply(key, body)
        return out

    async def _release(self, key: str) -> None:
        try:
            await self.store.ledger_release(key)
        except StoreUnavailable:
            log.warning("could not release the claim on %s; it lapses after %ds", key, self.claim_ttl_s)

    def _read(self, key: str, inbox: bool) -> None:
        if inbox and key not in self.to_mark:
            self.to_mark.append(key)

    async def flush_reads(self) -> Outcome[None]:
        """Mark the handled inbox items read. On failure they stay unread and come back as ALREADY."""
        names, self.to_mark = self.to_mark, []
        if not names:
            return Outcome(Result.OK)
        return await self.api.mark_read(names)
