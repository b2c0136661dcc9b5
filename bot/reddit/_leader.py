"""One poller at a time: a leader lock in the store, renewed while the work runs.

Every replica runs `LeaderLock.run(work, stop)`. The one that acquires the lock runs `work` and
renews the lock every third of its TTL; the others retry every `check_s`. When the leader stops
cleanly it releases the lock (a standby takes over at its next check); when it dies, the lock
lapses after the TTL. A leader that fails to renew (store down, lock taken) cancels its work
at once: better no poller for a moment than two.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Coroutine
from typing import Any

from ..stores import Locks

__all__ = ["LeaderLock"]

log = logging.getLogger("canirun.reddit.leader")

LOCK_NAME = "reddit-poller"


class LeaderLock:
    def __init__(
        self,
        store: Locks,
        ttl_s: float,
        *,
        owner: str | None = None,
        name: str = LOCK_NAME,
        check_s: float | None = None,
        grace_s: float = 10.0,
    ) -> None:
        self.store = store
        self.ttl_s = ttl_s
        self.owner = owner or uuid.uuid4().hex
        self.name = name
        self.renew_s = ttl_s / 3
        self.check_s = check_s if check_s is not None else min(ttl_s / 3, 2.0)
        self.grace_s = grace_s  # on stop, the work may finish its current item this long
        self.is_leader = False
        self.terms = 0  # how many times this replica became the leader

    async def _acquire(self) -> bool:
        try:
            return await self.store.lock_acquire(self.name, self.owner, self.ttl_s)
        except Exception as err:  # fail closed: no lock, no polling
            log.warning("leader lock unavailable: %s", err)
            return False

    async def _release(self) -> None:
        try:
            await self.store.lock_release(self.name, self.owner)
        except Exception as err:  # it lapses after the TTL anyway
            log.warning("could not release the leader lock: %s", err)

    async def run(self, work: Callable[[], Coroutine[Any, Any, None]], stop: asyncio.Event) -> None:
        """Lead when possible, stand by otherwise, until `stop` is set (cancelling = a crash)."""
        while not stop.is_set():
            if not await self._acquire():
                await _wait(stop, self.check_s)
                continue
            self.is_leader = True
            self.terms += 1
            log.info("leader lock %s taken by %s", self.name, self.owner)
            task: asyncio.Task[None] = asyncio.create_task(work(), name=f"{self.name}-work")
            try:
                await self._lead(task, stop)
                if stop.is_set() and not task.done():
                    await asyncio.wait({task}, timeout=self.grace_s)
            except asyncio.CancelledError:
                # killed, not stopped: leave the lock to lapse, as a crashed process would
                task.cancel()
                self.is_leader = False
                raise
            self.is_leader = False
            if not task.done():
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
            await self._release()
            if task.done() and not task.cancelled() and task.exception() is not None:
                log.error("poller stopped with an error: %r; retrying", task.exception())
                await _wait(stop, self.check_s)

    async def _lead(self, task: asyncio.Task[None], stop: asyncio.Event) -> None:
        stopping = asyncio.create_task(stop.wait())
        try:
            while True:
                done, _ = await asyncio.wait(
                    {task, stopping}, timeout=self.renew_s, return_when="FIRST_COMPLETED"
                )
                if task in done or stopping in done:
                    return
                if not await self._acquire():
                    log.warning("lost the leader lock %s; stopping the poller", self.name)
                    return
        finally:
            stopping.cancel()


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
