"""Memory pools of a rig: what each GPU, the unified-memory GPU and system RAM can hold.

A pool's `usable` bytes are what an engine may fill with weights, KV cache and compute buffers:
capacity minus the runtime's own context and the engine's safety margin (llama.cpp's --fit keeps
1 GiB free per device), or, on a Mac, the GPU wired limit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal, TypeVar, cast

from ._overhead import (
    FIT_MARGIN,
    WINDOWS_WDDM_RESERVE,
    GiB,
    MiB,
    display_reserve,
    macos_gpu_wired_limit,
    macos_keeps,
    phone_app_limit,
    ram_os_reserve,
    runtime_overhead,
    unified_os_reserve,
)
from .hardware import DeviceSpec, Hardware, MemoryPlatform, Vendor, default_database
from .vocabulary import DEFAULT_RAM_GB, RAM_ASSUMED

__all__ = [
    "DEFAULT_RAM_GB",
    "Pool",
    "Rig",
    "RigKey",
    "assumed_ram_gb",
    "drives_display",
    "kept_per_rig",
    "per_object",
    "rig_key",
    "rig_pools",
    "unnamed_gpu_bandwidth",
    "unnamed_gpu_stand_in",
    "visible_total",
]

# a stated carve-out below this is the minimal BIOS setting, not a share the GPU is held to
MIN_STATED_CARVEOUT_GIB = 4.0

# system RAM bandwidth when neither CPU nor memory type is known: dual-channel DDR4-3200
_FALLBACK_RAM_BANDWIDTH_GBS = 51.2
# unnamed GPU ("a 24GB card"): the median bandwidth of the cards of that memory size released since
# this year (device database), else a mid-range GDDR6 card's (RTX 3060 12GB: 360 GB/s)
_UNNAMED_GPU_BANDWIDTH_GBS = 360.0
_UNNAMED_SINCE = "2018"


@dataclass(frozen=True, slots=True)
class Pool:
    name: str
    kind: Literal["gpu", "cpu"]
    total: float  # physical bytes
    usable: float  # bytes the engine may fill (after runtime context and margin)
    runtime: float  # bytes the runtime itself holds (CUDA context); counted as used
    bandwidth_gbs: float
    spec: DeviceSpec | None = None
    unified: bool = False  # shares physical memory with the CPU pool
    igpu: bool = False
    # memory assumed taken outside any engine: the desktop's share when this GPU drives a display
    reserve: float = 0.0
    # an integrated GPU's whole memory, shared with the CPU and the OS (what CUDA reports as the
    # device's total there); 0 for a discrete card
    shared_total: float = 0.0


@dataclass(frozen=True, slots=True)
class Rig:
    gpus: tuple[Pool, ...]  # fastest first
    cpu: Pool
    unified_total: float  # bytes of unified memory shared by a GPU pool and the CPU pool (0 if none)
    notes: tuple[str, ...]
    phone_os: str | None = None  # "ios" or "android" on a phone: models run in an app, not a server
    machines: int = 1  # computers the GPUs sit in, joined by llama.cpp's RPC backend

    @property
    def capacity(self) -> float:
        """Bytes of memory in all, system RAM and the GPUs', unified memory once: no placement holds
        more."""
        return self.cpu.total + sum(p.total for p in self.gpus if not p.unified)


def _ram_bandwidth(hw: Hardware, platforms_bw: float | None) -> float:
    """Peak system-RAM bandwidth of one socket (GB/s; the pool counts the sockets): channels x MT/s x
    bus bytes, from what the text states, else the named CPU's memory platform (memory_platforms.yaml:
    a Raspberry Pi 4's 32-bit LPDDR4-3200 is 12.8 GB/s, a Ryzen 7040 laptop's LPDDR5X-7500 120 GB/s),
    else the memory type's usual desktop pair."""
    platform = (
        default_database().platforms.get(hw.cpu.platform) if hw.cpu is not None and hw.cpu.platform else None
    )
    if hw.ram_mts and hw.ram_channels:
        return _channels_per_socket(hw, platform) * hw.ram_mts * 8 / 1000
    if platforms_bw:
        return platforms_bw
    if hw.ram_mts:
        if platform is not None:  # the stated speed on the platform's bus
            wire = platform.channels * platform.channel_bits / 8 * hw.ram_mts / 1000
            return platform.drawn_gbs(wire)
        return 2 * hw.ram_mts * 8 / 1000  # dual channel, the desktop norm
    if platform is not None:
        return platform.drawn_gbs(platform.bandwidth_gbs)
    if hw.ram_type:
        return {"DDR4": 51.2, "DDR5": 89.6, "LPDDR5": 102.4, "LPDDR5X": 120.0, "DDR3": 25.6}.get(
            hw.ram_type, 51.2
        )
    return _FALLBACK_RAM_BANDWIDTH_GBS


