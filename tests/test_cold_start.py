"""What a cold `canirun ask` loads: a question about one model on one rig imports neither the bots'
stacks (Discord, Reddit, the web, Redis, the chart) nor the parts of the core that other kinds of
question use (ranking, requirements, capacity, comparison); with --json it draws nothing, so it
does not import the terminal renderer either."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "can I run qwen3 30b on an RTX 3090 with 32GB RAM?"
# run the CLI in this process, then name every module it loaded
LOADED = (
    "import json, sys; from bot.canirun_cli import main; code = main(sys.argv[1:]); "
    "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}), file=sys.stderr)"
)
NOT_FOR_ONE_ESTIMATE = (
    "discord",
    "aiohttp",
    "redis",
    "asyncpraw",
    "asyncprawcore",
    "matplotlib",
    "PIL",
    "bot.discord",
    "bot.reddit",
    "bot.web",
    "bot.admin",
    "bot.render.chart",
    "sizing.best",
    "sizing.requirements",
    "sizing.capacity",
    "sizing.compare",
)


def _loaded(tmp_path: Path, *args: str, cache: Path | None = None) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CANIRUN_REDIS_URL", "CANIRUN_CONFIG")}
    if cache is not None:
        env["CANIRUN_CACHE_DIR"] = str(cache)
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args],
        cwd=ROOT,
        env={**env, "CANIRUN_DATA_DIR": str(tmp_path / "data")},
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    modules: list[str] = report["modules"]
    return modules


@pytest.fixture(scope="module")
def ask_modules(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _loaded(tmp_path_factory.mktemp("ask"), "ask", QUESTION)


@pytest.mark.parametrize("module", NOT_FOR_ONE_ESTIMATE)
def test_ask_about_one_model_on_one_rig_does_not_import(ask_modules: list[str], module: str) -> None:
    assert not [m for m in ask_modules if m == module or m.startswith(module + ".")]


def test_ask_draws_with_the_terminal_renderer(ask_modules: list[str]) -> None:
    assert "bot.render.terminal" in ask_modules


def test_ask_json_does_not_import_the_terminal_renderer(tmp_path: Path) -> None:
    modules = _loaded(tmp_path, "ask", "--json", QUESTION)
    assert not [m for m in modules if m == "rich" or m.startswith("rich.")]
    assert "bot.render.terminal" not in modules


def test_a_question_for_the_best_models_imports_the_ranking(tmp_path: Path) -> None:
    modules = _loaded(tmp_path, "ask", "--json", "what are the best models for an RTX 3090 with 32GB RAM?")
    assert "sizing.best" in modules


def test_ask_with_the_data_cache_built_parses_no_yaml_and_reads_no_settings_library(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _loaded(tmp_path, "ask", "--json", QUESTION, cache=cache)  # builds the cache
    modules = _loaded(tmp_path, "ask", "--json", QUESTION, cache=cache)
    assert not [m for m in modules if m.split(".")[0] in ("yaml", "pydantic_settings")]


def test_ask_writes_no_state_file(tmp_path: Path) -> None:
    _loaded(tmp_path, "ask", "--json", QUESTION)
    assert not (tmp_path / "data" / "canirun.sqlite3").exists()
