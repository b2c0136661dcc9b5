"""Rigs or models side by side (sizing.compare): the winner runs it, then is the faster (rigs), the
better by public scores (models) or the cheaper (when cost comes first); an upgrade says what it
changes and what it costs."""

from __future__ import annotations

import pytest

from sizing import Catalog, Hardware, SizingError, parse_hardware
from sizing.compare import compare, quality_verdict, reference_model
from sizing.quant_policy import quality_band
from sizing.scores import quality


def _rigs(catalog: Catalog, model_id: str, *rigs: str) -> list[tuple[object, tuple[str, ...], Hardware]]:
    m = catalog.by_id[model_id]
    return [(m, (), parse_hardware(r)) for r in rigs]


@pytest.mark.parametrize(
    ("model_id", "rigs", "winner", "why"),
    [
        ("qwen3-32b", ("RTX 3090", "RTX 4090"), 1, "faster"),  # both fit: the 4090 reads its weights faster
        ("llama-3.3-70b", ("2x RTX 3090", "RTX 4090"), 0, "fits"),  # one 24 GB card cannot hold 70B at 4 bits
        ("gpt-oss-20b", ("RTX 4070", "RTX 5090"), 1, "faster"),
    ],
)
def test_the_rig_that_runs_it_better_wins(
    catalog: Catalog, model_id: str, rigs: tuple[str, ...], winner: int, why: str
) -> None:
    c = compare(_rigs(catalog, model_id, *rigs))  # type: ignore[arg-type]
    assert c.winner == winner and "wins" in c.verdict
    won, lost = c.sides[winner], c.sides[1 - winner]
    assert won.estimate is not None and lost.estimate is not None
    assert won.estimate.verdict == "gpu"
    if why == "faster":
        assert won.speed(False) > lost.speed(False)
    else:
        assert lost.estimate.verdict != "gpu"


def test_a_rig_that_runs_a_better_quant_wins_over_a_faster_one(catalog: Catalog) -> None:
    c = compare(_rigs(catalog, "llama-3.3-70b", "RTX 5090", "2x RTX 3090"))  # type: ignore[arg-type]
    won, lost = c.sides[1], c.sides[0]
    assert c.winner == 1 and won.estimate is not None and lost.estimate is not None
    assert won.estimate.quant.kld < lost.estimate.quant.kld
    assert won.speed(False) < lost.speed(False)
    assert f"it runs {won.estimate.quant.id}" in c.verdict and f"needs {lost.estimate.quant.id}" in c.verdict


def test_a_faster_rig_that_wins_only_at_a_worse_quant_says_what_it_gives_up(catalog: Catalog) -> None:
    """The Mac keeps the 70B at 5 bits but misses 10 tokens/s; the 5090 keeps up only at 3 bits."""
    c = compare(_rigs(catalog, "llama-3.3-70b", "RTX 5090", "M4 Max 128GB"))  # type: ignore[arg-type]
    won, lost = c.sides[0], c.sides[1]
    assert c.winner == 0 and won.estimate is not None and lost.estimate is not None
    assert won.estimate.quant.kld > lost.estimate.quant.kld
    assert f"but only at {won.estimate.quant.id}" in c.verdict
    assert f"runs {lost.estimate.quant.id}" in c.verdict


def test_reading_the_prompt_is_compared_when_asked(catalog: Catalog) -> None:
    c = compare(_rigs(catalog, "llama-3.3-70b", "M2 Max 64GB", "2x RTX 3090"), prompt_speed=True)  # type: ignore[arg-type]
    assert c.winner == 1 and "reading the prompt" in c.verdict
    assert c.sides[1].speed(True) > c.sides[0].speed(True)


def test_with_both_speeds_asked_generating_ranks_and_the_fastest_prompt_reader_is_named(
    catalog: Catalog,
) -> None:
    c = compare(_rigs(catalog, "llama-3.3-70b", "M2 Max 64GB", "2x RTX 3090"), both_speeds=True)  # type: ignore[arg-type]
    assert "generating" in c.verdict and "reads the prompt fastest" in c.verdict
    plain = compare(_rigs(catalog, "llama-3.3-70b", "M2 Max 64GB", "2x RTX 3090"))  # type: ignore[arg-type]
    assert c.winner == plain.winner and "reads the prompt" not in plain.verdict


def test_cost_first_picks_the_cheaper_rig_that_keeps_up(catalog: Catalog) -> None:
    c = compare(_rigs(catalog, "qwen3-8b", "RTX 3090", "RTX 4090"), prefer="cost")  # type: ignore[arg-type]
    assert c.winner == 0  # both keep 10 tok/s; the used 3090 costs less
    assert c.sides[0].price is not None and c.sides[1].price is not None
    assert c.sides[0].price.usd < c.sides[1].price.usd


