"""The web frontend in a test: the real aiohttp application on a local port, a client for it, and
the OpenAPI document's schemas as validators."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer
from jsonschema import Draft202012Validator

from bot.config import WebSettings
from bot.health import Metrics
from bot.service import AnswerService
from bot.stores import MemoryStore
from bot.web import create_app

ROOMY = {"burst": 100_000, "per_minute": 1_000_000.0}  # rate limits out of the way
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def settings(**values: Any) -> WebSettings:
    return WebSettings.model_validate({"rate_limit": ROOMY, **values})


@contextlib.asynccontextmanager
async def web_client(
    service: AnswerService | None = None, web: WebSettings | None = None, metrics: Metrics | None = None
) -> AsyncIterator[TestClient[Any, Any]]:
    """A client of the page and the API on `service` (default: a fresh in-memory store)."""
    service = service or AnswerService(MemoryStore())
    app = create_app(service, web or settings(), metrics=metrics)
    async with TestClient(TestServer(app)) as client:
        yield client


async def form_token(client: TestClient[Any, Any]) -> str:
    """Open the page as a browser would: its cookie is kept by the client, its token returned."""
    page = await (await client.get("/")).text()
    found = _CSRF.search(page)
    assert found is not None
    return found.group(1)


async def ask_form(client: TestClient[Any, Any], **fields: str) -> ClientResponse:
    """Post the question form like the page does (token included), without following redirects."""
    token = await form_token(client)
    return await client.post("/ask", data={"csrf": token, **fields}, allow_redirects=False)


def response_validator(doc: dict[str, Any], path: str, method: str, status: int) -> Draft202012Validator:
    """The JSON Schema of one documented response, with the document's components to resolve refs."""
    operation = doc["paths"][path][method]
    responses = operation["responses"]
    assert str(status) in responses, f"{method.upper()} {path} answered {status}, which it does not document"
    schema = responses[str(status)]["content"]["application/json"]["schema"]
    return Draft202012Validator({**schema, "components": doc["components"]})


def request_validator(doc: dict[str, Any], path: str) -> Draft202012Validator:
    schema = doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    return Draft202012Validator({**schema, "components": doc["components"]})
