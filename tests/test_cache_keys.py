"""Caches keyed by object identity answer as if keyed by value: the same objects asked again are
served from the cache, equal objects that are others and other objects get their own answers."""

from __future__ import annotations

from sizing import Catalog, parse_hardware, rank_best
from sizing.engines import rig_pools
from sizing.estimate import complete, ranked, size


def test_the_same_rig_asked_again_gets_the_same_pools() -> None:
    hw = parse_hardware("2x RTX 3090, 64GB DDR4")
    assert rig_pools(hw, "cuda", margin=0) is rig_pools(hw, "cuda", margin=0)


def test_a_rig_read_twice_gets_equal_pools() -> None:
    one, two = parse_hardware("RTX 4090, 64GB DDR5"), parse_hardware("RTX 4090, 64GB DDR5")
    assert one is not two
    assert rig_pools(one, "cuda") == rig_pools(two, "cuda")


def test_other_rigs_get_their_own_pools() -> None:
    small, large = parse_hardware("RTX 3060 12GB, 32GB"), parse_hardware("RTX 4090, 64GB")
    assert rig_pools(small, "cuda").gpus[0].total < rig_pools(large, "cuda").gpus[0].total


def test_copies_of_the_specs_rank_as_the_catalog_does(catalog: Catalog) -> None:
    hw = parse_hardware("RTX 3090, 64GB DDR4")
    copies = [m.model_copy() for m in catalog.models]
    own = [b.estimate.model.id for b in rank_best(catalog.models, hw, limit=5)]
    assert [b.estimate.model.id for b in rank_best(copies, hw, limit=5)] == own


def test_a_list_without_the_top_pick_ranks_without_it(catalog: Catalog) -> None:
    hw = parse_hardware("RTX 3090, 64GB DDR4")
    top = rank_best(list(catalog.models), hw, limit=3)[0].estimate.model.id
    rest = [m for m in catalog.models if m.id != top]
    assert top not in [b.estimate.model.id for b in rank_best(rest, hw, limit=3)]


def test_completing_a_ranked_option_gives_the_speed_worked_out_afresh(catalog: Catalog) -> None:
    hw = parse_hardware("RTX 4090 + 64gb ddr5, ryzen 7950x")
    sized = size(catalog.resolve("gpt-oss-120b").model, hw, quant="MXFP4")
    _, decoded = ranked(sized)
    fresh = size(catalog.resolve("gpt-oss-120b").model, hw, quant="MXFP4")
    assert complete(sized, decoded).speed == complete(fresh).speed
