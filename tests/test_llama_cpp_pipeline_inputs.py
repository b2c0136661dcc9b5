"""llama.cpp pipelines micro-batches over a layer split with every layer on two or more GPUs, and
keeps four copies of each device's graph inputs then, the KQ mask (n_kv x n_ubatch) the large one."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import EngineOptions

GiB = 2**30
_CTX = 131072


def _gpus(hw: str, engine: str = "llama.cpp", split_mode: str | None = None, model: str = "qwen3-32b"):  # type: ignore[no-untyped-def]
    p = estimate(
        default_catalog().resolve(model).model,
        parse_hardware(hw),
        quant="Q4_K_M",
        context=_CTX,
        engine=engine,
        flash_attention=True,
        kv_type="q8_0",
        engine_options=EngineOptions(split_mode=split_mode),
    ).memory.placement
    return p, [d for d in p.devices if d.kind == "gpu"]


_MASK = 2 * 512 * _CTX  # f16 with flash attention, n_kv x n_ubatch


def test_each_gpu_of_a_full_layer_split_holds_three_more_masks() -> None:
    p, layer = _gpus("2x RTX 6000 Ada, headless")
    assert p.verdict == "gpu"
    # -sm row keeps one copy (no pipeline): the same devices, the same buffers otherwise
    _, row = _gpus("2x RTX 6000 Ada, headless", split_mode="row")
    for a, b in zip(layer, row, strict=True):
        assert a.compute - b.compute == pytest.approx(3 * _MASK, rel=1e-6)


def test_an_offload_turns_the_pipeline_off() -> None:
    # Qwen3 235B at Q4_K_M does not fit two 48 GB cards: experts in RAM (a tensor override), one copy
    p, layer = _gpus("2x RTX 6000 Ada, headless, 256GB RAM", model="qwen3-235b-a22b")
    assert p.verdict == "partial"
    _, row = _gpus("2x RTX 6000 Ada, headless, 256GB RAM", split_mode="row", model="qwen3-235b-a22b")
    assert layer[0].compute == pytest.approx(row[0].compute, rel=1e-6)


def test_ollama_is_left_as_it_was() -> None:
    _, ollama = _gpus("2x RTX 6000 Ada, headless", engine="ollama")
    _, llama = _gpus("2x RTX 6000 Ada, headless")
    assert ollama[0].compute < llama[0].compute - 2 * _MASK
