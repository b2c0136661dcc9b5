"""Reading a GGUF file's header and tensor table for `catalog import-gguf`: a local file or a URL.

A local file is read with the `gguf` package's GGUFReader (memory-mapped: only the header pages
are touched). A URL is read with HTTP range requests, the way gguf-parser does: the first MiB,
then twice as much (or as much as the parser says it needs) until the tensor table is parsed —
never the tensor data. A server that ignores Range gets its response body read only until the
header is complete; then the connection is dropped, and the result says so.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from sizing import catalog

from . import _network
from ._common import AdminError, Out, read_up_to

__all__ = ["GgufRead", "read_gguf"]

FIRST_RANGE = 1 << 20
MAX_HEADER = 512 << 20  # no real GGUF header comes near this; stop before reading tensor data
_CHUNK = 256 << 10
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")


@dataclass(frozen=True, slots=True)
class GgufRead:
    header: catalog.GgufHeader
    file_name: str
    source: str
    bytes_read: int  # how much of the file was fetched (the whole file size for a local file: 0)
    file_size: int | None
    range_supported: bool
    note: str | None


async def read_gguf(
    target: str,
    *,
    token: str | None,
    hf_endpoint: str,
    timeout_s: float,
    out: Out,
    allow_private: bool = False,
    max_header: int = MAX_HEADER,
) -> GgufRead:
    """A local file, or an http(s) URL on a public address (any address with `allow_private`),
    read no further than `max_header` bytes."""
    if re.match(r"^https?://", target, re.IGNORECASE):
        return await _read_url(
            target,
            token=token,
            hf_endpoint=hf_endpoint,
            timeout_s=timeout_s,
            out=out,
            allow_private=allow_private,
            max_header=min(max_header, MAX_HEADER),
        )
    scheme = re.match(r"^([a-z][a-z0-9+.\-]*)://", target, re.IGNORECASE)
    if scheme is not None:  # "ftp://...": an address of a kind canirun does not fetch, no file path
        raise AdminError(
            f"{target}: canirun reads GGUF files over http(s) only, not {scheme.group(1)}",
            hint="give an http(s) URL or a path to a local .gguf file",
            code=2,
        )
    return await asyncio.to_thread(_read_local, Path(target).expanduser())


# --- a local file: the real gguf package -----------------------------------------------------


def _field_value(field: Any) -> Any:
    from gguf.constants import GGUFValueType

    types = list(field.types)
    if not types:
        return None
    if types[0] == GGUFValueType.ARRAY:
        n = len(field.data)
        if n > catalog.KEEP_ARRAY:
            return catalog.ArrayInfo(int(types[-1]), n)
        return list(field.contents())
    return field.contents()


def _read_local(path: Path) -> GgufRead:
    if not path.is_file():
        raise AdminError(f"no such file: {path}", hint="give a path to a .gguf file or an http(s) URL")
    try:
        from gguf import GGUFReader
    except ImportError:
        raise AdminError("the gguf package is not installed", hint="pip install 'canirun[bot]'") from None
    try:
        reader = GGUFReader(str(path), "r")
        metadata = {
            name: _field_value(f) for name, f in reader.fields.items() if not name.startswith("GGUF.")
        }
        version = int(reader.fields["GGUF.version"].contents())
        tensors = tuple(
            catalog.GgufTensor(
                t.name,
                int(t.tensor_type),
                tuple(int(d) for d in t.shape),
                int(t.data_offset - reader.data_offset),
            )
            for t in reader.tensors
        )
        header = catalog.GgufHeader(version, metadata, tensors, int(reader.data_offset))
    except (ValueError, KeyError, IndexError, TypeError, OSError) as err:
        raise AdminError(f"{path.name} is not a readable GGUF file: {err}") from None
    size = path.stat().st_size
    return GgufRead(header, path.name, str(path), 0, size, True, None)


# --- a URL: range requests, growing until the tensor table is parsed ---------------------------


def _parse(buf: bytearray) -> tuple[catalog.GgufHeader | None, int]:
    """The header if `buf` holds all of it, else (None, bytes needed at least)."""
    try:
        return catalog.parse_gguf_header(memoryview(buf)), 0
    except catalog.NeedMoreBytes as more:
        return None, more.needed
    except catalog.GgufFormatError as err:
        raise AdminError(f"not a GGUF file: {err}") from None


async def _read_url(
    url: str,
    *,
    token: str | None,
    hf_endpoint: str,
    timeout_s: float,
    out: Out,
    allow_private: bool,
    max_header: int,
) -> GgufRead:
    headers = {"User-Agent": "canirun-admin"}
    if token and url.startswith(hf_endpoint.rstrip("/") + "/"):
        headers["Authorization"] = f"Bearer {token}"
    file_name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    buf = bytearray()
    want = min(FIRST_RANGE, max_header)
    size: int | None = None
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=min(timeout_s, 10.0), sock_read=timeout_s)
    try:
        async with _network.session(url, allow_private=allow_private, timeout=timeout) as session:
            out.working(f"reading the GGUF header of {file_name} ...")
            with out.progress(bytes_mode=True) as progress:
                task = progress.add_task(f"{file_name}: GGUF header", total=want)
                while True:
                    start, end = len(buf), want - 1
                    async with session.get(url, headers={**headers, "Range": f"bytes={start}-{end}"}) as resp:
                        if resp.status == 416:
                            raise AdminError(
                                f"{file_name} ends inside its GGUF header: truncated or not GGUF"
                            )
                        if (
                            resp.status == 200
                        ):  # the server ignores Range: read the stream until the header parses
                            return await _read_stream(resp, buf, url, file_name, progress, task, max_header)
                        if resp.status != 206:
                            raise _http_error(resp.status, url, token is not None)
                        m = _CONTENT_RANGE.match(resp.headers.get("Content-Range", ""))
                        if m and m.group(3) != "*":
                            size = int(m.group(3))
                        buf += await read_up_to(resp, end - start + 1)
                    progress.update(task, completed=len(buf), total=max(want, len(buf)))
                    header, needed = _parse(buf)
                    if header is not None:
                        return GgufRead(header, file_name, url, len(buf), size, True, None)
                    if len(buf) < want or (size is not None and len(buf) >= size):
                        raise AdminError(f"{file_name} ends inside its GGUF header: truncated or not GGUF")
                    want = max(2 * want, needed + _CHUNK)
                    if size is not None:
                        want = min(want, size)
                    if want > max_header:
                        raise AdminError(
                            f"{file_name}: GGUF header larger than {max_header:,} bytes; stopped"
                        )
    except TimeoutError:
        raise AdminError(
            f"timed out after {timeout_s:g}s reading {url}", hint="retry, or raise --timeout", transient=True
        ) from None
    except aiohttp.ClientConnectorError as err:
        raise AdminError(f"cannot reach {url}: {err.os_error or err}", transient=True) from None
    except aiohttp.ClientError as err:
        raise AdminError(
            f"network error reading {url}: {type(err).__name__}: {err}", transient=True
        ) from None


async def _read_stream(
    resp: aiohttp.ClientResponse,
    buf: bytearray,
    url: str,
    file_name: str,
    progress: Any,
    task: Any,
    max_header: int,
) -> GgufRead:
    buf.clear()  # a 200 answer starts at byte 0 whatever we asked for
    size = resp.content_length
    needed = FIRST_RANGE
    while True:
        chunk = await resp.content.read(_CHUNK)
        if not chunk:
            raise AdminError(f"{file_name} ends inside its GGUF header: truncated or not GGUF")
        buf += chunk
        progress.update(task, completed=len(buf), total=max(needed, len(buf)))
        if len(buf) < needed:
            continue
        header, more = _parse(buf)
        if header is not None:
            resp.close()  # drop the connection: the tensor data is not wanted
            read = len(buf)
            of = f" of {size:,}" if size else ""
            note = f"the server ignored Range requests: read {read:,}{of} bytes of the stream, then stopped"
            return GgufRead(header, file_name, url, read, size, False, note)
        if len(buf) > max_header:
            raise AdminError(f"{file_name}: GGUF header larger than {max_header:,} bytes; stopped")
        needed = max(more, len(buf) + _CHUNK)


def _http_error(status: int, url: str, has_token: bool) -> AdminError:
    if status in (401, 403):
        if has_token:
            return AdminError(f"gated: your HF_TOKEN has no access to {url}")
        return AdminError(f"gated: {url} needs a token: set HF_TOKEN")
    if status == 404:
        return AdminError(f"no such file: {url}")
    busy = status == 429 or status >= 500
    return AdminError(f"the server answered HTTP {status} for {url}", transient=busy)
