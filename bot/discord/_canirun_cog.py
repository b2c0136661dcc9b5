"""/canirun: will this model run on this hardware? Public embed, memory chart, menus to switch."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from sizing.vocabulary import ENGINES

from ._answer_reply import ask_reply
from ._api import respond_within
from ._deps import Deps, who
from ._reply import Reply, problem_reply
from .parsing import CONTEXT_MAX, CONTEXT_MIN, InputProblem, MenuState, quant_choices, slash_question

__all__ = ["CanirunCog"]

log = logging.getLogger("canirun.discord")


class CanirunCog(commands.Cog):
    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    @app_commands.command(
        name="canirun",
        description="Will a model run on your hardware? Memory, speed and the best quantization.",
    )
    @app_commands.describe(
        model="The model: pick from the list or type a name (Qwen3 30B, gpt-oss-120b...)",
        hardware="Your GPUs / Mac / RAM, e.g. 'RTX 3090, 64GB RAM'. Empty: your saved rig (/rig set)",
        context="Context length in tokens (default 8192)",
        quant="Quantization, e.g. Q4_K_M (default: the best that fits)",
        engine="Inference engine (default: picked from your hardware)",
    )
    @app_commands.choices(engine=[app_commands.Choice(name=e, value=e) for e in ENGINES])
    async def canirun(
        self,
        interaction: discord.Interaction[Any],
        model: app_commands.Range[str, 1, 200],
        hardware: app_commands.Range[str, 1, 400] | None = None,
        context: app_commands.Range[int, CONTEXT_MIN, CONTEXT_MAX] | None = None,
        quant: app_commands.Range[str, 1, 40] | None = None,
        engine: str | None = None,
    ) -> None:
        deps = self.deps

        async def work() -> Reply:
            try:
                question = slash_question(model, hardware, context, quant, engine)
            except InputProblem as p:
                return problem_reply(p)
            rig = question.hardware or (await deps.service.saved_rig(who(interaction)) or "")
            state = MenuState(question.model or "", rig, question.context, question.quant, question.engine)
            return await ask_reply(deps, interaction, question, state)

        await respond_within(deps.api, interaction, work, ack_within_s=deps.ack_within_s)

    @canirun.autocomplete("model")
    async def model_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            choices = (await self.deps.model_choices()).rank(current)
        except Exception:  # discord.py only logs autocomplete errors: answer with no choices instead
            log.exception("model autocomplete failed")
            choices = []
        await self.deps.api.autocomplete(interaction, [(c.name, c.value) for c in choices])
        return []

    @canirun.autocomplete("quant")
    async def quant_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        engine = getattr(interaction.namespace, "engine", None)
        choices = quant_choices(current, engine if isinstance(engine, str) else None)
        await self.deps.api.autocomplete(interaction, [(c.name, c.value) for c in choices])
        return []
