"""A Mac upgrade names the cheapest Mac of the price table that runs the model as well as any Mac
tried (fully on the GPU before offloaded, then the better quality band), not the largest one: no
cheaper Mac of the table runs the build it names as well."""

from __future__ import annotations

import pytest

from sizing import advise, default_catalog, parse_hardware
from sizing.hardware import default_database, price_table
from sizing.quant_policy import placement_rank, quality_band

CASES = [
    # (model, a Mac too small for it)
    ("qwen3-30b-a3b", "macbook pro m1 pro 16gb"),
    ("qwen3-32b", "mac mini m4 16gb"),
    ("gemma-3-27b", "macbook air m2 16gb"),
    ("gpt-oss-120b", "macbook pro m4 pro 24gb"),
]


def _outcome(verdict: str, kld: float) -> tuple[int, int]:
    return placement_rank(verdict), quality_band(kld)


@pytest.mark.parametrize(("model_id", "rig"), CASES)
def test_no_cheaper_mac_of_the_price_table_runs_it_as_well(model_id: str, rig: str) -> None:
    model, hw = default_catalog().by_id[model_id], parse_hardware(rig)
    macs = [f for f in advise(model, hw).fixes if f.change.startswith("get a Mac") and f.price_usd]
    assert macs, rig
    named = macs[0]
    got = _outcome(named.estimate.verdict, named.estimate.quant.kld)
    quant = named.estimate.quant.id  # the build the upgrade names, on each cheaper Mac
    have = hw.sized_unified_gb or 0.0
    db = default_database()
    for row in price_table().devices:
        variants = db.variants(row.device)
        if not variants or variants[0].vendor != "apple" or not row.memory_gb or row.memory_gb <= have:
            continue
        if row.price_usd >= (named.price_usd or 0.0):
            continue
        cheaper = advise(model, parse_hardware(f"{variants[0].name} {row.memory_gb:g}GB"), quant=quant)
        e = cheaper.options[0].estimate
        assert e.verdict == "no" or _outcome(e.verdict, e.quant.kld) > got, (row.device, row.memory_gb)


def test_a_model_of_about_twenty_gigabytes_is_not_sent_to_the_largest_mac() -> None:
    model, hw = default_catalog().by_id["qwen3-30b-a3b"], parse_hardware("macbook pro m1 pro 16gb")
    macs = [f for f in advise(model, hw).fixes if f.change.startswith("get a Mac") and f.price_usd]
    assert macs and macs[0].estimate.verdict == "gpu"
    ultra = min(r.price_usd for r in price_table().devices if r.device == "m3-ultra")
    assert (macs[0].price_usd or 0.0) < ultra
