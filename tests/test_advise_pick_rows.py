"""One configuration per quantization wherever the answer weighs it: the row the table shows (its
q8_0-cache run where that is the one the pick takes) is the one the "best quality" sentence, the
offload note and the comparison of the quantizations asked quote; and where every quantization asked
is offloaded, a same-band one that fits on the GPU and is clearly faster is the pick."""

from __future__ import annotations

import re

import pytest

from sizing import Catalog, advise, parse_hardware
from sizing.quant_policy import quality_band


def _rows(advice: object) -> dict[str, float]:
    """The speed of the row shown for each quantization (the first row of it)."""
    rows: dict[str, float] = {}
    for o in advice.options:  # type: ignore[attr-defined]
        rows.setdefault(o.estimate.quant.id, o.estimate.speed.decode_tps)
    return rows


@pytest.mark.parametrize(
    ("model_id", "rig", "context"),
    [
        ("nemotron-3-nano-30b-a3b", "RTX 3070 8GB, 32GB DDR4", 1_048_576),
        ("qwen3-30b-a3b", "RTX 4060 8GB laptop, 32GB DDR5", 65_536),
    ],
)
def test_the_best_quality_sentence_quotes_the_run_the_pick_would_take(
    catalog: Catalog, model_id: str, rig: str, context: int
) -> None:
    a = advise(catalog.by_id[model_id], parse_hardware(rig), context=context)
    m = re.search(
        r"For the best quality, (\S+) also fits .*? at ~([\d.,]+) tokens/s( on an empty context)?", a.summary
    )
    assert m is not None, a.summary
    quant, said = m.group(1), float(m.group(2).replace(",", ""))
    same = [o.estimate for o in a.options if o.estimate.quant.id == quant]
    # the first speed said is on an empty context where the sentence gives both ends of the context
    fastest = max(same, key=lambda e: e.speed.decode_tps)
    start = (
        fastest.speed.curve[0].decode_tps if "on an empty context" in m.group(0) else fastest.speed.decode_tps
    )
    assert same and said == pytest.approx(start, rel=0.1)
    note = next((x for x in a.options[0].estimate.assumptions if x.startswith("quantization:")), "")
    if note:
        ratio = float(re.search(r"about ([\d.]+)x as fast", note).group(1))  # type: ignore[union-attr]
        pick = a.options[0].estimate.speed.decode_tps
        assert ratio == pytest.approx(pick / fastest.speed.decode_tps, abs=0.15)


def test_quantizations_asked_that_are_all_offloaded_give_way_to_a_same_band_fit_on_the_gpu(
    catalog: Catalog,
) -> None:
    a = advise(
        catalog.by_id["devstral-small-2-24b"],
        parse_hardware("RTX 4060 Ti 16GB"),
        context=32_768,
        choices=("Q4_K_M", "Q5_K_M"),
    )
    first = a.options[0].estimate
    asked = [o.estimate for o in a.options if o.estimate.quant.id in ("Q4_K_M", "Q5_K_M")]
    assert first.verdict == "gpu" and first.quant.id not in ("Q4_K_M", "Q5_K_M")
    assert {e.quant.id for e in asked} == {"Q4_K_M", "Q5_K_M"} and len(asked) == 2  # one row each
    assert all(quality_band(e.quant.kld) == quality_band(first.quant.kld) for e in asked)
    assert all(first.speed.decode_tps * 0.9 > e.speed.decode_tps for e in asked)
    assert "none fits fully on the GPU" in a.summary
    for e in asked:  # each asked quantization is quoted at the speed of its row
        assert f"{e.quant.id} (" in a.summary and f"~{e.speed.decode_tps:.1f} tokens/s" in a.summary


def test_quantizations_asked_that_fit_keep_the_pick_among_them(catalog: Catalog) -> None:
    a = advise(
        catalog.by_id["qwen3-14b"], parse_hardware("RTX 3090"), context=16_384, choices=("Q4_K_M", "Q6_K")
    )
    assert a.options[0].estimate.quant.id in ("Q4_K_M", "Q6_K")
    assert "Of the quantizations asked" in a.summary and "none fits" not in a.summary
