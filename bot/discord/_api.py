"""Every call the bot makes to Discord about an interaction, behind one wrapper that never raises.

Each send returns a `Result` instead of raising: OK, FORBIDDEN, RATELIMITED, NOT_FOUND (the
interaction expired or the message is gone), SERVER_ERROR, NETWORK, ALREADY_RESPONDED,
BAD_REQUEST. discord.py already retries 429s that carry Discord's `Via` header and 5xx answers
inside one call; on top of that we retry what it gives up on (a 429 without the header, a 5xx run,
a dropped connection) a bounded number of times, honouring `retry_after`, so a followup is not
lost to a blip. Bounded: an interaction token lives 15 minutes and a user waits far less.

`respond_within` is Discord's 3-second rule: start the work, answer directly if it is ready
within `ack_within_s`, else defer (type 5, "thinking") and send one followup when it is.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import discord

from ._reply import FAILED_REPLY, Reply

__all__ = ["ACK_WITHIN_S", "InteractionAPI", "Result", "Timing", "respond_within"]

log = logging.getLogger("canirun.discord.api")

ACK_WITHIN_S = 0.6  # answer directly if ready this fast, else defer; Discord allows 3 s to acknowledge
SLOW_ACK_S = 2.5  # log acknowledgements slower than this: close to Discord's limit
BUSY_AT = 4  # answers in progress at which new interactions are deferred on arrival
NO_MENTIONS = discord.AllowedMentions.none()


class Result(enum.StrEnum):
    OK = "ok"
    FORBIDDEN = "forbidden"
    RATELIMITED = "ratelimited"
    NOT_FOUND = "not_found"
    SERVER_ERROR = "server_error"
    NETWORK = "network"
    ALREADY_RESPONDED = "already_responded"
    BAD_REQUEST = "bad_request"


@dataclass
class _Attempt:
    result: Result
    wait: float | None = None  # seconds to wait before another try; None: do not retry


def _retry_after(err: discord.HTTPException) -> float:
    headers = getattr(err.response, "headers", None) or {}
    for key in ("Retry-After", "X-RateLimit-Reset-After"):
        try:
            return max(float(headers.get(key, "")), 0.0)
        except ValueError:
            continue
    return 1.0


def _classify(err: BaseException, attempt: int) -> _Attempt:
    backoff = 0.25 * (2**attempt)
    if isinstance(err, discord.InteractionResponded):
        return _Attempt(Result.ALREADY_RESPONDED)
    if isinstance(err, discord.RateLimited):  # discord.py refused to wait that long itself
        return _Attempt(Result.RATELIMITED, err.retry_after)
    if isinstance(err, discord.NotFound):
        return _Attempt(Result.NOT_FOUND)
    if isinstance(err, discord.Forbidden):
        return _Attempt(Result.FORBIDDEN)
    if isinstance(err, discord.HTTPException):
        if err.status == 429:
            return _Attempt(Result.RATELIMITED, _retry_after(err))
        if err.status >= 500:
            return _Attempt(Result.SERVER_ERROR, backoff)
        if err.code == 40060:  # "Interaction has already been acknowledged"
            return _Attempt(Result.ALREADY_RESPONDED)
        return _Attempt(Result.BAD_REQUEST)
    if isinstance(err, (aiohttp.ClientError, asyncio.TimeoutError, OSError)):
        return _Attempt(Result.NETWORK, backoff)
    # a ClientException & co: discord.py refused locally; retrying would refuse again
    log.error("discord.py refused the call", exc_info=err)
    return _Attempt(Result.BAD_REQUEST)


class InteractionAPI:
    """Responses, deferrals, followups and edits for interactions, each returning a Result."""

    def __init__(
        self, *, attempts: int = 3, max_wait_s: float = 10.0, busy_at: int = BUSY_AT, metrics: Any = None
    ) -> None:
        self.attempts = attempts
        self.max_wait_s = max_wait_s  # the most we sleep for one retry_after
        self.busy_at = busy_at  # with this many answers in progress, acknowledge new ones at once
        self.inflight = 0
        self.metrics = metrics
        self._acking = 0
        self._acks_idle: asyncio.Event | None = None

    async def acks_settled(self, limit_s: float = 1.0) -> None:
        """Wait (at most `limit_s`) until no acknowledgement is on its way: under a burst every
        interaction is acknowledged before answers start taking the CPU."""
        if self._acking and self._acks_idle is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._acks_idle.wait(), limit_s)

    async def call(self, what: str, op: Callable[[], Awaitable[Any]]) -> Result:
        """Run `op` with bounded retries; never raises for Discord or network failures."""
        result = Result.SERVER_ERROR
        for attempt in range(self.attempts):
            try:
                await op()
                result = Result.OK
                break
            except (TimeoutError, discord.DiscordException, aiohttp.ClientError, OSError) as err:
                step = _classify(err, attempt)
                result = step.result
                last = attempt == self.attempts - 1
                if step.wait is None or step.wait > self.max_wait_s or last:
                    log.warning("discord %s failed: %s (%s)", what, result.value, err)
                    break
                log.info("discord %s: %s, retrying in %.2fs", what, result.value, step.wait)
                await asyncio.sleep(step.wait)
        if self.metrics is not None:
            self.metrics.reply("discord", result.value)
        return result

    # --- first response -------------------------------------------------------------------

    async def defer(
        self, inter: discord.Interaction, *, ephemeral: bool = False, update: bool = False
    ) -> Result:
        """Type 5 (thinking) for commands, or type 6 (deferred update) for a component's own message."""
        if self._acks_idle is None:
            self._acks_idle = asyncio.Event()
        self._acking += 1
        self._acks_idle.clear()
        try:
            if update:
                return await self.call("defer_update", lambda: inter.response.defer())
            return await self.call("defer", lambda: inter.response.defer(ephemeral=ephemeral, thinking=True))
        finally:
            self._acking -= 1
            if not self._acking:
                self._acks_idle.set()

    async def autocomplete(self, inter: discord.Interaction, choices: Sequence[tuple[str, str]]) -> Result:
        opts = [discord.app_commands.Choice(name=n, value=v) for n, v in choices]
        return await self.call("autocomplete", lambda: inter.response.autocomplete(opts))

    async def send(
        self, inter: discord.Interaction, reply: Reply, *, deferred_ephemeral: bool = False
    ) -> Result:
        """The answer: as the first response if none was sent yet, else as the one followup."""
        if not inter.response.is_done():
            return await self.call(
                "respond",
                lambda: inter.response.send_message(
                    embed=reply.embed_obj(),
                    files=reply.files(),
                    view=reply.view or discord.utils.MISSING,
                    ephemeral=reply.ephemeral,
                    allowed_mentions=NO_MENTIONS,
                ),
            )
        deferred_public = inter.response.type == discord.InteractionResponseType.deferred_channel_message
        if reply.ephemeral and deferred_public and not deferred_ephemeral:
            # the public "thinking" message cannot turn private: remove it, then reply privately
            await self.call("delete_original", lambda: inter.delete_original_response())
        return await self.call(
            "followup",
            lambda: inter.followup.send(
                embed=reply.embed_obj(),
                files=reply.files(),
                view=reply.view or discord.utils.MISSING,
                ephemeral=reply.ephemeral,
                allowed_mentions=NO_MENTIONS,
                wait=True,
            ),
        )

    async def update(self, inter: discord.Interaction, reply: Reply) -> Result:
        """Replace the message a component sits on (type 7, or an edit after a deferred update)."""
        has_chart = reply.png is not None
        if not inter.response.is_done():
            return await self.call(
                "update",
                lambda: inter.response.edit_message(
                    embed=reply.embed_obj(),
                    attachments=reply.files() if has_chart else [],
                    view=reply.view,
                    allowed_mentions=NO_MENTIONS,
                ),
            )
        return await self.call(
            "edit_original",
            lambda: inter.edit_original_response(
                embed=reply.embed_obj(),
                attachments=reply.files() if has_chart else [],
                view=reply.view,
                allowed_mentions=NO_MENTIONS,
            ),
        )


