"""vLLM on an integrated NVIDIA GPU (DGX Spark, Jetson): the budget is a share of the whole unified
memory, and the OS and vLLM's own processes must fit in the rest, so vLLM's default utilization is tight
there and the answer names the utilization that fits."""

from __future__ import annotations

import re

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import VLLM_GPU_UTILIZATION, VLLM_UMA_PROCESS, EngineOptions, vllm_integrated_outside
from sizing.memory import Placement

GiB = 1024**3


def _answer(hardware: str, model: str = "qwen3-30b-a3b", quant: str = "FP8", **opts: object) -> Placement:
    spec = default_catalog().resolve(model).model
    return estimate(
        spec,
        parse_hardware(hardware),
        quant=quant,
        context=8192,
        engine="vllm",
        engine_options=EngineOptions(**opts),  # type: ignore[arg-type]
    ).memory.placement


def _utilization(placement: Placement) -> float | None:
    for s in placement.settings:
        m = re.fullmatch(r"--gpu-memory-utilization (0\.\d+)", s.flag)
        if m:
            return float(m.group(1))
    return None


def test_outside_the_budget_is_the_os_share_and_vllms_processes() -> None:
    # the OS keeps at most 4 GiB of a large machine; vLLM's processes hold 8-9 GiB by its snapshot
    assert 8 * GiB <= VLLM_UMA_PROCESS <= 9 * GiB
    assert vllm_integrated_outside(120 * GiB) == pytest.approx(4 * GiB + VLLM_UMA_PROCESS)
    # a small machine (no measurement): a quarter of it for each, the OS reserve's planning share
    assert vllm_integrated_outside(8 * GiB) == pytest.approx(2 * GiB + 2 * GiB)
    assert vllm_integrated_outside(16 * GiB) == pytest.approx(4 * GiB + 4 * GiB)


def test_a_small_model_on_a_small_jetson_gets_a_utilization_not_a_refusal() -> None:
    p = _answer("Jetson Orin Nano 8GB", model="qwen2.5-1.5b", quant="AWQ-INT4")
    assert p.verdict == "gpu"
    util = _utilization(p)
    assert util is not None and util < 0.5


@pytest.mark.parametrize("hardware", ["DGX Spark", "Jetson AGX Orin 64GB"])
def test_default_utilization_is_tight_and_the_named_one_fits(hardware: str) -> None:
    p = _answer(hardware)
    assert p.verdict == "gpu" and p.fit == "tight"
    util = _utilization(p)
    assert util is not None and util < VLLM_GPU_UTILIZATION
    assert any("unified memory" in s.why for s in p.settings)
    again = _answer(hardware, gpu_memory_utilization=util)
    assert again.verdict == "gpu" and again.fit == "fits"
    assert any("the OS and vLLM's own processes" in n for n in again.notes)


def test_a_stated_utilization_that_leaves_no_room_is_not_a_comfortable_fit() -> None:
    p = _answer("DGX Spark", gpu_memory_utilization=0.95)
    assert p.fit != "fits"
    assert any("too little of the unified memory" in n for n in p.notes)


def test_a_low_stated_utilization_still_fits() -> None:
    p = _answer("DGX Spark", gpu_memory_utilization=0.7)
    assert p.verdict == "gpu" and p.fit == "fits"


def test_discrete_cards_and_other_unified_chips_keep_their_answers() -> None:
    # a discrete card: the default utilization of a model well within it is a comfortable fit
    p = _answer("RTX 6000 Ada", model="qwen3-8b", quant="AWQ-INT4")
    assert p.fit == "fits" and _utilization(p) is None
    assert not any("unified memory" in n for n in p.notes)
    # vLLM's integrated-GPU path is CUDA's: an AMD APU is not read that way
    amd = _answer("Ryzen AI Max+ 395 128GB", model="qwen3-8b", quant="AWQ-INT4")
    assert not any("unified memory" in n for n in amd.notes)
