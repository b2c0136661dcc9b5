"""Models read from the Hugging Face Hub for questions that name a repo the catalog lacks.

The reading of a question (sizing, pure) says which repos it names (`Question.hub_refs`), whether
the catalog knows each, and what each name gives alone: its family and size. For a repo the catalog
lacks, `HubModels.complete`:

1. takes the provisional entry the store keeps for it (read before: no request to the Hub), else
2. unless the repo is remembered as a miss (the Hub has no such repo, its config is not a model the
   catalog can describe, an admin dropped it; or the Hub could not be reached a moment ago), reads
   its config.json, or the header of the GGUF file named, with the importer's code
   (`bot.admin.hub`): within a short timeout, one read per repo at a time however many ask, within
   a per-user and an overall budget (the store's token buckets), and keeps the entry in the store
   as provisional;
3. answers with that entry, noted "read from the Hub, not reviewed", or, when nothing could be read,
   with the name's family and size and a note saying why.

Admins list, publish or drop provisional entries with `canirun-admin catalog provisional ...`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from sizing import Catalog, HubRef, ModelSpec, Question
from sizing.catalog import Resolution, is_gguf_repo

from .config import HubSettings
from .stores import Store, StoreUnavailable

__all__ = [
    "DROPPED",
    "MISS_PREFIX",
    "PROVISIONAL_NOTE",
    "HubModels",
    "Provisional",
    "provisional_spec",
    "unread",
]

log = logging.getLogger("canirun.hub")

PROVISIONAL_NOTE = "read from the Hub, not reviewed"
MISS_PREFIX = "hub:miss:"  # a KeyValues key per repo the Hub gave nothing usable for: the reason
DROPPED = "dropped by an admin"
FALLBACK = "answered from the name's family and size"
ASKING_KINDS = ("estimate", "requirements")  # the kinds that take a model a repo gives


@dataclass(frozen=True, slots=True)
class Provisional:
    """A catalog entry read from the Hub for a question, kept until an admin publishes or drops it."""

    key: str  # HubRef.key: repo, revision and file, lower-cased
    repo: str
    revision: str
    file: str | None
    source: str  # the page of the file read
    entry: dict[str, Any]  # the catalog entry (ModelSpec fields)
    read_at: float
    warnings: tuple[str, ...] = ()

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> Provisional:
        """Raises ValueError for a record that is not one."""
        try:
            d = json.loads(raw)
            return cls(
                key=str(d["key"]),
                repo=str(d["repo"]),
                revision=str(d.get("revision") or "main"),
                file=d.get("file"),
                source=str(d["source"]),
                entry=dict(d["entry"]),
                read_at=float(d["read_at"]),
                warnings=tuple(str(w) for w in d.get("warnings") or ()),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise ValueError(f"not a provisional record: {err}") from None

    @property
    def digest(self) -> str:
        """Short hash of the entry: answers computed from another reading of it are other answers."""
        return hashlib.sha256(json.dumps(self.entry, sort_keys=True).encode()).hexdigest()[:12]


def provisional_spec(record: Provisional, catalog: Catalog) -> ModelSpec:
    """The record's entry as a model, under an id no catalog model has (a catalog model of the same
    id is another model: the org is added). Raises ValueError for an entry that is not valid."""
    try:
        spec = ModelSpec.model_validate(record.entry)
    except ValidationError as err:
        raise ValueError(f"the entry read is not valid: {err.error_count()} problem(s)") from None
    taken = catalog.get(spec.id)
    if taken is None or (taken.hf_repo or "").lower() == record.repo.lower():
        return spec
    org = "".join(c if c.isalnum() else "-" for c in record.repo.split("/")[0].lower()).strip("-")
    return spec.model_copy(update={"id": f"{spec.id}-{org}"[:80]})


Reader = Callable[..., Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class _Outcome:
    record: Provisional | None = None
    reason: str | None = None  # why nothing was read
    read: bool = False  # the Hub was asked (and failed): "could not be read", not "not looked up"


def _note(ref: HubRef, outcome: _Outcome) -> str:
    if outcome.read:
        return f"{ref.repo}: the Hub could not be read ({outcome.reason}); {FALLBACK}"
    return f"{ref.repo}: not read from the Hub ({outcome.reason}); {FALLBACK}"


def _apply(
    q: Question, outcomes: list[tuple[HubRef, _Outcome]], catalog: Catalog
) -> tuple[Question, tuple[object, ...]]:
    """The question with each repo's model (read, or the name's with a note), and what of the repos'
    reading an answer's cache key must hold."""
    models = list(q.models)
    missing = list(q.missing)
    key: list[object] = []
    for ref, outcome in outcomes:
        named = ref.fallback.model.id if ref.fallback is not None else None
        at = next((i for i, r in enumerate(models) if r.model.id == named), None)
        record = outcome.record
        if record is not None:
            try:
                spec = provisional_spec(record, catalog)
            except ValueError as err:
                outcome = _Outcome(reason=str(err), read=True)
            else:
                if ref.file is not None and is_gguf_repo(ref.repo):
                    spec = spec.model_copy(update={"hf_repo": ref.repo})  # the GGUF repo its file is in
                resolution = Resolution(spec, (f"{spec.name}: {PROVISIONAL_NOTE} ({record.source})",))
                key.append((ref.key, record.digest))
                if at is not None:
                    models[at] = resolution
                elif q.kind in ASKING_KINDS:
                    models.append(resolution)
                    missing = [m for m in missing if m != "model"]
                continue
        key.append((ref.key, outcome.reason))
        if at is not None:
            r = models[at]
            named_repo = r.model.model_copy(update={"hf_repo": ref.repo}) if r.model.is_generic else r.model
            models[at] = Resolution(named_repo, (*r.assumptions, _note(ref, outcome)))
    unique: dict[str, Resolution] = {}
    for r in models:
        unique.setdefault(r.model.id, r)
    return dataclasses.replace(q, models=tuple(unique.values()), missing=tuple(missing)), tuple(key)


