"""The JSON API: the CLI's contracts byte for byte, every response valid against the OpenAPI
document the server itself serves, and the limits (body size, per-address rate limits in the
store) with their documented refusals."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import Field

from bot.answers import ANSWER_TYPES, Answer
from bot.config import Settings
from bot.health import Metrics
from bot.service import AnswerService
from bot.stores import RedisStore
from bot.web import main as web_main
from bot.web import openapi_document, serve
from bot.web.parsing import CONTEXT_MAX, HARDWARE_TEXT_MAX
from tests.web_client import response_validator, settings, web_client

GOLDEN = Path(__file__).resolve().parent / "data" / "golden" / "cli.jsonl"
_FLAGS = {"--hardware": "hardware", "--model": "model", "--quant": "quant", "--context": "context",
          "--engine": "engine", "--kv-type": "kv_type", "--task": "task", "--min-tps": "min_tps"}  # fmt: skip


def _golden() -> list[tuple[str, dict[str, Any], int, str]]:
    """(path, JSON body, CLI exit code, CLI stdout) for each golden request the API can make."""
    out = []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        command, *args = case["argv"]
        if command in ("parse", "ask"):
            body: dict[str, Any] = {"text": args[0]}
        elif command in ("estimate", "best"):
            body = {_FLAGS[flag]: value for flag, value in zip(args[::2], args[1::2], strict=True)}
            if "min_tps" in body:
                body["min_tps"] = float(body["min_tps"])
        else:
            continue
        out.append((f"/v1/{command}", body, case["exit"], case["stdout"]))
    return out


GOLDEN_CASES = _golden()


def test_every_json_command_of_the_golden_file_is_covered() -> None:
    assert {path for path, *_ in GOLDEN_CASES} == {"/v1/parse", "/v1/estimate", "/v1/ask", "/v1/best"}


@pytest.mark.parametrize(
    ("path", "body", "exit_code", "stdout"),
    GOLDEN_CASES,
    ids=[f"{p[4:]}-{i}" for i, (p, *_) in enumerate(GOLDEN_CASES)],
)
async def test_the_api_answers_with_the_cli_json_byte_for_byte(
    path: str, body: dict[str, Any], exit_code: int, stdout: str
) -> None:
    async with web_client() as client:
        response = await client.post(path, json=body)
        text = await response.text()
    # the CLI exits 2 on a refused request ({"error", "hint"}); an answer of kind "error" is still an answer
    refused = exit_code != 0 and '"kind"' not in stdout
    assert response.status == (400 if refused else 200)
    assert text == stdout.rstrip("\n")


# --- the OpenAPI document ------------------------------------------------------------------------


async def _served_document(client: TestClient[Any, Any]) -> dict[str, Any]:
    response = await client.get("/v1/openapi.json")
    assert response.status == 200
    doc: dict[str, Any] = await response.json()
    return doc


async def test_the_served_document_is_openapi_3_1_with_every_operation() -> None:
    async with web_client() as client:
        doc = await _served_document(client)
    assert doc["openapi"] == "3.1.0"
    assert set(doc["paths"]) == {
        "/v1/ask", "/v1/estimate", "/v1/best", "/v1/parse", "/v1/models/suggest", "/v1/openapi.json"
    }  # fmt: skip
    ids = [op["operationId"] for item in doc["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


def test_every_schema_of_the_document_is_valid_json_schema_and_every_ref_resolves() -> None:
    doc = openapi_document()
    for schema in doc["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    refs = {m for m in _refs(doc)}
    assert refs and all(r.removeprefix("#/components/schemas/") in doc["components"]["schemas"] for r in refs)


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [node["$ref"]] if "$ref" in node else [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def test_the_document_is_generated_from_the_models() -> None:
    schemas = openapi_document()["components"]["schemas"]
    assert set(schemas["Answer"]["properties"]) == set(Answer.model_fields)
    assert set(schemas["EstimateRequest"]["properties"]) >= {"hardware", "model", "context", "engine"}
    assert schemas["EstimateRequest"]["properties"]["hardware"]["maxLength"] == HARDWARE_TEXT_MAX


def test_a_newly_registered_answer_kind_is_in_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    class SizesAnswer(Answer):
        sizes: list[int] = Field(default_factory=list)

    monkeypatch.setitem(ANSWER_TYPES, "sizes", SizesAnswer)
    doc = openapi_document()
    ok = doc["paths"]["/v1/ask"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert {"$ref": "#/components/schemas/SizesAnswer"} in ok["anyOf"]
    assert "sizes" in doc["components"]["schemas"]["SizesAnswer"]["properties"]


# (method, path, JSON body or raw text, content type) -> the status it must get
REQUESTS: list[tuple[str, str, Any, str, int]] = [
    ("post", "/v1/ask", {"text": "gpt-oss-120b on a 4090 + 64gb ddr5"}, "application/json", 200),
    ("post", "/v1/ask", {"text": "can I run qwen3 30b?"}, "application/json", 200),
    ("post", "/v1/ask", {"text": "x" * 5000}, "application/json", 200),
    ("post", "/v1/ask", {"text": ""}, "application/json", 400),
    ("post", "/v1/ask", {"question": "qwen3 on a 3090"}, "application/json", 400),
    ("post", "/v1/ask", '{"text": ', "application/json", 400),
    ("post", "/v1/ask", "text=qwen3", "application/x-www-form-urlencoded", 415),
    ("post", "/v1/ask", {"text": "a" * 20_000}, "application/json", 413),
    # offline, as `canirun ask --offline` and `ask --batch` take it: a named repo is never read
    ("post", "/v1/ask", {"text": "org-x/Qwen3-8B-ft on a 3060", "offline": True}, "application/json", 200),
    ("post", "/v1/ask", {"text": "qwen3 8b on a 3060", "offline": "yes"}, "application/json", 400),
    (
        "post",
        "/v1/estimate",
        {"hardware": "RTX 4090", "model": "qwen3 8b", "users": 4},
        "application/json",
        200,
    ),
    (
        "post",
        "/v1/estimate",
        {"hardware": "RTX 4090", "model": "qwen3 8b", "depth": "32k"},
        "application/json",
        200,
    ),
    (
        "post",
        "/v1/estimate",
        {"hardware": "RTX 4090", "model": "qwen3 8b", "depth": 0},
        "application/json",
        400,
    ),
    ("post", "/v1/estimate", {"hardware": "RTX 4090", "model": "zorblax 9000"}, "application/json", 400),
    (
        "post",
        "/v1/estimate",
        {"hardware": "RTX 4090", "model": "qwen3 8b", "engine": "tgi"},
        "application/json",
        400,
    ),
    (
        "post",
        "/v1/estimate",
        {"hardware": "RTX 4090", "model": "qwen3 8b", "context": CONTEXT_MAX * 2},
        "application/json",
        400,
    ),
    (
        "post",
        "/v1/estimate",
        {"hardware": "RTX 4090", "model": "qwen3 8b", "context": "lots"},
        "application/json",
        400,
    ),
    (
        "post",
        "/v1/estimate",
        {"hardware": "r" * (HARDWARE_TEXT_MAX + 1), "model": "qwen3 8b"},
        "application/json",
        400,
    ),
    ("post", "/v1/best", {"hardware": "RTX 4090, 64GB DDR5", "context": 32768}, "application/json", 200),
    ("post", "/v1/best", {"hardware": "RTX 4090", "task": "poetry"}, "application/json", 400),
    ("post", "/v1/best", {"hardware": "nothing at all"}, "application/json", 200),
    ("post", "/v1/parse", {"text": "2x 3090, 64GB DDR5"}, "application/json", 200),
    ("post", "/v1/parse", {"text": "y" * 5000}, "application/json", 400),
    ("post", "/v1/parse", [1, 2], "application/json", 400),
    ("get", "/v1/models/suggest?q=qwen3%2030", None, "", 200),
    ("get", "/v1/models/suggest?q=", None, "", 200),
    ("get", "/v1/models/suggest?q=" + "q" * 201, None, "", 400),
    ("get", "/v1/models/suggest?q=llama&limit=99", None, "", 400),
    ("get", "/v1/models/suggest?q=llama&limit=ten", None, "", 400),
]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/estimate", {"hardware": "RTX 4090", "model": "qwen3 8b", "context": True}, "context"),
        ("/v1/estimate", {"hardware": "RTX 4090", "model": "qwen3 8b", "users": True}, "users"),
        ("/v1/estimate", {"hardware": "RTX 4090", "model": "qwen3 8b", "depth": False}, "depth"),
        ("/v1/best", {"hardware": "RTX 4090", "min_tps": True}, "min_tps"),
    ],
)
async def test_json_true_and_false_are_no_numbers(path: str, body: Any, field: str) -> None:
    async with web_client() as client:
        response = await _send(client, "post", path, body, "application/json")
        assert response.status == 400
        payload = await response.json()
    assert field in json.dumps(payload) and "1 tokens" not in json.dumps(payload)


async def test_absurd_ram_is_refused_in_words() -> None:
    body = {"hardware": "RTX 4090, 99999999999999999999999 GB RAM", "model": "qwen3 8b"}
    async with web_client() as client:
        response = await _send(client, "post", "/v1/estimate", body, "application/json")
        assert response.status == 400
        payload = await response.json()
    assert "more than any machine holds" in payload["error"] and "65,536 GB" in payload["hint"]


def _send(client: TestClient[Any, Any], method: str, path: str, body: Any, ctype: str) -> Any:
    if method == "get":
        return client.get(path)
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(path, data=data.encode(), headers={"Content-Type": ctype})


@pytest.mark.parametrize(("method", "path", "body", "ctype", "status"), REQUESTS)
async def test_every_response_is_documented_and_validates_against_the_served_schema(
    method: str, path: str, body: Any, ctype: str, status: int
) -> None:
    async with web_client() as client:
        doc = await _served_document(client)
        response = await _send(client, method, path, body, ctype)
        assert response.status == status
        assert response.content_type == "application/json"
        payload = await response.json()
    response_validator(doc, path.split("?")[0], method, status).validate(payload)


@hyp_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), path=st.sampled_from(["/v1/ask", "/v1/parse"]))
async def test_any_text_gets_a_documented_valid_response(text: str, path: str) -> None:
    async with web_client() as client:
        doc = await _served_document(client)
        response = await client.post(path, json={"text": text})
        payload = await response.json()
    assert response.status in (200, 400)
    response_validator(doc, path, "post", response.status).validate(payload)


# --- limits --------------------------------------------------------------------------------------


async def test_an_address_over_its_rate_limit_is_refused_with_retry_after() -> None:
    web = settings(rate_limit={"burst": 2, "per_minute": 1})
    async with web_client(web=web) as client:
        doc = await _served_document(client)
        statuses = [(await client.post("/v1/parse", json={"text": "RTX 3090"})).status for _ in range(2)]
        refused = await client.post("/v1/parse", json={"text": "RTX 3090"})
        payload = await refused.json()
    assert statuses == [200, 200] and refused.status == 429
    assert int(refused.headers["Retry-After"]) >= 1
    response_validator(doc, "/v1/parse", "post", 429).validate(payload)


async def test_suggestions_have_a_bucket_of_their_own() -> None:
    web = settings(rate_limit={"burst": 1, "per_minute": 1})
    async with web_client(web=web) as client:
        assert (await client.post("/v1/parse", json={"text": "RTX 3090"})).status == 200
        assert (await client.get("/v1/models/suggest?q=qwen")).status == 200


@pytest.mark.parametrize(("hops", "separate"), [(1, True), (0, False)])
async def test_forwarded_addresses_count_apart_only_behind_a_configured_proxy(
    hops: int, separate: bool
) -> None:
    web = settings(rate_limit={"burst": 1, "per_minute": 1}, proxy_hops=hops)
    async with web_client(web=web) as client:
        first = await client.post(
            "/v1/parse", json={"text": "RTX 3090"}, headers={"X-Forwarded-For": "203.0.113.7"}
        )
        other = await client.post(
            "/v1/parse", json={"text": "RTX 3090"}, headers={"X-Forwarded-For": "203.0.113.8"}
        )
    assert first.status == 200
    assert other.status == (200 if separate else 429)


@pytest.mark.redis
async def test_replicas_on_one_redis_share_each_address_budget(redis_url: str) -> None:
    web = settings(rate_limit={"burst": 2, "per_minute": 1})
    stores = [RedisStore(redis_url), RedisStore(redis_url)]
    try:
        async with (
            web_client(AnswerService(stores[0]), web) as a,
            web_client(AnswerService(stores[1]), web) as b,
        ):
            got = [(await c.post("/v1/parse", json={"text": "RTX 3090"})).status for c in (a, b, a)]
    finally:
        for s in stores:
            await s.close()
    assert got == [200, 200, 429]


async def test_a_body_over_the_limit_is_refused_before_it_is_read() -> None:
    async with web_client(web=settings(max_body_bytes=2048)) as client:
        response = await client.post("/v1/ask", json={"text": "q" * 3000})
        assert response.status == 413
        assert (await response.json())["error"]


# --- permalinks from the API ---------------------------------------------------------------------


async def test_an_answer_names_its_page_in_a_link_header_and_the_page_shows_it() -> None:
    async with web_client() as client:
        response = await client.post("/v1/ask", json={"text": "llama 3.1 8b on an RTX 4090"})
        answer = await response.json()
        link = response.headers["Link"]
        assert link.endswith('; rel="alternate"; type="text/html"')
        page = await client.get(link[1 : link.index(">")])
        html = await page.text()
    assert page.status == 200
    assert answer["catalog_version"] in html and "Llama 3.1 8B" in html


async def test_a_question_back_has_no_link() -> None:
    async with web_client() as client:
        response = await client.post("/v1/ask", json={"text": "can I run qwen3 30b?"})
        kind = (await response.json())["kind"]
    assert kind == "clarify" and "Link" not in response.headers


async def test_with_a_public_address_the_link_is_absolute() -> None:
    async with web_client(web=settings(public_url="https://canirun.example")) as client:
        response = await client.post("/v1/best", json={"hardware": "M2 Max 64GB"})
    assert response.headers["Link"].startswith("<https://canirun.example/a/")


# --- running it ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_serve_answers_on_its_port_with_health_and_metrics_beside_it(tmp_path: Path) -> None:
    web_port, health_port = _free_port(), _free_port()
    config = Settings(
        data_dir=tmp_path,
        web={"host": "127.0.0.1", "port": web_port},
        health={"host": "127.0.0.1", "port": health_port},
    )
    stop = asyncio.Event()
    running = asyncio.create_task(serve(config, stop=stop, handle_signals=False))
    try:
        async with ClientSession() as http:
            for _ in range(100):
                try:
                    page = await http.get(f"http://127.0.0.1:{web_port}/")
                    break
                except OSError:
                    await asyncio.sleep(0.05)
            assert page.status == 200
            ready = await http.get(f"http://127.0.0.1:{health_port}/readyz")
            metrics = await (await http.get(f"http://127.0.0.1:{health_port}/metrics")).text()
    finally:
        stop.set()
        code = await asyncio.wait_for(running, 10)
    assert ready.status == 200 and code == 0
    assert 'canirun_replies_total{platform="web",result="ok"}' in metrics


@pytest.mark.parametrize("busy", ["web", "health"])
async def test_a_busy_port_is_named_as_the_one_that_is_busy(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, busy: str
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = {"web": _free_port(), "health": _free_port(), busy: taken.getsockname()[1]}
        config = Settings(
            data_dir=tmp_path,
            web={"host": "127.0.0.1", "port": ports["web"]},
            health={"host": "127.0.0.1", "port": ports["health"]},
        )
        code = await asyncio.wait_for(serve(config, stop=asyncio.Event(), handle_signals=False), 10)
    said = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert code == 1 and len(said) == 1
    assert f":{ports[busy]}" in said[0] and ("health" in said[0]) == (busy == "health")


async def test_the_web_process_answers_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANIRUN_")} | {
        "CANIRUN_WEB__HOST": "127.0.0.1",
        "CANIRUN_WEB__PORT": "0",  # a free port, read back from the log line
        "CANIRUN_HEALTH__ENABLED": "false",
        "CANIRUN_DATA_DIR": str(tmp_path / "data"),
        "CANIRUN_LOG_JSON": "true",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.canirun_bot_cli", "web", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stderr is not None
    log = ""
    try:
        while (found := re.search(r"web page and API on http://127.0.0.1:(\d+)", log)) is None:
            line = await asyncio.wait_for(proc.stderr.readline(), 60)
            assert line, "the web process exited:\n" + log
            log += line.decode(errors="replace")
        async with ClientSession() as http:
            response = await http.post(
                f"http://127.0.0.1:{found.group(1)}/v1/parse", json={"text": "RTX 3090"}
            )
            assert response.status == 200 and (await response.json())["gpus"][0]["id"] == "rtx-3090"
    finally:
        proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(proc.wait(), 30)
    assert code == 0


async def test_requests_are_counted_by_result() -> None:
    metrics = Metrics()
    async with web_client(metrics=metrics) as client:
        await client.post("/v1/parse", json={"text": "RTX 3090"})
        await client.post("/v1/parse", data=b"{}", headers={"Content-Type": "text/plain"})
    text = metrics.exposition().decode()
    assert 'canirun_replies_total{platform="web",result="ok"} 1.0' in text
    assert 'canirun_replies_total{platform="web",result="bad_request"} 1.0' in text


def test_print_openapi_prints_the_served_document(capsys: pytest.CaptureFixture[str], env: Path) -> None:
    assert web_main(["--print-openapi"]) == 0
    assert json.loads(capsys.readouterr().out) == openapi_document("/")
