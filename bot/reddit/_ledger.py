"""Exactly one reply per summons, across crashes, restarts and replicas.

For each item: if the store records a reply already, only mark it read. Otherwise claim it
(`ledger_claim`, with an expiry so a crashed worker's claim lapses), write an attempt marker
(the time of the attempt), post the reply once (the transport never repeats it), record the
reply id (`ledger_record`), then mark the item read. An item whose reply failed in a way that
may hide a posted comment (a 5xx, a timeout, a crash) is claimable again once the claim is
released or expires, and because its attempt marker is set, the bot first pages back through
its own replies to the moment of the attempt for one that reached Reddit but was never
recorded, however many it posted since. Nothing is dropped: an item is marked read only after
its reply (or a decision not to reply) is recorded.

A RATELIMIT (or a 429) means Reddit posted nothing: the claim is released at once and replies
pause for the time Reddit gives (`paused_s`), while the loop goes on with everything that needs
no reply (skips, mark-read, the streams). Records, attempt markers and failure counts expire
after `KEEP_S`, long after Reddit stops showing the item to the bot.
"""

from __future__ import annotations

import enum
import logging
import time
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
KEEP_S = 30 * 24 * 3600  # how long records, attempt markers and failure counts are kept
# a reply posted a moment ago may not show in the account's listings yet: an attempt younger than
# this that left no trace is not tried again until it is this old
SETTLE_S = 30.0
DECIDED_KEPT = 1000  # replies kept for another try (see Ledger._keep)


class TryLater(Exception):
    """Raised by a `decide` callback that cannot decide now (Reddit or the store briefly away)."""


class Done(enum.Enum):
    REPLIED = "replied"
    ALREADY = "already"  # replied before (recorded, or found on Reddit): only marked read
    SKIPPED = "skipped"  # decided not to reply (opt-out, limits, chatter): recorded, marked read
    DROPPED = "dropped"  # Reddit refused for good (deleted, locked, forbidden): recorded, marked read
    BUSY = "busy"  # someone else holds the claim (or a crashed worker, until it expires)
    RETRY = "retry"  # a transient failure or a rate-limit pause: claim released, tried again later


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


