"""The GPU built into a laptop CPU or an APU, read from the CPU's name ("Ryzen 7 7840U": a Radeon 780M)."""

from __future__ import annotations

from .._lazy_re import LazyPattern
from ._database import DeviceDatabase
from ._models import CpuInfo, GpuGroup
from ._reading import Reading

__all__ = ["add_builtin_gpu"]

# words that point at the CPU's own graphics even beside a card ("5600H with Radeon Graphics and a 3050")
_BUILT_IN_WORDS = LazyPattern(
    r"radeon\s*graphics|radeon\s*vega|(?:integrated|built[\s-]?in|onboard)\s*(?:graphics|gpu)|(?<![a-z])igpu"
    r"|intel\s*graphics"
)


def add_builtin_gpu(cpu: CpuInfo | None, norm: str, no_gpu: bool, db: DeviceDatabase, r: Reading) -> None:
    """Adds the CPU's iGPU (cpu_graphics.yaml) where no card, chip or iGPU is read and nothing says there is
    no GPU, or where the text speaks of the built-in graphics (always, for rows marked when_named); it has
    no memory of its own (UMA)."""
    if cpu is None or cpu.family is None or r.soc is not None or any(g.kind == "igpu" for g in r.gpus):
        return
    found = db.cpu_igpu(cpu.family, cpu.name)
    if found is None:
        return
    spec, when_named = found
    if (no_gpu or r.gpus or when_named) and _BUILT_IN_WORDS.search(norm) is None:
        return
    r.gpus.append(GpuGroup(id=spec.id, name=spec.name, count=1, vram_gb=None, kind="igpu", spec=spec))
    r.notes.append(
        f"{spec.name}: the GPU built into the {cpu.name}, read from the CPU's name; "
        "it has no memory of its own and shares the system RAM (UMA)"
    )
