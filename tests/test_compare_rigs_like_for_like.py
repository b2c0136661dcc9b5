"""Rigs compared for one model: a bigger card that picks a finer quant is also shown at the other's
quant (speeds at different quants hide how much faster it is); a third rig is never left unsaid; two
rigs at the same quant and placement say it once."""

from __future__ import annotations

from sizing import Catalog, parse_hardware
from sizing.compare import Comparison, compare
from sizing.estimate import estimate_again


def _compare(catalog: Catalog, model_id: str, *rigs: str) -> Comparison:
    m = catalog.by_id[model_id]
    return compare([(m, (), parse_hardware(r)) for r in rigs])


def test_a_card_that_picks_a_finer_quant_is_also_weighed_at_the_other_cards_quant(catalog: Catalog) -> None:
    c = _compare(catalog, "qwen3-32b", "RTX 5090", "RTX 4090")
    big, small = c.sides[0].estimate, c.sides[1].estimate
    assert c.winner == 0 and big is not None and small is not None
    assert big.quant.kld < small.quant.kld  # the 32 GB card picks the finer quant
    like = estimate_again(big, c.sides[0].hardware, quant=small.quant)
    assert like is not None and like.speed.decode_tps > big.speed.decode_tps
    assert f"at the same {small.quant.id}" in c.verdict
    assert f"it also fits {big.quant.id}" in c.verdict


def test_the_same_quant_on_both_cards_is_weighed_as_is(catalog: Catalog) -> None:
    c = _compare(catalog, "qwen3-8b", "RTX 3090", "RTX 4090")
    a, b = c.sides[0].estimate, c.sides[1].estimate
    assert a is not None and b is not None and a.quant.id == b.quant.id
    assert "at the same" not in c.verdict
    assert f"(both {a.quant.id}, fully on the GPU)" in c.verdict


def test_a_third_rig_is_named_with_its_fit_and_speed(catalog: Catalog) -> None:
    c = _compare(catalog, "llama-3.3-70b", "RTX 4090", "RTX 5090", "2x RTX 3090")
    assert c.winner is not None
    for side in c.sides:
        assert side.hardware.gpus[0].name in c.verdict
    third = c.sides[0]
    assert third.estimate is not None and third.estimate.verdict != "gpu"
    assert f"{third.estimate.quant.id}, partly offloaded" in c.verdict
