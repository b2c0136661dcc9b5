"""A release the catalog does not hold, named by a family and a version newer than any of its releases
("llama 5", "qwen 9"), is no older release that shares words with it: described by a size and kind, it
is that hypothetical model in the family's style; and a model past the largest server rig still gets
the number of GPUs it needs, as servers joined by pipeline parallelism."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "total_b"),
    [
        ("if llama 5 is a 2T dense model, how many h100s do i need for fp8?", 2000),
        ("suppose qwen 6 were a 900b moe with 40b active, would 8x h200 hold it at q4?", 900),
        ("say phi 9 turns out to be a 300b dense model, what would it take at fp8", 300),
    ],
)
def test_a_future_release_described_by_its_size_is_that_size_never_an_older_release(
    catalog: Catalog, text: str, total_b: float
) -> None:
    q = read_question(text, catalog.index)
    assert len(q.models) == 1
    model = q.models[0].model
    assert model.is_generic
    assert abs(model.params_b - total_b) / total_b < 0.05


@pytest.mark.parametrize("text", ["can i run llama 5 on a 3090", "deepseek v9 on 8x h100?"])
def test_a_future_release_without_a_size_is_asked_about_not_guessed(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert not q.models
    assert "model" in q.missing


@pytest.mark.parametrize(("text", "release"), [("qwen 7 on a 3090", "7b"), ("llama 4 on 4x 3090", "llama-4")])
def test_a_number_that_is_a_size_or_a_known_version_still_names_a_release(
    catalog: Catalog, text: str, release: str
) -> None:
    q = read_question(text, catalog.index)
    assert q.models and release in q.models[0].model.id


def test_how_many_gpus_for_a_model_past_two_servers_counts_the_servers(catalog: Catalog) -> None:
    a = answer_text("a hypothetical 2T dense model at fp8, how many h100s do i need?", catalog)
    said = a.verdict
    assert "servers of 8 (32 GPUs" in said
    assert "pipeline parallel 4" in said
    least = int(said.split("needs at least ")[1].split()[0])
    assert 25 <= least <= 28  # ~2,010 GB of weights over the usable ~77 GB of each card


def test_a_model_that_fits_one_server_gets_no_server_count(catalog: Catalog) -> None:
    a = answer_text("how many h100s do i need for llama 3.1 405b at fp8?", catalog)
    assert "servers of 8" not in a.verdict


@pytest.mark.parametrize(
    ("text", "servers"),
    [
        # 2 TB of FP8 weights need 27 cards of 80 GB: four servers, more than the sixteen tried
        ("a hypothetical 2T dense model at fp8, how many h100s do i need?", 4),
        # sixteen 141 GB cards hold the weights alone, not the cache beside them: a third server
        ("if llama 5 is a 2T dense model, how many h200s do i need for fp8?", 3),
    ],
)
def test_the_servers_said_are_more_than_the_rig_that_cannot_hold_it_in_balanced_brackets(
    catalog: Catalog, text: str, servers: int
) -> None:
    a = answer_text(text, catalog)
    lines = [a.verdict, *a.notes]
    said = [s for s in lines if "servers of 8" in s]
    assert said
    for s in said:
        assert f"in practice {servers} servers of 8 ({servers * 8} GPUs" in s
        depth = 0
        for ch in s:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            assert depth >= 0, s
        assert depth == 0, s


@pytest.mark.parametrize(
    ("text", "moe"),
    [
        # a size of a version with no release that size takes that version's own shape, not a later
        # version's that shares its first number (InternVL3 is dense, InternVL3.5 a mixture of experts)
        ("internvl3 38b on two 3090s?", False),
        ("internvl3.5 38b on two 3090s?", True),
    ],
)
def test_a_size_missing_from_a_version_takes_that_versions_own_shape(
    catalog: Catalog, text: str, moe: bool
) -> None:
    q = read_question(text, catalog.index)
    assert len(q.models) == 1 and q.models[0].model.is_generic
    assert (q.models[0].model.moe is not None) is moe
