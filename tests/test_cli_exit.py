"""The CLI as a process: one request runs without cyclic garbage collection (a batch with it), and the
installed program ends without tearing the interpreter down (bot/_program.py `leave`): what a command
printed, its log lines and its exit code arrive whole, as with Python's own exit."""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import canirun_cli

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "qwen3 8b on a 3060 12gb"
# the installed `canirun` (its console script calls this) and `python -m bot.canirun_cli`
ENTRY_POINTS = {
    "canirun": ["-c", "import sys; from bot._program import canirun; sys.exit(canirun())"],
    "module": ["-m", "bot.canirun_cli"],
}


def _run(entry: str, args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # buffered output, as an installed program writes into a pipe (PYTHONUNBUFFERED would hide a lost buffer)
    dropped = ("CANIRUN_REDIS_URL", "CANIRUN_CONFIG", "PYTHONUNBUFFERED")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, *ENTRY_POINTS[entry], *args],
        cwd=ROOT,
        env={**env, "CANIRUN_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_a_long_output_arrives_whole(entry: str, tmp_path: Path) -> None:
    proc = _run(entry, ["models", "--json"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout) > 4 * io.DEFAULT_BUFFER_SIZE  # written in several parts, the last one at exit
    assert json.loads(proc.stdout)


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["ask", "--json", QUESTION], 0),
        (["ask", "--json", "--no-such-option", QUESTION], 2),
    ],
)
def test_the_exit_code_and_the_answer_are_the_commands(
    entry: str, args: list[str], code: int, tmp_path: Path
) -> None:
    proc = _run(entry, args, tmp_path)
    assert proc.returncode == code, proc.stderr
    assert isinstance(json.loads(proc.stdout), dict)
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("argv", "collecting"),
    [(["parse", "RTX 3090"], False), (["parse", "--batch", "-"], True)],
)
def test_one_request_runs_without_cyclic_collection_and_a_batch_with_it(
    argv: list[str], collecting: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    async def run(args: argparse.Namespace) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(canirun_cli, "_run", run)
    assert canirun_cli.main(argv) == 0
    assert seen == [collecting]


@pytest.mark.parametrize("enabled", [True, False])
def test_a_command_leaves_collection_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert canirun_cli.main(["parse", "--json", "RTX 3090"]) == 0
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
