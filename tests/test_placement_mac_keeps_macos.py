"""On a Mac the CPU cores and the GPU share one pool: weights the CPU runs (--n-cpu-moe, -ngl below
all) leave macOS no more than a raised GPU wired limit would (5 GiB, or a sixteenth of a larger
Mac's memory; a fifth of a small Mac's), so no option offered takes that share."""

from __future__ import annotations

import pytest

from sizing import advise, default_catalog, parse_hardware

GiB = 2**30


@pytest.mark.parametrize(
    ("model_id", "rig"),
    [
        ("gpt-oss-120b", "mac with 64gb unified memory"),
        ("gpt-oss-120b", "m4 pro 64gb"),
        ("qwen3-235b-a22b", "m4 max 128gb"),
        ("llama-3.3-70b", "m3 pro 36gb"),
        ("glm-4.5-air", "m2 max 96gb"),
    ],
)
def test_no_mac_option_takes_what_macos_keeps(model_id: str, rig: str) -> None:
    advice = advise(default_catalog().by_id[model_id], parse_hardware(rig))
    for option in advice.options:
        devices = option.estimate.memory.placement.devices
        machine = sum(d.total for d in devices)  # the rows of a unified machine add up to it
        keeps = max(min(5 * GiB, machine / 5), machine / 16)
        used = sum(d.used for d in devices)
        assert used <= machine - keeps + 0.3 * GiB, (option.estimate.quant.id, used / GiB, machine / GiB)