def test_prices_are_shown_for_priced_rigs(catalog: Catalog) -> None:
    c = compare(_rigs(catalog, "qwen3-32b", "RTX 3090", "RTX 4090"))  # type: ignore[arg-type]
    assert all(s.price is not None for s in c.sides)
    assert f"${c.sides[0].price.usd:,.0f}" in c.verdict  # type: ignore[union-attr]


def test_between_models_public_quality_decides_when_both_keep_up(catalog: Catalog) -> None:
    hw = parse_hardware("RTX 3060 12GB")
    sides = [(catalog.by_id[i], (), hw) for i in ("qwen3-30b-a3b", "qwen3-14b")]
    c = compare(sides)
    scores = [quality(s.model.id, "chat") for s in c.sides]
    assert all(x is not None for x in scores)
    best = max(range(2), key=lambda i: scores[i].value)  # type: ignore[union-attr]
    assert c.winner == best and "Quality" in c.verdict


def test_between_models_speed_decides_when_speed_comes_first(catalog: Catalog) -> None:
    hw = parse_hardware("RTX 4090")
    c = compare([(catalog.by_id[i], (), hw) for i in ("qwen3-32b", "gemma-3-27b")], prefer="speed")
    assert c.winner is not None
    assert c.sides[c.winner].speed(False) == max(s.speed(False) for s in c.sides)


def test_the_faster_model_wins_a_speed_question_though_the_slower_fits_more_fully(catalog: Catalog) -> None:
    hw = parse_hardware("RTX 4070, 32GB RAM")
    c = compare([(catalog.by_id[i], (), hw) for i in ("qwen3-30b-a3b", "qwen3-14b")], prefer="speed")
    assert c.winner is not None
    won, lost = c.sides[c.winner], c.sides[1 - c.winner]
    assert won.speed(False) >= lost.speed(False)
    assert f"{won.model.name} is the faster" in c.verdict or "about as fast" in c.verdict


def test_an_upgrade_says_what_it_changes_and_costs(catalog: Catalog) -> None:
    c = compare(_rigs(catalog, "llama-3.3-70b", "RTX 3090", "2x RTX 3090"), change="adding 1x RTX 3090")  # type: ignore[arg-type]
    before, after = c.sides
    assert before.estimate is not None and after.estimate is not None
    assert after.estimate.verdict == "gpu" and before.estimate.verdict != "gpu"
    assert "adding 1x RTX 3090" in c.verdict and "->" in c.verdict
    assert before.price is not None and after.price is not None
    assert f"${after.price.usd - before.price.usd:,.0f}" in c.verdict


def test_when_neither_runs_it_says_so(catalog: Catalog) -> None:
    c = compare(_rigs(catalog, "deepseek-v3", "2x RTX 3090", "4x RTX 3090"))  # type: ignore[arg-type]
    assert c.winner is None and c.verdict.startswith("Neither")


def test_a_comparison_needs_two_sides(catalog: Catalog) -> None:
    with pytest.raises(SizingError):
        compare(_rigs(catalog, "qwen3-8b", "RTX 3090"))  # type: ignore[arg-type]


def test_without_a_model_the_rigs_are_compared_on_one_the_bigger_holds(catalog: Catalog) -> None:
    rigs = [parse_hardware("2x Tesla P40"), parse_hardware("2x Tesla P40, RTX 3090")]
    m = reference_model(catalog.models, rigs, None)
    assert m is not None
    c = compare([(m, (), hw) for hw in rigs])
    assert c.sides[1].runs


@pytest.mark.parametrize("task", ["code", "vision"])
def test_without_a_model_the_rigs_are_compared_on_one_made_for_the_task_asked(
    catalog: Catalog, task: str
) -> None:
    rigs = [parse_hardware("RTX 3090, 64GB DDR5"), parse_hardware("2x RTX 3090, 64GB DDR5")]
    m = reference_model(catalog.models, rigs, None, task)
    assert m is not None and task in m.tasks


def test_models_about_as_fast_are_said_to_be(catalog: Catalog) -> None:
    hw = parse_hardware("RTX 3090")  # two models of one shape: the same speed
    sides = [(catalog.by_id[m], (), hw) for m in ("qwen3-30b-a3b", "qwen3-coder-30b-a3b")]
    c = compare(sides, prefer="speed")  # type: ignore[arg-type]
    assert "about as fast" in c.verdict and "is the faster" not in c.verdict