def assumed_ram_gb(hw: Hardware) -> float:
    """The system RAM assumed where the user names none: 16 GB (less where the named CPU's platform takes
    less: a Pi 4 board has 8 at most); for a rig of data-center GPUs alone, as much as their memory
    together: the servers built for them carry at least that much (AWS p5en.48xlarge: 2048 GB for 8x H200
    141 GB, github dstackai/dstack pull 4110; p2.16xlarge: 732 GiB for 192 GiB of K80s, g3.4xlarge: 122 GiB
    for 8 GiB, https://gist.github.com/Geoyi/b84887fad3a36c1d0e4bc14144ba9af1)."""
    cards = [g for g in hw.gpus if g.kind == "gpu"]
    if cards and all(g.spec is not None and g.spec.segment == "datacenter" for g in cards):
        together = sum((g.vram_gb or 0.0) * g.count for g in cards)
        if together > DEFAULT_RAM_GB:
            return together
    return min(DEFAULT_RAM_GB, _platform_max_gb(hw) or DEFAULT_RAM_GB)


def _platform_max_gb(hw: Hardware) -> float | None:
    """The most memory the named CPU's platform takes (memory_platforms.yaml max_gb), or None."""
    if hw.cpu is None or not hw.cpu.platform:
        return None
    platform = default_database().platforms.get(hw.cpu.platform)
    return platform.max_gb if platform is not None else None


def _channels_per_socket(hw: Hardware, platform: MemoryPlatform | None) -> int:
    """The stated memory channels of one socket. A count beyond what one socket of the named CPU's
    platform has ("2 sockets, 12 channels in all" on six-channel Xeons) is the board's total: divided
    by the sockets."""
    channels = hw.ram_channels or 0
    sockets = hw.cpu.sockets if hw.cpu is not None else 1
    if sockets > 1 and platform is not None and channels > platform.channels and channels % sockets == 0:
        return channels // sockets
    return channels


_DISPLAY_SEGMENTS = ("desktop", "laptop", "workstation")
# Total memory the CUDA runtime reports (what vLLM/SGLang multiply their fractions by) against the
# card's nominal size: H100 80GB 79.18 GiB (llm-d-benchmark empirical-vllm-memory-results.md),
# RTX 3090 23.58 GiB (vllm-project/vllm#10517), RTX 5090 31.4 GiB (noonghunna/club-3090#1087);
# data-center GDDR cards keep ECC on, which takes 1/16: L40S 44.42 GiB of 48 (vllm-project/vllm#15815),
# A10 21.99 GiB of 24 (vllm-project/vllm#16199).
_VISIBLE_FRACTION = 0.985
_VISIBLE_FRACTION_HBM = 0.99
_VISIBLE_FRACTION_ECC_GDDR = 0.92


def visible_total(pool: Pool) -> float:
    """The memory the CUDA runtime reports for this GPU (bytes)."""
    spec = pool.spec
    if spec is None or spec.memory_type is None:
        return pool.total * _VISIBLE_FRACTION
    if spec.memory_type.startswith("HBM"):
        return pool.total * _VISIBLE_FRACTION_HBM
    if spec.segment == "datacenter" and spec.memory_type.startswith("GDDR"):
        return pool.total * _VISIBLE_FRACTION_ECC_GDDR
    return pool.total * _VISIBLE_FRACTION


def drives_display(pool: Pool) -> bool:
    """A discrete consumer or workstation card (or an unnamed one) may drive the desktop;
    data-center cards are assumed headless."""
    if pool.unified or pool.kind != "gpu":
        return False
    return pool.spec is None or pool.spec.segment in _DISPLAY_SEGMENTS


