"""AnswerService: canonical cache keys, single flight, rate limits, saved rigs, versions in keys."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import pytest
import redis.asyncio as aioredis

from bot.answers import Structured
from bot.health import Metrics
from bot.service import AnswerService, RateLimit, RateLimited
from bot.stores import EmbeddedStore, MemoryStore
from sizing import Catalog, HardwareError
from tests.redis_server import patient_store

QUESTION = "can I run qwen3 32b on 2x RTX 3090 with 64GB RAM?"
SAME_QUESTION_OTHER_WORDS = "two RTX 3090s and 64 gb of ram: will Qwen3-32B run?"
WHO = ("discord", "1234")


async def test_a_repeated_question_comes_back_cached_from_redis(redis_url: str, catalog: Catalog) -> None:
    service = AnswerService(patient_store(redis_url))
    first = await service.ask(QUESTION)
    second = await service.ask(QUESTION)
    assert (first.cached, second.cached) == (False, True)
    assert second.model_copy(update={"cached": False}) == first
    await service.close()


async def test_cache_keys_in_redis_carry_the_catalog_and_estimator_versions(
    redis_url: str, catalog: Catalog
) -> None:
    service = AnswerService(patient_store(redis_url))
    answer = await service.ask(QUESTION)
    client = aioredis.from_url(redis_url, decode_responses=True)
    keys = [k async for k in client.scan_iter("canirun:answer:*")]
    await client.aclose()
    assert keys == [
        f"canirun:answer:{catalog.version}:{answer.estimator_version}:" + keys[0].rsplit(":", 1)[1]
    ]
    await service.close()


async def test_two_wordings_of_one_question_share_a_cache_entry() -> None:
    service = AnswerService(MemoryStore())
    await service.ask(QUESTION)
    assert (await service.ask(SAME_QUESTION_OTHER_WORDS)).cached


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "what hardware do I need for gpt-oss-120b under $2000",
            "what hardware do I need for gpt-oss-120b under $5000",
        ),
        (
            "should I add a second 3090 for glm 4.5 air?",
            "should I add a second 3090 or more ram for glm 4.5 air?",
        ),
    ],
)
async def test_questions_that_differ_in_a_wish_do_not_share_a_cache_entry(first: str, second: str) -> None:
    service = AnswerService(MemoryStore())
    await service.ask(first)
    assert not (await service.ask(second)).cached


async def test_a_new_catalog_version_never_serves_the_old_answer(catalog: Catalog) -> None:
    store = MemoryStore()
    current = {"catalog": catalog}

    async def live() -> Catalog:
        return current["catalog"]

    service = AnswerService(store, live)
    await service.ask(QUESTION)
    current["catalog"] = dataclasses.replace(catalog, version="overlay-2")
    answer = await service.ask(QUESTION)
    assert not answer.cached and answer.catalog_version == "overlay-2"


async def test_identical_concurrent_questions_are_computed_once() -> None:
    metrics = Metrics()
    service = AnswerService(MemoryStore(), metrics=metrics)
    answers = await asyncio.gather(*(service.ask(QUESTION) for _ in range(16)))
    assert len({a.verdict for a in answers}) == 1
    assert metrics.cache.labels("miss")._value.get() == 1


async def test_error_answers_are_not_cached() -> None:
    service = AnswerService(MemoryStore())
    unknown = Structured(model="zorblax-9000", hardware="RTX 3090")
    first = await service.ask_structured(unknown)
    assert first.kind == "error"
    assert not (await service.ask_structured(unknown)).cached


async def test_an_asker_over_the_rate_limit_is_refused_with_a_wait() -> None:
    metrics = Metrics()
    service = AnswerService(MemoryStore(), rate=RateLimit(capacity=2, per_minute=1), metrics=metrics)
    await service.ask(QUESTION, WHO)
    await service.ask(QUESTION, WHO)
    with pytest.raises(RateLimited) as refused:
        await service.ask(QUESTION, WHO)
    assert refused.value.retry_after > 1
    assert metrics.rate_limited_total._value.get() == 1


async def test_rate_limits_do_not_apply_without_an_asker() -> None:
    service = AnswerService(MemoryStore(), rate=RateLimit(capacity=1, per_minute=1))
    for _ in range(3):
        await service.ask(QUESTION)


async def test_a_saved_rig_fills_in_missing_hardware() -> None:
    service = AnswerService(MemoryStore())
    await service.save_rig(WHO, "RTX 4090, 64GB DDR5")
    answer = await service.ask("can I run gpt-oss-20b?", WHO)
    assert answer.kind == "estimate"
    assert answer.question.hardware is not None
    assert answer.question.hardware.gpus[0].name == "NVIDIA GeForce RTX 4090"


async def test_structured_question_without_hardware_uses_the_saved_rig() -> None:
    service = AnswerService(MemoryStore())
    await service.save_rig(WHO, "M2 Max 96GB")
    answer = await service.ask_structured(Structured(model="qwen3 32b", hardware=""), WHO)
    assert answer.kind == "estimate" and answer.question.hardware is not None
    assert answer.question.hardware.unified_memory_gb == 96


async def test_structured_question_without_hardware_or_saved_rig_asks_for_one() -> None:
    answer = await AnswerService(MemoryStore()).ask_structured(
        Structured(model="qwen3 32b", hardware=""), WHO
    )
    assert answer.kind == "clarify" and "/rig set" in (answer.message or "")


async def test_saving_an_unreadable_rig_is_refused_with_a_hint() -> None:
    service = AnswerService(MemoryStore())
    with pytest.raises(HardwareError) as refused:
        await service.save_rig(WHO, "my trusty potato")
    assert refused.value.hint
    assert await service.saved_rig(WHO) is None


async def test_forgetting_a_rig_removes_it() -> None:
    service = AnswerService(MemoryStore())
    await service.save_rig(WHO, "RTX 3060 12GB")
    assert await service.forget_rig(WHO)
    assert await service.saved_rig(WHO) is None


async def test_saved_rigs_survive_a_restart_of_the_embedded_store(tmp_path: Path) -> None:
    first = AnswerService(EmbeddedStore(tmp_path / "s.sqlite3"))
    await first.save_rig(WHO, "RX 7900 XTX")
    await first.close()
    again = AnswerService(EmbeddedStore(tmp_path / "s.sqlite3"))
    assert await again.saved_rig(WHO) == "RX 7900 XTX"
    await again.close()


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "🙂" * 500, "a" * 100_000])
async def test_junk_gets_an_answer_not_an_exception(text: str) -> None:
    answer = await AnswerService(MemoryStore()).ask(text)
    assert answer.kind in ("clarify", "error") and (answer.message or answer.verdict)
