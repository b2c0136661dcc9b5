"""The CPU named in a rig description, and whether it is a dual-socket machine."""

from __future__ import annotations

import re

from .._lazy_re import LazyPattern
from ._database import DeviceDatabase
from ._models import CpuInfo
from ._schema import CpuFamily

__all__ = ["SOCKETS", "SOCKET_HINTS", "read_cpu"]

SOCKETS = LazyPattern(
    r"\b(?:dual|two|2\s*\*?|2x)\s*-?\s*(?:socket|sockets|cpus?|processors?|xeons?|epycs?)\b"
    r"|\b2p\b|\b2s\b|per\s+socket|\bdual\s+\w+\s+(?:xeon|epyc)"
)

SOCKET_HINTS = ("sock", "cpu", "proc", "xeon", "epyc", "2p", "2s")  # every match of SOCKETS holds one


_GENERIC_CPU = re.compile(
    r"\b(\d{1,3})\s*-?\s*cores?\s*(?:cpu|processor)"
    r"|\b(xeon|epyc|threadripper|ryzen\s*[3579]|core\s*i[3579]|i[3579])\b"
    r"|\bcpu\s*:\s*(\d{1,3})\s*cores?\b"  # a launcher's system info: "CPU: 16 cores"
)


# what _GENERIC_CPU needs, found by one cheap scan: a brand word, or an Intel tier ("i7")
_GENERIC_HINT = re.compile(r"core|xeon|epyc|threadripper|ryzen|i[3579]")
# ("4090 x 2", "2000 x RTX 4090": an "x" before a number or a card multiplies, it is no suffix)
_SPACED_SUFFIX = re.compile(
    r"(\d{4}) (x3d|x)(?![a-z0-9])(?!\s*(?:\d|rtx|gtx|rx\b|nvidia|geforce|radeon|tesla|quadro|instinct))"
)


_INTEL_TIER = re.compile(r"i[3579](?:-|$)")
# a bare four-digit number glued to "x" with a 0 second digit ("1000x", "2048x") is a count: no CPU
# has such a model number (Ryzen's second digit is its tier, 1-9; Intel's X chips are "7900X",
# "10900X"), so "1000x 3090" is a thousand cards, never a Ryzen and one card
_COUNT_GLUED_X = LazyPattern(r"\d0\d{2}\s*x")
# a bare "2048G" with a memory word right after it ("2048G RAM", "3072G内存") is an amount of RAM, where
# only a family's range of model numbers takes it (no APU of the CPU data is a 2048G; a 5600G is one)
_BARE_G = LazyPattern(r"\d{4}g")
_RAM_AFTER = LazyPattern(r"\s*(?:of\s+)?(?:ram|memory|内存|記憶體|ddr)")


def _amount_of_ram(text: str, fam: CpuFamily, m: re.Match[str]) -> bool:
    if fam.cores is not None or _BARE_G.fullmatch(m.group(0)) is None:
        return False
    return _RAM_AFTER.match(text, m.end()) is not None


def _tidy_cpu(text: str) -> str:
    words = text.strip().split()
    out = []
    for w in words:
        if _INTEL_TIER.match(w):
            out.append(w[0] + w[1:].upper())  # Intel writes its tiers lowercase: "i7-12700H"
        elif any(map(str.isdigit, w)) or w in ("epyc", "amd", "ai", "hx"):
            out.append(w.upper())
        else:
            out.append(w.capitalize())
    return " ".join(out)


# a Ryzen model number right after the tier, no card's ("ryzen 5 6600", not "ryzen 7 7900 xtx")
_RYZEN_MODEL_AFTER = re.compile(r"\s+([1-9][1-9]\d{2}[a-z0-9]{0,3})(?![a-z0-9])(?!\s*(?:xtx?|gre)(?![a-z]))")
_SERIES_BRANDS = frozenset({"epyc", "xeon", "threadripper", "ryzen", "霄龙", "至强"})
# "EPYC 9005 Turin 9575F", "EPYC 5th gen 9135": a generation ordinal before the model is no model
_MODEL_AFTER = re.compile(
    r"[\s,/(]*(?:\d(?:st|nd|rd|th)\s+gen\w*[\s,]+)?(?:[a-z]+\s+){0,2}?([a-z]*\d[a-z0-9-]*)"
)


def _model_after(
    light: str, span: tuple[int, int], written: str, fam: CpuFamily, db: DeviceDatabase
) -> tuple[CpuFamily, str, tuple[int, int]] | None:
    """A model number written after a series name ("EPYC 9005 Turin 9575F", "Xeon W series, W-3495X"):
    the brand word before it picks the exact row of the same platform."""
    brand = written.split()[0] if written.split() else ""
    if brand not in _SERIES_BRANDS:
        return None  # only these name a series apart from its models ("EPYC 9005", "Xeon W")
    after = _MODEL_AFTER.match(light, span[1])
    if after is None:
        return None
    model = after.group(1)
    found = db.find_cpu(f"{brand} {model}")
    if found is None or found[0].cores is None or found[0].platform != fam.platform:
        return None
    return found[0], _tidy_cpu(f"{brand} {model}"), (span[0], after.end(1))


