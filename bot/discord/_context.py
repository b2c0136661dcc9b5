"""What every Cog shares: the service, the send wrapper, and Answer -> Reply (embed, chart, menus)."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from dataclasses import dataclass, field
from typing import Any

import discord

from ..answer import Answer
from ..render._common import VERDICT_WORD
from ..render.chart import memory_chart
from ..render.discord import EXAMPLES, answer_embed, notice_embed
from ..service import AnswerService, RateLimited
from ..store import StoreUnavailable
from ._api import ACK_WITHIN_S, InteractionAPI, Reply
from ._parsing import (
    MAX_CHOICES,
    InputProblem,
    MenuState,
    ModelChoices,
    context_label,
    context_menu,
    quant_menu,
)

__all__ = [
    "MENU_KV_PREFIX",
    "Deps",
    "answer_reply",
    "ask_reply",
    "deps_of",
    "load_menu_state",
    "menu_view",
    "notice",
    "problem_reply",
    "rate_limited_reply",
    "who",
]

log = logging.getLogger("canirun.discord")

MENU_KV_PREFIX = "discord:menu:"
MENU_STATE_TTL_S = 30 * 24 * 3600  # a menu older than a month answers "expired"


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


def notice(
    title: str,
    message: str,
    *,
    hint: str | None = None,
    example: str | None = EXAMPLES[0],
    kind: str = "error",
) -> Reply:
    """A short private message: what went wrong, a hint and an example."""
    return Reply(notice_embed(title, message, hint=hint, example=example, kind=kind), ephemeral=True)


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


async def answer_reply(deps: Deps, answer: Answer, state: MenuState | None) -> Reply:
    """Answer -> Reply: estimates get the chart and the menus; errors and questions back are private."""
    if answer.kind in ("error", "clarify"):
        return Reply(answer_embed(answer), ephemeral=True)
    png = None
    if answer.kind == "estimate":
        async with deps.compute:
            png = await asyncio.to_thread(memory_chart, answer)
    view = await menu_view(deps, answer, state) if answer.kind == "estimate" and state is not None else None
    return Reply(answer_embed(answer, chart=png is not None), png=png, view=view)


async def ask_reply(deps: Deps, inter: discord.Interaction, question: Any, state: MenuState | None) -> Reply:
    """Ask the service for `who(inter)`; rate limits become a private 'try again in Ns'."""
    try:
        async with deps.compute:
            answer = await deps.service.ask_structured(question, who=who(inter))
    except RateLimited as err:
        return rate_limited_reply(err)
    if state is not None and answer.question.models:
        # the menus re-ask by catalog id (short, exact); a hypothetical model keeps the words typed
        model_id = answer.question.models[0].id
        if (await deps.service.catalog()).get(model_id) is not None:
            state = dataclasses.replace(state, model=model_id)
    return await answer_reply(deps, answer, state)


async def _menu_token(deps: Deps, state: MenuState) -> str | None:
    token = state.inline()
    if token is not None:
        return token
    token = state.digest()
    try:
        await deps.service.store.kv_set(MENU_KV_PREFIX + token[1:], state.to_json(), ttl_s=MENU_STATE_TTL_S)
    except (StoreUnavailable, OSError) as err:
        log.warning("menu state not stored (%s): answer sent without menus", err)
        return None
    return token


async def load_menu_state(deps: Deps, token: str) -> MenuState | None:
    if token.startswith("i"):
        return MenuState.from_inline(token)
    try:
        raw = await deps.service.store.kv_get(MENU_KV_PREFIX + token[1:])
    except (StoreUnavailable, OSError) as err:
        log.warning("menu state unavailable: %s", err)
        return None
    return MenuState.from_json(raw) if raw else None


def _option_note(o: dict[str, Any]) -> str:
    """'fits on GPU, ~124 tok/s' for a quantization the answer already priced."""
    v = o["placement"]["verdict"]
    return VERDICT_WORD[v] if v == "no" else f"{VERDICT_WORD[v]}, ~{o['speed']['decode_tps']:.0f} tok/s"


async def menu_view(deps: Deps, answer: Answer, state: MenuState) -> discord.ui.View | None:
    """Two menus under an estimate (quantization, context); custom_ids survive restarts."""
    from ._menus import OptionMenu  # the menu classes import this module

    best = answer.best
    if best is None:
        return None
    token = await _menu_token(deps, state)
    if token is None:
        return None
    catalog = await deps.service.catalog()
    spec = catalog.get(state.model)
    max_ctx = min(spec.max_context, 1_048_576) if spec is not None else None
    notes: dict[str, str] = {}
    for o in answer.options:
        notes.setdefault(o["quant"], _option_note(o))
    quants = quant_menu(best.get("engine"), best.get("quant"), [o["quant"] for o in answer.options])
    q_opts = [
        discord.SelectOption(label=label, value=value, default=cur, description=notes.get(value))
        for label, value, cur in quants[:MAX_CHOICES]
    ]
    c_opts = [
        discord.SelectOption(label=label, value=value, default=cur)
        for label, value, cur in context_menu(max_ctx, best.get("context"))
    ]
    view = discord.ui.View(timeout=None)
    if q_opts:
        view.add_item(OptionMenu.build("q", token, q_opts, f"Quantization: {best.get('quant')}"))
    if c_opts:
        view.add_item(
            OptionMenu.build("c", token, c_opts, f"Context: {context_label(int(best.get('context') or 0))}")
        )
    return view if view.children else None
