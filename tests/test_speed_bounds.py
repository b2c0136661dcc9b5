"""What searches ask of the speed model without a whole estimate: the decode rate alone, and an
upper bound from the placement (the "best models" list skips placements under the wished speed)."""

from __future__ import annotations

import pytest

from sizing import Catalog, SizingError, parse_hardware
from sizing.estimate import Sized, complete, decode_rate, size
from sizing.speed import decode_tps_ceiling, host_decode_ceiling

RIGS = [
    "RTX 3090, 32GB RAM",
    "2x RTX 3090, 64GB DDR4",
    "RTX 3060 12GB, 32GB RAM",
    "M2 Max 96GB",
    "Ryzen AI Max+ 395 128GB",
    "i9-13900K, 96GB DDR5, no GPU",
    "3x P40 and 256GB RAM",
    "4x H100 80GB",
]
MODELS = ["qwen3 8b", "qwen3 30b", "llama 3.3 70b", "gpt-oss-120b", "qwen3 235b", "deepseek r1"]
QUANTS = ["Q8_0", "Q4_K_M", "IQ4_XS", "Q3_K_M"]


def _sized(catalog: Catalog, rig: str, model: str, quant: str) -> Sized:
    spec = catalog.resolve(model).model
    try:
        return size(spec, parse_hardware(rig), quant=quant, evidence=False)
    except SizingError as err:  # a quant this model or rig cannot take
        pytest.skip(str(err))


@pytest.mark.parametrize("quant", QUANTS)
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("rig", RIGS)
def test_the_decode_rate_alone_is_the_whole_estimates(
    catalog: Catalog, rig: str, model: str, quant: str
) -> None:
    s = _sized(catalog, rig, model, quant)
    alone = decode_rate(s)
    assert alone == complete(s).speed.decode_tps


@pytest.mark.parametrize("quant", QUANTS)
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("rig", RIGS)
def test_the_ceiling_is_never_below_the_estimate(catalog: Catalog, rig: str, model: str, quant: str) -> None:
    s = _sized(catalog, rig, model, quant)
    ceiling = decode_tps_ceiling(s.memory, backend=s.backend, quant=s.quant, engine=s.engine)
    assert ceiling >= complete(s).speed.decode_tps


def test_a_placement_that_does_not_fit_has_no_speed_to_reach(catalog: Catalog) -> None:
    s = _sized(catalog, "RTX 3060 12GB, 8GB RAM", "deepseek r1", "Q8_0")
    assert s.memory.placement.verdict == "no"
    assert decode_tps_ceiling(s.memory, backend=s.backend, quant=s.quant, engine=s.engine) == 0.0


@pytest.mark.parametrize("quant", QUANTS)
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("rig", RIGS)
def test_what_system_ram_reads_bounds_the_decode_rate(
    catalog: Catalog, rig: str, model: str, quant: str
) -> None:
    s = _sized(catalog, rig, model, quant)
    tps = complete(s).speed.decode_tps
    for d in s.memory.placement.devices:
        if d.kind == "cpu" and d.weight_read > 0:
            assert host_decode_ceiling(d.weight_read, d.bandwidth_gbs, quant=s.quant, engine=s.engine) >= tps
