"""A GPU named only by its memory ("a 24GB card") is given the bandwidth of a typical card of that
size, not of a fixed mid-range card, and the answer says what it assumed."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate, parse_hardware


def _tps(catalog: Catalog, rig: str) -> float:
    return estimate(catalog.by_id["qwen3-32b"], parse_hardware(rig), quant="Q4_K_M").speed.decode_tps


def test_a_24gb_card_is_faster_than_the_slowest_and_slower_than_the_fastest_of_its_size(
    catalog: Catalog,
) -> None:
    assert _tps(catalog, "Tesla P40") < _tps(catalog, "a 24GB card") < _tps(catalog, "RTX 4090")


@pytest.mark.parametrize("rig", ["a 24GB card", "one 12GB GPU, 32GB RAM"])
def test_the_bandwidth_assumed_for_an_unnamed_card_is_said(catalog: Catalog, rig: str) -> None:
    e = estimate(catalog.by_id["llama-3.1-8b"], parse_hardware(rig))
    assert any(a.startswith("unnamed ") and "GB/s of memory bandwidth" in a for a in e.assumptions)
