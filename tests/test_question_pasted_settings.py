"""Questions that carry an engine's settings and file names, fourth round: a context length given as
a JSON key, an SGLang or Ollama setting, "@ 80k" or a load of "N tokens x M requests"; a KV-cache
type beside a weights quant; a short quant name said for the unsloth dynamic file named with it;
llama.cpp's MoE offload flags; "how large a memory" asked in Chinese; one model named twice, once
without its point release; a fine-tune name the catalog cannot tell, with its size. The sentences
are written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

# a context length as an engine's setting or a JSON key
CONTEXT_SETTINGS = [
    ('the app config has "ctx": 12288 for gemma 3 12b on a 3060 12GB', 12288),
    ("sglang --context-length 32768 for qwen3 32b on two 4090s", 32768),
    ("OLLAMA_CONTEXT_LENGTH=40960 with qwen3 14b on a 4070 Ti", 40960),
    ("context_length: 24576 for mistral small 3.2 24b on a 3090", 24576),
    ("phi 4 at the default context size 2048 on an 8GB card", 2048),
]


@pytest.mark.parametrize(("text", "context"), CONTEXT_SETTINGS)
def test_a_context_length_given_as_a_setting_is_read(catalog: Catalog, text: str, context: int) -> None:
    assert read_question(text, catalog.index).context == context


def test_a_gguf_headers_trained_length_is_no_context_asked(catalog: Catalog) -> None:
    text = "qwen3 8b on a 4060, the log says qwen3.context_length u32 = 40960"
    assert read_question(text, catalog.index).context is None


# a length after "@" and a load written as a length times a count
CONTEXT_LOADS = [
    ("qwen3 30b a3b on a 3090 @ 64k, what speed?", 65536),
    ("llama 3.1 8b on an A10G with vllm: 6000 tokens × 16 requests at once", 6000),
    ("mistral 7b, 3000 tokens x 8 users on a T4?", 3000),
]


@pytest.mark.parametrize(("text", "context"), CONTEXT_LOADS)
def test_a_context_after_at_sign_or_as_a_load_is_read(catalog: Catalog, text: str, context: int) -> None:
    assert read_question(text, catalog.index).context == context


# a KV-cache type is no quant of the weights
KV_CACHE_TYPES = [
    ("qwen3 32b on a 3090 with -ctk q8_0 -ctv q8_0 and flash attention", None),
    ("gemma 3 27b on a 4090, --cache-type-k q4_0 --cache-type-v q4_0", None),
    ("qwen3 14b Q4_K_M under Ollama with OLLAMA_KV_CACHE_TYPE=q8_0 on a 4060 Ti", "Q4_K_M"),
    ("glm 4.5 air on two 3090s, kv cache q8_0, weights Q3_K_M", "Q3_K_M"),
]


@pytest.mark.parametrize(("text", "quant"), KV_CACHE_TYPES)
def test_a_kv_cache_type_is_not_read_as_the_weights_quant(
    catalog: Catalog, text: str, quant: str | None
) -> None:
    assert read_question(text, catalog.index).quant == quant


# the short name of an unsloth dynamic quant said beside the file that carries the UD- name
DYNAMIC_FILE = [
    ("ran Q2_K_XL: DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf on 4x 3090 and 512GB RAM", "UD-Q2_K_XL"),
    ("IQ1_S was too dumb; file Kimi-K2-Instruct-UD-IQ1_S-00001-of-00006.gguf, 2x 4090 + 384GB", "UD-IQ1_S"),
]


@pytest.mark.parametrize(("text", "quant"), DYNAMIC_FILE)
def test_a_short_quant_name_is_the_dynamic_file_named_with_it(
    catalog: Catalog, text: str, quant: str
) -> None:
    assert read_question(text, catalog.index).quant == quant


def test_a_quant_named_alone_stays_as_written(catalog: Catalog) -> None:
    assert read_question("qwen3 32b IQ3_XXS on a 4090", catalog.index).quant == "IQ3_XXS"


# llama.cpp's own flags name it as the engine
LLAMA_CPP_FLAGS = [
    "qwen3 235b a22b on a 5090 with -ncmoe 60 and 192GB RAM",
    "gpt-oss 120b, --n-cpu-moe 28 on a 4090 and 96GB DDR5",
    "glm 4.5 air with --cpu-moe on a 3060 12GB and 64GB RAM",
    "./llama-sweep-bench -m kimi-k2.gguf on an EPYC 9654 with 768GB",
]


@pytest.mark.parametrize("text", LLAMA_CPP_FLAGS)
def test_llama_cpp_flags_and_programs_name_llama_cpp(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).engine == "llama.cpp"


def test_an_ollama_setting_names_ollama(catalog: Catalog) -> None:
    text = "qwen3 8b on a 3060, OLLAMA_FLASH_ATTENTION=1 set"
    assert read_question(text, catalog.index).engine == "ollama"


# "how large a memory does it need" in Chinese asks what it needs
HOW_LARGE = [
    "部署Qwen3 32B需要多大显存",
    "跑llama 3.3 70b要多大的显存",
    "deepseek r1 671b需要多大得显存",
]


@pytest.mark.parametrize("text", HOW_LARGE)
def test_how_large_a_memory_in_chinese_asks_requirements(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).kind == "requirements"


def test_with_no_model_to_size_the_rig_told_stays(catalog: Catalog) -> None:
    q = read_question("需要多大的显存？我的RTX 3060 12G能跑这个模型吗", catalog.index)
    assert q.missing == ("model",)
    assert q.hardware is not None and [g.id for g in q.hardware.gpus] == ["rtx-3060"]


# one model named twice: once by its major version, once with its point release
NAMED_TWICE = [
    ("Llama-3 70b for our team: we serve Llama-3.3-70b on 4x A6000 with vllm", ["llama-3.3-70b"]),
    ("llama 3 8b question: is llama 3.1 8b fine on a 3060?", ["llama-3.1-8b"]),
]


@pytest.mark.parametrize(("text", "ids"), NAMED_TWICE)
def test_a_model_named_again_without_its_point_release_is_one_model(
    catalog: Catalog, text: str, ids: list[str]
) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == ids


# a choice between the two, or two point releases, stay two models
TWO_MODELS = [
    ("llama 3 70b or llama 3.3 70b on 2x 3090?", ["llama-3-70b", "llama-3.3-70b"]),
    ("llama 3.1 70b vs llama 3.3 70b on a Mac Studio 128GB", ["llama-3.1-70b", "llama-3.3-70b"]),
    ("qwen2 7b and qwen2.5 7b on a 3060", ["qwen2-7b", "qwen2.5-7b"]),
    ("llama 3 8b, llama 3.1 8b on a 4090", ["llama-3-8b", "llama-3.1-8b"]),
]


@pytest.mark.parametrize(("text", "ids"), TWO_MODELS)
def test_a_choice_between_releases_stays_two_models(catalog: Catalog, text: str, ids: list[str]) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == ids


# a fine-tune the catalog cannot tell, its size in the pasted name: a generic shape of that size
UNKNOWN_FINE_TUNES = [
    ("Tess-Chat-34B-GPTQ on two 2080 Ti 22G cards, will it load?", 34.0),
    ("Orca-Mini-13B-AWQ在两张2080ti 22G上会爆显存吗", 13.0),
    ("Raven-Story-7B-v4 on a 6GB laptop 3060", 7.0),
]


@pytest.mark.parametrize(("text", "size"), UNKNOWN_FINE_TUNES)
def test_an_unknown_name_with_its_size_is_sized_as_that_size(
    catalog: Catalog, text: str, size: float
) -> None:
    q = read_question(text, catalog.index)
    assert len(q.models) == 1 and q.models[0].model.is_generic
    assert q.models[0].model.params_b == pytest.approx(size, rel=0.1)
    assert any("generic" in note for note in q.models[0].assumptions)


def test_a_misspelt_family_is_still_asked_about(catalog: Catalog) -> None:
    q = read_question("gemmma-4-12b on a 3060?", catalog.index)
    assert all(not r.model.is_generic for r in q.models)


# an engine named only as the one compared with is not the one the asker runs
ENGINE_COMPARED = [
    ("Qwen3 32B in LM Studio freezes my Mac mini M4 Pro 24GB, yet it runs fine with Ollama", "lmstudio"),
    ("gemma 3 27b in llama.cpp on my 3090 is much faster than ollama", "llama.cpp"),
    ("I switched from vllm to ollama: qwen3 30b a3b on an RTX 6000 Ada", "ollama"),
    ("I use ollama. would qwen3 32b run better on vllm with a 4090?", "vllm"),
    ("is qwen3 32b faster with llama.cpp than with ollama on my 3090?", "llama.cpp"),
]


@pytest.mark.parametrize(("text", "engine"), ENGINE_COMPARED)
def test_an_engine_named_as_the_comparison_is_not_the_one_run(
    catalog: Catalog, text: str, engine: str
) -> None:
    assert read_question(text, catalog.index).engine == engine


def test_one_engine_named_in_a_comparison_is_still_read(catalog: Catalog) -> None:
    text = "qwen3 8b on a 3060 runs fine with ollama"
    assert read_question(text, catalog.index).engine == "ollama"
