"""Reddit's own markdown engine, to see a reply as Reddit shows it.

snudown-js is Reddit's markdown parser (github reddit/snudown) compiled to JavaScript, from npm.
`make test` installs it into .venv/node when node is present (CANIRUN_SNUDOWN points elsewhere).
`to_html` renders many comments in one node process, as Reddit's "usertext" renderer does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "snudown-js@4.1.0"
SNUDOWN = Path(os.environ.get("CANIRUN_SNUDOWN") or ROOT / ".venv" / "node" / "node_modules" / "snudown-js")
NO_NODE = "node is not installed, so Reddit's markdown engine (snudown-js) cannot run"
_SCRIPT = """
const { markdown } = await import(process.argv[1]);
let raw = "";
for await (const chunk of process.stdin) raw += chunk;
process.stdout.write(JSON.stringify(JSON.parse(raw).map((text) => markdown(text))));
"""


def node() -> str | None:
    return shutil.which("node")


def to_html(texts: list[str]) -> list[str]:
    """Each markdown text as the HTML Reddit makes of it."""
    entry = SNUDOWN / "dist" / "snudown.js"
    if not entry.exists():
        raise FileNotFoundError(
            f"{PACKAGE} is not installed at {SNUDOWN}: `make test` installs it "
            f"(or: npm install --no-save --prefix .venv/node {PACKAGE})"
        )
    out = subprocess.run(
        [node() or "node", "--input-type=module", "-e", _SCRIPT, entry.as_uri()],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    rendered: list[str] = json.loads(out.stdout)
    return rendered


class Page(HTMLParser):
    """What a rendered comment holds: its tags, links, tables (cells per row) and text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []
        self.tables: list[list[int]] = []  # per table: cells in each row
        self.cells: list[str] = []
        self.outside_tables: list[str] = []  # text not in a table
        self._depth = 0
        self._cell: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag == "table":
            self._depth += 1
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append(0)
        elif tag in ("td", "th") and self.tables:
            self.tables[-1][-1] += 1
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if not self._depth:
            self.outside_tables.append(data)

    @property
    def text(self) -> str:
        return "".join(self.outside_tables) + "\n".join(self.cells)
