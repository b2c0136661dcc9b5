"""ROCm on an AMD APU under Linux allocates the GPU's memory from GTT, whose default limit is about half
of the RAM the OS sees; a BIOS carve-out larger than the GTT it leaves is RAM the OS no longer sees, so
it leaves ROCm less, not more. A smaller carve-out, none said, Vulkan and Windows keep the share as
before."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate, parse_hardware

GiB = 2**30


def _gpu_total(catalog: Catalog, rig: str, backend: str) -> float:
    e = estimate(catalog.by_id["qwen3-14b"], parse_hardware(rig), quant="Q8_0", backend=backend)
    return next(d.total for d in e.memory.placement.devices if d.kind == "gpu")


@pytest.mark.parametrize(
    ("rig", "gib"),
    [("Ryzen AI Max+ 395 128GB, 96GB VRAM", 16.0), ("Ryzen AI Max+ 395 128GB, 64GB VRAM", 32.0)],
)
def test_rocm_on_linux_gets_half_of_the_ram_outside_a_large_carve_out(
    catalog: Catalog, rig: str, gib: float
) -> None:
    assert _gpu_total(catalog, rig, "rocm") == pytest.approx(gib * GiB)


def test_a_small_carve_out_keeps_the_share_stated_and_none_the_chips(catalog: Catalog) -> None:
    assert _gpu_total(catalog, "Ryzen AI Max+ 395 128GB, 16GB VRAM", "rocm") == 16 * GiB
    assert _gpu_total(catalog, "Ryzen AI Max+ 395 128GB", "rocm") == _gpu_total(
        catalog, "Ryzen AI Max+ 395 128GB", "vulkan"
    )


def test_a_large_carve_out_leaves_a_model_off_the_gpu_on_rocm_but_not_on_vulkan(catalog: Catalog) -> None:
    rig = parse_hardware("Ryzen AI Max+ 395 128GB, 96GB VRAM")
    model = catalog.by_id["qwen3-14b"]
    rocm = estimate(model, rig, quant="Q8_0", context=16384, backend="rocm").memory.placement
    vulkan = estimate(model, rig, quant="Q8_0", context=16384, backend="vulkan").memory.placement
    assert rocm.verdict != "gpu" and vulkan.verdict == "gpu"


def test_the_assumption_names_the_limit_and_how_to_raise_it(catalog: Catalog) -> None:
    rig = parse_hardware("Ryzen AI Max+ 395 128GB, 96GB VRAM")
    e = estimate(catalog.by_id["qwen3-14b"], rig, quant="Q8_0", backend="rocm")
    text = " ".join(e.assumptions)
    assert "GTT" in text and "ttm.pages_limit" in text and "carve-out" in text


def test_windows_keeps_the_carve_out(catalog: Catalog) -> None:
    assert _gpu_total(catalog, "Ryzen AI Max+ 395 128GB, 96GB VRAM, Windows 11", "rocm") == 96 * GiB
