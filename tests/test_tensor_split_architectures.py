"""llama.cpp's experimental tensor split (-sm tensor) refuses some architectures at start-up
("LLAMA_SPLIT_MODE_TENSOR not implemented for architecture ..."): a command for one of them never
carries it, asked or not, while the architectures it runs keep it."""

from __future__ import annotations

import pytest

from sizing import Catalog, EngineOptions, estimate, parse_hardware
from sizing.commands import launch_command


@pytest.mark.parametrize(
    ("model_id", "quant"),
    [
        ("olmo-2-32b", "Q4_K_M"),  # olmo2
        ("olmo-3-32b", "Q4_K_M"),  # Olmo 3 converts to olmo2
        ("gemma-3n-e4b", "Q8_0"),  # gemma3n
        ("kimi-linear-48b-a3b", "Q4_K_M"),  # kimi-linear
    ],
)
@pytest.mark.parametrize("asked", [None, "tensor"])
def test_an_excluded_architecture_gets_no_tensor_split(
    catalog: Catalog, model_id: str, quant: str, asked: str | None
) -> None:
    e = estimate(
        catalog.by_id[model_id],
        parse_hardware("2x RTX 3090"),
        quant=quant,
        engine="llama.cpp",
        engine_options=EngineOptions(split_mode=asked),
    )
    assert e.split_mode != "tensor"
    assert "-sm tensor" not in (launch_command(e) or "")


def test_a_supported_architecture_keeps_the_tensor_split_asked(catalog: Catalog) -> None:
    e = estimate(
        catalog.by_id["llama-3.3-70b"],
        parse_hardware("2x RTX 3090"),
        quant="Q4_K_M",
        engine="llama.cpp",
        engine_options=EngineOptions(split_mode="tensor"),
    )
    assert "-sm tensor" in (launch_command(e) or "")
