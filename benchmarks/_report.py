"""Writing benchmark results into docs/: each script owns one marked section of a page, so scripts
can run alone or together (benchmarks/run_all.py) without clobbering each other."""

from __future__ import annotations

import datetime as dt
import platform
import re
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub markdown table."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def machine() -> str:
    py = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{py} on {platform.machine()}, {platform.system()}"


def write_section(page: str, name: str, title: str, body: str, *, intro: str = "") -> Path:
    """Replace (or append) the section `name` of docs/`page`."""
    path = DOCS / page
    DOCS.mkdir(exist_ok=True)
    text = (
        path.read_text(encoding="utf-8")
        if path.exists()
        else f"# {page.removesuffix('.md').title()}\n\n{intro}\n"
    )
    stamp = dt.date.today().isoformat()
    block = (
        f"<!-- section:{name} -->\n## {title}\n\n_Measured {stamp}; {machine()}._\n\n{body.strip()}\n"
        f"<!-- /section:{name} -->"
    )
    pattern = re.compile(rf"<!-- section:{re.escape(name)} -->.*?<!-- /section:{re.escape(name)} -->", re.S)
    text = (
        pattern.sub(lambda _m: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    )
    path.write_text(text, encoding="utf-8")
    return path


def pct(x: float) -> str:
    return f"{x:.1%}"


def quantile(xs: Sequence[float], q: float) -> float:
    s = sorted(xs)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)
