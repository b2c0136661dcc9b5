"""Fetching what `catalog import-hf` needs from a Hugging Face hub (HF_ENDPOINT), with aiohttp.

config.json is required. For an exact parameter count it then tries, in order: the hub API's
safetensors summary (`/api/models/REPO/revision/REV`), model.safetensors.index.json (a stated count,
or total_size over the dtype's bytes for an unquantized checkpoint), and the header of a single
model.safetensors file (two small range requests). Those are optional: if none answers, the
count comes from the shapes alone.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp

from sizing.catalog import params_from_index, params_from_safetensors_header

from . import _network
from ._common import AdminError, Out, read_up_to

__all__ = ["HfFetched", "fetch_hf", "normalize_repo"]

_REPO = re.compile(r"^[A-Za-z0-9][\w.\-]*/[\w.\-]+$")
# the Hub takes names of at most 96 characters (huggingface_hub utils/_validators.py, validate_repo_id)
_MAX_NAME = 96
# a repo's page or a file in it, pasted: ".../tree/main", ".../blob/main/config.json", ".../resolve/v1/x"
_REPO_PAGE = re.compile(r"/(?:tree|blob|resolve)/[^?#]*(?:[?#].*)?$")
# where an entry's sources point: the public Hub, whichever mirror (HF_ENDPOINT) the files were read from
PUBLIC_HUB = "https://huggingface.co"
_MAX_JSON = 64 << 20  # config.json and index files are small; refuse anything absurd
_MAX_HEADER = 100 << 20  # safetensors JSON header limit


@dataclass(frozen=True, slots=True)
class HfFetched:
    config: dict[str, Any]
    stated_params: int | None
    params_source: str | None
    sources: tuple[str, ...]
    warnings: tuple[str, ...]


def normalize_repo(text: str, endpoint: str) -> str:
    """'org/name', or a hub URL of it, -> 'org/name'. Raises AdminError."""
    repo = text.strip()
    for prefix in (endpoint.rstrip("/") + "/", "https://huggingface.co/", "hf://"):
        if repo.startswith(prefix):
            repo = repo[len(prefix) :]
    if repo != text.strip():  # a URL: its page or file path is no part of the repo id
        repo = _REPO_PAGE.sub("", repo)
    repo = repo.strip("/")
    if not _REPO.match(repo) or ".." in repo or any(len(part) > _MAX_NAME for part in repo.split("/")):
        shown = text if len(text) <= 120 else text[:117] + "..."
        raise AdminError(
            f"'{shown}' is not a repo id",
            hint=f"give it as org/name, e.g. Qwen/Qwen3-8B (each part at most {_MAX_NAME} characters)",
            code=2,
        )
    return repo


class _Hub:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        endpoint: str,
        repo: str,
        revision: str,
        token: str | None,
        max_bytes: int = _MAX_JSON,
    ):
        self.session, self.endpoint, self.repo, self.revision = session, endpoint.rstrip("/"), repo, revision
        self.max_bytes = min(max_bytes, _MAX_JSON)
        self.headers = {"User-Agent": "canirun-admin"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.has_token = bool(token)

    def file_url(self, name: str) -> str:
        return f"{self.endpoint}/{self.repo}/resolve/{quote(self.revision, safe='')}/{name}"

    def blob_url(self, name: str) -> str:
        return f"{self.endpoint}/{self.repo}/blob/{self.revision}/{name}"

    def source_url(self, name: str) -> str:
        """The file's public address, as an entry cites it (a mirror's address is no public source)."""
        return f"{PUBLIC_HUB}/{self.repo}/blob/{self.revision}/{name}"

    def _status_error(self, resp: aiohttp.ClientResponse, what: str) -> AdminError:
        code = resp.headers.get("X-Error-Code", "")
        where = f"{self.repo}@{self.revision}"
        if resp.status in (401, 403) and code != "RepoNotFound":
            if self.has_token:
                return AdminError(
                    f"gated: your HF_TOKEN has no access to {self.repo}",
                    hint="accept the model's license on its hub page with the token's account",
                )
            return AdminError(
                f"gated: {self.repo} needs a token: set HF_TOKEN", hint="export HF_TOKEN=hf_..."
            )
        if resp.status in (401, 404):
            if code == "EntryNotFound":
                return AdminError(f"{where} has no {what}")
            if code == "RevisionNotFound":
                return AdminError(
                    f"no such revision: {where}", hint="check --revision (a branch, tag or commit)"
                )
            return AdminError(
                f"no such repo/revision: {where}",
                hint="check the spelling; a private repo also needs HF_TOKEN",
            )
        if resp.status == 429:
            return AdminError(
                "the hub is rate limiting us (HTTP 429)", hint="try again in a minute", transient=True
            )
        return AdminError(
            f"the hub answered HTTP {resp.status} for {what}", hint="try again later", transient=True
        )

    async def json(self, url: str, what: str) -> Any:
        async with self.session.get(url, headers=self.headers) as resp:
            if resp.status != 200:
                raise self._status_error(resp, what)
            body = await read_up_to(resp, self.max_bytes + 1)
        if len(body) > self.max_bytes:
            raise AdminError(f"{what} is larger than {self.max_bytes:,} bytes: not a config file")
        try:
            return json.loads(body)
        except ValueError:
            raise AdminError(
                f"{what} of {self.repo} is not valid JSON",
                hint=f"open {self.blob_url('config.json')} to see it; a repo without a standard config.json "
                "needs its entry written by hand (catalog add FILE)",
            ) from None

    async def range(self, url: str, start: int, end: int) -> bytes | None:
        """Bytes start..end (inclusive) of a file, or None if the server will not give a range."""
        headers = {**self.headers, "Range": f"bytes={start}-{end}"}
        async with self.session.get(url, headers=headers) as resp:
            if resp.status != 206:
                return None
            return await read_up_to(resp, end - start + 1)


async def _optional(coro: Any, warnings: list[str], what: str) -> Any:
    """Optional metadata: a failure is a warning, never the end of the import (timeouts included)."""
    try:
        return await coro
    except AdminError as err:
        if "no such" not in str(err) and "has no" not in str(err):
            warnings.append(f"{what}: {err}")
    except (aiohttp.ClientError, TimeoutError) as err:
        warnings.append(f"{what}: {type(err).__name__}")
    return None


def _dtype(config: dict[str, Any]) -> str:
    text: dict[str, Any] = next(
        (config[k] for k in ("text_config", "llm_config") if isinstance(config.get(k), dict)), {}
    )
    if config.get("quantization_config") or text.get("quantization_config"):
        return "quantized"
    raw = str(
        text.get("torch_dtype") or text.get("dtype") or config.get("torch_dtype") or config.get("dtype")
    )
    return {"bfloat16": "bf16", "float16": "fp16", "float32": "fp32"}.get(raw, "unknown")


async def _count(
    hub: _Hub, config: dict[str, Any], warnings: list[str]
) -> tuple[int | None, str | None, list[str]]:
    api = f"{hub.endpoint}/api/models/{hub.repo}/revision/{quote(hub.revision, safe='')}"
    info = await _optional(hub.json(api, "the hub API"), warnings, "hub API")
    if isinstance(info, dict) and isinstance(info.get("safetensors"), dict):
        total = info["safetensors"].get("total")
        if isinstance(total, int) and total > 0:
            return total, "hub API safetensors total", [f"{PUBLIC_HUB}/api/models/{hub.repo}"]
    index = await _optional(
        hub.json(hub.file_url("model.safetensors.index.json"), "the index"), warnings, "index"
    )
    if isinstance(index, dict):
        n = params_from_index(index, _dtype(config))
        if n:
            return n, "model.safetensors.index.json", [hub.source_url("model.safetensors.index.json")]
        warnings.append(
            "the safetensors index gives bytes of a quantized/mixed checkpoint: count from shapes"
        )
        return None, None, []
    url = hub.file_url("model.safetensors")
    head = await _optional(hub.range(url, 0, 7), warnings, "safetensors header")
    if not head or len(head) != 8:
        return None, None, []
    size = struct.unpack("<Q", head)[0]
    if not 2 <= size <= min(_MAX_HEADER, hub.max_bytes):
        warnings.append("model.safetensors has an implausible header size: count from shapes")
        return None, None, []
    raw = await _optional(hub.range(url, 8, 8 + size - 1), warnings, "safetensors header")
    try:
        header = json.loads(raw) if raw else None
    except ValueError:
        header = None
    if not isinstance(header, dict):
        return None, None, []
    return (
        params_from_safetensors_header(header),
        "model.safetensors header",
        [hub.source_url("model.safetensors")],
    )


async def fetch_hf(
    repo: str,
    *,
    revision: str,
    endpoint: str,
    token: str | None,
    timeout_s: float,
    out: Out,
    allow_private: bool = False,
    max_bytes: int = _MAX_JSON,
) -> HfFetched:
    """config.json and the best parameter count the hub offers. Raises AdminError with a clear
    message (a hub on a private address among them, unless `allow_private`). No file is read past
    `max_bytes`."""
    timeout = aiohttp.ClientTimeout(total=timeout_s, sock_connect=min(timeout_s, 10.0))
    warnings: list[str] = []
    try:
        async with _network.session(endpoint, allow_private=allow_private, timeout=timeout) as session:
            hub = _Hub(session, endpoint, repo, revision, token, max_bytes)
            out.working(f"reading {repo}@{revision} from {endpoint} ...")
            with out.progress() as progress:
                task = progress.add_task(f"{repo}: config.json", total=2)
                config = await hub.json(hub.file_url("config.json"), "config.json")
                if not isinstance(config, dict):
                    raise AdminError(f"config.json of {repo} is not a JSON object")
                progress.update(task, advance=1, description=f"{repo}: parameter count")
                stated, source, urls = await _count(hub, config, warnings)
                progress.update(task, advance=1)
    except TimeoutError:
        raise AdminError(
            f"timed out after {timeout_s:g}s waiting for {endpoint}",
            hint="the hub is slow: retry, or raise --timeout",
            transient=True,
        ) from None
    except aiohttp.ClientConnectorError as err:
        raise AdminError(
            f"cannot reach {endpoint}: {err.os_error or err}",
            hint="check HF_ENDPOINT and the network",
            transient=True,
        ) from None
    except aiohttp.ClientError as err:
        raise AdminError(
            f"network error talking to {endpoint}: {type(err).__name__}: {err}", transient=True
        ) from None
    return HfFetched(config, stated, source, tuple(urls), tuple(warnings))