def _with_display_reserve(gpus: list[Pool], hw: Hardware, notes: list[str]) -> list[Pool]:
    """The first GPU that may drive a display keeps the desktop's share (`display_reserve`: none on a
    headless rig, Windows' larger share where the rig runs Windows)."""
    share = display_reserve(windows=hw.windows, headless=hw.headless)
    if share <= 0:
        if hw.headless and any(drives_display(p) for p in gpus):
            notes.append("headless: no GPU memory kept for a desktop")
        return gpus
    out = list(gpus)
    for k, p in enumerate(gpus):
        if drives_display(p):
            if hw.windows:
                notes.append(f"Windows (WDDM) keeps about {share / GiB:.2g} GiB of {p.name} for its desktop")
            out[k] = replace(p, reserve=min(share, p.total))
            if hw.windows:
                out[k + 1 :] = [_with_wddm_share(q) for q in gpus[k + 1 :]]
                if any(q.reserve for q in out[k + 1 :]):
                    each = WINDOWS_WDDM_RESERVE / GiB
                    notes.append(f"Windows (WDDM) keeps about {each:.2g} GiB of each other card")
            return out
    return gpus


def _with_wddm_share(p: Pool) -> Pool:
    """A card beside the one showing the desktop on a Windows rig: WDDM keeps its share of it too."""
    return replace(p, reserve=min(WINDOWS_WDDM_RESERVE, p.total)) if drives_display(p) else p


class _Same:
    """A rig as a cache key by identity: the placements of one answer ask for the pools of the same
    `Hardware` object again and again, and comparing a pydantic model field by field (its spec rows
    included) at every lookup costs more than the pools. The key holds the object, so its id is not
    reused while it is cached. (A plain class: every placement builds one, and a frozen dataclass's
    construction costs more than the lookup.)"""

    __slots__ = ("hw",)

    def __init__(self, hw: Hardware) -> None:
        self.hw = hw

    def __hash__(self) -> int:
        return id(self.hw)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.hw is self.hw


@dataclass(frozen=True, slots=True, eq=False)
class RigKey:
    """A rig as a cache key: one key object per value (`rig_key`), so the caches it keys compare keys
    by identity; comparing or hashing a pydantic model walks every field of every device (microseconds,
    at every lookup). Equal rigs read anew get the same key while it is kept."""

    hw: Hardware
    digest: int

    def __hash__(self) -> int:
        return self.digest


_In = TypeVar("_In")
_Out = TypeVar("_Out")


def per_object(fn: Callable[[_In], _Out]) -> Callable[[_In], _Out]:
    """`fn(obj)`, pure in a frozen `obj`, kept per object (by identity): the placements and speeds of
    one answer ask again and again about the same rig and quantization objects, and a lookup by
    identity costs a tenth of hashing them or of building a key object. An entry holds its object, so
    its id is not reused while it is kept; at `_PER_OBJECT_KEPT` entries the table starts over (a
    clear is safe beside other threads, an eviction in order is not)."""
    kept: dict[int, tuple[_In, _Out]] = {}

    @functools.wraps(fn)
    def by_object(obj: _In) -> _Out:
        hit = kept.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        value = fn(obj)
        if len(kept) >= _PER_OBJECT_KEPT:
            kept.clear()
        kept[id(obj)] = (obj, value)
        return value

    return by_object


_PER_OBJECT_KEPT = 256  # rigs or quantizations: far more than one answer, or a burst of them, uses


@per_object  # one lookup by value per rig object: an answer asks at every placement
def rig_key(hw: Hardware) -> RigKey:
    """`hw` as a cache key: the key of an equal rig seen before."""
    return _key_of_value(hw)


@functools.lru_cache(maxsize=256)
def _key_of_value(hw: Hardware) -> RigKey:
    return RigKey(hw, hash(hw))


_Sized = TypeVar("_Sized", bound=Callable[..., object])


def kept_per_rig(fn: _Sized) -> _Sized:
    """`fn(model, quant, hw, **settings)`, pure in frozen inputs, kept by value (the rig by `rig_key`):
    an answer's searches, and the questions after it about the same model and rig at another context
    or with another wish, size the same placements and bounds again. What it gives is immutable, so
    one object serves every caller; what it raises is raised again each time. The settings are keyed
    in the order the caller names them (each caller names them in one order; sorting them at every
    call cost more than the lookup)."""

    @functools.lru_cache(maxsize=2048)  # a few hundred questions' worth: ten-odd megabytes
    def kept(model: object, quant: object, key: RigKey, settings: tuple[tuple[str, object], ...]) -> object:
        return fn(model, quant, key.hw, **dict(settings))

    @functools.wraps(fn)
    def keyed(model: object, quant: object, hw: Hardware, **settings: object) -> object:
        return kept(model, quant, rig_key(hw), tuple(settings.items()))

    return cast(_Sized, keyed)


