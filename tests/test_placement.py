"""A model that does not fit is shown as it would load: the GPUs as full as offloading gets them and
the rest over the system RAM, so the table says where it runs short."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant

CATALOG = default_catalog()


@pytest.mark.parametrize(
    ("model", "quant", "rig"),
    [
        ("gpt-oss-120b", "MXFP4", "RTX 5090, 16GB RAM"),  # MoE: experts over the RAM
        ("llama-3.3-70b", "Q8_0", "RTX 3090, 16GB RAM"),  # dense: layers over the RAM
    ],
)
def test_a_miss_keeps_the_gpus_filled_and_the_ram_over(model: str, quant: str, rig: str) -> None:
    mem = estimate_memory(
        CATALOG.by_id[model],
        resolve_quant(quant),
        parse_hardware(rig),
        context=8192,
        engine="llama.cpp",
        backend="cuda",
    )
    p = mem.placement
    assert p.verdict == "no" and p.shortfall > 0
    gpu = p.gpu_devices[0]
    cpu = next(d for d in p.devices if d.kind == "cpu")
    assert gpu.used > 0.8 * gpu.usable
    assert not cpu.fits


def test_a_miss_without_gpus_is_all_on_the_cpu() -> None:
    mem = estimate_memory(
        CATALOG.by_id["llama-3.3-70b"],
        resolve_quant("Q8_0"),
        parse_hardware("16GB RAM"),
        context=8192,
        engine="llama.cpp",
        backend="cpu",
    )
    assert mem.placement.verdict == "no" and [d.kind for d in mem.placement.devices] == ["cpu"]
