"""Point releases written without their dot, as file paths and repository names often have them:
"qwen15" is Qwen1.5, "Qwen25-7B" Qwen2.5 7B, "Deepseek-V32-exp" DeepSeek V3.2, "llama31" Llama 3.1,
and with an underscore for the dot, as GGUF file names do ("qwen1_5-14b-chat-q4_0.gguf").
Only the releases the catalog has are read so ("qwen35" is Qwen3.5 where the catalog has it), and a
size never is ("llama-33b", "qwen-32b" keep their sizes)."""

from __future__ import annotations

import functools
import re

__all__ = ["with_version_dots"]

# a catalog id that starts with a family and a point release: "qwen2.5-7b", "deepseek-v3.2",
# "llama-3.3-70b", "kimi-k2.5", "glm-4.5-air"
_RELEASE_ID = re.compile(r"^([a-z]+)-?([a-z]?)(\d+)\.(\d)(?=-|$)")


@functools.lru_cache(maxsize=16)
def _pattern(ids: frozenset[str]) -> re.Pattern[str] | None:
    alternatives = set()
    for model_id in ids:
        m = _RELEASE_ID.match(model_id)
        if m is None:
            continue
        family, letter, major, minor = m.groups()
        # a space only after a version letter ("deepseek v32"); digits glued or across - or _ else
        gap = r"[\s\-_]?" if letter else r"[\-_]?"
        alternatives.add(f"{re.escape(family)}{gap}{letter}{major}_?(?={minor})")
    if not alternatives:
        return None
    # the dot goes after the match; no digit, dot or letter may follow the minor digit (a size's "b",
    # llama.cpp's architecture "qwen35moe")
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?=\d(?![\d.a-z]))", re.IGNORECASE)


# a letter, maybe a separator and "v", then two digits (maybe an underscore between) and no third:
# where a dotless release can be
# (checked first, so that text without one never builds the catalog's pattern)
_CANDIDATE = re.compile(r"[a-z][\s\-_]?v?\d_?\d(?![\d.])", re.IGNORECASE)


def with_version_dots(text: str, model_ids: frozenset[str]) -> str:
    """`text` with each dotless point release of a catalog family written with its dot."""
    if _CANDIDATE.search(text) is None:
        return text
    rx = _pattern(model_ids)
    if rx is None:
        return text
    return rx.sub(lambda m: m.group(0).removesuffix("_") + ".", text)
