"""Whole questions in the shapes people write them in issue trackers and forums: what a model needs
asked in a title or in Chinese, the rig said as "我 4*3090" or as how a model behaved on it, the
context given as an engine's setting, GPTQ builds named by bits and group size, engines named by
their programs, names written out of the catalog's order, sizes offered after one family, a model
named twice, file paths and quoted requirements that are no model and no rig. The sentences are
written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog, read_question

# what a model needs, asked without "what hardware do I need"
REQUIREMENTS = [
    "how many GB does llama 3.1 8b require? and the ram requirements?",
    "what's sort of gpu is required for qwen2.5 72b?",
    "which gpus can run llama 3.3 70b at q4?",
    "is there a card that could run gemma 3 27b at fp16?",
    "hardware needed for glm 4.5 air?",
    "How do I get 100 tokens per second with qwen3 30b a3b? With which GPU?",
    "looking for advice on the most suitable GPU configuration for qwen3 235b",
    "what kind of setup would run deepseek r1 671b at 10 t/s?",
    "qwen3 32b 的硬件需求是什么？",
    "跑 deepseek v3 需要多少的gpu？",
    "glm 4.5 air 在哪些显卡上可以跑？",
    "运行 qwen2.5 72b 的最小显存是多少？",
    "本地部署 qwen3 235b 要什么配置？",
    "qwen3 235b 需要几张 4090？",
]


@pytest.mark.parametrize("text", REQUIREMENTS)
def test_what_a_model_needs_is_asked_as_requirements(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).kind == "requirements"


# the rig is the asker's own: said with 我, or by how a model behaved on it
OWNED = [
    ("我 8*A10 还是跑不起来 qwen2.5 72b，至少需要多少显存？", "a10", 8),
    ("我只有一张 4090，跑 qwen3 32b 至少需要多少显存？", "rtx-4090", 1),
    (
        "Running Qwen3 30B A3B on consumer hardware: on a 3060 it runs slow, what are the requirements?",
        "rtx-3060",
        1,
    ),
]


@pytest.mark.parametrize(("text", "card", "count"), OWNED)
def test_a_rig_the_asker_has_is_estimated_on(catalog: Catalog, text: str, card: str, count: int) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "estimate"
    assert q.hardware is not None
    assert [(g.id, g.count) for g in q.hardware.gpus] == [(card, count)]


KINDS = [
    ("up to what size can I go with a 3060 and 32gb ram?", "capacity"),
    ("my card has 16GB, would it let me run the bigger models?", "capacity"),
    ("is there any model that runs fast on an 8gb 3070?", "best"),
    ("Was empfehlt ihr für eine RTX 4080 mit 16GB?", "best"),
    ("Quels modèles me conseillez-vous pour une RTX 3090 ?", "best"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_the_kind_asked_in_other_words(catalog: Catalog, text: str, kind: str) -> None:
    assert str(answer_text(text, catalog).kind) == kind


# the context length given as an engine's setting
CONTEXTS = [
    ("vllm serve qwen3 32b --max-model-len 40960 on 2x 3090", 40960),
    ("qwen2.5 7b with max_model_len 1M on one A100 80GB: how much memory?", 1024 * 1024),
    ("glm4 9b，max_model_len为128k，需要多少显存？", 128 * 1024),
    ("llama-server with --ctx-size 16384 and gemma 3 12b on a 4070", 16384),
    ("ollama num_ctx 8192 for llama 3.1 8b on a 3060", 8192),
    ("llama_new_context_with_model: n_ctx = 4096 for mistral 7b on a 1080", 4096),
]


@pytest.mark.parametrize(("text", "context"), CONTEXTS)
def test_a_context_given_as_an_engine_setting_is_read(catalog: Catalog, text: str, context: int) -> None:
    assert read_question(text, catalog.index).context == context


def test_the_trained_context_in_a_log_is_not_the_one_asked(catalog: Catalog) -> None:
    q = read_question("llm_load_print_meta: n_ctx_train = 131072, llama 3.1 70b on 2x 3090", catalog.index)
    assert q.context is None


# GPTQ builds named by bits and group size ("-4bit-128g"): GPTQ, and the 128 is no RAM
GPTQ = [
    ("wizard-vicuna-13b-4bit-128g on a 3060 12gb", "GPTQ"),
    ("TheBloke/Llama-2-13B-chat-GPTQ 4bit-32g on a 2080 ti", "GPTQ"),
    ("llama 2 13b 8bit-128g on a 3090", "GPTQ-INT8"),
]


@pytest.mark.parametrize(("text", "quant"), GPTQ)
def test_a_gptq_build_named_by_its_group_size(catalog: Catalog, text: str, quant: str) -> None:
    q = read_question(text, catalog.index)
    assert q.quant == quant
    assert q.hardware is not None and q.hardware.ram_gb is None


ENGINES = [
    ("mixtral:8x7b on a 3090, how fast?", "ollama"),
    ("hf.co/bartowski/Qwen2.5-14B-Instruct-GGUF:Q5_K_M on a 4070?", "ollama"),
    ("llama-server with qwen3 14b on a 4070", "llama.cpp"),
    ("llama-bench numbers for gemma 3 12b on a 3060?", "llama.cpp"),
    ("gemma 3 27b via llama_cpp python on a 7900 xtx", "llama.cpp"),
    ("llama cpp with qwen3 8b on a 3050", "llama.cpp"),
    ("LM-Studio and qwen3 14b on a 4060 ti", "lmstudio"),
    ("mlx_lm with qwen3 30b a3b on an M4 Max 64GB", "mlx"),
    ("TabbyAPI with qwen3 32b exl3 on a 3090", "exllama"),
    ("tensor RT for qwen2.5 7b on a jetson orin nx", "vllm"),
]


@pytest.mark.parametrize(("text", "engine"), ENGINES)
def test_an_engine_named_by_its_program_or_tag(catalog: Catalog, text: str, engine: str) -> None:
    assert read_question(text, catalog.index).engine == engine


# names written out of the catalog's order
NAMES = [
    ("can a 24gb card run mixtral 7b*8?", "mixtral-8x7b"),
    ("Mixtral-22Bx8 on 4x 3090?", "mixtral-8x22b"),
    ("can I run the 120b model of gpt-oss on two 5090s?", "gpt-oss-120b"),
    ("what about the 32B version of the qwen3 on a 4090?", "qwen3-32b"),
]


@pytest.mark.parametrize(("text", "model"), NAMES)
def test_a_name_out_of_order_is_read_as_the_catalog_writes_it(
    catalog: Catalog, text: str, model: str
) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == [model]


# sizes offered as a choice after one family
OFFERED = [
    (
        "for gemma 3, which is better: 27b at 4 bit or 12b at fp16? on my 4060 ti 16gb",
        ["gemma-3-27b", "gemma-3-12b"],
    ),
    ("qwen3 8b or 14b on my 4060?", ["qwen3-8b", "qwen3-14b"]),
    ("qwen3 32b on 2x 3090, or is 14b the better pick?", ["qwen3-32b", "qwen3-14b"]),
]


@pytest.mark.parametrize(("text", "models"), OFFERED)
def test_sizes_offered_after_a_family_are_compared(catalog: Catalog, text: str, models: list[str]) -> None:
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == models
    assert q.kind == "compare"


@pytest.mark.parametrize(
    "text",
    [
        "compared to 9b, is gemma 2 27b much slower on my 3060?",  # a difference stated, no choice
        "can my 3090 run qwen3 32b at q4 or 8 bit?",  # bits are no sizes
    ],
)
def test_no_size_is_offered(catalog: Catalog, text: str) -> None:
    assert len(read_question(text, catalog.index).models) == 1


# a model named again: its family without the size, its size without the version
AGAIN = [
    ("Qwen2.5 (72B) on 2x 3090? I read that Qwen2.5 is strong at coding.", ["qwen2.5-72b"]),
    (
        "which GPU for llama-2-13B-chat? I tried Llama-13B-chat on a T4 and it ran out of memory",
        ["llama-2-13b"],
    ),
]


@pytest.mark.parametrize(("text", "models"), AGAIN)
def test_a_model_named_again_is_one_model(catalog: Catalog, text: str, models: list[str]) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == models


def test_two_versions_offered_as_a_choice_stay_two(catalog: Catalog) -> None:
    q = read_question("llama 7b or llama 2 7b on a 3060?", catalog.index)
    assert [r.model.id for r in q.models] == ["llama-1-7b", "llama-2-7b"]


def test_a_model_that_runs_fine_in_chinese_is_background(catalog: Catalog) -> None:
    q = read_question("qwen3 8b 在我的 4060 上可以顺利运行，qwen3 14b 能正常运行吗？", catalog.index)
    assert [r.model.id for r in q.models] == ["qwen3-14b"]


def test_a_config_file_path_is_no_model(catalog: Catalog) -> None:
    text = "torchrun generate.py --config configs/config_671B.json for deepseek v3 on 8x H100"
    q = read_question(text, catalog.index)
    assert [r.model.id for r in q.models] == ["deepseek-v3"]
    assert q.hub_refs == ()


@pytest.mark.parametrize(
    "text",
    [
        "the requirement is a GPU with at least 24GB of VRAM; can I run mistral 7b on CPU?",
        "the README says 48GB minimum for llama 3.3 70b. is that true?",
    ],
)
def test_a_quoted_requirement_is_no_rig(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is None or q.hardware.is_empty


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        (
            "the model card says minimum 40GB VRAM for qwen2.5 72b awq, I have 2x 3090, will it work?",
            [("rtx-3090", 2)],
        ),
        (
            "the minimum requirement is 24GB but my card is a 3060 12gb, can it run gemma 3 27b?",
            [("rtx-3060", 1)],
        ),
        ("My requirement is 20 t/s on my 4090 with qwen3 32b, possible?", [("rtx-4090", 1)]),
    ],
)
def test_the_askers_own_rig_beside_a_requirement_is_read(
    catalog: Catalog, text: str, gpus: list[tuple[str, int]]
) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None
    assert [(g.id, g.count) for g in q.hardware.gpus] == gpus


# other people's rigs told beside the asker's are no part of it
OTHERS = [
    (
        "I see many others here boasting 4090s, dual 3080s, etc. Would llama 3.3 70b work with my 6700 xt?",
        [("rx-6700-xt", 1)],
    ),
    ("others are running 4x 3090 for this. I have 2x 3090, can I run qwen3 235b at q2?", [("rtx-3090", 2)]),
    (
        "people here run 2x 3090 for llama 3.3 70b, but I only have a 3060 12gb. will it load?",
        [("rtx-3060", 1)],
    ),
]


@pytest.mark.parametrize(("text", "gpus"), OTHERS)
def test_other_peoples_rigs_are_not_the_askers(
    catalog: Catalog, text: str, gpus: list[tuple[str, int]]
) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None
    assert [(g.id, g.count) for g in q.hardware.gpus] == gpus
