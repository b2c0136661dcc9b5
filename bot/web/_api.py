"""The JSON API: `POST /v1/ask`, `/v1/estimate`, `/v1/best`, `/v1/parse` answer with exactly the
JSON of `canirun ask|estimate|best|parse --json`; `GET /v1/models/suggest` feeds the page's
model autocomplete; `GET /v1/openapi.json` describes them all.

Requests are JSON bodies validated by the models in `_models`; a refused one is
`{"error", "hint"}` with a 4xx status, like the CLI's `--json` errors.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from sizing import CatalogEntry, SizingError, estimate, parse_hardware, refuse_impossible_ram
from sizing.catalog import suggest_models

from ..answers import Answer, Structured, estimate_quant
from ..stores import StoreUnavailable
from ._deps import WEB, Refused, Web
from ._models import AskRequest, BestRequest, EstimateRequest, ParseRequest, Suggestions
from ._openapi import openapi_document
from .parsing import MODEL_TEXT_MAX, InputProblem, parse_context, parse_depth

__all__ = ["add_api_routes", "json_response"]

log = logging.getLogger("canirun.web")

M = TypeVar("M", bound=BaseModel)
SUGGESTIONS_MAX = 25


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON as the CLI prints it (`json.dumps(..., ensure_ascii=False)`)."""
    return web.Response(
        text=json.dumps(data, ensure_ascii=False),
        status=status,
        content_type="application/json",
        charset="utf-8",
        headers=headers,
    )


async def _body(request: web.Request, model: type[M]) -> M:
    if request.content_type != "application/json":
        raise Refused(415, "send the request as JSON", "set Content-Type: application/json")
    raw = await request.read()
    try:
        return model.model_validate_json(raw)
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in err.errors()[:5]
        )
        fields = ", ".join(model.model_fields)
        raise Refused(
            400, f"bad request: {problems}"[:500], f"a JSON object with the fields {fields}"
        ) from None


def _tokens(value: int | str | None, field: str, depth: bool = False) -> int | None:
    try:
        return parse_depth(value) if depth else parse_context(value)
    except InputProblem as err:
        raise Refused(400, f"{field}: {err.message}", err.hint, field=field) from None


async def _answer(web_: Web, answer: Answer) -> web.Response:
    """An answer as the CLI prints it; a Link header names its page when it has one."""
    headers = {}
    if answer.kind not in ("clarify", "error"):
        try:
            link_id = await web_.links.keep(answer)
            headers["Link"] = f'<{web_.links.url(link_id)}>; rel="alternate"; type="text/html"'
        except (StoreUnavailable, OSError) as err:
            log.warning("permalink not stored (%s): answered without a Link", err)
    return json_response(answer.to_contract(), headers=headers)


async def ask(request: web.Request) -> web.Response:
    body = await _body(request, AskRequest)
    web_ = request.app[WEB]
    return await _answer(web_, await web_.service.ask(body.text, offline=body.offline))


async def best(request: web.Request) -> web.Response:
    body = await _body(request, BestRequest)
    web_ = request.app[WEB]
    question = Structured(
        model=None,
        hardware=body.hardware,
        best=True,
        context=_tokens(body.context, "context"),
        task=body.task,
        min_tps=body.min_tps,
    )
    return await _answer(web_, await web_.service.ask_structured(question))


async def estimate_(request: web.Request) -> web.Response:
    body = await _body(request, EstimateRequest)
    catalog = await request.app[WEB].service.catalog()
    context = _tokens(body.context, "context")
    depth = _tokens(body.depth, "depth", depth=True)

    def run() -> dict[str, Any]:  # as `canirun estimate` computes it
        resolution = catalog.resolve(body.model)
        quant, said = estimate_quant(body.model, body.quant, catalog)  # "Qwen3-8B-Q8_0.gguf" says Q8_0
        e = estimate(
            resolution.model,
            parse_hardware(body.hardware),
            quant=quant,
            context=context,
            engine=body.engine,
            backend=body.backend,
            kv_type=body.kv_type or "f16",
            extra_assumptions=resolution.assumptions + said,
            depth=depth,
            users=body.users or 1,
            split_mode=body.split_mode,
        )
        return e.contract().model_dump(mode="json")

    try:
        return json_response(await asyncio.to_thread(run))
    except SizingError as err:
        raise Refused(400, str(err), err.hint) from None


async def parse(request: web.Request) -> web.Response:
    body = await _body(request, ParseRequest)
    try:
        hw = await asyncio.to_thread(parse_hardware, body.text)
        refuse_impossible_ram(hw)  # as an estimate or a question refuses it
    except SizingError as err:
        raise Refused(400, str(err), err.hint) from None
    return json_response(hw.contract().model_dump(mode="json"))


async def suggest(request: web.Request) -> web.Response:
    text = request.query.get("q", "")
    if len(text) > MODEL_TEXT_MAX:
        raise Refused(400, f"q: at most {MODEL_TEXT_MAX} characters", "the start of a model's name")
    try:
        limit = int(request.query.get("limit", "10"))
    except ValueError:
        raise Refused(400, "limit: not a number", "a number from 1 to 25") from None
    if not 1 <= limit <= SUGGESTIONS_MAX:
        raise Refused(400, f"limit: {limit} is outside 1-{SUGGESTIONS_MAX}", "a number from 1 to 25")
    catalog = await request.app[WEB].service.catalog()
    found = suggest_models(text, catalog.index, limit)
    body = Suggestions(models=[CatalogEntry.of(m) for m in found])
    return json_response(body.model_dump(mode="json"), headers={"Cache-Control": "public, max-age=300"})


async def openapi(request: web.Request) -> web.Response:
    public = request.app[WEB].settings.public_url
    return json_response(openapi_document(public or "/"), headers={"Cache-Control": "public, max-age=300"})


def add_api_routes(app: web.Application) -> None:
    app.router.add_post("/v1/ask", ask)
    app.router.add_post("/v1/estimate", estimate_)
    app.router.add_post("/v1/best", best)
    app.router.add_post("/v1/parse", parse)
    app.router.add_get("/v1/models/suggest", suggest)
    app.router.add_get("/v1/openapi.json", openapi)
