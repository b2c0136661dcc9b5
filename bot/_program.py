"""`canirun`, the installed program: the CLI (bot/canirun_cli.py) loaded with cyclic garbage
collection paused, as `python -m bot.canirun_cli` loads it. What loading makes (classes, tables,
compiled patterns) lives for the whole run; collecting it again and again while it is made costs a
tenth of a cold start. Collection resumes, with that left out of it, before the command runs."""

from __future__ import annotations

import gc

__all__ = ["canirun"]


def canirun() -> int:
    gc.disable()
    try:
        from .canirun_cli import main
    finally:
        gc.freeze()
        gc.enable()
    return main()
