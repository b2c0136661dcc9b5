"""llama.cpp's row split (-sm row) keeps the whole KV cache and the intermediate results on the main GPU
(llama-server --help, -mg); a long context that the layer split spreads over the GPUs can be tight."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import EngineOptions


def _placement(split_mode: str | None, context: int):  # type: ignore[no-untyped-def]
    model = default_catalog().resolve("qwen2.5-14b").model
    e = estimate(
        model,
        parse_hardware("2x RTX 3090"),
        quant="Q8_0",
        context=context,
        engine="llama.cpp",
        engine_options=EngineOptions(split_mode=split_mode),
    )
    return e.memory.placement


# qwen2.5-14b Q8_0 (about 15 GiB) at 131072 tokens: 24 GiB of f16 cache, half on each card by layer
_LONG = 131072


def test_the_layer_split_holds_a_long_cache_comfortably() -> None:
    p = _placement(None, _LONG)
    assert (p.verdict, p.fit) == ("gpu", "fits")


def test_the_row_split_puts_the_whole_cache_on_the_main_gpu() -> None:
    p = _placement("row", _LONG)
    assert (p.verdict, p.fit) == ("gpu", "tight")
    assert "-sm layer" in [s.flag for s in p.settings]


@pytest.mark.parametrize("split_mode", ["row", "layer"])
def test_a_short_context_fits_either_way(split_mode: str) -> None:
    assert _placement(split_mode, 8192).fit == "fits"


def test_the_split_asked_for_reaches_the_memory_estimate() -> None:
    model = default_catalog().resolve("qwen2.5-14b").model
    e = estimate(
        model,
        parse_hardware("2x RTX 3090"),
        quant="Q8_0",
        context=_LONG,
        engine="llama.cpp",
        split_mode="row",
    )
    assert e.memory.placement.fit == "tight"
