"""'A smaller X runs better here' is never a downgrade: not where another quantization of the asked
model (an option shown, or a fix on the same rig) runs at the wished speed at an acceptable quality,
nor beside a model as large as a few hundred billion parameters whose low-bit build runs at that speed
(large models lose far less to quantization)."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog


def _sibling_hints(catalog: Catalog, text: str) -> list[str]:
    return [h for h in answer_text(text, catalog).hints if "runs better here" in h]


@pytest.mark.parametrize(
    "text",
    [
        # Q6_K averages under 10 tokens/s over 128k; Q5_K_M and Q4_K_M reach it fully on the GPUs
        "llama 3.1 70b at 128k context with a q8 kv cache on four 3090s",
        # Q4_K_M needs RAM not stated; IQ3_XS fits the one card at ~75 tokens/s
        "qwen3 235b at q4 on one rtx pro 6000 96gb",
        # FP8 does not fit a 4090; AWQ-INT4 does, at about 38 tokens/s
        "qwen3 32b fp8 with sglang on a 4090",
    ],
)
def test_no_smaller_sibling_where_another_quant_of_the_model_runs_well(catalog: Catalog, text: str) -> None:
    assert _sibling_hints(catalog, text) == []


def test_no_smaller_sibling_beside_a_huge_model_at_low_bits_and_the_wished_speed(catalog: Catalog) -> None:
    a = answer_text("deepseek r1 across two dgx sparks", catalog)
    top = a.options[0]
    assert catalog.by_id[top.model.id].params_b > 600 and top.speed.decode_tps >= 10
    assert not [h for h in a.hints if "runs better here" in h]


def test_a_smaller_sibling_is_still_named_where_nothing_of_the_model_runs_well(catalog: Catalog) -> None:
    assert _sibling_hints(catalog, "phi-4 on a raspberry pi 5 with 8gb")
