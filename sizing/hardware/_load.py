"""Loading the device database YAML files, validated, with every problem listed at once."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .._errors import CatalogError
from .._yaml import YamlSyntaxError, load_yaml
from ._schema import Architecture, CpuFamily, CpuGraphics, DeviceSpec, MemoryPlatform, SystemSpec

__all__ = ["DeviceData", "data_dir", "load_device_data", "validate_device_data"]

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class DeviceData:
    devices: tuple[DeviceSpec, ...]
    architectures: tuple[Architecture, ...]
    platforms: tuple[MemoryPlatform, ...]
    cpus: tuple[CpuFamily, ...]
    systems: tuple[SystemSpec, ...] = ()
    cpu_graphics: tuple[CpuGraphics, ...] = ()  # the iGPU inside a CPU, first matching row wins


def data_dir() -> Path:
    return Path(__file__).parent / "data"


def _rows(path: Path, model: type[M], problems: list[str]) -> list[M]:
    try:
        raw: Any = load_yaml(path)
    except (OSError, YamlSyntaxError) as err:
        problems.append(f"{path.name}: cannot read: {err}")
        return []
    if not isinstance(raw, list):
        problems.append(f"{path.name}: expected a list of rows")
        return []
    out: list[M] = []
    for i, item in enumerate(raw):
        label = item.get("id", i) if isinstance(item, dict) else i
        try:
            out.append(model.model_validate(item))
        except ValidationError as err:
            for e in err.errors():
                loc = ".".join(str(x) for x in e["loc"]) or "(row)"
                problems.append(f"{path.name}[{label}]: {loc}: {e['msg']}")
    return out


def validate_device_data(data: DeviceData) -> list[str]:
    """Cross-row checks: references resolve, variants are distinct, one default per family."""
    problems: list[str] = []
    arch_ids = {a.id for a in data.architectures}
    platform_ids = {p.id for p in data.platforms}
    families: dict[str, list[DeviceSpec]] = defaultdict(list)
    for d in data.devices:
        families[d.id].append(d)
        if d.arch is not None and d.arch not in arch_ids:
            problems.append(f"device {d.id}: unknown arch '{d.arch}'")
    for fid, rows in families.items():
        keys = [(r.memory_gb, r.gpu_cores) for r in rows]
        if len(set(keys)) != len(keys):
            problems.append(f"device {fid}: two variants with the same memory and core count")
        if len(rows) > 1 and sum(r.default_variant for r in rows) != 1:
            problems.append(f"device {fid}: {len(rows)} variants need exactly one default_variant")
    alias_owner: dict[str, str] = {}
    for d in data.devices:
        for a in (*d.aliases,):
            key = a.lower()
            if alias_owner.get(key, d.id) != d.id:
                problems.append(f"alias '{a}' used by both {alias_owner[key]} and {d.id}")
            alias_owner[key] = d.id
    for c in data.cpus:
        if c.platform not in platform_ids:
            problems.append(f"cpu family {c.id}: unknown platform '{c.platform}'")
    cpu_ids = {c.id for c in data.cpus}
    for sys_ in data.systems:
        if sys_.chip not in families:
            problems.append(f"system {sys_.id}: unknown chip '{sys_.chip}'")
        if sys_.cpu is not None and sys_.cpu not in cpu_ids:
            problems.append(f"system {sys_.id}: unknown cpu family '{sys_.cpu}'")
    for g in data.cpu_graphics:
        if not any(d.kind == "igpu" for d in families.get(g.igpu, ())):
            problems.append(f"cpu graphics {g.family}: '{g.igpu}' is no iGPU of the device data")
        for pattern in (g.family, g.model or ""):
            try:
                re.compile(pattern)
            except re.error as err:
                problems.append(f"cpu graphics {g.family}: bad pattern '{pattern}': {err}")
    return problems


def load_device_data(root: Path | None = None, extra_device_files: Iterable[Path] = ()) -> DeviceData:
    """Load every device file under `root` (the bundled data by default); raise CatalogError on problems."""
    base = root or data_dir()
    problems: list[str] = []
    devices: list[DeviceSpec] = []
    systems = base / "systems.yaml"
    graphics = base / "cpu_graphics.yaml"
    for path in [*sorted((base / "devices").glob("*.yaml")), *extra_device_files]:
        devices += _rows(path, DeviceSpec, problems)
    data = DeviceData(
        devices=tuple(devices),
        architectures=tuple(
            a
            for path in sorted((base / "architectures").glob("*.yaml"))
            for a in _rows(path, Architecture, problems)
        ),
        platforms=tuple(_rows(base / "memory_platforms.yaml", MemoryPlatform, problems)),
        cpus=tuple(_rows(base / "cpu_families.yaml", CpuFamily, problems)),
        systems=tuple(_rows(systems, SystemSpec, problems)) if systems.exists() else (),
        cpu_graphics=tuple(_rows(graphics, CpuGraphics, problems)) if graphics.exists() else (),
    )
    problems += validate_device_data(data)
    if problems:
        raise CatalogError("device data has problems:\n  " + "\n  ".join(problems), problems=tuple(problems))
    return data
