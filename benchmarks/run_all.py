"""Every benchmark, in order; each rewrites its section of docs/ACCURACY.md, docs/BENCHMARKS.md or
docs/RELIABILITY.md.

    .venv/bin/python -m benchmarks.run_all            # everything (the fuzz run alone takes ~20 min)
    .venv/bin/python -m benchmarks.run_all --quick    # a 5,000-input fuzz run and no speed refit
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

from benchmarks import accuracy, drills, engine_memory, fuzz, load, paths, perf, reading_accuracy, service


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a short fuzz run, no speed-model refit")
    args = ap.parse_args(argv)
    steps: list[tuple[str, Callable[[], int]]] = [
        ("accuracy", lambda: accuracy.main([] if args.quick else ["--speed"])),
        ("reading", lambda: reading_accuracy.main([])),
        ("engine memory", lambda: engine_memory.main([])),
        ("core speed", lambda: perf.main([])),
        ("entry points", lambda: paths.main([])),
        ("service", lambda: service.main([])),
        ("load", lambda: load.main([])),
        ("drills", lambda: drills.main([])),
        ("fuzz", lambda: fuzz.main(["-n", "5000" if args.quick else "100000"])),
    ]
    failed = []
    for name, step in steps:
        started = time.perf_counter()
        print(f"\n=== {name} ===", file=sys.stderr)
        if step() != 0:
            failed.append(name)
        print(f"=== {name}: {time.perf_counter() - started:.0f} s ===", file=sys.stderr)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
