"""A laptop's integrated GPU beside its discrete card does not stop the discrete card's backend: CUDA
runs on the NVIDIA card and leaves the Intel iGPU out; a rig of integrated GPUs alone still needs a
backend they run."""

from __future__ import annotations

import pytest

from sizing import EstimateError, default_catalog, estimate, parse_hardware


@pytest.mark.parametrize(
    "rig",
    [
        "i7-1165G7 laptop with Iris Xe and a T500 4GB, 16GB RAM",
        "RTX 4070 laptop with Intel UHD Graphics, 32GB RAM",
    ],
)
def test_the_discrete_cards_backend_runs_beside_an_integrated_gpu(rig: str) -> None:
    hw = parse_hardware(rig)
    assert any(g.kind == "igpu" for g in hw.gpus) and any(g.kind == "gpu" for g in hw.gpus)
    e = estimate(default_catalog().resolve("qwen3 8b").model, hw)
    assert e.backend == "cuda"
    assert all("Iris" not in d.name and "UHD" not in d.name for d in e.memory.placement.devices)


def test_a_backend_the_integrated_gpu_alone_cannot_run_is_refused() -> None:
    hw = parse_hardware("i7-1165G7 with Iris Xe, 16GB RAM")
    with pytest.raises(EstimateError, match="cuda does not run on"):
        estimate(default_catalog().resolve("qwen3 8b").model, hw, backend="cuda")
