"""The bot: an AutoShardedBot with the canirun Cogs, deliberate command sync, health and shutdown.

No privileged intents (no intents at all: slash commands arrive as interactions), no member or
message cache, and mentions disallowed client-wide. Shards come from settings so a large bot can
run shard ranges in several processes (`discord.shard_count` + `discord.shard_ids`).

Command sync is deliberate: the tree is pushed to Discord only when the hash of its payloads
differs from the one stored after the last sync (or when forced, by `canirun-admin discord sync`),
not on every start - Discord rate-limits command updates and a sync is slow to propagate.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
from collections.abc import Callable
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from ..config import ConfigError, Settings
from ..health import HealthServer, Metrics
from ..service import AnswerService
from ..stores import MemoryStore, StoreUnavailable
from ._api import ACK_WITHIN_S, InteractionAPI
from ._best_cog import BestCog
from ._canirun_cog import CanirunCog
from ._deps import Deps
from ._help_cog import HelpCog
from ._menus import OptionMenu
from ._reply import FAILED_REPLY, notice
from ._rig_cog import RigCog

__all__ = [
    "COMMANDS_HASH_KEY",
    "CanirunBot",
    "command_payloads",
    "payload_hash",
    "point_discord_at",
    "printable_payloads",
    "sync_if_changed",
]

log = logging.getLogger("canirun.discord")

COMMANDS_HASH_KEY = "discord:commands:hash"


class _QuietExpected(logging.Filter):
    """Drop discord.py's start-up warnings about choices made on purpose: no guild intent (the bot
    needs no guild state, only interactions) and no voice libraries (it never joins voice)."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        return "Guilds intent seems to be disabled" not in msg and "voice will NOT be supported" not in msg


for _name in ("discord.state", "discord.client"):
    logging.getLogger(_name).addFilter(_QuietExpected())


def point_discord_at(api_base_url: str | None, gateway_url: str | None) -> Callable[[], None]:
    """Aim discord.py's HTTP base and gateway at other URLs (tests, proxies); returns an undo."""
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    if api_base_url:
        base = api_base_url.rstrip("/")
        Route.BASE = base if re.search(r"/api/v\d+$", base) else base + "/api/v10"
    if gateway_url:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)

    def undo() -> None:
        Route.BASE = old_base
        DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    return undo


class CanirunBot(commands.AutoShardedBot):
    def __init__(
        self,
        settings: Settings,
        service: AnswerService,
        *,
        metrics: Metrics | None = None,
        api: InteractionAPI | None = None,
        ack_within_s: float = ACK_WITHIN_S,
        sync_on_start: bool = True,
        health: bool | None = None,
    ) -> None:
        d = settings.discord
        shards: dict[str, Any] = {}
        if d.shard_ids is not None:
            if d.shard_count is None:
                raise ConfigError("discord.shard_ids needs discord.shard_count (the total across processes)")
            bad = [i for i in d.shard_ids if not 0 <= i < d.shard_count]
            if bad:
                raise ConfigError(f"discord.shard_ids {bad} are outside 0..{d.shard_count - 1}")
            shards["shard_ids"] = list(d.shard_ids)
        if d.shard_count is not None:
            shards["shard_count"] = d.shard_count
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=discord.Intents.none(),
            allowed_mentions=discord.AllowedMentions.none(),
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
            max_messages=None,
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True
            ),
            **shards,
        )
        self.settings = settings
        self.metrics = metrics
        self.deps = Deps(service, api or InteractionAPI(metrics=metrics), ack_within_s, metrics)
        self.sync_on_start = sync_on_start
        self._health_on = settings.health.enabled if health is None else health
        self._health: HealthServer | None = None
        self._installed = False
        self._service_closed = False
        self._gateway_override = settings.discord.gateway_url
        self.tree.on_error = self._on_tree_error  # type: ignore[method-assign]

    async def install(self) -> None:
        """Add the Cogs and the persistent menus (no network; safe to call twice)."""
        if self._installed:
            return
        for cog in (CanirunCog(self.deps), RigCog(self.deps), BestCog(self.deps), HelpCog(self.deps)):
            await self.add_cog(cog)
        self.add_dynamic_items(OptionMenu)
        self._installed = True

    async def setup_hook(self) -> None:
        await self.install()
        if self._health_on:
            h = self.settings.health
            self._health = HealthServer(
                self.metrics or Metrics(), self._health_ready, host=h.host, port=h.port
            )
            try:
                await self._health.start()
            except OSError as err:
                log.error(
                    "the health server cannot listen on %s:%s (%s): set health.port", h.host, h.port, err
                )
                raise
        shard_ids = self.settings.discord.shard_ids
        # with shards split over processes, only the one running shard 0 syncs (no sync races)
        if self.sync_on_start and (shard_ids is None or 0 in shard_ids):
            try:
                log.info(await sync_if_changed(self))
            except (discord.DiscordException, StoreUnavailable, OSError) as err:
                log.warning("command sync skipped: %s", err)

    async def _health_ready(self) -> bool:
        return self.is_ready() and await self.deps.service.store.ping()

    async def launch_shards(self) -> None:
        # discord.py asks /gateway/bot for the URL only when it also picks the shard count; with a
        # gateway override we ask for the count alone and connect to the override
        if self._gateway_override and self.shard_count is None:
            self.shard_count, _, _ = await self.http.get_bot_gateway()
        await super().launch_shards()

    async def close(self) -> None:
        if self._health is not None:
            await self._health.stop()
            self._health = None
        await super().close()
        if not self._service_closed:
            self._service_closed = True
            await self.deps.service.close()

    async def _on_tree_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        if isinstance(error, app_commands.TransformerError):
            reply = notice(
                "That option doesn't work", str(error), hint="Pick a value from the list or range."
            )
        else:
            log.error("command failed", exc_info=error)
            if self.metrics is not None:
                self.metrics.error("discord_command")
            reply = FAILED_REPLY
        await self.deps.api.send(interaction, reply)


