"""The web frontend's aiohttp application: routes, limits and refusals, and running it.

Every request passes three checks before its handler: the body is no larger than
`web.max_body_bytes` (413), and a question (any POST) or a suggestion counts against its
address's token bucket in the store (429 with Retry-After), so every replica shares the limits.
Refusals are `{"error", "hint"}` under /v1/ and a page elsewhere; every response carries the
security headers (`_security`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from jinja2 import Environment, PackageLoader, StrictUndefined

from .._shutdown import stop_on_signals
from ..config import Settings, WebSettings
from ..health import HealthServer, Metrics
from ..permalinks import Permalinks
from ..service import AnswerService
from ._api import add_api_routes, json_response
from ._deps import WEB, Refused, Web
from ._page import Notice, View, add_page_routes, render_page
from ._security import security_headers
from .parsing import client_key

__all__ = ["create_app", "serve"]

log = logging.getLogger("canirun.web")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
SUGGEST_SHARE = 5  # autocomplete asks on every pause in typing: five times the question budget
_RESULTS = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "bad_request",
    413: "too_large",
    415: "bad_request",
    429: "rate_limited",
    503: "unavailable",
}


def _is_api(request: web.Request) -> bool:
    return request.path.startswith("/v1/")


def _refusal(request: web.Request, refused: Refused) -> web.Response:
    headers = {"Retry-After": str(max(1, round(refused.retry_after)))} if refused.retry_after else {}
    if _is_api(request):
        return json_response({"error": refused.message, "hint": refused.hint}, refused.status, headers)
    title = {404: "Not found", 413: "Too long", 429: "Slow down", 503: "Try again soon"}.get(
        refused.status, "That did not work"
    )
    response = render_page(
        request, View(notice=Notice(title, refused.message, refused.hint, refused.field)), refused.status
    )
    response.headers.update(headers)
    return response


@web.middleware
async def _refusals(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refusals and HTTP errors as JSON or a page; anything unexpected as a 500 that says little."""
    web_ = request.app[WEB]
    try:
        response = await handler(request)
    except Refused as refused:
        response = _refusal(request, refused)
    except web.HTTPRedirection:
        web_.count("ok")
        raise
    except web.HTTPException as err:
        response = _refusal(request, _from_http(err))
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("web request failed: %s %s", request.method, request.path)
        web_.count("server_error")
        if web_.metrics is not None:
            web_.metrics.error("web")
        return _refusal(
            request, Refused(500, "Something went wrong answering that.", "Try again in a minute.")
        )
    web_.count("ok" if response.status < 400 else _RESULTS.get(response.status, "bad_request"))
    return response


def _from_http(err: web.HTTPException) -> Refused:
    if err.status == 413:
        return Refused(413, "That request is too large.", "Ask about one model and one rig at a time.")
    if err.status == 404:
        return Refused(404, "There is nothing here.", "Start from the front page.")
    if err.status == 405:
        return Refused(405, f"{err.reason}.", "See /v1/openapi.json for the methods each path takes.")
    return Refused(err.status, f"{err.reason}.", None)


@web.middleware
async def _limits(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The body size, then the address's rate limit, before any work is done."""
    web_ = request.app[WEB]
    if request.content_length is not None and request.content_length > web_.settings.max_body_bytes:
        raise Refused(413, "That request is too large.", "Ask about one model and one rig at a time.")
    suggesting = request.path == "/v1/models/suggest"
    if request.method == "POST" or suggesting:
        who = client_key(request.remote, request.headers.get("X-Forwarded-For"), web_.settings.proxy_hops)
        rate = web_.settings.rate_limit
        share = SUGGEST_SHARE if suggesting else 1
        allowed, retry_after = await web_.service.store.rate_limit(
            f"rate:web{'-suggest' if suggesting else ''}:{who}",
            rate.burst * share,
            rate.per_minute * share / 60.0,
        )
        if not allowed:
            if web_.metrics is not None:
                web_.metrics.rate_limited()
            raise Refused(
                429,
                f"Too many requests from your address: try again in {max(1, round(retry_after))} s.",
                "The limit is per address; the answers of the last hour stay at their links.",
                retry_after=retry_after,
            )
    return await handler(request)


def create_app(
    service: AnswerService, settings: WebSettings, *, metrics: Metrics | None = None
) -> web.Application:
    """The page and the API on `service` (its store keeps permalinks and rate limits)."""
    templates = Environment(
        loader=PackageLoader("bot.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    links = Permalinks(service.store, ttl_s=settings.permalink_ttl_s, base_url=settings.public_url)
    app = web.Application(client_max_size=settings.max_body_bytes, middlewares=[_refusals, _limits])
    app[WEB] = Web(service=service, links=links, settings=settings, templates=templates, metrics=metrics)
    headers = security_headers(app[WEB].secure)

    async def add_headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(headers)
        if request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "public, max-age=3600"

    app.on_response_prepare.append(add_headers)
    add_api_routes(app)
    add_page_routes(app)
    return app


async def serve(settings: Settings, *, stop: asyncio.Event | None = None, handle_signals: bool = True) -> int:
    """Run the page and the API until SIGTERM/SIGINT (or `stop`); /healthz, /readyz and /metrics
    on the health port, as every canirun process serves them. Returns the exit code."""
    stop = stop or asyncio.Event()
    metrics = Metrics()
    service = AnswerService.from_settings(settings, metrics=metrics)
    app = create_app(service, settings.web, metrics=metrics)
    runner = web.AppRunner(app, access_log=None)
    health: HealthServer | None = None
    signals = stop_on_signals(stop) if handle_signals else contextlib.nullcontext()
    with signals:
        try:
            await runner.setup()
            site = web.TCPSite(runner, settings.web.host, settings.web.port)
            await site.start()
            if settings.health.enabled:
                health = HealthServer(
                    metrics, service.store.ping, host=settings.health.host, port=settings.health.port
                )
                try:
                    await health.start()
                except OSError as err:  # the health port is the busy one: name it, not the page's
                    health = None
                    log.error(
                        "the health server cannot listen on %s:%d: %s (set health.port)",
                        settings.health.host,
                        settings.health.port,
                        err,
                    )
                    return 1
            port = runner.addresses[0][1] if runner.addresses else settings.web.port  # port 0: the one bound
            log.info("web page and API on http://%s:%d", settings.web.host, port)
            await stop.wait()
            return 0
        except OSError as err:
            log.error("cannot listen on %s:%d: %s", settings.web.host, settings.web.port, err)
            return 1
        finally:
            if health is not None:
                await health.stop()
            await runner.cleanup()
            await service.close()
