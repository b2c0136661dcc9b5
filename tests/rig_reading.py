"""What the rig-reader tests compare: the GPUs read, as (id, count, memory) sorted, and whether the
reader noted a typo."""

from __future__ import annotations

from sizing.hardware import Hardware

__all__ = ["Gpus", "gpus", "typo_noted"]

Gpus = list[tuple[str | None, int, float | None]]


def gpus(h: Hardware) -> Gpus:
    return sorted(((g.id, g.count, g.vram_gb) for g in h.gpus), key=lambda g: (g[0] or "", g[1]))


def typo_noted(h: Hardware) -> bool:
    return any("typo?" in a for a in h.assumptions)
