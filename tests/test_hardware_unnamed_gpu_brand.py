"""A card named only by its memory and its brand ("radeon 16gb", "an amd card with 8gb") keeps its maker:
it runs that maker's backend, never CUDA, and its speed is taken from that maker's cards of its size."""

from __future__ import annotations

import pytest

from sizing import Catalog, Estimate, estimate, parse_hardware


def _sized(text: str, catalog: Catalog) -> Estimate:
    model = catalog.get("qwen3-8b")
    assert model is not None
    return estimate(model, parse_hardware(text))


@pytest.mark.parametrize(
    ("text", "vendor"),
    [
        ("radeon 12gb and 32gb of ram", "amd"),
        ("an amd card with 8gb, 16gb ram", "amd"),
        ("an intel arc card, 16gb vram, 32gb ram", "intel"),
        ("a 12gb card and 32gb ram", None),
    ],
)
def test_the_brand_said_is_the_cards_maker(text: str, vendor: str | None) -> None:
    gpus = parse_hardware(text).gpus
    assert len(gpus) == 1 and gpus[0].id is None and gpus[0].vendor == vendor


def test_an_amd_cpu_does_not_make_the_card_amd() -> None:
    assert parse_hardware("amd ryzen 7 7700, a 12gb gpu, 32gb ram").gpus[0].vendor is None


@pytest.mark.parametrize("text", ["radeon 12gb, 32gb ram", "an amd gpu with 16gb, 64gb ram"])
def test_a_radeon_named_by_memory_never_runs_cuda(text: str, catalog: Catalog) -> None:
    assert _sized(text, catalog).backend != "cuda"


def test_a_card_named_by_memory_alone_still_runs_cuda(catalog: Catalog) -> None:
    assert _sized("a 12gb gpu, 32gb ram", catalog).backend == "cuda"


def test_a_radeons_speed_is_taken_from_amds_cards_of_its_size(catalog: Catalog) -> None:
    said = _sized("radeon 8gb, 32gb ram", catalog).assumptions
    assert any("8 GB AMD desktop cards" in a for a in said)
