"""Memory figures in a question that describe no part of the rig: the size of a model's file told
in parentheses right after its name ("gemma3:4b (3.3gb)", "Qwen3 32B (about 20GB at Q4)") and what a
card or the RAM holds now, told against what it has ("3gb of vram usage (out of 24gb)", "uses 9 GB
out of 16 GB"). Both are blanked from the text the rig is read from, so that the size of the file is
no RAM and the part in use is no card of that size; the figure the part has stays.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._lazy_re import LazyPattern

__all__ = ["without_told_sizes"]

_GB = r"\d+(?:[.,]\d+)?\s*(?:gb|gib|g|mb|mib)\b"
# a figure alone in parentheses after a name, maybe "about"/"~" and a quant: no memory word inside it
_SIZE_AFTER_NAME = LazyPattern(
    rf"(?i)\A\s*\(\s*(?:about|around|approx\.?|roughly|~|≈|约)?\s*{_GB}"
    r"(?:\s*(?:at|@|in)\s*[a-z0-9_.\-]{1,12})?\s*\)"
)
# a figure in use told against the one the part has: "3gb of vram usage (out of 24gb)", "9 GB used
# out of 16 GB", "uses 5.1GB out of 8GB"
_USED_OF = LazyPattern(
    rf"(?i)(?P<used>{_GB})(?P<middle>[^.!?\n]{{0,40}}?)\bout\s+of\s+(?:the\s+|my\s+|a\s+)?(?:total\s+(?:of\s+)?)?"
    rf"(?P<total>{_GB})"
)


def without_told_sizes(hw_text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`hw_text` (the question with the models' names blanked; `spans` where the names were) with
    the file sizes told after names and the figures in use blanked."""
    out = list(hw_text)
    for _, end in spans:
        m = _SIZE_AFTER_NAME.search(hw_text[end : end + 48])
        if m is not None:
            out[end + m.start() : end + m.end()] = " " * (m.end() - m.start())
    for m in _USED_OF.finditer(hw_text):
        # the figure the part has takes the place of the one in use, beside the words that name the
        # part ("24gb of vram usage ("): what is in use is no part of the rig
        told = f"{m.group('total')} {m.group('middle')}"
        out[m.start() : m.end()] = told.ljust(m.end() - m.start())[: m.end() - m.start()]
    return "".join(out)
