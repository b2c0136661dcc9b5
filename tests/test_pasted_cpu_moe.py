"""A pasted --n-cpu-moe is a setting of the asker's: read from the command, sized as set where the
GPU holds the rest, and raised only with a note saying why where it does not; it comes back in the
command either way."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "layers"),
    [
        ("llama-server -m qwen3-30b-a3b-q4_k_m.gguf --n-cpu-moe 12 on a 3060 12gb", 12),
        ("./llama-server -m gpt-oss-20b.gguf -ncmoe 8 -c 16384, 4060 8gb", 8),
        ("llama-server --n-cpu-moe=20 -m glm-4.5-air-q4.gguf on a 3090 + 64gb", 20),
        ("llama-server --cpu-moe -m qwen3-30b-a3b.gguf on a 4060", 999),
        ("llama-server -m qwen3-30b-a3b.gguf -ngl 99 on a 3090", None),
    ],
)
def test_the_pasted_moe_offload_is_read(catalog: Catalog, text: str, layers: int | None) -> None:
    assert read_question(text, catalog.index).engine_settings.cpu_moe_layers == layers


def _pick(text: str, catalog: Catalog) -> tuple[int, str]:
    a = answer_text(text, catalog)
    o = a.options[0]
    return o.placement.cpu_moe_layers, " ".join((*o.assumptions, *a.hints))


def test_a_setting_the_gpu_holds_is_kept_as_set(catalog: Catalog) -> None:
    layers, _ = _pick(
        "llama-server -m gpt-oss-120b-mxfp4.gguf --n-cpu-moe 35 -c 8192 on a 4070 12gb with 96gb ddr5",
        catalog,
    )
    assert layers == 35


def test_a_setting_that_overfills_the_gpu_is_raised_and_said(catalog: Catalog) -> None:
    layers, said = _pick(
        "llama-server -m gpt-oss-120b-mxfp4.gguf --n-cpu-moe 10 -c 65536 on a 4070 12gb with 96gb ddr5",
        catalog,
    )
    assert layers > 10
    assert "--n-cpu-moe 10 as set leaves the GPU too little memory" in said and f"{layers} keeps" in said