def rig_pools(
    hw: Hardware,
    backend: str,
    *,
    margin: float = FIT_MARGIN,
    ram_bandwidth_gbs: float | None = None,
    wired_limit_mb: int | None = None,
) -> Rig:
    """Pools for an engine on `backend` ("cpu" leaves the GPUs out)."""
    return _pools_of_object(_Same(hw), backend, margin, ram_bandwidth_gbs, wired_limit_mb)


@functools.lru_cache(maxsize=1024)  # asked for by every placement tried, with the same object
def _pools_of_object(
    rig: _Same, backend: str, margin: float, ram_bandwidth_gbs: float | None, wired_limit_mb: int | None
) -> Rig:
    return _pools(rig.hw, backend, margin, ram_bandwidth_gbs, wired_limit_mb)


@functools.lru_cache(maxsize=1024)  # pure in a frozen rig: equal rigs read anew share their pools
def _pools(
    hw: Hardware, backend: str, margin: float, ram_bandwidth_gbs: float | None, wired_limit_mb: int | None
) -> Rig:
    notes: list[str] = []
    gpus: list[Pool] = []
    unified_total = 0.0
    ram_bw = _ram_bandwidth(hw, ram_bandwidth_gbs)
    overhead = runtime_overhead(backend)
    phone = _phone_os(hw)
    if phone is not None:
        return _phone_pools(hw, backend, margin, ram_bandwidth_gbs, phone)
    if hw.soc is not None and hw.soc.spec is not None and backend != "cpu":
        spec = hw.soc.spec
        total = _unified_bytes(hw)
        unified_total = total
        if spec.vendor == "apple":
            limit = macos_gpu_wired_limit(total, wired_limit_mb)
            how = f"iogpu.wired_limit_mb={wired_limit_mb}" if wired_limit_mb else "macOS's default"
            notes.append(
                f"GPU may use {limit / GiB:.1f} GiB of {total / GiB:.0f} GiB unified memory "
                f"({how} wired limit)"
            )
        elif spec.gpu_memory_fraction and wired_limit_mb:  # a raised allocation (Strix Halo's GTT)
            limit = min(total, wired_limit_mb * MiB)
            notes.append(f"GPU may use {limit / GiB:.0f} GiB of {total / GiB:.0f} GiB (raised allocation)")
        elif hw.soc.gpu_share_gb is not None and hw.soc.gpu_share_gb >= MIN_STATED_CARVEOUT_GIB:
            # the share the rig states: a BIOS carve-out (sized in GiB) is the device memory the engines
            # plan with; a token carve-out ("512MB in BIOS") is the setup that leaves the GPU to map
            # system memory instead (Linux GTT), so the chip's default share stands
            limit = min(total, hw.soc.gpu_share_gb * GiB)
            notes.append(f"GPU may use {limit / GiB:.0f} GiB of {total / GiB:.0f} GiB (the share stated)")
        elif spec.gpu_memory_fraction:
            limit = total * spec.gpu_memory_fraction
            notes.append(
                f"GPU may use {limit / GiB:.0f} GiB of {total / GiB:.0f} GiB ({spec.gpu_memory_fraction:.0%})"
            )
        else:
            limit = total - unified_os_reserve(total)
        usable, bw = max(0.0, limit - margin), spec.bandwidth_gbs
        for k in range(hw.soc.count):
            label = spec.name if hw.soc.count == 1 else f"{spec.name} #{k + 1}"
            gpus.append(Pool(label, "gpu", limit, usable, 0.0, bw, spec, unified=True, shared_total=total))
        cpu_total = total * hw.soc.count
        keeps = macos_keeps(cpu_total) if spec.vendor == "apple" else unified_os_reserve(cpu_total)
        cpu = Pool(
            "CPU (unified memory)",
            "cpu",
            cpu_total,
            max(0.0, cpu_total - keeps),
            0.0,
            spec.bandwidth_gbs,
            spec,
            unified=True,
        )
        return Rig(tuple(gpus), cpu, unified_total, tuple(notes))

    if hw.ram_gb is not None:
        ram = hw.ram_gb * GiB
    elif hw.soc is not None and hw.sized_unified_gb is not None:  # a unified machine on its CPU alone
        ram = _unified_bytes(hw) * hw.soc.count
        ram_bw = _soc_ram_bandwidth(hw, ram_bandwidth_gbs) or ram_bw
    else:
        assumed = assumed_ram_gb(hw)
        ram = assumed * GiB
        if assumed > DEFAULT_RAM_GB:
            notes.append(
                f"{RAM_ASSUMED}: assumed {assumed:g} GB, as much as the data-center GPUs' memory "
                "(the servers built for them carry at least that)"
            )
        else:
            notes.append(f"{RAM_ASSUMED}: assumed {assumed:g} GB")
    if backend != "cpu":
        for g in hw.gpus:
            card = g.spec
            if g.kind == "igpu":
                if card is None or backend not in card.backends:
                    continue
                share = (g.vram_gb * GiB) if g.vram_gb else ram * (card.gpu_memory_fraction or 0.5)
                gpus.append(
                    Pool(
                        card.name,
                        "gpu",
                        share,
                        max(0.0, share - margin),
                        0.0,
                        card.bandwidth_gbs,
                        card,
                        unified=True,
                        igpu=True,
                    )
                )
                unified_total = ram
                continue
            if g.vram_gb is None:
                continue
            if card is not None:
                bw = card.bandwidth_gbs
            else:
                bw = unnamed_gpu_bandwidth(g.vram_gb, laptop=hw.laptop, vendor=g.vendor)
                kind = "laptop" if hw.laptop else "desktop"
                maker = f"{_MAKERS.get(g.vendor, g.vendor)} " if g.vendor is not None else ""
                basis = (
                    f"the median of the {g.vram_gb:g} GB {maker}{kind} cards on file"
                    if _cards_of_size(g.vram_gb, laptop=hw.laptop, vendor=g.vendor)
                    else f"a mid-range card's (no {g.vram_gb:g} GB {kind} card on file)"
                )
                notes.append(
                    f"unnamed {g.vram_gb:g} GB GPU: assumed {bw:,.0f} GB/s of memory bandwidth, {basis}"
                )
            boards = card.board_gpus if card is not None else 1
            per_gpu = g.vram_gb * GiB / boards
            for k in range(g.count * boards):
                label = g.label if g.count * boards == 1 else f"{g.label} #{k + 1}"
                gpus.append(
                    Pool(
                        label,
                        "gpu",
                        per_gpu,
                        max(0.0, per_gpu - overhead - margin),
                        overhead,
                        bw / boards,
                        card,
                    )
                )
    gpus.sort(key=lambda p: -p.bandwidth_gbs)  # CUDA enumerates fastest first
    gpus = _with_display_reserve(gpus, hw, notes)
    sockets = hw.cpu.sockets if hw.cpu else 1
    cpu = Pool(
        "CPU (system RAM)",
        "cpu",
        ram,
        max(0.0, ram - ram_os_reserve(ram)),
        0.0,
        ram_bw * sockets,
        unified=unified_total > 0,
    )
    return Rig(tuple(gpus), cpu, unified_total, tuple(notes), machines=hw.machines)


