"""Unified-memory chips (Apple M-series, Strix Halo, Jetson, Snapdragon): the variant and its memory."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from .._lazy_re import LazyPattern
from ._database import DeviceDatabase
from ._mentions import Mention
from ._models import SocInfo
from ._quantities import SSD_SIZES_GB, Quantity
from ._reading import Reading, display, fmt_gb, same_size
from ._schema import DeviceSpec
from ._tokens import Token

__all__ = ["jetson_from_log", "read_soc"]

_GPU_CORES = LazyPattern(
    r"(\d{1,3})\s*-?\s*cores?\s*(?:gpu|graphics|图形|グラフィックス)"
    r"|(?:gpu|graphics)\s*(?:cores?)?\s*[:=]?\s*(\d{1,3})\s*-?\s*cores?"
    r"|(\d{1,3})\s*(?:gpu|graphics)\s*cores?"
)


_BARE_CORES = re.compile(r"(?<![\d.])(\d{1,3})\s*-?\s*cores?\b")
_CORE_COUNT_KEY = LazyPattern(r"(?:gpu|graphics)\s*cores?\s*count\s*[:=]\s*(\d{1,3})\b")
_CORES_AS_GPU = LazyPattern(r"(?<![\d.])(\d{1,3})\s*gpu\b")


def read_soc(
    mentions: Sequence[Mention],
    quantities: Sequence[Quantity],
    tokens: Sequence[Token],
    norm: str,
    db: DeviceDatabase,
    r: Reading,
) -> None:
    socs = [m for m in mentions if m.kind == "soc"]
    if not socs:
        return
    # a chip named outright wins over the one a product is usually sold with ("Surface Laptop 7, X Plus")
    named = [s for s in socs if s.system is None] or socs
    m = named[0]
    finer = {s.device_id for s in named if s.device_id.startswith(m.device_id + "-")}
    if len(finer) == 1 and all(s.device_id in finer or s.device_id == m.device_id for s in named):
        # "MacBook Pro M4: ... Apple M4 Pro": one chip named loosely, then in full
        m = next(s for s in named if s.device_id in finer)
    if len({s.device_id for s in named if not m.device_id.startswith(s.device_id + "-")}) > 1:
        r.notes.append(f"several chips named; read {display(m, db)}")
    rows = db.variants(m.device_id)
    if not rows:
        return
    # "OnePlus 13 (Snapdragon 8 Elite, 24GB)": the product and its chip are one device; the chip named
    # loosely before ("M4" of an "M4 Pro") is the same one
    same = [
        s
        for s in socs
        if s.device_id == m.device_id or s.system is not None or m.device_id.startswith(s.device_id + "-")
    ]
    same_ids = {id(s) for s in same}
    system = next((s.system for s in same if s.system is not None), None)
    free = [q for q in quantities if not q.hypothetical and q.attached is None and not q.consumed]
    mem_candidates = (
        [q for q in quantities if q.attached is not None and id(q.attached) in same_ids]
        or [
            q
            for q in free
            if q.kind in ("unified", "ram")
            or (q.kind == "vram" and q.cue_strength < 3)
            or (q.kind == "unknown" and q.listed)
        ]
        # a chip has one pool of memory: a lone figure beside it is that pool, unless it sizes a file
        or [q for q in free if q.kind == "unknown" and not q.model_like]
    )
    largest = max(rows[0].memory_options_gb, default=0.0)
    if largest and len(mem_candidates) > 1:
        # "M4 Max 128G/4T": more than twice the largest memory sold is a disk
        mem_candidates = [q for q in mem_candidates if q.gb <= 2 * largest] or mem_candidates
    elif largest and (system.memory_gb if system else len(set(rows[0].memory_options_gb)) == 1):
        # "Steam Deck 512GB", "Pixel 9 Pro 256GB": a product sold with one memory size is named by its storage
        disks = [q for q in mem_candidates if q.gb > 2 * largest and round(q.gb) in SSD_SIZES_GB | {64}]
        mem_candidates = [q for q in mem_candidates if q not in disks]
        if disks:
            product = system.name if system else rows[0].name
            r.notes.append(f"read {fmt_gb(disks[0].gb)} as storage, not memory: {product} has one size")
    unified = max((q.gb for q in mem_candidates), default=None)
    for q in mem_candidates:
        q.consumed = True
        if q.gb == unified and (sold := _memory_of_working_set(tokens, q, rows)) is not None:
            r.notes.append(
                f"read Metal's GPU working set ({fmt_gb(q.gb)}) as {fmt_gb(sold)} of unified memory"
            )
            unified = sold
    share = None
    if (split := _split_pool(quantities, tokens, rows)) is not None:
        ram, vram = split
        if unified is None or ram.gb + vram.gb > unified:
            share = vram.gb
            unified = ram.gb + vram.gb
            ram.consumed = vram.consumed = True
            r.notes.append(
                f"read {fmt_gb(ram.gb)} of RAM and {fmt_gb(vram.gb)} of VRAM as one pool of "
                f"{fmt_gb(unified)}: {display(m, db)}'s memory, split between its CPU and GPU"
            )
    if unified is None and system is None:
        # the chip named loosely first ("jetson nano orin"), then with its memory ("orin nano8 GB")
        unified = next((u for s in same if (u := _bare_memory_after(tokens, s, rows)) is not None), None)
        if unified is not None:
            r.notes.append(f"read the {unified:g} after {display(m, db)} as {fmt_gb(unified)} of memory")
    cores = _gpu_cores(norm, rows)
    spec = rows[0]
    if cores is not None:
        spec = next((row for row in rows if row.gpu_cores == cores), spec)
        if spec.gpu_cores != cores:
            r.notes.append(
                f"{spec.name}: no {cores}-core GPU variant known; used the {spec.gpu_cores}-core one"
            )
    else:
        # the memory stated picks the module ("Jetson Orin Nano 4GB", "AGX Orin 32GB")
        if unified is not None:
            with_mem = [row for row in rows if any(same_size(unified, o) for o in row.memory_options_gb)]
            if with_mem and with_mem[0] is not spec:
                spec = with_mem[0]
        if len({row.gpu_cores for row in rows}) > 1:
            r.notes.append(f"{spec.name}: GPU core count not stated, read as the {spec.gpu_cores}-core GPU")
    if unified is None and system is not None and system.memory_gb is not None:
        unified = system.memory_gb
        r.notes.append(f"{system.name}: {fmt_gb(unified)} as sold")
    elif unified is None and spec.memory_options_gb:
        sizes = sorted({o for row in rows for o in row.memory_options_gb})
        if len(sizes) == 1:
            unified = sizes[0]
            r.notes.append(f"{spec.name}: {fmt_gb(unified)} of memory, the only size it is sold with")
        else:  # sold in several sizes and none stated: left open, never made up
            r.notes.append(
                f"{spec.name}: memory not stated (sold with {sizes[0]:g} to {fmt_gb(sizes[-1])}); "
                f"sized at {fmt_gb(min(spec.memory_options_gb))}: say how much yours has"
            )
    elif (
        unified is not None
        and spec.memory_options_gb
        and not any(same_size(unified, o) for o in spec.memory_options_gb)
    ):
        largest_any = max(o for rows_ in db.by_id.values() for row in rows_ for o in row.memory_options_gb)
        if unified > largest_any:
            # more than any unified-memory machine is sold with ("M2 with 20480 GB"): no chip mixed up
            # with another explains it, so the size is not taken as written
            most = max(o for row in rows for o in row.memory_options_gb)
            r.notes.append(
                f"no {spec.name} has {fmt_gb(unified)} (the largest is sold with {fmt_gb(most)}, and no "
                f"unified-memory machine with more than {fmt_gb(largest_any)}): read as {fmt_gb(most)}"
            )
            unified = most
        else:
            r.notes.append(f"{spec.name} is not sold with {fmt_gb(unified)}; kept it as you wrote")
    count = m.count or 1
    r.soc = SocInfo(
        id=m.device_id, name=spec.name, gpu_cores=spec.gpu_cores, count=count, spec=spec, gpu_share_gb=share
    )
    r.unified = unified


# an APU's BIOS splits one memory between the CPU (what the OS calls RAM) and the GPU (a carve-out it calls
# VRAM): "64GB to RAM and 64GB to VRAM" on a 128 GB Strix Halo; Apple's and NVIDIA's chips have no such split
_SPLIT_VENDORS = frozenset({"amd", "intel"})
# tokens at most between the two amounts ("32GB RAM + 96GB VRAM", "64GB to RAM and 64GB to VRAM")
_SPLIT_GAP = 6


def _split_pool(
    quantities: Sequence[Quantity], tokens: Sequence[Token], rows: Sequence[DeviceSpec]
) -> tuple[Quantity, Quantity] | None:
    """A RAM and a VRAM amount said side by side whose sum is a memory size the APU is sold with: the
    chip's one memory as its BIOS splits it ("96GB VRAM and 32GB RAM" is 128 GB, not 96)."""
    if not rows or rows[0].vendor not in _SPLIT_VENDORS:
        return None
    sizes = {o for row in rows for o in row.memory_options_gb}
    free = [
        q
        for q in quantities
        if (q.attached is None or q.attached.kind == "soc") and not q.hypothetical and not q.model_like
    ]
    for a in free:
        for b in free:
            if a.kind != "ram" or b.kind != "vram" or tokens[a.start].line != tokens[b.start].line:
                continue
            gap = b.start - a.end if a.start < b.start else a.start - b.end
            if 0 <= gap <= _SPLIT_GAP and any(same_size(a.gb + b.gb, o) for o in sizes):
                return a, b
    return None


