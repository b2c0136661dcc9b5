"""Phones people run models on, named by the phone or by its chip: Pixel 6/6a/7 (Google Tensor, G2),
Galaxy S22's Snapdragon 8 Gen 1, Xiaomi 13, Huawei's Kirin phones, OnePlus 10R (Dimensity 8100).
Sentences are written for these tests in the patterns of public threads.
"""

from __future__ import annotations

import pytest

from sizing import parse_hardware


@pytest.mark.parametrize(
    ("text", "chip", "memory"),
    [
        ("my phone is a Pixel 6a", "google-tensor", 6),
        ("Pixel 7 Pro with 12GB", "google-tensor-g2", 12),
        ("Phone : Pixel7 + Android 15", "google-tensor-g2", 8),
        ("Huawei P40 Pro, 8GB RAM", "kirin-990", 8),
        ("chipset: Snapdragon 8 Gen 1 (SM8450), RAM 12 GB", "snapdragon-8-gen-1", 12),
        ("Kirin 980, 6GB", "kirin-980", 6),
        ("Xiaomi 13 Ultra 16GB", "snapdragon-8-gen-2", 16),
    ],
)
def test_a_phone_or_its_chip_reads_as_the_chip_with_its_memory(text: str, chip: str, memory: float) -> None:
    h = parse_hardware(text)
    assert h.soc is not None and h.soc.id == chip and h.unified_memory_gb == memory and not h.gpus


def test_a_phone_named_without_its_memory_asks_for_it() -> None:
    h = parse_hardware("OnePlus 10R with Dimensity 8100-Max")
    assert (
        h.soc is not None
        and h.soc.id == "dimensity-8100"
        and any("memory not stated" in a for a in h.assumptions)
    )


def test_a_huawei_p40_is_no_tesla_p40() -> None:
    h = parse_hardware("It runs well on a Huawei P40 Pro with 8GB RAM")
    assert not h.gpus and h.soc is not None and h.soc.id == "kirin-990"
