"""A regular expression compiled when first used, not when its module is imported.

Compiling a pattern costs tens to hundreds of microseconds; a module with dozens of them, most of
which one question never needs, makes every cold start pay for all of them. After its first use a
`LazyPattern` answers with the compiled pattern's own methods (set on the instance, where they take
the place of the class's), so it then costs what the pattern does.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator

__all__ = ["LazyPattern"]

_METHODS = ("search", "match", "fullmatch", "finditer", "sub")


class LazyPattern:
    """`re.compile(pattern, flags)`, done on the first call of any of its methods."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern; from now on the methods below are its own."""
        done = re.compile(self.pattern, self.flags)
        for name in _METHODS:
            setattr(self, name, getattr(done, name))
        self.compiled = lambda: done  # type: ignore[method-assign]
        return done

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
