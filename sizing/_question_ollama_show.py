"""An `ollama show` paste: its Model section names the model by the GGUF file's architecture and
size ("architecture qwen3moe", "parameters 30.5B"), the way a llama-bench label does, and tells the
model's own limits ("context length 262144", "embedding length 2048"). The architecture and size
are read as one name ("qwen3moe 30.5B"), and the limits are blanked: the longest context the model
takes is no context the asker runs it at. The output's layout: cmd/interactive.go showInfo and
server/routes.go, github ollama/ollama.
"""

from __future__ import annotations

from ._lazy_re import LazyPattern

__all__ = ["with_ollama_show"]

_ARCH_LINE = LazyPattern(r"(?im)^[ \t]*architecture[ \t]+(?P<arch>[a-z][a-z0-9_-]*)[ \t]*$")
_PARAMS_LINE = LazyPattern(r"(?im)^[ \t]*parameters[ \t]+(?P<size>\d+(?:\.\d+)?[mb])[ \t]*$")
# the model's own limits in the same section: never the asker's settings
_LIMIT_LINE = LazyPattern(r"(?im)^[ \t]*(?:context|embedding)[ \t]+length[ \t]+\d+[ \t]*$")


def with_ollama_show(text: str) -> str:
    """`text` with an `ollama show` Model section's architecture and size lines read as one model
    name, and its context and embedding lengths blanked; `text` itself when it has no such section."""
    arch = _ARCH_LINE.search(text)
    size = _PARAMS_LINE.search(text)
    if arch is None or size is None or abs(size.start() - arch.end()) > 200:
        return text
    name = f"{arch.group('arch')} {size.group('size')}"
    first, second = sorted((arch, size), key=lambda m: m.start())
    out = text[: first.start()] + name + text[first.end() : second.start()] + text[second.end() :]
    return _LIMIT_LINE.sub("", out)
