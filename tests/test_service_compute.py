"""AnswerService's computing: a bounded number of compute threads (so the event loop is never
starved), cached answers that never wait for one, and pictures of answers drawn once."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import bot.service as service_module
from bot.answers import Answer
from bot.service import AnswerService
from bot.stores import MemoryStore

QUESTIONS = [f"can I run qwen3 {size}b on an RTX 3090?" for size in (0.6, 1.7, 4, 8, 14, 32)]


class _Gauge:
    """Counts answers computing at once; each holds its thread until released."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0
        self.release = threading.Event()

    def compute(self, real: object, *args: object) -> Answer:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            self.release.wait(timeout=30)
            return real(*args)  # type: ignore[operator, no-any-return]
        finally:
            with self.lock:
                self.now -= 1


@pytest.fixture
def gauge(monkeypatch: pytest.MonkeyPatch) -> _Gauge:
    g = _Gauge()
    real = service_module.answer_question
    monkeypatch.setattr(service_module, "answer_question", lambda *a: g.compute(real, *a))
    return g


async def _until(condition: Callable[[], bool], within_s: float = 20.0) -> None:
    """Wait until `condition` holds (a slow machine reads the questions slowly); fail after `within_s`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while not condition():
        assert loop.time() < deadline, "the answers never started computing"
        await asyncio.sleep(0.01)


@pytest.mark.parametrize("slots", [1, 2, 3])
async def test_no_more_answers_compute_at_once_than_the_slots(gauge: _Gauge, slots: int) -> None:
    service = AnswerService(MemoryStore(), compute_slots=slots)
    asks = asyncio.gather(*(service.ask(q) for q in QUESTIONS))
    await _until(lambda: gauge.now == slots)  # every slot holds an answer; the others wait
    await asyncio.sleep(0.2)  # time for any ask past the bound to start computing too
    gauge.release.set()
    answers = await asks
    assert gauge.most == slots
    assert [a.kind for a in answers] == ["estimate"] * len(QUESTIONS)


async def test_a_cached_answer_does_not_wait_while_every_slot_computes(gauge: _Gauge) -> None:
    service = AnswerService(MemoryStore(), compute_slots=1)
    gauge.release.set()
    await service.ask(QUESTIONS[0])
    gauge.release.clear()
    busy = asyncio.ensure_future(service.ask(QUESTIONS[1]))
    await _until(lambda: gauge.now == 1)  # the one slot is held
    cached = await asyncio.wait_for(service.ask(QUESTIONS[0]), timeout=2)
    assert cached.cached and not busy.done()
    gauge.release.set()
    await busy


async def test_a_picture_of_an_answer_is_drawn_once_then_kept() -> None:
    service = AnswerService(MemoryStore())
    drawn: list[int] = []

    def draw() -> bytes:
        drawn.append(1)
        return b"\x89PNG picture"

    first = await service.drawing("k1", draw)
    again = await service.drawing("k1", draw)
    assert first == again == b"\x89PNG picture"
    assert len(drawn) == 1


async def test_a_picture_without_a_key_is_drawn_every_time() -> None:
    service = AnswerService(MemoryStore())
    drawn: list[int] = []

    def draw() -> bytes:
        drawn.append(1)
        return b"png"

    await service.drawing(None, draw)
    await service.drawing(None, draw)
    assert len(drawn) == 2


async def test_an_unreadable_kept_picture_is_drawn_again() -> None:
    store = MemoryStore()
    service = AnswerService(store)
    await store.cache_set("drawing:k1", "not base64 at all!", 60)
    assert await service.drawing("k1", lambda: b"png") == b"png"
    assert await service.drawing("k1", lambda: b"other") == b"png"


async def test_a_picture_is_given_when_the_cache_cannot_keep_it() -> None:
    class Forgetful(MemoryStore):
        async def cache_set(self, key: str, value: str, ttl_s: int) -> None:
            return None

    service = AnswerService(Forgetful())
    assert await service.drawing("k1", lambda: b"png") == b"png"


@pytest.fixture
def answer_threads(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The threads the service computes its answers on, one per answer, in order."""
    threads: list[threading.Thread] = []
    real = service_module.answer_question

    def answer(*args: object) -> Answer:
        threads.append(threading.current_thread())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(service_module, "answer_question", answer)
    return threads


@pytest.mark.parametrize(("inline", "on_loop_thread"), [(True, True), (False, False)])
async def test_answers_compute_on_the_loop_thread_only_when_asked(
    answer_threads: list[threading.Thread], inline: bool, on_loop_thread: bool
) -> None:
    """The CLI asks one question at a time: its answers compute on the event loop's own thread;
    a bot's in bounded worker threads."""
    service = AnswerService(MemoryStore(), compute_inline=inline)
    assert (await service.ask(QUESTIONS[0])).kind == "estimate"
    assert (answer_threads == [threading.current_thread()]) is on_loop_thread


async def test_the_cli_service_computes_on_the_loop_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_threads: list[threading.Thread]
) -> None:
    monkeypatch.setenv("CANIRUN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CANIRUN_REDIS_URL", raising=False)
    service = service_module.local_service()
    try:
        await service.ask(QUESTIONS[1])
    finally:
        await service.close()
    assert answer_threads == [threading.current_thread()]
