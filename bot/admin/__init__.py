"""`canirun-admin`: the live model catalog (list, show, validate, add, remove, diff, publish, history,
rollback, export, import-hf, import-gguf), the answer cache, saved rigs (privacy requests) and the
Discord command sync. Rich tables by default, `--json` on every command. See bot/admin/_cli.py.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ._cli import run

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one admin command; returns the exit code (0 done, 1 failed, 2 usage/configuration)."""
    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
