"""`canirun-bot`: run the Discord or Reddit frontend."""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="canirun-bot", description="Run a canirun frontend.")
    sub = ap.add_subparsers(dest="frontend", required=True)
    d = sub.add_parser("discord", help="the Discord bot (needs DISCORD_TOKEN)")
    d.add_argument("--print-commands", action="store_true", help="print the slash-command payloads and exit")
    r = sub.add_parser("reddit", help="the Reddit bot (needs Reddit script-app credentials)")
    r.add_argument("--preview", metavar="TEXT", help="print the reply for a comment with TEXT and exit")
    args = ap.parse_args(argv)
    print(f"canirun-bot {args.frontend}: this frontend is not built yet (issues #6 and #7).", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
