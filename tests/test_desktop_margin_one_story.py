"""A fit on a display GPU that needs llama.cpp's safety margin tells one story: llama-server's command
gives -ngl 99, and --fit changes only settings a command leaves unset, so every layer is on the GPU as
the verdict says and no sentence has a layer moved to the CPU; LM Studio's automatic offload, which
does keep the margin, moves one."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, default_catalog, estimate, parse_hardware

TIGHT = [
    # a display GPU whose fit leaves less than the margin beside the desktop
    "qwen3-coder-30b-a3b at 128k context on a single 3090 possible?",
    "qwen2.5 32b q4_k_m on an rtx 3090 with 16k context",
]


@pytest.mark.parametrize("text", TIGHT)
def test_llama_server_keeps_every_layer_on_the_gpu_as_the_verdict_says(catalog: Catalog, text: str) -> None:
    a = answer_text(text, catalog)
    o = a.options[0]
    note = next(n for n in o.assumptions if "safety margin" in n and "desktop" in n)
    assert a.verdict.startswith("Yes: ") and "fully on the GPU" in a.verdict
    assert o.placement.verdict == "gpu"
    assert " -ngl 99 " in f" {o.command} "
    assert "moves a layer" not in note and "moves nothing" in note
    gpu_layers = sum(d.layers for d in o.placement.devices if d.kind == "gpu")
    assert gpu_layers == o.placement.gpu_layers


def test_lm_studio_s_automatic_offload_is_the_one_that_moves_a_layer() -> None:
    e = estimate(
        default_catalog().resolve("qwen2.5-32b").model,
        parse_hardware("RTX 3090"),
        quant="Q4_K_M",
        context=16384,
        engine="lmstudio",
        flash_attention=True,
    )
    notes = [n for n in e.memory.placement.notes if "safety margin" in n and "desktop" in n]
    assert notes and "moves a layer to the CPU" in notes[0] and "--gpu max" in notes[0]
