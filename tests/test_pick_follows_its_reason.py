"""A pick follows the reason it gives, and no option is both better and faster than it: models without
a public score on file are judged on fit and speed, as the verdict says; an option of better quality
that is clearly faster is the pick even where it needs a quantized KV cache; rigs as fast as each other
at quantizations of different quality are told apart by that quality, never called the same."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog
from sizing.catalog import quant_by_id
from sizing.quant_policy import Candidate, pick


def test_better_and_clearly_faster_beats_room_to_grow() -> None:
    q4_f16 = Candidate(kld=0.031, verdict="gpu", decode_tps=95.0)
    q6_q8 = Candidate(kld=0.005, verdict="gpu", decode_tps=115.0, kv_penalty=1)
    assert pick([q4_f16, q6_q8], min_tps=10.0) == 1


@pytest.mark.parametrize("tps", [85.0, 90.0])  # slower than the f16 run, past the estimate's noise
def test_a_quantized_cache_that_is_slower_keeps_the_room_to_grow(tps: float) -> None:
    q4_f16 = Candidate(kld=0.031, verdict="gpu", decode_tps=95.0)
    q5_q8 = Candidate(kld=0.012, verdict="gpu", decode_tps=tps, kv_penalty=1)
    assert pick([q4_f16, q5_q8], min_tps=10.0) == 0


@pytest.mark.parametrize("tps", [93.0, 95.0, 100.0])  # as fast, within noise: finer weights win
def test_finer_weights_with_an_eight_bit_cache_as_fast_are_the_pick(tps: float) -> None:
    q4_f16 = Candidate(kld=0.031, verdict="gpu", decode_tps=95.0)
    q5_q8 = Candidate(kld=0.012, verdict="gpu", decode_tps=tps, kv_penalty=1)
    assert pick([q4_f16, q5_q8], min_tps=10.0) == 1


def test_the_quants_asked_pick_the_better_and_faster_one(catalog: Catalog) -> None:
    a = answer_text("qwen3-30b-a3b on a 5090 with 128k context, q8 or q6 or q4?", catalog)
    pick_ = a.options[0]
    assert pick_.placement.verdict == "gpu"
    others = [o for o in a.options[1:] if o.placement.verdict == "gpu"]
    # no option fully on the GPU is both of better quality (lower KLD) and faster than the pick
    kld = {q.id: q.kld for q in (quant_by_id(o.quant) for o in a.options)}
    assert not any(
        kld[o.quant] < kld[pick_.quant] and o.speed.decode_tps > pick_.speed.decode_tps for o in others
    )
    assert pick_.quant == "Q6_K"


def test_models_without_a_score_are_judged_on_fit_and_speed_as_said(catalog: Catalog) -> None:
    a = answer_text("qwen3.6 27b or qwen3.6 35b a3b for coding on a 3090", catalog)
    assert "judged on fit and speed" in a.verdict
    assert a.winner is not None
    won = a.comparisons[a.winner]
    assert won.estimate is not None
    for c in a.comparisons:
        if c.estimate is not None and c.estimate.placement.verdict == won.estimate.placement.verdict:
            assert won.estimate.speed.decode_tps >= c.estimate.speed.decode_tps


def test_rigs_as_fast_at_quants_of_different_quality_are_not_the_same(catalog: Catalog) -> None:
    a = answer_text("rtx pro 6000 96gb or 2x 5090 for qwen3-235b-a22b?", catalog)
    assert not a.verdict.startswith("About the same")
    assert a.winner is not None and "PRO 6000" in a.comparisons[a.winner].hardware.gpus[0].name
    assert "severe loss" in a.verdict or "large loss" in a.verdict
