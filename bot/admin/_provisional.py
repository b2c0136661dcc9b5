"""`canirun-admin catalog provisional list|publish|drop`: the entries read from the Hub for questions.

A question naming a Hugging Face repo the catalog lacks has its config.json (or a GGUF file's
header) read into a provisional entry (bot.hub_models), answered with the note "read from the Hub,
not reviewed". An admin reviews them here: `publish` makes one a catalog entry (a new published
version, as `catalog publish` makes; the draft is left alone), `drop` deletes it and keeps the
service from reading that repo again for DROP_KEEP_S (its answers come from the name).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text

from ..hub_models import DROPPED, MISS_PREFIX, Provisional
from ._catalog import _publish
from ._common import AdminError, table
from ._publish import Change
from ._session import Session

__all__ = ["COMMANDS", "DROP_KEEP_S"]

DROP_KEEP_S = 30 * 24 * 3600  # a dropped repo is not read again for this long


async def _records(ctx: Session) -> dict[str, Provisional]:
    out: dict[str, Provisional] = {}
    for key, raw in (await ctx.store().provisional_list()).items():
        try:
            out[key] = Provisional.from_json(raw)
        except ValueError:
            ctx.out.warn(f"provisional record {key} is unreadable; drop it: catalog provisional drop {key}")
    return out


def _row(r: Provisional) -> dict[str, Any]:
    e = r.entry
    return {
        "key": r.key,
        "repo": r.repo,
        "revision": r.revision,
        "file": r.file,
        "id": e.get("id"),
        "name": e.get("name"),
        "params_b": e.get("params_b"),
        "active_params_b": e.get("active_params_b"),
        "source": r.source,
        "read_at": dt.datetime.fromtimestamp(r.read_at, dt.UTC).isoformat(timespec="seconds"),
        "warnings": list(r.warnings),
        "entry": e,
    }


def _find(records: dict[str, Provisional], text: str) -> Provisional:
    """By key, else by repo or entry id (one match only)."""
    if text in records:
        return records[text]
    low = text.lower()
    hits = [r for r in records.values() if low in (r.key, r.repo.lower(), str(r.entry.get("id", "")).lower())]
    if len(hits) == 1:
        return hits[0]
    if hits:
        keys = ", ".join(r.key for r in hits)
        raise AdminError(f"'{text}' matches {len(hits)} provisional entries", hint=f"give the key: {keys}")
    raise AdminError(f"no provisional entry '{text}'", hint="see canirun-admin catalog provisional list")


async def cmd_list(ctx: Session) -> int:
    rows = [_row(r) for r in (await _records(ctx)).values()]
    cells = [[r["key"], r["id"], r["params_b"], r["source"], r["read_at"], len(r["warnings"])] for r in rows]
    cols = ["key", "id", "params B", "read from", "read at (UTC)", "warnings"]
    t = table(f"provisional entries (read from the Hub, not reviewed): {len(rows)}", cols, cells)
    ctx.out.emit({"count": len(rows), "entries": rows}, t)
    return 0


async def cmd_publish(ctx: Session) -> int:
    record = _find(await _records(ctx), ctx.args.key)
    entry = dict(record.entry)
    if ctx.args.id:
        entry["id"] = ctx.args.id
    _, _, catalog = await ctx.live()
    taken = catalog.get(str(entry.get("id")))
    if taken is not None and (taken.hf_repo or "").lower() != record.repo.lower():
        raise AdminError(
            f"the catalog already has a model with id '{entry['id']}' ({taken.name})",
            hint="publish it under another id with --id NEW-ID",
        )
    if record.file is None:  # a repo of weights (a GGUF file's repo holds only its quantizations)
        entry.setdefault("hf_repo", record.repo)
    note = ctx.args.note or f"publish {entry['id']} read from {record.repo}"
    version, _ = await _publish(ctx, Change(set={entry["id"]: entry}), note)
    await ctx.store().provisional_drop(record.key)
    ctx.out.note(f"{record.key}: published as {entry['id']} in catalog v{version}; no longer provisional")
    return 0


async def cmd_drop(ctx: Session) -> int:
    record = _find(await _records(ctx), ctx.args.key)
    store = ctx.store()
    await store.provisional_drop(record.key)
    await store.kv_set(MISS_PREFIX + record.key, DROPPED, DROP_KEEP_S)
    days = DROP_KEEP_S // 86400
    data = {"key": record.key, "dropped": True, "not_read_again_for_s": DROP_KEEP_S}
    text = f"dropped {record.key}; answers size it from its name (not read again for {days} days)"
    ctx.out.emit(data, Text(text))
    return 0


COMMANDS = {"list": cmd_list, "publish": cmd_publish, "drop": cmd_drop}
