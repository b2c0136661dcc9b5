"""A sentence said twice is one rig: a post's title often comes back word for word in its body
("how to run it on four 910B*8?" as title and again as the first line), and reading both would
count the same cards twice. The second time it is said, the sentence is blanked. Only sentences
of the first line (the title) are looked for again: lines a tool prints, one per card ("NVIDIA GeForce
RTX 3090, 24576 MiB" twice in `nvidia-smi --query-gpu` output, DxDiag's "Card name" of each card), are
as many cards as lines.
"""

from __future__ import annotations

import re

__all__ = ["without_repeats"]

# a sentence ends at a question or exclamation mark, a full stop before a space, or a line's end
# (a dot inside a number or version, "v3.2", "2.7G", ends nothing)
_SENTENCE = re.compile(r"[^?!？。！\n]+?(?:[?!？。！]+|\.(?=\s)|\n|$)")
_MIN_CHARS = 12  # shorter pieces ("GPU:", "32GB") are repeated by lists, not by a copied title


def without_repeats(text: str) -> str:
    """The text with every sentence already said earlier (same words, same figures) blanked."""
    seen: set[str] = set()
    out = list(text)
    blanked = False
    lead = len(text) - len(text.lstrip())
    first_line_end = text.find("\n", lead)
    if first_line_end < 0:
        first_line_end = len(text)  # one line: a sentence said again in it is said once
    for m in _SENTENCE.finditer(text):
        key = " ".join(m.group().lower().split())
        if len(key) < _MIN_CHARS or not any(c.isdigit() for c in key):
            continue
        if key in seen:
            out[m.start() : m.end()] = " " * (m.end() - m.start())
            blanked = True
        elif m.start() < first_line_end:
            seen.add(key)
    return "".join(out) if blanked else text
