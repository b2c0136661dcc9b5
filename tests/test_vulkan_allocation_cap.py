"""One Vulkan allocation is capped by the driver: without flash attention llama.cpp's attention scores
of a long context are one tensor, and a fit that needs a bigger one than the GPU's driver allows fails
however much memory is free (2 GiB on AMD's Windows driver, 4 GiB on Mesa's RADV)."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware
from sizing.engines import attention_scores_bytes, vulkan_max_allocation

GiB = 1024**3


def _estimate(hw: str, context: int, **kw: object):  # type: ignore[no-untyped-def]
    model = default_catalog().resolve("qwen2.5-7b").model
    return estimate(model, parse_hardware(hw), quant="Q4_K_M", context=context, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("vendor", "windows", "cap"),
    [("amd", True, 2 * GiB), ("amd", False, 4 * GiB), ("nvidia", True, None), ("intel", False, None)],
)
def test_the_allocation_cap_by_driver(vendor: str, windows: bool, cap: float | None) -> None:
    assert vulkan_max_allocation(vendor, windows=windows) == cap


def test_the_scores_tensor_grows_with_heads_micro_batch_and_cache() -> None:
    spec = default_catalog().resolve("qwen2.5-7b").model
    assert attention_scores_bytes(spec, 40960) == 4 * 512 * 40960 * spec.heads
    assert (
        attention_scores_bytes(spec, 256) == 4 * 256 * 256 * spec.heads
    )  # a micro-batch never exceeds the cache


# qwen2.5-7b (28 heads) at 49152 tokens: a 2.6 GiB scores tensor, the model a third of a 24 GB card
_LONG = 49152


@pytest.mark.parametrize("engine", ["llama.cpp", "ollama"])
def test_a_scores_tensor_over_the_windows_cap_is_tight(engine: str) -> None:
    e = _estimate("RX 7900 XTX, Windows 11", _LONG, engine=engine, backend="vulkan", flash_attention=False)
    p = e.memory.placement
    assert (p.verdict, p.fit) == ("gpu", "tight")
    assert any("one allocation" in n for n in p.notes)


def test_llama_server_is_told_to_turn_flash_attention_on() -> None:
    e = _estimate(
        "RX 7900 XTX, Windows 11", _LONG, engine="llama.cpp", backend="vulkan", flash_attention=False
    )
    assert "-fa on" in [s.flag for s in e.memory.placement.settings]


def test_radv_takes_what_amds_windows_driver_refuses() -> None:
    e = _estimate("RX 7900 XTX", _LONG, engine="llama.cpp", backend="vulkan", flash_attention=False)
    assert e.memory.placement.fit == "fits"


@pytest.mark.parametrize(
    ("hw", "backend", "flash_attention"),
    [
        ("RX 7900 XTX, Windows 11", "vulkan", True),  # flash attention never builds the tensor
        ("RX 7900 XTX, Windows 11", "rocm", False),  # HIP has no such cap
        ("RTX 4090, Windows 11", "vulkan", False),  # no cap known for NVIDIA's driver
    ],
)
def test_no_cap_where_the_tensor_or_the_limit_is_absent(hw: str, backend: str, flash_attention: bool) -> None:
    e = _estimate(hw, _LONG, engine="llama.cpp", backend=backend, flash_attention=flash_attention)
    assert not any("one allocation" in n for n in e.memory.placement.notes)


def test_lm_studio_at_its_defaults_is_told_to_turn_flash_attention_on() -> None:
    e = _estimate("RX 7900 XTX, Windows 11", _LONG, engine="lmstudio", backend="vulkan")
    p = e.memory.placement
    assert p.fit == "tight"
    assert "Flash Attention: on" in [s.flag for s in p.settings]
