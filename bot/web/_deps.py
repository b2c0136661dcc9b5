"""What every handler of the web frontend shares: the service, the permalinks, the settings, the
metrics and the page templates; and the refusals every handler may answer with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web
from jinja2 import Environment

from ..config import WebSettings
from ..permalinks import Permalinks
from ..service import AnswerService

__all__ = ["WEB", "Refused", "Web"]


@dataclass(frozen=True)
class Web:
    service: AnswerService
    links: Permalinks
    settings: WebSettings
    templates: Environment
    metrics: Any = None

    @property
    def secure(self) -> bool:
        """Served over HTTPS (the public address says so): cookies get Secure, responses HSTS."""
        return bool(self.settings.public_url and self.settings.public_url.startswith("https://"))

    def count(self, result: str) -> None:
        if self.metrics is not None:
            self.metrics.reply("web", result)


WEB = web.AppKey("web", Web)


class Refused(Exception):
    """A request refused before it is answered: an HTTP status, a message and a hint (the CLI's
    `{"error", "hint"}`), and the field it is about when the form has one."""

    def __init__(
        self,
        status: int,
        message: str,
        hint: str | None = None,
        *,
        field: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.hint = hint
        self.field = field
        self.retry_after = retry_after
