"""`python -m sizing.hardware check`: validate the device database and print a summary."""

from __future__ import annotations

import sys
from collections import Counter

from .._errors import CatalogError
from ._load import load_device_data


def main(argv: list[str]) -> int:
    if argv[:1] != ["check"]:
        print("usage: python -m sizing.hardware check")
        return 2
    try:
        data = load_device_data()
    except CatalogError as err:
        print(err)
        return 1
    by_vendor = Counter(d.vendor for d in data.devices)
    print(
        f"{len(data.devices)} device rows ({dict(by_vendor)}), {len(data.architectures)} architectures, "
        f"{len(data.platforms)} memory platforms, {len(data.cpus)} CPU families: all good"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
