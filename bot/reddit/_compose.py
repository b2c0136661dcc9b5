"""A summons -> the reply's markdown: read the comment, borrow context if needed, ask, render.

Shared by the live bot and `canirun-bot reddit --preview`, so a preview shows exactly what
the bot would post.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from ..render.reddit import MAX_COMMENT_CHARS, reddit_footer, render_reddit
from ..service import AnswerService, RateLimited
from ._ledger import Reply, Skip
from .parsing import plan_question, questions, quoted_text

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
        """The reply for a comment saying `text`; Skip for chatter (when not `chatter_ok`) and rate limits.
        A comment that mentions the bot more than once asks one question at each mention: each is
        answered in the reply (the others lend it what it lacks), and any beyond those said unanswered."""
        asked, left_out = questions(text, self.username, self.keyword)
        # a quote in the comment is what it answers: context read before the thread's
        quoted = quoted_text(text)
        quote = [("the quoted text", quoted)] if quoted else []
        if len(asked) == 1 and not left_out:
            return await self._one(asked[0], who, load_context, chatter_ok, quote)
        answers: list[tuple[str, str]] = []
        footer = reddit_footer(self.username, self.project_url)  # said once, after every answer
        for i, question in enumerate(asked):
            others = [("the comment's other question", q) for k, q in enumerate(asked) if k != i] + quote
            share = (self.limit - len(footer)) // len(asked) - _HEADING_CHARS
            one = await replace(self, limit=share)._one(
                question, who, load_context, False, others, footer=False
            )
            if isinstance(one, Reply):
                answers.append((question, one.body))
            elif one.reason == "rate-limited":
                return one
        if not answers:
            return (
                Skip("chatter") if not chatter_ok else await self._one(asked[0], who, load_context, True, ())
            )
        if len(answers) == 1 and not left_out:
            return Reply(answers[0][1] + "\n\n" + footer)
        parts = [f'**On "{_gist(q)}":**\n\n{body}' for q, body in answers]
        unanswered = len(asked) - len(answers) + left_out
        if unanswered:
            parts.append(
                f"*This comment asks {len(asked) + left_out} questions; {unanswered} of them "
                "{verb} not answered here: ask {it} in a reply of {its} own.*".format(
                    verb="is" if unanswered == 1 else "are",
                    it="it" if unanswered == 1 else "them",
                    its="its" if unanswered == 1 else "their",
                )
            )
        body = "\n\n---\n\n".join(parts)[: self.limit - len(footer) - 2]
        return Reply(body + "\n\n" + footer)

    async def _one(
        self,
        question: str,
        who: tuple[str, str] | None,
        load_context: ContextLoader | None,
        chatter_ok: bool,
        beside: Sequence[tuple[str, str]],
        *,
        footer: bool = True,
    ) -> Reply | Skip:
        """The reply to one question; `beside` is context from the same comment, read before the thread's;
        without `footer`, one answer of several that the reply ends with the footer once."""
        catalog = await self.service.catalog()
        plan = await asyncio.to_thread(plan_question, question, catalog.index)
        if not plan.substantive and not chatter_ok:
            return Skip("chatter")  # "thanks!" under our answer needs no answer
        if plan.wants_context and (load_context is not None or beside):
            context = [*beside, *(await load_context() if load_context is not None else [])]
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
                answer,
                self.limit,
                username=self.username,
                project_url=self.project_url,
                answer_url=url,
                footer=footer,
            )
        )


_HEADING_CHARS = 120  # room for the line naming each question of several, and the rule between them
_GIST_CHARS = 80


def _gist(question: str) -> str:
    """A question in one short line, for the heading of its answer: its first sentence that asks
    something (ends with "?"), else its start."""
    line = " ".join(question.split()).replace('"', "'")
    asked = re.search(r"(?:^|(?<=[.!?] ))[^.!?]*\?", line)
    line = asked.group(0).strip() if asked else line
    return line if len(line) <= _GIST_CHARS else line[: _GIST_CHARS - 3].rsplit(" ", 1)[0] + "..."
