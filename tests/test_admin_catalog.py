"""`canirun-admin catalog ...` on the embedded store and on a real redis-server: the live catalog's life."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.admin import Change, latest, main, publish
from bot.catalog_live import parse_overlay
from bot.stores import EmbeddedStore, RedisStore, Store
from sizing import default_catalog

ENTRY = """
- id: {id}
  name: {name}
  family: Test
  org: canirun tests
  params_b: {params}
  max_context: 8192
  layers: 32
  hidden: 4096
  heads: 32
  kv_heads: 8
  head_dim: 128
  vocab: 128256
  ffn: 14336
  sources: ["written for the tests: Llama-3.1-8B shapes"]
"""
BROKEN = """
- id: broken-model
  name: Broken
  family: Test
  org: tests
  params_b: 8
  max_context: 8192
  layers: 0
  hidden: 4096
  kv_heads: 8
  head_dim: 128
  vocab: 128256
  ffn: 14336
  layrs: 32
  sources: [nowhere]
"""


@pytest.fixture(params=["embedded", "redis"])
def store_env(request: pytest.FixtureRequest, env: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "redis":
        monkeypatch.setenv("CANIRUN_REDIS_URL", request.getfixturevalue("redis_url"))
    return str(request.param)


def admin(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def entry_file(path: Path, mid: str, name: str | None = None, params: float = 8.03) -> str:
    path.write_text(ENTRY.format(id=mid, name=name or mid, params=params))
    return str(path)


def test_validate_accepts_a_good_file(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = admin(capsys, "catalog", "validate", entry_file(env / "good.yaml", "test-8b"))
    assert code == 0 and out["valid"] and out["models"] == ["test-8b"]


def test_validate_names_each_bad_field(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (env / "broken.yaml").write_text(BROKEN)
    code = main(["catalog", "validate", str(env / "broken.yaml")])
    err = capsys.readouterr().err
    assert code == 1
    assert "broken.yaml[broken-model]: layers:" in err
    assert "broken.yaml[broken-model]: heads: Field required" in err
    assert "broken.yaml[broken-model]: layrs: Extra inputs are not permitted" in err
    assert "Traceback" not in err


def test_validate_says_a_params_mismatch_and_refuses_an_absurd_context(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = env / "absurd.yaml"
    path.write_text(ENTRY.format(id="absurd-8b", name="Absurd", params=1e9))
    code = main(["catalog", "validate", str(path)])
    err = capsys.readouterr().err
    assert code == 0 and "shapes give 8.03B, params_b says 1e+09B" in err  # said by validate itself
    path.write_text(path.read_text().replace("max_context: 8192", "max_context: 1000000000000000"))
    code = main(["catalog", "validate", str(path)])
    err = " ".join(capsys.readouterr().err.split())
    assert code == 1 and "past the longest context canirun sizes (10,485,760 tokens)" in err
    assert "params_b says 1e+09B" in err  # the warning is not lost behind the problem


def test_publish_keeps_what_was_staged_while_it_ran(
    store_env: str, env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert admin(capsys, "catalog", "add", entry_file(env / "a.yaml", "test-8b"))[0] == 0
    store_class = RedisStore if store_env == "redis" else EmbeddedStore
    write = store_class.catalog_publish

    async def slow_write(self: Any, *args: Any, **kwargs: Any) -> Any:
        version = await write(self, *args, **kwargs)
        staged = await asyncio.to_thread(
            main, ["catalog", "add", entry_file(env / "b.yaml", "test-other-8b")]
        )
        assert staged == 0  # while the store answered, as another shell would
        return version

    monkeypatch.setattr(store_class, "catalog_publish", slow_write)
    assert main(["catalog", "publish", "--json"]) == 0
    capsys.readouterr()
    code, diff = admin(capsys, "catalog", "diff")
    assert code == 0 and diff["added"] == ["test-other-8b"]  # still staged, test-8b live


def test_validate_reports_bad_yaml_with_its_line(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (env / "bad.yaml").write_text("- id: x\n  name: [unclosed\n")
    code, out = admin(capsys, "catalog", "validate", str(env / "bad.yaml"))
    assert code == 1 and "line" in out["problems"][0] and "not valid YAML" in out["problems"][0]


def test_add_diff_publish_and_history(store_env: str, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert admin(capsys, "catalog", "add", entry_file(env / "a.yaml", "test-8b"))[0] == 0
    code, diff = admin(capsys, "catalog", "diff")
    assert code == 0 and diff["added"] == ["test-8b"] and diff["base_version"] == 0
    before = time.time()
    code, pub = admin(capsys, "catalog", "publish", "--author", "alice", "--note", "add the test model")
    assert code == 0 and pub["version"] == 1 and pub["catalog_version"].startswith("live1-")
    code, hist = admin(capsys, "catalog", "history")
    (v1,) = hist["versions"]
    assert (v1["version"], v1["author"], v1["note"]) == (1, "alice", "add the test model")
    assert v1["change"]["set"] == ["test-8b"] and before - 1 <= v1["timestamp"] <= time.time() + 1
    code, listed = admin(capsys, "catalog", "list", "--overlay")
    assert [m["id"] for m in listed["models"]] == ["test-8b"] and listed["models"][0]["origin"] == "overlay"
    assert admin(capsys, "catalog", "diff")[1]["added"] == []  # the draft was cleared


def test_remove_a_bundled_model(store_env: str, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert admin(capsys, "catalog", "remove", "llama-2-7b")[0] == 0
    code, pub = admin(capsys, "catalog", "publish")
    assert code == 0 and pub["note"] == "remove llama-2-7b"
    code, out = admin(capsys, "catalog", "show", "llama-2-7b")
    # the entry is gone: its name now reads as unknown, or as a generic Llama 2-style shape of its size
    assert (code == 1 and "unknown model" in out["error"]) or (code == 0 and out["family"] == "generic")
    code, exported = admin(capsys, "catalog", "export", "--overlay")
    assert exported["removed"] == ["llama-2-7b"]


def test_rollback_restores_a_version_as_a_new_one(
    store_env: str, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    admin(capsys, "catalog", "add", entry_file(env / "a.yaml", "test-a"))
    assert admin(capsys, "catalog", "publish")[1]["version"] == 1
    admin(capsys, "catalog", "add", entry_file(env / "b.yaml", "test-b"))
    admin(capsys, "catalog", "remove", "llama-2-7b")
    assert admin(capsys, "catalog", "publish")[1]["version"] == 2
    code, rolled = admin(capsys, "catalog", "rollback")
    assert code == 0 and rolled["version"] == 3 and rolled["change"]["restored_from"] == 1
    history = admin(capsys, "catalog", "history")[1]["versions"]
    v1 = parse_overlay(_yaml_of(history, 1, capsys))
    v3 = parse_overlay(_yaml_of(history, 3, capsys))
    assert v3.content() == v1.content()
    assert history[-1]["note"] == "rollback to v1"
    code, rolled = admin(capsys, "catalog", "rollback", "0")
    assert code == 0 and admin(capsys, "catalog", "export", "--overlay")[1]["models"] == []


def _yaml_of(history: list[dict[str, Any]], version: int, capsys: pytest.CaptureFixture[str]) -> str:
    """The overlay document of one version, via a rollback-free read of the store."""

    async def read() -> str:
        from bot.config import load_settings
        from bot.stores import store_from_settings

        store = store_from_settings(load_settings())
        try:
            return next(r.yaml_text for r in await store.catalog_history() if r.version == version)
        finally:
            await store.close()

    return asyncio.run(read())


def test_rollback_of_nothing_is_refused(store_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = admin(capsys, "catalog", "rollback")
    assert code == 1 and "nothing" in out["error"]
    code, out = admin(capsys, "catalog", "rollback", "7")
    assert code == 1


def test_publish_with_an_empty_draft_is_refused(store_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = admin(capsys, "catalog", "publish")
    assert code == 1 and "nothing to publish" in out["error"]


def test_publish_refuses_an_invalid_draft(
    store_env: str, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = env / "data" / "catalog-draft.yaml"
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text(yaml.safe_dump({"models": yaml.safe_load(BROKEN)}))
    code, out = admin(capsys, "catalog", "publish")
    assert code == 1 and any("layers" in p for p in out["problems"])
    assert admin(capsys, "catalog", "history")[1]["versions"] == []


def test_add_refuses_a_broken_file_and_stages_nothing(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (env / "broken.yaml").write_text(BROKEN)
    code, out = admin(capsys, "catalog", "add", str(env / "broken.yaml"))
    assert code == 1 and len(out["problems"]) == 3
    assert not (env / "data" / "catalog-draft.yaml").exists()


def test_export_round_trips_through_validate(
    store_env: str, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    admin(capsys, "catalog", "add", entry_file(env / "a.yaml", "test-a"))
    admin(capsys, "catalog", "publish")
    code, out = admin(capsys, "catalog", "export", "--overlay", "-o", str(env / "overlay.yaml"))
    assert code == 0
    code, out = admin(capsys, "catalog", "validate", str(env / "overlay.yaml"))
    assert code == 0 and out["models"] == ["test-a"]


def test_errors_are_messages_not_tracebacks(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "show", "no-such-model-xyz"]) == 1
    assert main(["catalog", "frobnicate"]) == 2
    assert main(["catalog", "add", str(env / "missing.yaml")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "no such file" in err


def test_a_store_that_is_down_is_a_clear_error(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CANIRUN_REDIS_URL", "redis://127.0.0.1:9/0")
    code, out = admin(capsys, "catalog", "history")
    assert code == 1 and "store unavailable" in out["error"]


# --- concurrent publishes ----------------------------------------------------------------------


class UnlockedStore:
    """A SQLite store behind a lock that always grants (no OS file lock either): publishes interleave."""

    def __init__(self, path: Path) -> None:
        self._store = EmbeddedStore(path)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    async def lock_acquire(self, name: str, owner: str, ttl_s: float) -> bool:
        await asyncio.sleep(0)
        return True


def _change(i: int) -> Change:
    entry = yaml.safe_load(ENTRY.format(id=f"race-{i}", name=f"Race {i}", params=8.03))[0]
    return Change(set={entry["id"]: entry})


async def _race(stores: list[Store]) -> tuple[list[int], set[str]]:
    base = default_catalog()
    results = await asyncio.gather(
        *(publish(s, _change(i), base, author=f"admin{i}", note=f"race {i}") for i, s in enumerate(stores))
    )
    _, overlay = await latest(stores[0])
    return sorted(v for v, _, _ in results), set(overlay.models)


@pytest.mark.parametrize("kind", ["redis", "embedded"])
async def test_concurrent_publishes_get_distinct_versions_and_lose_nothing(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from bot.stores import RedisStore

    if kind == "redis":
        url = request.getfixturevalue("redis_url")
        stores: list[Store] = [RedisStore(url) for _ in range(6)]
    else:  # six handles on one SQLite file, as six admin processes would have
        stores = [EmbeddedStore(tmp_path / "canirun.sqlite3") for _ in range(6)]
    try:
        versions, models = await _race(stores)
        history = await stores[0].catalog_history()
    finally:
        await asyncio.gather(*(s.close() for s in stores))
    assert [r.version for r in history] == list(range(1, len(history) + 1))  # no version given twice
    assert {r.author for r in history} == {f"admin{i}" for i in range(6)}
    assert models == {f"race-{i}" for i in range(6)}  # the latest holds every change
    assert versions == [1, 2, 3, 4, 5, 6] and len(history) == 6  # queued by the lock: one version each


async def test_concurrent_publishes_without_a_lock_replay_what_they_skipped(tmp_path: Path) -> None:
    stores: list[Any] = [UnlockedStore(tmp_path / "canirun.sqlite3") for _ in range(6)]
    try:
        versions, models = await _race(stores)
        history = await stores[0].catalog_history()
    finally:
        await asyncio.gather(*(s.close() for s in stores))
    assert [r.version for r in history] == list(range(1, len(history) + 1))  # no version given twice
    assert {r.author for r in history} == {f"admin{i}" for i in range(6)}  # every publish wrote its own
    assert models == {f"race-{i}" for i in range(6)}  # and the latest holds every change
    assert max(versions) == len(history)


@pytest.mark.parametrize("text", ["a 70b model", "generic-70b", "700B MoE with 37B active"])
def test_a_shape_made_up_from_a_size_is_no_catalog_entry(
    env: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    assert main(["catalog", "show", text]) == 1
    assert f"unknown model id '{text}'" in capsys.readouterr().err


def test_a_released_model_is_found_by_its_name(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = admin(capsys, "catalog", "show", "Qwen3 8B")
    assert code == 0 and out["id"] == "qwen3-8b"
