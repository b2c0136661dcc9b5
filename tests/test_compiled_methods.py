"""The methods `dataclasses` writes, kept compiled between runs of `canirun` (bot/compiled_methods.py):
a class made from the kept code is the class `dataclasses` makes without it; a run that compiles
nothing new leaves the file as it is; a missing, damaged, foreign or turned-off cache means
compiling as before."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import compiled_methods as _methods

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CANIRUN_CACHE_DIR", str(tmp_path))
    yield tmp_path
    assert "exec" not in vars(dataclasses)  # every run below gave the built-in back


def _make() -> type:
    @dataclasses.dataclass(frozen=True, slots=True, order=True)
    class Rig:
        name: str
        vram_gb: float = 24.0
        cards: tuple[str, ...] = dataclasses.field(default_factory=tuple)

    return Rig


def _run() -> tuple[type, _methods.Methods]:
    """One run: load what is kept, make the class, keep what the run compiled."""
    kept = _methods.preload()
    try:
        made = _make()
    finally:
        _methods.keep(kept)
    return made, kept


def _file(cache: Path) -> Path:
    (path,) = cache.glob("methods-*.marshal")
    return path


def test_the_first_run_keeps_the_code_of_every_method_it_compiled(cache: Path) -> None:
    _, first = _run()
    kept = _methods._read(_file(cache))
    assert first.compiled
    assert kept is not None and set(first.used) <= set(kept)
    assert any("def __init__(self,name:" in text for text in kept)


def test_the_next_run_compiles_nothing_and_leaves_the_file_as_it_is(cache: Path) -> None:
    _run()
    before = _file(cache).read_bytes()
    _, second = _run()
    assert second.used and not second.compiled
    assert _file(cache).read_bytes() == before


def test_a_class_made_from_kept_code_is_the_class_made_without_it() -> None:
    _run()
    served, run = _run()
    fresh = _make()
    assert not run.compiled
    for name in ("__init__", "__repr__", "__eq__", "__lt__", "__hash__", "__setattr__"):
        assert getattr(served, name).__code__ == getattr(fresh, name).__code__, name
    assert served.__init__.__annotations__ == fresh.__init__.__annotations__  # no flags of this module
    a, b = served("RTX 3090"), fresh("RTX 3090")
    assert (repr(a), hash(a), a.cards) == (repr(b), hash(b), b.cards)
    assert served("A") < served("B") and served("A", 24.0) == served("A", 24.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.name = "x"


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-10],  # cut short
        lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]),  # one bit flipped
        lambda raw: b"something else\n" + raw,
    ],
)
def test_a_damaged_file_is_never_run_and_is_written_again(cache: Path, damage: Any) -> None:
    _run()
    path = _file(cache)
    path.write_bytes(damage(path.read_bytes()))
    _, run = _run()
    assert not run.kept and run.compiled
    assert _methods._read(path) is not None


def test_a_file_holding_anything_but_texts_and_code_is_refused(cache: Path) -> None:
    _run()
    path = _file(cache)
    from bot.compiled_patterns import write_checked

    write_checked(path, _methods._HEADER, marshal.dumps({"def f(): pass": 1}))
    assert _methods._read(path) is None


def test_a_file_others_may_write_is_not_read(cache: Path) -> None:
    _run()
    path = _file(cache)
    path.chmod(0o666)
    assert _methods._read(path) is None
    run = _methods.preload()
    _methods.keep(run)
    assert not run.kept


def test_the_file_is_readable_by_the_user_alone(cache: Path) -> None:
    _run()
    assert _file(cache).stat().st_mode & 0o077 == 0


def test_the_cache_turned_off_writes_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANIRUN_CACHE_DIR", "")
    _, run = _run()
    assert run.path is None
    assert not list(cache.iterdir())


def test_the_file_never_holds_more_than_the_limit(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_methods, "LIMIT", 3)
    _run()
    kept = _methods._read(_file(cache))
    assert kept is not None and len(kept) == 3


def test_the_cli_keeps_the_methods_of_the_core_s_dataclasses(cache: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CANIRUN_REDIS_URL", "CANIRUN_CONFIG")}
    env |= {"CANIRUN_CACHE_DIR": str(cache), "CANIRUN_DATA_DIR": str(tmp_path / "data")}
    ask = [sys.executable, "-m", "bot.canirun_cli", "ask", "--json", "can I run qwen3 30b on an RTX 3090?"]
    answers = [
        subprocess.run(ask, cwd=ROOT, env=env, capture_output=True, text=True, check=True) for _ in "ab"
    ]
    assert json.loads(answers[0].stdout) == json.loads(answers[1].stdout)
    kept = _methods._read(_file(cache))
    assert kept is not None and len(kept) > 300
    # the core's MemoryEstimate
    assert any("kv:_type_kv,placement:_type_placement,rig:_type_rig" in text for text in kept)
