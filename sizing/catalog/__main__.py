"""`python -m sizing.catalog check [FILE ...]`: validate model files and compare derived sizes."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ..vocabulary import PARAM_TOLERANCE
from ._load import bundled_model_files, parse_model_entries
from ._tensors import active_params, total_params


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check":
        print("usage: python -m sizing.catalog check [FILE ...]")
        return 2
    files = [Path(a) for a in argv[1:]] or bundled_model_files()
    bad = 0
    for path in files:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            print(f"{path}: cannot read: {exc}")
            bad += 1
            continue
        specs, problems = parse_model_entries(raw, path.name)
        for p in problems:
            print("SCHEMA", p)
        bad += len(problems)
        for s in specs:
            derived = total_params(s) / 1e9 + (s.vision_params_b or 0) + (s.extra_params_b or 0)
            err = derived / s.params_b - 1
            act = ""
            if s.active_params_b:
                a = active_params(s) / 1e9
                act = f" active {a:7.2f}B vs {s.active_params_b:7.2f}B ({a / s.active_params_b - 1:+.1%})"
            flag = "OK " if abs(err) <= PARAM_TOLERANCE else "BAD"
            if flag == "BAD":
                bad += 1
            ratio = f"derived {derived:8.2f}B vs {s.params_b:8.2f}B ({err:+.1%})"
            print(f"{flag} {path.name}:{s.id:40s} {ratio}{act}")
    print(f"{'problems: ' + str(bad) if bad else 'all good'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
