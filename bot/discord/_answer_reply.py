"""Ask the service and turn its Answer into a Reply: the embed, the memory chart, and the menus
under an estimate (whose state lives in the custom_id, or in the store when it does not fit)."""

from __future__ import annotations

import dataclasses
import logging

import discord

from sizing import EstimateContract
from sizing.vocabulary import tps_text

from ..answers import Answer, Structured
from ..render import VERDICT_WORD
from ..render.chart import chart_key, memory_chart
from ..render.discord import answer_embed
from ..service import RateLimited
from ..stores import StoreUnavailable
from ._deps import Deps, who
from ._reply import Reply, rate_limited_reply
from .parsing import CONTEXT_MAX, MAX_CHOICES, MenuState, context_label, context_menu, quant_menu

__all__ = ["MENU_KV_PREFIX", "answer_reply", "ask_reply", "load_menu_state", "menu_view"]

log = logging.getLogger("canirun.discord")

MENU_KV_PREFIX = "discord:menu:"
MENU_STATE_TTL_S = 30 * 24 * 3600  # a menu older than a month answers "expired"


async def answer_reply(deps: Deps, answer: Answer, state: MenuState | None) -> Reply:
    """Answer -> Reply: estimates get the chart and the menus; errors and questions back are private."""
    if answer.kind in ("error", "clarify"):
        return Reply(answer_embed(answer), ephemeral=True)
    png = None
    if answer.kind == "estimate":  # drawn once per picture, then kept with the cached answers
        png = await deps.service.drawing(chart_key(answer), lambda: memory_chart(answer))
    view = await menu_view(deps, answer, state) if answer.kind == "estimate" and state is not None else None
    url = await deps.service.permalink(answer)  # "full answer" on the web page, when it has one
    return Reply(answer_embed(answer, chart=png is not None, url=url), png=png, view=view)


async def ask_reply(
    deps: Deps, inter: discord.Interaction, question: Structured, state: MenuState | None
) -> Reply:
    """Ask the service for `who(inter)`; rate limits become a private 'try again in Ns'."""
    try:  # the service bounds its own computing: a cached answer never waits for a slot
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


def _option_note(o: EstimateContract) -> str:
    """'fits on GPU, ~124 tok/s' for a quantization the answer already priced."""
    v = o.placement.verdict
    return VERDICT_WORD[v] if v == "no" else f"{VERDICT_WORD[v]}, ~{tps_text(o.speed.decode_tps)} tok/s"


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
    max_ctx = min(spec.max_context, CONTEXT_MAX) if spec is not None else None
    notes: dict[str, str] = {}
    for o in answer.options:
        notes.setdefault(o.quant, _option_note(o))
    quants = quant_menu(best.engine, best.quant, [o.quant for o in answer.options])
    q_opts = [
        discord.SelectOption(label=label, value=value, default=cur, description=notes.get(value))
        for label, value, cur in quants[:MAX_CHOICES]
    ]
    c_opts = [
        discord.SelectOption(label=label, value=value, default=cur)
        for label, value, cur in context_menu(max_ctx, best.context)
    ]
    view = discord.ui.View(timeout=None)
    if q_opts:
        view.add_item(OptionMenu.build("q", token, q_opts, f"Quantization: {best.quant}"))
    if c_opts:
        view.add_item(OptionMenu.build("c", token, c_opts, f"Context: {context_label(best.context)}"))
    return view if view.children else None