@dataclass
class Timing:
    """How an interaction was answered, for logs and the load benchmark."""

    deferred: bool = False
    ack_s: float = 0.0
    total_s: float = 0.0
    results: list[Result] = field(default_factory=list)


async def respond_within(
    api: InteractionAPI,
    inter: discord.Interaction,
    work: Callable[[], Awaitable[Reply]],
    *,
    ack_within_s: float = ACK_WITHIN_S,
    ephemeral_defer: bool = False,
    update: bool = False,
) -> Timing:
    """Run `work`; answer directly if it finishes within `ack_within_s`, else defer first.

    When `api.busy_at` answers are already in progress, defer on arrival instead: under a burst the
    answers queue for the CPU, and an acknowledgement that waited for its timer would queue too.
    """
    started = time.perf_counter()
    timing = Timing()
    task: asyncio.Future[Reply] | None = None
    api.inflight += 1
    try:
        if api.inflight > api.busy_at:
            if not await _defer(api, inter, timing, started, ephemeral_defer, update):
                return timing
            await api.acks_settled()
        task = asyncio.ensure_future(work())
        if not timing.deferred:
            done, _ = await asyncio.wait({task}, timeout=max(ack_within_s, 0.0))
            if not done and not await _defer(api, inter, timing, started, ephemeral_defer, update):
                return timing
        try:
            reply = await task
        except Exception:  # a bug must still get the user an answer, never a silent "interaction failed"
            log.exception("answering an interaction failed")
            reply = FAILED_REPLY
        if update and not reply.ephemeral:
            sent = await api.update(inter, reply)
        else:
            sent = await api.send(inter, reply, deferred_ephemeral=timing.deferred and ephemeral_defer)
        timing.results.append(sent)
        timing.total_s = time.perf_counter() - started
        if not timing.deferred:  # the answer itself was the acknowledgement
            timing.ack_s = timing.total_s
        return timing
    finally:
        api.inflight -= 1
        if task is not None and not task.done():
            task.cancel()
        if timing.ack_s > SLOW_ACK_S:
            log.warning("slow acknowledgement: %.2fs (Discord allows 3s)", timing.ack_s)


async def _defer(
    api: InteractionAPI,
    inter: discord.Interaction,
    timing: Timing,
    started: float,
    ephemeral: bool,
    update: bool,
) -> bool:
    """Acknowledge now; False when the interaction cannot be answered any more (expired, refused)."""
    res = await api.defer(inter, ephemeral=ephemeral, update=update)
    timing.deferred = True
    timing.results.append(res)
    timing.ack_s = timing.total_s = time.perf_counter() - started
    return res in (Result.OK, Result.ALREADY_RESPONDED)
