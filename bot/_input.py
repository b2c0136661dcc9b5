"""Text from users as every part of canirun may safely carry it.

Whatever arrives (a Reddit comment decoded from JSON with a lone surrogate escape, a command-line
argument with invalid UTF-8, a batch line with terminal escapes) leaves here as text that encodes
to UTF-8 and holds no control characters: a lone surrogate becomes U+FFFD, a control character
(C0 or C1, escape included) a space; tabs and newlines stay. Reading, caching (JSON), rendering
and printing then never meet a character they cannot handle, and no terminal sequence a user
typed is ever echoed raw.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["clean_input", "clean_values"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_input(text: str) -> str:
    """`text` with lone surrogates as U+FFFD and control characters (but tab and newline) as spaces."""
    if _SURROGATE.search(text):
        # a high and low surrogate side by side are one character split in two: join them
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _CONTROL.sub(" ", text)


def clean_values(values: dict[str, Any]) -> dict[str, Any]:
    """Every string value of a request cleaned (other values as they are)."""
    return {k: clean_input(v) if isinstance(v, str) else v for k, v in values.items()}
