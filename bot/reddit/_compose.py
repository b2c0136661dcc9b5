"""A summons -> the reply's markdown: read the comment, borrow context if needed, ask, render.

Shared by the live bot and `canirun-bot reddit --preview`, so a preview shows exactly what
the bot would post.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from ..render.reddit import MAX_COMMENT_CHARS, render_reddit
from ..service import AnswerService, RateLimited
from ._ledger import Reply, Skip
from .parsing import clean, plan_question

__all__ = ["Composer", "ContextLoader"]

# (label, text) pairs, nearest first: ("parent comment", ...), ("post", title + body)
ContextLoader = Callable[[], Awaitable[list[tuple[str, str]]]]


@dataclass(frozen=True, slots=True)
class Composer:
    service: AnswerService
    username: str
    keyword: str
    project_url: str
    limit: int = MAX_COMMENT_CHARS

    async def compose(
        self,
        text: str,
        *,
        who: tuple[str, str] | None,
        load_context: ContextLoader | None = None,
        chatter_ok: bool = True,
    ) -> Reply | Skip:
        """The reply for a comment saying `text`; Skip for chatter (when not `chatter_ok`) and rate limits."""
        question = clean(text, self.username, self.keyword)
        catalog = await self.service.catalog()
        plan = await asyncio.to_thread(plan_question, question, catalog.index)
        if not plan.substantive and not chatter_ok:
            return Skip("chatter")  # "thanks!" under our answer needs no answer
        if plan.wants_context and load_context is not None:
            context = await load_context()
            if context:
                plan = await asyncio.to_thread(plan_question, question, catalog.index, context)
        try:
            if plan.structured is not None:
                answer = await self.service.ask_structured(plan.structured, who=who)
            else:
                answer = await self.service.ask(plan.text, who=who)
        except RateLimited:
            return Skip("rate-limited")  # a flood from one account gets silence, not replies
        url = await self.service.permalink(answer)  # "full answer" on the web page, when it has one
        return Reply(
            render_reddit(
                answer, self.limit, username=self.username, project_url=self.project_url, answer_url=url
            )
        )
