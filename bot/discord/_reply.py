"""What the bot sends for one interaction: a `Reply` (an embed, an optional chart, optional menus),
and the short private notices (errors, questions back, rate limits)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import discord

from ..render.discord import CHART_FILENAME, EXAMPLES, ColorKey, notice_embed
from ..render.discord_limits import Embed, fit_embed
from ..service import RateLimited
from .parsing import InputProblem

__all__ = ["FAILED_REPLY", "Reply", "notice", "problem_reply", "rate_limited_reply", "to_embed"]


class _SentEmbed(discord.Embed):
    """discord.py's Embed, sending only keys Discord's API schema has for a new embed (discord.py
    adds a "flags" key that only embeds Discord sends back carry)."""

    def to_dict(self) -> Any:
        data = dict(super().to_dict())
        if not data.get("flags"):
            data.pop("flags", None)
        return data


def to_embed(e: Embed) -> discord.Embed:
    """The embed payload as discord.py's object, fitted to Discord's limits."""
    return _SentEmbed.from_dict(dict(fit_embed(e)))


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to send: an embed, an optional PNG chart and an optional menu view."""

    embed: Embed
    png: bytes | None = None
    view: discord.ui.View | None = None
    ephemeral: bool = False

    def files(self) -> list[discord.File]:
        # a fresh File per attempt: a retried upload must not reuse a consumed stream
        return [discord.File(io.BytesIO(self.png), filename=CHART_FILENAME)] if self.png else []

    def embed_obj(self) -> discord.Embed:
        return _SentEmbed.from_dict(dict(self.embed))


def notice(
    title: str,
    message: str,
    *,
    hint: str | None = None,
    example: str | None = EXAMPLES[0],
    kind: ColorKey = "error",
) -> Reply:
    """A short private message: what went wrong, a hint and an example."""
    return Reply(notice_embed(title, message, hint=hint, example=example, kind=kind), ephemeral=True)


FAILED_REPLY = notice(
    "Something went wrong",
    "I hit an unexpected problem answering that.",
    hint="Try again in a moment; rewording the hardware or model may help.",
    example=None,
)


def rate_limited_reply(err: RateLimited) -> Reply:
    wait = max(1, round(err.retry_after))
    return notice(
        "Slow down a little",
        f"You've asked a lot of questions in a short time: try again in {wait}s.",
        hint="The limit is per person and refills within a minute or two.",
        example=None,
        kind="info",
    )


def problem_reply(p: InputProblem) -> Reply:
    return notice("That option doesn't work", p.message, hint=p.hint)
