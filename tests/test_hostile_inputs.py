"""Hostile input through every entry point: an answer or a clear error, never a traceback.

The inputs are the ones that broke entry points before: lone surrogates (a JSON "\\ud800" escape,
invalid UTF-8 on a command line), rich markup and terminal escapes in user text, numbers too big
for a float, thousands of digits, wrong JSON types in a batch line, a reader that leaves the pipe.
Entry points: `canirun` (arguments, --json, --batch), `canirun-bot reddit --preview`,
`canirun-admin`, the AnswerService (what Discord and Reddit call), the Reddit bot through the
stand-in, and the Discord bot through its stand-in.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.admin import main as admin_main
from bot.canirun_cli import main as cli_main
from bot.config import RedditSettings
from bot.reddit import RedditApi, RedditBot
from bot.reddit import main as reddit_main
from bot.service import AnswerService
from bot.stores import MemoryStore
from tests.conftest import MakeBot
from tests.standins.discord_api import DiscordStandIn
from tests.standins.reddit_api import BOT, RedditStandIn

HOSTILE = [
    "can I run qwen3 8b on a 3090 \ud800",  # a lone surrogate, as a JSON "\ud800" escape gives it
    "qwen3 8b on a 3090 \udcff\udcfe",  # invalid UTF-8 bytes, as Python decodes argv
    "[/x] on a 3090",  # rich markup that closes nothing
    "qwen3 8b on a [bold red]3090[/bold red]",
    "qwen3 8b \x1b[2J\x1b]0;owned\x07 on a 3090\r",  # terminal escapes
    "qwen3 8b on 3090 \x00\x85 nul",
    "9" * 3999,
    "qwen3 8b on 3090 " + "9" * 3960 + "k ctx",
    "a " + "9" * 3970 + "B MoE on a 3090",
    "qwen3 8b on a 3090 \u202e\u2066 at 1e400 tokens",
    "x" * 20_000,
    "",
    "   ",
    '{"min_tps": "fast"}',
]
SHORT = [t for t in HOSTILE if len(t) < 200]


@pytest.fixture(autouse=True)
def _env(env: Path) -> None:
    """Every entry point runs in a clean data dir of its own (the `env` fixture)."""


def _no_traceback(text: str) -> None:
    assert "Traceback" not in text and "unexpected problem" not in text, text[-2000:]


def _json_doc(out: str) -> dict[str, Any]:
    doc = json.loads(out)
    assert isinstance(doc, dict)
    return doc


# --- canirun ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("command", ["ask", "parse"])
def test_canirun_text_commands_answer_or_refuse_cleanly(
    command: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli_main([command, text, "--json"])
    out, err = capsys.readouterr()
    _no_traceback(out + err)
    doc = _json_doc(out)
    assert code == 0 or (code == 2 and ("error" in doc or doc.get("kind") == "error"))


@pytest.mark.parametrize("text", SHORT)
def test_canirun_prints_user_text_without_markup_or_escapes(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli_main(["estimate", "--hardware", text, "--model", text])
    out, err = capsys.readouterr()
    _no_traceback(out + err)
    assert code in (0, 2)
    assert "\x1b]0;" not in out + err and "\ud800" not in out + err


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["estimate", "--hardware", "3090", "--model", "qwen3-8b", "--context", "1e400"], "context length"),
        (["estimate", "--hardware", "3090", "--model", "qwen3-8b", "--depth", "9" * 4000], "--depth"),
        (["estimate", "--hardware", "3090", "--model", "qwen3-8b", "--users", "1e400"], "users"),
        (["best", "--hardware", "3090", "--min-tps", "nan"], "min_tps"),
        (["best", "--hardware", "3090", "--min-tps", "-1"], "min_tps"),
    ],
)
def test_impossible_numbers_are_usage_errors_in_json(
    args: list[str], wanted: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli_main([*args, "--json"])
    out, err = capsys.readouterr()
    _no_traceback(out + err)
    assert code == 2 and wanted in _json_doc(out)["error"]


def test_a_bad_batch_line_gives_an_error_line_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        b'{"hardware": "RTX 3090", "min_tps": "fast"}',
        b'{"hardware": "RTX 3090", "min_tps": 20}',
        b'{"hardware": 3090}',
        b'{"hardware": "RTX 3090", "context": 1e400}',
        b'{"hardware": "RTX 3090", "context": true}',
        b'{"hardware": "RTX 3090", "task": ["code"]}',
        b"\xff\xfe not UTF-8",
        b"[1, 2]",
        b'{"hardware": "RTX 3090 \\ud800 \\u001b[2J"}',
        b'{"hardware": "RTX 4090"}',
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(b"\n".join(lines) + b"\n")
    assert cli_main(["best", "--batch", str(batch)]) == 0
    out, err = capsys.readouterr()
    _no_traceback(out + err)
    docs = [json.loads(line) for line in out.splitlines()]
    assert len(docs) == len(lines)
    errors = [i for i, d in enumerate(docs) if "error" in d and "kind" not in d]
    assert errors == [0, 2, 3, 4, 5, 6, 7]
    assert docs[1]["kind"] == docs[8]["kind"] == docs[9]["kind"] == "best"


def test_invalid_utf8_arguments_and_a_reader_that_leaves_are_handled(tmp_path: Path) -> None:
    env = {**os.environ, "CANIRUN_DATA_DIR": str(tmp_path / "data"), "PYTHONIOENCODING": "utf-8"}
    read, write = os.pipe()
    os.close(read)  # the reader is gone before a byte is written: `| head -0`
    runs = [
        [sys.executable, "-m", "bot.canirun_cli", "ask", os.fsdecode(b"qwen3 8b on a 3090 \xff\xfe")],
        [sys.executable, "-m", "bot.canirun_bot_cli", "reddit", "--preview", "qwen3 8b on a 3090"],
        [sys.executable, "-m", "bot.canirun_cli", "models"],
    ]
    outcomes = []
    for i, argv in enumerate(runs):
        stdout = write if i else subprocess.PIPE
        proc = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, env=env, timeout=120, check=False)
        outcomes.append((proc.returncode, proc.stderr.decode("utf-8", "replace")))
        if i == 0:
            assert "Qwen3 8B" in proc.stdout.decode("utf-8")
    os.close(write)
    for code, err in outcomes:
        assert code == 0 and "Traceback" not in err and "BrokenPipe" not in err, err


# --- canirun-bot reddit --preview, canirun-admin ----------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_reddit_preview_answers_any_text(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = reddit_main(["--preview", text])
    out, err = capsys.readouterr()
    _no_traceback(out + err)
    assert code == 0 and out.strip()


@pytest.mark.parametrize("text", SHORT)
@pytest.mark.parametrize(
    "command", [["catalog", "show"], ["catalog", "list", "--search"], ["rigs", "export"]]
)
def test_admin_commands_take_any_argument(
    command: list[str], text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = admin_main([*command, text, "--json"])
    out, err = capsys.readouterr()
    _no_traceback(out + err)
    assert code in (0, 1, 2)
    _json_doc(out)


# --- the service (Discord and Reddit ask through it) -----------------------------------------


async def test_the_service_answers_and_caches_any_text() -> None:
    service = AnswerService(MemoryStore())
    try:
        for text in HOSTILE:
            for _ in range(2):  # the second time from the cache
                answer = await service.ask(text, who=None)
                answer.model_dump_json()  # serializable: what the cache and --json need
                assert answer.kind in ("estimate", "best", "clarify", "error")
                assert "Something went wrong" not in (answer.message or "")  # the apology for a bug
    finally:
        await service.close()


# --- the bots --------------------------------------------------------------------------------


async def test_the_reddit_bot_answers_hostile_comments_once_each(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR)
    async with RedditStandIn() as reddit:
        post = reddit.state.add_submission("LocalLLaMA", "alice", "Rig help")
        items = [reddit.state.add_comment(post, f"user{k}", f"u/{BOT} {t}") for k, t in enumerate(SHORT)]
        api = RedditApi.connect(user_agent="canirun-tests/0.1", call_timeout_s=5.0, **reddit.credentials())
        service = AnswerService(MemoryStore())
        bot = RedditBot(api, service, RedditSettings(max_replies_per_thread=100), username=BOT)
        try:
            for _ in range(3):
                await bot.poll_once()
        finally:
            await api.close()
            await service.close()
        counts = [len(reddit.state.replies_to(c.fullname, author=BOT)) for c in items]
        assert reddit.state.unread_of(BOT) == []
    assert counts == [1] * len(items)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize("text", [t for t in SHORT if t.strip()])
async def test_the_discord_bot_answers_hostile_options(
    make_bot: MakeBot, standin: DiscordStandIn, text: str
) -> None:
    bot = await make_bot()
    for name, options, sub in [
        ("canirun", {"model": text[:100], "hardware": text[:400]}, None),
        ("best", {"hardware": text[:400]}, None),
        ("rig", {"text": text[:400]}, "set"),
    ]:
        [rec] = await standin.deliver(bot, standin.slash(name, options, sub=sub))
        shown = json.dumps(rec.json, ensure_ascii=False)
        assert rec.status < 300 and "Something went wrong" not in shown, shown[:500]


async def test_rig_set_is_rate_limited(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot()
    shown = []
    for k in range(8):
        [rec] = await standin.deliver(
            bot, standin.slash("rig", {"text": f"RTX 3090, {k + 1}6GB RAM"}, sub="set")
        )
        shown.append(json.dumps(rec.json))
    assert not any("Slow down" in s for s in shown[:5])
    assert all("Slow down" in s for s in shown[5:])


@pytest.mark.parametrize(
    "text",
    [
        "M2 Max 64GB " + "9" * 400 + "gb",  # a memory size past a float
        "qwen3 8b on a 3090 " + "9" * 400 + "k ctx",  # a context past a float
        "best coding model for my M2 Max 64GB " + "9" * 3000 + "gb",
    ],
)
def test_the_core_reads_numbers_past_a_float_without_overflow(text: str) -> None:
    from sizing import default_catalog, parse_hardware, read_question

    parse_hardware(text)
    read_question(text, default_catalog().index)