def test_two_upgrades_weighed_name_each_its_speed_and_cost_and_the_better_buy(catalog: Catalog) -> None:
    rigs = _rigs(
        catalog, "qwen3-30b-a3b", "RTX 3060, 32GB DDR4", "2x RTX 3060, 32GB DDR4", "RTX 3060, 96GB DDR4"
    )
    c = compare(rigs, change="adding 1x RTX 3060", instead="system RAM to 96 GB")  # type: ignore[arg-type]
    _, card, _ = c.sides
    assert card.estimate is not None and card.estimate.verdict == "gpu"  # 24 GB holds it at 4 bits
    assert "adding 1x RTX 3060 gives ~" in c.verdict and "system RAM to 96 GB instead gives ~" in c.verdict
    assert "The better buy: adding 1x RTX 3060. Why: " in c.verdict
    # the RAM is priced by the gigabyte: 64 GB of DDR4 at the dated price on file
    assert "about $" in c.verdict.split("instead")[1]


def test_models_are_ranked_on_public_quality_with_the_scores_and_their_source(catalog: Catalog) -> None:
    models = [catalog.by_id["qwen3-32b"], catalog.by_id["gemma-3-27b"]]
    scores = {m.id: quality(m.id, "chat") for m in models}
    assert all(s is not None for s in scores.values())
    top = max(models, key=lambda m: scores[m.id].value)  # type: ignore[union-attr]
    verdict = quality_verdict(models)
    assert verdict.startswith(top.name) and "0-100 scale" in verdict


def test_a_model_without_a_score_is_named_as_such(catalog: Catalog) -> None:
    unscored = next(m for m in catalog.models if quality(m.id, "chat") is None)
    verdict = quality_verdict([catalog.by_id["qwen3-32b"], unscored])
    assert f"No public quality score on file for {unscored.name}" in verdict


def _two_boards(catalog: Catalog) -> tuple[str, str]:
    """Two models whose chat scores come from different boards, the reference board's one of them."""
    scored = [(m.id, quality(m.id, "chat")) for m in catalog.models]
    reference = next(i for i, q in scored if q is not None and q.uncertainty == 0)
    fitted = next(i for i, q in scored if q is not None and q.uncertainty > 0)
    return reference, fitted


def test_scores_from_two_boards_name_each_board_and_their_spread(catalog: Catalog) -> None:
    a, b = _two_boards(catalog)
    verdict = quality_verdict([catalog.by_id[a], catalog.by_id[b]])
    qa, qb = quality(a, "chat"), quality(b, "chat")
    assert qa is not None and qb is not None
    assert qa.source_name in verdict and qb.source_name in verdict
    assert "±" in verdict


def test_scores_from_two_boards_closer_than_their_fits_rate_about_the_same(catalog: Catalog) -> None:
    a, b = _two_boards(catalog)
    qa, qb = quality(a, "chat"), quality(b, "chat")
    assert qa is not None and qb is not None
    near = qb.model_copy(update={"value": qa.value + qb.uncertainty * 0.9})
    assert qa.about_the_same_as(near, 1.0)
    same_board = qa.model_copy(update={"value": qa.value + qb.uncertainty * 0.9})
    assert not qa.about_the_same_as(same_board, 1.0)  # one board: a point apart is a difference


def test_a_chip_whose_name_holds_its_memory_is_named_once(catalog: Catalog) -> None:
    hw = parse_hardware("Jetson AGX Orin 64GB")
    c = compare([(catalog.by_id[i], (), hw) for i in ("qwen2.5-32b", "llama-3.1-70b")])
    assert "64 GB 64 GB" not in c.verdict and "64 GB" in c.verdict


def test_a_chip_whose_memory_is_unsaid_is_named_alone(catalog: Catalog) -> None:
    hw = parse_hardware("MacBook Pro M5")
    c = compare([(catalog.by_id[i], (), hw) for i in ("qwen3-8b", "gemma-3-12b")])
    assert hw.soc is not None and hw.unified_memory_gb is None
    assert hw.soc.name in c.verdict and "None" not in c.verdict


