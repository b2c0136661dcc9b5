"""Permalinks: a short, stable address for every answer, kept in the store for a while.

An answer's id is a content hash of what it says: how the question was read (models, rig,
context, task, and through the options the quantization, engine and speed wishes), the catalog
version and the estimator version that answered it; the wording of the question is left out. The
same reading under the same catalog gets the same id, from any frontend and any process, so a
question asked twice, or on Discord and then on the page, shares one address; a new catalog
version or estimator gives a new one (and the page shows which catalog answered).

The answer is stored under `permalink:<id>` (the store's small durable values, with a TTL) without
the question's wording: a shared link shows the reading, never what someone typed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from typing import Any

from .answers import Answer, answer_from_json
from .stores import KeyValues, StoreUnavailable

__all__ = ["ID_PATTERN", "KV_PREFIX", "Permalinks", "permalink_id", "shareable"]

log = logging.getLogger("canirun.permalinks")

KV_PREFIX = "permalink:"
ID_CHARS = 12  # base32: 60 bits; ids live for weeks, so collisions stay out of reach
ID_PATTERN = re.compile(rf"[a-z2-7]{{{ID_CHARS}}}")
# kinds whose answer is the whole message already: a reply links no page for them
_NOTHING_MORE = frozenset({"clarify", "error"})


def shareable(answer: Answer) -> Answer:
    """The answer as a permalink keeps it: without the question's wording, and not "cached"."""
    question = answer.question.model_copy(update={"text": None})
    return answer.model_copy(update={"question": question, "cached": False})


def permalink_id(answer: Answer) -> str:
    """The id of `answer`'s permalink: a hash of its reading and content and the catalog and
    estimator versions that gave it (not of the question's wording)."""
    content: dict[str, Any] = shareable(answer).model_dump(mode="json")
    blob = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(blob.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:ID_CHARS]


class Permalinks:
    """Answers kept under their ids for `ttl_s` seconds; `base_url` (the page's public address)
    makes full links, else links are paths ("/a/<id>")."""

    def __init__(self, store: KeyValues, *, ttl_s: float, base_url: str | None = None) -> None:
        self.store = store
        self.ttl_s = ttl_s
        self.base_url = base_url.rstrip("/") if base_url else None

    def url(self, link_id: str) -> str:
        return f"{self.base_url or ''}/a/{link_id}"

    async def keep(self, answer: Answer) -> str:
        """Store `answer` under its id (refreshing its TTL) and return the id.
        Raises StoreUnavailable when the store cannot keep it."""
        link_id = permalink_id(answer)
        await self.store.kv_set(KV_PREFIX + link_id, shareable(answer).model_dump_json(), ttl_s=self.ttl_s)
        return link_id

    async def link(self, answer: Answer) -> str | None:
        """The "full answer" link a bot's reply carries: None without a public address, for
        answers that are only a message, or when the store cannot keep it (the reply goes
        without a link rather than with a dead one)."""
        if self.base_url is None or answer.kind in _NOTHING_MORE:
            return None
        try:
            return self.url(await self.keep(answer))
        except (StoreUnavailable, OSError) as err:
            log.warning("permalink not stored (%s): reply sent without a link", err)
            return None

    async def load(self, link_id: str) -> Answer | None:
        """The answer kept under `link_id`; None for an unknown, expired or malformed id.
        Raises StoreUnavailable when the store cannot be read."""
        if not ID_PATTERN.fullmatch(link_id):
            return None
        raw = await self.store.kv_get(KV_PREFIX + link_id)
        if raw is None:
            return None
        try:
            return answer_from_json(raw)
        except ValueError:
            log.warning("permalink %s unreadable", link_id)
            return None
