"""What a data row's source may not be: a path on some machine (absolute or relative, or a folder
of material kept outside the repository) instead of the public page or publication behind it."""

from __future__ import annotations

import re

__all__ = ["is_local_path"]

# "/srv/x/y.csv", "~/notes.md", "../notes/x.md", "./data", "C:\\x": a file somewhere, not a public
# source (a URL's own "/tree/main/" after a space is not one: only the usual roots of a machine count)
_ROOTS = r"(?:home|root|tmp|srv|opt|mnt|media|var|usr|etc|data|work|Users|Volumes)"
_LOCAL = re.compile(rf"(?:^|[\s(\"'])(?:\.{{1,2}}/|~/|/{_ROOTS}/|[A-Za-z]:\\)")
# a folder of gathered material next to the checkout, however it is spelled
_GATHERED = re.compile(r"\bshared[/\\]data\b")


def is_local_path(source: str) -> bool:
    """True when `source` points at a file on a machine rather than a public source."""
    return bool(_LOCAL.search(source) or _GATHERED.search(source))