def test_two_rigs_for_two_models_are_weighed_for_each_model_in_turn(catalog: Catalog) -> None:
    models = [catalog.by_id["gpt-oss-120b"], catalog.by_id["qwen3-235b-a22b"]]
    rigs = [parse_hardware("DGX Spark"), parse_hardware("Mac Studio M4 Max 128GB")]
    c = compare([(m, (), hw) for m in models for hw in rigs])
    assert len(c.sides) == 4
    assert {(s.model.id, s.hardware.canonical()) for s in c.sides} == {
        (m.id, hw.canonical()) for m in models for hw in rigs
    }
    first, second = c.verdict.index("gpt-oss-120b"), c.verdict.index("Qwen3 235B A22B")
    assert first < second  # in the order the models were named
    assert c.winner is not None and c.sides[c.winner].model.id == "gpt-oss-120b"
    rivals = [s for s in c.sides if s.model.id == "gpt-oss-120b"]
    assert c.sides[c.winner].speed(False) == max(s.speed(False) for s in rivals)


@pytest.mark.parametrize(
    ("model_id", "before", "after", "newly"),
    [
        # an offloaded MoE: the pick stays at 4 bits for speed, but 128 GB also holds 8 bits
        ("glm-4.5-air", "RTX 4090 + 64GB RAM", "RTX 4090 + 128GB RAM", "Q8_0"),
        ("gpt-oss-120b", "RTX 3090 + 64GB RAM", "RTX 3090 + 128GB RAM", None),  # one published quant
        ("qwen3-8b", "RTX 4090 + 32GB RAM", "RTX 4090 + 64GB RAM", None),  # already at its best on the card
        # the upgraded rig's pick is its best (Q4_K_M fully on two cards): the verdict's quants say it
        ("llama-3.3-70b", "RTX 3090 + 64GB RAM", "2x RTX 3090 + 64GB RAM", None),
    ],
)
def test_an_upgrade_names_a_better_quant_it_newly_holds_beside_the_best_now(
    catalog: Catalog, model_id: str, before: str, after: str, newly: str | None
) -> None:
    c = compare(_rigs(catalog, model_id, before, after), change="more system RAM")  # type: ignore[arg-type]
    now = c.sides[0]
    best_now = now.top or now.estimate
    assert best_now is not None
    if newly is None:
        assert "The gain is quality" not in c.verdict
    else:
        assert f"The gain is quality: {newly} (practically lossless)" in c.verdict
        assert f"where now the best is {best_now.quant.id} (small loss)" in c.verdict


@pytest.mark.parametrize(
    ("model_id", "rigs", "users", "engine", "winner"),
    [
        # 16 users of a dense 32B: the pair of 3090s holds every cache; the one faster card does not
        ("qwen3-32b", ("RTX 4090", "2x RTX 3090"), 16, None, 1),
        ("qwen3-32b", ("RTX 5090", "2x RTX 3090"), 16, None, 1),
        # 50 chat users on an 80 GB card: BF16 weights leave no room for their caches, FP8 does
        ("qwen3.5-35b-a3b", ("H100 SXM", "2x L40S"), 50, "vllm", 0),
    ],
)
def test_rigs_for_several_users_are_weighed_on_serving_them_all(
    catalog: Catalog, model_id: str, rigs: tuple[str, ...], users: int, engine: str | None, winner: int
) -> None:
    c = compare(_rigs(catalog, model_id, *rigs), users=users, engine=engine)  # type: ignore[arg-type]
    assert c.winner == winner
    assert c.verdict.startswith(f"For {users} users at once, ")
    won = c.sides[winner].estimate
    assert won is not None and won.speed.serving is not None
    held = won.speed.serving.users_held
    assert held is None or held >= users  # the winner serves every user at once
    for side in c.sides:
        e = side.estimate
        assert e is not None and e.speed.serving is not None
        alone = compare(_rigs(catalog, model_id, *rigs), engine=engine).sides[c.sides.index(side)].estimate
        assert alone is not None and quality_band(e.quant.kld) <= quality_band(alone.quant.kld)
        assert f"~{e.speed.serving.aggregate_tps:,.0f} in all" in c.verdict


def test_an_h100_serving_many_users_gets_fp8_weights_where_bf16_leaves_no_room(catalog: Catalog) -> None:
    sides = _rigs(catalog, "qwen3.5-35b-a3b", "H100 SXM", "2x L40S")
    bf16 = compare(sides, users=50, engine="vllm", quant="BF16-HF").sides[0].estimate  # type: ignore[arg-type]
    e = compare(sides, users=50, engine="vllm").sides[0].estimate  # type: ignore[arg-type]
    assert bf16 is not None and bf16.speed.serving is not None and e is not None
    assert (bf16.speed.serving.users_held or 0) < 50
    assert e.quant.id == "FP8" and e.speed.serving is not None
    assert e.speed.serving.users_held is None or e.speed.serving.users_held >= 50
