"""System memory: amounts no device claimed, and the memory type, speed and channels stated."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .._lazy_re import LazyPattern
from ..vocabulary import RAM_SIZES_GB
from ._database import DeviceDatabase
from ._gpus import NAME_SIBLINGS
from ._models import GpuGroup, SocInfo
from ._quantities import SSD_SIZES_GB, Quantity
from ._reading import Reading, counted_unnamed_cards, fmt_gb, same_size, unnamed_count
from ._schema import DeviceSpec, Vendor
from ._tokens import Token

__all__ = ["RAM_SPEC_SPANS", "read_memory_platform", "read_unattached"]

_RAM_TYPE = LazyPattern(r"\b(lp)?ddr([345])(x)?(?:\s*[-@ ]\s*(\d{4}))?")


_MTS = re.compile(r"(?<!\d)(\d{4})\s*(?:mt/s|mts|mhz)")


_CHANNELS = LazyPattern(
    r"(\d{1,2})\s*-?\s*(?:channels?|ch)\b|\b(dual|quad|hexa|six|octa|eight|twelve)\s*-?\s*channels?"
)


# what every match of _CHANNELS holds, found by cheap scans: "channel", or a digit before "ch" ("8ch")
_DIGIT_CH = re.compile(r"\d\s*-?\s*ch")


_CHANNEL_WORDS = {"dual": 2, "quad": 4, "hexa": 6, "six": 6, "octa": 8, "eight": 8, "twelve": 12}


RAM_SPEC_SPANS = LazyPattern(r"\b((?:lp)?ddr\d[x]?)\s*[-@ ]?\s*\d{4}\b|\b()\d{4}\s*(?:mhz|mt/s|mts)\b")


def read_memory_platform(norm: str) -> tuple[str | None, int | None, int | None]:
    ram_type: str | None = None
    mts: int | None = None
    t = _RAM_TYPE.search(norm) if "ddr" in norm else None
    if t:
        ram_type = f"{'LP' if t.group(1) else ''}DDR{t.group(2)}{'X' if t.group(3) else ''}"
        if t.group(4):
            mts = int(t.group(4))
    if mts is None and ram_type is not None and ("mt" in norm or "mhz" in norm):  # every match holds one
        s = _MTS.search(norm)
        if s and 1600 <= int(s.group(1)) <= 12000:
            mts = int(s.group(1))
    c = _CHANNELS.search(norm) if "channel" in norm or ("ch" in norm and _DIGIT_CH.search(norm)) else None
    channels = None
    if c:
        channels = int(c.group(1)) if c.group(1) else _CHANNEL_WORDS[c.group(2)]
        if not 1 <= channels <= 24:
            channels = None
    return ram_type, mts, channels


def _stand_in_chip(db: DeviceDatabase, gb: float) -> DeviceSpec | None:
    """The slowest Apple chip sold with `gb` of unified memory: a Mac whose chip is not named runs
    at least this fast."""
    sold = [
        d
        for rows in db.by_id.values()
        for d in rows
        if d.vendor == "apple" and d.kind == "soc" and any(same_size(gb, o) for o in d.memory_options_gb)
    ]
    return min(sold, key=lambda d: (d.bandwidth_gbs, d.gpu_cores or 0), default=None)


# the rows of `free` (procps: "Mem:" and "Swap:", "Speicher:" in German): their used, free, shared,
# buff/cache and available columns are the RAM's state and the swap, never more memory of the rig
_FREE_ROWS = frozenset({"mem", "swap", "speicher", "auslager"})


def _free_row(q: Quantity, tokens: Sequence[Token]) -> bool:
    """`q` is a figure on a row of a pasted `free` table."""
    if q.start >= len(tokens):
        return False
    line = tokens[q.start].line
    first = next((t for t in tokens if t.line == line), None)
    return first is not None and first.text in _FREE_ROWS


def read_unattached(
    quantities: Sequence[Quantity],
    tokens: Sequence[Token],
    norm: str,
    db: DeviceDatabase,
    r: Reading,
    apple_silicon_mac: bool = False,
    cpu_named: bool = False,
    desktop_cpu: bool = False,
) -> None:
    """Amounts no device claimed: system RAM (cued or listed), VRAM of unnamed cards, unified memory.

    `apple_silicon_mac`: a Mac is named without its chip ("my 36GB MacBook Pro"): its memory is unified.
    `cpu_named`: the text names a CPU or a machine with a fixed CPU (an Ampere Altra, a Mac Pro 2019).
    `desktop_cpu`: the CPU named sits on a dual-channel platform, which holds no terabyte of RAM.
    """
    if not quantities:
        return  # every reading below is of an amount (with none, each list is empty and nothing is said)
    free = [q for q in quantities if not q.consumed and (q.attached is None or q.kind == "ram")]
    free = [q for q in free if q.kind != "storage"]
    firm = [q for q in free if not q.hypothetical]
    if not firm and not r.gpus and r.soc is None:
        firm = free  # "is 8GB VRAM enough?": with nothing else stated, that is the rig asked about
    elif len(firm) < len(free):
        r.notes.append("left out memory you could buy or upgrade to; estimates use what you have")
    if any(q.past for q in firm) and any(q.kind == "ram" and not q.past for q in firm):
        firm = [q for q in firm if not q.past]  # "16gb ram now; I had a 2060 with 32gb ram": the RAM now
        r.notes.append("left out memory of a machine you had; estimates use what you have now")
    ram = [q.gb for q in firm if q.kind == "ram" and not q.model_like]
    r.notes += [f"read '{q.gb:g} MB RAM' as {fmt_gb(q.gb)} (a typo?)" for q in firm if q.unit_slip]
    r.notes += [
        f"did not read {fmt_gb(q.gb)} as system RAM: it is said as needed, not as what the rig has"
        for q in firm
        if q.kind == "ram" and q.model_like
    ]
    # VRAM a model needs ("跑7B模型需要8G显存", "需要12G以上的GPU内存") is no card of the rig
    needed = [q for q in firm if q.kind == "vram" and q.model_like]
    vram = [q for q in firm if q.kind == "vram" and not q.model_like]
    r.notes += [f"did not read {fmt_gb(q.gb)} of VRAM as a card: it is what a model needs" for q in needed]
    unified = [q.gb for q in firm if q.kind == "unified"]
    unknown = [q for q in firm if q.kind == "unknown"]
    if (
        unified
        and r.unified is None
        and r.soc is None
        and ((r.gpus and all(g.kind == "igpu" for g in r.gpus)) or (not r.gpus and cpu_named))
    ):
        # "Radeon 860M with 32 GB of shared RAM", "HX 370 with 64GB of shared RAM": an iGPU (named, or the
        # named CPU's own) shares the system RAM; no unified-memory chip
        ram = [*ram, *unified]
        unified = []
    if unified and r.unified is None:
        if r.soc is None and (any(g.kind == "gpu" and g.id is not None for g in r.gpus) or vram):
            # "RTX 5060 Laptop GPU: 7,899 MiB dedicated, 15,932 MiB shared": Windows' shared GPU memory
            # is borrowed system RAM, not a unified-memory chip
            shared = fmt_gb(max(unified))
            half = _windows_shared_ram(max(unified))
            if not ram and half is not None:  # a hint, not a reading: the RAM is not stated
                r.notes.append(
                    f"{shared} of shared GPU memory is Windows' half of the RAM: about {half:g} GB; "
                    "say your RAM to use it"
                )
            else:
                r.notes.append(f"did not read {shared} of shared memory as a chip's: a card is named")
        else:
            r.unified = max(unified)
    # VRAM not next to a named card: a total for the named cards, or cards we know only by size
    named = [g for g in r.gpus if g.kind == "gpu"]
    cards = _cards_one_by_one(vram) if not named and r.soc is None and not r.gpus else []
    if cards:
        # "one 16 GB GPU, one 12 GB GPU", "GPU 1 is 12gb and GPU 2 8gb": a card of each size said
        sizes: dict[float, int] = {}
        for q in cards:
            sizes[round(q.gb, 2)] = sizes.get(round(q.gb, 2), 0) + 1
        r.gpus += [GpuGroup(id=None, name="unnamed GPU", count=n, vram_gb=gb) for gb, n in sizes.items()]
        r.notes.append("GPU models not named: speed is a rough guess")
        vram = []
    for q in vram:
        igpu = next((i for i, g in enumerate(r.gpus) if g.kind == "igpu" and g.vram_gb is None), None)
        if igpu is not None and (not named or q.carveout):
            r.gpus[igpu] = r.gpus[igpu].model_copy(update={"vram_gb": q.gb})  # a BIOS carve-out
            continue
        if len(named) == 1 and named[0].id is not None and _set_variant(r, named[0], q, db):
            named = [g for g in r.gpus if g.kind == "gpu"]
            continue
        if r.soc is not None and not named:
            sold = {o for row in db.variants(r.soc.id) for o in row.memory_options_gb} if r.soc.id else set()
            if r.unified is None and any(same_size(q.gb, o) for o in sold):
                # a tool's "GPU memory: 128 GB" on an M4 Max: the chip's memory, a size it is sold with
                r.unified = q.gb
                r.notes = [n for n in r.notes if "memory not stated" not in n]
                r.notes.append(f"read {fmt_gb(q.gb)} of GPU memory as {r.soc.name}'s unified memory")
                continue
            r.notes.append(f"read {fmt_gb(q.gb)} of VRAM as the GPU's share of {r.soc.name}'s memory")
            r.soc = r.soc.model_copy(update={"gpu_share_gb": q.gb})
            continue
        if named:
            total = sum((g.vram_gb or 0) * g.count for g in named)
            if not same_size(q.gb, total) and not any(same_size(q.gb, g.vram_gb or 0) for g in named):
                r.notes.append(f"{fmt_gb(q.gb)} of VRAM does not add up with the cards named; used the cards")
            continue
        cards_named = "card" in norm or "gpu" in norm or "卡" in norm
        counted = counted_unnamed_cards(norm, q.gb) if cards_named else None
        count = counted or unnamed_count(norm)
        per_card = q.gb if q.per_card or counted or count == 1 else q.gb / count
        if counted is None and q.multiplier > 1:  # "3x 24GB GPU", "80G*2 VRAM": cards of 24 GB, of 80 GB
            count, per_card = q.multiplier, q.gb / q.multiplier
        vendor = _unnamed_vendor(norm)
        name = f"unnamed {_VENDOR_NAMES[vendor]} GPU" if vendor is not None else "unnamed GPU"
        r.gpus.append(GpuGroup(id=None, name=name, count=count, vram_gb=round(per_card, 2), vendor=vendor))
        r.notes.append("GPU model not named: speed is a rough guess")
        named = [g for g in r.gpus if g.kind == "gpu"]
    # a total with no cue beside named cards is their VRAM ("2x 4060 Ti 16GB (32GB total)")
    totals = [q for q in unknown if q.total and named]
    unknown = [q for q in unknown if q not in totals]
    # a card's memory said again as a list item ("3090 owner, 24GB"), or as much of it as tools show
    # ("T4 on colab (15GB)"), is no RAM
    listed = [q for q in unknown if q.listed and not _restates_vram(q.gb, named)]
    if len(listed) > 1:
        biggest = max(listed, key=lambda q: q.gb)
        rest = max(q.gb for q in listed if q is not biggest)
        if round(biggest.gb) in SSD_SIZES_GB and biggest.gb >= 4 * rest:
            listed.remove(biggest)  # "4090 + 2TB 990 Pro + 96GB": the large one is a disk
            unknown.remove(biggest)
    if apple_silicon_mac and r.soc is None and not r.gpus:
        # an amount said to be memory ("24GB内存") before one no word names ("读取了1.2TB", read from disk)
        pool = [*ram, *unified] or [q.gb for q in unknown if not q.model_like]
        if pool:
            r.unified = max(pool)
            chip = _stand_in_chip(db, r.unified)
            if chip is None:
                r.notes.append(
                    f"a Mac with Apple silicon, chip not named: read {fmt_gb(r.unified)} as unified memory"
                )
                return
            r.soc = SocInfo(id=chip.id, name=chip.name, gpu_cores=chip.gpu_cores, spec=chip)
            r.notes.append(
                f"a Mac with Apple silicon, chip not named: {fmt_gb(r.unified)} of unified memory, sized as "
                f"the {chip.name}, the slowest chip sold with it (name the chip for its speed)"
            )
        return
    host = _host_memory(unknown, named, ram, r, cpu_named)
    if host is not None:
        r.ram = host.gb
        r.notes.append(f"read {fmt_gb(host.gb)} as system RAM: {_HOST_REASON[bool(r.gpus)]}")
        unknown = [q for q in unknown if q is not host]
    for q in unknown:
        if q.listed or q.kind == "storage" or _restates_vram(q.gb, named) or _free_row(q, tokens):
            continue
        r.notes.append(f"did not read {fmt_gb(q.gb)} as memory of this rig: no RAM or VRAM word beside it")
    if r.soc is not None:
        if r.unified is None and (ram or listed):
            r.unified = max([*ram, *(q.gb for q in listed)])
        return
    if ram:
        r.ram = max(ram)
    for q in listed:
        if desktop_cpu and round(q.gb) in SSD_SIZES_GB and q.gb >= _DESKTOP_DISK_GB:
            # "Ryzen 7 5800X, 1TB, RTX 3090": a terabyte beside a desktop CPU is its disk (a lone
            # "9950X 512GB" may still be a server misnamed: read as RAM, with the server's channels)
            r.notes.append(f"read {fmt_gb(q.gb)} as storage, not RAM: more than a desktop CPU takes")
            continue
        if r.ram is None and q.gb >= 2:
            r.ram = q.gb
            r.notes.append(f"read {fmt_gb(q.gb)} as system RAM")
    if r.ram is None and not r.gpus and unified:
        r.notes.append("unified memory without a named chip: speed is a rough guess")


_HOST_REASON = {
    True: "an integrated GPU has no memory of its own, it shares the system RAM",
    False: "no card is named, so the one amount beside the CPU is its memory",
}


def _host_memory(
    unknown: Sequence[Quantity], named: Sequence[GpuGroup], ram: Sequence[float], r: Reading, cpu_named: bool
) -> Quantity | None:
    """The one uncued amount of a rig with no card and no unified-memory chip is its system RAM.

    "Radeon 780M 32GB", "Ampere Altra 128 cores 256GB", "Mac Pro 2019 28 core 768GB": an integrated GPU
    shares the system RAM, and a CPU-only machine has no other memory for the amount to be.
    """
    if named or ram or r.soc is not None or r.ram is not None or r.unified is not None:
        return None
    if not (r.gpus or cpu_named):  # r.gpus holds iGPUs only here: named is empty
        return None
    loose = [q for q in unknown if not q.listed and not q.model_like]
    disk_from = _DESKTOP_IGPU_DISK_GB if cpu_named else _IGPU_DISK_GB
    if r.gpus and loose and round(loose[0].gb) in SSD_SIZES_GB and loose[0].gb >= disk_from:
        # "ROG Ally 512GB": an iGPU machine's lone disk-sized amount is its storage, not RAM
        r.notes.append(f"read {fmt_gb(loose[0].gb)} as storage, not RAM: beside an integrated GPU")
        loose[0].kind = "storage"
        return None
    return loose[0] if len(loose) == 1 and not any(q.listed for q in unknown) else None


# the least storage an iGPU machine's lone amount is read as: laptops, handhelds and mini PCs take at
# most 128 GB of RAM (Strix Halo), desktop chips with an integrated GPU up to 256 GB (Ryzen 7 8700G,
# https://www.amd.com/en/products/processors/desktops/ryzen/8000-series/amd-ryzen-7-8700g.html)
_IGPU_DISK_GB = 256
_DESKTOP_IGPU_DISK_GB = 512
# a listed amount of a terabyte or more beside a dual-channel desktop CPU is storage: such boards take at
# most 256 GB (4 DIMMs of 64 GB on AM5 and LGA1851,
# https://www.amd.com/en/products/processors/desktops/ryzen/8000-series/amd-ryzen-7-8700g.html)
_DESKTOP_DISK_GB = 1000


# tools show a card's usable memory: a few percent under its size (15 of a T4's 16 GB, 23.6 of 24)
_USABLE_SHARE = 0.9


def _cards_one_by_one(vram: Sequence[Quantity]) -> list[Quantity]:
    """Two or more VRAM amounts, each said of one card of its own (their sum said as a total aside, "28 GB
    total"): none a total of the others or of several cards ("2x 24GB"), none a usage's total ("8GB /
    24GB"), and not all one size said twice (a card's memory said again). Empty when not so."""
    sum_said = [q for q in vram if q.total and same_size(q.gb, sum(o.gb for o in vram if o is not q))]
    cards = [q for q in vram if q not in sum_said]
    if len(cards) < 2 or any(q.total or q.multiplier > 1 or q.usage_total or q.per_card for q in cards):
        return []
    if len({round(q.gb, 2) for q in cards}) < 2:
        return []
    if any(same_size(q.gb, sum(o.gb for o in cards if o is not q)) for q in cards):
        return []
    return cards


def _restates_vram(gb: float, named: Sequence[GpuGroup]) -> bool:
    """The amount is the named cards' memory (one card's or all of them), as sold or as tools show it."""
    for g in named:
        for k in {1, g.count}:
            vram = (g.vram_gb or 0) * k
            if vram and (same_size(gb, vram) or _USABLE_SHARE * vram <= gb <= vram):
                return True
    return False


def _set_variant(r: Reading, g: GpuGroup, q: Quantity, db: DeviceDatabase) -> bool:
    """'16384 MB VRAM (RTX 4060 Ti)': VRAM stated apart from the only card picks its variant."""
    assert g.id is not None
    if g.vram_gb is not None and not q.total and same_size(q.gb, g.vram_gb):
        return True  # nvidia-smi's "4MiB / 81920MiB" under two A100-SXM4-80GB rows: each card's, said again
    per_card = q.gb / g.count if not q.per_card and (q.total or g.count > 1) else q.gb
    row = db.variant_for_memory(g.id, per_card)
    renamed = row is None
    if row is None:  # "RTX4000 ... VRAM (18 of 20GB)": another card sold under the same name
        rows = (db.variant_for_memory(other, per_card) for other in NAME_SIBLINGS.get(g.id, ()))
        row = next((x for x in rows if x is not None), None)
    i = next((k for k, other in enumerate(r.gpus) if other is g), None)
    if row is None or i is None:
        return False
    r.gpus[i] = g.model_copy(update={"id": row.id, "vram_gb": row.memory_gb, "spec": row, "name": row.name})
    r.notes = [n for n in r.notes if not n.startswith(f"{g.name}: read as the")]
    if renamed:
        r.notes.append(f"{g.name} is not sold with {fmt_gb(per_card)}; read it as the {row.name}")
    return True


# Windows lends a graphics card up to half the system RAM as "shared GPU memory", and Task Manager
# shows that half (https://techtactician.com/what-is-the-shared-gpu-memory-in-the-task-manager/:
# "the operating system can dedicate up to 50% of the available RAM to the GPU")


def _windows_shared_ram(shared_gb: float) -> float | None:
    """The system RAM whose half is `shared_gb` (31.9 GB shared: 64 GB), where it is a size RAM is
    sold in (within 5 %, as Windows counts a little less than half)."""
    whole = 2 * shared_gb
    size = min(RAM_SIZES_GB, key=lambda g: abs(g - whole))
    return float(size) if abs(size - whole) <= 0.05 * size else None


# a maker's GPU brand beside a card named only by its memory: "radeon 8gb", "an amd card with 16gb",
# "intel arc 16gb" ("amd" alone may be the CPU: it counts only before a GPU word)
_GPU_BRANDS: tuple[tuple[Vendor, LazyPattern], ...] = (
    ("amd", LazyPattern(r"\bradeon\b|\bamd\s+(?:gpu|card|graphics)")),
    ("intel", LazyPattern(r"\bintel\s+arc\b|\barc\s+(?:gpu|card|graphics)")),
    ("nvidia", LazyPattern(r"\bgeforce\b|\bnvidia\s+(?:gpu|card|graphics)")),
)
_VENDOR_NAMES: dict[Vendor, str] = {"amd": "AMD", "intel": "Intel", "nvidia": "NVIDIA"}


def _unnamed_vendor(norm: str) -> Vendor | None:
    """The one GPU maker the text names by its brand, for a card named only by its memory; None where
    none or several are named."""
    said = [v for v, rx in _GPU_BRANDS if rx.search(norm)]
    return said[0] if len(said) == 1 else None