# "i712700h", "i78700k": Intel's brand glued to the model number (i3/i5/i7/i9, then 4 or 5 digits)
_GLUED_CORE = re.compile(r"(?<![a-z0-9])(i[3579])(?=\d{4,5}[a-z]{0,2}(?![a-z0-9]))")
_GLUED_HINT = re.compile(r"i[3579]\d")  # what _GLUED_CORE needs, found by a cheap scan
# brands written short before a model number: "r5 3600", "r7-5800x3d", "tr 3970x" (Ryzen, Threadripper)
_SHORT_BRAND = re.compile(r"(?<![a-z0-9])(?:r([3579])|(tr))[\s-]?(?=\d{4}(?![0-9]))")
_SHORT_HINT = re.compile(r"(?<![a-z0-9])t?r[3579 -]")  # what _SHORT_BRAND needs, found by a cheap scan


def _spell_out(m: re.Match[str]) -> str:
    if m.re is _GLUED_CORE:
        return f"{m.group(0)}-"  # "i712700h" -> "i7-12700h"
    return f"ryzen {m.group(1)} " if m.group(1) else "threadripper "


def _rewrite(text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    """Short and glued brands spelled out ("r5 3600" -> "ryzen 5 3600", "i712700h" -> "i7-12700h"), and
    each rewrite's span (start, end) in the text and then in the new text."""
    spans = [*(_SHORT_BRAND.finditer(text) if _SHORT_HINT.search(text) else ())]
    spans += [*(_GLUED_CORE.finditer(text) if _GLUED_HINT.search(text) else ())]
    if not spans:
        return text, []
    edits: list[tuple[int, int, int, int]] = []
    out: list[str] = []
    last = 0
    for m in sorted(spans, key=lambda m: m.start()):
        if m.start() < last:
            continue
        written = _spell_out(m)
        start = sum(map(len, out)) + m.start() - last
        out += [text[last : m.start()], written]
        edits.append((m.start(), m.end(), start, start + len(written)))
        last = m.end()
    out.append(text[last:])
    return "".join(out), edits


def _back(i: int, edits: list[tuple[int, int, int, int]]) -> int:
    """An offset in the rewritten text, in the text as written (inside a rewrite: its end)."""
    shift = 0
    for _, end, new_start, new_end in edits:
        if i <= new_start:
            break
        if i < new_end:
            return end
        shift = new_end - end
    return i - shift


def _find_cpu(light: str, db: DeviceDatabase) -> tuple[CpuFamily, str, tuple[int, int]] | None:
    """The first CPU row matching, as written, and its span in `light`."""
    # "5950 x", "7800 x3d": the suffix typed apart (swapped with the space, so offsets stay)
    text = _SPACED_SUFFIX.sub(r"\1\2 ", light) if " x" in light else light
    text, edits = _rewrite(text)
    found = db.find_cpu(text)
    while found is not None and (_COUNT_GLUED_X.fullmatch(found[1].group(0)) or _amount_of_ram(text, *found)):
        start, end = found[1].span()
        text = text[:start] + " " * (end - start) + text[end:]  # look past the count, offsets kept
        found = db.find_cpu(text)
    if found is None:
        return None
    fam, m = found
    if not edits:
        return fam, m.group(0), (m.start(), m.end())
    return fam, m.group(0), (_back(m.start(), edits), _back(m.end(), edits))


# a model number with a stray letter before it, where a key or a Xeon tier says a CPU is named: "CPU
# x5800x3d" (typed), "Xeon(R) Platinum P-8136" (a cloud's own letter before the model)
_STRAY_LETTER = LazyPattern(
    r"(?:\b(cpu|processor|prozessor|处理器|處理器)\s*[:：=]?\s*|\b(platinum|gold|silver|bronze)\s+)"
    r"[a-z]-?(\d{4,5}[a-z0-9]{0,4})(?![a-z0-9])"
)
_STRAY_HINT = ("cpu", "process", "prozess", "处理器", "處理器", "platinum", "gold", "silver", "bronze")


def _stray_letter_model(
    light: str, db: DeviceDatabase
) -> tuple[CpuInfo | None, tuple[int, int] | None, bool] | None:
    """The CPU of a model number written with a stray letter before it (see _STRAY_LETTER), where the
    number alone (after a key) or with its Xeon tier names a CPU row; None otherwise."""
    if not any(h in light for h in _STRAY_HINT):
        return None
    m = _STRAY_LETTER.search(light)
    if m is None:
        return None
    model = m.group(3)
    query = f"xeon {m.group(2)} {model}" if m.group(2) else model
    found = db.find_cpu(query)
    if found is None or (m.group(1) and found[0].cores is None):
        return None
    fam = found[0]
    platform = db.platforms.get(fam.platform)
    name = _tidy_cpu(f"xeon {m.group(2)} {model}" if m.group(2) else model)
    info = CpuInfo(name=name, family=fam.id, platform=platform.id if platform else None, cores=fam.cores)
    return info, (m.start(3), m.end(3)), True


# a bare model number in a "+" list of parts ("9654+4090", "7763 + 2x 3090", "6430加4090"): an EPYC's or a
# Xeon's, where exactly one of the two has a CPU of that number
_JOINED_NUMBER = LazyPattern(
    r"(?<![a-z0-9_.])(\d{4}[a-z]?)(?=\s*[+加])|(?<=[+加])\s*(\d{4}[a-z]?)(?![a-z0-9_.])"
    # after a word of two sockets: "我有双路9654", "dual 9654" (a server's pair of CPUs)
    r"|(?:双路|雙路|两路|兩路|\bdual\s)\s*(\d{4}[a-z]?)(?![a-z0-9_.])"
)
_SERVER_BRANDS = ("epyc", "xeon")


def _server_model_joined(
    light: str, db: DeviceDatabase
) -> tuple[CpuInfo | None, tuple[int, int] | None, bool] | None:
    """The server CPU of a bare model number joined to other parts by "+" (see _JOINED_NUMBER), or None."""
    for m in _JOINED_NUMBER.finditer(light):
        group = next(g for g in (1, 2, 3) if m.group(g))
        number = m.group(group)
        if number in db.keys:
            continue  # a card's number ("3090+4090"): no CPU
        rows = [(b, f[0]) for b in _SERVER_BRANDS if (f := db.find_cpu(f"{b} {number}")) and f[0].cores]
        if len(rows) != 1:
            continue
        brand, fam = rows[0]
        platform = db.platforms.get(fam.platform)
        name = _tidy_cpu(f"{brand} {number}")
        info = CpuInfo(name=name, family=fam.id, platform=platform.id if platform else None, cores=fam.cores)
        return info, (m.start(group), m.end(group)), True
    return None


def read_cpu(light: str, db: DeviceDatabase) -> tuple[CpuInfo | None, tuple[int, int] | None, bool]:
    """The CPU named in the text, where its name stands, and whether its digits are a model number
    (to keep them from reading as a GPU: "Ryzen 5 7600" is no RX 7600)."""
    found = _find_cpu(light, db)
    if found is not None:
        fam, written, span = found
        # named by its machine ("iMac Pro"): the row says which CPU that is
        name = _tidy_cpu(written) if any(map(str.isdigit, written)) else fam.name
        if fam.cores is None:
            model = _model_after(light, span, written, fam, db)  # "EPYC 9005 Turin 9575F": series, model
            if model is not None:
                fam, name, span = model
        platform = db.platforms.get(fam.platform)
        info = CpuInfo(name=name, family=fam.id, platform=platform.id if platform else None, cores=fam.cores)
        return info, span, True
    stray = _stray_letter_model(light, db)
    if stray is not None:
        return stray
    if "+" in light or "加" in light or "路" in light or "dual" in light:
        joined = _server_model_joined(light, db)
        if joined is not None:
            return joined
    if _GENERIC_HINT.search(light) is None:
        return None, None, False
    g = _GENERIC_CPU.search(light)
    if g is None:
        return None, None, False
    if cores := g.group(1) or g.group(3):
        return CpuInfo(name=f"{cores}-core CPU", cores=int(cores)), (g.start(), g.end()), True
    brand = g.group(2).split()[0] if g.group(2).split() else ""
    after = _MODEL_AFTER.match(light, g.end()) if brand in _SERIES_BRANDS else None
    if after is not None:  # "EPYC 5th gen 9135": the model after words between
        later = db.find_cpu(f"{brand} {after.group(1)}")
        if later is not None and later[0].cores is not None:
            fam = later[0]
            platform = db.platforms.get(fam.platform)
            name = _tidy_cpu(f"{brand} {after.group(1)}")
            info = CpuInfo(
                name=name, family=fam.id, platform=platform.id if platform else None, cores=fam.cores
            )
            return info, (g.start(), after.end(1)), True
    if brand == "ryzen" and (unknown := _RYZEN_MODEL_AFTER.match(light, g.end())) is not None:
        # "a ryzen 5 6600 and 32gb": a model the CPU data lacks (or mistyped) is still the CPU's number,
        # no RX 6600; Ryzen numbers never have a 0 second ("3600", "5700"), NVIDIA's do ("3060", "4090")
        name = f"{_tidy_cpu(g.group(2) + ' ' + unknown.group(1))} (model not in canirun's CPU data)"
        return CpuInfo(name=name), (g.start(), unknown.end(1)), True
    return CpuInfo(name=f"{_tidy_cpu(g.group(2))} (model not stated)"), (g.start(), g.end()), False
