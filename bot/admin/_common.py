"""What every admin command shares: the error type, output (rich or JSON), progress bars."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import aiohttp
from rich.console import Console, RenderableType
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

__all__ = ["AdminError", "Out", "cell", "read_up_to", "table"]

EXIT_FAILED = 1
EXIT_USAGE = 2


class AdminError(Exception):
    """A command failed for a reason the user can act on. Never shown as a traceback."""

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        problems: Sequence[str] = (),
        code: int = EXIT_FAILED,
        transient: bool = False,
    ) -> None:
        super().__init__(message)
        self.hint = hint
        self.problems = tuple(problems)
        self.code = code
        self.transient = transient  # the source could not be reached (or was busy): trying later may work


class Out:
    """Prints a command's result: rich by default, one JSON document with --json (stdout either way).

    Notes, warnings and progress go to stderr so that --json output stays machine-readable;
    `quiet` (a reader inside a running service) shows none of them.
    """

    def __init__(self, json_mode: bool, *, quiet: bool = False) -> None:
        self.json = json_mode
        self.quiet = quiet
        self.console = Console(highlight=False)
        self.err = Console(stderr=True, highlight=False)

    def emit(self, data: Any, renderable: RenderableType | None = None) -> None:
        if self.json:
            sys.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif renderable is not None:
            self.console.print(renderable)
        else:
            self.console.print(Text(json.dumps(data, indent=2, default=str, ensure_ascii=False)))

    def note(self, text: str) -> None:
        if not self.quiet:
            self.err.print(Text(text, style="dim"))

    def working(self, text: str) -> None:
        """Where no progress bar shows (stderr is no terminal: a log, a pipe), one line saying what
        a slow step is doing, so a wait is never silent."""
        if not self.quiet and not self.err.is_terminal:
            self.note(text)

    def warn(self, text: str) -> None:
        if not self.quiet:
            self.err.print(Text.assemble(("warning: ", "yellow"), text))

    def fail(self, err: AdminError) -> None:
        if self.json:
            doc: dict[str, Any] = {"error": str(err), "hint": err.hint}
            if err.problems:
                doc["problems"] = list(err.problems)
            sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
            return
        self.err.print(Text.assemble(("error: ", "bold red"), str(err)))
        for p in err.problems:
            self.err.print(Text("  - " + p))
        if err.hint:
            self.err.print(Text.assemble(("hint: ", "cyan"), err.hint))

    def progress(self, bytes_mode: bool = False) -> Progress:
        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn()]
        columns.append(
            DownloadColumn() if bytes_mode else TextColumn("{task.completed:.0f}/{task.total:.0f}")
        )
        columns.append(TimeElapsedColumn())
        return Progress(*columns, console=self.err, transient=True, disable=self.quiet)


def cell(value: Any) -> Text:
    """A table cell that shows user/catalog text literally (no rich markup)."""
    if value is None:
        return Text("-", style="dim")
    if isinstance(value, float):
        return Text(f"{value:,.2f}")
    return Text(str(value))


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Table:
    t = Table(title=escape(title), title_justify="left")
    for c in columns:
        t.add_column(escape(c), overflow="fold")
    for r in rows:
        t.add_row(*(cell(v) for v in r))
    return t


async def read_up_to(resp: aiohttp.ClientResponse, n: int) -> bytes:
    """At most n bytes of the body (a stream read may return less than asked: loop until n or EOF)."""
    out = bytearray()
    while len(out) < n:
        chunk = await resp.content.read(n - len(out))
        if not chunk:
            break
        out += chunk
    return bytes(out)
