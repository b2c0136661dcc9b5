"""The raised macOS GPU wired limit canirun suggests leaves macOS a share that grows with the memory
(at least 5 GiB, a sixteenth on the larger Macs), is never below macOS's default, and goes into the
command only where the context sized needs it."""

from __future__ import annotations

import re

import pytest

from sizing import Catalog, estimate, parse_hardware
from sizing.catalog import hypothetical_model
from sizing.commands import launch_command

GiB = 1024**3
MiB = 1024**2


@pytest.mark.parametrize(
    ("rig", "memory_gb", "keeps_gib"),
    [
        ("Mac Studio M3 Ultra 512GB", 512, 32.0),
        ("Mac Studio M3 Ultra 256GB", 256, 16.0),
        ("MacBook Pro M4 Max 128GB", 128, 8.0),
        ("Mac Studio M4 Max 64GB", 64, 5.0),
    ],
)
def test_a_fit_that_needs_the_raise_leaves_macos_a_share_of_its_memory(
    rig: str, memory_gb: int, keeps_gib: float
) -> None:
    # a dense model whose 4-bit MLX weights take about 82 % of the memory: past macOS's default 75 %
    r = hypothetical_model(f"a {memory_gb * 0.82 / 0.56:.0f}B dense model")
    assert r is not None
    e = estimate(r.model, parse_hardware(rig), engine="mlx", quant="MLX-4bit", context=4096)
    flags = [s.flag for s in e.memory.placement.settings if "wired_limit_mb" in s.flag]
    assert e.verdict == "gpu" and flags
    limit_mb = int(flags[0].rpartition("=")[2])
    left = memory_gb * GiB - limit_mb * MiB
    assert left == pytest.approx(keeps_gib * GiB, rel=0.02)
    assert limit_mb * MiB >= 0.75 * memory_gb * GiB  # never below macOS's own share


def test_a_fit_at_the_context_sized_keeps_the_raise_out_of_the_command(catalog: Catalog) -> None:
    e = estimate(
        catalog.by_id["qwen3.5-397b-a17b"],
        parse_hardware("Mac Studio M3 Ultra 512GB"),
        engine="mlx",
        quant="MLX-6bit",
    )
    assert e.verdict == "gpu"
    assert "sysctl" not in (launch_command(e) or "")
    said = " ".join(e.assumptions)
    m = re.search(r"iogpu\.wired_limit_mb=(\d+) holds the cache of its whole context", said)
    assert m is not None and 512 * GiB - int(m.group(1)) * MiB == pytest.approx(32 * GiB, rel=0.02)
