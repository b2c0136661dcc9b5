"""The Discord frontend: slash commands on discord.py.

Commands: /canirun, /best, /rig set|show|clear, /canirun-help; installable to servers and users,
usable in servers, DMs with the bot and group DMs.

    _main            `canirun-bot discord` and `sync_commands` (for `canirun-admin discord sync`)
    _bot             the AutoShardedBot: Cogs, deliberate command sync, health, shutdown
    _*_cog           one Cog per command, thin: option values -> a question -> a Reply
    parsing          pure, and public for its tests: option values -> questions, autocomplete,
                     menu state (no Discord, no I/O)
    _answer_reply    Answer -> Reply: the embed, the memory chart, the menus under an estimate
    _reply           Reply and the short private notices
    _api             every call to Discord behind one wrapper that returns a Result, never raises
    _deps, _menus    the shared parts; the persistent menus under an answer
"""

from ._api import ACK_WITHIN_S, InteractionAPI, Result, Timing, respond_within
from ._bot import (
    COMMANDS_HASH_KEY,
    CanirunBot,
    command_payloads,
    point_discord_at,
    printable_payloads,
    sync_if_changed,
    wait_closed,
)
from ._main import DiscordSyncError, main, sync_commands
from ._reply import Reply, to_embed

__all__ = [
    "ACK_WITHIN_S",
    "COMMANDS_HASH_KEY",
    "CanirunBot",
    "DiscordSyncError",
    "InteractionAPI",
    "Reply",
    "Result",
    "Timing",
    "command_payloads",
    "main",
    "point_discord_at",
    "printable_payloads",
    "respond_within",
    "sync_commands",
    "sync_if_changed",
    "to_embed",
    "wait_closed",
]
