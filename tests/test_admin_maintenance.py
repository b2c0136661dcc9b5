"""`canirun-admin cache ...`, `rigs ...` (privacy requests) and `discord sync`."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.admin import main
from bot.stores import EmbeddedStore, RedisStore, Store


@pytest.fixture(params=["embedded", "redis"])
def store(request: pytest.FixtureRequest, env: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The store the CLI will open, for the test to fill first."""
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        monkeypatch.setenv("CANIRUN_REDIS_URL", url)
        return RedisStore(url)
    return EmbeddedStore(env / "data" / "canirun.sqlite3")


def admin(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def fill(store: Store, *calls: tuple[str, tuple[Any, ...]]) -> None:
    async def run() -> None:
        for name, args in calls:
            await getattr(store, name)(*args)
        await store.close()

    asyncio.run(run())


def test_rigs_export_and_delete(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    fill(
        store,
        ("rig_set", ("discord", "42", "2x RTX 3090, 64GB RAM")),
        ("rig_set", ("reddit", "42", "M2 Max 96GB")),
        ("rig_set", ("discord", "7", "RTX 4090")),
    )
    code, out = admin(capsys, "rigs", "export", "42")
    assert code == 0 and out == {
        "user": "42",
        "rigs": {"discord": "2x RTX 3090, 64GB RAM", "reddit": "M2 Max 96GB"},
    }
    code, out = admin(capsys, "rigs", "delete", "42")
    assert code == 0 and out["deleted"] == 2
    assert admin(capsys, "rigs", "export", "42")[1]["rigs"] == {}
    assert admin(capsys, "rigs", "export", "7")[1]["rigs"] == {"discord": "RTX 4090"}


def test_cache_stats_and_flush_on_redis(
    redis_url: str, env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CANIRUN_REDIS_URL", redis_url)
    fill(RedisStore(redis_url), *(("cache_set", (f"answer:v:{i}", "{}", 60)) for i in range(3)))
    code, out = admin(capsys, "cache", "stats")
    assert code == 0 and out["entries"] == 3 and out["shared"]
    code, out = admin(capsys, "cache", "flush")
    assert code == 0 and out["flushed"] == 3
    assert admin(capsys, "cache", "stats")[1]["entries"] == 0


def test_cache_on_the_embedded_store_says_it_lives_in_each_bot(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = admin(capsys, "cache", "stats")
    assert code == 0 and not out["shared"] and "inside each bot process" in out["note"]


def test_discord_sync_without_a_token_is_a_message(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["discord", "sync"])
    err = capsys.readouterr().err
    assert code in (1, 2) and "Traceback" not in err and err.strip()


def test_discord_sync_when_the_frontend_is_missing(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "bot.discord", None)  # as if bot/discord were not installed
    code, out = admin(capsys, "discord", "sync", "--force")
    assert code == 2 and "not available" in out["error"]


def test_help_and_usage_errors(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "catalog" in capsys.readouterr().out
    code, out = admin(capsys, "rigs", "export")
    assert code == 2 and "user" in out["error"]


def test_an_empty_user_is_refused_not_looked_up(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("export", "delete"):
        code, out = admin(capsys, "rigs", command, "  ")
        assert code == 2 and out["error"] == "no user given" and out["hint"]


def test_a_read_with_redis_down_says_the_store_is_unreachable(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.redis_server import free_port

    monkeypatch.setenv("CANIRUN_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    code, out = admin(capsys, "cache", "stats")
    assert code == 1 and "store unavailable" in out["error"] and "save" not in out["error"]
    assert "Redis" in out["hint"]


def test_positional_arguments_say_what_they_take(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["catalog", "validate"], ["catalog", "add"], ["catalog", "show"], ["rigs", "export"]):
        assert main([*argv, "--help"]) == 0
        listed = capsys.readouterr().out.split("positional arguments:")[1].split("options:")[0]
        name_and_help = listed.strip().splitlines()[0].split(None, 1)
        assert len(name_and_help) == 2, listed  # "file   a YAML list of entries ..."
