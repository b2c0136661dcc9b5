"""`catalog import-hf REPO` and `catalog import-gguf PATH_OR_URL`: an entry from the source, staged.

An import that matches a model the catalog has (same hf_repo, an alias, or --model) updates that
entry: import-hf keeps its curated identity (name, family, aliases, release date) and takes the
shapes; import-gguf adds the file's exact bytes to its gguf_files. Otherwise a new entry is
created. Either way the entry goes into the draft; `catalog publish` makes it live.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Collection
from typing import Any

import yaml
from pydantic import ValidationError
from rich.console import Group
from rich.syntax import Syntax
from rich.text import Text

from sizing import CatalogError, ModelSpec
from sizing.catalog import entry_from_gguf, entry_from_hf_config

from ..config import load_secrets
from ._common import AdminError
from ._gguf import read_gguf
from ._hf import fetch_hf, normalize_repo
from ._publish import write_draft
from ._session import Session, entry_dict

__all__ = ["COMMANDS", "merge_import"]

# the curated identity an import never replaces
KEEP_FROM_EXISTING = ("name", "family", "org", "hf_repo", "released", "tasks")
# merged by hand below, not field by field
_MERGED = {*KEEP_FROM_EXISTING, "aliases", "sources", "notes", "gguf_files", "active_params_b"}
_MERGED |= {"max_context", "config_context", "yarn_original_context", "rope_theta"}
_CONTEXT_FACTS = ("config_context", "yarn_original_context", "rope_theta")
_REIMPORTED = re.compile(r"\s*\[Shapes re-imported from [^\]]*\]")


def _token() -> str | None:
    secret = load_secrets().hf_token
    return secret.get_secret_value() if secret is not None else None


def _match(models: dict[str, dict[str, Any]], repo: str | None, mid: str | None) -> str | None:
    """The id of a known entry for this repo (hf_repo or alias), or with this id."""
    if mid and mid in models:
        return mid
    if not repo:
        return None
    key = repo.lower()
    for m_id, e in models.items():
        names = [str(e.get("hf_repo") or ""), *[str(a) for a in e.get("aliases") or []]]
        if any(n.lower() == key for n in names):
            return m_id
    return None


async def _known(ctx: Session) -> dict[str, dict[str, Any]]:
    """Entries by id: the live catalog with the draft's staged entries on top."""
    _, _, catalog = await ctx.live()
    known = {m.id: entry_dict(m) for m in catalog.models}
    known.update(ctx.draft().set)
    return known


def _empty(value: Any) -> bool:
    """A value that says nothing (config.json had no such figure), as opposed to False or a count."""
    return not isinstance(value, bool) and value in (None, 0, "", {}, [])


def _merge_field(
    key: str, old: Any, new: Any, kept: list[str], changed: list[str], assumed: Collection[str]
) -> Any:
    """One field of a re-import: the import's value, except where it has none (or only a default the
    importer assumed) and the entry has one. A lowered figure is said so."""
    if isinstance(old, dict) and isinstance(new, dict):
        return {
            **new,
            **{k: _merge_field(f"{key}.{k}", v, new.get(k), kept, changed, assumed) for k, v in old.items()},
        }
    if (_empty(new) or key in assumed) and not _empty(old):
        if new != old:
            kept.append(key)
        return old
    if new != old:
        lowered = (
            " (LOWERED: check the card)"
            if isinstance(old, int | float) and isinstance(new, int | float) and new < old
            else ""
        )
        changed.append(f"{key} {old} -> {new}{lowered}")
    return new


