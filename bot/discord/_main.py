"""`canirun-bot discord`: run the bot, print its command payloads, or sync its commands.

    canirun-bot discord                    run the bot (DISCORD_TOKEN); SIGTERM stops it cleanly
    canirun-bot discord --print-commands   print the application-command payloads (no token, no network)
    canirun-bot discord --no-sync          run without syncing commands on start

The admin CLI syncs commands with `sync_commands` (`canirun-admin discord sync`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence

from .._shutdown import stop_on_signals
from ..config import ConfigError, Secrets, Settings, load_secrets, load_settings
from ._bot import CanirunBot, point_discord_at, printable_payloads, sync_if_changed, wait_closed

__all__ = ["CanirunBot", "DiscordSyncError", "main", "sync_commands"]

log = logging.getLogger("canirun.discord")


class DiscordSyncError(Exception):
    """Commands could not be synced; the message says why (no token, refused token, Discord down)."""


async def sync_commands(settings: Settings, secrets: Secrets, *, force: bool = False) -> str:
    """Sync the command tree when its payload hash changed (or when `force`); a one-line summary.

    Logs in over HTTP only (no gateway). Raises DiscordSyncError with a message fit for the CLI.
    """
    import discord

    from ..service import AnswerService

    if secrets.discord_token is None or not secrets.discord_token.get_secret_value().strip():
        raise DiscordSyncError("DISCORD_TOKEN is not set: commands are synced with the bot's token.")
    service = AnswerService.from_settings(settings)
    try:
        bot = CanirunBot(settings, service, sync_on_start=False, health=False)
    except ConfigError as err:
        await service.close()
        raise DiscordSyncError(str(err)) from None
    undo = point_discord_at(settings.discord.api_base_url, settings.discord.gateway_url)
    try:
        await bot.login(secrets.discord_token.get_secret_value())
        return await sync_if_changed(bot, force=force)
    except discord.LoginFailure:
        raise DiscordSyncError("Discord refused the token (DISCORD_TOKEN).") from None
    except (discord.HTTPException, OSError) as err:
        raise DiscordSyncError(f"Discord could not be reached or refused the sync: {err}") from None
    finally:
        await bot.close()
        undo()


async def _serve(settings: Settings, token: str, *, sync: bool) -> int:
    from ..health import Metrics
    from ..service import AnswerService

    metrics = Metrics()
    undo = point_discord_at(settings.discord.api_base_url, settings.discord.gateway_url)
    try:
        bot = CanirunBot(
            settings,
            AnswerService.from_settings(settings, metrics=metrics),
            metrics=metrics,
            sync_on_start=sync,
        )
        stop = asyncio.Event()
        with stop_on_signals(stop):
            return await wait_closed(bot, stop, token)
    finally:
        undo()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="canirun-bot discord", description="The canirun Discord bot.")
    p.add_argument(
        "--print-commands",
        action="store_true",
        help="print the application-command payloads as JSON and exit (no token, no network)",
    )
    p.add_argument("--no-sync", action="store_true", help="do not sync commands on start, even if changed")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        settings = load_settings()
    except ConfigError as err:
        print(f"canirun-bot discord: {err}", file=sys.stderr)
        return 2
    if args.print_commands:
        try:
            payloads = asyncio.run(printable_payloads(settings))
        except ConfigError as err:
            print(f"canirun-bot discord: {err}", file=sys.stderr)
            return 2
        print(json.dumps(payloads, indent=2, sort_keys=True, ensure_ascii=False))
        return 0
    from ..logs import setup_logging

    setup_logging(settings.log_level, settings.log_json)
    secrets = load_secrets()
    token = secrets.discord_token.get_secret_value().strip() if secrets.discord_token else ""
    if not token:
        print(
            "canirun-bot discord: DISCORD_TOKEN is not set (the bot token from the developer portal)",
            file=sys.stderr,
        )
        return 2
    try:
        return asyncio.run(_serve(settings, token, sync=not args.no_sync))
    except ConfigError as err:
        print(f"canirun-bot discord: {err}", file=sys.stderr)
        return 2
