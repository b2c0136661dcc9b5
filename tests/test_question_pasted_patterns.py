"""Questions as people paste them into issue trackers and forums, second round: quants written
without underscores, "command" and "v3.1" in names, other model lines that share a family's first
word, sizes listed after one family, a shorter spelling of a model named beside it, 还是 meaning
"still", what a model needs asked as "minimal memory" or "有什么要求", a rig asked about under a
requirements title, and ChatGLM. The sentences are written for these tests in the patterns of public
posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, UnknownModelError, read_question, resolve_quant
from sizing.catalog import resolve_model

# a quant written without its underscores reads as the quant
COMPACT_QUANTS = [
    ("llama 3 8b at q4km on my 3060, too slow?", "Q4_K_M"),
    ("grabbed the Q5KS of qwen3 14b for a 4060 ti", "Q5_K_S"),
    ("mistral nemo 12b q6k on 12gb?", "Q6_K"),
]


@pytest.mark.parametrize(("text", "quant"), COMPACT_QUANTS)
def test_a_quant_without_underscores_is_read(catalog: Catalog, text: str, quant: str) -> None:
    q = read_question(text, catalog.index)
    assert q.quant is not None
    assert resolve_quant(q.quant).id == quant


# "command" is an English word unless Command R / R+ / A is written
COMMAND_WORDS = [
    ("here is the command I ran: ./llama-cli -m gemma-3-12b-it-Q4_K_M.gguf on a 3060", ["gemma-3-12b"]),
    ("which command shows the vram on my 4090?", []),
    ("can command r run on a 3090?", ["command-r-35b"]),
    ("Command A 111B on 4x 3090?", ["command-a-111b"]),
]


@pytest.mark.parametrize(("text", "models"), COMMAND_WORDS)
def test_command_alone_is_the_word(catalog: Catalog, text: str, models: list[str]) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == models


# "Llama-v3.1-8B": the v marks the version, it is no variant of the family
V_VERSIONS = [
    ("Llama-v3.1-8B-Chat on a phone with 12GB?", "llama-3.1-8b"),
    ("would Llama-v3.1-70B-Instruct fit 2x 3090?", "llama-3.1-70b"),
    ("llama v3.2 3b on a raspberry pi 5", "llama-3.2-3b"),
]


@pytest.mark.parametrize(("text", "model"), V_VERSIONS)
def test_a_version_written_with_v_names_the_release(catalog: Catalog, text: str, model: str) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == [model]


@pytest.mark.parametrize("name", ["gpt-j 6b", "GPT-J-6B"])
def test_another_line_sharing_the_first_word_is_not_that_family(catalog: Catalog, name: str) -> None:
    """EleutherAI's GPT-J is not shaped like gpt-oss: never sized as a gpt-oss-style model."""
    try:
        found = resolve_model(name, catalog.index)
    except UnknownModelError:
        return
    assert "gpt-oss" not in found.model.id


def test_a_fine_tune_named_without_its_base_is_sized_as_the_base(catalog: Catalog) -> None:
    found = resolve_model("gpt4-x-alpaca-13b-native-4bit-128g", catalog.index)
    assert found.model.id == "llama-1-13b"
    assert any("fine-tune" in a for a in found.assumptions)


# sizes listed after one family name: each is asked about
LISTED = [
    ("can my 4060 ti run Qwen2.5 7B and 14B?", ["qwen2.5-7b", "qwen2.5-14b"]),
    ("gemma 3 4b, 12b on a 3060 12gb", ["gemma-3-4b", "gemma-3-12b"]),
    ("what GPUs do Llama 3.1 70B & 405B need at 128k?", ["llama-3.1-70b", "llama-3.1-405b"]),
    (
        "VRAM for Llama 3.1 70B and 405B?\nI want to run Llama 3.1 70B and 405B at full context.",
        ["llama-3.1-70b", "llama-3.1-405b"],
    ),
]


@pytest.mark.parametrize(("text", "models"), LISTED)
def test_sizes_listed_after_a_family_are_each_read(catalog: Catalog, text: str, models: list[str]) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == models


def test_sizes_compared_apart_from_the_name_list_nothing(catalog: Catalog) -> None:
    text = "gemma 2 27b feels slow on my 3090. next to 9b, 27b crawls"
    assert [r.model.id for r in read_question(text, catalog.index).models] == ["gemma-2-27b"]


def test_a_shorter_spelling_beside_the_full_name_is_the_same_model(catalog: Catalog) -> None:
    text = "GLM-4.5-Air on 2x 3090 (built from the glm_4.5 branch), is 12 t/s normal?"
    assert [r.model.id for r in read_question(text, catalog.index).models] == ["glm-4.5-air"]


# 还是 before what happened is "still", not a choice between two rigs
STILL = [
    ("11GB 显存还是报 out of memory, chatglm3-6b, windows11 64GB RAM 11GB GPU", (None, 1, 11.0), 64.0),
    ("4090 还是跑不动 qwen3 32b q8", ("rtx-4090", 1, 24.0), None),
]


@pytest.mark.parametrize(("text", "gpu", "ram"), STILL)
def test_haishi_as_still_keeps_one_rig(
    catalog: Catalog, text: str, gpu: tuple[str | None, int, float], ram: float | None
) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "estimate"
    assert q.hardware is not None
    assert [(g.id, g.count, g.vram_gb) for g in q.hardware.gpus] == [gpu]
    assert q.hardware.ram_gb == ram