Decide = Callable[[], Awaitable[Reply | Skip]]


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
        settle_s: float = SETTLE_S,
    ) -> None:
        self.store = store
        self.api = api
        self.owner = owner
        self.username = username
        self.claim_ttl_s = max(1, int(claim_ttl_s))
        self.settle_s = settle_s
        self.to_mark: list[str] = []
        self._pause_until = 0.0  # time.monotonic() before which no reply is posted (RATELIMIT)
        self._decided: dict[str, Reply] = {}  # replies decided but not posted yet, by item

    @property
    def paused_s(self) -> float:
        """Seconds until replies may be posted again (0: not paused)."""
        return max(0.0, self._pause_until - time.monotonic())

    def pause(self, seconds: float) -> None:
        self._pause_until = max(self._pause_until, time.monotonic() + seconds + RATELIMIT_MARGIN_S)

    async def handle(self, item: Item, decide: Decide | Skip, *, inbox: bool) -> Handled:
        """Reply to `item` at most once. `decide` is only called when this worker holds the claim,
        and not while replies are paused (deciding asks the service, which counts the asker's
        questions): the item waits for the pause to end. A fixed Skip is recorded at once."""
        key = item.fullname
        try:
            if await self.store.ledger_get(key):
                self._read(key, inbox)
                return Handled(Done.ALREADY)
            if not isinstance(decide, Skip) and self.paused_s > 0:
                return _paused(self.paused_s)
            if not await self.store.ledger_claim(key, self.owner, self.claim_ttl_s):
                return Handled(Done.BUSY)
        except StoreUnavailable as err:
            log.warning("ledger unavailable (%s): %s waits", err, key)
            return Handled(Done.RETRY, detail="store unavailable")
        try:
            return await self._claimed(item, decide, inbox)
        except Exception as err:  # the loop survives: release and try again next poll
            detail = f"{type(err).__name__}: {err}"[:200]
            if not isinstance(err, StoreUnavailable | TryLater):
                log.exception("handling %s failed", key)
                if await self._gave_up(key, inbox):  # a bug this item hits every time
                    return Handled(Done.DROPPED, result=Result.ERROR, detail=detail)
            await self._release(key)
            return Handled(Done.RETRY, detail=detail)

    async def _gave_up(self, key: str, inbox: bool) -> bool:
        """Count one more unexplained failure of `key`; at MAX_FAILURES record it as skipped."""
        try:
            if await self.store.kv_incr(FAILURES + key, ttl_s=KEEP_S) < MAX_FAILURES:
                return False
            await self.store.ledger_record(key, "skip:error")
        except StoreUnavailable:
            return False
        self._read(key, inbox)
        return True

    async def _claimed(self, item: Item, decide: Decide | Skip, inbox: bool) -> Handled:
        key = item.fullname
        attempted = await self.store.kv_get(ATTEMPT + key)
        if attempted:
            at = _attempt_time(attempted)
            found = await self.api.find_reply(self.username, item, at)
            if not found.ok:
                await self._release(key)
                return Handled(Done.RETRY, result=found.result, detail="could not check earlier replies")
            if found.value is not None:
                log.info("%s: found reply %s posted before a failure", key, found.value)
                await self.store.ledger_record(key, found.value)
                self._read(key, inbox)
                return Handled(Done.ALREADY, reply_id=found.value)
            if time.time() - at < self.settle_s:  # too soon to be sure it is not there
                await self._release(key)
                return Handled(Done.RETRY, detail="earlier attempt settling")
        if not isinstance(decide, Skip) and self.paused_s > 0:
            await self._release(key)
            return _paused(self.paused_s)
        kept = self._decided.pop(key, None)
        decision = decide if isinstance(decide, Skip) else kept or await decide()
        if isinstance(decision, Skip):
            await self.store.ledger_record(key, "skip:" + decision.reason)
            self._read(key, inbox)
            return Handled(Done.SKIPPED, detail=decision.reason)
        if self.paused_s > 0:  # the pause began while deciding
            self._keep(key, decision)
            await self._release(key)
            return _paused(self.paused_s)
        if not attempted:  # the first attempt's time: a search from there covers every later one
            await self.store.kv_set(ATTEMPT + key, repr(time.time()), ttl_s=KEEP_S)
        out = await self.api.reply(key, decision.body)
        if out.ok and out.value:
            await self.store.ledger_record(key, out.value)
            self._read(key, inbox)
            return Handled(Done.REPLIED, reply_id=out.value, result=out.result)
        if out.result is Result.RATELIMITED:  # refused, nothing posted: no search needed next time
            log.info("%s: rate-limited; replies pause %.1fs", key, out.retry_after_s)
            self.pause(out.retry_after_s)
            if not attempted:
                await self.store.kv_delete(ATTEMPT + key)
        elif out.result in (Result.DELETED, Result.NOT_FOUND, Result.LOCKED, Result.FORBIDDEN):
            await self.store.ledger_record(key, "skip:" + out.result.value)
            self._read(key, inbox)
            return Handled(Done.DROPPED, result=out.result, detail=out.detail)
        elif out.result is Result.ERROR and await self._gave_up(key, inbox):
            return Handled(Done.DROPPED, result=out.result, detail=out.detail)
        self._keep(key, decision)
        await self._release(key)
        return Handled(Done.RETRY, result=out.result, retry_after_s=out.retry_after_s, detail=out.detail)

    def _keep(self, key: str, reply: Reply) -> None:
        """Keep a reply that could not be posted for the next try: deciding again would ask the
        service again, and count against the asker's rate limit each time."""
        self._decided[key] = reply
        while len(self._decided) > DECIDED_KEPT:
            del self._decided[next(iter(self._decided))]

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


def _paused(wait: float) -> Handled:
    """Reddit asked us to wait: this item is tried again after the pause."""
    return Handled(Done.RETRY, result=Result.RATELIMITED, retry_after_s=wait, detail="replies paused")


def _attempt_time(marker: str) -> float:
    """When a reply was attempted, from its marker (markers written before they held the time:
    a day back, which pages further than needed but finds the reply)."""
    try:
        return float(marker)
    except ValueError:
        return time.time() - 24 * 3600
