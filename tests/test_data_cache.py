"""The pre-parsed data cache (sizing/data_cache.py): a shortcut that never changes an answer and
never fails one."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sizing.catalog import Catalog, default_catalog, load_models
from sizing.data_cache import cache_dir, load_built, load_cached
from sizing.hardware import DeviceDatabase, default_database, load_device_data, parse_hardware

ROOT = Path(__file__).resolve().parents[1]


def _parse_counting(calls: list[bytes]) -> Callable[[bytes], dict[str, str]]:
    def parse(raw: bytes) -> dict[str, str]:
        calls.append(raw)
        return {"text": raw.decode()}

    return parse


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    data = tmp_path / "package"
    data.mkdir()
    (data / "rows.yaml").write_text("a: 1\n")
    return data


def test_a_second_load_reads_the_cache_not_the_parser(bundled: Path, tmp_path: Path) -> None:
    calls: list[bytes] = []
    parse = _parse_counting(calls)
    first = load_cached(bundled / "rows.yaml", parse, version="v", directory=tmp_path / "c", bundled=bundled)
    second = load_cached(bundled / "rows.yaml", parse, version="v", directory=tmp_path / "c", bundled=bundled)
    assert first == second == {"text": "a: 1\n"}
    assert len(calls) == 1


def test_an_edited_file_is_parsed_again_and_its_old_entry_replaced(bundled: Path, tmp_path: Path) -> None:
    calls: list[bytes] = []
    parse = _parse_counting(calls)
    cache = tmp_path / "c"
    load_cached(bundled / "rows.yaml", parse, version="v", directory=cache, bundled=bundled)
    (bundled / "rows.yaml").write_text("a: 2\n")
    again = load_cached(bundled / "rows.yaml", parse, version="v", directory=cache, bundled=bundled)
    assert again == {"text": "a: 2\n"}
    assert len(calls) == 2
    assert len(list(cache.glob("rows-*.pickle"))) == 1


def test_another_parser_version_does_not_read_the_old_entry(bundled: Path, tmp_path: Path) -> None:
    calls: list[bytes] = []
    parse = _parse_counting(calls)
    for version in ("v1", "v2"):
        load_cached(bundled / "rows.yaml", parse, version=version, directory=tmp_path / "c", bundled=bundled)
    assert len(calls) == 2


def test_a_corrupt_entry_is_parsed_again_and_rewritten(bundled: Path, tmp_path: Path) -> None:
    calls: list[bytes] = []
    parse = _parse_counting(calls)
    cache = tmp_path / "c"
    load_cached(bundled / "rows.yaml", parse, version="v", directory=cache, bundled=bundled)
    (entry,) = cache.glob("rows-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_cached(bundled / "rows.yaml", parse, version="v", directory=cache, bundled=bundled) == {
        "text": "a: 1\n"
    }
    assert load_cached(bundled / "rows.yaml", parse, version="v", directory=cache, bundled=bundled) == {
        "text": "a: 1\n"
    }
    assert len(calls) == 2


@pytest.mark.parametrize("damage", [b"\x80\x05\x95", b"\x80\x05K\x01\x85R."])
def test_an_entry_damaged_in_any_way_is_parsed_again(bundled: Path, tmp_path: Path, damage: bytes) -> None:
    calls: list[bytes] = []
    parse = _parse_counting(calls)
    cache = tmp_path / "c"
    load_cached(bundled / "rows.yaml", parse, version="v", directory=cache, bundled=bundled)
    (entry,) = cache.glob("rows-*.pickle")
    entry.write_bytes(damage)  # a truncated entry; a reduce call on a number
    again = load_cached(bundled / "rows.yaml", parse, version="v", directory=cache, bundled=bundled)
    assert again == {"text": "a: 1\n"}
    assert len(calls) == 2


def test_an_entry_others_may_write_is_not_read(bundled: Path, tmp_path: Path) -> None:
    calls: list[bytes] = []
    parse = _parse_counting(calls)
    cache = tmp_path / "c"
    load_cached(bundled / "rows.yaml", parse, version="v", directory=cache, bundled=bundled)
    (entry,) = cache.glob("rows-*.pickle")
    entry.write_bytes(pickle.dumps({"text": "planted"}))
    entry.chmod(0o666)
    again = load_cached(bundled / "rows.yaml", parse, version="v", directory=cache, bundled=bundled)
    assert again == {"text": "a: 1\n"}


def test_an_unwritable_cache_directory_still_gives_the_data(bundled: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")  # a directory under a regular file cannot be made, even by root
    calls: list[bytes] = []
    parse = _parse_counting(calls)
    for _ in range(2):
        got = load_cached(bundled / "rows.yaml", parse, version="v", directory=blocker / "c", bundled=bundled)
        assert got == {"text": "a: 1\n"}
    assert len(calls) == 2


def test_files_outside_the_package_are_never_cached(bundled: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("b: 1\n")
    calls: list[bytes] = []
    for _ in range(2):
        load_cached(outside, _parse_counting(calls), version="v", directory=tmp_path / "c", bundled=bundled)
    assert len(calls) == 2
    assert not (tmp_path / "c").exists()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"CANIRUN_CACHE_DIR": "/x/y"}, Path("/x/y")),
        ({"CANIRUN_CACHE_DIR": ""}, None),
        ({"XDG_CACHE_HOME": "/xdg"}, Path("/xdg/canirun")),
    ],
)
def test_where_the_cache_lives(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: Path | None
) -> None:
    monkeypatch.delenv("CANIRUN_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert cache_dir() == expected


def _ask(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("CANIRUN_REDIS_URL", "CANIRUN_CONFIG")}
    return subprocess.run(
        [sys.executable, "-m", "bot.canirun_cli", "ask", "--json", "qwen3 8b on a 3060 12gb"],
        cwd=ROOT,
        env={**base, "CANIRUN_DATA_DIR": str(tmp_path / "data"), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_cli_answers_the_same_with_a_cold_a_warm_and_an_unwritable_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    runs = [
        _ask({"CANIRUN_CACHE_DIR": str(tmp_path / "cache")}, tmp_path / "1"),  # builds the cache
        _ask({"CANIRUN_CACHE_DIR": str(tmp_path / "cache")}, tmp_path / "2"),  # reads it
        _ask({"CANIRUN_CACHE_DIR": str(blocker / "cache")}, tmp_path / "3"),  # cannot write one
    ]
    assert [r.returncode for r in runs] == [0, 0, 0], runs[-1].stderr
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert list((tmp_path / "cache").glob("*.pickle"))


def _build_counting(calls: list[int], value: object) -> Callable[[], object]:
    def build() -> object:
        calls.append(1)
        return value

    return build


def test_a_built_entry_is_read_back_for_the_same_inputs_and_code(tmp_path: Path) -> None:
    calls: list[int] = []
    build = _build_counting(calls, {"index": [1, 2]})
    first = load_built("idx", b"rows", build, version="code1", kind=dict, directory=tmp_path)
    second = load_built("idx", b"rows", build, version="code1", kind=dict, directory=tmp_path)
    assert first == second == {"index": [1, 2]}
    assert len(calls) == 1


@pytest.mark.parametrize(("inputs", "version"), [(b"other rows", "code1"), (b"rows", "code2")])
def test_other_inputs_or_code_build_again_and_replace_the_entry(
    tmp_path: Path, inputs: bytes, version: str
) -> None:
    calls: list[int] = []
    build = _build_counting(calls, {"index": []})
    load_built("idx", b"rows", build, version="code1", kind=dict, directory=tmp_path)
    load_built("idx", inputs, build, version=version, kind=dict, directory=tmp_path)
    assert len(calls) == 2
    assert len(list(tmp_path.glob("idx-*.pickle"))) == 1


def test_another_installs_entry_of_the_same_name_is_kept(tmp_path: Path) -> None:
    """Two installs (virtual environments, checkouts) share the user's cache directory: each keeps
    its own entry, so neither rebuilds over the other's at every start."""
    other = tmp_path / "idx-000000000000-00000000000000000000000000000000.pickle"
    other.write_bytes(pickle.dumps({"index": ["other install"]}))
    build = _build_counting([], {"index": []})
    load_built("idx", b"rows", build, version="v", kind=dict, directory=tmp_path)
    assert other.exists()
    assert len(list(tmp_path.glob("idx-*.pickle"))) == 2


