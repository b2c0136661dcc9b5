"""HTTP for the importers: public addresses only, unless `--allow-private`.

An importer fetches what an admin names (a hub, a GGUF URL). Pointed at this machine, the local
network or a cloud's metadata service (169.254.169.254), it would read what was never meant to
leave them, and an answer could carry it into the catalog. So every address a request goes to
must be a global one: the names a URL (or a redirect) gives are checked after they are resolved,
at connect time, so a name cannot resolve to a public address for the check and a private one
for the request. `--allow-private` lifts this for a hub mirror or a file server on the admin's
own network.
"""

from __future__ import annotations

import ipaddress
import socket
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from ._common import AdminError

__all__ = ["PRIVATE_HINT", "check_address", "check_url", "session"]

PRIVATE_HINT = "pass --allow-private to fetch from this machine or your own network"


def _refused(where: str, address: str) -> AdminError:
    return AdminError(
        f"refusing to fetch from {where}: {address} is not a public address "
        "(loopback, link-local, private or reserved)",
        hint=PRIVATE_HINT,
    )


def check_address(address: str, where: str) -> None:
    """AdminError unless `address` (an IP address) is a global one."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone ("fe80::1%eth0") goes
    except ValueError:
        raise _refused(where, address) from None
    mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
    if not ip.is_global or (mapped is not None and not mapped.is_global):
        raise _refused(where, address)


def check_url(url: str) -> None:
    """AdminError for a URL that is not http(s), or whose host is an IP address that is not global.
    (A host name is checked once resolved, by the session's resolver.)"""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise AdminError(f"not an http(s) URL: {url}")
    host = parts.hostname
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return  # a name
    check_address(host, parts.netloc)


class _PublicResolver(AbstractResolver):
    """The default resolver, refusing a name any of whose addresses is not global."""

    def __init__(self) -> None:
        self._inner = DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._inner.resolve(host, port, family)
        for r in found:
            check_address(r["host"], host)
        return found

    async def close(self) -> None:
        await self._inner.close()


async def _on_redirect(
    session: aiohttp.ClientSession, ctx: SimpleNamespace, params: aiohttp.TraceRequestRedirectParams
) -> None:
    location = params.response.headers.get("Location")
    if location:
        check_url(urljoin(str(params.url), location))


def session(url: str, *, allow_private: bool, **kwargs: Any) -> aiohttp.ClientSession:
    """A ClientSession for fetching `url` (checked here) and what it redirects to."""
    if allow_private:
        return aiohttp.ClientSession(**kwargs)
    check_url(url)
    trace = aiohttp.TraceConfig()
    trace.on_request_redirect.append(_on_redirect)
    connector = aiohttp.TCPConnector(resolver=_PublicResolver())
    return aiohttp.ClientSession(connector=connector, trace_configs=[trace], **kwargs)
