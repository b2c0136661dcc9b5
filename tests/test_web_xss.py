"""The XSS corpus through every way user text reaches a page: each form field (alone, and inside
an otherwise answerable question whose answer is kept at a permalink), permalink ids, request
headers, and the JSON API. No page may hold an element, handler or URL a payload made (the
browser tests run the same corpus and watch that nothing executes)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from tests.web_client import ask_form, form_token, web_client
from tests.xss import PAYLOADS, assert_inert

# (field, the other fields that make the question otherwise answerable)
FIELDS: list[tuple[str, dict[str, str]]] = [
    ("q", {}),
    ("model", {"hardware": "RTX 4090"}),
    ("hardware", {"model": "qwen3 8b"}),
    ("context", {"model": "qwen3 8b", "hardware": "RTX 4090"}),
]


async def _page(client: Any, response: Any) -> str:
    """The page a browser ends on (a redirect to a permalink is followed)."""
    if response.status == 303:
        response = await client.get(response.headers["Location"])
    assert response.status in (200, 400, 404), response.status
    html: str = await response.text()
    return html


@pytest.mark.parametrize("payload", PAYLOADS)
async def test_a_payload_in_any_form_field_stays_text(payload: str) -> None:
    async with web_client() as client:
        for field, others in FIELDS:
            response = await ask_form(client, **{field: payload, **others})
            assert_inert(await _page(client, response), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
async def test_a_payload_inside_an_answerable_question_stays_text_at_its_permalink(payload: str) -> None:
    async with web_client() as client:
        response = await ask_form(client, q=f"can I run qwen3 8b on an RTX 4090 with {payload} 32GB RAM")
        html = await _page(client, response)
    assert_inert(html, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
async def test_a_payload_as_a_permalink_id_is_a_plain_not_found(payload: str) -> None:
    async with web_client() as client:
        response = await client.get("/a/" + quote(payload, safe=""))
        html = await response.text()
    assert response.status == 404
    assert_inert(html, payload)


@pytest.mark.parametrize("payload", PAYLOADS[:12])
async def test_a_payload_in_request_headers_reaches_no_page(payload: str) -> None:
    value = payload.encode("ascii", "ignore").decode()  # headers carry no line separators
    headers = {"User-Agent": value, "Referer": value, "Accept-Language": value, "X-Forwarded-For": value}
    async with web_client() as client:
        token = await form_token(client)
        for name in ("Origin", "Sec-Fetch-Site", "Host"):
            response = await client.post(
                "/ask", data={"csrf": token, "q": "qwen3 8b on a 4090"}, headers={**headers, name: value}
            )
            assert_inert(await response.text(), payload)
        client.session.cookie_jar.update_cookies({"canirun_csrf": value})
        assert_inert(await (await client.get("/", headers=headers)).text(), payload)


@pytest.mark.parametrize("payload", PAYLOADS[:12])
async def test_the_api_returns_payloads_as_json_a_browser_will_not_render(payload: str) -> None:
    async with web_client() as client:
        for path, body in [("/v1/ask", {"text": payload}), ("/v1/parse", {"text": payload}),
                           ("/v1/estimate", {"hardware": payload, "model": "qwen3 8b"})]:  # fmt: skip
            response = await client.post(path, json=body)
            assert response.content_type == "application/json", path
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert "default-src 'none'" in response.headers["Content-Security-Policy"]
