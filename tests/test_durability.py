"""A bot runs on durable state or not at all; only the CLI may run on memory, and says so."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.admin import main as admin_main
from bot.config import Settings
from bot.stores import EmbeddedStore, MemoryStore, StoreNotDurable, store_from_settings


def unwritable(tmp_path: Path) -> Path:
    """A data dir that cannot be created: its parent is a file (root ignores permission bits)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    return blocker / "data"


def not_a_database(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "canirun.sqlite3").write_bytes(b"definitely not SQLite " * 200)
    return data


@pytest.mark.parametrize("broken", [unwritable, not_a_database])
def test_a_bot_store_is_refused_when_the_state_file_cannot_be_written(tmp_path: Path, broken: object) -> None:
    data = broken(tmp_path)  # type: ignore[operator]
    with pytest.raises(StoreNotDurable, match="cannot write the state file"):
        store_from_settings(Settings(data_dir=data))


def test_the_cli_store_falls_back_to_memory_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = store_from_settings(Settings(data_dir=unwritable(tmp_path)), allow_memory=True)
    assert isinstance(store, MemoryStore) and not store.durable
    assert "nothing is kept" in caplog.text


@pytest.mark.parametrize(
    ("argv", "env"),
    [
        (
            ["bot.canirun_bot_cli", "reddit"],
            {
                k: "x"
                for k in ("REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET", "REDDIT_USERNAME", "REDDIT_PASSWORD")
            },
        ),
        (["bot.canirun_bot_cli", "discord", "--no-sync"], {"DISCORD_TOKEN": "x"}),
        (["bot.canirun_bot_cli", "web", "--port", "0"], {}),
    ],
)
def test_the_frontends_refuse_to_start_without_durable_state(
    tmp_path: Path, argv: list[str], env: dict[str, str]
) -> None:
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CANIRUN_", "REDDIT_", "DISCORD_"))},
        **env,
        "CANIRUN_DATA_DIR": str(unwritable(tmp_path)),
        "CANIRUN_HEALTH__ENABLED": "false",
    }
    proc = subprocess.run(
        [sys.executable, "-m", *argv], capture_output=True, text=True, env=environ, timeout=120, check=False
    )
    assert proc.returncode == 2, proc.stderr
    assert "cannot write the state file" in proc.stderr and "Traceback" not in proc.stderr


def test_the_cli_still_answers_and_warns(tmp_path: Path) -> None:
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CANIRUN_")},
        "CANIRUN_DATA_DIR": str(unwritable(tmp_path)),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bot.canirun_cli", "ask", "qwen3 8b on a 3060 12gb"],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0 and "Qwen3 8B" in proc.stdout
    assert "nothing is kept" in proc.stderr


def test_admin_commands_need_a_durable_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CANIRUN_DATA_DIR", str(unwritable(tmp_path)))
    monkeypatch.delenv("CANIRUN_REDIS_URL", raising=False)
    assert admin_main(["catalog", "history"]) == 1
    assert "no durable store" in capsys.readouterr().err


async def test_the_embedded_store_is_ready_only_while_it_can_write(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "state.sqlite3")
    assert await store.ping()
    other = sqlite3.connect(str(tmp_path / "state.sqlite3"), isolation_level=None)
    other.execute("begin exclusive")  # another process holds the file past the write budget
    try:
        assert not await store.ping()
    finally:
        other.execute("rollback")
        other.close()
    assert await store.ping()
    await store.close()
