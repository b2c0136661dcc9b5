"""vLLM / SGLang on a rig of two kinds of GPU: each identical group is tried, the one that serves
the model is said with the others left out and why, the engine's name spelled as its makers do,
and a miss gives its real shortfall (never "does not fit, 0.0 GB short")."""

from __future__ import annotations

from sizing import Catalog, estimate, parse_hardware


def test_every_group_is_tried_and_the_others_left_out_are_named(catalog: Catalog) -> None:
    spec = catalog.get("deepseek-r1")
    assert spec is not None
    hw = parse_hardware("16x RTX 3090, 4x A100 80GB and 1TB DDR5")
    e = estimate(spec, hw, engine="vllm", context=131072)
    p = e.memory.placement
    assert e.verdict == "no" and p.shortfall > 1e9
    why = next(n for n in p.notes if "identical GPUs" in n)
    assert why.startswith("vLLM splits") and "left out" in why and "no group holds it" in why
    assert "16x NVIDIA GeForce RTX 3090" in why and "4x NVIDIA A100" in why


def test_a_smaller_group_that_holds_the_model_is_chosen(catalog: Catalog) -> None:
    spec = catalog.get("qwen3-8b")
    assert spec is not None
    # four 8 GB cards cannot hold 8B at 16 bits with a long context each; one 48 GB card can
    hw = parse_hardware("6x RTX 3060 Ti 8GB and 1x RTX A6000 48GB, 64GB RAM")
    e = estimate(spec, hw, engine="vllm", quant="FP16", context=32768)
    assert e.verdict == "gpu"
    why = next(n for n in e.memory.placement.notes if "identical GPUs" in n)
    assert "1x NVIDIA RTX A6000" in why.split("serve it")[0] and "RTX 3060 Ti left out" in why
