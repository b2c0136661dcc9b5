"""`canirun-bot`: run the Discord, Reddit or web frontend.

    canirun-bot discord [--print-commands]      the Discord bot (DISCORD_TOKEN)
    canirun-bot reddit [--preview TEXT]         the Reddit bot (REDDIT_* credentials)
    canirun-bot web [--port N]                  the web page and the JSON API

Each frontend owns its options: everything after the frontend's name goes to its own `main`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ._pipes import reader_left

__all__ = ["main"]

USAGE = """usage: canirun-bot {discord,reddit,web} [options]

  discord   the Discord bot (needs DISCORD_TOKEN); --print-commands prints the slash-command payloads
  reddit    the Reddit bot (needs Reddit script-app credentials); --preview TEXT prints a reply
  web       the web page and the JSON API (no credentials); --print-openapi prints the API's document

Run `canirun-bot discord --help`, `canirun-bot reddit --help` or `canirun-bot web --help` for each
frontend's options."""


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `canirun-bot reddit --preview ... | head -1`: the reader left
        return reader_left()
    except KeyboardInterrupt:
        return 130


def _main(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if args else 2
    frontend, rest = args[0], args[1:]
    if frontend == "discord":
        from .discord import main as discord_main

        return discord_main(rest)
    if frontend == "reddit":
        from .reddit import main as reddit_main

        return reddit_main(rest)
    if frontend == "web":
        from .web import main as web_main

        return web_main(rest)
    print(f"canirun-bot: unknown frontend {frontend!r}\n\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
