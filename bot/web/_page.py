"""The page: `GET /` (the question form), `POST /ask` (answer it), `GET /a/{id}` (a permalink).

Works without JavaScript: the form posts, an answer worth sharing is kept as a permalink and the
browser is sent there (303, so reloading does not ask again); a question back or an error shows
in place with the fields kept. With JavaScript (`static/canirun.js`) the same requests run
without a reload and only the answer section is swapped.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web
from markupsafe import Markup

from ..answers import EXAMPLES, Answer
from ..render.html import answer_html
from ..stores import StoreUnavailable
from ._deps import WEB, Refused
from ._security import CSRF_FIELD, csrf_problem, csrf_token, set_csrf_cookie
from .parsing import (
    CONTEXT_MAX,
    CONTEXT_MIN,
    HARDWARE_TEXT_MAX,
    MODEL_TEXT_MAX,
    QUESTION_MAX,
    InputProblem,
    form_question,
)

__all__ = ["STATIC", "add_page_routes", "render_page"]

log = logging.getLogger("canirun.web")

STATIC = Path(__file__).resolve().parent / "static"
FIELDS = ("q", "model", "hardware", "context")
ASSETS = web.AppKey("assets", dict)  # static file name -> its content hash


@dataclass(frozen=True)
class Notice:
    """A message shown instead of (or above) an answer: refused input, a missing permalink."""

    title: str
    message: str
    hint: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class View:
    values: dict[str, str] = field(default_factory=dict)
    answer: Answer | None = None
    link: str | None = None  # the answer's permalink path
    notice: Notice | None = None


def _asset_versions() -> dict[str, str]:
    """Each static file's content hash, appended to its URL so a new release is fetched anew."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:10] for p in STATIC.iterdir() if p.is_file()}


def render_page(request: web.Request, view: View, status: int = 200) -> web.Response:
    web_ = request.app[WEB]
    token, new = csrf_token(request)
    answer = view.answer
    title = "canirun: can I run this LLM on my hardware?"
    if answer is not None and (answer.verdict or answer.message):
        title = f"{(answer.verdict or answer.message or '')[:90]} · canirun"
    elif view.notice is not None:
        title = f"{view.notice.title} · canirun"
    html = web_.templates.get_template("page.html").render(
        title=title,
        values={name: view.values.get(name, "") for name in FIELDS},
        answer=answer,
        answer_html=answer_html(answer) if answer is not None else Markup(""),
        link=view.link,
        full_link=web_.links.url(view.link) if view.link else None,
        notice=view.notice,
        csrf_field=CSRF_FIELD,
        csrf=token,
        examples=EXAMPLES,
        assets=request.app[ASSETS],
        limits={
            "q": QUESTION_MAX,
            "model": MODEL_TEXT_MAX,
            "hardware": HARDWARE_TEXT_MAX,
            "context_min": CONTEXT_MIN,
            "context_max": CONTEXT_MAX,
        },
    )
    response = web.Response(text=html, status=status, content_type="text/html", charset="utf-8")
    response.headers["Cache-Control"] = "no-store"
    if new:
        set_csrf_cookie(response, token, web_.secure)
    return response


async def home(request: web.Request) -> web.Response:
    return render_page(request, View())


async def ask_form(request: web.Request) -> web.StreamResponse:
    web_ = request.app[WEB]
    form = await request.post()
    values = {name: v for name in FIELDS if isinstance(v := form.get(name), str)}
    token = form.get(CSRF_FIELD)
    problem = csrf_problem(request, token if isinstance(token, str) else None, web_.settings.public_url)
    if problem is not None:
        web_.count("forbidden")
        notice = Notice(
            "Please send the form again",
            f"This form could not be accepted: {problem}.",
            "Reload the page and ask again (the page needs its cookie).",
        )
        return render_page(request, View(values=values, notice=notice), status=403)
    try:
        fq = form_question(
            values.get("q"), values.get("model"), values.get("hardware"), values.get("context")
        )
    except InputProblem as err:
        web_.count("bad_request")
        return render_page(
            request,
            View(values=values, notice=Notice("Check the form", err.message, err.hint, err.field)),
            400,
        )
    if fq.structured is not None:
        answer = await web_.service.ask_structured(fq.structured)
    else:
        answer = await web_.service.ask(fq.text or "")
    if answer.kind in ("clarify", "error"):
        return render_page(request, View(values=values, answer=answer))
    try:
        link_id = await web_.links.keep(answer)
    except (StoreUnavailable, OSError) as err:
        log.warning("permalink not stored (%s): answer shown in place", err)
        return render_page(request, View(values=values, answer=answer))
    raise web.HTTPSeeOther(location=f"/a/{link_id}")


async def permalink(request: web.Request) -> web.Response:
    web_ = request.app[WEB]
    link_id = request.match_info["id"]
    try:
        answer = await web_.links.load(link_id)
    except (StoreUnavailable, OSError) as err:
        log.warning("permalink %s unreadable: %s", link_id[:20], err)
        raise Refused(
            503, "Saved answers cannot be read right now.", "Try again in a minute, or ask again."
        ) from None
    if answer is None:
        notice = Notice(
            "No such answer",
            "This answer has expired or never existed.",
            "Ask the question again: answers are kept for a while after they were last asked.",
        )
        return render_page(request, View(notice=notice), status=404)
    return render_page(request, View(answer=answer, link=link_id))


def add_page_routes(app: web.Application) -> None:
    app[ASSETS] = _asset_versions()
    app.router.add_get("/", home)
    app.router.add_post("/ask", ask_form)
    app.router.add_get("/a/{id}", permalink)
    app.router.add_static("/static/", STATIC, show_index=False, follow_symlinks=False)
