"""Rows of the device database: accelerators, unified-memory chips, CPU platforms.

Every row carries `source`: where its figures come from. Rates are peak, dense (no sparsity),
at boost clock, in units of 10^12 operations per second; memory in GB (10^9 bytes) as vendors
quote it, bandwidth in GB/s.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..vocabulary import Backend

__all__ = [
    "Architecture",
    "Backend",
    "CpuFamily",
    "CpuGraphics",
    "DeviceSpec",
    "MemoryPlatform",
    "SystemSpec",
]

Vendor = Literal["nvidia", "amd", "intel", "apple", "qualcomm", "broadcom", "rockchip", "other"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Architecture(_Frozen):
    """A GPU architecture: how its matrix units relate to its FP32 shader rate.

    Used when a device row lacks a published tensor figure: tensor = ratio x fp32_tflops.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    name: str
    vendor: Vendor
    # dense FP16 matrix rate with FP32 accumulate, per unit of FP32 shader rate (0: no matrix units)
    tensor_fp16_per_fp32: float = Field(ge=0)
    # with FP16 accumulate (GeForce runs this at 2x the FP32-accumulate rate); default: same
    tensor_fp16acc_per_fp32: float | None = Field(default=None, ge=0)
    # dense INT8 matrix rate (TOPS) per unit of FP32 shader rate
    tensor_int8_per_fp32: float | None = Field(default=None, ge=0)
    # non-matrix FP16 rate per FP32 rate (Pascal GP102: 1/64; most others 1 or 2)
    fp16_per_fp32: float = Field(default=1.0, ge=0)
    flash_attention: bool = True  # llama.cpp's FA kernels run well here
    # NVIDIA CUDA compute capability "major.minor" of the family (the oldest member where it varies)
    compute_capability: str | None = Field(default=None, pattern=r"^\d+\.\d$")
    # FP32 lanes per streaming multiprocessor (NVIDIA): the FP32 rate over 2 x lanes is SMs x clock
    fp32_lanes_per_sm: int | None = Field(default=None, gt=0)
    source: str = Field(min_length=3)


class DeviceSpec(_Frozen):
    """An accelerator or a unified-memory chip, one row per memory/core variant."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$", max_length=60)  # family id: variants share it
    name: str
    vendor: Vendor
    kind: Literal["gpu", "igpu", "soc", "npu"] = "gpu"  # soc: unified memory with a big GPU
    segment: Literal["desktop", "laptop", "workstation", "datacenter", "embedded", "apu", "phone"]
    arch: str | None = None  # key into architectures.yaml
    aliases: tuple[str, ...] = ()  # extra names people write ("3090", "4090d", "mi300x")
    memory_gb: float | None = Field(default=None, gt=0)  # this variant's memory (None for SoC rows)
    memory_options_gb: tuple[float, ...] = ()  # SoCs: the memory sizes sold
    memory_type: str | None = None
    bandwidth_gbs: float = Field(gt=0)
    fp32_tflops: float | None = Field(default=None, gt=0)
    fp16_tflops: float | None = Field(default=None, gt=0)  # vector (non-matrix) FP16
    tensor_fp16_tflops: float | None = Field(default=None, ge=0)  # dense, FP32 accumulate
    tensor_fp16acc_tflops: float | None = Field(default=None, ge=0)  # dense, FP16 accumulate
    tensor_int8_tops: float | None = Field(default=None, ge=0)  # dense
    backends: tuple[Backend, ...] = Field(min_length=1)
    # a card off ROCm's supported list that ROCm runs when told it is a listed sibling: the
    # HSA_OVERRIDE_GFX_VERSION value (gfx1031/gfx1032 as gfx1030: "10.3.0"); unofficial, so ROCm is not
    # among `backends` and is used only when asked for
    rocm_override: str | None = Field(default=None, pattern=r"^\d+\.\d+\.\d+$")
    default_variant: bool = False  # the variant assumed when the user names no memory size
    gpu_cores: int | None = Field(default=None, gt=0)  # Apple GPU cores / AMD CUs / Intel Xe cores
    cpu_cores: int | None = Field(default=None, gt=0)
    released: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?(-\d{2})?$")
    tdp_w: float | None = Field(default=None, gt=0)
    # aftermarket memory mods sold in numbers (a 4090 rebuilt with 48 GB); the row's source names them
    memory_mods_gb: tuple[float, ...] = ()
    board_gpus: int = Field(default=1, ge=1)  # GPUs on one board (K80: 2, each with half the memory)
    interconnect_gbs: float | None = Field(default=None, gt=0)  # NVLink/Infinity Fabric per GPU
    gpu_memory_fraction: float | None = Field(default=None, gt=0, le=1)  # unified: share the GPU may use
    # unified: the share of the memory sold that the OS and CUDA see (the rest is the firmware's)
    visible_memory_fraction: float | None = Field(default=None, gt=0, le=1)
    notes: str | None = None
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _memory_given(self) -> DeviceSpec:
        if self.memory_gb is None and not self.memory_options_gb:
            raise ValueError("give memory_gb (discrete) or memory_options_gb (unified/SoC)")
        return self


class MemoryPlatform(_Frozen):
    """A CPU memory platform: channels x transfer rate x 8 bytes = theoretical bandwidth."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    name: str
    memory_type: str  # DDR4, DDR5, LPDDR5X ...
    channels: int = Field(gt=0)  # 64-bit channels (DDR5 sub-channels counted as one 64-bit channel)
    channel_bits: int = Field(default=64, gt=0)
    mts: int = Field(gt=0)  # default transfer rate, MT/s
    max_gb: float | None = Field(default=None, gt=0)
    sockets: int = Field(default=1, ge=1)
    # measured STREAM copy (GB/s) where the cores cannot keep the bus busy (a Raspberry Pi 4's four
    # Cortex-A72s draw well under half of its LPDDR4): caps what the CPU reads, said in `source`
    stream_gbs: float | None = Field(default=None, gt=0)
    source: str = Field(min_length=3)

    @property
    def bandwidth_gbs(self) -> float:
        return self.channels * self.mts * self.channel_bits / 8 / 1000

    def drawn_gbs(self, wire_gbs: float) -> float:
        """The rate that limits what the cores read: `wire_gbs`, or where a measured STREAM result
        shows the cores cannot keep the bus busy, that result itself. A batch-1 decode reaches the same
        share of whichever limits it: on a Raspberry Pi 4 llama.cpp reads ~3.5 GB/s, ~65 % of its
        5.5 GB/s STREAM copy (sensura-san/llm-bench results, Llama 3.2 1B and Gemma 3 1B from F16 to
        Q4_0), the share desktop DDR5 boards reach of their wire rate."""
        if self.stream_gbs is None:
            return wire_gbs
        return min(wire_gbs, self.stream_gbs)


