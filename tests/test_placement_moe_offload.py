"""A MoE model on a small GPU: its routed experts in system RAM (--n-cpu-moe) read far fewer bytes
from RAM per token than whole layers there (-ngl), so when both need about the same RAM the expert
offload is the answer even where it misses the OS's planning share by a hair (said, and tight);
where it misses by more, or RAM is ample, the usual rules stand."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant

GiB = 2**30


def _placed(rig: str, model_id: str = "qwen3-30b-a3b", quant: str = "Q4_K_M"):  # type: ignore[no-untyped-def]
    return estimate_memory(
        default_catalog().by_id[model_id],
        resolve_quant(quant),
        parse_hardware(rig),
        context=8192,
        engine="llama.cpp",
        backend="cuda",
    ).placement


@pytest.mark.parametrize(
    ("rig", "strategy", "tight"),
    [
        # 16 GB of RAM: the experts' side is within a few hundredths of a GiB of the OS's share
        ("rtx 4070 laptop 8gb, 16gb ram", "expert_offload", True),
        ("rtx 3060 ti 8gb, 16gb ram", "expert_offload", True),
        # 32 GB: room to spare, as before
        ("rtx 4070 laptop 8gb, 32gb ram", "expert_offload", False),
    ],
)
def test_experts_in_ram_win_when_both_offloads_need_about_the_same_ram(
    rig: str, strategy: str, tight: bool
) -> None:
    p = _placed(rig)
    assert p.strategy == strategy
    assert p.tight is tight
    assert all(d.weights + d.kv + d.compute <= d.usable + 1 for d in p.devices)


def test_a_tight_expert_offload_says_how_much_of_the_os_share_it_takes() -> None:
    p = _placed("rtx 4070 laptop 8gb, 16gb ram")
    assert any("kept for the OS" in n for n in p.notes)


def test_an_expert_offload_far_past_what_ram_leaves_is_not_let_in() -> None:
    p = _placed("rtx 4070 laptop 8gb, 12gb ram")  # about 3 GiB past a 12 GB machine's 9 GiB
    assert p.verdict == "no"
    cpu = p.devices[-1]
    assert cpu.weights + cpu.kv + cpu.compute - cpu.usable > 1 * GiB
