"""Memory channels of a rig with server-sized RAM: from the CPU's platform, else from the amount.

Bandwidth of system RAM is channels x transfer rate x 8 bytes. A desktop has two channels; "512GB
DDR4" or "EPYC 7742 with 768GB" is a server with eight or twelve, so reading it as dual channel would
understate CPU inference speed four to six times. When the CPU is named and sits on a platform with
more than two channels (EPYC, Xeon Scalable, Threadripper PRO, Xeon W), its platform gives the channels
and speed; otherwise 256 GB or more is read as a server by the amount. Either way the guess is written
into the assumptions.
"""

from __future__ import annotations

from .._lazy_re import LazyPattern
from ._database import DeviceDatabase
from ._models import CpuInfo

__all__ = ["SERVER_RAM_GB", "family_platform", "server_channels"]

SERVER_RAM_GB = 256  # no desktop platform takes this much in two channels of common DIMMs
# DIMM sizes sold for servers (GB): an amount that is N of them fits N channels of one DIMM each
_DIMM_GB = (16, 24, 32, 48, 64, 96, 128, 256)
# default transfer rates of registered server memory (JEDEC speeds of EPYC 7002/7003 and 9004)
_SERVER_MTS = {"DDR4": 3200, "DDR5": 4800}


# 64 GB DDR5 DIMMs put 256 GB on four-slot desktop boards (Z790, X670E) in two channels:
# https://www.tomshardware.com/pc-components/ram/new-desktop-pc-chips-now-support-an-incredible-256gb-of-memory-asrock-and-msi-update-ddr5-support-on-intel-z790-and-amd-x670e-motherboards
_DESKTOP_DDR5_MAX_GB = 4 * 64


def _desktop_max_gb(memory_type: str, max_gb: float | None) -> float:
    """The most memory a dual-channel desktop platform takes: 256 GB of DDR5, else what its row says."""
    return max(max_gb or 0.0, _DESKTOP_DDR5_MAX_GB if memory_type == "DDR5" else 0.0)


# A CPU family named without its model: its memory platform (the family's channel count wins over the
# generic server guess). Ryzen Threadripper (non-PRO) has 4 memory channels, Threadripper PRO 8 (AMD's
# processor specifications, https://www.amd.com/en/products/specifications/processors.html: "Memory
# Channels" 4 for the Threadripper 3990X and 7980X, 8 for the Threadripper PRO 5995WX and 7995WX).
# DDR5 said picks the sTR5 generation (TRX50, WRX90), else the DDR4 one (TRX40, WRX80).
_FAMILIES = LazyPattern(r"\b(?:threadripper|线程撕裂者)(?P<pro>\s*pro\b)?")
_FAMILY_PLATFORMS = {
    (False, "DDR4"): "trx40",
    (True, "DDR4"): "wrx80",
    (False, "DDR5"): "trx50",
    (True, "DDR5"): "wrx90",
}


def family_platform(norm: str, ram_type: str | None) -> tuple[str, str] | None:
    """The family named without its model ("a threadripper with 256gb") and its memory platform's id,
    or None."""
    m = _FAMILIES.search(norm)
    if m is None:
        return None
    pro = m.group("pro") is not None
    return ("Threadripper PRO" if pro else "Threadripper"), _FAMILY_PLATFORMS[(pro, _server_kind(ram_type))]


def server_channels(
    ram_gb: float | None,
    ram_type: str | None,
    mts: int | None,
    channels: int | None,
    cpu: CpuInfo | None,
    db: DeviceDatabase,
    family: tuple[str, str] | None = None,
) -> tuple[int | None, int | None, str | None]:
    """(channels, MT/s, note) for a rig whose channels were not stated; unchanged values otherwise (a
    server's channels stated without their speed take its memory type's server speed). `family`: the
    memory platform of a CPU family named without its model, used where no CPU's platform was read."""
    if channels is not None:
        if mts is not None or channels <= 2:
            return channels, mts, None
        platform = db.platforms.get(cpu.platform) if cpu is not None and cpu.platform else None
        if platform is not None and platform.mts:
            return channels, platform.mts, None
        kind = _server_kind(ram_type)
        speed = _SERVER_MTS[kind]
        return channels, speed, f"{channels} memory channels: assumed {kind}-{speed}"
    if ram_gb is None:
        return channels, mts, None
    platform = db.platforms.get(cpu.platform) if cpu is not None and cpu.platform else None
    if platform is None and family is not None and (named := db.platforms.get(family[1])) is not None:
        return (
            named.channels,
            mts or named.mts,
            f"{family[0]} (model not named): memory read as {named.name}; name the CPU to refine",
        )
    if platform is not None:
        if platform.channels <= 2 and ram_gb < SERVER_RAM_GB:
            return channels, mts, None
        if platform.channels <= 2 and ram_gb <= _desktop_max_gb(platform.memory_type, platform.max_gb):
            name = cpu.name if cpu else "CPU"
            return (
                channels,
                mts,
                (f"{name}: {ram_gb:g} GB read as four 64 GB DIMMs on its two channels ({platform.name})"),
            )
        if platform.channels > 2:
            speed = mts or platform.mts
            name = cpu.name if cpu else "CPU"
            return platform.channels, speed, f"{name}: memory read as its platform's, {platform.name}"
    if ram_gb < SERVER_RAM_GB:
        return channels, mts, None
    kind = _server_kind(ram_type)
    order = (12, 8, 6) if kind == "DDR5" else (8, 6, 12)
    count = next((n for n in order for dimm in _DIMM_GB if abs(ram_gb - n * dimm) < 1), order[1])
    speed = mts or _SERVER_MTS[kind]
    return (
        count,
        speed,
        (
            f"{ram_gb:g} GB of RAM reads as a server: assumed {count} channels of {kind}-{speed} "
            f"({count * speed * 8 / 1000:.0f} GB/s){' and a 32-core CPU' if cpu is None else ''}; "
            "name the CPU or the channels to refine"
        ),
    )


def _server_kind(ram_type: str | None) -> str:
    """The server memory type said ("DDR5", "LPDDR5" as DDR5), else DDR4."""
    kind = (ram_type or "DDR4").removeprefix("LP")
    return kind if kind in _SERVER_MTS else "DDR4"
