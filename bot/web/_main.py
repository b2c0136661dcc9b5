"""`canirun-bot web`: serve the page and the JSON API.

canirun-bot web                      the page and the API on web.host:web.port (default 8000)
canirun-bot web --port 9000          another port (CANIRUN_WEB__PORT does the same)
canirun-bot web --print-openapi      print the OpenAPI document and exit (no server)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="canirun-bot web", description="Serve canirun's web page and JSON API.")
    p.add_argument("--host", help="address to listen on (default: web.host, 0.0.0.0)")
    p.add_argument("--port", type=int, help="port to listen on (default: web.port, 8000)")
    p.add_argument("--print-openapi", action="store_true", help="print the OpenAPI document, and exit")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exit_:  # argparse: --help (0) or a usage error (2)
        return int(exit_.code or 0)
    from ..config import ConfigError, load_settings

    given = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    try:
        settings = load_settings(web=given) if given else load_settings()
    except ConfigError as err:
        print(f"canirun-bot web: {err}", file=sys.stderr)
        return 2
    if args.print_openapi:
        from ._openapi import openapi_document

        print(json.dumps(openapi_document(settings.web.public_url or "/"), indent=1, ensure_ascii=False))
        return 0
    from ..logs import setup_logging
    from ._app import serve

    setup_logging(settings.log_level, settings.log_json)
    try:
        return asyncio.run(serve(settings))
    except ConfigError as err:  # StoreNotDurable among them: no state file, no Redis
        print(f"canirun-bot web: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