def _gpu_cores(norm: str, rows: Sequence[DeviceSpec]) -> int | None:
    core = "core" in norm
    if not core and "gpu" not in norm:  # every match of each pattern holds one of the words
        return None
    if core and (m := _GPU_CORES.search(norm)):
        return int(next(g for g in m.groups() if g))
    if core and (m := _CORE_COUNT_KEY.search(norm)):
        return int(m.group(1))  # "GPU core count: 14", as a GPU tool prints it
    known = {row.gpu_cores for row in rows if row.gpu_cores}
    cpu_known = {row.cpu_cores for row in rows if row.cpu_cores}
    # "38 cores"; "12CPU/30GPU" (a Mac's configuration): a number of cores the chip is sold with
    found = itertools.chain(_BARE_CORES.finditer(norm) if core else (), _CORES_AS_GPU.finditer(norm))
    for b in found:
        n = int(b.group(1))
        if n in known and n not in cpu_known:
            return n
    return None


def _bare_memory_after(tokens: Sequence[Token], m: Mention, rows: Sequence[DeviceSpec]) -> float | None:
    """'Mac Studio M4 Max 128': a bare number right after the chip that is one of its memory sizes
    (and no GPU core count of it: "M1 Max 32" stays unread)."""
    k = m.end
    if k >= len(tokens) or not tokens[k].is_num or tokens[k].line != tokens[m.start].line:
        return None
    if k + 1 < len(tokens) and tokens[k + 1].glued and tokens[k + 1].text not in (",", ")", "/", "+"):
        return None  # "M4 Max 128GB" is read as an amount; "16c", "40-core" are cores
    if k + 2 < len(tokens) and tokens[k + 1].text == "-" and tokens[k + 2].text.startswith("core"):
        return None
    value = tokens[k].value
    sizes = {o for row in rows for o in row.memory_options_gb}
    cores = {row.gpu_cores for row in rows} | {row.cpu_cores for row in rows}
    if value in sizes and int(value) not in cores:
        return value
    return None


