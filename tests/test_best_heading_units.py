"""A best list's heading speaks the tables' unit: the memory a Mac's GPU may use is in GB (10^9 bytes),
the unit of every row's memory, so no row that fits reads as more than the limit the heading names."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sizing import Catalog, best_heading, parse_hardware, rank_best

TODAY = dt.date(2026, 11, 22)
_SHARE = re.compile(r"default share of memory \((\d+\.\d) of its (\d+\.\d) GB\)")


@pytest.mark.parametrize("rig", ["M4 Max 128GB", "M3 Ultra 512GB", "M2 Pro 32GB"])
def test_no_row_of_a_mac_list_uses_more_memory_than_the_share_its_heading_names(
    catalog: Catalog, rig: str
) -> None:
    hw = parse_hardware(rig)
    found = rank_best(catalog.models, hw, today=TODAY)
    heading = best_heading(found, hw, min_tps=10, wished=False, sources="LMArena")
    m = _SHARE.search(heading)
    assert m is not None, heading
    share_gb = float(m.group(1))
    assert found and max(b.estimate.memory.total_bytes / 1e9 for b in found) <= share_gb


@pytest.mark.parametrize(("rig", "total_gb"), [("M4 Max 128GB", 137.4), ("M2 Pro 32GB", 34.4)])
def test_a_macs_memory_is_named_in_the_tables_gigabytes(catalog: Catalog, rig: str, total_gb: float) -> None:
    hw = parse_hardware(rig)
    found = rank_best(catalog.models, hw, today=TODAY)
    m = _SHARE.search(best_heading(found, hw, min_tps=10, wished=False, sources="LMArena"))
    assert m is not None and float(m.group(2)) == total_gb
