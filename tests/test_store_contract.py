"""One contract, three stores: in-memory, embedded (SQLite) and Redis (a real redis-server)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.stores import LEDGER_KEEP_S, PREFIX, EmbeddedStore, MemoryStore, RedisStore, Store
from tests.redis_server import patient_store

# "embedded-on-write": the CLI's embedded store, whose file the first write creates
KINDS = ["memory", "embedded", "embedded-on-write", "redis"]
DURABLE_KINDS = ["embedded", "embedded-on-write", "redis"]


@pytest.fixture
async def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Callable[[], Store]]:
    """A factory: each call opens the same backing state again (what a restart does)."""
    kind = request.param
    opened: list[Store] = []
    memory = MemoryStore()
    url = request.getfixturevalue("redis_url") if kind == "redis" else ""

    def make() -> Store:
        store: Store
        if kind == "memory":
            store = memory
        elif kind == "embedded":
            store = EmbeddedStore(tmp_path / "state.sqlite3")
        elif kind == "embedded-on-write":
            store = EmbeddedStore(tmp_path / "state.sqlite3", create_on_write=True)
        else:
            store = patient_store(url)
        opened.append(store)
        return store

    yield make
    for s in opened:
        await s.close()


def stores(kinds: list[str]) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("make_store", kinds, indirect=True)


@stores(KINDS)
async def test_cached_value_comes_back_until_it_expires(make_store: Callable[[], Store]) -> None:
    store = make_store()
    await store.cache_set("canirun:answer:v1:abc", "value", ttl_s=1)
    assert await store.cache_get("canirun:answer:v1:abc") == "value"
    await asyncio.sleep(1.1 if not isinstance(store, RedisStore) else 2.1)
    assert await store.cache_get("canirun:answer:v1:abc") is None


@stores(KINDS)
async def test_cache_flush_empties_the_cache_and_says_how_many(make_store: Callable[[], Store]) -> None:
    store = make_store()
    for i in range(3):
        await store.cache_set(f"answer:k{i}", "v", ttl_s=60)
    assert (await store.cache_stats())["entries"] == 3
    assert await store.cache_flush() == 3
    assert await store.cache_get("answer:k0") is None


@stores(KINDS)
async def test_rate_limit_allows_a_burst_then_refuses_with_a_wait(make_store: Callable[[], Store]) -> None:
    store = make_store()
    results = [await store.rate_limit("rate:discord:42", 3, 0.1) for _ in range(4)]
    assert [allowed for allowed, _ in results] == [True, True, True, False]
    assert 0 < results[-1][1] <= 10.0


@stores(KINDS)
async def test_rate_limits_are_per_asker(make_store: Callable[[], Store]) -> None:
    store = make_store()
    for _ in range(2):
        await store.rate_limit("rate:discord:1", 2, 0.01)
    assert (await store.rate_limit("rate:discord:2", 2, 0.01))[0]


@stores(KINDS)
async def test_saved_rig_round_trip_export_and_delete(make_store: Callable[[], Store]) -> None:
    store = make_store()
    await store.rig_set("discord", "u1", "2x RTX 3090, 64GB RAM")
    await store.rig_set("reddit", "u1", "M2 Max 96GB")
    await store.rig_set("discord", "u2", "RTX 4090")
    assert await store.rig_get("discord", "u1") == "2x RTX 3090, 64GB RAM"
    assert await store.rigs_export("u1") == {"discord": "2x RTX 3090, 64GB RAM", "reddit": "M2 Max 96GB"}
    assert await store.rigs_delete_user("u1") == 2
    assert await store.rigs_export("u1") == {}
    assert await store.rig_get("discord", "u2") == "RTX 4090"


@stores(KINDS)
async def test_rig_delete_reports_whether_there_was_one(make_store: Callable[[], Store]) -> None:
    store = make_store()
    await store.rig_set("discord", "u1", "RTX 3060")
    assert await store.rig_delete("discord", "u1") is True
    assert await store.rig_delete("discord", "u1") is False
    assert await store.rig_get("discord", "u1") is None


@stores(DURABLE_KINDS)
async def test_saved_rigs_survive_a_restart(make_store: Callable[[], Store]) -> None:
    first = make_store()
    await first.rig_set("discord", "u1", "RX 7900 XTX, 128GB DDR5")
    await first.close()
    assert await make_store().rig_get("discord", "u1") == "RX 7900 XTX, 128GB DDR5"


@stores(KINDS)
async def test_an_item_is_claimed_once(make_store: Callable[[], Store]) -> None:
    store = make_store()
    assert await store.ledger_claim("t1_abc", "replica-a", ttl_s=60)
    assert not await store.ledger_claim("t1_abc", "replica-b", ttl_s=60)


@stores(KINDS)
async def test_a_recorded_reply_blocks_claims_while_it_is_kept(make_store: Callable[[], Store]) -> None:
    store = make_store()
    await store.ledger_claim("t1_abc", "a", ttl_s=1)
    await store.ledger_record("t1_abc", "t1_reply")
    await asyncio.sleep(1.2)
    assert not await store.ledger_claim("t1_abc", "b", ttl_s=60)
    assert await store.ledger_get("t1_abc") == "t1_reply"


@stores(KINDS)
async def test_an_expired_claim_without_a_reply_can_be_taken_over(make_store: Callable[[], Store]) -> None:
    store = make_store()
    await store.ledger_claim("t1_abc", "crashed", ttl_s=1)
    await asyncio.sleep(1.2 if not isinstance(store, RedisStore) else 2.1)
    assert await store.ledger_claim("t1_abc", "survivor", ttl_s=60)


@stores(KINDS)
async def test_release_frees_an_unreplied_claim_but_never_a_replied_one(
    make_store: Callable[[], Store],
) -> None:
    store = make_store()
    await store.ledger_claim("a", "me", ttl_s=60)
    await store.ledger_release("a")
    assert await store.ledger_claim("a", "other", ttl_s=60)
    await store.ledger_claim("b", "me", ttl_s=60)
    await store.ledger_record("b", "reply")
    await store.ledger_release("b")
    assert await store.ledger_get("b") == "reply"


@stores(DURABLE_KINDS)
async def test_ledger_survives_a_restart(make_store: Callable[[], Store]) -> None:
    first = make_store()
    await first.ledger_claim("t1_x", "a", ttl_s=60)
    await first.ledger_record("t1_x", "t1_r")
    await first.close()
    again = make_store()
    assert await again.ledger_get("t1_x") == "t1_r"
    assert not await again.ledger_claim("t1_x", "b", ttl_s=60)


@stores(KINDS)
async def test_leader_lock_has_one_owner_who_can_renew(make_store: Callable[[], Store]) -> None:
    store = make_store()
    assert await store.lock_acquire("reddit-poller", "a", ttl_s=5)
    assert not await store.lock_acquire("reddit-poller", "b", ttl_s=5)
    assert await store.lock_acquire("reddit-poller", "a", ttl_s=5)  # renewal
    await store.lock_release("reddit-poller", "b")  # not the owner: no effect
    assert not await store.lock_acquire("reddit-poller", "b", ttl_s=5)
    await store.lock_release("reddit-poller", "a")
    assert await store.lock_acquire("reddit-poller", "b", ttl_s=5)


@stores(KINDS)
async def test_leader_lock_expires_when_not_renewed(make_store: Callable[[], Store]) -> None:
    store = make_store()
    assert await store.lock_acquire("poller", "a", ttl_s=0.3)
    await asyncio.sleep(0.5)
    assert await store.lock_acquire("poller", "b", ttl_s=5)


@stores(KINDS)
async def test_kv_values_and_counters(make_store: Callable[[], Store]) -> None:
    store = make_store()
    assert await store.kv_get("optout:user:x") is None
    await store.kv_set("optout:user:x", "1")
    assert await store.kv_get("optout:user:x") == "1"
    assert [await store.kv_incr("replies:t3_a") for _ in range(3)] == [1, 2, 3]


@stores(KINDS)
async def test_kv_values_can_expire_and_be_deleted(make_store: Callable[[], Store]) -> None:
    store = make_store()
    ttl = 1.0
    start = time.monotonic()
    await store.kv_set("attempt:t1_a", "me", ttl_s=ttl)
    value = await store.kv_get("attempt:t1_a")
    if time.monotonic() - start < ttl:  # read back inside its lifetime (a starved machine may not)
        assert value == "me"
    await store.kv_set("kept", "1")
    await asyncio.sleep(ttl + 0.2)
    assert await store.kv_get("attempt:t1_a") is None
    assert await store.kv_delete("kept") is True
    assert await store.kv_delete("kept") is False
    assert await store.kv_get("kept") is None


@stores(KINDS)
async def test_catalog_versions_count_up_and_keep_history(make_store: Callable[[], Store]) -> None:
    store = make_store()
    assert await store.catalog_version() == 0
    assert await store.catalog_latest() is None
    assert await store.catalog_publish("models: []\n", "alice", "first") == 1
    assert await store.catalog_publish("models: [x]\n", "bob", "second") == 2
    latest = await store.catalog_latest()
    assert latest is not None and (latest.version, latest.yaml_text, latest.author) == (
        2,
        "models: [x]\n",
        "bob",
    )
    assert [(r.version, r.note) for r in await store.catalog_history()] == [(1, "first"), (2, "second")]


@stores(KINDS)
async def test_concurrent_publishes_get_distinct_versions(make_store: Callable[[], Store]) -> None:
    store = make_store()
    versions = await asyncio.gather(*(store.catalog_publish(f"n: {i}\n", "a", str(i)) for i in range(10)))
    assert sorted(versions) == list(range(1, 11))
    assert len(await store.catalog_history()) == 10


@stores(KINDS)
async def test_provisional_entries_round_trip_list_and_drop(make_store: Callable[[], Store]) -> None:
    store = make_store()
    await store.provisional_put("org/b-7b", '{"b": 1}')
    await store.provisional_put("org/a-7b", '{"a": 1}')
    await store.provisional_put("org/a-7b", '{"a": 2}')  # a second read replaces the first
    assert await store.provisional_get("org/a-7b") == '{"a": 2}'
    assert await store.provisional_list() == {"org/a-7b": '{"a": 2}', "org/b-7b": '{"b": 1}'}
    assert await store.provisional_drop("org/a-7b") and not await store.provisional_drop("org/a-7b")
    assert await store.provisional_get("org/a-7b") is None
    assert list(await store.provisional_list()) == ["org/b-7b"]


@stores(DURABLE_KINDS)
async def test_provisional_entries_survive_a_restart(make_store: Callable[[], Store]) -> None:
    await make_store().provisional_put("org/x-8b", "{}")
    assert await make_store().provisional_get("org/x-8b") == "{}"


@stores(DURABLE_KINDS)
async def test_published_catalog_survives_a_restart(make_store: Callable[[], Store]) -> None:
    first = make_store()
    await first.catalog_publish("models: []\n", "alice", "keep me")
    await first.close()
    assert [r.note for r in await make_store().catalog_history()] == ["keep me"]


async def test_an_older_state_file_is_upgraded_in_place(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.execute("create table kv (key text primary key, value text)")
    db.execute("insert into kv values ('optout:user:x', '1')")
    db.commit()
    db.close()
    store = EmbeddedStore(path)
    assert await store.kv_get("optout:user:x") == "1"
    await store.kv_set("fresh", "v", ttl_s=60)
    assert await store.kv_get("fresh") == "v"
    await store.close()


@stores(["memory", "embedded"])
async def test_a_recorded_reply_is_forgotten_after_it_is_kept_long_enough(
    make_store: Callable[[], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store()
    await store.ledger_claim("t1_old", "a", ttl_s=60)
    await store.ledger_record("t1_old", "t1_reply")
    later = time.time() + LEDGER_KEEP_S + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert await store.ledger_get("t1_old") is None
    assert await store.ledger_claim("t1_old", "b", ttl_s=60)


async def test_redis_keeps_ledger_records_for_the_keep_time_only(redis_url: str) -> None:
    store = RedisStore(redis_url)
    await store.ledger_claim("t1_x", "a", ttl_s=60)
    await store.ledger_record("t1_x", "t1_r")
    ttl = await store.r.ttl(PREFIX + "ledger:t1_x")
    await store.close()
    assert LEDGER_KEEP_S - 60 < ttl <= LEDGER_KEEP_S


@stores(KINDS)
async def test_a_counter_with_a_ttl_counts_then_expires(make_store: Callable[[], Store]) -> None:
    store = make_store()
    assert [await store.kv_incr("failures:t1_a", ttl_s=1.0) for _ in range(3)] == [1, 2, 3]
    await asyncio.sleep(1.5)
    assert await store.kv_get("failures:t1_a") is None
    assert await store.kv_incr("failures:t1_a", ttl_s=1.0) == 1


async def test_idle_rate_buckets_are_dropped_from_memory() -> None:
    store = MemoryStore()
    for k in range(4096):
        await store.rate_limit(f"rate:discord:{k}", 1, 1e6)  # full again a microsecond later
    assert len(store._buckets) < 4096


async def test_sqlite_store_refuses_a_file_it_cannot_write(tmp_path: Path) -> None:
    import sqlite3

    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        EmbeddedStore(junk)
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    with pytest.raises(OSError):
        EmbeddedStore(blocked / "state.sqlite3")


async def test_a_store_created_on_write_reads_as_empty_and_makes_no_file_until_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data" / "state.sqlite3"
    store = EmbeddedStore(path, create_on_write=True)
    try:
        assert await store.catalog_version() == 0
        assert await store.rig_get("discord", "u1") is None
        assert await store.kv_get("k") is None
        assert await store.catalog_history() == []
        assert not path.exists()
        await store.rig_set("discord", "u1", "RTX 3090")
        assert path.exists()
        assert await store.rig_get("discord", "u1") == "RTX 3090"
    finally:
        await store.close()
    again = EmbeddedStore(path, create_on_write=True)
    try:
        assert await again.rig_get("discord", "u1") == "RTX 3090"
    finally:
        await again.close()


async def test_a_store_created_on_write_reads_a_file_another_process_made_since(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    reader = EmbeddedStore(path, create_on_write=True)
    writer = EmbeddedStore(path)
    try:
        assert await writer.catalog_publish("models: []", "admin", "first") == 1
        assert await reader.catalog_version() == 1
    finally:
        await reader.close()
        await writer.close()
