"""/best: the best models for a rig, optionally for a task."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from sizing.vocabulary import TASKS

from ._answer_reply import ask_reply
from ._api import respond_within
from ._deps import Deps
from ._reply import Reply, problem_reply
from .parsing import CONTEXT_MAX, CONTEXT_MIN, InputProblem, best_question

__all__ = ["BestCog"]


class BestCog(commands.Cog):
    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    @app_commands.command(
        name="best", description="The best models for your hardware, for chat, code or reasoning."
    )
    @app_commands.describe(
        hardware="Your GPUs / Mac / RAM, e.g. 'RTX 4090, 64GB DDR5'. Empty: your saved rig (/rig set)",
        context="Context length you need, in tokens (default 8192)",
        task="What the model is for",
    )
    @app_commands.choices(task=[app_commands.Choice(name=t, value=t) for t in TASKS])
    async def best(
        self,
        interaction: discord.Interaction[Any],
        hardware: app_commands.Range[str, 1, 400] | None = None,
        context: app_commands.Range[int, CONTEXT_MIN, CONTEXT_MAX] | None = None,
        task: str | None = None,
    ) -> None:
        deps = self.deps

        async def work() -> Reply:
            try:
                question = best_question(hardware, context, task)
            except InputProblem as p:
                return problem_reply(p)
            return await ask_reply(deps, interaction, question, None)

        await respond_within(deps.api, interaction, work, ack_within_s=deps.ack_within_s)
