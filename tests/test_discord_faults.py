"""When things go wrong: Discord 429/5xx/expired interactions, rate-limited users, Redis down, and
the deliberate command sync. Same set-up as test_discord_commands: real discord.py, stand-in API."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings, load_secrets
from bot.discord import (
    COMMANDS_HASH_KEY,
    CanirunBot,
    DiscordSyncError,
    InteractionAPI,
    Result,
    point_discord_at,
    sync_commands,
)
from bot.health import Metrics
from bot.service import AnswerService, RateLimit
from bot.stores import EmbeddedStore, MemoryStore, RedisStore
from tests.conftest import MakeBot, discord_settings
from tests.redis_server import RedisProcess
from tests.standins.discord_api import DiscordStandIn, Fault, Recorded

EPHEMERAL = 64


def data(rec: Recorded) -> dict[str, Any]:
    return (rec.json or {}).get("data", {}) if rec.route == "callback" else (rec.json or {})


def is_private(rec: Recorded) -> bool:
    return bool(int(data(rec).get("flags") or 0) & EPHEMERAL)


def replies(metrics: Metrics, result: str) -> float:
    return metrics.replies.labels("discord", result)._value.get()


QUESTION = {"model": "qwen3-8b", "hardware": "RTX 3090, 64GB RAM"}


# --- Discord errors --------------------------------------------------------------------------


async def test_followup_survives_a_429_and_a_500(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot(ack_within_s=0)
    standin.inject("followup", Fault(500), Fault(429, retry_after=0.2))
    p = standin.slash("canirun", QUESTION)
    recs = await standin.deliver(bot, p, 2)
    assert [r.route for r in recs] == ["callback", "followup"]
    attempts = standin.of("followup")
    assert [r.status for r in attempts] == [500, 429, 200]  # retried, and sent exactly once
    assert attempts[2].at - attempts[1].at >= 0.2  # retry_after honoured
    assert attempts[-1].files[0].filename == "memory.png"


async def test_cloudflare_style_429_is_retried_by_our_wrapper(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    metrics = Metrics()
    bot = await make_bot(metrics=metrics)
    standin.inject("callback", Fault(429, retry_after=0.1, via=False))  # discord.py raises these at once
    p = standin.slash("canirun", QUESTION)
    [rec] = await standin.deliver(bot, p)
    assert rec.json["type"] == 4
    tries = standin.of("callback", iid=p["id"])
    assert [r.status for r in tries] == [429, 200] and tries[1].at - tries[0].at >= 0.1
    await standin.wait_for(lambda: replies(metrics, "ok") == 1, timeout=5)


async def test_expired_interaction_is_a_result_not_a_crash(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    metrics = Metrics()
    bot = await make_bot(metrics=metrics)
    standin.inject("callback", Fault(404, code=10062, message="Unknown interaction"))
    p = standin.slash("canirun", QUESTION)
    bot._connection.parse_interaction_create(p)  # type: ignore[arg-type]
    await standin.wait_for(lambda: replies(metrics, "not_found") == 1, timeout=10)
    assert [r.status for r in standin.for_interaction(p, ok_only=False)] == [404]  # no retry, no followup
    # the bot still answers the next one
    [rec] = await standin.deliver(bot, standin.slash("canirun-help"))
    assert is_private(rec)


async def test_forbidden_followup_is_not_retried(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    metrics = Metrics()
    bot = await make_bot(ack_within_s=0, metrics=metrics)
    standin.inject("followup", Fault(403, code=50001, message="Missing Access"))
    p = standin.slash("canirun", QUESTION)
    bot._connection.parse_interaction_create(p)  # type: ignore[arg-type]
    await standin.wait_for(lambda: replies(metrics, "forbidden") == 1, timeout=10)
    assert [r.status for r in standin.of("followup")] == [403]


async def test_wrapper_gives_up_after_bounded_tries() -> None:
    api = InteractionAPI(attempts=3)
    calls = 0

    async def always_down() -> None:
        nonlocal calls
        calls += 1
        raise ConnectionResetError("peer went away")

    assert await api.call("test", always_down) == Result.NETWORK
    assert calls == 3


async def test_a_burst_is_acknowledged_on_arrival_and_every_answer_arrives(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    bot = await make_bot(busy_at=2)
    burst = [
        standin.slash("canirun", {**QUESTION, "context": 4096 * (i + 1)}, user_id=5000 + i) for i in range(12)
    ]
    answered = await asyncio.gather(*(standin.deliver(bot, p, 1) for p in burst))
    first = [recs[0] for recs in answered]
    assert sum(r.json["type"] == 5 for r in first) >= 12 - 2 - 1  # all but the first ones deferred at once
    # every one acknowledged (how fast is benchmarks/load.py's to measure: a test does not time the machine)
    assert all(standin.ack_latency(p["id"]) is not None for p in burst)
    await standin.wait_for(
        lambda: all(standin.original(p) and standin.original(p)["embeds"] for p in burst),
        timeout=30,  # type: ignore[index]
    )
    assert len(standin.of("followup")) == sum(r.json["type"] == 5 for r in first)


# --- users and storage -----------------------------------------------------------------------


async def test_rate_limited_user_is_told_when_to_retry(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot(rate=RateLimit(capacity=1, per_minute=2))
    [first] = await standin.deliver(bot, standin.slash("canirun", QUESTION))
    assert not is_private(first)
    [second] = await standin.deliver(bot, standin.slash("canirun", {**QUESTION, "context": 16384}))
    assert is_private(second)
    embed = data(second)["embeds"][0]
    assert "try again in" in embed["description"] and "s." in embed["description"]
    [other] = await standin.deliver(bot, standin.slash("canirun", QUESTION, user_id=999))
    assert not is_private(other)  # limits are per user


async def test_redis_down_still_answers(
    make_bot: MakeBot, standin: DiscordStandIn, own_redis: RedisProcess
) -> None:
    store = RedisStore(own_redis.url)
    bot = await make_bot(store)
    [up] = await standin.deliver(bot, standin.slash("canirun", QUESTION))
    assert not is_private(up)
    own_redis.kill()
    [down] = await standin.deliver(bot, standin.slash("canirun", {**QUESTION, "context": 32768}))
    assert down.json["type"] == 4 and not is_private(down)
    assert data(down)["embeds"][0]["image"]["url"] == "attachment://memory.png"
    [rig] = await standin.deliver(bot, standin.slash("rig", {"text": "RTX 4090"}, sub="set"))
    assert is_private(rig) and "Couldn't save" in data(rig)["embeds"][0]["title"]


# --- command sync ------------------------------------------------------------------------------


async def test_sync_pushes_only_when_the_payloads_change(
    standin: DiscordStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "test-token")
    settings, secrets = discord_settings(standin, tmp_path), load_secrets()
    first = await sync_commands(settings, secrets)
    assert first.startswith("Synced 4 Discord commands globally")
    assert sorted(c["name"] for c in standin.commands["global"]) == ["best", "canirun", "canirun-help", "rig"]
    assert "unchanged" in await sync_commands(settings, secrets)
    assert len(standin.of("commands")) == 1
    assert (await sync_commands(settings, secrets, force=True)).startswith("Synced")
    assert len(standin.of("commands")) == 2
    store = EmbeddedStore(tmp_path / "canirun.sqlite3")
    await store.kv_set(COMMANDS_HASH_KEY, "an older tree")
    await store.close()
    assert (await sync_commands(settings, secrets)).startswith("Synced")
    assert all(r.authorized for r in standin.of("commands"))


async def test_sync_to_configured_guilds(
    standin: DiscordStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "test-token")
    summary = await sync_commands(discord_settings(standin, tmp_path, guild_ids=[11, 22]), load_secrets())
    assert "to 2 guild(s)" in summary
    assert {r.match["guild"] for r in standin.of("guild_commands")} == {"11", "22"}
    assert not standin.of("commands")


async def test_sync_without_a_token_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    with pytest.raises(DiscordSyncError, match="DISCORD_TOKEN"):
        await sync_commands(Settings(data_dir=tmp_path), load_secrets())


async def test_refused_token_is_a_sync_error(
    standin: DiscordStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "bad-token")
    standin.inject("me", Fault(401, message="401: Unauthorized"))
    with pytest.raises(DiscordSyncError, match="refused"):
        await sync_commands(discord_settings(standin, tmp_path), load_secrets())


async def test_bot_start_syncs_only_a_changed_tree(standin: DiscordStandIn, tmp_path: Path) -> None:
    undo = point_discord_at(standin.api_base_url, None)
    store = EmbeddedStore(tmp_path / "state.sqlite3")
    try:
        for _ in range(2):
            bot = CanirunBot(discord_settings(standin, tmp_path), AnswerService(store), health=False)
            await bot.login("test-token")  # runs setup_hook: sync if the hash changed
            bot._service_closed = True  # the store outlives this bot: the next one reuses it
            await bot.close()
        assert len(standin.of("commands")) == 1
    finally:
        await store.close()
        undo()


async def test_an_unexpected_failure_still_gets_a_private_answer(
    make_bot: MakeBot, standin: DiscordStandIn, tmp_path: Path
) -> None:
    async def broken_catalog() -> Any:
        raise RuntimeError("catalog exploded")

    undo = point_discord_at(standin.api_base_url, None)
    bot = CanirunBot(
        discord_settings(standin, tmp_path),
        AnswerService(MemoryStore(), catalog=broken_catalog),
        sync_on_start=False,
        health=False,
    )
    try:
        await bot.login("test-token")
        [rec] = await standin.deliver(bot, standin.slash("canirun", QUESTION))
        assert is_private(rec) and data(rec)["embeds"][0]["title"] == "Something went wrong"
        [auto] = await standin.deliver(bot, standin.autocomplete("canirun", {"model": "qw"}, "model"))
        assert auto.json == {"type": 8, "data": {"choices": []}}
    finally:
        await bot.close()
        undo()
