"""Model names written out of the catalog's order, put back in it before a question's models are
found: "mixtral 7b*8" is Mixtral 8x7B (the count of experts written after the size), and "the 120b
model of gpt-oss" is gpt-oss 120b (the size said before the family it belongs to)."""

from __future__ import annotations

import re

from ._lazy_re import LazyPattern

__all__ = ["in_catalog_order"]

# "mixtral 7b*8", "Mixtral-22Bx8", "mixtral 7b × 8": experts counted after the size
_EXPERTS_AFTER = LazyPattern(
    r"(mixtral[\s\-_]*)(\d+(?:\.\d+)?)\s*b\s*[*x×]\s*(\d{1,2})(?![\w.])", re.IGNORECASE
)
# "the 120b model of", "the 32B version of the": a size said of the family named next
_SIZE_OF = LazyPattern(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*b\s+(?:model|version|variant|one|size)\s+of\s+(?:the\s+)?", re.IGNORECASE
)
# the characters of a pasted name ("gpt-oss", "qwen2.5-coder")
_NAME_RUN = re.compile(r"[\w.\-]+")


def in_catalog_order(text: str, family_start: re.Pattern[str]) -> str:
    """`text` with experts counted after a size and sizes said before their family rewritten as
    the catalog writes them. `family_start` matches where a family's name starts."""
    text = _EXPERTS_AFTER.sub(lambda m: f"{m.group(1)}{m.group(3)}x{m.group(2)}b", text)
    pieces: list[str] = []
    last = 0
    for m in _SIZE_OF.finditer(text):
        family = family_start.match(text, m.end())
        if family is None or m.start() < last:
            continue
        name = _NAME_RUN.match(text, family.start())
        end = name.end() if name is not None else family.end()
        pieces += [text[last : m.start()], f"{text[m.end() : end]} {m.group(1)}b"]
        last = end
    return "".join(pieces) + text[last:] if pieces else text