def test_an_entry_of_another_kind_is_built_again(tmp_path: Path) -> None:
    calls: list[int] = []
    load_built("idx", b"rows", _build_counting(calls, ["a list"]), version="v", kind=list, directory=tmp_path)
    again = load_built(
        "idx", b"rows", _build_counting(calls, {"k": 1}), version="v", kind=dict, directory=tmp_path
    )
    assert again == {"k": 1}
    assert len(calls) == 2


def test_the_kept_catalog_equals_a_fresh_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANIRUN_CACHE_DIR", str(tmp_path))
    default_catalog.cache_clear()
    try:
        built = default_catalog()  # built, and written
        default_catalog.cache_clear()
        kept = default_catalog()  # read back
    finally:
        default_catalog.cache_clear()
    fresh = Catalog.build(load_models())
    assert list(tmp_path.glob("catalog-*.pickle"))
    assert kept is not built
    for catalog in (built, kept):
        assert (catalog.version, catalog.models) == (fresh.version, fresh.models)
        assert catalog.index.entries == fresh.index.entries
        assert catalog.index.exact == fresh.index.exact
        assert catalog.index.typed_names == fresh.index.typed_names
        assert all(catalog.index.exact[k] is catalog.by_id[m.id] for k, m in catalog.index.exact.items())


def test_the_kept_device_database_equals_a_fresh_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANIRUN_CACHE_DIR", str(tmp_path))
    default_database.cache_clear()
    try:
        built = default_database()
        default_database.cache_clear()
        kept = default_database()
    finally:
        default_database.cache_clear()
    fresh = DeviceDatabase.build(load_device_data())
    assert list(tmp_path.glob("devices-*.pickle"))
    assert kept is not built
    for db in (built, kept):
        assert (db.data, db.keys, db.key_prefixes, db.cpus) == (
            fresh.data,
            fresh.keys,
            fresh.key_prefixes,
            fresh.cpus,
        )
        assert dict(db.cpu_index.anchors) == dict(fresh.cpu_index.anchors)
        assert db.cpu_index.branch_patterns == fresh.cpu_index.branch_patterns


@pytest.mark.parametrize("rig", ["2x RTX 3090, 64GB DDR4", "Ryzen 9 7950X, 128GB DDR5", "M2 Max 96GB"])
def test_a_rig_reads_the_same_with_the_kept_database(
    rig: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = parse_hardware(rig, DeviceDatabase.build(load_device_data())).contract()
    monkeypatch.setenv("CANIRUN_CACHE_DIR", str(tmp_path))
    default_database.cache_clear()
    try:
        default_database()
        default_database.cache_clear()
        kept = parse_hardware(rig, default_database()).contract()
    finally:
        default_database.cache_clear()
    assert kept == fresh
