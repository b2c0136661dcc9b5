"""The whole path: the real client logs in, connects to a stand-in gateway (HELLO -> IDENTIFY ->
READY), receives INTERACTION_CREATE and answers over the stand-in HTTP API; shards from config;
`canirun-bot discord` as a process with health endpoints, stopped by SIGTERM."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.config import Settings
from bot.discord import CanirunBot, point_discord_at, wait_closed
from bot.service import AnswerService
from bot.stores import MemoryStore
from tests.conftest import DIRECT_ANSWER_WINDOW_S, discord_settings
from tests.standins.discord_api import DiscordStandIn

QUESTION = {"model": "qwen3-8b", "hardware": "RTX 3090, 64GB RAM"}


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn(shards=2) as s:
        yield s


def _guild_on_shard(shard: int, count: int) -> int:
    gid = 1_300_000_000_000_000_100
    while (gid >> 22) % count != shard:
        gid += 1 << 22
    return gid


async def _run(bot: CanirunBot, stop: asyncio.Event) -> asyncio.Task[int]:
    return asyncio.create_task(wait_closed(bot, stop, "test-token"))


async def test_real_client_answers_an_interaction_from_the_gateway(
    standin: DiscordStandIn, tmp_path: Path
) -> None:
    undo = point_discord_at(standin.api_base_url, standin.gateway_url)
    try:
        standin.shards = 1
        bot = CanirunBot(
            discord_settings(standin, tmp_path),
            AnswerService(MemoryStore()),
            sync_on_start=False,
            health=False,
            ack_within_s=DIRECT_ANSWER_WINDOW_S,  # a direct answer however loaded the machine
        )
        stop = asyncio.Event()
        task = await _run(bot, stop)
        [ident] = await standin.wait_identified()
        assert ident["token"] == "test-token"
        assert ident["intents"] == 0  # no privileged intents, no intents at all
        assert ident["shard"] == [0, 1]
        p = standin.slash("canirun", QUESTION)
        await standin.interaction(p)
        [rec] = await standin.wait_answered(p)
        assert rec.route == "callback" and rec.json["type"] == 4
        assert standin.ack_latency(p["id"]) is not None  # its speed is benchmarks/load.py's to measure
        stop.set()
        assert await asyncio.wait_for(task, 10) == 0
        await standin.wait_for(lambda: standin.gateway_closes, timeout=5)
    finally:
        undo()


async def test_a_process_runs_only_its_configured_shards(standin: DiscordStandIn, tmp_path: Path) -> None:
    undo = point_discord_at(standin.api_base_url, standin.gateway_url)
    try:
        settings = discord_settings(standin, tmp_path, shard_count=2, shard_ids=[1])
        bot = CanirunBot(settings, AnswerService(MemoryStore()), sync_on_start=False, health=False)
        stop = asyncio.Event()
        task = await _run(bot, stop)
        [ident] = await standin.wait_identified()
        assert ident["shard"] == [1, 2]
        p = standin.slash("canirun", QUESTION, guild_id=_guild_on_shard(1, 2))
        await standin.interaction(p)
        await standin.wait_answered(p)
        stop.set()
        assert await asyncio.wait_for(task, 10) == 0
    finally:
        undo()


def test_shard_ids_without_a_count_is_a_config_error(tmp_path: Path) -> None:
    from bot.config import ConfigError

    with pytest.raises(ConfigError, match="shard_count"):
        CanirunBot(Settings(discord={"shard_ids": [0]}, data_dir=tmp_path), AnswerService(MemoryStore()))


async def test_bot_process_serves_health_and_stops_cleanly_on_sigterm(
    standin: DiscordStandIn, tmp_path: Path
) -> None:
    standin.shards = 1
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANIRUN_") and k != "DISCORD_TOKEN"} | {
        "DISCORD_TOKEN": "test-token",
        "CANIRUN_DISCORD__API_BASE_URL": standin.api_base_url,
        "CANIRUN_DISCORD__GATEWAY_URL": standin.gateway_url,
        "CANIRUN_HEALTH__HOST": "127.0.0.1",
        "CANIRUN_HEALTH__PORT": "0",  # a free port, read back from the log line
        "CANIRUN_DATA_DIR": str(tmp_path / "data"),
        "CANIRUN_LOG_JSON": "true",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.canirun_bot_cli",
        "discord",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    log: list[str] = []

    async def read_log() -> None:  # keep reading, so a chatty child never blocks on a full pipe
        assert proc.stderr is not None
        async for line in proc.stderr:
            log.append(line.decode(errors="replace"))

    reader = asyncio.create_task(read_log())
    try:
        try:
            await standin.wait_identified(timeout=30)
            port = int(await standin.wait_for(lambda: _health_port(log), timeout=10))
        except TimeoutError:
            raise AssertionError("the bot did not start:\n" + "".join(log)[-3000:]) from None
        assert sorted(c["name"] for c in standin.commands["global"]) == [
            "best",
            "canirun",
            "canirun-help",
            "rig",
        ]
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as r:
                assert r.status == 200
            async with http.get(f"http://127.0.0.1:{port}/metrics") as r:
                assert "canirun_replies" in await r.text()

            async def ready() -> bool:
                async with http.get(f"http://127.0.0.1:{port}/readyz") as r:
                    return r.status == 200

            # ready once every shard is READY (discord.py waits ~2 s for guilds first)
            for _ in range(100):
                if await ready():
                    break
                await asyncio.sleep(0.1)
            assert await ready()
        p = standin.slash("canirun", QUESTION)
        await standin.interaction(p)
        await standin.wait_answered(p)
        proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(proc.wait(), 15)
        await asyncio.wait_for(reader, 5)
        assert code == 0, "".join(log)[-2000:]
        assert not any("test-token" in line for line in log)  # the token is never logged
        await standin.wait_for(lambda: standin.gateway_closes, timeout=5)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        reader.cancel()


def _health_port(log: list[str]) -> str | None:
    for line in log:
        m = re.search(r"health endpoints on http://[^:]+:(\d+)", line)
        if m:
            return m.group(1)
    return None