def test_haishi_between_two_rigs_is_a_choice(catalog: Catalog) -> None:
    assert read_question("qwen3 32b 用一张 4090 还是两张 3090？", catalog.index).kind == "compare"


# what a model needs, asked as the least memory it takes or as 要求
NEEDS = [
    "Minimal VRAM required to run codestral 22b?",
    "minimum gpu memory needed for qwen2.5 32b at q4?",
    "gemma 3 27b 对显卡有什么要求？",
    "qwen2.5 14b 的硬性要求是什么",
]


@pytest.mark.parametrize("text", NEEDS)
def test_the_least_a_model_needs_is_a_requirements_question(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).kind == "requirements"


# a rig asked about by whether it works (or as the one to run on), under a requirements title: the rig
# is estimated on
WORKS = [
    ("Qwen3 32B GPU requirement\n2*4090 doesn't work?", ("rtx-4090", 2)),
    ("minimum hardware for qwen2.5 32b: 2x 3060 12GB, does that work?", ("rtx-3060", 2)),
    ("mixtral 8x7b 的显卡要求，4张3090够吗", ("rtx-3090", 4)),
    ("are the gpu requirements strict? I'm interested in running qwen3 8b on a 2060 6gb", ("rtx-2060", 1)),
]


@pytest.mark.parametrize(("text", "gpu"), WORKS)
def test_a_rig_asked_whether_it_works_is_estimated(catalog: Catalog, text: str, gpu: tuple[str, int]) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "estimate"
    assert q.hardware is not None
    assert [(g.id, g.count) for g in q.hardware.gpus] == [gpu]


# ChatGLM, by its releases' names and by family and size
CHATGLM = [
    ("can chatglm3-6b run on a 1060 6GB?", "chatglm3-6b", False),
    ("chatglm2-6b-int4 on a 3060 laptop", "chatglm2-6b", False),
    ("ChatGLM-6B 在 2080 Ti 上能跑吗", "chatglm3-6b", True),
]


@pytest.mark.parametrize(("text", "model", "noted"), CHATGLM)
def test_chatglm_is_read(catalog: Catalog, text: str, model: str, noted: bool) -> None:
    (found,) = read_question(text, catalog.index).models
    assert found.model.id == model
    assert bool(found.assumptions) == noted


@pytest.mark.parametrize("name", ["gpt-neox-20b", "GPT-NeoX-20B"])
def test_a_word_unlike_any_of_the_nearest_name_is_no_match(catalog: Catalog, name: str) -> None:
    """GPT-NeoX 20B is not gpt-oss-20b: a word that misspells nothing is never matched away."""
    with pytest.raises(UnknownModelError):
        resolve_model(name, catalog.index)


@pytest.mark.parametrize(
    ("name", "model"), [("mistrall nemo", "mistral-nemo-12b"), ("deepsek r1", "deepseek-r1")]
)
def test_a_misspelled_word_still_finds_its_model(catalog: Catalog, name: str, model: str) -> None:
    assert resolve_model(name, catalog.index).model.id == model


# the model put aside ("I replace X with Y", "instead of X") is not the one asked about
PUT_ASIDE = [
    (
        "followed the guide, but I replace `openai/gpt-oss-120b` with `openai/gpt-oss-20b` on my 5090",
        "gpt-oss-20b",
    ),
    ("swapped qwen3 32b for gemma 3 27b on my 3090 and now it is slow", "gemma-3-27b"),
    ("instead of llama 3.1 70b, could I run qwen3 32b on a 4090?", "qwen3-32b"),
]


@pytest.mark.parametrize(("text", "model"), PUT_ASIDE)
def test_a_model_put_aside_is_not_asked_about(catalog: Catalog, text: str, model: str) -> None:
    assert [r.model.id for r in read_question(text, catalog.index).models] == [model]


# a context set in an app's settings, as a JSON key or a flag
SETTINGS = [
    ('gemma 3 12b won\'t load on my 3060, model.json has {"ctx_len": 16384, "ngl": 49}', 16384),
    ("started koboldcpp with contextsize=12288 and mistral nemo on a 3060", 12288),
]


@pytest.mark.parametrize(("text", "context"), SETTINGS)
def test_a_context_in_an_apps_settings_is_read(catalog: Catalog, text: str, context: int) -> None:
    assert read_question(text, catalog.index).context == context


def test_a_merge_named_after_a_family_keeps_its_shape(catalog: Catalog) -> None:
    """A long word after the family word is what a merge calls itself, not another line of models."""
    assert resolve_model("Qwen2.5-Megamerge-72B", catalog.index).model.id == "qwen2.5-72b"


@pytest.mark.parametrize(
    ("name", "model"),
    [("mistral small 3.2 vision", "mistral-small-3.2-24b"), ("gemma 3 12b multimodal", "gemma-3-12b")],
)
def test_a_word_for_what_the_model_does_is_part_of_its_name(catalog: Catalog, name: str, model: str) -> None:
    """ "vision" after a model that reads images names that model, not an unknown one."""
    assert catalog.resolve(name).model.id == model
