"""`canirun-admin cache stats|flush`, `rigs export|delete USER` (privacy requests), `discord sync`."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from rich.text import Text

from ..config import load_secrets
from ..stores import EmbeddedStore, MemoryStore
from ._common import EXIT_USAGE, AdminError, table
from ._session import Session

__all__ = ["COMMANDS"]

_IN_PROCESS = (
    "the embedded store keeps the answer cache inside each bot process: nothing to see or flush from "
    "here (publishing a catalog version retires old answers, their keys carry the version)"
)


async def cmd_cache_stats(ctx: Session) -> int:
    store = ctx.store()
    stats = await store.cache_stats()
    shared = not isinstance(store, MemoryStore | EmbeddedStore)
    data: dict[str, Any] = {**stats, "shared": shared}
    if not shared:
        data["note"] = _IN_PROCESS
        ctx.out.note(_IN_PROCESS)
    ctx.out.emit(data, table("answer cache", ["stat", "value"], [[k, v] for k, v in stats.items()]))
    return 0


async def cmd_cache_flush(ctx: Session) -> int:
    store = ctx.store()
    n = await store.cache_flush()
    shared = not isinstance(store, MemoryStore | EmbeddedStore)
    data: dict[str, Any] = {"flushed": n, "shared": shared}
    if not shared:
        data["note"] = _IN_PROCESS
        ctx.out.note(_IN_PROCESS)
    ctx.out.emit(data, Text(f"flushed {n} cached answers"))
    return 0


def _user(ctx: Session) -> str:
    user = str(ctx.args.user).strip()
    if not user:
        raise AdminError(
            "no user given", hint="give the user's id, e.g. rigs export 123456789", code=EXIT_USAGE
        )
    return user


async def cmd_rigs_export(ctx: Session) -> int:
    user = _user(ctx)
    rigs = await ctx.store().rigs_export(user)
    data = {"user": user, "rigs": rigs}
    ctx.out.emit(data, table(f"saved rigs of user {user}", ["platform", "rig"], sorted(rigs.items())))
    return 0


async def cmd_rigs_delete(ctx: Session) -> int:
    user = _user(ctx)
    n = await ctx.store().rigs_delete_user(user)
    ctx.out.emit({"user": user, "deleted": n}, Text(f"deleted {n} saved rig(s) of user {user}"))
    return 0


async def cmd_discord_sync(ctx: Session) -> int:
    try:
        sync = importlib.import_module("bot.discord").sync_commands  # written apart from the admin CLI
    except (ImportError, AttributeError):
        raise AdminError(
            "the Discord frontend is not available in this build (bot.discord.sync_commands)",
            hint="install the bot extras, or update canirun",
            code=EXIT_USAGE,
        ) from None
    try:
        result = sync(ctx.settings, load_secrets(), force=ctx.args.force)
        if inspect.isawaitable(result):
            result = await result
    except Exception as err:  # DiscordSyncError says why (no token, refused token, Discord down)
        raise AdminError(f"Discord sync failed: {err}", hint="check DISCORD_TOKEN and the network") from None
    ctx.out.emit({"synced": True, "result": result}, Text(f"Discord commands synced: {result}"))
    return 0


COMMANDS = {
    ("cache", "stats"): cmd_cache_stats,
    ("cache", "flush"): cmd_cache_flush,
    ("rigs", "export"): cmd_rigs_export,
    ("rigs", "delete"): cmd_rigs_delete,
    ("discord", "sync"): cmd_discord_sync,
}
