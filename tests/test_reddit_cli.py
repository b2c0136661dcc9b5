"""`canirun-bot reddit`: --preview without credentials, friendly refusals, a real run ended by SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import load_secrets, load_settings
from bot.reddit import main, serve
from tests.standins.reddit_api import BOT, RedditStandIn, until

CREDENTIAL_ENV = ("REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET", "REDDIT_USERNAME", "REDDIT_PASSWORD")
BOT_CLI = Path(sys.executable).parent / "canirun-bot"


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No credentials, no config file, state under tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDDIT_", "CANIRUN_", "PRAW"))}
    return env | {"CANIRUN_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)} | extra


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("CANIRUN_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
async def reddit() -> AsyncIterator[RedditStandIn]:
    async with RedditStandIn() as server:
        yield server


async def test_preview_prints_the_reply_without_credentials_or_network(tmp_path: Path) -> None:
    proc = await asyncio.create_subprocess_exec(
        str(BOT_CLI),
        "reddit",
        "--preview",
        "u/canirun",
        "--post",
        "I have 2x3090 and 64GB, can I run Qwen3 235B?",
        env=clean_env(tmp_path, http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9"),
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, err.decode()
    text = out.decode()
    assert "Qwen3 235B" in text and "RTX 3090" in text and "| Device |" in text and "!optout" in text
    assert not (tmp_path / "data").exists()  # the preview keeps nothing


def test_preview_in_process_for_a_question_missing_the_rig(
    no_credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--preview", "u/canirun can I run gpt-oss-120b?"]) == 0
    out = capsys.readouterr().out
    assert "What hardware?" in out and "Example" in out


def test_preview_of_a_quoted_summons_says_no_reply(
    no_credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--preview", "> u/canirun can I run qwen3 8b on a 3090?\n\nlol, my 4090 is faster"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("(no reply:") and "quote or code" in out and "Qwen3" not in out


def test_missing_credentials_name_the_environment_variables(
    no_credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    assert all(name in err for name in CREDENTIAL_ENV) and "--preview" in err


def test_help_and_bad_options(no_credentials: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0 and "--preview" in capsys.readouterr().out
    assert main(["--bogus"]) == 2


async def test_refused_login_exits_2(
    reddit: RedditStandIn, no_credentials: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in reddit.environment().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("REDDIT_PASSWORD", "wrong-password")
    monkeypatch.setenv("CANIRUN_HEALTH__ENABLED", "false")
    code = await asyncio.wait_for(serve(load_settings(), load_secrets(), handle_signals=False), 10)
    assert code == 2


async def test_bot_process_answers_and_stops_cleanly_on_sigterm(
    reddit: RedditStandIn, tmp_path: Path
) -> None:
    post = reddit.state.add_submission(
        "LocalLLaMA", "alice", "Help", "I have 2x3090 and 64GB, can I run Qwen3 235B?"
    )
    c = reddit.state.add_comment(post, "bob", f"u/{BOT}")
    env = clean_env(
        tmp_path,
        **reddit.environment(),
        CANIRUN_HEALTH__PORT="0",
        CANIRUN_HEALTH__HOST="127.0.0.1",
        CANIRUN_REDDIT__POLL_INTERVAL_S="0.05",
        CANIRUN_LOG_JSON="true",
    )
    proc = await asyncio.create_subprocess_exec(
        str(BOT_CLI),
        "reddit",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await until(lambda: reddit.state.replies_to(c.fullname, author=BOT), timeout=30)
        await until(lambda: not reddit.state.unread_of(BOT), timeout=5)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert "Qwen3 235B" in reddit.state.replies_to(c.fullname, author=BOT)[0].body
    assert "hunter2" not in err.decode()  # the password never reaches a log line
