"""Running the bot: credentials, the service, the leader lock, health endpoints, clean shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid

from .._shutdown import stop_on_signals
from ..config import Secrets, Settings
from ..health import HealthServer, Metrics
from ..service import AnswerService
from ..stores import StoreNotDurable
from ._api import RedditApi, Result
from ._bot import RedditBot
from ._leader import LeaderLock

__all__ = ["MISSING_CREDENTIALS", "missing_credentials", "serve"]

log = logging.getLogger("canirun.reddit")

CREDENTIALS = (
    ("reddit_client_id", "REDDIT_CLIENT_ID"),
    ("reddit_client_secret", "REDDIT_CLIENT_SECRET"),
    ("reddit_username", "REDDIT_USERNAME"),
    ("reddit_password", "REDDIT_PASSWORD"),
)
MISSING_CREDENTIALS = (
    "canirun-bot reddit needs a Reddit script app's credentials in the environment: {missing}.\n"
    "Create the app at https://www.reddit.com/prefs/apps (type: script), then set REDDIT_CLIENT_ID, "
    "REDDIT_CLIENT_SECRET, REDDIT_USERNAME and REDDIT_PASSWORD.\n"
    "To see what the bot would reply without any of that: canirun-bot reddit --preview TEXT"
)


def missing_credentials(secrets: Secrets) -> list[str]:
    return [env for attr, env in CREDENTIALS if not _value(secrets, attr)]


def _value(secrets: Secrets, attr: str) -> str:
    secret = getattr(secrets, attr)
    return secret.get_secret_value() if secret is not None else ""


async def serve(
    settings: Settings,
    secrets: Secrets,
    *,
    stop: asyncio.Event | None = None,
    call_timeout_s: float = 30.0,
    handle_signals: bool = True,
) -> int:
    """Run until SIGTERM/SIGINT (or `stop`). Returns the exit code."""
    stop = stop or asyncio.Event()
    metrics = Metrics()
    # with the live catalog; raises StoreNotDurable rather than run exactly-once on memory
    service = AnswerService.from_settings(settings, metrics=metrics)
    if not service.store.durable:  # a store handed in some other way: the same refusal
        await service.close()
        raise StoreNotDurable("the Reddit bot needs a durable store (Redis or a writable SQLite file)")
    rs = settings.reddit
    api = RedditApi.connect(
        client_id=_value(secrets, "reddit_client_id"),
        client_secret=_value(secrets, "reddit_client_secret"),
        username=_value(secrets, "reddit_username"),
        password=_value(secrets, "reddit_password"),
        user_agent=rs.user_agent,
        oauth_url=rs.oauth_url,
        reddit_url=rs.reddit_url,
        call_timeout_s=call_timeout_s,
    )
    health: HealthServer | None = None
    signals = stop_on_signals(stop) if handle_signals else contextlib.nullcontext()
    with signals:
        logged_in = False

        async def ready() -> bool:  # /readyz: logged in to Reddit, and the store durable and answering
            return logged_in and service.store.durable and await service.store.ping()

        try:
            if settings.health.enabled:  # up before the login, which waits out Reddit outages
                health = HealthServer(metrics, ready, host=settings.health.host, port=settings.health.port)
                await health.start()
            username = await _login(api, stop)
            if username is None:
                return 0 if stop.is_set() else 2
            logged_in = True
            owner = uuid.uuid4().hex
            bot = RedditBot(api, service, rs, username=username, owner=owner, metrics=metrics)
            leader = LeaderLock(service.store, rs.leader_lock_ttl_s, owner=owner)
            metrics.reddit_leader.set_function(lambda: float(leader.is_leader))
            log.info(
                "reddit bot u/%s polling every %.0fs (standing by until it holds the lock)",
                username,
                rs.poll_interval_s,
            )
            await leader.run(lambda: bot.run(stop), stop)
            return 0
        finally:
            if health is not None:
                await health.stop()
            await api.close()
            await service.close()


async def _login(api: RedditApi, stop: asyncio.Event) -> str | None:
    """Our username, checking the credentials; waits out outages. None: refused, or stopped."""
    delay = 1.0
    while not stop.is_set():
        me = await api.me()
        if me.ok and me.value:
            return me.value
        if me.result in (Result.FORBIDDEN, Result.ERROR, Result.NOT_FOUND):
            log.error("Reddit refused the login (%s): check the REDDIT_* credentials", me.detail)
            return None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), max(delay, me.retry_after_s))
        delay = min(delay * 2, 60.0)
    return None