def _unified_bytes(hw: Hardware) -> float:
    """Bytes of one unified-memory machine the OS sees: the memory sold, less what the firmware keeps
    where the device row says how much of it the OS and CUDA see (a DGX Spark's)."""
    spec = hw.soc.spec if hw.soc is not None else None
    seen = spec.visible_memory_fraction if spec is not None and spec.visible_memory_fraction else 1.0
    return (hw.sized_unified_gb or DEFAULT_RAM_GB) * GiB * seen


def _soc_ram_bandwidth(hw: Hardware, given: float | None) -> float | None:
    """What the CPU cores of a unified chip read memory at where no CPU is named: the bandwidth given,
    else the chip's memory platform when one is on file under its id, else the chip's own."""
    if given:
        return given
    if hw.cpu is not None and hw.cpu.platform:
        return None  # the named CPU's platform decides (`_ram_bandwidth`)
    spec = hw.soc.spec if hw.soc is not None else None
    if spec is None:
        return None
    platform = default_database().platforms.get(spec.id)
    return platform.drawn_gbs(platform.bandwidth_gbs) if platform is not None else spec.bandwidth_gbs


def _phone_os(hw: Hardware) -> str | None:
    """ "ios" or "android" for a phone's chip (Apple's A-series run iOS, the others Android)."""
    spec = hw.soc.spec if hw.soc is not None else None
    if spec is None or spec.segment != "phone":
        return None
    return "ios" if spec.id.startswith("apple-") else "android"


