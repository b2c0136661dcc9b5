"""Health endpoints and metrics over real HTTP on loopback."""

from __future__ import annotations

import logging

import aiohttp

from bot.health import HealthServer, Metrics
from bot.logs import JsonFormatter, SecretFilter
from bot.service import AnswerService
from bot.stores import MemoryStore


async def _up() -> bool:
    return True


async def _down() -> bool:
    return False


async def _get(port: int, path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as s, s.get(f"http://127.0.0.1:{port}{path}") as r:
        return r.status, await r.text()


async def test_healthz_is_ok_while_the_process_runs() -> None:
    server = HealthServer(Metrics(), _down, host="127.0.0.1", port=0)
    port = await server.start()
    assert (await _get(port, "/healthz"))[0] == 200
    await server.stop()


async def test_readyz_follows_the_store() -> None:
    up = HealthServer(Metrics(), _up, host="127.0.0.1", port=0)
    down = HealthServer(Metrics(), _down, host="127.0.0.1", port=0)
    assert (await _get(await up.start(), "/readyz"))[0] == 200
    assert (await _get(await down.start(), "/readyz"))[0] == 503
    await up.stop()
    await down.stop()


async def test_metrics_count_questions_and_cache_hits() -> None:
    metrics = Metrics()
    service = AnswerService(MemoryStore(), metrics=metrics)
    for _ in range(3):
        await service.ask("qwen3 8b on an RTX 4060 Ti 16GB?")
    server = HealthServer(metrics, _up, host="127.0.0.1", port=0)
    status, body = await _get(await server.start(), "/metrics")
    await server.stop()
    assert status == 200
    assert 'canirun_cache_total{outcome="hit"} 2.0' in body
    assert 'canirun_cache_total{outcome="miss"} 1.0' in body
    assert "canirun_answer_seconds_bucket" in body


def test_json_log_lines_carry_level_logger_and_message() -> None:
    record = logging.LogRecord("canirun.test", logging.WARNING, __file__, 1, "redis down for %ss", (3,), None)
    line = JsonFormatter().format(record)
    assert '"level": "warning"' in line and '"msg": "redis down for 3s"' in line


def test_secret_values_are_masked_in_log_lines() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token is %s", ("abcdef123456",), None)
    SecretFilter(["abcdef123456"]).filter(record)
    assert record.getMessage() == "token is ***"