def merge_import(
    old: dict[str, Any], new: dict[str, Any], where: str, *, assumed: Collection[str] = ()
) -> tuple[dict[str, Any], list[str]]:
    """A re-import of an entry the catalog has: config.json's shapes on top of the entry, with every
    curated fact config.json does not carry (the card's longer context and its YaRN figures, an
    unused ffn width, engine gaps, GGUF files...) kept, and so is every reviewed figure the importer
    only assumed (`assumed`, dotted keys such as "moe.active"). Returns the entry and what to tell
    the admin: each kept field and each changed one (a lowered figure flagged), so that nothing is
    lost or changed unseen."""
    kept: list[str] = []
    changed: list[str] = []
    entry = dict(new)
    entry.update({k: old[k] for k in KEEP_FROM_EXISTING if k in old})
    for key in sorted(set(old) - _MERGED):
        entry[key] = _merge_field(key, old[key], new.get(key), kept, changed, assumed)
    if "moe" in entry and old.get("active_params_b"):
        entry["active_params_b"] = min(old["active_params_b"], entry["params_b"])  # the published figure
    aliases = [*(old.get("aliases") or []), *new.get("aliases", [])]
    entry["aliases"] = [a for a in dict.fromkeys(aliases) if a != entry.get("hf_repo")]
    entry["sources"] = list(dict.fromkeys([*new["sources"], *(old.get("sources") or [])]))
    if old.get("notes"):
        entry["notes"] = (
            f"{_REIMPORTED.sub('', old['notes'])} [Shapes re-imported from {where} by canirun-admin.]"
        )
    if old.get("gguf_files"):
        entry["gguf_files"] = old["gguf_files"]
    shipped, card = int(new["max_context"]), int(old["max_context"])
    if "max_context" in assumed:  # config.json gave none: the reviewed context stands
        shipped = entry["max_context"] = card
    facts = {k: old[k] for k in _CONTEXT_FACTS if old.get(k) is not None}
    if shipped < card:  # the card's context is longer than the shipped config's (rope scaling): keep it
        entry["max_context"] = card
        if facts:
            entry.update(facts, config_context=shipped)
            if shipped != old.get("config_context"):
                changed.append(f"config_context {old.get('config_context')} -> {shipped}")
        else:
            changed.append(
                f"config.json ships {shipped:,} tokens, below the entry's max_context {card:,} (kept): if "
                "the longer context needs rope scaling, set config_context and rope_theta by hand"
            )
    elif facts:
        changed.append(
            f"max_context {card} -> {shipped}: config.json now ships the whole context, so "
            + ", ".join(f"{k} {v}" for k, v in facts.items())
            + " no longer apply"
        )
    elif shipped != card:
        changed.append(f"max_context {card} -> {shipped}")
    told = [f"kept the entry's {', '.join(kept)}: config.json does not give them"] if kept else []
    return entry, told + [f"{where}: {c}" for c in changed]


def _validate(entry: dict[str, Any]) -> ModelSpec:
    try:
        return ModelSpec.model_validate(entry)
    except ValidationError as err:
        problems = [f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in err.errors()]
        raise AdminError("the merged entry is invalid; nothing staged", problems=problems) from None


def _stage(ctx: Session, entry: dict[str, Any]) -> bool:
    if ctx.args.no_stage:
        return False
    change = ctx.draft()
    change.set[entry["id"]] = entry
    if entry["id"] in change.removed:
        change.removed.remove(entry["id"])
    write_draft(ctx.draft_path, change)
    return True


def _emit(ctx: Session, entry: dict[str, Any], extra: dict[str, Any], title: str) -> None:
    data = {**entry, **extra}
    for w in extra.get("warnings", []):
        ctx.out.warn(w)
    staged = (
        "staged in the draft; publish with: canirun-admin catalog publish"
        if extra["staged"]
        else "not staged"
    )
    head = Text.assemble((title, "bold"), f"  {extra['total_params_b']:.3f}B parameters; {staged}")
    if ctx.out.json:
        ctx.out.emit(data)
        return
    if ctx.args.no_stage:
        # the entry is the output (`--no-stage > entry.yaml`, then `catalog add entry.yaml`): a YAML
        # list of it, whole (its GGUF tables too), unwrapped on stdout; the status goes to stderr
        ctx.out.err.print(head)
        sys.stdout.write(yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=110))
        sys.stdout.flush()
        return
    shown = {k: v for k, v in entry.items() if k != "gguf_files"}
    text = yaml.safe_dump(shown, sort_keys=False, width=78)
    ctx.out.emit(data, Group(head, Syntax(text, "yaml", word_wrap=True)))