def _phone_pools(hw: Hardware, backend: str, margin: float, ram_bandwidth_gbs: float | None, os: str) -> Rig:
    """A phone: the app that runs the model holds what its OS lets one app hold (`phone_app_limit`),
    on the GPU where the chip has the backend and on the CPU; where the GPU shares that limit, the
    GPU's margin (llama.cpp --fit's) stays free within it, GPU and CPU together."""
    assert hw.soc is not None and hw.soc.spec is not None
    spec = hw.soc.spec
    total = _unified_bytes(hw)
    app = phone_app_limit(total, os)
    words = "iOS (increased-memory-limit entitlement)" if os == "ios" else "Android"
    notes = [f"{words} lets one app hold about {app / GiB:.1f} of {total / GiB:.0f} GiB"]
    gpus: tuple[Pool, ...] = ()
    if backend != "cpu" and backend in spec.backends:
        usable = max(0.0, app - margin)
        gpus = (Pool(spec.name, "gpu", app, usable, 0.0, spec.bandwidth_gbs, spec, unified=True),)
    bandwidth = _soc_ram_bandwidth(hw, ram_bandwidth_gbs) or _ram_bandwidth(hw, ram_bandwidth_gbs)
    cpu = Pool(
        "CPU (unified memory)",
        "cpu",
        app,
        max(0.0, app - (margin if gpus else 0.0)),
        0.0,
        bandwidth,
        spec,
        unified=bool(gpus),
    )
    return Rig(gpus, cpu, app if gpus else 0.0, tuple(notes), phone_os=os)


_MAKERS = {"amd": "AMD", "nvidia": "NVIDIA", "intel": "Intel"}  # makers as people write them


@functools.lru_cache(maxsize=64)
def _cards_on_file(vram_gb: float, *, laptop: bool, vendor: Vendor | None = None) -> list[DeviceSpec]:
    """The device database's cards of `vram_gb` (desktop and workstation, or laptop) released since
    2018, with a bandwidth on file; of `vendor` where its maker was said ("radeon 8gb")."""
    segments = ("laptop",) if laptop else ("desktop", "workstation")
    return [
        d
        for d in default_database().data.devices
        if d.kind == "gpu"
        and d.segment in segments
        and d.memory_gb == vram_gb
        and d.bandwidth_gbs
        and (d.released or "") >= _UNNAMED_SINCE
        and (vendor is None or d.vendor == vendor)
    ]


def _cards_of_size(vram_gb: float, *, laptop: bool, vendor: Vendor | None = None) -> tuple[float, ...]:
    """Memory bandwidths (GB/s, ascending) of the cards on file of `vram_gb` (of `vendor`, where said)."""
    cards = _cards_on_file(vram_gb, laptop=laptop, vendor=vendor)
    return tuple(sorted(d.bandwidth_gbs or 0.0 for d in cards))


@functools.lru_cache(maxsize=64)
def unnamed_gpu_stand_in(
    vram_gb: float, backend: str, *, laptop: bool = False, vendor: Vendor | None = None
) -> DeviceSpec | None:
    """The card whose compute an unnamed GPU of `vram_gb` is given: of the cards on file of that size
    that the backend runs, the one whose bandwidth is nearest the bandwidth assumed for it, so that
    its prompt rate belongs to the same class of card as its generation rate (a 48 GB card at 888 GB/s
    computes like a workstation card, not a mid-range one). None where no such card is on file."""
    assumed = unnamed_gpu_bandwidth(vram_gb, laptop=laptop, vendor=vendor)
    cards = [d for d in _cards_on_file(vram_gb, laptop=laptop, vendor=vendor) if backend in d.backends]
    if not cards:
        return None
    return min(cards, key=lambda d: (abs((d.bandwidth_gbs or 0.0) - assumed), d.bandwidth_gbs or 0.0, d.id))


@functools.lru_cache(maxsize=64)
def unnamed_gpu_bandwidth(vram_gb: float, *, laptop: bool = False, vendor: Vendor | None = None) -> float:
    """Memory bandwidth (GB/s) to assume for a GPU named only by its memory ("a 24GB card"): the
    median of the device database's cards of that size (desktop and workstation, or laptop) released
    since 2018, of its maker where said ("radeon 8gb"); a mid-range card's where none is on file."""
    rates = _cards_of_size(vram_gb, laptop=laptop, vendor=vendor) or _cards_of_size(vram_gb, laptop=laptop)
    if not rates:
        return _UNNAMED_GPU_BANDWIDTH_GBS
    mid = len(rates) // 2
    return rates[mid] if len(rates) % 2 else (rates[mid - 1] + rates[mid]) / 2
