"""The CPU named in a rig description, and whether it is a dual-socket machine."""

from __future__ import annotations

import re

from ._database import DeviceDatabase
from ._models import CpuInfo

__all__ = ["SOCKETS", "read_cpu"]

SOCKETS = re.compile(
    r"\b(?:dual|two|2\s*\*?|2x)\s*-?\s*(?:socket|sockets|cpus?|processors?|xeons?|epycs?)\b"
    r"|\b2p\b|\b2s\b|per\s+socket|\bdual\s+\w+\s+(?:xeon|epyc)"
)


_GENERIC_CPU = re.compile(
    r"\b(\d{1,3})\s*-?\s*cores?\s*(?:cpu|processor)"
    r"|\b(xeon|epyc|threadripper|ryzen\s*[3579]|core\s*i[3579]|i[3579])\b"
)


_SPACED_SUFFIX = re.compile(r"(\d{4}) (x3d|x)(?![a-z0-9])")


def _tidy_cpu(text: str) -> str:
    words = text.strip().split()
    out = []
    for w in words:
        if any(c.isdigit() for c in w) or w in ("epyc", "amd", "ai", "hx"):
            out.append(w.upper())
        else:
            out.append(w.capitalize())
    return " ".join(out)


def read_cpu(light: str, db: DeviceDatabase) -> tuple[CpuInfo | None, tuple[int, int] | None, bool]:
    """The CPU named in the text, where its name stands, and whether its digits are a model number
    (to keep them from reading as a GPU: "Ryzen 5 7600" is no RX 7600)."""
    # "5950 x", "7800 x3d": the suffix typed apart (swapped with the space, so offsets stay)
    found = db.find_cpu(_SPACED_SUFFIX.sub(r"\1\2 ", light) if " x" in light else light)
    if found is not None:
        fam, m = found
        platform = db.platforms.get(fam.platform)
        info = CpuInfo(
            name=_tidy_cpu(m.group(0)),
            family=fam.id,
            platform=platform.id if platform else None,
            cores=fam.cores,
        )
        return info, (m.start(), m.end()), True
    g = _GENERIC_CPU.search(light)
    if g is None:
        return None, None, False
    if g.group(1):
        return CpuInfo(name=f"{g.group(1)}-core CPU", cores=int(g.group(1))), (g.start(), g.end()), True
    return CpuInfo(name=f"{_tidy_cpu(g.group(2))} (model not stated)"), (g.start(), g.end()), False
