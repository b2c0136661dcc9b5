"""/rig set | show | clear: the hardware /canirun and /best use when none is given. Private replies."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from sizing import SizingError

from ..render.discord import EXAMPLES, rig_embed
from ..service import RateLimited
from ..stores import StoreUnavailable
from ._api import respond_within
from ._deps import Deps, who
from ._reply import Reply, notice, problem_reply
from .parsing import HARDWARE_TEXT_MAX, InputProblem, clean_text

__all__ = ["RigCog"]

_STORE_DOWN_HINT = "Nothing was changed. Try again in a minute."


class RigCog(
    commands.GroupCog, group_name="rig", group_description="Save your hardware once for /canirun and /best"
):
    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        super().__init__()

    async def _reply(self, interaction: discord.Interaction[Any], work: Any) -> None:
        await respond_within(
            self.deps.api, interaction, work, ack_within_s=self.deps.ack_within_s, ephemeral_defer=True
        )

    @app_commands.command(name="set", description="Save your hardware, e.g. 'RTX 3090, 64GB RAM'")
    @app_commands.describe(text="Your GPUs / Mac / RAM as you'd say it: '2x 3090, 128GB DDR4', 'M2 Max 96GB'")
    async def set_rig(
        self, interaction: discord.Interaction[Any], text: app_commands.Range[str, 1, 400]
    ) -> None:
        service = self.deps.service

        async def work() -> Reply:
            try:
                cleaned = clean_text(text, HARDWARE_TEXT_MAX, "hardware description")
                hw = await service.save_rig(who(interaction), cleaned)
            except InputProblem as p:
                return problem_reply(p)
            except RateLimited as err:  # saving is a durable write: a few in a row, then slower
                wait = max(1, round(err.retry_after))
                return notice(
                    "Slow down a little",
                    f"You've saved your rig several times in a short while: try again in {wait}s.",
                    hint="Nothing was changed; your last saved rig is still the one used.",
                    example=None,
                    kind="info",
                )
            except SizingError as err:
                return notice("I couldn't read that rig", str(err), hint=err.hint, example=EXAMPLES[3])
            except StoreUnavailable as err:
                return notice("Couldn't save your rig", str(err), hint=_STORE_DOWN_HINT, example=None)
            return Reply(rig_embed(hw.contract(), cleaned, saved=True), ephemeral=True)

        await self._reply(interaction, work)

    @app_commands.command(name="show", description="Show your saved hardware and how it was read")
    async def show_rig(self, interaction: discord.Interaction[Any]) -> None:
        service = self.deps.service

        async def work() -> Reply:
            try:
                found = await service.read_saved_rig(who(interaction))
            except StoreUnavailable as err:
                return notice("Couldn't read your rig", str(err), hint=_STORE_DOWN_HINT, example=None)
            except SizingError as err:
                return notice("Your saved rig no longer reads", str(err), hint=err.hint, example=EXAMPLES[3])
            if found is None:
                return notice(
                    "No rig saved",
                    "You haven't saved any hardware yet.",
                    hint="Save it once and /canirun and /best use it when you leave hardware empty.",
                    example=EXAMPLES[3],
                    kind="info",
                )
            saved, hw = found
            return Reply(rig_embed(hw.contract(), saved, saved=False), ephemeral=True)

        await self._reply(interaction, work)

    @app_commands.command(name="clear", description="Forget your saved hardware")
    async def clear_rig(self, interaction: discord.Interaction[Any]) -> None:
        service = self.deps.service

        async def work() -> Reply:
            try:
                forgot = await service.forget_rig(who(interaction))
            except StoreUnavailable as err:
                return notice("Couldn't forget your rig", str(err), hint=_STORE_DOWN_HINT, example=None)
            message = "Done: your saved rig is forgotten." if forgot else "There was no saved rig to forget."
            return notice("Rig cleared", message, example=None, kind="info")

        await self._reply(interaction, work)
