"""`canirun`, the installed program: the CLI (bot/canirun_cli.py) loaded with cyclic garbage
collection paused, as `python -m bot.canirun_cli` loads it. What loading makes (classes, tables,
compiled patterns) lives for the whole run; collecting it again and again while it is made costs a
tenth of a cold start. Collection resumes, with that left out of it, before the command runs; when
it has answered, the process ends without tearing all of that down again (`leave`). The regular
expressions and the dataclasses' methods earlier runs compiled are loaded in their compiled form
(bot/compiled_patterns.py, bot/compiled_methods.py)."""

from __future__ import annotations

import gc
import os
import sys

__all__ = ["canirun", "leave", "no_pydantic_plugins"]


def no_pydantic_plugins() -> None:
    """Pydantic looks for plugins in every installed distribution's entry points when it builds its first
    model (a few milliseconds of each cold start); the CLI uses none. A PYDANTIC_DISABLE_PLUGINS the user
    set is kept (https://docs.pydantic.dev/latest/concepts/plugins/)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def canirun() -> int:
    gc.disable()
    no_pydantic_plugins()
    try:
        from . import compiled_methods
        from .compiled_patterns import keep, preload

        methods = compiled_methods.preload()  # dataclasses' methods compiled before (bot/compiled_methods.py)
        patterns = preload()  # compiled regular expressions kept from earlier runs (bot/compiled_patterns.py)
        from .canirun_cli import main
    finally:
        gc.freeze()
        gc.enable()
    code = main()
    keep(patterns)
    compiled_methods.keep(methods)
    leave(code)
    return code


def leave(code: int) -> None:
    """End the process now, with `code`, once logging is shut down and stdout and stderr are flushed.

    Python's own exit would first tear down every module and object the run made (the catalog, the
    device database, pydantic's schemas): work that the operating system's reclaiming of the memory
    makes moot, and a tenth of a short command's time. The command has closed what it opened (its
    store, its event loop and threads) before it returns. Returns only where a flush fails, for the
    caller to exit as Python does (which reports it)."""
    import logging

    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)
