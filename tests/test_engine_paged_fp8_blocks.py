"""A block-quantized FP8 checkpoint (weight_block_size 128 x 128) splits over tensor-parallel ranks
only where each rank's share of a feed-forward width holds whole blocks: vLLM and SGLang refuse the
others at load. The size picked keeps the blocks whole (pipeline stages for the rest of the GPUs), a
size set that cuts them is refused with the reason, and FP8 made on the fly keeps every size."""

from __future__ import annotations

import pytest

from sizing import EngineOptions, advise, default_catalog, estimate, parse_hardware

# (engine, model, rig, widest tensor parallel the blocks allow): expert widths 2560, 1536 and 768
_BLOCKED = [
    ("vllm", "qwen3-coder-480b-a35b", "8x H100 80GB", 4),  # 2560 / 8 = 320, / 4 = 640 = 5 x 128
    ("vllm", "qwen3-235b-a22b-instruct-2507", "8x H100 80GB", 4),  # 1536 / 8 = 192
    ("sglang", "qwen3-235b-a22b-instruct-2507", "8x H200", 4),
    ("vllm", "qwen3-30b-a3b-instruct-2507", "4x RTX 4090", 2),  # 768 / 4 = 192, / 2 = 384
]


def _estimate(engine: str, model: str, rig: str, tp: int | None = None):  # type: ignore[no-untyped-def]
    spec = default_catalog().resolve(model).model
    opts = EngineOptions(tensor_parallel=tp) if tp else None
    return estimate(spec, parse_hardware(rig), quant="FP8", context=8192, engine=engine, engine_options=opts)


@pytest.mark.parametrize(("engine", "model", "rig", "widest"), _BLOCKED)
def test_the_tensor_parallel_size_keeps_the_fp8_blocks_whole(
    engine: str, model: str, rig: str, widest: int
) -> None:
    e = _estimate(engine, model, rig)
    p = e.memory.placement
    assert p.verdict == "gpu"
    assert p.tensor_parallel <= widest
    assert any("128-wide quantization blocks" in a for a in e.assumptions)


@pytest.mark.parametrize(("engine", "model", "rig", "widest"), _BLOCKED)
def test_a_size_set_that_cuts_the_blocks_is_refused_with_the_reason(
    engine: str, model: str, rig: str, widest: int
) -> None:
    e = _estimate(engine, model, rig, tp=widest * 2)
    assert e.memory.placement.verdict == "no"
    assert any("refuses tensor parallel size" in a and "blocks" in a for a in e.assumptions)


def test_the_fix_names_the_size_and_the_pipeline_stages_that_run_it() -> None:
    spec = default_catalog().resolve("qwen3-coder-480b-a35b").model
    a = advise(
        spec,
        parse_hardware("8x H100 80GB"),
        engine="vllm",
        quant="FP8",
        context=8192,
        engine_options=EngineOptions(tensor_parallel=8),
    )
    assert any("--tensor-parallel-size 4 --pipeline-parallel-size 2" in f.change for f in a.fixes)


@pytest.mark.parametrize(
    ("model", "quant"),
    [
        ("llama-3.3-70b", "FP8"),  # FP8 made on the fly from BF16: per-tensor scales
        ("qwen3-235b-a22b-instruct-2507", "BF16-HF"),  # not FP8 at all
    ],
)
def test_checkpoints_without_blocks_keep_every_size(model: str, quant: str) -> None:
    spec = default_catalog().resolve(model).model
    e = estimate(spec, parse_hardware("8x H100 80GB"), quant=quant, context=8192, engine="vllm")
    assert e.memory.placement.tensor_parallel == 8
    assert not any("quantization blocks" in a for a in e.assumptions)
