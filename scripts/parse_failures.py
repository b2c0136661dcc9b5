"""Print the corpus cases the hardware parser reads differently from the expectation.

.venv/bin/python scripts/parse_failures.py [CORPUS.jsonl]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import DEV_CORPUS, expected_reading, load_corpus, safe_reading, score


def main(path: Path) -> None:
    result = score(path)
    by_text = {c["text"]: c for c in load_corpus(path)}
    for text, wrong in result.misses:
        got, exp = safe_reading(text), expected_reading(by_text[text])
        print(f"[{by_text[text]['pattern']}] {text[:160]!r}")
        for k in wrong:
            print(f"    {k}: got {got[k]}  expected {exp[k]}")
    print(f"{result.right}/{result.cases} correct ({result.accuracy:.1%})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEV_CORPUS)
