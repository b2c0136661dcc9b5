"""Regular expressions kept compiled between runs of `canirun` (bot/compiled_patterns.py): a pattern a run
compiled is served to the next run from the file, the same pattern `re.compile` makes; a pattern
whose text changes from run to run does not rewrite the file at every start; a missing, unreadable
or turned-off cache means compiling as before."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import compiled_patterns as _patterns

pytestmark = pytest.mark.skipif(
    not _patterns._SUPPORTED, reason="a Python whose re keeps compiled patterns otherwise"
)

ROOT = Path(__file__).resolve().parents[1]
# named groups, a flag, a lookbehind and an alternation: what the readers' patterns use
PATTERN = r"(?<![a-z0-9])(?P<count>\d+)\s*x\s*(?P<card>rtx\s*\d{4}|rx\s*\d{4}\s*xtx)(?![a-z])"
TEXTS = ["2x RTX 3090, 64GB", "1 x rx 7900 xtx", "a3x rtx 4090", "no card here", "2X RTX 40900"]


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CANIRUN_CACHE_DIR", str(tmp_path))
    re.purge()
    yield tmp_path
    re.purge()


def _run_compiling(*patterns: tuple[str | bytes, int]) -> _patterns.Patterns:
    """One run: load what is kept, compile `patterns`, keep what the run compiled."""
    re.purge()
    kept = _patterns.preload()
    for pattern, flags in patterns:
        re.compile(pattern, flags)
    _patterns.keep(kept)
    return kept


def _kept_patterns(cache: Path) -> set[str | bytes]:
    (path,) = cache.glob("patterns-*.pickle")
    return {entry[0] for entry in _patterns._read(path) if entry[3] is not None}


def test_a_pattern_one_run_compiled_is_served_compiled_to_the_next() -> None:
    _run_compiling((PATTERN, re.I))
    re.purge()
    kept = _patterns.preload()
    served = re.compile(PATTERN, re.I)
    re.purge()
    fresh = re.compile(PATTERN, re.I)
    assert (str, PATTERN, int(re.I)) in kept.entries
    assert served is not fresh
    assert served == fresh  # same text, flags and compiled code
    assert served.groupindex == fresh.groupindex


@pytest.mark.parametrize("text", TEXTS)
def test_a_served_pattern_matches_as_a_fresh_one(text: str) -> None:
    _run_compiling((PATTERN, re.I))
    re.purge()
    _patterns.preload()
    served = re.compile(PATTERN, re.I)
    re.purge()
    fresh = re.compile(PATTERN, re.I)
    assert [m.groupdict() | {"at": m.span()} for m in served.finditer(text)] == [
        m.groupdict() | {"at": m.span()} for m in fresh.finditer(text)
    ]


def test_the_first_run_keeps_every_pattern_it_compiled(cache: Path) -> None:
    _run_compiling((PATTERN, re.I), (r"\d+\s*gb", 0))
    assert {PATTERN, r"\d+\s*gb"} <= _kept_patterns(cache)


def test_a_new_pattern_is_kept_once_two_runs_in_a_row_compiled_it(cache: Path) -> None:
    _run_compiling((PATTERN, re.I))
    _run_compiling((PATTERN, re.I), (r"(?P<gb>\d+)\s*gb", 0))
    assert r"(?P<gb>\d+)\s*gb" not in _kept_patterns(cache)
    _run_compiling((PATTERN, re.I), (r"(?P<gb>\d+)\s*gb", 0))
    assert r"(?P<gb>\d+)\s*gb" in _kept_patterns(cache)


def test_a_pattern_that_changes_at_every_run_leaves_the_file_as_it_is(cache: Path) -> None:
    _run_compiling((PATTERN, re.I))
    (path,) = cache.glob("patterns-*.pickle")
    written = path.stat().st_mtime_ns, path.read_bytes()
    for n in range(3):
        _run_compiling((PATTERN, re.I), (f"run{n}|other{n}", 0))
    assert (path.stat().st_mtime_ns, path.read_bytes()) == written


def test_an_unreadable_file_means_compiling_as_before_and_is_written_again(cache: Path) -> None:
    _run_compiling((PATTERN, re.I))
    (path,) = cache.glob("patterns-*.pickle")
    path.write_bytes(b"not a pickle")
    kept = _run_compiling((PATTERN, re.I))
    assert kept.entries == {}
    assert PATTERN in _kept_patterns(cache)


def test_a_form_the_engine_refuses_means_compiling_as_before(cache: Path) -> None:
    _run_compiling((PATTERN, re.I))
    (path,) = cache.glob("patterns-*.pickle")
    entries = _patterns._read(path)
    _patterns._write(path, [(e[0], e[1], e[2], [999999], *e[4:]) for e in entries])
    re.purge()
    kept = _patterns.preload()
    assert kept.entries == {}
    assert (str, PATTERN, int(re.I)) not in re._cache  # type: ignore[attr-defined]


def test_a_file_damaged_on_disk_is_never_handed_to_the_engine(cache: Path) -> None:
    _run_compiling((PATTERN, re.I))
    (path,) = cache.glob("patterns-*.pickle")
    raw = bytearray(path.read_bytes())
    raw[-20] ^= 0xFF  # one byte of a compiled form changed after it was written
    path.write_bytes(bytes(raw))
    re.purge()
    assert _patterns.preload().entries == {}
    assert (str, PATTERN, int(re.I)) not in re._cache  # type: ignore[attr-defined]


class _RunsCode:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(self.marker),))


def test_a_file_that_names_code_is_refused_without_running_it(cache: Path, tmp_path: Path) -> None:
    _run_compiling((PATTERN, re.I))
    (path,) = cache.glob("patterns-*.pickle")
    marker = tmp_path / "ran"
    _patterns._write(path, [_RunsCode(marker)])
    re.purge()
    assert _patterns.preload().entries == {}
    assert not marker.exists()


def test_a_file_others_may_write_is_not_read(cache: Path) -> None:
    _run_compiling((PATTERN, re.I))
    (path,) = cache.glob("patterns-*.pickle")
    path.chmod(0o666)
    re.purge()
    assert _patterns.preload().entries == {}


def test_the_file_never_holds_more_than_re_caches(cache: Path) -> None:
    limit: int = getattr(re, "_MAXCACHE", 512)
    for run in range(3):
        batch = [(f"(?:run{run})-{k}-[a-z]", 0) for k in range(limit // 2 + 10)]
        _run_compiling(*batch)
        _run_compiling(*batch)  # compiled two runs in a row: added to the file
    (path,) = cache.glob("patterns-*.pickle")
    assert len(_patterns._read(path)) <= limit


def test_a_pattern_compiled_for_the_locale_is_never_kept(cache: Path) -> None:
    _run_compiling((PATTERN, re.I), (rb"[a-z]+", re.LOCALE))  # type: ignore[call-overload]
    assert rb"[a-z]+" not in _kept_patterns(cache)
    re.purge()
    kept = _patterns.preload()
    assert (bytes, rb"[a-z]+", int(re.LOCALE)) in kept.entries  # known, so never pending again
    assert (bytes, rb"[a-z]+", int(re.LOCALE)) not in re._cache  # type: ignore[attr-defined]


def test_the_file_is_readable_by_the_user_alone(cache: Path) -> None:
    _run_compiling((PATTERN, re.I))
    (path,) = cache.glob("patterns-*.pickle")
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_cache_turned_off_writes_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANIRUN_CACHE_DIR", "")
    kept = _run_compiling((PATTERN, re.I))
    assert kept.path is None
    assert not list(cache.iterdir())


def test_the_cli_keeps_the_question_readers_patterns(cache: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CANIRUN_REDIS_URL", "CANIRUN_CONFIG")}
    env |= {"CANIRUN_CACHE_DIR": str(cache), "CANIRUN_DATA_DIR": str(tmp_path / "data")}
    ask = [sys.executable, "-m", "bot.canirun_cli", "ask", "--json", "can I run qwen3 30b on an RTX 3090?"]
    answers = [
        subprocess.run(ask, cwd=ROOT, env=env, capture_output=True, text=True, check=True) for _ in range(3)
    ]
    assert json.loads(answers[0].stdout) == json.loads(answers[2].stdout)
    kept = _kept_patterns(cache)
    assert len(kept) > 100
    assert any(isinstance(p, str) and "qwen" in p and "llama" in p for p in kept)  # where model names begin
