"""The importers, for the answer service: one Hub repo's config.json, or one GGUF file's header by
range requests, read into a catalog entry by the same code `catalog import-hf` and `catalog
import-gguf` run (public addresses only, unless `allow_private`; nothing read past `max_bytes`).

Imported on first use: it needs the bot extras (aiohttp; gguf only for local files).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sizing import CatalogError
from sizing.catalog import entry_from_gguf, entry_from_hf_config

from ._common import AdminError, Out
from ._gguf import read_gguf
from ._hf import fetch_hf, normalize_repo

__all__ = ["HubEntry", "HubReadError", "read_hub_entry"]


@dataclass(frozen=True, slots=True)
class HubEntry:
    """A catalog entry read from the Hub, and where from."""

    entry: dict[str, Any]
    source: str  # the page of the file read
    warnings: tuple[str, ...]


class HubReadError(Exception):
    """The Hub gave nothing usable. `transient`: it could not be reached (or was busy), so a later
    try may work; otherwise it answered (no such repo, gated, not a model's config)."""

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


async def read_hub_entry(
    repo: str,
    *,
    endpoint: str,
    revision: str = "main",
    file: str | None = None,
    timeout_s: float,
    max_bytes: int,
    allow_private: bool = False,
) -> HubEntry:
    """config.json of `repo` (or the header of its GGUF `file`) as a catalog entry. No token is sent:
    a question reads public repos only. Raises HubReadError."""
    out = Out(json_mode=True, quiet=True)
    try:
        repo = normalize_repo(repo, endpoint)
        if file is None:
            fetched = await fetch_hf(
                repo,
                revision=revision,
                endpoint=endpoint,
                token=None,
                timeout_s=timeout_s,
                out=out,
                allow_private=allow_private,
                max_bytes=max_bytes,
            )
            hf = await asyncio.to_thread(
                entry_from_hf_config,
                fetched.config,
                repo=repo,
                revision=revision,
                stated_params=fetched.stated_params,
                sources=fetched.sources,  # cited at the public Hub, whichever mirror was read
            )
            page = f"{endpoint.rstrip('/')}/{repo}/blob/{revision}/config.json"
            return HubEntry(hf.entry, page, (*fetched.warnings, *hf.warnings))
        url = f"{endpoint.rstrip('/')}/{repo}/resolve/{quote(revision, safe='')}/{quote(file)}"
        read = await read_gguf(
            url,
            token=None,
            hf_endpoint=endpoint,
            timeout_s=timeout_s,
            out=out,
            allow_private=allow_private,
            max_header=max_bytes,
        )
        gguf = await asyncio.to_thread(entry_from_gguf, read.header, file=read.file_name, source=read.source)
        return HubEntry(gguf.entry, url.replace("/resolve/", "/blob/", 1), gguf.warnings)
    except AdminError as err:
        message = str(err)
        if message.startswith("gated"):  # the importer's words are for admins: no token is sent here
            message = f"{repo} is gated: only accounts that accepted its license can read it"
        raise HubReadError(message, transient=err.transient) from None
    except CatalogError as err:
        raise HubReadError(f"not a model the catalog can describe: {err}", transient=False) from None
    except (ValueError, TypeError, KeyError, IndexError, ArithmeticError) as err:  # a config of odd types
        raise HubReadError(f"not a usable model config: {type(err).__name__}", transient=False) from None
