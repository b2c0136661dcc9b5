"""Shared fixtures: the bundled catalog and device database, and a real redis-server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sizing import Catalog, default_catalog, default_database
from sizing.hardware import DeviceDatabase
from tests._redis import RedisProcess


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture(scope="session")
def db() -> DeviceDatabase:
    return default_database()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisProcess]:
    """One redis-server for the session; use `redis_url` for a clean database per test."""
    server = RedisProcess(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisProcess) -> str:
    redis_server.flush()
    return redis_server.url


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisProcess]:
    """A redis-server of this test's own, to stop, kill and restart (fault drills)."""
    server = RedisProcess(tmp_path / "redis").start()
    yield server
    server.kill()
