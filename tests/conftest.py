"""Shared fixtures: the bundled catalog and device database, a real redis-server, and a bot on a
local stand-in of Discord's API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from bot.config import Settings
from bot.discord import CanirunBot, InteractionAPI, point_discord_at
from bot.health import Metrics
from bot.service import AnswerService, RateLimit
from bot.stores import MemoryStore, Store
from sizing import Catalog, default_catalog, default_database
from sizing.hardware import DeviceDatabase
from tests.redis_server import RedisProcess
from tests.standins.discord_api import DiscordStandIn

MakeBot = Callable[..., Awaitable[CanirunBot]]

# property tests judge what a function returns, never how long it took: a deadline per example fails
# at random on a loaded machine (CI's two cores), so none is set
settings.register_profile("canirun", deadline=None)
settings.load_profile("canirun")


@pytest.fixture(autouse=True)
def no_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the Hugging Face Hub: services built from settings do not read it, unless a
    test turns it on (pointing HF_ENDPOINT at the local stand-in)."""
    monkeypatch.setenv("CANIRUN_HUB__ENABLED", "false")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean environment for the CLIs: a data dir of this test's own, no Redis, no config file,
    no tokens, and the working directory in it."""
    monkeypatch.setenv("CANIRUN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CANIRUN_ADMIN_AUTHOR", "tester")
    for var in ("CANIRUN_REDIS_URL", "CANIRUN_CONFIG", "HF_TOKEN", "DISCORD_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture(scope="session")
def db() -> DeviceDatabase:
    return default_database()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisProcess]:
    """One redis-server for the session; use `redis_url` for a clean database per test."""
    server = RedisProcess(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisProcess) -> str:
    redis_server.flush()
    return redis_server.url


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisProcess]:
    """A redis-server of this test's own, to stop, kill and restart (fault drills)."""
    server = RedisProcess(tmp_path / "redis").start()
    yield server
    server.kill()


def discord_settings(standin: DiscordStandIn, tmp_path: Path, **discord: Any) -> Settings:
    """Settings of a bot that talks to the stand-in (no health server)."""
    return Settings(
        discord={"api_base_url": standin.api_base_url, "gateway_url": standin.gateway_url, **discord},
        health={"enabled": False},
        data_dir=tmp_path,
    )


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn() as s:
        yield s
    assert s.invalid == [], "payloads Discord's API schema refuses: " + "; ".join(
        f"{rec.route}: {why[:3]}" for rec, why in s.invalid
    )


# Tests that expect a direct answer give the bot a window no loaded machine misses; the tests of
# deferral pass ack_within_s=0. (The bot's own window, ACK_WITHIN_S, is a latency choice.)
DIRECT_ANSWER_WINDOW_S = 30.0


@pytest.fixture
async def make_bot(standin: DiscordStandIn, tmp_path: Path) -> AsyncIterator[MakeBot]:
    """Logged-in bots (HTTP only) on the stand-in; interactions are fed as the gateway would."""
    undo = point_discord_at(standin.api_base_url, standin.gateway_url)
    bots: list[CanirunBot] = []

    async def make(
        store: Store | None = None,
        *,
        ack_within_s: float = DIRECT_ANSWER_WINDOW_S,
        service: AnswerService | None = None,
        rate: RateLimit | None = None,
        metrics: Metrics | None = None,
        busy_at: int = 4,
    ) -> CanirunBot:
        svc = service or AnswerService(store or MemoryStore(), rate=rate, metrics=metrics)
        bot = CanirunBot(
            discord_settings(standin, tmp_path),
            svc,
            metrics=metrics,
            api=InteractionAPI(metrics=metrics, busy_at=busy_at),
            sync_on_start=False,
            health=False,
            ack_within_s=ack_within_s,
        )
        await bot.login("test-token")
        bots.append(bot)
        return bot

    yield make
    for b in bots:
        await b.close()
    undo()


@pytest.fixture(params=["embedded", "redis"])
def store_kind(request: pytest.FixtureRequest, env: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test runs on the embedded store (a SQLite file under `env`) and on a real redis-server."""
    if request.param == "redis":
        monkeypatch.setenv("CANIRUN_REDIS_URL", request.getfixturevalue("redis_url"))
    return str(request.param)
