"""Requests that must reach Reddit at most once: no transport retry for them.

Async PRAW's transport (asyncprawcore's `Session`) repeats a request after a 500, 502, 503, 504,
520, 522, a 408, a 401 or a dropped connection, whatever the method. For a comment that is
wrong: Reddit may have posted the comment before the error reached us, and the repeat posts it
again. Inside `send_once()` a request is sent exactly once and its error comes back to the
caller, which finds out through the ledger whether it landed (`Ledger` pages back through the
account's replies). Every other request (listings, `me`, mark-read) keeps the transport's retries.

The choice is per task (a context variable), so a read running in another task at the same
moment still retries.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from asyncprawcore.sessions import FiniteRetryStrategy, RetryStrategy

__all__ = ["SendOnce", "install", "send_once"]

_ONCE: ContextVar[bool] = ContextVar("canirun_reddit_send_once", default=False)


class SendOnce(RetryStrategy):
    """No retry, no pause before the one try."""

    def _sleep_seconds(self) -> float | None:
        return None

    def consume_available_retry(self) -> SendOnce:
        return self

    def should_retry_on_failure(self) -> bool:
        return False


def _strategy() -> RetryStrategy:
    return SendOnce() if _ONCE.get() else FiniteRetryStrategy()


@contextlib.contextmanager
def send_once() -> Iterator[None]:
    """Requests made in this block (in this task) are sent once, never repeated by the transport."""
    token = _ONCE.set(True)
    try:
        yield
    finally:
        _ONCE.reset(token)


def install(reddit: Any) -> None:
    """Give the client's transport sessions the per-request strategy. Raises RuntimeError when the
    installed Async PRAW keeps its sessions elsewhere: better no bot than one that double-posts."""
    cores = [getattr(reddit, name, None) for name in ("_authorized_core", "_read_only_core")]
    sessions = [c for c in cores if c is not None]
    if not sessions or not all(hasattr(s, "_retry_strategy_class") for s in sessions):
        raise RuntimeError(
            "this Async PRAW/asyncprawcore version does not expose its retry strategy; "
            "comments could be posted twice after a 5xx (pin the versions in deploy/constraints.txt)"
        )
    for s in sessions:
        s._retry_strategy_class = _strategy
