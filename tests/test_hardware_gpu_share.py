"""A unified-memory chip's GPU share as the rig states it ("Strix Halo 128GB, 64GB VRAM") bounds what
the GPU holds; and the cache key of a rig tells apart what changes the answer (the share, Windows,
a headless server, a laptop)."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate, parse_hardware

STATED = [
    ("Ryzen AI Max+ 395 128GB, 64GB VRAM", 64.0),
    ("Strix Halo 128GB (96GB VRAM in BIOS)", 96.0),
]


@pytest.mark.parametrize(("text", "share"), STATED)
def test_a_stated_vram_share_of_a_unified_chip_is_kept(text: str, share: float) -> None:
    hw = parse_hardware(text)
    assert hw.soc is not None and hw.soc.gpu_share_gb == share


def test_an_unstated_share_is_left_to_the_chip(catalog: Catalog) -> None:
    assert parse_hardware("Ryzen AI Max+ 395 128GB").soc.gpu_share_gb is None  # type: ignore[union-attr]


def test_the_gpu_holds_no_more_than_the_share_stated(catalog: Catalog) -> None:
    model = catalog.by_id["gpt-oss-120b"]
    stated = estimate(model, parse_hardware("Ryzen AI Max+ 395 128GB, 64GB VRAM"))
    default = estimate(model, parse_hardware("Ryzen AI Max+ 395 128GB"))
    gpu = next(d for d in stated.memory.placement.devices if d.kind == "gpu")
    unset = next(d for d in default.memory.placement.devices if d.kind == "gpu")
    assert gpu.total == 64 * 2**30 < unset.total  # a BIOS carve-out is sized in GiB


def test_a_token_carve_out_leaves_the_gpu_its_default_share(catalog: Catalog) -> None:
    model = catalog.by_id["llama-3.3-70b"]
    e = estimate(model, parse_hardware("Ryzen AI Max+ 395 128GB, 512MB VRAM set in BIOS"))
    assert e.memory.placement.verdict == "gpu"  # the GPU maps system memory past it (Linux GTT)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("RTX 3090, 64GB RAM", "RTX 3090, 64GB RAM, Windows 11"),
        ("RTX 3090, 64GB RAM", "RTX 3090, 64GB RAM, headless server"),
        ("Ryzen AI Max+ 395 128GB", "Ryzen AI Max+ 395 128GB, 64GB VRAM"),
    ],
)
def test_rigs_that_answer_differently_have_different_cache_keys(a: str, b: str) -> None:
    assert parse_hardware(a).canonical() != parse_hardware(b).canonical()
