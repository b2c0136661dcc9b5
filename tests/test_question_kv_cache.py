"""A KV cache type asked for in words ("q4 cache", "-ctk q8_0", "fp8 kv") is read, kept apart from
the weights' quant, and sized and launched with the type the engine has (saying so where the engine
lacks the one asked for)."""

from __future__ import annotations

import pytest

from bot.answers import answer_text, cache_key_parts
from sizing import Catalog, advise, default_catalog, engine_kv_name, estimate, parse_hardware, read_question


@pytest.mark.parametrize(
    ("text", "kv"),
    [
        ("32k context and a q4 cache please", "q4_0"),
        ("tabbyapi with cache_mode Q4", "q4_0"),
        ("is a 4-bit kv cache ok for coding", "q4_0"),
        ("what about a q8 cache instead", "q8_0"),
        ("running it with a q4_0 kv cache", "q4_0"),
        ("keeping the kv cache in q8_0", "q8_0"),
        ("llama-server -m x.gguf -ctk q4_0 -ctv q4_0", "q4_0"),
        ("--cache-type-k q8_0 --cache-type-v q8_0", "q8_0"),
        ("serve it with fp8 kv to save memory", "fp8"),
        ("vllm serve x --kv-cache-dtype fp8", "fp8"),
        ("kv_cache_dtype=fp8_e5m2 in sglang", "fp8"),
        ("KV 量化 q8 能省多少", "q8_0"),
        ("一张4090，kv cache用q8，够吗", "q8_0"),
        ("kv cache 设为 q4_0 可以吗", "q4_0"),
        ("an 8 bit k/v cache", "q8_0"),
        ("fp16 kv cache, no quantization", "f16"),
        ("OLLAMA_KV_CACHE_TYPE=q8_0 ollama serve", "q8_0"),
        ("128k context with a q6 cache", "q6"),
        ("tabbyapi cache_mode: Q6", "q6"),
        ("exl2 at 5bpw and a 6-bit kv cache", "q6"),
        ("--cache-mode Q6 on two cards", "q6"),
    ],
)
def test_a_kv_cache_type_is_read_from_its_words(catalog: Catalog, text: str, kv: str) -> None:
    assert read_question(text, catalog.index).kv_type == kv


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 32b q4_k_m on a 4090",  # a weights quant
        "llama 3.1 8b at 4 bit with 8k context",  # bits of the weights
        "does the 8k cache fit",  # a length, not a type
        "prompt cache is slow on my mac",  # no type named
    ],
)
def test_words_without_a_cache_type_read_none(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).kv_type is None


@pytest.mark.parametrize(
    ("text", "quant", "kv"),
    [
        ("llama 3.3 70b on 2x3090, 32k context, 4-bit kv cache", None, "q4_0"),
        ("qwen3 32b on a 4090 with q8 cache", None, "q8_0"),
        ("llama 3.3 70b q4_k_m on 2x3090, 32k context, q4_0 kv cache", "Q4_K_M", "q4_0"),
    ],
)
def test_the_cache_type_is_no_quant_of_the_weights(
    catalog: Catalog, text: str, quant: str | None, kv: str
) -> None:
    q = read_question(text, catalog.index)
    assert (q.quant, q.kv_type) == (quant, kv)


@pytest.mark.parametrize(
    ("wish", "engine", "kv", "noted"),
    [
        ("q4_0", "llama.cpp", "q4_0", False),
        ("q5_1", "llama.cpp", "q5_1", False),
        ("fp8", "llama.cpp", "q8_0", True),  # no fp8 cache in ggml: its 8-bit one
        ("q5_0", "ollama", "q8_0", True),  # Ollama has f16, q8_0, q4_0: the nearest not smaller
        ("q4_0", "exllama", "q4_0", False),
        ("q6", "exllama", "q6", False),
        ("q6", "llama.cpp", "q8_0", True),  # no 6-bit ggml cache: its 8-bit one
        ("q6", "ollama", "q8_0", True),
        ("q4_0", "vllm", "fp8", True),  # no 4-bit cache: fp8 is vLLM's smallest
        ("q8_0", "sglang", "fp8", True),
        ("fp8", "vllm", "fp8", False),
        ("q8_0", "mlx", "f16", True),
    ],
)
def test_each_engine_takes_its_own_type_and_says_when_it_lacks_the_wish(
    catalog: Catalog, wish: str, engine: str, kv: str, noted: bool
) -> None:
    hw = parse_hardware("M2 Max 64GB" if engine == "mlx" else "RTX 4090, 64GB RAM")
    quant = {"vllm": "AWQ", "sglang": "AWQ", "exllama": "EXL2-4.0", "mlx": "MLX-4bit"}.get(engine, "Q4_K_M")
    a = advise(catalog.by_id["llama-3.1-8b"], hw, engine=engine, quant=quant, context=8192, kv_types=[wish])
    top = a.options[0].estimate
    assert top.memory.kv_type == kv
    said = [n for n in top.assumptions if f"a {wish} KV cache was asked for" in n]
    assert bool(said) == noted