def command_payloads(bot: CanirunBot) -> list[dict[str, Any]]:
    """The application-command payloads a sync sends, sorted by name."""
    return sorted((c.to_dict(bot.tree) for c in bot.tree.get_commands()), key=lambda p: p["name"])


def payload_hash(payloads: list[dict[str, Any]], scope: str) -> str:
    blob = json.dumps([scope, payloads], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


async def printable_payloads(settings: Settings) -> list[dict[str, Any]]:
    """The payloads without a token, a store or the network (`--print-commands`)."""
    service = AnswerService(MemoryStore())
    bot = CanirunBot(settings, service, sync_on_start=False, health=False)
    try:
        await bot.install()
        return command_payloads(bot)
    finally:
        await service.close()


async def sync_if_changed(bot: CanirunBot, *, force: bool = False) -> str:
    """Push the command tree when its hash changed since the last sync (or when forced)."""
    await bot.install()
    guild_ids = list(bot.settings.discord.guild_ids)
    scope = "guilds:" + ",".join(map(str, sorted(guild_ids))) if guild_ids else "global"
    payloads = command_payloads(bot)
    digest = payload_hash(payloads, scope)
    store = bot.deps.service.store
    stored: str | None = None
    try:
        stored = await store.kv_get(COMMANDS_HASH_KEY)
    except StoreUnavailable:
        if not force:
            return "Discord commands not synced: the store is unavailable to compare hashes (use --force)."
    if stored == digest and not force:
        return f"Discord commands unchanged ({len(payloads)} commands, hash {digest[:12]}): nothing synced."
    if guild_ids:
        for gid in guild_ids:
            guild = discord.Object(id=gid)
            bot.tree.copy_global_to(guild=guild)
            await bot.tree.sync(guild=guild)
        where = f"to {len(guild_ids)} guild(s)"
    else:
        await bot.tree.sync()
        where = "globally"
    try:
        await store.kv_set(COMMANDS_HASH_KEY, digest)
    except StoreUnavailable:
        log.warning("synced, but the new command hash could not be stored; the next start syncs again")
    return f"Synced {len(payloads)} Discord commands {where} (hash {digest[:12]})."


async def wait_closed(bot: CanirunBot, stop: asyncio.Event, token: str) -> int:
    """Run until `stop` is set (SIGTERM/SIGINT) or the connection ends; close cleanly either way."""
    runner = asyncio.create_task(bot.start(token), name="discord-bot")
    stopper = asyncio.create_task(stop.wait(), name="discord-stop")
    try:
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
        if not bot.is_closed():
            await bot.close()
    if runner in done:
        err = runner.exception()
        if isinstance(err, discord.LoginFailure):
            log.error("Discord refused the token (DISCORD_TOKEN): %s", err)
            return 2  # a configuration error: restarting will not fix it (systemd: RestartPreventExitStatus)
        if err is not None:
            log.error("the Discord connection ended", exc_info=err)
            return 1
        return 0
    try:
        await asyncio.wait_for(runner, timeout=10)
    except (TimeoutError, asyncio.CancelledError, discord.DiscordException, OSError):
        runner.cancel()
    log.info("Discord bot stopped")
    return 0