# macOS lets the GPU wire about 2/3 of unified memory up to 36 GB and about 3/4 above (up to 84% on
# recent releases): recommendedMaxWorkingSetSize of 10922.67 MiB on 16 GB (66.7%), 21845.34 MiB on
# 32 GB, 49152 MiB on 64 GB (75%), 107.52 GiB on 128 GB (84%). Sources:
# https://github.com/abetlen/llama-cpp-python/issues/687, https://github.com/ggml-org/llama.cpp/pull/2011,
# https://github.com/ggml-org/llama.cpp/issues/1870, https://github.com/antirez/ds4/pull/893
_SMALL_MAC_SHARE = 2 / 3
_LARGE_MAC_SHARE = 0.75
_SMALL_MAC_GB = 36
_SHARE_BAND = (0.62, 0.88)
_WORKING_SET_WORDS = frozenset({"recommendedmaxworkingsetsize", "working"})
_MIB_PER_UNIT = {"mb": 1.0, "mib": 1.0, "gb": 1024.0, "gib": 1024.0}


def _memory_of_working_set(tokens: Sequence[Token], q: Quantity, rows: Sequence[DeviceSpec]) -> float | None:
    """'recommendedMaxWorkingSetSize = 154618.82 MB' (llama.cpp's Metal log, MiB): the GPU's share of
    the chip's memory, not the memory; the size the chip is sold with that it is the usual share of."""
    line = tokens[q.start].line
    before = tokens[max(0, q.start - 8) : q.start]
    if not any(t.text in _WORKING_SET_WORDS and t.line == line for t in before):
        return None
    unit = tokens[q.start + 1].text if q.start + 1 < len(tokens) else ""
    if unit not in _MIB_PER_UNIT:
        return None
    mib = tokens[q.start].value * _MIB_PER_UNIT[unit]
    best: tuple[float, float] | None = None
    for size in sorted({o for row in rows for o in row.memory_options_gb}):
        share = mib / (size * 1024)  # Apple's "GB" of memory are GiB
        usual = _SMALL_MAC_SHARE if size <= _SMALL_MAC_GB else _LARGE_MAC_SHARE
        if _SHARE_BAND[0] <= share <= _SHARE_BAND[1] and (best is None or abs(share - usual) < best[0]):
            best = (abs(share - usual), size)
    return best[1] if best is not None else None


