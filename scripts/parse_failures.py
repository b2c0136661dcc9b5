"""Print the corpus cases the hardware parser reads differently from the expectation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sizing._errors import HardwareError
from sizing.hardware import parse_hardware


def reading(h):  # type: ignore[no-untyped-def]
    return {
        "gpus": sorted(((g.id or ""), g.count, g.vram_gb) for g in h.gpus),
        "soc": (h.soc.id, h.soc.gpu_cores, h.soc.count) if h.soc else None,
        "unified": h.unified_memory_gb,
        "ram": h.ram_gb,
        "cpu": (h.cpu.name.lower() + " " + (h.cpu.family or "")) if h.cpu else None,
    }


def expected(e):  # type: ignore[no-untyped-def]
    soc = e.get("soc")
    return {
        "gpus": sorted(((g["id"] or ""), g["count"], g["vram_gb"]) for g in e["gpus"]),
        "soc": (soc["id"], soc.get("gpu_cores"), soc.get("count", 1)) if soc else None,
        "unified": e.get("unified_memory_gb"),
        "ram": e.get("ram_gb"),
        "cpu": e.get("cpu"),
    }


def matches(got, exp, check_cpu=True):  # type: ignore[no-untyped-def]
    if got["gpus"] != exp["gpus"]:
        return False
    if (got["soc"] is None) != (exp["soc"] is None):
        return False
    if exp["soc"] and (
        got["soc"][0] != exp["soc"][0]
        or (exp["soc"][1] and got["soc"][1] != exp["soc"][1])
        or got["soc"][2] != exp["soc"][2]
    ):
        return False
    if (got["unified"] or None) != (exp["unified"] or None) or (got["ram"] or None) != (exp["ram"] or None):
        return False
    if check_cpu and exp["cpu"] and not _cpu_matches(exp["cpu"], got["cpu"]):
        return False
    return not (check_cpu and not exp["cpu"] and got["cpu"] and not exp["soc"])


def _cpu_matches(exp, got):  # type: ignore[no-untyped-def]
    if not got:
        return False
    e = exp.lower()
    variants = {e, e.replace(" ", "-"), e.replace("-", " "), e.replace(" ", ""), e.split("-")[-1]}
    return any(v in got or v in got.replace("-", " ") for v in variants)


def main(path: str, show_all: bool) -> None:
    n = ok = 0
    for line in Path(path).read_text().splitlines():
        c = json.loads(line)
        if c.get("ambiguous") and not show_all:
            continue
        n += 1
        try:
            got = reading(parse_hardware(c["text"]))
        except HardwareError:
            got = {"gpus": [], "soc": None, "unified": None, "ram": None, "cpu": None}
        exp = expected(c["expected"])
        if matches(got, exp):
            ok += 1
            continue
        print(f"[{c['pattern']}] {c['text'][:160]!r}")
        for k in exp:
            if got[k] != exp[k]:
                print(f"    {k}: got {got[k]}  expected {exp[k]}")
    print(f"{ok}/{n} correct ({ok / max(n, 1):.1%})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/hardware_texts.jsonl", "--all" in sys.argv)
