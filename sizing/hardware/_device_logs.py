"""Cards a tool's log lists by id and memory alone, with no model name: Ollama's debug discovery
("[GPU-1f9d...] CUDA totalMem 32501 mb", one line per card) and rocm-smi's memory table ("GPU[0] : VRAM
Total Memory (B): 206141652992"). Each distinct id is one card of the memory its line gives.

Reads the lightly normalised text (lower case, see `_tokens.light_normalise`); pure and cheap: a plain
substring test gates each pattern.
"""

from __future__ import annotations

from .._lazy_re import LazyPattern

__all__ = ["read_device_memory_log"]

_MIB_PER_GIB = 1024
_BYTES_PER_GIB = 1024**3
# Ollama's discovery log before 0.5.8: "[GPU-<uuid>] CUDA totalMem 32501 mb"
_OLLAMA_TOTAL = LazyPattern(r"\[gpu-([0-9a-f-]{8,})\]\s*cuda totalmem\s+(\d{3,7})\s*mb\b")
# rocm-smi --showmeminfo vram: "GPU[0]          : VRAM Total Memory (B): 206141652992"
# the count the same log states ("device count 8", 'msg="detected GPUs" count=8'): a paste cut short
# lists fewer ids than that
_STATED_COUNT = LazyPattern(r"\bdevice count (\d{1,2})\b|detected gpus\"?\s+count=(\d{1,2})\b")
_ROCM_SMI_TOTAL = LazyPattern(r"\bgpu\[(\d{1,2})\]\s*:\s*vram total memory \(b\)\s*:\s*(\d{9,14})\b")


def read_device_memory_log(light: str) -> tuple[int, float] | None:
    """(cards, GB each) when a log lists cards only by id and memory, all of one size; None otherwise."""
    found: dict[str, float] = {}
    if "totalmem" in light:
        for m in _OLLAMA_TOTAL.finditer(light):
            found[m.group(1)] = int(m.group(2)) / _MIB_PER_GIB
    if "vram total memory" in light:
        for m in _ROCM_SMI_TOTAL.finditer(light):
            found[m.group(1)] = int(m.group(2)) / _BYTES_PER_GIB
    sizes = {round(gb) for gb in found.values()}
    if len(sizes) != 1 or min(found.values()) < 1:
        return None  # cards of several sizes, or none: nothing one group of cards can say
    stated = _STATED_COUNT.search(light) if "count" in light else None
    count = int(stated.group(1) or stated.group(2)) if stated is not None else 0
    return max(len(found), count), float(sizes.pop())
