"""A card named only by its memory ("a 24GB GPU") is called "24 GB GPU" wherever a rig is named:
in the device table, in a comparison's verdict and in its rows."""

from __future__ import annotations

import pytest

from sizing import Catalog, compare, parse_hardware


@pytest.mark.parametrize(
    ("rig", "label"),
    [
        ("a 24gb gpu", "24 GB GPU"),
        ("RTX 3090", "NVIDIA GeForce RTX 3090"),
    ],
)
def test_a_gpu_is_labelled_by_its_name_or_its_memory(rig: str, label: str) -> None:
    hw = parse_hardware(rig)
    (gpu,) = hw.gpus
    (card,) = hw.contract().gpus
    assert gpu.label == label and card.label == label


def test_a_comparison_on_an_unnamed_card_names_its_memory(catalog: Catalog) -> None:
    hw = parse_hardware("a 24gb gpu")
    sides = [(catalog.by_id[m], (), hw) for m in ("gemma-3-27b", "qwen3-32b")]
    result = compare(sides)
    assert "on a 24 GB GPU" in result.verdict and "unnamed" not in result.verdict
