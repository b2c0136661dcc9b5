"""Ways people write settings and precision in front-end threads, read as an expert would: a context
figure inside a release's name is that release's, a full stop after a setting's value ends it, Ollama's
own option names say the engine is Ollama, a quant turned down ("without 8bit quantization") is not
wished, and "unquantized" asks for the weights as released. The sentences are written for these tests
in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

NAMED_WINDOWS = [
    ("Qwen2.5-Coder-7B-Instruct-128K-GGUF on my 3060, is it fast?", None),
    ("running Yi-34B-200K on 2x 3090 with -c 16384", 16384),
    ("llama3_262k 8b on a 4090 with llama.cpp -c 32768", 32768),
]


@pytest.mark.parametrize(("text", "tokens"), NAMED_WINDOWS, ids=[t for t, _ in NAMED_WINDOWS])
def test_a_context_figure_inside_a_release_name_is_not_the_context_asked(
    catalog: Catalog, text: str, tokens: int | None
) -> None:
    assert read_question(text, catalog.index).context == tokens


def test_a_context_written_apart_from_the_name_still_counts(catalog: Catalog) -> None:
    assert read_question("qwen2.5 14b on a 4090 with a 128k-context", catalog.index).context == 131072


SETTING_AT_SENTENCE_END = [
    ("gpt-oss 20b on my 4070: num_ctx = 16384. it swaps to RAM", 16384),
    ("qwen3 8b on a 3060 with --ctx-size 24576. any tips?", 24576),
    ("gemma 3 12b, max_model_len: 8192. on an A10", 8192),
]


@pytest.mark.parametrize(
    ("text", "tokens"), SETTING_AT_SENTENCE_END, ids=[t for t, _ in SETTING_AT_SENTENCE_END]
)
def test_a_full_stop_after_a_settings_value_ends_the_value(catalog: Catalog, text: str, tokens: int) -> None:
    assert read_question(text, catalog.index).context == tokens


OLLAMA_SETTINGS = [
    "gpt-oss 120b on 2x 4090 and a 4070: num_batch = 256 num_gpu = 30 num_ctx = 32768, out of memory",
    "gemma3 27b on a 3090, I set OLLAMA_KV_CACHE_TYPE=q8_0 but it still spills",
    "qwen3 30b a3b on a 4060 ti with num_gpu: 20, is that right?",
]


@pytest.mark.parametrize("text", OLLAMA_SETTINGS)
def test_ollamas_own_option_names_say_the_engine_is_ollama(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).engine == "ollama"


@pytest.mark.parametrize(
    ("text", "engine"),
    [
        ("qwen3 8b with llama.cpp n_ctx = 8192 on a 3060", "llama.cpp"),
        ("qwen3 8b on a 3060 in lm studio, num_ctx 8192", "lmstudio"),
    ],
)
def test_an_engine_named_outright_wins_over_ollamas_option_names(
    catalog: Catalog, text: str, engine: str
) -> None:
    assert read_question(text, catalog.index).engine == engine


def test_another_programs_num_gpus_names_no_engine(catalog: Catalog) -> None:
    assert read_question("a ray job with num_gpus=2 for qwen3 8b on 2x3090", catalog.index).engine is None


DECLINED = [
    "my 3090 has no fp8 support, can it run qwen3 32b?",
    "qwen3 14b on a 4070, not q4 please, is it possible",
]


@pytest.mark.parametrize("text", DECLINED)
def test_a_quant_turned_down_is_not_the_quant_wished(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).quant is None


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("can my 3090 run qwen3 32b in q8 instead of q4?", "Q8"),
        ("qwen3 32b on a 3090, not q4 but q8?", "Q8"),
    ],
)
def test_the_quant_chosen_over_the_one_turned_down_is_wished(catalog: Catalog, text: str, quant: str) -> None:
    assert read_question(text, catalog.index).quant == quant


UNQUANTIZED = [
    ("llama 3 8b unquantized on a 4090", "BF16"),
    ("can a 34b run on 3x 4090 without 8bit quantization?", "BF16"),
    ("can I run llama 3 8b without quantization on a 4090 with vllm", "BF16-HF"),
    ("deepseek r1 at full precision on 8x H200 with vllm", "FP8"),
    ("gpt-oss 120b w/o quantization on an rtx pro 6000", "MXFP4"),
    ("qwen3 32b 不量化 两张4090 能跑吗", "BF16"),
    ("deepseek r1 非量化版本, 一张L40 加 1.5T 内存能跑吗", "FP8"),
    ("deepseek r1 unquantized on 2x 3090 with llama.cpp and 1TB ram", "Q8_0"),
]


@pytest.mark.parametrize(("text", "quant"), UNQUANTIZED, ids=[t for t, _ in UNQUANTIZED])
def test_unquantized_asks_for_the_weights_as_released(catalog: Catalog, text: str, quant: str) -> None:
    assert read_question(text, catalog.index).quant == quant


def test_a_quant_named_beside_unquantized_words_is_the_one_wished(catalog: Catalog) -> None:
    q = read_question("qwen3 32b in q8, or would full precision fit on 2x 4090?", catalog.index)
    assert q.quant == "Q8"
