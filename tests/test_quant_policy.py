"""The quantization pick, as a property of any set of options: quality band first, then where it
runs, speed only inside a band; below ~3.5 bits only when nothing better runs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing.quant_policy import (
    AS_FAST,
    CACHE_8BIT_KLD,
    SPEED_TOLERANCE,
    Candidate,
    pick,
    placement_rank,
    quality_band,
    raises_os_limit,
)

KLDS = [0.001, 0.005, 0.011, 0.031, 0.036, 0.087, 0.102, 0.184, 0.445, 0.812, 2.2]
candidates = st.builds(
    Candidate,
    kld=st.sampled_from(KLDS),
    verdict=st.sampled_from(["gpu", "partial", "cpu", "no"]),
    decode_tps=st.floats(min_value=0.1, max_value=300, allow_nan=False),
    kv_penalty=st.sampled_from([0, 1]),
    raised_limit=st.booleans(),
)
option_sets = st.lists(candidates, min_size=1, max_size=12)


def _cache_pays(chosen: Candidate, other: Candidate) -> bool:
    """An 8-bit cache option taken over an f16 one: better with the cache's loss counted, at least as fast."""
    return (
        chosen.kv_penalty == 1
        and other.kv_penalty == 0
        and chosen.kld + CACHE_8BIT_KLD < other.kld
        and chosen.decode_tps >= AS_FAST * other.decode_tps
    )


wishes = st.sampled_from([5.0, 10.0, 20.0, 60.0])


def _usable(c: Candidate, min_tps: float) -> bool:
    return not c.raised_limit and (c.verdict == "gpu" or (c.verdict != "no" and c.decode_tps >= min_tps))


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
        same = (
            c.band == chosen.band
            and placement_rank(c.verdict) == placement_rank(chosen.verdict)
            and c.raised_limit == chosen.raised_limit
        )
        if same and (c.kv_penalty, c.kld) < (chosen.kv_penalty, chosen.kld) and not _cache_pays(chosen, c):
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
        and c.raised_limit == chosen.raised_limit
    ]
    best_quality = min(peers, key=lambda c: (c.kv_penalty, c.kld))
    fastest = max(c.decode_tps for c in peers)
    if chosen.offloaded and chosen.band >= 2 and fastest < min_tps:
        # a costly or severe band that is too slow at every option: the best quality of it
        same = (chosen.kv_penalty, chosen.kld) == (best_quality.kv_penalty, best_quality.kld)
        assert same or _cache_pays(chosen, best_quality)
    elif chosen.offloaded:
        # offloaded, every bit read from system RAM costs speed: within the noise of the fastest peer
        assert chosen.decode_tps >= SPEED_TOLERANCE * fastest
    elif best_quality.decode_tps >= min_tps:
        same = (chosen.kv_penalty, chosen.kld) == (best_quality.kv_penalty, best_quality.kld)
        assert same or _cache_pays(chosen, best_quality)
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


@settings(max_examples=400)
@given(option_sets, wishes)
def test_a_fit_under_a_raised_limit_is_picked_only_when_its_band_and_place_have_no_other(
    options: list[Candidate], min_tps: float
) -> None:
    i = pick(options, min_tps)
    if i is None or not options[i].raised_limit:
        return
    chosen = options[i]
    assert not any(
        not c.raised_limit
        and c.band == chosen.band
        and placement_rank(c.verdict) == placement_rank(chosen.verdict)
        for c in options
    )


def test_the_best_quality_stays_when_it_keeps_the_wished_speed() -> None:
    options = [Candidate(0.001, "gpu", 25.0), Candidate(0.031, "gpu", 60.0)]
    assert pick(options, 20.0) == 0


# Offloaded, speed follows the bytes read from system RAM: the ladder of a 30B-A3B MoE with its
# experts in RAM behind an 8 GB laptop GPU (Q8_0, Q6_K, Q5_K_M, Q4_K_M, IQ4_XS; KLDs of quants.yaml)
_OFFLOADED_LADDER = [(0.0010, 14.0), (0.0044, 17.9), (0.0125, 20.6), (0.0313, 23.8), (0.0363, 25.8)]


@pytest.mark.parametrize(
    ("speeds", "min_tps", "picked"),
    [
        ([t for _, t in _OFFLOADED_LADDER], 10.0, 3),  # Q4_K_M: within 10 % of IQ4_XS, better than it
        ([t for _, t in _OFFLOADED_LADDER], 5.0, 3),  # a lower wish changes nothing offloaded
        ([14.0, 14.2, 14.5, 15.0, 15.3], 10.0, 0),  # speeds flat within the noise: the best quality
        ([3.0, 3.8, 4.3, 5.0, 5.4], 10.0, 3),  # slow everywhere: within 10 % of the fastest
    ],
)
def test_offloaded_the_pick_is_the_best_quality_near_the_fastest_of_its_band(
    speeds: list[float], min_tps: float, picked: int
) -> None:
    klds = [kld for kld, _ in _OFFLOADED_LADDER]
    options = [Candidate(kld, "partial", tps) for kld, tps in zip(klds, speeds, strict=True)]
    assert pick(options, min_tps) == picked


@pytest.mark.parametrize("verdict", ["partial", "cpu"])
def test_offloaded_a_faster_option_of_a_worse_band_is_not_taken(verdict: str) -> None:
    options = [Candidate(0.001, verdict, 14.0), Candidate(0.102, verdict, 40.0)]
    assert pick(options, 10.0) == 0


