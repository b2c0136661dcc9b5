"""SGLang's latent-attention decode: DeepSeek at FP8 with TP 8 on eight H200s is sized near what a
public run of a current SGLang release measured for several users at once, and the calibration keeps
SGLang's own cost per MLA block when it ties SGLang's other values to vLLM's."""

from __future__ import annotations

import pytest

from benchmarks.calibrate_speed import ENGINE_OWN
from sizing import Catalog, estimate, parse_hardware
from sizing.speed import load_speed_params

# users at once, tokens/s each: SGLang v0.5.7, DeepSeek R1 FP8, TP 8 on 8x H200 (SemiAnalysisAI/InferenceX
# issue #389: TPOT 12.37 / 16.58 / 25.64 ms)
MEASURED = [(8, 1000 / 12.37), (16, 1000 / 16.58), (32, 1000 / 25.64)]


@pytest.mark.parametrize(("users", "each"), MEASURED)
def test_deepseek_on_eight_h200s_with_sglang_is_near_the_measured_speed_per_user(
    catalog: Catalog, users: int, each: float
) -> None:
    e = estimate(
        catalog.by_id["deepseek-r1"],
        parse_hardware("8x H200"),
        engine="sglang",
        quant="FP8",
        context=2048,
        users=users,
    )
    assert e.speed.serving is not None
    assert 0.75 * each <= e.speed.serving.per_user_tps <= 1.25 * each


def test_the_calibration_keeps_sglangs_own_mla_cost() -> None:
    params = load_speed_params()
    for engine, own in ENGINE_OWN.items():
        for name, value in own.items():
            assert getattr(params.engines[engine], name) == pytest.approx(value)
    assert params.engines["sglang"].mla_layer_us != params.engines["vllm"].mla_layer_us
