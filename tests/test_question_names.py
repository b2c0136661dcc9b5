"""Model and quant names inside whole questions: pasted names are found whole (HF ids, URLs, Ollama
tags, file names), next to CJK text, after a size ("the 34b yi one"), with a typo; the quant named
anywhere in the question is read into canirun's spelling."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


@pytest.mark.parametrize(
    ("text", "model_ids"),
    [
        ("can mistralai/Mistral-Nemo-Instruct-2407 run on a 3060 12gb?", ["mistral-nemo-12b"]),
        ("huggingface.co/unsloth/Qwen3-14B-GGUF on an rx 7800 xt?", ["qwen3-14b"]),
        ("ollama pull llama3.1:8b-instruct-q5_K_M then run it on a 2070", ["llama-3.1-8b"]),
        ("will Phi-4-Q6_K.gguf fit a 12gb card", ["phi-4"]),
        ("我的4060能跑Qwen3 8B吗", ["qwen3-8b"]),
        ("4090でgemma 3 27bは動きますか", ["gemma-3-27b"]),
        ("16G显存跑deepseek蒸馏的qwen 7b够吗", ["deepseek-r1-distill-qwen-7b"]),
        ("the 72b qwen2.5 on 2x 3090?", ["qwen2.5-72b"]),
        ("65b llama on 4x p40", ["llama-1-65b"]),
        ("gemmma 3 12b on a 3060", ["gemma-3-12b"]),
        ("will lamma 3.1 8b work on a gtx 1660 super", ["llama-3.1-8b"]),
        ("lllama 3.1 8b on a 3060", ["llama-3.1-8b"]),
        ("Command R+ on 4x 3090", ["command-r-plus-104b"]),
        ("command-a on 2x a6000", ["command-a-111b"]),
        ("command r plus on 2x 3090", ["command-r-plus-104b"]),
        ("command-r+ on a 4090 and 64gb", ["command-r-plus-104b"]),
        ("command r on a 3090", ["command-r-35b"]),
        ("glm4.5air with 2x 3090 and 128gb", ["glm-4.5-air"]),
        ("granite 4.0 h tiny on a laptop 4060", ["granite-4.0-h-tiny"]),
        ("gpt-oss-20b 4070 + 32gb", ["gpt-oss-20b"]),
        ("gemma 3n e4b on a pixel 9 pro", ["gemma-3n-e4b"]),
        ("kimi linear on a 4090", ["kimi-linear-48b-a3b"]),
        ("what commands should I run for qwen3 32b on a 3090", ["qwen3-32b"]),
        ("deepseek v3.1 terminus on 8x h200", ["deepseek-v3.1"]),
        ("qwen2.5 7b or llama 3.1 8b on a 3060?", ["qwen2.5-7b", "llama-3.1-8b"]),
        ("is the big Llama (405B) possible on 8x 3090?", ["llama-3.1-405b"]),
        ("the small Gemma 3 (12B) on a 3060?", ["gemma-3-12b"]),
    ],
)
def test_the_model_named_in_a_question_is_found(catalog: Catalog, text: str, model_ids: list[str]) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == model_ids


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 32b with llama.cpp on a 3090",
        "llama-server with gemma 3 12b on a 3060",
        "ik_llama.cpp qwen3 8b on a 3090",
    ],
)
def test_engine_names_are_not_models(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert len(q.models) == 1 and not q.model_errors


def test_a_gpu_number_after_a_sized_name_stays_hardware(catalog: Catalog) -> None:
    q = read_question("qwen3-8b 3060 with 32gb ram", catalog.index)
    assert [r.model.id for r in q.models] == ["qwen3-8b"]
    assert q.hardware is not None and q.hardware.gpus


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("llama 8B Q5_K - Medium on a 3080", "Q5_K_M"),
        ("qwen3 32b Q3_K - Large on a 4090", "Q3_K_L"),
        ("Qwen3-30B-A3B-UD-Q6_K_XL on a 5090", "UD-Q6_K_XL"),
        ("deepseek v3 Q2_K_XL on 4x 3090", "UD-Q2_K_XL"),
        ("gemma3:12b-it-qat on a 3060", "QAT"),
        ("Qwen3-8B的Q6_K版本能跑吗", "Q6_K"),
        ("「Qwen3-8B」のQ4で", "Q4"),
        ("mlx-community/Qwen3-8B-6bit on an m2", "MLX-6bit"),
        ("Qwen3-14B-4bit on a 16gb mac mini", "MLX-4bit"),
        ("qwen3 14b 4 bit on a 3060", "Q4"),
        ("turboderp/Qwen3-32B-exl3 (4.0bpw) on a 3090", "EXL3-4.0"),
        ("Qwen3-32B 5.0bpw exl2 on a 4090", "EXL2-5.0"),
        ("EXL2-4.65 llama 3.3 70b on 2x 3090", "EXL2-4.65"),  # the bits after a hyphen
        ("mixtral 8x7b as an exl2 2 bit quant on a 24gb card", "EXL2-2.0"),  # the bits said apart
        ("meta-llama/Llama-3.1-8B-Instruct in bf16 on an a100", "BF16-HF"),
        ("llama 8B BF16 on a 4090", "BF16"),
        ("Qwen/Qwen3-8B-FP8 on an L4", "FP8"),
        ("RedHatAI/Qwen3-8B-NVFP4 on a 5090", "NVFP4"),
        ("can I run qwen3 32b in nvfp4 on a 5090", "NVFP4"),
        ("Qwen/Qwen3-14B-AWQ with vllm", "AWQ"),
        ("qwen3 8b gptq-int8 on a t4", "GPTQ-INT8"),
        ("qwen3 32b iq4_nl on a 3090", "IQ4_NL"),
    ],
)
def test_the_quant_named_in_a_question_is_read(catalog: Catalog, text: str, quant: str) -> None:
    assert read_question(text, catalog.index).quant == quant


def test_a_question_without_a_quant_reads_none(catalog: Catalog) -> None:
    assert read_question("can qwen3 8b run on a 3060?", catalog.index).quant is None


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("is 8GB of VRAM enough for deepseek-r1:14b?", None),  # no quant stated
        ("llama3.1:8b on an rtx 3060", None),
        ("qwen2.5-coder:32b-instruct-q8_0 on a 4090", "Q8_0"),  # the tag's own quant
    ],
)
def test_an_ollama_tag_means_ollama(catalog: Catalog, text: str, quant: str | None) -> None:
    q = read_question(text, catalog.index)
    assert (q.engine, q.quant) == ("ollama", quant)


@pytest.mark.parametrize(
    ("text", "pulled"),
    [
        ("is 8GB of VRAM enough for deepseek-r1:14b?", "Q4_K_M"),  # Ollama's default build
        ("gpt-oss:20b on an rtx 3060", "MXFP4"),  # released in MXFP4, pulled as it was released
        ("llama 3.1 8b on an rtx 3060 with ollama", None),  # no tag: the quant is chosen
    ],
)
def test_an_ollama_tag_without_a_quant_pulls_the_default_build(
    catalog: Catalog, text: str, pulled: str | None
) -> None:
    assert read_question(text, catalog.index).pulled_quant == pulled


@pytest.mark.parametrize(
    "text",
    [
        "/canirun model:gpt-oss-120b hardware:2x 3090, 64GB RAM",
        "qwen3 30b on a 3090 at 12:00",
        "llama 3.3 70b on 2x 3090 with vllm",
    ],
)
def test_colons_that_are_no_ollama_tag_leave_the_engine_alone(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).engine in (None, "vllm")


@pytest.mark.parametrize("text", ["gamma correction is off on my 3090", "my mamma's 3060"])
def test_a_word_two_letters_off_a_family_is_no_typo(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).models == ()


@pytest.mark.parametrize(
    ("text", "model_ids"),
    [
        ("next step: would mistral nemo run on my 3060?", ["mistral-nemo-12b"]),
        ("seed the cache first, then qwen3 8b on a 4060", ["qwen3-8b"]),
        ("step 3.5 flash on 4x rtx pro 6000", ["step-3.5-flash"]),
        ("falcon 40b on 2x 3090", ["falcon-40b"]),
    ],
)
def test_a_family_name_that_is_an_everyday_word_needs_a_version_or_size(
    catalog: Catalog, text: str, model_ids: list[str]
) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == model_ids


@pytest.mark.parametrize(
    ("text", "engine", "note_start"),
    [
        (
            "deepseek v3 on epyc 9654 768gb with a 4090 using ktransformers",
            "llama.cpp",
            "KTransformers is not",
        ),
        ("koboldcpp mistral nemo on a 3060", "llama.cpp", "KoboldCpp is built on llama.cpp"),
        ("tensorrt-llm llama 3.1 8b on an h100", "vllm", "TensorRT-LLM is not"),
        ("llama 3.1 8b on an h100 with vllm", "vllm", None),  # modelled: no note
    ],
)
def test_an_engine_not_modelled_is_sized_by_the_one_standing_in_and_said(
    catalog: Catalog, text: str, engine: str, note_start: str | None
) -> None:
    q = read_question(text, catalog.index)
    assert q.engine == engine
    if note_start is None:
        assert q.engine_note is None
    else:
        assert q.engine_note is not None and q.engine_note.startswith(note_start)


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("glm 4.5v with a 4090 and 128gb ram?", "glm-4.5v"),  # a space before the version and its V
        ("can i run glm 4.5v on 2x 3090", "glm-4.5v"),
        ("would glm 4.1v 9b thinking fit a 3060?", "glm-4.1v-9b-thinking"),
        ("glm 4.5 air on a 4090 and 64gb?", "glm-4.5-air"),  # a version with no V reads as before
    ],
)
def test_a_spaced_version_keeps_the_v_of_a_vision_model(catalog: Catalog, text: str, model_id: str) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == [model_id]
