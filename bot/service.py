"""AnswerService: question + who asks -> Answer, with the cache, single flight and rate limits.

One path for every question: text is read into a Question (`sizing.read_question`), a question in
fields becomes one (`question_from_structured`); a missing rig is filled in from the asker's
saved one; then one cache key (`cache_key_parts`) and one answer (`answer_question`). Canonical
questions share cache entries: "2x3090" and "two RTX 3090s" read as the same rig, so they hit the
same key. Keys carry the catalog version and the estimator version: publishing a new catalog or
changing the estimator never serves an old answer.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import dataclasses
import hashlib
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from sizing import (
    ESTIMATOR_VERSION,
    Catalog,
    Hardware,
    HardwareError,
    Question,
    SizingError,
    default_catalog,
    parse_hardware,
    read_question,
)

from ._input import clean_input
from .answers import (
    Answer,
    QuestionInfo,
    Structured,
    answer_from_json,
    answer_question,
    cache_key_parts,
    notice,
    question_from_structured,
)
from .hub_models import HubModels, unread
from .stores import MemoryStore, Store, StoreUnavailable, store_from_settings

if TYPE_CHECKING:
    from .config import Settings
    from .permalinks import Permalinks

__all__ = ["AnswerService", "RateLimited", "local_service"]

T = TypeVar("T")

log = logging.getLogger("canirun.service")

READINGS_KEPT = 4096  # question texts whose reading is kept in memory
# answers are CPU-bound Python (the GIL): more computing at once only slows the event loop, and with
# it every cached answer, store call and acknowledgement; at most this many compute threads run
COMPUTE_SLOTS = 2
NO_RIG_SAVED = (
    "No hardware given and no rig saved. Add your hardware, or save it once "
    'with /rig set (for example "RTX 3090, 64GB RAM").'
)
INTERNAL_ERROR = "Something went wrong answering that; the problem has been logged."
INTERNAL_HINT = "Try rewording the question, or ask again later."
NO_RIG_STORE_DOWN = (
    "No hardware given, and saved rigs cannot be read right now (storage is down). "
    'Add your hardware to the question, for example "RTX 3090, 64GB RAM".'
)


class RateLimited(Exception):
    """The asker is over their rate limit; retry after `retry_after` seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"too many questions: try again in {retry_after:.0f}s")
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class RateLimit:
    capacity: int = 10  # questions in a burst
    per_minute: float = 6.0  # sustained questions per minute


RIG_RATE = RateLimit(capacity=5, per_minute=5.0)  # saved-rig writes per user: a few in a row, then slower


