"""Questions that paste logs and settings, name a compute backend, and write names the way file
paths and forks do, fifth round: a Vulkan device line or llama.cpp's system info (no quant), a
quant written with hyphens, "set max-model-len to N" and "204,800 context", vLLM by its own
settings or glued to its version, an engine only guessed at, the backend named (Vulkan, ROCm,
SYCL) reaching the estimate, dotless point releases ("qwen25", "V32"), Qwen's Chinese names, a bpw
figure after a name, a llama-bench label under the file it measured, a maker's line word after a
family ("Flash", "Next"), what a model is said to need beside the asker's own rig, and "a model
that fits". The sentences are written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from bot.answers import answer_text, cache_key_parts
from sizing import Catalog, read_question

# a length given as a setting with a word between, or in digits grouped by thousands
CONTEXTS = [
    ("vllm OOMs with qwen3 8b on an A10 even after I set max-model-len to 2048", 2048),
    ("llama.cpp with a ctx-size of 16384 for gemma 3 12b on a 3060", 16384),
    ("we keep a 131,072 context for qwen3 32b on two 3090s", 131072),
    ("glm 4.5 air at 65,536 tokens of context on a 4090 and 128GB RAM", 65536),
]


@pytest.mark.parametrize(("text", "context"), CONTEXTS)
def test_a_context_set_with_a_word_or_grouped_digits_is_read(
    catalog: Catalog, text: str, context: int
) -> None:
    assert read_question(text, catalog.index).context == context


# a llama.cpp type written with hyphens for its underscores
HYPHENATED_QUANTS = [
    ("grabbed Qwen3-14B-IQ4-XS for my 4070, does it fit?", "IQ4-XS"),
    ("mistral small 3.2 24b Q5-K-M on a 3090", "Q5-K-M"),
    ("GLM-4.5-Air-UD-Q3-K-XL on a 5090 and 96GB DDR5", "UD-Q3-K-XL"),
]


@pytest.mark.parametrize(("text", "quant"), HYPHENATED_QUANTS)
def test_a_quant_written_with_hyphens_is_read_whole(catalog: Catalog, text: str, quant: str) -> None:
    assert read_question(text, catalog.index).quant == quant


def test_a_size_after_a_quant_stays_a_size(catalog: Catalog) -> None:
    q = read_question("is Q4-70B a thing? llama 3.3 70b on two 3090s", catalog.index)
    assert [r.model.id for r in q.models] == ["llama-3.3-70b"]


# a pasted log's device flags: Vulkan's device line, llama.cpp's system info
DEVICE_FLAGS = [
    "ggml_vulkan: 0 = AMD Radeon RX 6800 (RADV) | uma: 0 | fp16: 1 | bf16: 0 | warp size: 64\n"
    "loading gemma-3-12b-it-Q5_K_M.gguf",
    "system_info: n_threads = 8 | AVX2 = 1 | F16C = 1 | FP16_VA = 0 | AVX512_BF16 = 0 |\n"
    "model gemma-3-12b-it-Q5_K_M.gguf on an RX 6800",
]


@pytest.mark.parametrize("text", DEVICE_FLAGS)
def test_a_logs_device_flags_are_no_quant(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).quant == "Q5_K_M"


# vLLM by its name glued to a version or by settings only it takes
VLLM_SAID = [
    "VLLM0.9.2 keeps crashing with qwen3 32b awq on two 4090s",
    "qwen3 30b a3b on 2x 3090 with --gpu-memory-utilization 0.92 and --enforce-eager",
    "LLM(model='Qwen/Qwen3-8B', max_model_len=8192) on a 4060 Ti",
    "(APIServer pid=1) INFO loading Qwen/Qwen3-14B on an L4",
]


@pytest.mark.parametrize("text", VLLM_SAID)
def test_vllm_is_read_by_a_glued_version_or_its_own_settings(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).engine == "vllm"


def test_a_vllm_setting_only_talked_about_names_no_engine(catalog: Catalog) -> None:
    text = "how much memory for glm 4 9b with a max_model_len of 1M? a 48GB card is not enough"
    assert read_question(text, catalog.index).engine is None


def test_sglang_glued_to_its_version_is_read(catalog: Catalog) -> None:
    text = "serving deepseek v3 with sglangv0.4.1 on 8x h200"
    assert read_question(text, catalog.index).engine == "sglang"


def test_an_engine_only_guessed_at_is_not_the_one_run(catalog: Catalog) -> None:
    text = "qwen3 14b on a 4070 runs on llama.cpp for me; maybe it'd be faster on linux with vllm"
    assert read_question(text, catalog.index).engine == "llama.cpp"


# the compute backend named, by its name or by what its builds print
BACKENDS = [
    ("qwen3 8b q4_k_m on a 7900 XTX with vulkan", "vulkan"),
    ("llama 3.1 8b on two MI50s, ROCm 6.3", "rocm"),
    ("mistral 7b on an Arc A770 using the SYCL build", "sycl"),
    ("ggml_vulkan: Found 1 Vulkan devices: AMD Radeon RX 6600 XT, qwen3 4b q8_0", "vulkan"),
    ("found 2 ROCm devices; ggml_init_cublas: 7900 XTX x2 with qwen3 32b", "rocm"),
    ("export VLLM_ROCM_USE_AITER=1 before qwen3 32b fp8 on two R9700s", "rocm"),
]


@pytest.mark.parametrize(("text", "backend"), BACKENDS)
def test_the_backend_named_is_read(catalog: Catalog, text: str, backend: str) -> None:
    assert read_question(text, catalog.index).backend == backend


NO_BACKEND = [
    "qwen3 8b on a 3060 12GB",
    "found 1 CUDA devices: qwen3 8b on a 3060 12GB",  # CUDA in a log: the NVIDIA default, no wish
]


@pytest.mark.parametrize("text", NO_BACKEND)
def test_no_backend_is_read_when_none_drives_the_rig_alone(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).backend is None


def test_the_backend_named_reaches_the_estimate(catalog: Catalog) -> None:
    answer = answer_text("qwen3 8b on a 7900 XTX with vulkan", catalog)
    assert answer.options
    assert {o.backend for o in answer.options} == {"vulkan"}


def test_the_backend_named_is_part_of_the_cache_key(catalog: Catalog) -> None:
    vulkan = read_question("qwen3 8b on a 7900 XTX with vulkan", catalog.index)
    rocm = read_question("qwen3 8b on a 7900 XTX with rocm", catalog.index)
    assert cache_key_parts(vulkan) != cache_key_parts(rocm)


# point releases written without their dot, as paths and repository names write them
DOTLESS = [
    ("../models/qwen25-7b-instruct on a 3060", "qwen2.5-7b"),
    ("Deepseek-V32-exp on 8x H200?", "deepseek-v3.2"),
    ("deepseek v31 at fp8 on 8x h200", "deepseek-v3.1"),
    ("llama31-8b on a 4060 8GB", "llama-3.1-8b"),
]


@pytest.mark.parametrize(("text", "model_id"), DOTLESS)
def test_a_point_release_without_its_dot_is_read(catalog: Catalog, text: str, model_id: str) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == [model_id]


SIZES_NOT_RELEASES = [
    ("llama-33b on a 3090", "llama-1-33b"),
    ("qwen3-32b on a 3090", "qwen3-32b"),
]


@pytest.mark.parametrize(("text", "model_id"), SIZES_NOT_RELEASES)
def test_a_size_is_never_read_as_a_point_release(catalog: Catalog, text: str, model_id: str) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == [model_id]


# Qwen by its Chinese name and its pinyin
QWEN_NAMES = [
    "qianwen 14B int4 能在 4060 Ti 16G 上跑吗",
    "千问14B需要多少显存",
    "通义千问 14B 用一张3090够吗",
]


@pytest.mark.parametrize("text", QWEN_NAMES)
def test_qwen_by_its_chinese_names_is_qwen(catalog: Catalog, text: str) -> None:
    (r,) = read_question(text, catalog.index).models
    assert r.model.family.lower().startswith("qwen")
    assert r.model.params_b == pytest.approx(14, rel=0.1)


# EXL2's bits per weight after a name end the name
BPW_AFTER = [
    ("Command-R plus 5.0 bpw on three 3090s", "command-r-plus-104b", "EXL2-5.0"),
    ("command r+ 4.5bpw on 3x 3090", "command-r-plus-104b", "EXL2-4.5"),
]


@pytest.mark.parametrize(("text", "model_id", "quant"), BPW_AFTER)
def test_bits_per_weight_after_a_name_are_a_quant_not_a_version(
    catalog: Catalog, text: str, model_id: str, quant: str
) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == [model_id]
    assert q.quant == quant


def test_a_llama_bench_label_under_its_file_is_that_files_model(catalog: Catalog) -> None:
    text = (
        "Arc B580, 64GB DDR5\n./llama-bench -m Qwen2.5-Coder-7B-Instruct-Q4_K_M.gguf\n"
        "| qwen2 7B Q4_K - Medium | 4.36 GiB | 7.62 B | Vulkan | 99 | tg128 | 60.1 |"
    )
    assert [r.model.id for r in read_question(text, catalog.index).models] == ["qwen2.5-coder-7b"]


def test_a_llama_bench_label_alone_is_still_read(catalog: Catalog) -> None:
    text = "| qwen2 7B Q4_K - Medium | 4.36 GiB | 7.62 B | CUDA | 99 | tg128 | 120.5 | on a 3060 12GB"
    assert len(read_question(text, catalog.index).models) == 1


# a maker's line word after a family names another model, never a fine-tune sized as the base
LINE_WORDS = ["GLM-5-Next on two 3090s and 256GB RAM?", "would qwen2.5-max fit a 4090?"]


@pytest.mark.parametrize("text", LINE_WORDS)
def test_a_line_word_after_a_family_is_not_the_base_model(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.models == ()
    assert "model" in q.missing


def test_a_line_model_sized_in_the_text_is_a_generic_of_its_family(catalog: Catalog) -> None:
    text = "GLM-5.3-Flash is a 320B MoE. Can 2x 3090 and 256GB DDR4 run it?"
    (r,) = read_question(text, catalog.index).models
    assert r.model.is_generic
    assert r.model.params_b == pytest.approx(320, rel=0.03)
    assert "glm" in r.model.name.lower()


def test_a_repackaging_tag_with_its_size_still_reads_the_base(catalog: Catalog) -> None:
    text = "Llama-3.1-8B-Instruct-Turbo on a 3060"
    assert [r.model.id for r in read_question(text, catalog.index).models] == ["llama-3.1-8b"]


def test_what_a_model_is_said_to_need_is_not_the_askers_rig(catalog: Catalog) -> None:
    text = (
        "DeepSeek R1 needs 8x H100 80GB to serve, but I only have a 4090 and 64GB of RAM: "
        "any chance with offload?"
    )
    q = read_question(text, catalog.index)
    assert q.kind == "estimate"
    assert q.hardware is not None
    assert [(g.id, g.count) for g in q.hardware.gpus] == [("rtx-4090", 1)]
    assert q.hardware.ram_gb == 64


def test_a_requirement_stated_with_no_rig_of_ones_own_stays_a_requirement(catalog: Catalog) -> None:
    q = read_question("deepseek r1 needs 8x h100?", catalog.index)
    assert q.kind == "requirements"
    assert q.candidates == ("h100-sxm",)


# asking for "a model" that fits the rig
A_MODEL_THAT_FITS = [
    "I have an M2 Air, can we get a model supported for 24GB RAM?",
    "is there a model that runs well on a 4060 Ti 16GB?",
    "where can I find an LLM that fits a 12GB 3060?",
]


@pytest.mark.parametrize("text", A_MODEL_THAT_FITS)
def test_asking_for_a_model_that_fits_asks_for_the_best(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).kind == "best"


def test_having_a_model_that_needs_memory_is_no_request_for_one(catalog: Catalog) -> None:
    q = read_question("I have a model that needs 20GB, will it run on my 3090?", catalog.index)
    assert q.kind != "best"
