"""Backends and programs a question names are the ones answered: "with vulkan" sizes llama.cpp's
Vulkan build, "sycl vs vulkan" gives both, "exllamav3" is EXL3, "lm studio with mlx" is LM Studio's
MLX engine, "best ... with mlx" lists MLX quantizations, and exo over two Macs is one model over
llama.cpp's RPC backend, never one machine's command."""

from __future__ import annotations

import pytest

from bot.answers import answer_text, cache_key_parts
from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "backends"),
    [
        ("gemma 3 27b q4_k_m on a 7900 xtx with vulkan", ("vulkan",)),
        ("gemma 3 27b on 7900 xtx vulkan", ("vulkan",)),
        ("arc a770, qwen2.5 14b, llama.cpp sycl vs vulkan", ("sycl", "vulkan")),
        ("qwen3 32b on llama.cpp rocm", ("rocm",)),
        ("llama 3 8b using cuda on a 3060", ("cuda",)),
        ("the hip backend on my 6800 xt", ("rocm",)),
        ("nvidia-smi says CUDA Version: 12.4, found 2 CUDA devices", ()),  # a pasted log names no wish
        ("ggml_vulkan: found 1 Vulkan devices", ("vulkan",)),
        ("ggml_cuda_init: found 1 cuda devices", ()),
        ("a bare metal server with 2x 3090", ()),
        ("qwen3 14b on a 4090", ()),
        ("qwen3 8b on my 4090 in a metal case", ()),
        ("I was on cuda 12.4, now qwen3 32b on a 7900 xtx with rocm", ("rocm",)),
    ],
)
def test_the_backends_asked_are_read(catalog: Catalog, text: str, backends: tuple[str, ...]) -> None:
    q = read_question(text, catalog.index)
    assert tuple(b for b in (q.backend, q.backend_compared) if b) == backends


def test_an_asked_backend_reaches_the_estimate(catalog: Catalog) -> None:
    a = answer_text("gemma 3 27b q4_k_m on 7900 xtx with vulkan", catalog)
    assert a.options[0].backend == "vulkan"


def test_an_asked_backend_is_part_of_the_cache_key(catalog: Catalog) -> None:
    plain = read_question("gemma 3 27b q4_k_m on 7900 xtx", catalog.index)
    asked = read_question("gemma 3 27b q4_k_m on 7900 xtx with vulkan", catalog.index)
    assert cache_key_parts(plain) != cache_key_parts(asked)


def test_a_backend_the_rig_cannot_run_is_answered_on_its_own_with_a_note(catalog: Catalog) -> None:
    a = answer_text("qwen3 14b q4_k_m on a 4090 with rocm", catalog)
    assert a.options[0].backend == "cuda"
    assert any("rocm" in n for n in a.options[0].assumptions)


def test_two_backends_side_by_side_give_both_speeds(catalog: Catalog) -> None:
    a = answer_text("intel arc a770 16gb qwen2.5 14b q4_k_m, llama.cpp sycl vs vulkan, tg speed?", catalog)
    assert a.options[0].backend == "sycl"
    assert "With vulkan instead:" in (a.verdict or "")


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("exllamav3 qwen3 32b 4bpw on a 3090", "EXL3-4.0"),
        ("exllama v3 qwen3 32b on a 3090", "EXL3"),
        ("tabbyapi qwen3 32b 4.5bpw on a 3090", "EXL2-4.5"),  # no third version named
        ("exllamav2 mistral large on 4x 3090", "EXL2"),  # the second version named: its own format
        ("exllamav2 qwen3 32b 5bpw on a 3090", "EXL2-5.0"),
    ],
)
def test_exllama_v3_asks_for_its_exl3_format(catalog: Catalog, text: str, quant: str) -> None:
    assert read_question(text, catalog.index).quant == quant


def test_lm_studio_with_mlx_is_sized_on_its_mlx_engine(catalog: Catalog) -> None:
    q = read_question("32gb mac mini m2 pro, gemma 3 27b in lm studio with mlx, how fast?", catalog.index)
    assert q.engine == "mlx"
    assert q.engine_note is not None and "LM Studio" in q.engine_note


def test_the_best_models_with_mlx_are_mlx_quantizations(catalog: Catalog) -> None:
    a = answer_text("macbook pro m3 max 48gb, best model for coding with mlx?", catalog)
    assert a.options
    # a model released in MXFP4 (gpt-oss) is served as it is
    assert all(o.engine == "mlx" and (o.quant.startswith("MLX-") or o.quant == "MXFP4") for o in a.options)


def test_exo_over_two_macs_says_pipeline_speed_and_serves_over_rpc(catalog: Catalog) -> None:
    a = answer_text("2x mac studio m3 ultra 512gb with exo, deepseek r1 at 8bit? speed?", catalog)
    assert any("exo" in h and "one machine's" in h for h in a.hints)
    command = a.options[0].command or ""
    assert command.startswith("rpc-server ")
    assert "--rpc " in command


def test_lm_studio_with_mlx_on_a_pc_stays_lm_studio(catalog: Catalog) -> None:
    q = read_question("LM Studio with MLX on an RTX 4090, gemma 3 27b q4_k_m?", catalog.index)
    assert q.engine == "lmstudio"
