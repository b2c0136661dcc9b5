"""LiveCatalog: the bundled catalog plus the published overlay, as a running AnswerService sees it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as aioredis

from bot.admin import Change, publish
from bot.answers import Structured
from bot.catalog_live import LiveCatalog, Overlay, dump_overlay, parse_overlay
from bot.service import AnswerService
from bot.stores import CATALOG_CHANNEL, EmbeddedStore, RedisStore, Store
from sizing import Catalog, default_catalog
from sizing.catalog import entry_from_hf_config
from tests.redis_server import RedisProcess, patient_store
from tests.standins.hf_hub import CONFIGS

SMOL = "HuggingFaceTB/SmolLM2-1.7B-Instruct"
# free text finds model names by their family's first word (sizing.question), which a new family
# does not have yet: ask with the model field, as /canirun model:... does
QUESTION = Structured(model="SmolLM2-1.7B-Instruct", hardware="RTX 3060 12GB")


def smol_entry() -> dict[str, Any]:
    return entry_from_hf_config(CONFIGS[SMOL], repo=SMOL).entry


@pytest.fixture(params=["embedded", "redis"])
async def stores(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[Store, Store]]:
    """Two handles on one store: one for the bot, one for the admin publishing."""
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        pair: tuple[Store, Store] = (patient_store(url), patient_store(url))
    else:
        pair = (EmbeddedStore(tmp_path / "c.sqlite3"), EmbeddedStore(tmp_path / "c.sqlite3"))
    yield pair
    for s in pair:
        await s.close()


async def admin_publish(store: Store, change: Change, note: str = "test") -> int:
    version, _, _ = await publish(store, change, default_catalog(), author="tester", note=note)
    return version


async def until(probe: Callable[[], Awaitable[bool]], timeout: float = 3.0) -> float:
    """Seconds until probe() is true (fails the test after `timeout`)."""
    start = time.monotonic()
    while not await probe():
        if time.monotonic() - start > timeout:
            pytest.fail(f"not true within {timeout}s")
        await asyncio.sleep(0.01)
    return time.monotonic() - start


async def test_nothing_published_is_the_bundled_catalog(tmp_path: Path) -> None:
    live = LiveCatalog(EmbeddedStore(tmp_path / "c.sqlite3"))
    catalog = await live.get()
    assert catalog.version == default_catalog().version and live.version == 0
    await live.store.close()


async def test_a_new_version_is_picked_up_within_poll_s(stores: tuple[Store, Store]) -> None:
    bot_store, admin_store = stores
    live = LiveCatalog(bot_store, poll_s=0.2)
    assert "smollm2-1.7b-instruct" not in (await live.get()).by_id
    await admin_publish(admin_store, Change(set={"smollm2-1.7b-instruct": smol_entry()}))

    await asyncio.sleep(0.2)  # poll_s: the next get() looks again (no bound on how fast it does)
    catalog = await live.get()
    assert "smollm2-1.7b-instruct" in catalog.by_id
    assert catalog.version.startswith("live1-") and live.version == 1
    await live.close()


class CountingStore(EmbeddedStore):
    calls = 0

    async def catalog_version(self) -> int:
        self.calls += 1
        return await super().catalog_version()


async def test_get_is_cheap_while_nothing_changed(tmp_path: Path) -> None:
    store = CountingStore(tmp_path / "c.sqlite3")
    live = LiveCatalog(store, poll_s=30)
    first = await live.get()
    for _ in range(200):
        assert await live.get() is first
    assert store.calls == 1
    await store.close()


async def test_redis_pubsub_brings_a_version_before_the_next_poll(redis_url: str) -> None:
    bot_store, admin_store = patient_store(redis_url), patient_store(redis_url)
    live = LiveCatalog(bot_store, poll_s=3600)
    await live.get()
    probe = aioredis.Redis.from_url(redis_url)

    async def subscribed() -> bool:
        counts = await probe.pubsub_numsub(CATALOG_CHANNEL)
        return bool(counts and counts[0][1])

    await until(subscribed)
    await asyncio.sleep(0.05)  # the listener marks itself dirty once on subscribing; let that settle
    await live.get()
    await admin_publish(admin_store, Change(set={"smollm2-1.7b-instruct": smol_entry()}))

    async def has_it() -> bool:
        return "smollm2-1.7b-instruct" in (await live.get()).by_id

    await until(has_it, timeout=60.0)  # poll_s is an hour: only the message can explain it
    await live.close()
    await probe.aclose()
    await bot_store.close()
    await admin_store.close()


async def test_answer_service_answers_about_a_published_model(stores: tuple[Store, Store]) -> None:
    bot_store, admin_store = stores
    live = LiveCatalog(bot_store, poll_s=0.1)
    service = AnswerService(bot_store, catalog=live.get)
    before = await service.ask_structured(QUESTION)
    assert not any(m.id == "smollm2-1.7b-instruct" for m in before.question.models)
    await admin_publish(admin_store, Change(set={"smollm2-1.7b-instruct": smol_entry()}))
    await asyncio.sleep(0.15)
    after = await service.ask_structured(QUESTION)
    assert after.kind == "estimate", after.message
    assert after.question.models[0].id == "smollm2-1.7b-instruct"
    assert after.catalog_version.startswith("live1-") and not after.cached
    await live.close()


async def test_cache_keys_change_with_the_version(stores: tuple[Store, Store]) -> None:
    bot_store, admin_store = stores
    live = LiveCatalog(bot_store, poll_s=0.05)
    service = AnswerService(bot_store, catalog=live.get)
    question = "can I run qwen3 8b on an RTX 3060 12GB?"
    first = await service.ask(question)
    assert (await service.ask(question)).cached
    await admin_publish(admin_store, Change(removed=["llama-2-7b"]))
    await asyncio.sleep(0.1)
    again = await service.ask(question)
    assert not again.cached and again.catalog_version != first.catalog_version
    await live.close()


async def test_a_removal_drops_a_bundled_model(stores: tuple[Store, Store]) -> None:
    bot_store, admin_store = stores
    await admin_publish(admin_store, Change(removed=["llama-2-7b"]))
    catalog = await LiveCatalog(bot_store).get()
    assert "llama-2-7b" not in catalog.by_id and len(catalog.models) == len(default_catalog().models) - 1


async def test_an_unreadable_version_keeps_the_last_good_one(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "c.sqlite3")
    await admin_publish(store, Change(set={"smollm2-1.7b-instruct": smol_entry()}))
    live = LiveCatalog(store, poll_s=0.01)
    good = await live.get()
    await store.catalog_publish("models: [unclosed", "someone", "broken")
    await asyncio.sleep(0.02)
    assert await live.get() is good
    await store.close()


async def test_a_store_outage_keeps_the_catalog_it_has(own_redis: RedisProcess) -> None:
    admin_store = RedisStore(own_redis.url)
    await admin_publish(admin_store, Change(set={"smollm2-1.7b-instruct": smol_entry()}))
    await admin_store.close()
    live = LiveCatalog(RedisStore(own_redis.url), poll_s=0.01)
    good: Catalog = await live.get()
    own_redis.kill()
    await asyncio.sleep(0.02)
    assert await live.get() is good
    await live.close()
    await live.store.close()


def test_overlay_documents_round_trip() -> None:
    overlay = Overlay(models={"a": {"id": "a", "name": "A"}}, removed=("b",), parent=3, change={"set": ["a"]})
    again = parse_overlay(dump_overlay(overlay))
    assert again == overlay
    assert parse_overlay("- {id: a, name: A}").content() == ({"a": {"id": "a", "name": "A"}}, ())
