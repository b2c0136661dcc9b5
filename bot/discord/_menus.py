"""The menus under an answer: pick another quantization or context, and the answer is asked again.

Their custom_ids carry the question ("canirun:q:<state>", "canirun:c:<state>"; the state inline when
it fits in Discord's 100 characters, else a key into the store), so they keep working after a
restart: discord.py's DynamicItem matches the template, no per-message view is held in memory.

The person who asked gets their message edited; anyone else gets a private answer of their own,
so nobody can change someone else's message.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from typing import Any, cast

import discord

from ._answer_reply import ask_reply, load_menu_state
from ._api import respond_within
from ._deps import deps_of
from ._reply import Reply, notice, problem_reply
from .parsing import MENU_TEMPLATE, InputProblem, MenuState

__all__ = ["OptionMenu"]

log = logging.getLogger("canirun.discord.menus")

_EXPIRED = (
    "This menu has expired",
    "I no longer have the question behind it. Ask again with /canirun.",
)


class OptionMenu(discord.ui.DynamicItem[discord.ui.Select[Any]], template=MENU_TEMPLATE):
    def __init__(
        self, kind: str, token: str, state: MenuState | None, select: discord.ui.Select[Any]
    ) -> None:
        super().__init__(select)
        self.kind = kind
        self.token = token
        self.state = state

    @classmethod
    def build(
        cls, kind: str, token: str, options: list[discord.SelectOption], placeholder: str
    ) -> OptionMenu:
        select: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=f"canirun:{kind}:{token}", options=options, placeholder=placeholder[:150]
        )
        return cls(kind, token, None, select)

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> OptionMenu:
        kind, token = match["kind"], match["token"]
        try:
            state = await load_menu_state(deps_of(interaction), token)
        except Exception:  # a menu that cannot be read still answers (with "expired")
            log.exception("reading menu state failed")
            state = None
        select = (
            item
            if isinstance(item, discord.ui.Select)
            else discord.ui.Select(custom_id=f"canirun:{kind}:{token}")
        )
        return cls(kind, token, state, select)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        deps = deps_of(interaction)
        data = cast(dict[str, Any], interaction.data or {})
        values = [str(v) for v in data.get("values") or []]
        state = self.state
        owner = _asked_by(interaction)
        mine = owner is not None and owner == interaction.user.id  # unsure: never edit

        async def work() -> Reply:
            if state is None or not values:
                return notice(*_EXPIRED, example=None, kind="info")
            try:
                new = state.with_choice(self.kind, values[0])
                question = new.question()
            except InputProblem as p:
                return problem_reply(p)
            reply = await ask_reply(deps, interaction, question, new)
            if not mine and not reply.ephemeral:
                # someone else's answer stays as it is: this one is theirs alone
                reply = dataclasses.replace(reply, view=None, ephemeral=True)
            return reply

        await respond_within(
            deps.api, interaction, work, ack_within_s=deps.ack_within_s, update=mine, ephemeral_defer=not mine
        )


def _asked_by(interaction: discord.Interaction[Any]) -> int | None:
    msg = interaction.message
    meta = getattr(msg, "interaction_metadata", None) if msg is not None else None
    user = getattr(meta, "user", None)
    return user.id if user is not None else None
