"""Several computers joined into one rig by llama.cpp's RPC backend: "across two PCs with llama.cpp
rpc, each has a 4090", "pc1: 4090, pc2: 2x 3060 over rpc". The model's layers are split over every
machine's GPUs (github ggml-org/llama.cpp tools/rpc/README.md: rpc-server on each other machine,
llama-server --rpc host:port on the first)."""

from __future__ import annotations

import re

from ._lazy_re import LazyPattern
from .hardware import Hardware

__all__ = ["over_rpc"]

_RPC = LazyPattern(r"(?<![\w-])(?:rpc|rpc[-_]server)(?![\w-])", re.IGNORECASE)
_WORDS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
_MACHINES = LazyPattern(
    r"\b(?P<n>two|three|four|[234])\s+(?:separate\s+|different\s+|other\s+)?"
    r"(?:pcs|machines|computers|boxes|nodes|hosts|servers|desktops|workstations|rigs)\b",
    re.IGNORECASE,
)
# machines labelled one by one: "pc1: 4090, pc2: 2x 3060", "node 2 has ..."
_LABELS = LazyPattern(r"\b(?:pc|machine|node|host|box|server)\s?#?(?P<k>[1-8])\b", re.IGNORECASE)
# one card in each machine: "each has a 4090", "a 4090 in each", "one 3090 per pc", "with a 3090 each"
_EACH = LazyPattern(
    r"\beach\s+(?:one\s+)?(?:has|have|with|having|got|runs|running)\b|\bin\s+each\b|\bper\s+(?:pc|machine|box|node)\b"
    r"|\b(?:\d{3,4}|gpu|card)(?:\s?(?:ti|super|xtx|xt))?\s+each\b",
    re.IGNORECASE,
)
MAX_MACHINES = 8  # llama.cpp's RPC examples join a handful of hosts; more is a cluster question


def machines_over_rpc(s: str) -> int:
    """How many computers the text joins with llama.cpp's RPC backend: 1 where it names no RPC."""
    if _RPC.search(s) is None:
        return 1
    m = _MACHINES.search(s)
    named = _WORDS[m.group("n").lower()] if m else 0
    labelled = len({x.group("k") for x in _LABELS.finditer(s)})
    return min(MAX_MACHINES, max(2, named, labelled))


def over_rpc(hw: Hardware, s: str, engine: str | None) -> Hardware:
    """`hw` as the machines RPC joins: their count, and one card named "in each" counted once per
    machine; `hw` itself where no RPC is named, the engine is not llama.cpp, or the machines are
    unified-memory ones (counted by their chip already)."""
    if engine not in (None, "llama.cpp"):
        return hw
    if hw.soc is not None and hw.soc.count > 1 and _RPC.search(s) is not None:
        # unified-memory machines ("two Strix Halo boxes over rpc") are counted by their chip already
        return hw.model_copy(update={"assumptions": (*hw.assumptions, _joined(hw.soc.count, "chips"))})
    n = machines_over_rpc(s) if hw.gpus and hw.soc is None else 1
    if n < 2:
        return hw
    gpus = hw.gpus
    notes = [_joined(n, "GPUs")]
    if len(gpus) == 1 and gpus[0].count == 1 and _EACH.search(s) is not None:
        gpus = (gpus[0].model_copy(update={"count": n}),)
        notes.insert(0, f"one {gpus[0].name} in each of the {n} machines: {n} in all")
    return hw.model_copy(update={"gpus": gpus, "machines": n, "assumptions": (*hw.assumptions, *notes)})


def _joined(n: int, parts: str) -> str:
    return (
        f"{n} machines joined by llama.cpp's RPC backend: sized as one rig with all their {parts}, the "
        "layers split across them; the network's delay on every token is not counted"
    )
