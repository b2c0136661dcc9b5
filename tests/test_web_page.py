"""The page, server-rendered: the form works without JavaScript (post, then the answer's
permalink), questions back keep the fields, the form is CSRF-safe, the input limits are the
bots', and every response carries the security headers with a strict Content-Security-Policy."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from bot.service import AnswerService
from bot.stores import MemoryStore, StoreUnavailable
from bot.web.parsing import HARDWARE_TEXT_MAX, MODEL_TEXT_MAX, QUESTION_MAX
from tests.web_client import ask_form, form_token, settings, web_client

QUESTION = "can I run qwen3 30b on an RTX 3090 with 32GB RAM?"


class Elements(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def by_id(self, element_id: str) -> dict[str, str | None]:
        (found,) = [a for _, a in self.tags if a.get("id") == element_id]
        return found


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def verdict_of(html: str) -> str:
    found = re.search(r'<p id="verdict"[^>]*>(.*?)</p>', html, re.S)
    assert found is not None
    return found.group(1)


# --- the form, without JavaScript ----------------------------------------------------------------


async def test_the_page_has_the_form_with_a_token_matching_a_strict_cookie() -> None:
    async with web_client() as client:
        response = await client.get("/")
        html = await response.text()
    cookie = response.cookies["canirun_csrf"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
    page = elements(html)
    assert page.by_id("ask")["method"] == "post" and page.by_id("ask")["action"] == "/ask"
    assert next(a["value"] for t, a in page.tags if a.get("name") == "csrf") == cookie.value
    assert page.by_id("q")["maxlength"] == str(QUESTION_MAX)
    assert page.by_id("model")["maxlength"] == str(MODEL_TEXT_MAX)
    assert page.by_id("hardware")["maxlength"] == str(HARDWARE_TEXT_MAX)


async def test_a_question_is_answered_at_its_permalink() -> None:
    async with web_client() as client:
        posted = await ask_form(client, q=QUESTION)
        assert posted.status == 303
        location = posted.headers["Location"]
        assert re.fullmatch(r"/a/[a-z2-7]{12}", location)
        page = await client.get(location)
        html = await page.text()
    assert page.status == 200 and page.headers["Cache-Control"] == "no-store"
    assert "fits fully on the GPU" in verdict_of(html) and "Qwen3 30B A3B" in html
    assert re.search(r"Answered with catalog bundled-\w+ · estimator \w+", html)
    assert f'href="{location}"' in html


async def test_the_same_reading_in_other_words_gets_the_same_permalink() -> None:
    async with web_client() as client:
        first = await ask_form(client, q="can I run qwen3 30b on 2x 3090?")
        second = await ask_form(client, q="qwen3 30b a3b, two RTX 3090s: will it run?")
    assert first.headers["Location"] == second.headers["Location"]


async def test_a_permalink_shows_the_reading_not_the_words_typed() -> None:
    async with web_client() as client:
        posted = await ask_form(client, q="hello friends, can I run qwen3 30b on a 3090 pretty please")
        html = await (await client.get(posted.headers["Location"])).text()
    assert "pretty please" not in html and "hello friends" not in html
    assert "Qwen3 30B A3B" in html and "RTX 3090" in html


@pytest.mark.parametrize(
    ("fields", "kind", "shown"),
    [
        ({"model": "qwen3 8b", "hardware": "RTX 4090"}, "estimate", "Qwen3 8B"),
        ({"hardware": "M2 Max 64GB"}, "best", "Models that keep up"),
        ({"q": "can I run it?", "model": "llama 3.1 8b", "hardware": "RTX 3060 12GB", "context": "16k"},
         "estimate", "16,384 context"),
    ],
)  # fmt: skip
async def test_the_fields_ask_alone_or_add_to_the_question(
    fields: dict[str, str], kind: str, shown: str
) -> None:
    async with web_client() as client:
        posted = await ask_form(client, **fields)
        assert posted.status == 303
        html = await (await client.get(posted.headers["Location"])).text()
    assert f'data-kind="{kind}"' in html and shown in html


async def test_a_question_back_shows_in_place_with_the_fields_kept() -> None:
    async with web_client() as client:
        response = await ask_form(client, q="can I run qwen3 30b?", context="32k")
        html = await response.text()
    assert response.status == 200
    assert "What hardware?" in verdict_of(html)
    page = elements(html)
    assert page.by_id("context")["value"] == "32k"
    assert ">can I run qwen3 30b?</textarea>" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Ask a question, or fill in the model and the hardware."),
        ({"q": "x" * (QUESTION_MAX + 1)}, "That question is too long"),
        ({"model": "m" * (MODEL_TEXT_MAX + 1), "hardware": "RTX 3090"}, "That model name is too long"),
        (
            {"model": "qwen3 8b", "hardware": "h" * (HARDWARE_TEXT_MAX + 1)},
            "That hardware description is too long",
        ),
        ({"model": "qwen3 8b", "hardware": "RTX 3090", "context": "lots"}, "is not a number of tokens"),
        ({"model": "qwen3 8b", "hardware": "RTX 3090", "context": "100"}, "is outside 512–10,485,760"),
    ],
)
async def test_input_over_the_bots_limits_is_refused_with_the_fields_kept(
    fields: dict[str, str], message: str
) -> None:
    async with web_client() as client:
        response = await ask_form(client, **fields)
        html = await response.text()
    assert response.status == 400 and message in verdict_of(html).replace("&#34;", '"')
    if "context" in fields:
        assert elements(html).by_id("context")["value"] == fields["context"]


async def test_an_unknown_permalink_is_a_page_that_says_so() -> None:
    async with web_client() as client:
        response = await client.get("/a/aaaaaaaaaaaa")
        html = await response.text()
    assert response.status == 404 and "expired or never existed" in html


async def test_a_permalink_the_store_cannot_read_is_a_503_page() -> None:
    class Down(MemoryStore):
        async def kv_get(self, key: str) -> str | None:
            raise StoreUnavailable("storage is down")

    async with web_client(AnswerService(Down())) as client:
        response = await client.get("/a/aaaaaaaaaaaa")
    assert response.status == 503


async def test_an_answer_the_store_cannot_keep_is_shown_in_place() -> None:
    class Full(MemoryStore):
        async def kv_set(self, key: str, value: str, ttl_s: float | None = None) -> None:
            raise StoreUnavailable("storage is down")

    async with web_client(AnswerService(Full())) as client:
        response = await ask_form(client, q=QUESTION)
        html = await response.text()
    assert response.status == 200 and "fits fully on the GPU" in verdict_of(html)
    assert 'id="permalink"' not in html


async def test_an_address_over_its_limit_gets_a_page_that_says_when_to_come_back() -> None:
    async with web_client(web=settings(rate_limit={"burst": 1, "per_minute": 1})) as client:
        token = await form_token(client)
        await client.post("/ask", data={"csrf": token, "q": QUESTION}, allow_redirects=False)
        refused = await client.post("/ask", data={"csrf": token, "q": QUESTION}, allow_redirects=False)
        html = await refused.text()
    assert refused.status == 429 and "try again in" in verdict_of(html) and refused.headers["Retry-After"]


async def test_a_form_body_over_the_limit_is_refused() -> None:
    async with web_client(web=settings(max_body_bytes=2048)) as client:
        token = await form_token(client)
        response = await client.post("/ask", data={"csrf": token, "q": "q" * 5000})
    assert response.status == 413


# --- CSRF ----------------------------------------------------------------------------------------


async def _post_with(token: str | None, cookie: bool, headers: dict[str, str]) -> int:
    async with web_client() as client:
        real = await form_token(client)
        if not cookie:
            client.session.cookie_jar.clear()
        data = {"q": QUESTION} | ({"csrf": real if token == "real" else token} if token else {})
        response = await client.post("/ask", data=data, headers=headers, allow_redirects=False)
        return response.status


@pytest.mark.parametrize(
    ("token", "cookie", "headers", "status"),
    [
        ("real", True, {}, 303),
        ("real", True, {"Origin": "SELF", "Sec-Fetch-Site": "same-origin"}, 303),
        (None, True, {}, 403),
        ("real", False, {}, 403),
        ("forged-token-forged-token-forged", True, {}, 403),
        ("real", True, {"Origin": "https://evil.example"}, 403),
        ("real", True, {"Origin": "null"}, 403),
        ("real", True, {"Sec-Fetch-Site": "cross-site"}, 403),
    ],
    ids=[
        "own-form",
        "own-origin",
        "no-token",
        "no-cookie",
        "forged",
        "other-origin",
        "null-origin",
        "cross-site",
    ],
)
async def test_only_the_sites_own_form_is_answered(
    token: str | None, cookie: bool, headers: dict[str, str], status: int
) -> None:
    if headers.get("Origin") == "SELF":
        async with web_client() as client:
            headers = {**headers, "Origin": f"http://{client.host}:{client.port}"}
            real = await form_token(client)
            response = await client.post("/ask", data={"q": QUESTION, "csrf": real}, headers=headers,
                                         allow_redirects=False)  # fmt: skip
            assert response.status == status
        return
    assert await _post_with(token, cookie, headers) == status


async def test_the_api_takes_no_form_posts() -> None:
    """A cross-site page can post a form anywhere, but never with Content-Type: application/json."""
    async with web_client() as client:
        response = await client.post("/v1/ask", data={"text": QUESTION})
    assert response.status == 415


# --- security headers and the policy --------------------------------------------------------------


async def _responses() -> list[tuple[str, Any, str]]:
    """(what, response, body) for each kind of response the server gives."""
    out: list[tuple[str, Any, str]] = []
    async with web_client() as client:
        for what, call in [
            ("page", client.get("/")),
            ("static", client.get("/static/canirun.js")),
            ("missing", client.get("/a/zzzzzzzzzzzz")),
            ("api", client.post("/v1/parse", json={"text": "RTX 3090"})),
            ("api-error", client.post("/v1/parse", data="x")),
            ("no-route", client.get("/wp-admin")),
        ]:
            response = await call
            out.append((what, response, await response.text()))
        token = await form_token(client)
        redirect = await client.post("/ask", data={"csrf": token, "q": QUESTION}, allow_redirects=False)
        out.append(("redirect", redirect, ""))
    return out


async def test_every_response_carries_the_security_headers() -> None:
    for what, response, _ in await _responses():
        h = response.headers
        csp = h["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp, what
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp, (
            what
        )
        assert "require-trusted-types-for 'script'" in csp and "form-action 'self'" in csp, what
        assert h["X-Content-Type-Options"] == "nosniff" and h["X-Frame-Options"] == "DENY", what
        assert h["Referrer-Policy"] == "same-origin", what
        assert "Strict-Transport-Security" not in h, what  # plain HTTP: no HSTS promise


async def test_an_https_public_address_adds_hsts_and_secure_cookies() -> None:
    async with web_client(web=settings(public_url="https://canirun.example")) as client:
        response = await client.get("/")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert response.cookies["canirun_csrf"]["secure"]


async def test_the_page_has_no_inline_script_style_or_handlers() -> None:
    async with web_client() as client:
        pages = [await (await client.get("/")).text()]
        posted = await ask_form(client, q=QUESTION)
        pages.append(await (await client.get(posted.headers["Location"])).text())
        pages.append(await (await ask_form(client, q="can I run qwen3 30b?")).text())
    for html in pages:
        page = elements(html)
        scripts = [a for t, a in page.tags if t == "script"]
        assert len(scripts) == 1 and (scripts[0]["src"] or "").startswith("/static/canirun.js?v=")
        assert "<script>" not in html and "<style" not in html
        assert not [(t, k) for t, a in page.tags for k in a if k == "style" or k.startswith("on")]


async def test_static_files_are_versioned_by_content_and_cached() -> None:
    async with web_client() as client:
        html = await (await client.get("/")).text()
        css = re.search(r'href="(/static/canirun\.css\?v=[0-9a-f]{10})"', html)
        assert css is not None
        response = await client.get(css.group(1))
        missing = await client.get("/static/nothing.js")
    assert response.status == 200 and response.content_type == "text/css"
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert missing.status == 404
