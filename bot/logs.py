"""Structured logging: JSON lines when not on a terminal (or when asked), plain text on one.

Secrets never reach a log line: a filter replaces the values of the secret environment
variables wherever they appear, as a last line of defence behind SecretStr.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from typing import Any

__all__ = ["JsonFormatter", "SecretFilter", "setup_logging"]

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        out.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str, ensure_ascii=False)


class SecretFilter(logging.Filter):
    """Masks the given secret values in messages and arguments."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if len(s) >= 6]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        masked = message
        for s in self._secrets:
            masked = masked.replace(s, "***")
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup_logging(level: str = "INFO", json_lines: bool | None = None) -> None:
    """Configure the root logger once: JSON when `json_lines` (default: when stderr is not a TTY)."""
    from .config import SECRET_ENV

    use_json = (not sys.stderr.isatty()) if json_lines is None else json_lines
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter() if use_json else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    handler.addFilter(SecretFilter([os.environ[k] for k in SECRET_ENV if os.environ.get(k)]))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("discord.gateway", "asyncprawcore", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
