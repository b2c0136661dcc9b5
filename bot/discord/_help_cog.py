"""/canirun-help: what the bot does, with examples."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from ..render.discord import help_embed
from ._deps import Deps
from ._reply import Reply

__all__ = ["HelpCog"]


class HelpCog(commands.Cog):
    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    @app_commands.command(name="canirun-help", description="How to ask canirun, with examples.")
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        await self.deps.api.send(interaction, Reply(help_embed(), ephemeral=True))