async def cmd_import_hf(ctx: Session) -> int:
    endpoint = ctx.settings.hf_endpoint
    repo = normalize_repo(ctx.args.repo, endpoint)
    revision = ctx.args.revision or "main"
    fetched = await fetch_hf(
        repo,
        revision=revision,
        endpoint=endpoint,
        token=_token(),
        timeout_s=ctx.args.timeout,
        out=ctx.out,
        allow_private=ctx.args.allow_private,
    )
    known = await _known(ctx)
    matched = _match(known, repo, None)
    # --id names the entry to write; without it, the entry this repo already belongs to (if any)
    existing = (ctx.args.id if ctx.args.id in known else None) if ctx.args.id else matched
    try:
        imported = await asyncio.to_thread(
            entry_from_hf_config,
            fetched.config,
            repo=repo,
            revision=revision,
            model_id=ctx.args.id or existing,
            stated_params=fetched.stated_params,
            sources=fetched.sources,  # cited at the public Hub, whichever mirror was read
        )
    except CatalogError as err:
        raise AdminError(str(err), hint=err.hint, problems=err.problems) from None
    entry = dict(imported.entry)
    kept: list[str] = []
    if existing is not None:
        old = known[existing]
        if not ctx.args.id:
            ctx.out.note(
                f"updating the catalog's entry {existing} ({old.get('name')}): {repo} is its repo or an "
                "alias; give --id NEW-ID to import it as an entry of its own"
            )
        entry, kept = merge_import(old, entry, f"{repo}@{revision}", assumed=imported.assumed)
    entry = entry_dict(_validate(entry))  # as an admin would write it: defaults left out
    extra = {
        "total_params_b": entry["params_b"],
        "derived_params_b": round(imported.derived_params / 1e9, 4),
        "stated_params_b": round(imported.stated_params / 1e9, 4) if imported.stated_params else None,
        "params_source": fetched.params_source or "tensor shapes",
        "replaces": existing,
        "warnings": [*fetched.warnings, *imported.warnings, *kept],
        "staged": _stage(ctx, entry),
        "draft": str(ctx.draft_path),
    }
    _emit(ctx, entry, extra, f"{entry['id']} from {repo}@{revision}")
    return 0


async def cmd_import_gguf(ctx: Session) -> int:
    read = await read_gguf(
        ctx.args.source,
        token=_token(),
        hf_endpoint=ctx.settings.hf_endpoint,
        timeout_s=ctx.args.timeout,
        out=ctx.out,
        allow_private=ctx.args.allow_private,
    )
    if read.note:
        ctx.out.note(read.note)
    try:
        imported = await asyncio.to_thread(
            entry_from_gguf,
            read.header,
            file=read.file_name,
            source=read.source,
            model_id=ctx.args.id,
            quant=ctx.args.quant,
        )
    except CatalogError as err:
        raise AdminError(str(err), hint=err.hint, problems=err.problems) from None
    known = await _known(ctx)
    target = ctx.args.model or _match(
        known, imported.entry.get("hf_repo"), None if ctx.args.id else imported.entry["id"]
    )
    if ctx.args.model and ctx.args.model not in known:
        raise AdminError(f"unknown model id '{ctx.args.model}'", hint="see canirun-admin catalog list")
    if target is not None:
        entry = dict(known[target])
        layers = len(imported.file["layer_dense"])
        if entry.get("layers") != layers:
            raise AdminError(
                f"the file has {layers} blocks but {target} has {entry.get('layers')} layers",
                hint="import it as its own entry with --id NEW-ID",
            )
        files = [
            f for f in entry.get("gguf_files") or [] if str(f.get("quant")).lower() != imported.quant.lower()
        ]
        entry["gguf_files"] = [*files, imported.file]
    else:
        entry = dict(imported.entry)
    entry = entry_dict(_validate(entry))
    file_bytes = sum(imported.tensor_bytes.values())
    extra: dict[str, Any] = {
        "total_params_b": entry["params_b"],
        "derived_params_b": round(imported.derived_params / 1e9, 4),
        "attached_to": target,
        "warnings": list(imported.warnings),
        "gguf": {
            "quant": imported.quant,
            "file": read.file_name,
            "tensors": len(read.header.tensors),
            "params": imported.params,
            "tensor_bytes_total": file_bytes,
            "header_bytes": read.header.data_offset,
            "bytes_read": read.bytes_read,
            "file_size": read.file_size,
            "range_supported": read.range_supported,
            "note": read.note,
        },
        "staged": _stage(ctx, entry),
        "draft": str(ctx.draft_path),
    }
    if ctx.args.tensors:
        extra["tensor_bytes"] = imported.tensor_bytes
    what = f"{imported.quant} file added to {target}" if target else f"{entry['id']} from {read.file_name}"
    _emit(ctx, entry, extra, what)
    return 0


COMMANDS = {"import-hf": cmd_import_hf, "import-gguf": cmd_import_gguf}
