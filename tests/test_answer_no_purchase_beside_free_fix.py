"""A purchase is not offered for what a free change already gives: where a smaller quantization runs
the model fully on the GPUs, more cards for that same quantization are named only when they make it
clearly (1.5x) faster."""

from __future__ import annotations

from sizing import EngineOptions, advise, default_catalog, parse_hardware


def test_more_cards_for_the_quant_a_free_fix_already_runs_are_not_offered() -> None:
    model = default_catalog().by_id["qwen3.5-122b-a10b"]
    advice = advise(
        model,
        parse_hardware("4x Tesla V100 SXM2 32GB"),
        engine="vllm",
        quant="BF16",
        engine_options=EngineOptions(version="0.14.0"),
    )
    free = [f for f in advice.fixes if f.change.startswith("use ")]
    assert free and free[0].estimate.verdict == "gpu"
    bought = [f for f in advice.fixes if f.change.startswith("add ")]
    same = [f for f in bought if f.estimate.quant.id == free[0].estimate.quant.id]
    assert all(f.estimate.speed.decode_tps >= 1.5 * free[0].estimate.speed.decode_tps for f in same)