def test_on_the_gpu_the_best_quality_that_keeps_the_wish_stays() -> None:
    options = [Candidate(kld, "gpu", tps) for kld, tps in _OFFLOADED_LADDER]
    assert pick(options, 10.0) == 0


@pytest.mark.parametrize(
    ("options", "picked"),
    [
        # a Mac: 6-bit only under a raised wired limit, 4-bit inside the default share (both slow)
        ([Candidate(0.006, "gpu", 6.2, raised_limit=True), Candidate(0.06, "gpu", 7.8)], 1),
        # the same when both keep the wish: the default share first, whatever the band
        ([Candidate(0.006, "gpu", 16.0, raised_limit=True), Candidate(0.06, "gpu", 21.0)], 1),
        # nothing acceptable fits the default share: the raise, not a 1-2 bit quant
        ([Candidate(0.031, "gpu", 6.0, raised_limit=True), Candidate(2.2, "gpu", 12.0)], 0),
        # two fits under the raise: the better quality
        (
            [Candidate(0.006, "gpu", 6.0, raised_limit=True), Candidate(0.06, "gpu", 8.0, raised_limit=True)],
            0,
        ),
    ],
)
def test_a_fit_under_a_raised_os_limit_comes_after_one_inside_the_default(
    options: list[Candidate], picked: int
) -> None:
    assert pick(options, 10.0) == picked


@pytest.mark.parametrize(
    ("flags", "raises"),
    [
        (["sudo sysctl iogpu.wired_limit_mb=60416"], True),
        (["--prefill-step-size 512", "sudo sysctl iogpu.wired_limit_mb=31744"], True),
        (["--prompt-cache-bytes 4G"], False),
        ([], False),
    ],
)
def test_a_wired_limit_setting_raises_the_os_limit(flags: list[str], raises: bool) -> None:
    assert raises_os_limit(flags) is raises


@pytest.mark.parametrize(
    ("f16_kld", "f16_tps", "q8_kld", "q8_tps", "q8_picked"),
    [
        (0.036, 19.0, 0.031, 23.0, True),  # IQ4_XS with f16 against Q4_K_M with q8_0, faster: Q4_K_M
        (0.036, 19.0, 0.031, 17.0, False),  # the 8-bit cache option slower: the f16 one stays
        (0.0316, 19.0, 0.031, 23.0, False),  # a gain below the cache's own loss: the f16 one stays
    ],
)
def test_an_8bit_cache_is_taken_when_better_even_with_its_loss_and_as_fast(
    f16_kld: float, f16_tps: float, q8_kld: float, q8_tps: float, q8_picked: bool
) -> None:
    options = [Candidate(f16_kld, "gpu", f16_tps), Candidate(q8_kld, "gpu", q8_tps, kv_penalty=1)]
    assert pick(options, 10.0) == (1 if q8_picked else 0)


def test_a_4bit_cache_is_not_taken_over_f16_for_quality() -> None:
    options = [Candidate(0.036, "gpu", 19.0), Candidate(0.031, "gpu", 23.0, kv_penalty=2)]
    assert pick(options, 10.0) == 0


@pytest.mark.parametrize(
    ("options", "min_tps", "picked"),
    [
        # 1-2 bits offloaded, all too slow: the better of the two, though a little slower
        ([Candidate(2.21, "partial", 4.6), Candidate(0.81, "partial", 4.1)], 10.0, 1),
        ([Candidate(0.445, "cpu", 2.0), Candidate(0.184, "cpu", 1.6)], 5.0, 1),
        # the wish is reached in the band: the faster within the noise stays the rule
        ([Candidate(2.21, "partial", 14.6), Candidate(0.81, "partial", 11.0)], 10.0, 0),
        # a small-loss band too slow everywhere: speed still trades for a loss no one sees
        ([Candidate(0.031, "partial", 4.6), Candidate(0.011, "partial", 3.1)], 10.0, 0),
    ],
)
def test_a_costly_band_too_slow_everywhere_takes_its_best_quality(
    options: list[Candidate], min_tps: float, picked: int
) -> None:
    assert pick(options, min_tps) == picked


@pytest.mark.parametrize(
    ("options", "picked"),
    [
        # 16-bit weights against 8-bit ones of the same practically lossless quality, clearly faster
        ([Candidate(0.0, "gpu", 13.0, bits=16), Candidate(0.0015, "gpu", 20.0, bits=8)], 1),
        ([Candidate(0.0005, "gpu", 40.0, bits=16), Candidate(0.0014, "gpu", 75.0, bits=8.5)], 1),
        # not clearly faster: the 16-bit weights stay
        ([Candidate(0.0, "gpu", 30.0, bits=16), Candidate(0.0015, "gpu", 32.0, bits=8)], 0),
        # faster but a small loss, not practically lossless: the 16-bit weights stay
        ([Candidate(0.0, "gpu", 13.0, bits=16), Candidate(0.031, "gpu", 40.0, bits=4.5)], 0),
        # an 8-bit pick stays 8-bit: the rule turns only 16-bit weights down
        ([Candidate(0.0014, "gpu", 20.0, bits=8.5), Candidate(0.0055, "gpu", 26.0, bits=6.5)], 0),
    ],
)
def test_sixteen_bits_give_way_to_a_clearly_faster_practically_lossless_option(
    options: list[Candidate], picked: int
) -> None:
    assert pick(options, 10.0) == picked
