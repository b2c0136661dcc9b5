"""Health and metrics for deployments: /healthz, /readyz, /metrics (Prometheus), on aiohttp.

/healthz answers 200 while the process runs (liveness). /readyz answers 200 when the store
answers a ping, else 503 (readiness: the embedded store is always ready). /metrics is the
Prometheus text format from this process's own registry (no global state, so tests and several
services in one process do not collide).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

__all__ = ["HealthServer", "Metrics"]

log = logging.getLogger("canirun.health")

# seconds; cached answers take well under a millisecond, cold ones tens to hundreds
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    """The counters the service, the stores and the frontends update."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.questions = Counter(
            "canirun_questions", "Questions answered, by answer kind", ["kind"], registry=r
        )
        self.cache = Counter("canirun_cache", "Answer cache lookups, by outcome", ["outcome"], registry=r)
        self.errors = Counter("canirun_errors", "Errors, by kind", ["kind"], registry=r)
        self.rate_limited_total = Counter(
            "canirun_rate_limited", "Questions refused by rate limits", registry=r
        )
        self.store_failures = Counter(
            "canirun_store_failures",
            "Store operations that failed (cache/rate fail open)",
            ["op"],
            registry=r,
        )
        self.latency = Histogram(
            "canirun_answer_seconds",
            "Time to answer, by cache outcome",
            ["outcome"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.reddit_leader = Gauge(
            "canirun_reddit_leader", "1 while this process holds the Reddit poller lock", registry=r
        )
        self.replies = Counter(
            "canirun_replies",
            "Replies sent by a frontend, by platform and result",
            ["platform", "result"],
            registry=r,
        )

    def answered(self, outcome: str, kind: str, seconds: float) -> None:
        """outcome: 'hit' or 'miss' for cache lookups, 'none' for answers that skip the cache."""
        self.questions.labels(kind).inc()
        if outcome in ("hit", "miss"):
            self.cache.labels(outcome).inc()
        if kind == "error":
            self.errors.labels("question").inc()
        self.latency.labels(outcome).observe(seconds)

    def rate_limited(self) -> None:
        self.rate_limited_total.inc()

    def store_failure(self, op: str) -> None:
        self.store_failures.labels(op).inc()

    def error(self, kind: str) -> None:
        self.errors.labels(kind).inc()

    def reply(self, platform: str, result: str) -> None:
        self.replies.labels(platform, result).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class HealthServer:
    """A tiny aiohttp server. `ready` is an async check (e.g. the store's ping)."""

    def __init__(
        self,
        metrics: Metrics,
        ready: Callable[[], Awaitable[bool]],
        *,
        host: str = "127.0.0.1",
        port: int = 8080,
    ) -> None:
        self.metrics = metrics
        self._ready = ready
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/readyz", self._readyz)
        app.router.add_get("/metrics", self._metrics)
        return app

    async def start(self) -> int:
        """Start listening; returns the bound port (useful with port 0)."""
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = sockets[0].getsockname()[1]
        log.info("health endpoints on http://%s:%d", self.host, self.port)
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _healthz(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def _readyz(self, request: web.Request) -> web.Response:
        try:
            ok = await self._ready()
        except Exception as err:  # a readiness probe reports, it never raises
            log.warning("readiness check failed: %s", err)
            ok = False
        return web.json_response({"ready": ok}, status=200 if ok else 503)

    async def _metrics(self, request: web.Request) -> web.Response:
        return web.Response(body=self.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE_LATEST})
