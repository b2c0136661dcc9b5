"""Two options named as a choice, each a quantization only one engine loads ("mlx 4bit or gguf
UD-Q3_K_XL?", "q4_k_m or mlx 4bit?"), are the two sized and compared: each on its own engine at its
own quantization, not a stand-in for one of them. Sentences written for these tests in the patterns
people use."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question

CHOICES = [
    # (text, the engine that leads and its quant, the engine beside it and its quant)
    (
        "glm-5.1 on a mac studio m3 ultra 512gb, mlx 4bit or gguf UD-Q3_K_XL? speed?",
        ("mlx", "MLX-4bit"),
        ("llama.cpp", "UD-Q3_K_XL"),
    ),
    ("qwen3 32b on an m4 max 64gb: gguf q4_k_m or mlx 4bit?", ("llama.cpp", "Q4_K_M"), ("mlx", "MLX-4bit")),
    (
        "qwen3 32b on an m4 max 64gb: q4_k_m or mlx 4bit, which is faster?",
        ("llama.cpp", "Q4_K_M"),
        ("mlx", "MLX-4bit"),
    ),
    ("llama 3.3 70b on 2x 3090: awq or q4_k_m?", ("vllm", "AWQ"), ("llama.cpp", "Q4_K_M")),
]


@pytest.mark.parametrize(("text", "lead", "beside"), CHOICES, ids=[t for t, _, _ in CHOICES])
def test_each_named_option_is_read_with_its_engine(
    catalog: Catalog, text: str, lead: tuple[str, str], beside: tuple[str, str]
) -> None:
    q = read_question(text, catalog.index)
    assert (q.engine, q.quant) == lead
    assert (q.engine_compared, q.engine_compared_quant) == beside
    assert q.quants_compared == ()


@pytest.mark.parametrize(("text", "lead", "beside"), CHOICES[:2], ids=[t for t, _, _ in CHOICES[:2]])
def test_the_answer_sizes_both_named_options(
    catalog: Catalog, text: str, lead: tuple[str, str], beside: tuple[str, str]
) -> None:
    a = answer_text(text, catalog)
    assert a.options[0].quant == lead[1]
    assert f"instead: {beside[1]}" in a.verdict
    assert "nearest equivalent" not in a.verdict


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 32b on a 3090, q4_k_m or q5_k_m?",  # one engine loads both: a choice of quantizations
        "qwen3 32b on an m4 max 64gb, mlx 4bit or 6bit?",
    ],
)
def test_quantizations_one_engine_loads_stay_a_choice_of_quantizations(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.engine_compared is None
    assert len(q.quants_compared) == 2
