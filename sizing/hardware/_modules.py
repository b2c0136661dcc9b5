"""Memory listed module by module, as system tools print it: the sum is the system RAM.

- `dmidecode -t memory`: a "Memory Device" block per slot, each with "Size: 32 GB" (or "16384 MB",
  or "No Module Installed"); the "Physical Memory Array" block's "Maximum Capacity" is what the board
  takes, not what is installed.
- `lshw -class memory`: a "*-bank:N" block per slot with "size: 16GiB" (and maybe the "*-memory"
  block's own total).
- Windows `wmic memorychip get capacity` / `Get-CimInstance Win32_PhysicalMemory`: a "Capacity"
  column (or "Capacity : ..." lines) of byte counts, one per module.

Formats as documented by the tools: dmidecode(8) (https://linux.die.net/man/8/dmidecode), lshw(1)
(https://linux.die.net/man/1/lshw), Win32_PhysicalMemory.Capacity in bytes
(https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-physicalmemory).
"""

from __future__ import annotations

import re

__all__ = ["sum_memory_modules"]

_GIB = 2**30
_UNIT_GIB = {"tb": 1024.0, "tib": 1024.0, "gb": 1.0, "gib": 1.0, "mb": 1 / 1024, "mib": 1 / 1024}
_SIZE = re.compile(r"^\s*size\s*:\s*(\d+(?:\.\d+)?)\s*(tib|tb|gib|gb|mib|mb)\s*$")
_MAX_CAPACITY = re.compile(r"^\s*maximum capacity\s*:.*$", re.MULTILINE)
_BANK = re.compile(r"^\s*\*-bank(?::\d+)?\s*$")
_HEADER = re.compile(r"^\s*(?:\*-|handle\s+0x|memory device\s*$|physical memory array\s*$)")
_CAPACITY_HEAD = re.compile(r"^\s*(?:[a-z]+\s+)*capacity(?:\s+[a-z]+)*\s*$")
_CAPACITY_KEYED = re.compile(r"^\s*capacity\s*[:=]\s*(\d{9,14})\s*$")
_BYTES = re.compile(r"(?<![\d.])(\d{9,14})(?![\d.])")
_ROM_ROW = re.compile(r"(?<![\d.])\d{4,8}\s+system\s+rom")
_MODULE_WORDS = ("memory device", "*-bank", "capacity")


def sum_memory_modules(light: str) -> tuple[str, str | None]:
    """The text with a module listing replaced by its total ("ram: 64gb"), and a note saying so; the
    text unchanged and None where no listing of two or more modules is found."""
    if "\n" not in light or not any(w in light for w in _MODULE_WORDS):
        return light, None
    lines = light.split("\n")
    found = _dmidecode_or_lshw(lines) or _byte_column(lines)
    if found is None:
        return light, None
    rows, sizes_gib = found
    total = round(sum(sizes_gib))
    lines[rows[0]] = f"ram: {total}gb"  # the total where the first module stood; the others go
    dropped = set(rows[1:])
    lines = [line for k, line in enumerate(lines) if k not in dropped]
    text = _MAX_CAPACITY.sub(" ", "\n".join(lines))
    each = ", ".join(f"{s:g}" for s in sizes_gib)
    return text, f"added up {len(sizes_gib)} memory modules ({each} GB): {total} GB of RAM"


def _dmidecode_or_lshw(lines: list[str]) -> tuple[list[int], list[float]] | None:
    """Sizes inside dmidecode's "Memory Device" blocks or lshw's "*-bank" blocks (a block ends at a
    blank line or the next header)."""
    in_module = False
    rows: list[int] = []
    sizes: list[float] = []
    for k, line in enumerate(lines):
        s = line.strip()
        if s in ("memory device",) or _BANK.match(line):
            in_module = True
            continue
        if not s or _HEADER.match(line):
            in_module = False
            continue
        if in_module:
            m = _SIZE.match(line)
            if m is not None:
                rows.append(k)
                sizes.append(float(m.group(1)) * _UNIT_GIB[m.group(2)])
            elif s.startswith("size:"):
                rows.append(k)  # "Size: No Module Installed": an empty slot
    return (rows, sizes) if len(sizes) >= 2 else None


def _byte_column(lines: list[str]) -> tuple[list[int], list[float]] | None:
    """Byte counts in a "Capacity" column (the heading a row of words, the column anywhere in it), or on
    "Capacity : <bytes>" / "Capacity=<bytes>" lines: one per module. Smaller counts (a 4 MB "SYSTEM
    ROM" row) are no module."""
    rows: list[int] = []
    sizes: list[float] = []
    under_heading = False
    for k, line in enumerate(lines):
        if _CAPACITY_HEAD.match(line):
            under_heading = True
            continue
        keyed = _CAPACITY_KEYED.match(line)
        m = keyed or (_BYTES.search(line) if under_heading else None)
        if m is not None:
            rows.append(k)
            sizes.append(int(m.group(1)) / _GIB)
        elif line.strip() and not _ROM_ROW.search(line):
            under_heading = False
    return (rows, sizes) if len(sizes) >= 2 else None
