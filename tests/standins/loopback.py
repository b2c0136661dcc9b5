"""Serving a stand-in: an aiohttp app on a free loopback port."""

from __future__ import annotations

from typing import Any

from aiohttp import web


async def serve_on_loopback(app: web.Application, **runner_kwargs: Any) -> tuple[web.AppRunner, int]:
    """Start `app` on 127.0.0.1 with a port the OS picks; returns the runner (clean it up) and port."""
    runner = web.AppRunner(app, **runner_kwargs)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port: int = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, port
