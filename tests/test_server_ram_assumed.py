"""The system RAM assumed where the user names none: 16 GB for a desktop or a laptop, and for a rig of
data-center GPUs alone as much as their memory together (servers built for them carry at least that),
said in the assumptions; a model too big for the GPUs then spills into that RAM instead of failing."""

from __future__ import annotations

import pytest

from sizing import estimate, parse_hardware
from sizing.catalog import hypothetical_model


def _assumed(rig: str, size_b: float = 8) -> tuple[str, str]:
    r = hypothetical_model(f"a {size_b:g}B dense model")
    assert r is not None
    e = estimate(r.model, parse_hardware(rig), quant="Q4_K_M", context=4096)
    said = next(a for a in e.assumptions if a.startswith("system RAM not stated"))
    return said, e.verdict


@pytest.mark.parametrize(
    ("rig", "want"),
    [
        ("8x H100", "assumed 640 GB"),
        ("4x A100 40GB", "assumed 160 GB"),
        ("2x L40S", "assumed 96 GB"),
        # not servers' cards alone, or too little memory to go above the default
        ("RTX 4090", "assumed 16 GB"),
        ("2x RTX 3090 and an A100", "assumed 16 GB"),
        ("Tesla T4", "assumed 16 GB"),
    ],
)
def test_server_ram_follows_the_gpus(rig: str, want: str) -> None:
    said, _ = _assumed(rig)
    assert want in said


def test_a_model_bigger_than_the_gpus_spills_into_the_assumed_server_ram() -> None:
    said, verdict = _assumed("2x A100 40GB", size_b=140)
    assert "assumed 80 GB" in said
    assert verdict == "partial"
