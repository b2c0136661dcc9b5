"""The `canirun parse --json` contract: how a rig was read, as typed output models.

Keys are only ever added; `Hardware.contract()` builds it and `Hardware.to_contract()` is its JSON.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["GpuContract", "HardwareContract"]


class _Contract(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


def gpu_label(name: str, device_id: str | None, vram_gb: float | None) -> str:
    """A card as people name it: its name; one named only by its memory, "24 GB GPU"."""
    return f"{vram_gb:g} GB GPU" if device_id is None and vram_gb else name


class GpuContract(_Contract):
    """`count` identical GPUs as read."""

    name: str  # the full device name
    count: int  # how many
    vram_gb: float | None  # per card; None for an iGPU without its own memory
    id: str | None  # the device database id; None for an unnamed card ("a 12GB GPU")
    kind: Literal["gpu", "igpu"]  # a discrete GPU, or one built into the CPU

    @property
    def label(self) -> str:
        """Its name, or "24 GB GPU" for a card named only by its memory."""
        return gpu_label(self.name, self.id, self.vram_gb)


class HardwareContract(_Contract):
    """A rig as read: GPUs, a unified-memory chip, system RAM, CPU, and every guess made."""

    gpus: list[GpuContract]  # discrete GPUs (and iGPUs), grouped by kind
    unified_memory_gb: float | None  # memory of a unified-memory chip (Mac, Strix Halo, DGX Spark)
    soc: str | None  # the chip's name ("Apple M2 Max (38-core GPU)")
    soc_id: str | None  # the device database id of the chip
    ram_gb: float | None  # system RAM
    cpu: str | None  # the CPU as read ("Ryzen 9 7950X")
    cpu_sockets: int | None  # CPUs in the machine
    ram_type: str | None  # "DDR5", "LPDDR5X" when stated
    laptop: bool  # said to be a laptop (mobile GPU variants)
    machines: int = 1  # computers joined by llama.cpp's RPC backend (their GPUs are all in `gpus`)
    assumptions: list[str]  # every guess the reader made, in words
