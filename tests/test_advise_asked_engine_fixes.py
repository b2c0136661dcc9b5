"""The fixes offered when the quantization asked for does not fit: a paged engine (vLLM) keeps every
weight in GPU memory, so where none of its quantizations fits the rig, llama.cpp's GGUF builds (layers
or experts in system RAM) are the fix, named with their engine; an upgrade to more GPUs on vLLM is its
own tensor parallelism, not llama.cpp's tensor split."""

from __future__ import annotations

from sizing import Catalog, parse_hardware
from sizing.advise import advise


def test_an_fp8_moe_too_big_for_vram_gets_a_gguf_fix_with_experts_in_ram(catalog: Catalog) -> None:
    advice = advise(
        catalog.by_id["qwen3-coder-next"], parse_hardware("RTX 3070 Ti laptop 8GB, 32GB RAM"), quant="FP8"
    )
    assert advice.options[0].estimate.verdict == "no"
    gguf = [f for f in advice.fixes if f.estimate.engine == "llama.cpp"]
    assert gguf, [f.change for f in advice.fixes]
    assert gguf[0].estimate.verdict == "partial"
    assert "on llama.cpp" in gguf[0].change


def test_a_paged_quant_that_the_engine_can_shrink_keeps_the_engine(catalog: Catalog) -> None:
    advice = advise(catalog.by_id["qwen3-32b"], parse_hardware("RTX 3090"), quant="FP8")
    assert advice.fixes
    assert advice.fixes[0].estimate.engine == "vllm"
    assert all(f.estimate.engine != "llama.cpp" for f in advice.fixes)


def test_an_upgrade_for_vllm_does_not_name_llama_cpps_tensor_split(catalog: Catalog) -> None:
    advice = advise(catalog.by_id["qwen3-32b"], parse_hardware("RTX 3090"), quant="FP8")
    upgrades = [f for f in advice.fixes if f.change.startswith("add ")]
    assert upgrades
    assert all("-sm tensor" not in f.change for f in upgrades)
