"""With a speed asked ("the largest MoE at 15+ tok/s"), the example models a capacity answer names
generate at that speed themselves, not only the generic shape the limit was found with."""

from __future__ import annotations

import pytest

from sizing import Catalog, capacity, parse_hardware
from sizing.estimate import estimate_or_none


@pytest.mark.parametrize(
    ("rig", "min_tps"),
    [
        ("rtx 3060 12gb + 128gb ddr4", 15.0),
        ("rtx 4090 + 64gb ddr5", 30.0),
    ],
)
def test_every_example_keeps_up(catalog: Catalog, rig: str, min_tps: float) -> None:
    hw = parse_hardware(rig)
    cap = capacity(hw, catalog.models, min_tps=min_tps)
    named = 0
    for limit in cap.limits:
        for m in (*limit.dense_examples, *limit.moe_examples):
            e = estimate_or_none(
                m, hw, quant=limit.quant, context=limit.context, engine=cap.engine, kv_type=limit.kv_type
            )
            assert e is not None and e.speed.decode_tps >= min_tps, (m.name, limit.quant.id)
            named += 1
    assert named  # the answer still names models
