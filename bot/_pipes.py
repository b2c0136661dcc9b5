"""`canirun ... | head -1`: when the reader of stdout leaves, a command stops quietly.

Python raises BrokenPipeError on the next write, and again when it flushes stdout at exit
("Exception ignored ... BrokenPipeError"). `reader_left` points stdout at /dev/null so that the
exit is silent; every CLI entry point calls it from its BrokenPipeError handler.
"""

from __future__ import annotations

import contextlib
import os
import sys

__all__ = ["reader_left"]


def reader_left() -> int:
    """Send whatever is left for stdout nowhere; the exit code of a command whose reader left (0)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return 0
