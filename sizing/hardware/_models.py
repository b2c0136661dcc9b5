"""`Hardware`: what a user's rig is, as read from their words (immutable, pydantic)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ._contract import GpuContract, HardwareContract, gpu_label
from ._schema import DeviceSpec, Vendor

__all__ = ["CpuInfo", "GpuGroup", "Hardware", "SocInfo"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class GpuGroup(_Frozen):
    """`count` identical discrete GPUs (or an iGPU) with `vram_gb` each."""

    id: str | None  # device id in the database; None for an unnamed card ("a 12GB GPU")
    name: str
    count: int = Field(ge=1)
    vram_gb: float | None = Field(default=None, gt=0)  # per card; None for iGPUs without a carve-out
    kind: Literal["gpu", "igpu"] = "gpu"
    spec: DeviceSpec | None = Field(default=None, exclude=True)  # the variant used for estimates
    # the maker said of a card named only by its memory ("radeon 8gb": amd); None where unsaid
    vendor: Vendor | None = None

    @property
    def label(self) -> str:
        """Its name, or "24 GB GPU" for a card named only by its memory."""
        return gpu_label(self.name, self.id, self.vram_gb)


class SocInfo(_Frozen):
    """A unified-memory system: Apple M-series, Strix Halo, DGX Spark, Jetson, Snapdragon."""

    id: str | None
    name: str
    gpu_cores: int | None = None
    count: int = Field(default=1, ge=1)  # several identical machines (3 DGX Sparks)
    # the GPU's share of the memory where the rig states it: a BIOS carve-out or driver setting
    # ("Strix Halo 128GB, 64GB VRAM"); None: the chip's default share
    gpu_share_gb: float | None = Field(default=None, gt=0)
    spec: DeviceSpec | None = Field(default=None, exclude=True)


class CpuInfo(_Frozen):
    name: str  # as read, tidied: "Ryzen 9 5950X"
    family: str | None = None  # cpu_families.yaml id
    platform: str | None = None  # memory_platforms.yaml id
    cores: int | None = None
    sockets: int = Field(default=1, ge=1)


class Hardware(_Frozen):
    """A rig. Memory in GB (10^9 bytes). Every guess the reader made is in `assumptions`."""

    gpus: tuple[GpuGroup, ...] = ()
    soc: SocInfo | None = None
    unified_memory_gb: float | None = Field(default=None, gt=0)
    ram_gb: float | None = Field(default=None, gt=0)
    cpu: CpuInfo | None = None
    ram_type: str | None = None  # "DDR5", "LPDDR5X" when stated
    ram_mts: int | None = Field(default=None, gt=0)  # transfer rate: stated, or the server platform's
    ram_channels: int | None = Field(default=None, gt=0)  # per socket: stated, or inferred (see assumptions)
    laptop: bool = False
    windows: bool = False  # said to run Windows or WSL2 (WDDM keeps a share of the card)
    linux_layer: bool = False  # on that Windows, WSL2 or a Docker container said (Linux-only engines run)
    headless: bool = False  # said to have no screen on its GPUs (a server, SSH, a rented machine)
    # computers joined into one rig by llama.cpp's RPC backend (the GPUs above are all of theirs);
    # unified-memory machines count as `soc.count` instead
    machines: int = Field(default=1, ge=1, le=16)
    assumptions: tuple[str, ...] = ()

    @property
    def gpu_count(self) -> int:
        return sum(g.count for g in self.gpus)

    @property
    def sized_unified_gb(self) -> float | None:
        """The unified memory estimates use: as read, else the smallest size the chip is sold with (the
        reading's assumptions say that it was not stated)."""
        if self.unified_memory_gb is not None or self.soc is None or self.soc.spec is None:
            return self.unified_memory_gb
        return min(self.soc.spec.memory_options_gb, default=None)

    @property
    def is_empty(self) -> bool:
        return not self.gpus and self.soc is None and self.ram_gb is None and self.unified_memory_gb is None

    def contract(self) -> HardwareContract:
        """The `canirun parse --json` contract (keys are only ever added)."""
        return HardwareContract(
            gpus=[
                GpuContract(name=g.name, count=g.count, vram_gb=g.vram_gb, id=g.id, kind=g.kind)
                for g in self.gpus
            ],
            unified_memory_gb=self.unified_memory_gb,
            soc=self.soc.name if self.soc else None,
            soc_id=self.soc.id if self.soc else None,
            ram_gb=self.ram_gb,
            cpu=self.cpu.name if self.cpu else None,
            cpu_sockets=self.cpu.sockets if self.cpu else None,
            ram_type=self.ram_type,
            laptop=self.laptop,
            machines=self.machines,
            assumptions=list(self.assumptions),
        )

    def to_contract(self) -> dict[str, Any]:
        """The contract as JSON-ready data."""
        return self.contract().model_dump(mode="json")

    def canonical(self) -> tuple[Any, ...]:
        """A hashable reading that two wordings of the same rig share (for cache keys)."""
        return (
            tuple(sorted((g.id or "", g.count, g.vram_gb or 0.0, g.kind) for g in self.gpus)),
            (self.soc.id, self.soc.gpu_cores, self.soc.count, self.soc.gpu_share_gb) if self.soc else None,
            self.unified_memory_gb,
            self.ram_gb,
            (self.cpu.family, self.cpu.platform, self.cpu.sockets) if self.cpu else None,
            self.ram_type,
            self.ram_mts,
            self.ram_channels,
            # what the desktop keeps of a card depends on these (headless, Windows' WDDM, a laptop)
            self.laptop,
            self.windows,
            self.linux_layer,
            self.headless,
            self.machines,
        )
