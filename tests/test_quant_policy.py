"""The quantization pick, as a property of any set of options: quality band first, then where it
runs, speed only inside a band; below ~3.5 bits only when nothing better runs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing.quant_policy import SPEED_TOLERANCE, Candidate, pick, placement_rank, quality_band

KLDS = [0.001, 0.005, 0.011, 0.031, 0.036, 0.087, 0.102, 0.184, 0.445, 0.812, 2.2]
candidates = st.builds(
    Candidate,
    kld=st.sampled_from(KLDS),
    verdict=st.sampled_from(["gpu", "partial", "cpu", "no"]),
    decode_tps=st.floats(min_value=0.1, max_value=300, allow_nan=False),
    kv_penalty=st.sampled_from([0, 1]),
)
option_sets = st.lists(candidates, min_size=1, max_size=12)
wishes = st.sampled_from([5.0, 10.0, 20.0, 60.0])


def _usable(c: Candidate, min_tps: float) -> bool:
    return c.verdict == "gpu" or (c.verdict != "no" and c.decode_tps >= min_tps)


@settings(max_examples=400)
@given(option_sets, wishes)
def test_the_pick_runs_whenever_anything_runs(options: list[Candidate], min_tps: float) -> None:
    i = pick(options, min_tps)
    assert (i is None) == all(c.verdict == "no" for c in options)


@settings(max_examples=400)
@given(option_sets, wishes)
def test_the_pick_is_never_in_a_worse_band_than_an_option_that_fits_or_keeps_up(
    options: list[Candidate], min_tps: float
) -> None:
    i = pick(options, min_tps)
    if i is None:
        return
    chosen = options[i]
    for c in options:
        if _usable(c, min_tps):
            assert chosen.band <= c.band


@settings(max_examples=400)
@given(option_sets, wishes)
def test_below_three_and_a_half_bits_only_when_nothing_better_runs(
    options: list[Candidate], min_tps: float
) -> None:
    i = pick(options, min_tps)
    if i is None:
        return
    if any(c.verdict != "no" and c.band <= 1 for c in options):
        assert options[i].band <= 1


@settings(max_examples=400)
@given(option_sets, wishes)
def test_nothing_in_the_picks_band_and_place_is_both_better_and_as_fast(
    options: list[Candidate], min_tps: float
) -> None:
    i = pick(options, min_tps)
    if i is None:
        return
    chosen = options[i]
    for c in options:
        same = c.band == chosen.band and placement_rank(c.verdict) == placement_rank(chosen.verdict)
        if same and (c.kv_penalty, c.kld) < (chosen.kv_penalty, chosen.kld):
            assert c.decode_tps < chosen.decode_tps or c.decode_tps < min_tps * SPEED_TOLERANCE


@settings(max_examples=400)
@given(option_sets, wishes)
def test_speed_trades_quality_only_within_the_estimates_noise_of_the_reachable_speed(
    options: list[Candidate], min_tps: float
) -> None:
    i = pick(options, min_tps)
    if i is None:
        return
    chosen = options[i]
    peers = [
        c
        for c in options
        if c.verdict != "no"
        and c.band == chosen.band
        and placement_rank(c.verdict) == placement_rank(chosen.verdict)
    ]
    best_quality = min(peers, key=lambda c: (c.kv_penalty, c.kld))
    if best_quality.decode_tps >= min_tps:
        assert (chosen.kv_penalty, chosen.kld) == (best_quality.kv_penalty, best_quality.kld)
    else:
        reachable = min(min_tps, max(c.decode_tps for c in peers))
        assert chosen.decode_tps >= SPEED_TOLERANCE * reachable


@pytest.mark.parametrize(
    ("kld", "band"),
    [(0.0, 0), (0.031, 0), (0.0499, 0), (0.05, 1), (0.102, 1), (0.15, 2), (0.445, 2), (0.5, 3), (2.2, 3)],
)
def test_bands_follow_the_kl_divergence(kld: float, band: int) -> None:
    assert quality_band(kld) == band


def test_a_slow_four_bit_offload_beats_one_bit_on_the_gpu() -> None:
    options = [Candidate(0.031, "partial", 1.2), Candidate(2.2, "gpu", 12.0)]
    assert pick(options, 10.0) == 0


def test_four_bits_on_the_gpu_beat_eight_bits_offloaded_at_the_same_band() -> None:
    options = [Candidate(0.001, "partial", 40.0), Candidate(0.031, "gpu", 160.0)]
    assert pick(options, 10.0) == 1


def test_three_bits_on_the_gpu_beat_a_slow_four_bit_offload() -> None:
    options = [Candidate(0.031, "partial", 4.0), Candidate(0.102, "gpu", 15.0)]
    assert pick(options, 10.0) == 1


def test_the_best_quality_stays_when_it_keeps_the_wished_speed() -> None:
    options = [Candidate(0.001, "gpu", 25.0), Candidate(0.031, "gpu", 60.0)]
    assert pick(options, 20.0) == 0