class AnswerService:
    """Questions in, Answers out. `who` is (platform, user id); None skips rate limits and saved rigs."""

    def __init__(
        self,
        store: Store | None = None,
        catalog: Callable[[], Awaitable[Catalog]] | None = None,
        *,
        ttl_s: int = 24 * 3600,
        rate: RateLimit | None = None,
        metrics: Any = None,
        links: Permalinks | None = None,
        hub: HubModels | None = None,
        compute_slots: int = COMPUTE_SLOTS,
        compute_inline: bool = False,
    ) -> None:
        self.store: Store = store if store is not None else MemoryStore()
        self.links = links  # the web page's permalinks, for "full answer" links in replies
        self.hub = hub  # models read from the Hub for repos the catalog lacks; None: answered from the name
        self._catalog = catalog or _bundled_catalog
        self._on_close: list[Callable[[], Awaitable[None]]] = []
        self.ttl_s = ttl_s
        self.rate = rate or RateLimit()
        self.metrics = metrics
        self._inflight: dict[str, asyncio.Future[Answer]] = {}
        # readings of recent questions (texts and fields): a popular question is read once
        self._readings: OrderedDict[tuple[str, object], Question] = OrderedDict()
        self._compute = asyncio.Semaphore(compute_slots)
        # a client that asks one question at a time (the CLI, its batches included) has nothing for
        # the event loop to serve while an answer computes: the work runs on the loop's own thread,
        # without two thread hand-overs (and their waits for a core) per question
        self._inline = compute_inline

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        catalog: Callable[[], Awaitable[Catalog]] | None = None,
        metrics: Any = None,
        allow_memory: bool = False,
        compute_inline: bool = False,
    ) -> AnswerService:
        """The service a bot runs: its store, TTL and rate limits from the settings, and the live
        catalog (bundled models plus what `canirun-admin catalog publish` put in the store).
        Raises StoreNotDurable when no durable store opens, unless `allow_memory` (the CLI).
        `compute_inline`: answers computed on the event loop's thread (a client of one question at a
        time)."""
        from .catalog_live import LiveCatalog
        from .permalinks import Permalinks

        store = store_from_settings(settings, metrics=metrics, allow_memory=allow_memory)
        live = None if catalog is not None else LiveCatalog(store, poll_s=settings.catalog_poll_s)
        service = cls(
            store,
            catalog or (live.get if live is not None else None),
            ttl_s=settings.cache_ttl_s,
            rate=RateLimit(settings.rate_limit.burst, settings.rate_limit.per_minute),
            metrics=metrics,
            links=Permalinks(store, ttl_s=settings.web.permalink_ttl_s, base_url=settings.web.public_url),
            hub=HubModels(store, settings.hub, settings.hf_endpoint),
            compute_inline=compute_inline,
        )
        if live is not None:
            service._on_close.append(live.close)
        return service

    async def close(self) -> None:
        for close in self._on_close:
            await close()
        await self.store.close()

    async def catalog(self) -> Catalog:
        return await self._catalog()

    async def ask(self, text: str, who: tuple[str, str] | None = None, *, offline: bool = False) -> Answer:
        """Answer a free-text question; a saved rig fills in missing hardware; a Hub repo the catalog
        lacks is read from the Hub unless `offline`. Raises RateLimited."""
        await self._check_rate(who)
        catalog = await self.catalog()
        started = time.perf_counter()
        try:
            q = await self._read(clean_input(text), catalog)
        except SizingError as err:
            return self._notice(notice("error", str(err), catalog.version, hint=err.hint), started)
        except Exception:  # a bug in reading must cost the asker an apology, never a crash
            log.exception("reading a question failed")
            return self._notice(_internal_error(catalog), started)
        q, hub_key = await self._hub_models(q, catalog, who, offline)
        return await self._answer(q, who, catalog, started, hub_key)

    async def ask_structured(
        self, s: Structured, who: tuple[str, str] | None = None, *, offline: bool = False
    ) -> Answer:
        """Answer a question given in fields; no hardware means the asker's saved rig. Raises RateLimited."""
        await self._check_rate(who)
        catalog = await self.catalog()
        started = time.perf_counter()
        s = _clean_fields(s)
        if not s.hardware.strip():
            try:
                saved = await self.store.rig_get(*who) if who is not None else None
            except StoreUnavailable:
                return self._notice(_no_rig(NO_RIG_STORE_DOWN, catalog), started)
            if saved is None:
                return self._notice(_no_rig(NO_RIG_SAVED, catalog), started)
            s = dataclasses.replace(s, hardware=saved)
        try:
            q = await self._reading(s, catalog, lambda: question_from_structured(s, catalog))
        except SizingError as err:
            return self._notice(notice("error", str(err), catalog.version, hint=err.hint), started)
        except Exception:
            log.exception("reading a question in fields failed")
            return self._notice(_internal_error(catalog), started)
        q, hub_key = await self._hub_models(q, catalog, who, offline)
        return await self._answer(q, who, catalog, started, hub_key)

    async def _hub_models(
        self, q: Question, catalog: Catalog, who: tuple[str, str] | None, offline: bool
    ) -> tuple[Question, tuple[object, ...]]:
        """The models of the Hub repos `q` names that the catalog lacks (see bot.hub_models)."""
        if not q.hub_refs:
            return q, ()
        try:
            if self.hub is None:
                return unread(q, catalog)
            return await self.hub.complete(q, catalog, who, offline=offline)
        except Exception:  # the Hub is a bonus: a fault there answers from the names
            log.exception("completing the Hub models failed")
            return unread(q, catalog, "an unexpected error")

    async def _answer(
        self,
        q: Question,
        who: tuple[str, str] | None,
        catalog: Catalog,
        started: float,
        hub_key: tuple[object, ...] = (),
    ) -> Answer:
        """The one path every question takes once read: saved rig, cache key, answer."""
        if "hardware" in q.missing and who is not None:
            q = await self._with_saved_rig(q, who)
        parts = cache_key_parts(q)
        key = self._key((*parts, ("hub", hub_key)) if hub_key else parts, catalog)
        return await self._cached(key, lambda: _answer_or_apology(q, catalog), started)

    async def _read(self, text: str, catalog: Catalog) -> Question:
        return await self._reading(text, catalog, lambda: read_question(text, catalog.index))

    async def _reading(
        self, asked: str | Structured, catalog: Catalog, read: Callable[[], Question]
    ) -> Question:
        """The reading of a question (text or fields), kept for the next time it is asked."""
        key = (catalog.version, asked)
        q = self._readings.get(key)
        if q is not None:
            self._readings.move_to_end(key)
            return q
        q = await self._in_thread(read)
        self._readings[key] = q
        while len(self._readings) > READINGS_KEPT:
            self._readings.popitem(last=False)
        return q

    async def _in_thread(self, work: Callable[[], T]) -> T:
        """CPU-bound work in a thread, at most `compute_slots` at once, so the event loop keeps its
        share of the GIL for cached answers, store calls and acknowledgements; on the loop's thread
        for a client of one question at a time (`compute_inline`)."""
        if self._inline:
            return work()
        async with self._compute:
            return await asyncio.to_thread(work)

    async def drawing(self, key: str | None, draw: Callable[[], bytes | None]) -> bytes | None:
        """A picture of an answer (the Discord memory chart), drawn once and kept in the answer
        cache under `key` (a digest of what it shows), so a cached answer is not drawn again.
        `key` None: drawn and not kept. The cache is optional: a picture it cannot keep is still given."""
        if key is None:
            return await self._in_thread(draw)
        cache_key = f"drawing:{key}"
        raw = await self.store.cache_get(cache_key)
        if raw is not None:
            try:
                return base64.b64decode(raw, validate=True)
            except (binascii.Error, ValueError):
                log.warning("cached drawing %s unreadable; drawing it again", key)
        picture = await self._in_thread(draw)
        if picture is not None:
            await self.store.cache_set(cache_key, base64.b64encode(picture).decode("ascii"), self.ttl_s)
        return picture

    async def permalink(self, answer: Answer) -> str | None:
        """The address of `answer` on the web page, for a reply's "full answer" link: None unless
        a public address is configured (`web.public_url`), for a message-only answer, or when the
        store cannot keep it."""
        return await self.links.link(answer) if self.links is not None else None

    # saved rigs: durable; writes raise StoreUnavailable with a message fit for users
    async def save_rig(self, who: tuple[str, str], text: str) -> Hardware:
        """Read `text` as a rig and save it for `who`. Raises RateLimited (saving too often),
        SizingError (unreadable) or StoreUnavailable."""
        await self._check_rate(who, f"rig:{who[0]}:{who[1]}", RIG_RATE)
        text = clean_input(text)
        hw = await asyncio.to_thread(parse_hardware, text)
        if hw.is_empty and hw.cpu is None:
            raise HardwareError(
                "no GPU, Mac or memory size found in that text",
                hint='describe it like "RTX 3090, 64GB RAM" or "M2 Max 96GB"',
            )
        await self.store.rig_set(who[0], who[1], text.strip())
        return hw

    async def saved_rig(self, who: tuple[str, str] | None) -> str | None:
        if who is None:
            return None
        try:
            return await self.store.rig_get(who[0], who[1])
        except StoreUnavailable:
            log.warning("saved rigs unavailable; answering without one")
            return None

    async def read_saved_rig(self, who: tuple[str, str]) -> tuple[str, Hardware] | None:
        """The asker's saved rig and how it reads now, or None when none is saved.
        Raises StoreUnavailable (storage down) or SizingError (the text no longer reads)."""
        saved = await self.store.rig_get(*who)
        if not saved:
            return None
        return saved, await asyncio.to_thread(parse_hardware, saved)

    async def forget_rig(self, who: tuple[str, str]) -> bool:
        return await self.store.rig_delete(who[0], who[1])

    async def _with_saved_rig(self, q: Question, who: tuple[str, str]) -> Question:
        saved = await self.saved_rig(who)
        if saved is None:
            return q
        try:
            hw = await asyncio.to_thread(parse_hardware, saved)
        except SizingError:
            return q
        missing = tuple(m for m in q.missing if m != "hardware")
        return dataclasses.replace(q, hardware=hw, missing=missing)

    def _notice(self, answer: Answer, started: float) -> Answer:
        """A message-only answer (a question back, an error), counted in the metrics."""
        self._observe("none", answer, started)
        return answer

    def _key(self, parts: Any, catalog: Catalog) -> str:
        blob = json.dumps([parts, catalog.version, ESTIMATOR_VERSION], default=str, sort_keys=True)
        return (
            f"answer:{catalog.version}:{ESTIMATOR_VERSION}:" + hashlib.sha256(blob.encode()).hexdigest()[:32]
        )

    async def _cached(self, key: str, compute: Callable[[], Answer], started: float) -> Answer:
        raw = await self.store.cache_get(key)
        if raw is not None:
            try:
                answer = answer_from_json(raw).model_copy(update={"cached": True})
                self._observe("hit", answer, started)
                return answer
            except ValueError:
                log.warning("cache entry %s unreadable; recomputing", key)
        running = self._inflight.get(key)
        if running is not None:  # single flight: wait for the identical question already computing
            return await asyncio.shield(running)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Answer] = loop.create_future()
        self._inflight[key] = future
        try:
            answer = await self._in_thread(compute)
            if answer.kind != "error":
                await self._cache_put(key, answer)
            future.set_result(answer)
            self._observe("miss", answer, started)
            return answer
        except BaseException as err:
            future.set_exception(err)
            future.exception()  # mark retrieved: waiters re-raise it themselves
            raise
        finally:
            self._inflight.pop(key, None)

    async def _cache_put(self, key: str, answer: Answer) -> None:
        """Cache an answer; the cache is optional: an answer that cannot be stored is still given."""
        try:
            raw = answer.model_dump_json()
        except ValueError:  # pydantic's serialization errors are ValueErrors
            log.exception("answer for %s could not be serialized; not cached", key)
            return
        await self.store.cache_set(key, raw, self.ttl_s)

    async def _check_rate(
        self, who: tuple[str, str] | None, key: str | None = None, rate: RateLimit | None = None
    ) -> None:
        if who is None:
            return
        rate = rate or self.rate
        allowed, retry_after = await self.store.rate_limit(
            key or f"rate:{who[0]}:{who[1]}", rate.capacity, rate.per_minute / 60.0
        )
        if not allowed:
            if self.metrics is not None:
                self.metrics.rate_limited()
            raise RateLimited(retry_after)

    def _observe(self, outcome: str, answer: Answer, started: float) -> None:
        if self.metrics is not None:
            self.metrics.answered(outcome, answer.kind, time.perf_counter() - started)


