"""llama.cpp takes 16 GPUs at most in one process (GGML_CUDA_MAX_DEVICES): a rig of more is sized on
16 of them and the answer says where the rest would go (vLLM/SGLang across servers, or RPC)."""

from __future__ import annotations

from sizing import Catalog, estimate, parse_hardware
from sizing.commands import launch_command


def test_sixty_four_gpus_are_sized_as_sixteen_for_llama_cpp(catalog: Catalog) -> None:
    spec = catalog.get("kimi-k2")
    assert spec is not None
    e = estimate(spec, parse_hardware("64x H100, 4TB RAM"), engine="llama.cpp", context=131072)
    gpus = [d for d in e.memory.placement.devices if d.kind == "gpu"]
    assert len(gpus) == 16
    assert any("16 GPUs at most" in a and "16 of the 64" in a and "RPC" in a for a in e.assumptions)
    command = launch_command(e) or ""
    assert "-ts " in command and command.split("-ts ")[1].split()[0].count(",") == 15  # a share per GPU


def test_sixteen_gpus_or_fewer_are_all_used_and_nothing_is_said(catalog: Catalog) -> None:
    spec = catalog.get("kimi-k2")
    assert spec is not None
    e = estimate(spec, parse_hardware("16x H100, 2TB RAM"), engine="llama.cpp", context=32768)
    assert sum(d.kind == "gpu" for d in e.memory.placement.devices) == 16
    assert not any("GGML_CUDA_MAX_DEVICES" in a for a in e.assumptions)