class CpuFamily(_Frozen):
    """CPUs matched by a pattern, with the memory platform they sit on and their compute."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    name: str
    vendor: Vendor
    pattern: str  # case-insensitive regex over the normalised CPU text ("ryzen 9 7950x")
    platform: str  # key into memory platforms
    cores: int | None = Field(default=None, gt=0)  # when the pattern fixes it
    # FP32 FLOPs per core per cycle (AVX2 FMA: 32; AVX-512 with 2 FMA units: 64; NEON: 16)
    flops_per_cycle: int = Field(default=32, gt=0)
    # int8 dot-product instructions (x86 AVX2 VPMADDUBSW and later, Arm SDOT from Armv8.2-A): false for
    # Armv8.0-A cores (Cortex-A53/A57/A72/A73), whose quantized matmuls widen and add pairwise instead
    int8_dot: bool = True
    ghz: float | None = Field(default=None, gt=0)  # all-core clock
    laptop: bool = False
    source: str = Field(min_length=3)


class CpuGraphics(_Frozen):
    """The GPU built into a CPU: the first row whose `family` pattern matches the CPU family's id and
    whose `model` pattern (if any) matches the CPU's name as written gives the iGPU's device id."""

    igpu: str  # device id of a kind: igpu row
    family: str  # regex, searched in the cpu_families.yaml id ("ryzen-7-7840u", "core-i-13-mobile")
    model: str | None = None  # regex, searched in the CPU's name as read, lowercased ("i5-1345u")
    # read only where the text speaks of the built-in graphics: an iGPU too slow to put forward unasked
    when_named: bool = False
    source: str = Field(min_length=3)


class SystemSpec(_Frozen):
    """A product sold with one chip and fixed memory: a phone, a handheld, a desktop box.

    Naming it names its chip ("Pixel 9 Pro" is a Tensor G4 with 16 GB) and, where the chip is an iGPU or
    a GPU, its CPU and system RAM ("ROG Ally": Z1 Extreme, Radeon 780M-class iGPU, 16 GB).
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    name: str
    aliases: tuple[str, ...] = ()
    chip: str  # device id of the chip inside (a soc, an iGPU or a GPU)
    cpu: str | None = None  # cpu family id, where the chip is not a whole system on a chip
    memory_gb: float | None = Field(default=None, gt=0)  # as sold: unified for a soc, else system RAM
    gpu_count: int = Field(default=1, ge=1)
    source: str = Field(min_length=3)
