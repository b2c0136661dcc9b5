"""The same build gets the same label wherever it is named: a 4-bit build of Google's
quantization-aware-trained checkpoint is "the QAT checkpoint" under MLX as under llama.cpp's Q4_0, and
a best list gives Q3_K_M's bits a weight as the span over its own models' layers (it differs per model)."""

from __future__ import annotations

import re

import pytest

from sizing import advise, default_catalog, parse_hardware
from sizing.best import best_heading, rank_best

MAC = "mac studio m2 max 32gb"


def _label(summary: str, quant: str) -> str:
    m = re.search(re.escape(quant) + r" \(([^)]*)\)", summary)
    assert m is not None, summary
    return m.group(1)


def test_a_qat_4bit_build_reads_alike_under_mlx_and_llama_cpp() -> None:
    model, hw = default_catalog().by_id["gemma-3-27b"], parse_hardware(MAC)
    mlx = _label(advise(model, hw, engine="mlx", quant="MLX-4bit").summary, "MLX-4bit")
    gguf = _label(advise(model, hw, engine="llama.cpp", quant="Q4_0").summary, "Q4_0")
    assert mlx == gguf
    assert mlx.endswith("the QAT checkpoint")


@pytest.mark.parametrize("model_id", ["qwen3-32b", "llama-3.1-8b"])
def test_a_4bit_mlx_build_of_plain_weights_is_not_called_qat(model_id: str) -> None:
    model, hw = default_catalog().by_id[model_id], parse_hardware(MAC)
    assert "QAT" not in _label(advise(model, hw, engine="mlx", quant="MLX-4bit").summary, "MLX-4bit")


@pytest.mark.parametrize(
    "rig", ["RTX 3090, 64GB RAM", "macbook pro m4 max 128gb", "rtx 3060 12gb, 32gb ram", "GTX 1050 2GB"]
)
def test_a_best_list_gives_q3_k_m_bits_as_its_own_models_layers_have_them(rig: str) -> None:
    hw = parse_hardware(rig)
    found = rank_best(default_catalog().models, hw)
    heading = best_heading(found, hw, min_tps=10.0, wished=False, sources="boards")
    m = re.search(r"Q3_K_M \(about (\d\.\d)(?:-(\d\.\d))? bits a weight in these models' layers\)", heading)
    assert m is not None, heading
    assert float(m.group(1)) <= float(m.group(2) or m.group(1))
    # embeddings apart: a small model's per-layer embedding tables never make Q3_K_M look like 11 bits
    assert float(m.group(1)) >= 3.4 and float(m.group(2) or m.group(1)) < 5.0
