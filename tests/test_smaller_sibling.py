"""Where the asked model runs badly on a rig, the largest smaller model of its family (its distills
included) that runs well there is named; where it runs well, none is."""

from __future__ import annotations

import pytest

from sizing import Catalog, advise, parse_hardware, smaller_sibling
from sizing.advise import quality_label


def _sibling(catalog: Catalog, model: str, rig: str) -> tuple[str | None, str]:
    hw = parse_hardware(rig)
    now = advise(catalog.by_id[model], hw).options[0].estimate
    e = smaller_sibling(catalog.by_id[model], hw, catalog.models, now)
    return (e.model.id if e is not None else None), (e.verdict if e is not None else "")


@pytest.mark.parametrize(
    ("model", "rig", "sibling"),
    [
        ("phi-4", "Raspberry Pi 5 8GB", "phi-4-mini"),  # 14B only at 2 bits on 8 GB
        # a vision model's sibling may carry a vision tower too (a text model's carries none)
        ("qwen3-vl-32b", "RTX 4060 8GB, 16GB RAM", "qwen3-vl-8b"),
        ("llama-3.1-405b", "RTX 4090, 32GB RAM", "llama-3.1-8b"),  # 405B does not fit; 70B crawls
        ("gemma-3-27b", "RTX 4060 Laptop 8GB, 16GB RAM", "gemma-3-12b"),  # 27B at ~2 tokens/s
    ],
)
def test_the_largest_sibling_that_runs_well_is_named(
    catalog: Catalog, model: str, rig: str, sibling: str
) -> None:
    assert _sibling(catalog, model, rig)[0] == sibling


def test_a_distill_counts_as_a_smaller_model_of_its_family(catalog: Catalog) -> None:
    found, _ = _sibling(catalog, "deepseek-r1", "RTX 4090, 64GB RAM")
    assert found is not None and catalog.by_id[found].family.startswith("DeepSeek R1")


@pytest.mark.parametrize(
    ("model", "rig"),
    [
        ("qwen3-30b-a3b", "RTX 3090"),  # fully on the GPU at a good quantization
        ("llama-3.1-8b", "M2 Max 64GB"),
        ("gpt-oss-120b", "2x RTX 3090, 64GB RAM"),  # offloaded, yet at the wished speed
    ],
)
def test_no_sibling_is_named_where_the_model_runs_well(catalog: Catalog, model: str, rig: str) -> None:
    assert _sibling(catalog, model, rig)[0] is None


def test_a_named_sibling_is_smaller_and_of_good_quality(catalog: Catalog) -> None:
    hw = parse_hardware("GTX 1060 6GB, 16GB RAM")
    model = catalog.by_id["qwen3-32b"]
    now = advise(model, hw).options[0].estimate
    e = smaller_sibling(model, hw, catalog.models, now)
    assert e is not None
    assert e.model.params_b < model.params_b and e.model.family == model.family
    assert quality_label(e.quant.kld) in ("practically lossless", "small loss")


def test_beside_a_usable_big_model_below_the_wished_speed_only_a_much_faster_sibling_is_named(
    catalog: Catalog,
) -> None:
    """Qwen3 235B at 3 bits on a 4090 with 96 GB of RAM runs offloaded at an interactive speed below
    the wish: a sibling is named only where it is at least twice as fast."""
    hw = parse_hardware("RTX 4090, 96GB RAM")
    model = catalog.by_id["qwen3-235b-a22b"]
    now = advise(model, hw).options[0].estimate
    assert 2.0 <= now.speed.decode_tps < 10.0  # usable, below the wished speed
    e = smaller_sibling(model, hw, catalog.models, now)
    assert e is not None and e.speed.decode_tps >= 2 * now.speed.decode_tps


@pytest.mark.parametrize(
    ("model", "rig"),
    [
        ("qwen3-235b-a22b", "M3 Max 128GB"),  # 3 bits, fully on the GPU, past the wished speed
        ("qwen3.5-397b-a17b", "2x RTX PRO 6000 Blackwell"),  # 3 bits at ~80 tokens/s
        ("qwen3.5-397b-a17b", "RTX PRO 6000 Blackwell, 128GB RAM"),  # offloaded, at the wished speed
    ],
)
def test_no_sibling_is_named_beside_a_model_at_the_wished_speed_with_at_most_a_noticeable_loss(
    catalog: Catalog, model: str, rig: str
) -> None:
    hw = parse_hardware(rig)
    now = advise(catalog.by_id[model], hw).options[0].estimate
    assert now.verdict != "no" and now.speed.decode_tps >= 10.0
    assert smaller_sibling(catalog.by_id[model], hw, catalog.models, now) is None


@pytest.mark.parametrize(
    ("model", "rig", "quant"),
    [
        ("llama-3.1-405b", "RTX 4090, 32GB RAM", "Q8_0"),  # 8B at 8 bits leaves 24 GB half empty
        ("phi-4", "Raspberry Pi 5 8GB", "Q4_K_M"),  # on the CPU: 4 bits, the usual choice
    ],
)
def test_a_sibling_with_room_to_spare_is_offered_at_a_better_quantization(
    catalog: Catalog, model: str, rig: str, quant: str
) -> None:
    hw = parse_hardware(rig)
    now = advise(catalog.by_id[model], hw).options[0].estimate
    e = smaller_sibling(catalog.by_id[model], hw, catalog.models, now)
    assert e is not None and e.quant.id == quant


@pytest.mark.parametrize(
    ("model", "rig"),
    [
        ("qwen3-235b-a22b", "Apple M2 Max 96GB"),
        ("qwen3.5-397b-a17b", "2x RTX PRO 6000 Blackwell"),
        ("llama-3.1-405b", "RTX 4090, 32GB RAM"),
    ],
)
def test_a_sibling_named_is_never_slower_than_the_model_asked(catalog: Catalog, model: str, rig: str) -> None:
    hw = parse_hardware(rig)
    now = advise(catalog.by_id[model], hw).options[0].estimate
    e = smaller_sibling(catalog.by_id[model], hw, catalog.models, now)
    if e is not None and now.verdict != "no":
        assert e.speed.decode_tps >= 0.9 * now.speed.decode_tps or e.speed.decode_tps >= 10.0
