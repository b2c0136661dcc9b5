"""Every quantization format in the table is answered on every kind of rig: a quant that a
question names never ends in a crash, whatever rig it is asked about."""

from __future__ import annotations

import pytest

from sizing import advise, default_catalog, parse_hardware
from sizing.catalog import load_quants

_RIGS = ("RTX 4090", "RX 7900 XTX", "MacBook Pro M3 Max 64GB", "Ryzen 7 7700 with 64GB DDR5")
_FORMATS = sorted({q.format for q in load_quants()})


def _one_quant_of(fmt: str) -> str:
    return next(q.id for q in load_quants() if q.format == fmt)


@pytest.mark.parametrize("fmt", _FORMATS)
@pytest.mark.parametrize("rig", _RIGS)
def test_every_quant_format_gets_an_answer_on_every_rig(fmt: str, rig: str) -> None:
    model = default_catalog().by_id["llama-3.1-8b"]
    advice = advise(model, parse_hardware(rig), quant=_one_quant_of(fmt))
    assert advice.options


@pytest.mark.parametrize("rig", ("RTX 3090", "MacBook Pro M2 Max 32GB"))
def test_a_bitsandbytes_quant_is_answered_for_an_engine_that_loads_what_it_sizes(rig: str) -> None:
    model = default_catalog().by_id["llama-3.1-8b"]
    best = advise(model, parse_hardware(rig), quant="bnb 4bit").options[0].estimate
    assert best.engine in best.quant.engines or best.engine in ("ollama", "lmstudio")
