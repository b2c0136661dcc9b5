"""The bot's shared parts, reachable from any interaction: the service (which bounds its own
computing), the send wrapper and the model autocomplete index."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import discord

from ..service import AnswerService
from ._api import ACK_WITHIN_S, InteractionAPI
from .parsing import ModelChoices

__all__ = ["Deps", "deps_of", "who"]


@dataclass
class Deps:
    """The bot's shared parts, reachable from any interaction as `interaction.client.deps`."""

    service: AnswerService
    api: InteractionAPI
    ack_within_s: float = ACK_WITHIN_S
    metrics: Any = None
    _choices: ModelChoices | None = field(default=None, repr=False)

    async def model_choices(self) -> ModelChoices:
        """The autocomplete index for the live catalog, rebuilt when its version changes."""
        catalog = await self.service.catalog()
        if self._choices is None or self._choices.version != catalog.version:
            self._choices = ModelChoices(catalog)
        return self._choices


def deps_of(inter: discord.Interaction) -> Deps:
    deps = getattr(inter.client, "deps", None)
    if not isinstance(deps, Deps):
        raise RuntimeError("this client was not built by bot.discord (no .deps)")
    return deps


def who(inter: discord.Interaction) -> tuple[str, str]:
    return ("discord", str(inter.user.id))