def _internal_error(catalog: Catalog) -> Answer:
    return notice("error", INTERNAL_ERROR, catalog.version, hint=INTERNAL_HINT)


def _answer_or_apology(q: Question, catalog: Catalog) -> Answer:
    """`answer_question`, or an error answer (and a logged traceback) when it fails unexpectedly."""
    try:
        return answer_question(q, catalog)
    except SizingError as err:
        return notice("error", str(err), catalog.version, hint=err.hint)
    except Exception:
        log.exception("answering a question failed")
        return _internal_error(catalog)


def _clean_fields(s: Structured) -> Structured:
    """A question in fields with its text fields cleaned (see bot._input)."""
    changes: dict[str, Any] = {
        f.name: clean_input(v) for f in dataclasses.fields(s) if isinstance(v := getattr(s, f.name), str)
    }
    return dataclasses.replace(s, **changes)


def _no_rig(message: str, catalog: Catalog) -> Answer:
    return notice("clarify", message, catalog.version, question=QuestionInfo(missing=["hardware"]))


async def _bundled_catalog() -> Catalog:
    """The bundled catalog: loaded on a worker thread the first time (reading and building it would
    stall the event loop), then at once: a thread hop for every question costs a cached answer about a
    tenth of its time."""
    if default_catalog.cache_info().currsize:
        return default_catalog()
    return await asyncio.to_thread(default_catalog)


def local_service() -> AnswerService:
    """The CLI's service: Redis when CANIRUN_REDIS_URL is set, else the embedded store; it asks one
    question at a time, so answers compute on the event loop's thread. Close it after use."""
    from .config import load_settings

    return AnswerService.from_settings(load_settings(), allow_memory=True, compute_inline=True)
