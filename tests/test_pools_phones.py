"""A phone's memory is the phone's: what the owner states (or the size its chip is sold with), never
the desktop's 16 GB default; and a model runs there only within what the phone's OS lets one app
hold (iOS with the increased-memory-limit entitlement keeps about 2 GiB, Android about 4 GiB), with
the GPU's margin kept free inside that limit where the GPU shares it."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant
from sizing.engines import rig_pools

GiB = 2**30
FIT_MARGIN = 1 * GiB  # llama.cpp --fit keeps this much of each GPU free
# what the OS keeps from the app: iOS with the increased-memory-limit entitlement, Android's killer
APP_RESERVE = {"ios": 2 * GiB, "android": 4 * GiB}

PHONES = [
    # (the rig in an owner's words, the memory it has in GiB, the OS it runs)
    ("samsung galaxy s24 ultra 12gb ram", 12, "android"),
    ("a phone with a snapdragon 8 gen 3 and 8gb of ram", 8, "android"),
    ("pixel 9 pro with tensor g4, 16gb", 16, "android"),
    ("iphone 15 pro", 8, "ios"),
]


@pytest.mark.parametrize(("rig", "gib", "os"), PHONES, ids=[p[0] for p in PHONES])
def test_a_phone_holds_what_its_os_leaves_one_app_of_its_own_memory(rig: str, gib: int, os: str) -> None:
    hw = parse_hardware(rig)
    for backend in ("cpu", "metal") if os == "ios" else ("cpu",):
        pools = rig_pools(hw, backend)
        assert pools.cpu.total == pytest.approx(gib * GiB - APP_RESERVE[os])
        assert not any("not stated" in n for n in pools.notes)


@pytest.mark.parametrize(
    ("rig", "model_id", "quant"),
    [
        ("iphone 15 pro", "gemma-3-4b", "Q8_0"),  # 5.8 GB in all, against about 6 GiB for the app
        ("a phone with a snapdragon 8 gen 3 and 8gb of ram", "gemma-3-4b", "Q8_0"),
        ("samsung galaxy s24 ultra 12gb ram", "qwen3-14b", "Q4_K_M"),  # about 9 GB with its cache
    ],
)
def test_a_model_past_the_apps_limit_does_not_fit(rig: str, model_id: str, quant: str) -> None:
    hw = parse_hardware(rig)
    backend = "metal" if "iphone" in rig else "cpu"
    mem = estimate_memory(
        default_catalog().by_id[model_id],
        resolve_quant(quant),
        hw,
        context=4096,
        engine="llama.cpp",
        backend=backend,
    )
    assert mem.placement.verdict == "no"


@pytest.mark.parametrize(
    ("rig", "backend"),
    [("iphone 15 pro", "metal"), ("a phone with a snapdragon 8 gen 3 and 8gb of ram", "cpu")],
)
def test_a_small_model_at_four_bits_fits_within_the_apps_limit(rig: str, backend: str) -> None:
    hw = parse_hardware(rig)
    mem = estimate_memory(
        default_catalog().by_id["gemma-3-4b"],
        resolve_quant("Q4_0"),
        hw,
        context=4096,
        engine="llama.cpp",
        backend=backend,
    )
    assert mem.placement.verdict in ("gpu", "cpu")
    app = rig_pools(hw, backend).cpu.total
    margin = FIT_MARGIN if backend == "metal" else 0.0  # the GPU's margin, where a GPU shares the limit
    assert sum(d.used for d in mem.placement.devices) <= app - margin


@pytest.mark.parametrize(("rig", "gib"), [("M2 Max 96GB", 96), ("Strix Halo 128GB", 128)])
def test_a_unified_machine_run_on_its_cpu_alone_keeps_its_own_memory(rig: str, gib: int) -> None:
    pools = rig_pools(parse_hardware(rig), "cpu")
    assert pools.cpu.total == pytest.approx(gib * GiB)
    assert not any("not stated" in n for n in pools.notes)


@pytest.mark.parametrize(
    ("rig", "app"),
    [("iphone 15 pro", "LLM Farm"), ("samsung galaxy s24 ultra 12gb ram", "ChatterUI")],
)
def test_a_phone_is_told_the_file_to_load_in_an_app_not_a_server_command(rig: str, app: str) -> None:
    e = estimate(default_catalog().by_id["llama-3.2-3b"], parse_hardware(rig), quant="Q4_K_M", context=4096)
    line = e.command_hint()
    assert line is not None
    assert "llama-server" not in line
    assert app in line and "Q4_K_M" in line and "4,096" in line
