"""Two models asked at the same time on one rig ("qwen3 32b and llama 3.1 8b at the same time on my
3090"): sized together, each one's weights, KV cache and buffers summed against the GPU memory the rig
has, rather than each alone; where the picks do not fit together, the finest quants that do."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from sizing import Estimate, Hardware, SizingError, engine_name, estimate_again, resolve_quant

__all__ = ["together_asked", "together_words"]

_TOGETHER = re.compile(
    r"(?i)\b(?:at\s+the\s+same\s+time|simultaneous(?:ly)?|concurrently|side\s+by\s+side|both\s+loaded"
    r"|loaded\s+together|together|at\s+once|in\s+parallel|alongside)\b"
)
# the smaller builds a llama.cpp model is tried at where the picks do not fit together
_STEP_DOWN = ("Q4_K_M", "IQ4_XS", "Q3_K_M")


def together_asked(text: str) -> bool:
    """Whether the question asks for its models loaded at once ("at the same time", "simultaneously")."""
    return _TOGETHER.search(text) is not None


def _gb(e: Estimate) -> float:
    """The memory one model's server takes (weights, KV cache, buffers and runtime), in GB: on the GPUs
    where it runs fully there (llama.cpp's token table in system RAM takes no GPU memory), else all."""
    devices = e.memory.placement.devices
    return sum(d.used for d in devices if e.verdict != "gpu" or d.kind == "gpu") / 1e9


def _gpu_gb(e: Estimate) -> float:
    return sum(d.usable for d in e.memory.placement.devices if d.kind == "gpu") / 1e9


def _choices(shown: Sequence[Estimate], hw: Hardware) -> list[Estimate]:
    """Each model's builds to weigh: those shown, then the smaller llama.cpp builds, fully on the GPU."""
    out = list(shown[:3])
    lead = shown[0]
    if lead.quant.format == "gguf":
        for name in _STEP_DOWN:
            if name in {e.quant.id for e in out}:
                continue
            try:
                quant = resolve_quant(name, lead.engine)
            except SizingError:
                continue
            if quant.kld <= lead.quant.kld:
                continue
            again = estimate_again(lead, hw, quant=quant)
            if again is not None:
                out.append(again)
    return [e for e in out if e.verdict == "gpu"]


def _named(e: Estimate) -> str:
    return f"{e.model.name} {e.quant.id} (~{_gb(e):.1f} GB)"


def together_words(picks: Sequence[Sequence[Estimate]], hw: Hardware) -> str:
    """'Both at once: A Q4_K_M (~22.3 GB) + B Q8_0 (~9.6 GB) = ~31.9 GB, more than the 24.8 GB the GPU
    holds; together they fit at ...' ('' where a model has no estimate)."""
    leads = [p[0] for p in picks if p]
    if len(leads) < 2 or any(e.verdict == "no" for e in leads):
        return ""
    room = _gpu_gb(leads[0])
    total = sum(_gb(e) for e in leads)
    said = " + ".join(_named(e) for e in leads)
    head = "Both at once" if len(leads) == 2 else f"All {len(leads)} at once"
    shared = (
        " Generating at the same moment, they share the GPU's memory bandwidth: each runs slower than "
        "alone, and each server keeps its own context and KV cache."
    )
    if room <= 0:
        return f" {head}: {said} = ~{total:.1f} GB, all in system RAM."
    if total <= room and all(e.verdict == "gpu" for e in leads):
        return (
            f" {head}: {said} = ~{total:.1f} GB, within the {room:.1f} GB of GPU memory: both fit.{shared}"
            + _shares_words(leads)
        )
    over = f" {head}: {said} = ~{total:.1f} GB, more than the {room:.1f} GB of GPU memory"
    options = [_choices(p, hw) for p in picks if p]
    fitting = [c for c in itertools.product(*options) if sum(_gb(e) for e in c) <= room]
    if not fitting:
        return (
            f"{over}, and no smaller build of each fits both there: run the smaller model on the CPU or "
            "another card, or take a smaller model."
        )
    # the first model named is the main one: its quality first, then the others', then the speed
    best = min(fitting, key=lambda c: (*(e.quant.kld for e in c), -sum(e.speed.decode_tps for e in c)))
    fit = " + ".join(_named(e) for e in best)
    return (
        f"{over}; together they fit at {fit} = ~{sum(_gb(e) for e in best):.1f} GB.{shared}"
        + _shares_words(best)
    )


# the flag by which a paged engine's server takes a share of the whole GPU, preallocated at start
_SHARE_FLAGS = {"vllm": "--gpu-memory-utilization", "sglang": "--mem-fraction-static"}


def _shares_words(leads: Sequence[Estimate]) -> str:
    """' vLLM preallocates its share of the whole GPU at start (--gpu-memory-utilization, 0.9 by
    default): give each server its own, about 0.38 for Qwen3 4B and 0.57 for Llama 3.1 8B.' for servers
    of a paged engine; '' for llama.cpp, which takes only what it loads."""
    paged = [e for e in leads if e.engine in _SHARE_FLAGS]
    if not paged:
        return ""
    capacity = sum(d.total for d in leads[0].memory.placement.devices if d.kind == "gpu") / 1e9
    if capacity <= 0:
        return ""
    flag = _SHARE_FLAGS[paged[0].engine]
    each = " and ".join(f"{_gb(e) / capacity:.2f} for {e.model.name}" for e in paged)
    return (
        f" Each {engine_name(paged[0].engine)} server preallocates a share of the whole GPU at start "
        f"({flag}): give each its own, about {each}."
    )
