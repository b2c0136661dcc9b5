"""`canirun-admin catalog ...`: list, show, validate, add, remove, diff, publish, history, rollback, export.

Imports live in _imports.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from rich.console import Group
from rich.syntax import Syntax
from rich.text import Text

from sizing import Catalog, ModelSpec, SizingError
from sizing.catalog import active_params, parse_model_entries, total_params

from ..catalog_live import Overlay, OverlayError, build_catalog, dump_overlay, parse_overlay
from ._common import AdminError, table
from ._publish import Change, apply_change, check_overlay, default_author, publish, write_draft
from ._session import Session, entry_dict

__all__ = ["COMMANDS"]


def derived_b(spec: ModelSpec) -> float:
    return total_params(spec) / 1e9 + (spec.vision_params_b or 0) + (spec.extra_params_b or 0)


def _summary(spec: ModelSpec, origin: str) -> dict[str, Any]:
    return {
        "id": spec.id,
        "name": spec.name,
        "family": spec.family,
        "org": spec.org,
        "params_b": spec.params_b,
        "active_params_b": spec.active_params_b,
        "total_params_b": round(derived_b(spec), 3),
        "max_context": spec.max_context,
        "origin": origin,
        "gguf_quants": [f.quant for f in spec.gguf_files],
    }


def _origin(mid: str, overlay: Overlay, bundled: set[str]) -> str:
    if mid in overlay.models:
        return "overlay (replaces bundled)" if mid in bundled else "overlay"
    return "bundled"


async def cmd_list(ctx: Session) -> int:
    version, overlay, catalog = await ctx.live()
    bundled = {m.id for m in (await ctx.bundled()).models}
    needle = (ctx.args.search or "").lower()
    rows = [
        _summary(m, _origin(m.id, overlay, bundled))
        for m in catalog.models
        if (not ctx.args.overlay or m.id in overlay.models)
        and (not needle or needle in f"{m.id} {m.name} {m.family} {m.org}".lower())
    ]
    data = {"version": version, "catalog_version": catalog.version, "count": len(rows), "models": rows}
    title = f"catalog v{version} ({catalog.version}): {len(rows)} models"
    cols = ["id", "name", "params B", "active B", "context", "origin", "GGUF files"]
    cells = [
        [r["id"], r["name"], r["params_b"], r["active_params_b"], r["max_context"], r["origin"], _q(r)]
        for r in rows
    ]
    t = table(title, cols, cells)
    ctx.out.emit(data, t)
    return 0


def _q(row: dict[str, Any]) -> str | None:
    return ", ".join(row["gguf_quants"]) or None


def _find(catalog: Catalog, text: str) -> ModelSpec:
    spec = catalog.get(text) or catalog.get(text.lower())
    if spec is not None:
        return spec
    try:
        found = catalog.resolve(text).model
    except SizingError as err:
        raise AdminError(
            f"unknown model id '{text}': {err}", hint=err.hint or "see canirun-admin catalog list"
        ) from None
    if found.is_generic:  # a shape made up from a size is no catalog entry an admin can act on
        raise AdminError(f"unknown model id '{text}'", hint="see canirun-admin catalog list")
    return found


async def cmd_show(ctx: Session) -> int:
    version, overlay, catalog = await ctx.live()
    spec = _find(catalog, ctx.args.id)
    bundled = {m.id for m in (await ctx.bundled()).models}
    entry = entry_dict(spec)
    data = {
        **entry,
        "origin": _origin(spec.id, overlay, bundled),
        "catalog_version": catalog.version,
        "total_params_b": round(derived_b(spec), 4),
        "derived_active_params_b": round(active_params(spec) / 1e9, 4),
    }
    head = Text.assemble(
        (spec.id, "bold"),
        f"  {data['origin']}, catalog v{version}; shapes give ",
        f"{data['total_params_b']:.3f}B (stated {spec.params_b:g}B)",
    )
    shown = dict(entry)
    if spec.gguf_files:  # per-block lists are long: show each file's total
        shown["gguf_files"] = [{"quant": f.quant, "file": f.file, "bytes": f.total} for f in spec.gguf_files]
    text = yaml.safe_dump(shown, sort_keys=False, width=78)
    ctx.out.emit(data, Group(head, Syntax(text, "yaml", word_wrap=True)))
    return 0


def _read_file(path_text: str) -> tuple[str, str]:
    path = Path(path_text)
    try:
        return path.name, path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AdminError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise AdminError(f"cannot read {path}: {err}") from None


def _load_file(path_text: str) -> Overlay:
    """A file of entries (a YAML list, or an overlay document), every entry schema-checked."""
    name, text = _read_file(path_text)
    try:
        doc = parse_overlay(text, name)
    except OverlayError as err:
        raise AdminError(f"{name} is not a valid catalog file", problems=err.problems) from None
    _, problems = parse_model_entries([dict(m) for m in doc.models.values()], name)
    if problems:
        raise AdminError(f"{name}: {len(problems)} problem(s); nothing changed", problems=problems)
    if doc.is_empty:
        raise AdminError(f"{name} holds no model entries")
    return doc


async def cmd_validate(ctx: Session) -> int:
    if ctx.args.file:
        doc = _load_file(ctx.args.file)
        _, problems, warnings = await asyncio.to_thread(check_overlay, doc, await ctx.bundled())
        where = ctx.args.file
    else:
        version, overlay, _ = await ctx.live()
        doc = apply_change(overlay, ctx.draft(), {m.id for m in (await ctx.bundled()).models}, version)
        _, problems, warnings = await asyncio.to_thread(check_overlay, doc, await ctx.bundled())
        where = f"the draft on top of v{version}"
    for w in warnings:  # said whether or not the file also has problems
        ctx.out.warn(w)
    if problems:
        raise AdminError(f"{where}: {len(problems)} problem(s)", problems=problems)
    data = {
        "valid": True,
        "file": where,
        "models": list(doc.models),
        "removed": list(doc.removed),
        "warnings": warnings,
    }
    ctx.out.emit(
        data, Text(f"{where}: valid ({len(doc.models)} entries, {len(doc.removed)} removed)", "green")
    )
    return 0


async def cmd_add(ctx: Session) -> int:
    doc = _load_file(ctx.args.file)
    change = ctx.draft()
    for mid, entry in doc.models.items():
        change.set[mid] = dict(entry)
        if mid in change.removed:
            change.removed.remove(mid)
    for mid in doc.removed:
        change.set.pop(mid, None)
        if mid not in change.removed:
            change.removed.append(mid)
    write_draft(ctx.draft_path, change)
    data = {"staged": list(doc.models), "removed": list(doc.removed), "draft": str(ctx.draft_path)}
    ctx.out.emit(data, Text(f"staged {', '.join(doc.models) or 'nothing'}; publish with: catalog publish"))
    return 0


async def cmd_remove(ctx: Session) -> int:
    mid = ctx.args.id
    change = ctx.draft()
    _, _, catalog = await ctx.live()
    staged = change.set.pop(mid, None) is not None
    if catalog.get(mid) is not None:
        if mid not in change.removed:
            change.removed.append(mid)
        what = "staged removal of"
    elif staged:
        what = "unstaged"
    else:
        guess = _find(catalog, mid)  # raises with suggestions when the name resolves to nothing
        raise AdminError(f"unknown model id '{mid}'", hint=f"ids are exact: did you mean {guess.id}?")
    write_draft(ctx.draft_path, change)
    ctx.out.emit(
        {"id": mid, "action": what.replace(" ", "_"), "draft": str(ctx.draft_path)}, Text(f"{what} {mid}")
    )
    return 0


def _flatten(d: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(d, dict):
        out: dict[str, Any] = {}
        for k, v in d.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    if isinstance(d, list) and prefix == "gguf_files":
        files = [f for f in d if isinstance(f, dict)]
        return {f"gguf_files[{f.get('quant')}]": f"{_file_bytes(f):,} bytes" for f in files}
    return {prefix: d}


def _file_bytes(f: dict[str, Any]) -> int:
    blocks = sum(f.get("layer_dense") or []) + sum(f.get("layer_experts") or [])
    return int(blocks) + sum(int(f.get(k) or 0) for k in ("embedding", "output", "other", "extra"))


def changes_between(old: Catalog, new: Catalog) -> dict[str, Any]:
    added = [m for m in new.by_id if m not in old.by_id]
    removed = [m for m in old.by_id if m not in new.by_id]
    replaced = []
    for mid in new.by_id:
        if mid in old.by_id and old.by_id[mid] != new.by_id[mid]:
            a, b = _flatten(entry_dict(old.by_id[mid])), _flatten(entry_dict(new.by_id[mid]))
            fields = {k: [a.get(k), b.get(k)] for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)}
            replaced.append({"id": mid, "changes": fields})
    return {"added": sorted(added), "replaced": replaced, "removed": sorted(removed)}


def _short(value: Any, limit: int = 90) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def cmd_diff(ctx: Session) -> int:
    version, overlay, live = await ctx.live()
    base = await ctx.bundled()
    change = ctx.draft()
    new = apply_change(overlay, change, {m.id for m in base.models}, version)
    draft_catalog, problems, _ = await asyncio.to_thread(check_overlay, new, base)
    diff = changes_between(live, draft_catalog)
    data = {"base_version": version, "draft": str(ctx.draft_path), **diff, "problems": problems}
    rows: list[list[Any]] = [["+", m, ""] for m in diff["added"]] + [["-", m, ""] for m in diff["removed"]]
    for r in diff["replaced"]:
        rows += [
            ["~", r["id"], f"{k}: {_short(old)} -> {_short(new_)}"] for k, (old, new_) in r["changes"].items()
        ]
    if change.is_empty:
        ctx.out.emit(data, Text(f"nothing staged (draft {ctx.draft_path}); live catalog is v{version}"))
    else:
        ctx.out.emit(data, table(f"draft vs live v{version}", ["", "id", "field: old -> new"], rows))
    for p in problems:
        ctx.out.warn(p)
    return 0


async def _publish(ctx: Session, change: Change, note: str) -> tuple[int, Overlay]:
    author = ctx.args.author or default_author()
    version, overlay, warnings = await publish(
        ctx.store(), change, await ctx.bundled(), author=author, note=note
    )
    for w in warnings:
        ctx.out.warn(w)
    catalog, _ = await asyncio.to_thread(build_catalog, overlay, version, await ctx.bundled())
    data = {
        "version": version,
        "catalog_version": catalog.version,
        "author": author,
        "note": note,
        "change": change.summary(),
        "warnings": warnings,
    }
    ctx.out.emit(data, Text(f"published catalog v{version} ({catalog.version}): {note}", "green"))
    return version, overlay


async def cmd_publish(ctx: Session) -> int:
    change = ctx.draft()
    if change.is_empty:
        raise AdminError(
            "nothing to publish: the draft is empty", hint="stage changes with catalog add / import-hf"
        )
    await _publish(ctx, change, ctx.args.note or change.describe())
    # what was published leaves the draft; what was staged meanwhile (an `add` while the store
    # answered) stays for the next publish
    now = ctx.draft()
    for mid, entry in change.set.items():
        if now.set.get(mid) == entry:
            del now.set[mid]
    now.removed = [r for r in now.removed if r not in change.removed]
    write_draft(ctx.draft_path, now)
    return 0


async def cmd_rollback(ctx: Session) -> int:
    store = ctx.store()
    history = {r.version: r for r in await store.catalog_history()}
    current = max(history, default=0)
    if not current:
        raise AdminError("nothing has been published: nothing to roll back")
    target = current - 1 if ctx.args.version is None else ctx.args.version
    if target != 0 and target not in history:
        raise AdminError(f"no catalog version {target}", hint="see canirun-admin catalog history")
    if target == current:
        raise AdminError(f"version {target} is already the latest")
    restore = parse_overlay(history[target].yaml_text) if target else Overlay()
    change = Change(restored_from=target, restore=restore)
    await _publish(ctx, change, ctx.args.note or f"rollback to v{target}")
    return 0


async def cmd_history(ctx: Session) -> int:
    records = await ctx.store().catalog_history()
    items = []
    for r in records:
        try:
            doc = parse_overlay(r.yaml_text)
            change, models, removed = dict(doc.change), len(doc.models), len(doc.removed)
        except OverlayError:
            change, models, removed = {"unreadable": True}, 0, 0
        when = dt.datetime.fromtimestamp(r.at, dt.UTC).isoformat(timespec="seconds")
        items.append(
            {
                "version": r.version,
                "at": when,
                "timestamp": r.at,
                "author": r.author,
                "note": r.note,
                "change": change,
                "models": models,
                "removed": removed,
            }
        )
    rows = [
        [i["version"], i["at"], i["author"], i["note"], i["models"], i["removed"]] for i in reversed(items)
    ]
    cols = ["version", "when (UTC)", "who", "what", "entries", "removed"]
    ctx.out.emit({"versions": items}, table(f"catalog history ({len(items)} versions)", cols, rows))
    return 0


async def cmd_export(ctx: Session) -> int:
    version, overlay, catalog = await ctx.live()
    if ctx.args.overlay:
        data: Any = {
            "version": version,
            "models": list(overlay.models.values()),
            "removed": list(overlay.removed),
        }
        text = dump_overlay(overlay)
    else:
        data = [entry_dict(m) for m in catalog.models]
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
    if ctx.args.output:
        try:
            Path(ctx.args.output).write_text(text, encoding="utf-8")
        except OSError as err:
            raise AdminError(f"cannot write {ctx.args.output}: {err.strerror or err}") from None
        ctx.out.emit(
            {"written": ctx.args.output, "version": version}, Text(f"wrote {ctx.args.output} (v{version})")
        )
    elif ctx.out.json:
        ctx.out.emit(data)
    else:
        ctx.out.console.out(text, highlight=False)
    return 0


COMMANDS = {
    "list": cmd_list,
    "show": cmd_show,
    "validate": cmd_validate,
    "add": cmd_add,
    "remove": cmd_remove,
    "diff": cmd_diff,
    "publish": cmd_publish,
    "history": cmd_history,
    "rollback": cmd_rollback,
    "export": cmd_export,
}