@pytest.mark.parametrize(("kv", "mode"), [("f16", "FP16"), ("q8_0", "Q8"), ("q4_0", "Q4")])
def test_exllama_names_its_cache_modes(kv: str, mode: str) -> None:
    assert engine_kv_name(kv, "exllama") == mode
    assert engine_kv_name(kv, "llama.cpp") == kv


def test_the_cache_type_is_part_of_the_cache_key(catalog: Catalog) -> None:
    plain = read_question("llama 3.3 70b on 2x3090 at 32k", catalog.index)
    asked = read_question("llama 3.3 70b on 2x3090 at 32k with a q4 cache", catalog.index)
    assert cache_key_parts(plain) != cache_key_parts(asked)


def test_a_q4_cache_on_tabbyapi_is_sized_and_launched_as_q4(catalog: Catalog) -> None:
    a = answer_text("exllamav2 llama 3.3 70b 4.0bpw on 2x3090 with tabbyapi, 32k context q4 cache", catalog)
    top = a.options[0]
    assert top.kv_type == "q4_0"
    assert "--cache-mode Q4" in (top.command or "")
    assert a.question.kv_type == "q4_0"


def test_an_asked_llama_cpp_cache_type_is_the_one_launched(catalog: Catalog) -> None:
    a = answer_text("llama 3.3 70b q4_k_m on 2x3090, 32k context, q4_0 kv cache", catalog)
    top = a.options[0]
    assert top.kv_type == "q4_0"
    assert "-ctk q4_0 -ctv q4_0" in (top.command or "")


def test_a_type_the_engine_lacks_is_said(catalog: Catalog) -> None:
    a = answer_text("vllm qwen2.5 32b awq on a single L40S, 4-bit kv cache", catalog)
    top = a.options[0]
    assert top.kv_type == "fp8"
    assert any("no" in n or "16-bit or fp8" in n for n in top.assumptions)


@pytest.mark.parametrize(
    ("text", "mode", "ratio"),
    [
        ("exl3 qwen3 coder 30b a3b 6bpw on two rtx 4090s at 128k with a q6 cache", "Q6", 26 / 64),
        ("exllamav2 llama 3.1 8b 6.0bpw on a 3090, 64k context, cache_mode Q8", "Q8", 34 / 64),
        ("tabbyapi qwen3 14b exl2 4.0bpw on a 4090 at 32k with Q4 cache", "Q4", 18 / 64),
    ],
)
def test_exllama_cache_modes_are_sized_and_launched_as_asked(
    catalog: Catalog, text: str, mode: str, ratio: float
) -> None:
    a = answer_text(text, catalog)
    o = next(o for o in a.options if o.engine == "exllama")
    assert f"--cache-mode {mode}" in (o.command or "")
    f16 = estimate(
        catalog.by_id[o.model.id],
        parse_hardware("2x RTX 4090"),
        engine="exllama",
        quant=o.quant,
        context=o.context,
        kv_type="f16",
    )
    assert o.memory.kv_cache_gb * 1e9 == pytest.approx(f16.memory.kv_bytes * ratio, rel=0.03)


def test_a_kv_type_said_in_chinese_never_sets_the_weights_quant() -> None:
    q = read_question("三个人同时用 qwen3 32b，一张4090，kv cache用q8，够吗？", default_catalog().index)
    assert q.kv_type == "q8_0" and q.quant is None
