"""A context past what the model handles is answered at the model's limit, said first; a miss where not
one layer fits on the GPUs still shows the GPUs."""

from __future__ import annotations

import pytest

from sizing import Catalog, advise, estimate, parse_hardware


@pytest.mark.parametrize(
    ("model", "rig", "asked"),
    [
        ("gemma-3-4b", "rtx 4060 ti 16gb", 2_000_000),
        ("llama-3.1-8b", "rtx 3090", 5_000_000),
        ("mistral-nemo-12b", "rx 7900 xtx", 1_000_000),
    ],
)
def test_a_context_past_the_limit_is_answered_at_the_limit(
    catalog: Catalog, model: str, rig: str, asked: int
) -> None:
    spec = catalog.by_id[model]
    a = advise(spec, parse_hardware(rig), context=asked)
    assert a.summary.startswith(f"{spec.name} handles at most {spec.max_context:,} tokens")
    assert a.best is not None and a.best.estimate.context == spec.max_context
    assert a.best.estimate.verdict != "no"
    # no memory to buy for tokens the model cannot use
    assert not any(f.ram_gb is not None for f in a.fixes)
    assert any(f"{asked:,} asked" in n for n in a.best.estimate.assumptions)


def test_a_context_within_the_limit_is_sized_as_asked(catalog: Catalog) -> None:
    spec = catalog.by_id["llama-3.1-8b"]
    a = advise(spec, parse_hardware("rtx 3090"), context=65536)
    assert a.best is not None and a.best.estimate.context == 65536
    assert "handles at most" not in a.summary


def test_a_miss_with_no_layer_on_the_gpu_keeps_the_gpu(catalog: Catalog) -> None:
    # llama.cpp allocates the whole cache asked: so large that not one layer's share fits the card
    e = estimate(
        catalog.by_id["llama-3.1-8b"], parse_hardware("rtx 3060 12gb"), quant="Q8_0", context=8_000_000
    )
    assert e.verdict == "no"
    kinds = [d.kind for d in e.memory.placement.devices]
    assert kinds == ["gpu", "cpu"]
