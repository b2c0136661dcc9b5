"""`canirun-admin`: catalog, cache and privacy tasks."""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    print("canirun-admin: the admin CLI is not built yet (issue #8).", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