def unread(q: Question, catalog: Catalog, reason: str = "offline") -> tuple[Question, tuple[object, ...]]:
    """The question answered without the Hub: each repo the catalog lacks from its name, with a note."""
    refs = [r for r in q.hub_refs if not r.known]
    if not refs:
        return q, ()
    return _apply(q, [(r, _Outcome(reason=reason)) for r in refs], catalog)


async def _default_reader(repo: str, **kwargs: Any) -> Any:
    from .admin.hub import read_hub_entry  # the bot extras (aiohttp): loaded on the first read

    return await read_hub_entry(repo, **kwargs)


class HubModels:
    """Provisional models for the repos questions name: from the store, else read from the Hub."""

    def __init__(
        self, store: Store, settings: HubSettings, endpoint: str, *, reader: Reader | None = None
    ) -> None:
        self.store = store
        self.settings = settings
        self.endpoint = endpoint
        self._reader = reader or _default_reader
        self._inflight: dict[str, asyncio.Future[_Outcome]] = {}

    async def complete(
        self, q: Question, catalog: Catalog, who: tuple[str, str] | None = None, *, offline: bool = False
    ) -> tuple[Question, tuple[object, ...]]:
        """`q` with a model for each repo it names that the catalog lacks, and the cache-key part
        those readings add. Never raises for the Hub's or the store's trouble: the name answers."""
        refs = [r for r in q.hub_refs if not r.known]
        if not refs:
            return q, ()
        outcomes = [(ref, await self._outcome(ref, who, offline)) for ref in refs]
        return _apply(q, outcomes, catalog)

    async def _outcome(self, ref: HubRef, who: tuple[str, str] | None, offline: bool) -> _Outcome:
        record = await self._stored(ref.key)
        if record is not None:
            return _Outcome(record)
        if offline:
            return _Outcome(reason="offline")
        if not self.settings.enabled:
            return _Outcome(reason="reading the Hub is turned off")
        miss = await self._kv_get(MISS_PREFIX + ref.key)
        if miss is not None:
            return _Outcome(reason=miss, read=miss != DROPPED)
        running = self._inflight.get(ref.key)
        if running is not None:  # one read per repo: wait for the one under way
            return await asyncio.shield(running)
        if not await self._within_budget(who):
            return _Outcome(reason="too many new repos asked about just now; ask again in a minute")
        future: asyncio.Future[_Outcome] = asyncio.get_running_loop().create_future()
        self._inflight[ref.key] = future
        try:
            outcome = await self._read(ref)
            future.set_result(outcome)
            return outcome
        except BaseException as err:  # cancelled: the waiters give up too
            future.set_exception(err)
            future.exception()
            raise
        finally:
            self._inflight.pop(ref.key, None)

    async def _read(self, ref: HubRef) -> _Outcome:
        s = self.settings
        timeout = s.gguf_timeout_s if ref.file else s.timeout_s
        started = time.monotonic()
        try:
            async with asyncio.timeout(timeout):
                read = await self._reader(
                    ref.repo,
                    endpoint=self.endpoint,
                    revision=ref.revision,
                    file=ref.file,
                    timeout_s=timeout,
                    max_bytes=s.max_bytes,
                    allow_private=s.allow_private,
                )
        except TimeoutError:
            return await self._missed(ref, f"no answer within {timeout:g}s", s.retry_s)
        except ImportError:
            return _Outcome(reason="the Hub reader is not installed: pip install 'canirun[bot]'")
        except Exception as err:
            transient = getattr(err, "transient", None)
            if transient is None:  # not a HubReadError: a fault of ours, logged; the name still answers
                log.exception("reading %s from the Hub failed", ref.key)
                return await self._missed(ref, "an unexpected error", s.retry_s)
            return await self._missed(ref, str(err), s.retry_s if transient else s.miss_ttl_s)
        record = Provisional(
            key=ref.key,
            repo=ref.repo,
            revision=ref.revision,
            file=ref.file,
            source=str(read.source),
            entry=dict(read.entry),
            read_at=time.time(),
            warnings=tuple(read.warnings),
        )
        log.info("read %s from the Hub in %.2fs: provisional entry %s", ref.key, time.monotonic() - started,
                 record.entry.get("id"))  # fmt: skip
        try:
            ModelSpec.model_validate(record.entry)
        except ValidationError as err:
            return await self._missed(ref, f"the entry read is not valid ({err.error_count()} problem(s))",
                                      s.miss_ttl_s)  # fmt: skip
        try:
            await self.store.provisional_put(ref.key, record.to_json())
        except StoreUnavailable:  # not kept: the answer is still given, the next asker reads again
            log.warning("could not keep the provisional entry for %s", ref.key)
        return _Outcome(record)

    async def _missed(self, ref: HubRef, reason: str, ttl_s: int) -> _Outcome:
        """Remember a read that gave nothing for `ttl_s`, so a flood of asks is not a flood of reads."""
        if ttl_s > 0:
            try:
                await self.store.kv_set(MISS_PREFIX + ref.key, reason, ttl_s)
            except StoreUnavailable:
                log.warning("could not remember the Hub miss for %s", ref.key)
        return _Outcome(reason=reason, read=True)

    async def _stored(self, key: str) -> Provisional | None:
        try:
            raw = await self.store.provisional_get(key)
        except StoreUnavailable:
            return None
        if raw is None:
            return None
        try:
            return Provisional.from_json(raw)
        except ValueError:
            log.warning("provisional record %s is unreadable; reading the Hub again", key)
            return None

    async def _kv_get(self, key: str) -> str | None:
        try:
            return await self.store.kv_get(key)
        except StoreUnavailable:
            return None

    async def _within_budget(self, who: tuple[str, str] | None) -> bool:
        """A Hub read is allowed by the asker's bucket (none for the CLI) and the shared one."""
        s = self.settings
        buckets = [("hub:all", s.total)]
        if who is not None:
            buckets.insert(0, (f"hub:{who[0]}:{who[1]}", s.per_user))
        for key, rate in buckets:
            allowed, _ = await self.store.rate_limit(key, rate.burst, rate.per_minute / 60.0)
            if not allowed:
                return False
        return True
