"""A KV cache each GPU keeps whole counts once per copy in the total, and every renderer says why.

Under vLLM tensor parallelism an MLA model's latent cache is not split by heads: every GPU holds
all of it. The memory total ("everything, all devices together") then adds up what the devices
hold, and the memory line says "KV 9.2 x 8 GPUs" rather than a total that looks short.
"""

from __future__ import annotations

import pytest

from bot.canirun_cli import main as cli_main
from sizing import EstimateContract, default_catalog, estimate, parse_hardware


@pytest.fixture(scope="module")
def tp_mla() -> EstimateContract:
    model = default_catalog().resolve("deepseek r1").model
    return estimate(model, parse_hardware("8x MI300X"), quant="FP8", engine="vllm", context=131072).contract()


def test_the_total_adds_up_what_every_device_holds(tp_mla: EstimateContract) -> None:
    c = tp_mla
    used = sum(d.weights_gb + d.kv_cache_gb + d.overhead_gb for d in c.placement.devices)
    assert c.memory.total_gb == pytest.approx(used, rel=0.01)
    assert c.memory.total_gb > c.memory.weights_gb + c.memory.kv_cache_gb + c.memory.overhead_gb + 1


def test_the_memory_line_names_the_copies(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--hardware", "8x MI300X", "--model", "deepseek r1", "--quant", "FP8", "--engine", "vllm"]
    assert cli_main(["estimate", *args, "--context", "131072"]) == 0
    assert "x 8 GPUs" in " ".join(capsys.readouterr().out.split())


def test_a_split_cache_adds_up_once() -> None:
    model = default_catalog().resolve("qwen3 32b").model
    c = estimate(model, parse_hardware("2x RTX 3090, 64GB RAM"), quant="Q4_K_M").contract()
    parts = c.memory.weights_gb + c.memory.kv_cache_gb + c.memory.overhead_gb
    assert c.memory.total_gb == pytest.approx(parts, abs=0.15)
