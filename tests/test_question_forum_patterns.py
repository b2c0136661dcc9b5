"""Questions as people write them in issue threads and forums, third round: a context length
written before its word or as llama.cpp's "-c" flag, a Hugging Face organisation that shares an
app's name, unsloth's fractional-bit quant names, "glm2", a model a user published on ollama.com
under their own name, and a version of a model line the catalog does not have. The sentences are
written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question, resolve_quant
from sizing.catalog import resolve_model

# a context length in plain digits before its word, or a prompt length the model has to hold
CONTEXT_BEFORE = [
    ("mistral 7b q4_k_m with 10 gpu layers and 4096 context size keeps running out of memory on 6gb", 4096),
    ("gemma 3 27b with 65536 context on two 3090s, will it fit?", 65536),
    # a length in words counts as its short form does ("1M", "256k")
    ("can llama 4 scout run with 1 million context on 4 h100s?", 1024 * 1024),
    ("qwen3 30b with 256 thousand tokens of context on a 5090", 256 * 1024),
    # thousands written round for a power of two are that power: "131k" is 131,072, "65k" 65,536
    ("gpt-oss 20b on a 4090 at 131k context", 131072),
    ("qwen3 8b with 65k ctx on a 3090", 65536),
    ("qwen3 8b with 100k ctx on a 3090", 102400),
    ("qwen3 14b, how much vram at 8192 tokens of input? I have a 24GB card", 8192),
    ("qwen2.5 32b在4096token输入下显存要多少，一张4090够吗？", 4096),
    ("llama 3.1 8b with a 16384 ctx on a 4060", 16384),
]


@pytest.mark.parametrize(("text", "context"), CONTEXT_BEFORE)
def test_a_context_length_written_before_its_word_is_read(catalog: Catalog, text: str, context: int) -> None:
    assert read_question(text, catalog.index).context == context


# tokens generated, or a count of layers, are no context length; nor is a sum or a count in words
NOT_A_CONTEXT = [
    "llama 3 8b on a 4090: I generated 1000 tokens at 80 t/s, is that normal?",
    "qwen3 32b q4_k_m with 48 layers on the gpu of my 3090",
    "I spent 2 thousand dollars on a 3090, can it run llama 3.1 8b?",
    "with a million users in mind, can a 4090 run qwen3 8b?",
]


@pytest.mark.parametrize("text", NOT_A_CONTEXT)
def test_a_token_count_that_is_no_context_is_not_read_as_one(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).context is None


# llama.cpp's short "-c" flag counts inside a llama.cpp command line only
SHORT_FLAG = [
    ("./llama-server -m Qwen3-32B-Q4_K_M.gguf -ngl 99 -c 16384 on a 3090 gets 20 t/s, expected?", 16384),
    ("llama-cli -m gemma-3-12b-it-Q4_K_M.gguf -c 8192 -t 8 on my 3060, slow", 8192),
    ("ran it with -ngl 40 -c 32768 on a 4070, qwen3 14b q4_k_m", 32768),
]


@pytest.mark.parametrize(("text", "context"), SHORT_FLAG)
def test_llama_cpp_short_context_flag_is_read_in_its_command(
    catalog: Catalog, text: str, context: int
) -> None:
    assert read_question(text, catalog.index).context == context


def test_a_dash_c_outside_a_llama_cpp_command_is_not_a_context(catalog: Catalog) -> None:
    q = read_question("python bench.py -c 4096 with qwen3 8b on an rtx 4060", catalog.index)
    assert q.context is None


# the context a question asks for wins over a length it mentions in passing (a prompt length, an
# earlier run's "-c" or "ctx")
ASKED_OVER_PASSING = [
    ("can my 3090 run qwen2.5 14b with 32k context, and how fast is it at 2048 tokens of input?", 32768),
    ("can a 3090 run llama 3 8b with context 16k? I tried 4096 ctx before", 16384),
    ("my 3090 runs llama-server -m llama3-8b.gguf -c 4096 fine, can it do 32k context?", 32768),
    ("8192 tokens of prompt used to be fine, but does gemma 3 12b fit a 4070 at 64k ctx?", 65536),
]


@pytest.mark.parametrize(("text", "context"), ASKED_OVER_PASSING)
def test_the_context_asked_for_wins_over_one_in_passing(catalog: Catalog, text: str, context: int) -> None:
    assert read_question(text, catalog.index).context == context


# a year before the word "context" is no length; round numbers near it still are
YEARS_AND_LENGTHS = [
    ("I used llama 3 8b for 2024 context about history on my 3060, can it do more?", None),
    ("does mistral 7b keep 2025 context facts straight on a 4060?", None),
    ("qwen3 8b with 2048 context on a 3050 6gb", 2048),
    ("phi-3 mini at 2000 context on my old 1060?", 2000),
]


@pytest.mark.parametrize(("text", "context"), YEARS_AND_LENGTHS)
def test_a_year_before_context_is_no_length(catalog: Catalog, text: str, context: int | None) -> None:
    assert read_question(text, catalog.index).context == context


# "lmstudio-community/..." is a Hugging Face organisation: the engine is the one the text runs it in
ORG_NOT_ENGINE = [
    ("tried lmstudio-community/Qwen3-30B-A3B-MLX-4bit with mlx_lm on an M3 Max, slow?", "mlx"),
    ("pulled lmstudio-community/gemma-3-12b-it-GGUF into ollama on my 3060", "ollama"),
    ("gemma 3 12b in LM Studio on a 3060", "lmstudio"),
]


@pytest.mark.parametrize(("text", "engine"), ORG_NOT_ENGINE)
def test_a_hub_organisation_named_like_an_app_is_not_the_engine(
    catalog: Catalog, text: str, engine: str
) -> None:
    assert read_question(text, catalog.index).engine == engine


# unsloth names its dynamic quants by average bits
FRACTIONAL_BITS = [
    ("deepseek r1 1.58bit on 192gb ram and a 3090?", "UD-IQ1_S"),
    ("DeepSeek-R1 1.58-bit dynamic quant with 128GB RAM, how fast?", "UD-IQ1_S"),
    ("r1 at 1.73-bit on a 4090 plus 256GB", "UD-IQ1_M"),
    ("deepseek-r1 2.22bit on 2x 3090 and 256gb ddr5", "UD-IQ2_XXS"),
    ("is the 2.51bit r1 usable on 4x 3090?", "UD-Q2_K_XL"),
]


@pytest.mark.parametrize(("text", "quant"), FRACTIONAL_BITS)
def test_unsloths_fractional_bit_names_are_their_quants(catalog: Catalog, text: str, quant: str) -> None:
    q = read_question(text, catalog.index)
    assert q.quant is not None
    assert resolve_quant(q.quant).id == quant


# any other fractional bit count is no unsloth name: the question is still answered (at the default
# quant), never ended by an unknown quant "4.5-BITS"
OTHER_FRACTIONAL_BITS = [
    "can my 3090 run llama 3 70b at 4.5 bits with exllama",
    "can my 3090 run qwen 2.5 7b at 2.5 bits",
    "would a 4060 ti hold mistral 7b at 3.5-bit?",
    "qwen2.5 14b at 6.5 bit on a 4070",
]


@pytest.mark.parametrize("text", OTHER_FRACTIONAL_BITS)
def test_other_fractional_bit_counts_are_not_unsloth_quant_names(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.models and q.models[0].model is not None
    assert q.quant is None or resolve_quant(q.quant, q.engine) is not None


# "glm2" is ChatGLM2-6B
GLM2 = [
    "glm2 runs at 8 tokens/s on my jetson, normal?",
    "can glm2 fit on a 6gb card?",
]


@pytest.mark.parametrize("text", GLM2)
def test_glm2_is_chatglm2(catalog: Catalog, text: str) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == ["chatglm2-6b"]


def test_glm4_is_not_read_as_chatglm(catalog: Catalog) -> None:
    assert [r.model.id for r in read_question("glm-4 9b on a 3060?", catalog.index).models] == ["glm-4-9b"]


# a model a user published on ollama.com: "user/name:tag" is an Ollama tag, not a Hugging Face id
USER_TAGS = [
    ("someone/qwen3.5-uncensored:122b", "qwen3.5-122b-a10b"),
    ("another_user/qwen3-abliterated:32b", "qwen3-32b"),
    ("me/llama3.1-roleplay:8b", "llama-3.1-8b"),
]


@pytest.mark.parametrize(("name", "model"), USER_TAGS)
def test_a_user_namespaced_ollama_tag_resolves_by_its_tag(catalog: Catalog, name: str, model: str) -> None:
    assert resolve_model(name, catalog.index).model.id == model


def test_a_hugging_face_id_is_still_read_as_one(catalog: Catalog) -> None:
    assert resolve_model("Qwen/Qwen3-8B", catalog.index).model.id == "qwen3-8b"


# a version the catalog lacks, in a generation it has: the nearest release of that line, said so
POINT_RELEASES = [
    ("deepseek v4.1 flash", "deepseek-v4-flash"),
    ("qwen3.7 27b", "qwen3.6-27b"),
    ("llama 3.4 8b", "llama-3.1-8b"),
    ("gemma 4.1 31b", "gemma-4-31b"),
]


@pytest.mark.parametrize(("name", "model"), POINT_RELEASES)
def test_a_point_release_the_catalog_lacks_is_sized_as_the_nearest_one(
    catalog: Catalog, name: str, model: str
) -> None:
    found = resolve_model(name, catalog.index)
    assert found.model.id == model
    assert any("not in the catalog" in note for note in found.assumptions)


def test_a_point_release_with_several_sizes_and_none_named_is_not_guessed(catalog: Catalog) -> None:
    found = [
        r.model.id for r in read_question("is qwen3.7 out yet? would it run on a 3090?", catalog.index).models
    ]
    assert "qwen3.6-27b" not in found and "qwen3.6-35b-a3b" not in found


def test_a_version_the_catalog_has_is_read_as_itself(catalog: Catalog) -> None:
    found = resolve_model("qwen3.6 27b", catalog.index)
    assert found.model.id == "qwen3.6-27b"
    assert found.assumptions == ()


# a rig told in the title and again, with more detail, in the body is one rig, not a choice
TOLD_AGAIN = [
    (
        "Best model for 12 GB VRAM?\n"
        "Which models work best as a coding or writing helper on a 12gb vram/32gb ram desktop?",
        (None, 1, 12.0),
        32.0,
    ),
    (
        "Numbers from 2x RTX 3090\nMuch faster than before versus plain llama.cpp.\n"
        "Setup:\n- 4 x 16 GB DDR4, 64GB in all\n"
        "- 2 x RTX 3090 24GB each",
        ("rtx-3090", 2, 24.0),
        64.0,
    ),
    (
        "Model tips for 8 GB VRAM\nWhich models run best as a chat or coding helper on 8gb vram?\n"
        "Specs:\nRyzen 7 7840HS\n32 GB DDR5 RAM\nRTX 4060 laptop 8 GB VRAM",
        ("rtx-4060-laptop", 1, 8.0),
        32.0,
    ),
]


@pytest.mark.parametrize(("text", "gpu", "ram"), TOLD_AGAIN)
def test_a_rig_told_again_in_more_words_is_one_rig(
    catalog: Catalog, text: str, gpu: tuple[str | None, int, float], ram: float
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind != "compare"
    assert q.hardware is not None
    assert [(g.id, g.count, g.vram_gb) for g in q.hardware.gpus] == [gpu]
    assert q.hardware.ram_gb == ram


STILL_A_CHOICE = [
    "for qwen3 32b: a 3090 or two 3090s?",
    "which is faster for phi-3 mini, a jetson orin nano or a raspberry pi 5? "
    "and does it use the orin nano's gpu?",
    "rtx 4090 with 64gb ram or rtx 4090 with 128gb ram for deepseek v3?",
    # the same card named on both sides, once alone and once with RAM
    "Would a 3090 alone or a 3090 with 128GB of RAM let me run llama 3 70b?",
    "Would a 3060 12GB alone, or a 3060 12GB plus 64GB of RAM, run qwen2.5 32b?",
    "for mixtral 8x7b: a 4090 or a 4090 and 96gb ddr5?",
]


@pytest.mark.parametrize("text", STILL_A_CHOICE)
def test_two_different_rigs_are_still_compared(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).kind == "compare"


# asking how many of a card, or how much compute, a model needs (Chinese)
HOW_MANY = [
    "部署qwen3 235b需要多少个H100的GPU？",
    "本地跑deepseek-v3大概需要多少算力？",
    "运行llama 3 70b要多少张4090",
]


@pytest.mark.parametrize("text", HOW_MANY)
def test_how_many_cards_or_how_much_compute_asks_for_requirements(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).kind == "requirements"


@pytest.mark.parametrize(
    "text",
    [
        "what runs best for coding on a 3090 with 64gb ram?",
        "what runs well as a chat helper on my m2 air 16gb?",
    ],
)
def test_what_runs_best_for_a_task_asks_for_the_best_model(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).kind == "best"
