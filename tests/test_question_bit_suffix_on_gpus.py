"""A bit count glued to the end of a model name ("Qwen3-14B-4bit") is mlx-community's naming for an MLX
build, but MLX runs on Apple Silicon only: asked of a GPU or another machine with no Mac named, it is a
4-bit quant of the engine in use. The sentences are written for these tests in the patterns of public
posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

ON_A_GPU = [
    "Qwen3-14B-4bit on a 3090, does it fit?",
    "can two 3060s hold foobar-20b-4bit?",
    "72B-4bit要多少G的卡才能部署",
    "how much VRAM does Qwen3-32B-4bit need",
    "Qwen3-4B-4bit on a Raspberry Pi 5 with 8GB",
    "Qwen3-8B-4bit on my ryzen 5 5600 and 32gb ddr4, no gpu",
]


@pytest.mark.parametrize("text", ON_A_GPU)
def test_a_glued_bit_count_asked_of_a_gpu_is_a_plain_quant(catalog: Catalog, text: str) -> None:
    quant = read_question(text, catalog.index).quant
    assert quant is not None and not quant.startswith("MLX")


ON_A_MAC_OR_BARE = [
    ("Qwen3-14B-4bit on my M4 Pro 48GB", "MLX-4bit"),
    ("Qwen3-32B-8bit on a Mac Studio with a 3090 eGPU?", "MLX-8bit"),
    ("mlx-community/Qwen3-14B-4bit on a 4090", "MLX-4bit"),
    ("Qwen3-30B-A3B-Instruct-6bit", "MLX-6bit"),
    ("Qwen3-30B-A3B-4bit on an M2 Ultra 192gb", "MLX-4bit"),
]


@pytest.mark.parametrize(("text", "quant"), ON_A_MAC_OR_BARE, ids=[t for t, _ in ON_A_MAC_OR_BARE])
def test_a_glued_bit_count_on_a_mac_or_alone_stays_the_mlx_build(
    catalog: Catalog, text: str, quant: str
) -> None:
    assert read_question(text, catalog.index).quant == quant