# CUDA names every Jetson Orin module "Orin"; Ollama's log on one says so ("variant=jetpack6 ... name=Orin
# total="61.4 GiB""): the module is the Orin sold with that memory
_ORIN_MODULES = ("jetson-agx-orin", "jetson-orin-nx", "jetson-orin-nano")
_ORIN_NAMES = "AGX Orin, Orin NX, Orin Nano"


def jetson_from_log(words: set[str], norm: str, db: DeviceDatabase, r: Reading) -> None:
    """An unnamed GPU of a JetPack log named "Orin" is the Jetson Orin module of its memory."""
    if r.soc is not None or len(r.gpus) != 1 or r.gpus[0].id is not None or "jetpack" not in norm:
        return
    total = r.gpus[0].vram_gb
    if "orin" not in words or total is None:
        return
    fits = [
        d
        for d in _ORIN_MODULES
        if any(same_size(total, o) for row in db.variants(d) for o in row.memory_options_gb)
    ]
    if len(fits) != 1:
        r.notes.append(f"a Jetson Orin with {fmt_gb(total)}: say which module (AGX Orin, Orin NX, Orin Nano)")
        return
    spec = db.variants(fits[0])[0]
    r.gpus = []
    r.soc = SocInfo(id=spec.id, name=spec.name, gpu_cores=spec.gpu_cores, count=1, spec=spec)
    r.unified = total
    r.notes.append(f"a JetPack log naming 'Orin' with {fmt_gb(total)}: read as the {spec.name}")


def jetson_by_memory(words: set[str], quantities: Sequence[Quantity], db: DeviceDatabase, r: Reading) -> None:
    """'i have one jetson orin(32g)': a Jetson Orin named without its module is the module sold with
    the memory stated beside it (AGX Orin 32/64 GB, Orin NX 8/16 GB, Orin Nano 4/8 GB); where two
    modules are sold with it, a note asks which."""
    if r.soc is not None or r.gpus or not {"jetson", "orin"} <= words:
        return
    for q in quantities:
        if q.consumed or q.kind not in ("unknown", "unified", "ram"):
            continue
        fits = [
            d
            for d in _ORIN_MODULES
            if any(same_size(q.gb, o) for row in db.variants(d) for o in row.memory_options_gb)
        ]
        if len(fits) > 1:
            r.notes.append(f"a Jetson Orin with {fmt_gb(q.gb)}: say which module ({_ORIN_NAMES})")
            return
        if fits:
            rows = db.variants(fits[0])
            sold = [row for row in rows if any(same_size(q.gb, o) for o in row.memory_options_gb)]
            spec = (sold or rows)[0]
            q.consumed = True
            r.soc = SocInfo(id=spec.id, name=spec.name, gpu_cores=spec.gpu_cores, count=1, spec=spec)
            r.unified = q.gb
            r.notes.append(f"a Jetson Orin with {fmt_gb(q.gb)}: read as the {spec.name}, sold with it")
            return
