"""The bot's shared parts, reachable from any interaction: the service, the send wrapper, the
compute slots and the model autocomplete index."""

from __future__ import annotations

import asyncio
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
    compute_slots: int = 2
    _choices: ModelChoices | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # answers are CPU-bound Python (one core, the GIL): more at once only slows the event loop,
        # and with it every acknowledgement, so at most `compute_slots` run together
        self.compute = asyncio.Semaphore(self.compute_slots)

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
