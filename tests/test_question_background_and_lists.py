"""Models told as already run, families followed by their sizes in parentheses, sizes joined in
Chinese, file sizes told after a name, rigs a model was trained on, the memory asked beside named
cards, compound names of a vision family built on another family, and the InternVL2.5 and Kimi-VL
releases, Devstral 2 123B and Phi-4 Multimodal. Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import default_catalog, read_question
from sizing.catalog import resolve_model

CAT = default_catalog()


def _ids(text: str) -> list[str]:
    return [r.model.id for r in read_question(text, CAT.index).models]


@pytest.mark.parametrize(
    ("text", "models"),
    [
        # a model that already ran is background beside the one asked about
        ("Successfully ran `ollama run qwen3:8b` on my 3060. Would qwen3:14b load as well?", ["qwen3-14b"]),
        ("My box was able to run Mistral 7B at 8-bit; could it also run Qwen3 14B?", ["qwen3-14b"]),
        ("I managed to run gemma 3 12b on the laptop. What about gemma 3 27b on it?", ["gemma-3-27b"]),
        ("We have been able to serve Llama 3.1 8B on one L4, is Qwen3 32B possible too?", ["qwen3-32b"]),
        # controls: a run wished for, or asked how to do, names no background
        (
            "How do I successfully run qwen3 8b and qwen3 14b side by side on a 3090?",
            ["qwen3-8b", "qwen3-14b"],
        ),
        ("Will I be able to run Qwen3 14B or Qwen3 8B on a 3060?", ["qwen3-14b", "qwen3-8b"]),
        ("Has anyone managed to fit Qwen3 32B on a 3090? I use Qwen3 8B on it today.", ["qwen3-32b"]),
    ],
)
def test_models_told_as_run_already(text: str, models: list[str]) -> None:
    assert _ids(text) == models


@pytest.mark.parametrize(
    ("text", "models"),
    [
        (
            "tried qwen3(8b、14b、30b-a3b) on an Arc B580, all slow",
            ["qwen3-8b", "qwen3-14b", "qwen3-30b-a3b"],
        ),
        ("gemma 3 (4b, 12b) on one 3060 12GB?", ["gemma-3-4b", "gemma-3-12b"]),
        ("用两张3090跑llama 3.1（8b 70b）可以吗", ["llama-3.1-8b", "llama-3.1-70b"]),
        # a name carrying its own size keeps it: the sizes after it are no list of the family
        ("is qwen3 32b (14b, 8b) worth it?", ["qwen3-32b"]),
        # a figure in parentheses is no size of a model
        ("qwen3 (32GB) on my mac?", []),
    ],
)
def test_family_with_sizes_in_parentheses(text: str, models: list[str]) -> None:
    assert _ids(text) == models


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("一张A100 80G同时部署7B和20B模型可以吗", [7.0, 20.0]),
        ("单卡4090能不能同时跑3B与14B两个模型", [3.0, 14.0]),
    ],
)
def test_sizes_joined_in_chinese(text: str, sizes: list[float]) -> None:
    assert [r.model.params_b for r in read_question(text, CAT.index).models] == sizes


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        # the file's size and words about it in parentheses after the name: no RAM
        ("Plan: gemma4:31b (19GB, dense, Q4_K_M) on one RTX 3090 with Ollama.", None),
        ("qwen3:32b (20 GB, q4) on a 4090, fast enough?", None),
        # control: the asker's RAM told apart from the name stays
        ("qwen3:32b on a 4090 with 64GB RAM, fast enough?", 64.0),
    ],
)
def test_file_size_after_a_name_is_no_ram(text: str, ram: float | None) -> None:
    hw = read_question(text, CAT.index).hardware
    assert hw is not None and hw.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "gpu"),
    [
        # the card a model was trained on is not the asker's
        (
            "This model has been trained on an H100 cluster. I only have an RTX 3060 12GB, can it run?",
            "rtx-3060",
        ),
        ("It was fine-tuned on A100s; my card is a 4070, will it run llama 3 8b?", "rtx-4070"),
        # with no other card, the one named is still read
        ("It was trained on 8x H100, how much would inference of Llama 3 8B need there?", "h100-sxm"),
    ],
)
def test_rig_a_model_was_trained_on(text: str, gpu: str) -> None:
    hw = read_question(text, CAT.index).hardware
    assert hw is not None and [g.id for g in hw.gpus] == [gpu]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the memory beside named cards, for a model to run on them: an estimate on those cards
        ("How much system RAM and swap do I need to run Qwen3 32B on 2 x RTX 3090?", "estimate"),
        ("how much cpu memory to load llama 3 70b on a 4090?", "estimate"),
        # controls: no card named, or the cards asked for
        ("How much RAM do I need to run Llama 3 70B?", "requirements"),
        ("how many 3090s do I need to run qwen3 235b?", "requirements"),
    ],
)
def test_memory_beside_named_cards(text: str, kind: str) -> None:
    assert answer_text(text, CAT).kind == kind


@pytest.mark.parametrize(
    ("name", "family", "params_b"),
    [
        # a release the catalog lacks, built on another family named after it: the leading family
        ("InternVL2-Llama3-76B", "InternVL", 76.0),
        ("internvl2-llama3-8b", "InternVL", 8.0),
    ],
)
def test_compound_names_keep_the_leading_family(name: str, family: str, params_b: float) -> None:
    m = resolve_model(name, CAT.index).model
    assert family.lower() in f"{m.id} {m.name} {m.family}".lower() and m.params_b == params_b


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("InternVL2_5-78B-MPO", "internvl2.5-78b"),
        ("internvl2.5 78b", "internvl2.5-78b"),
        ("OpenGVLab/InternVL2_5-38B", "internvl2.5-38b"),
        ("Kimi-VL-A3B-Instruct", "kimi-vl-a3b"),
        ("moonshotai/Kimi-VL-A3B-Thinking-2506", "kimi-vl-a3b"),
        ("kimi vl", "kimi-vl-a3b"),
        ("mistralai/Devstral-2-123B-Instruct-2512", "devstral-2-123b"),
        ("devstral 2", "devstral-2-123b"),
        ("Devstral-Small-2-24B-Instruct-2512", "devstral-small-2-24b"),
        ("microsoft/Phi-4-multimodal-instruct", "phi-4-multimodal"),
        ("phi-4 multimodal", "phi-4-multimodal"),
        ("phi-4", "phi-4"),
    ],
)
def test_new_catalog_names(name: str, model: str) -> None:
    assert resolve_model(name, CAT.index).model.id == model


def test_internvl25_8b_is_dense() -> None:
    # no 8B release in the catalog: a dense shape of that size, never a generic MoE
    m = resolve_model("InternVL2.5-8B", CAT.index).model
    assert m.params_b == 8.0 and m.active_params_b is None and m.moe is None


def test_kimi_vl_is_a_small_moe() -> None:
    m = CAT.by_id["kimi-vl-a3b"]
    assert m.moe is not None and m.active_params_b is not None and m.active_params_b < 3.5 < m.params_b


@pytest.mark.parametrize("run", ["1", " ", "\n", "a "])
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("qwen3(", "8b, 14b)"),  # sizes listed after a family
        ("gemma4:31b (19GB, ", ")"),  # a file size after a name
        ("how much ram ", " to run qwen3 32b on 2x 3090?"),  # memory beside named cards
        ("it was trained on ", " a100, I have a 3060"),  # the card a model was trained on
        ("successfully ran ", " qwen3 8b, would qwen3 14b fit?"),  # a model run already
    ],
)
def test_long_runs_read_promptly(run: str, before: str, after: str) -> None:
    # 4,000 characters of one kind inside the new cues: read in one pass (a quadratic pattern would
    # take minutes here)
    text = before + run * ((3900 - len(before) - len(after)) // len(run)) + after
    read_question(text, CAT.index)


@pytest.mark.parametrize(
    ("text", "models"),
    [
        # the model a script or a guide is written for is its example, not the one asked about
        ("用8张A800跑qwen3 235b还是会爆显存，脚本是以qwen3 8b为例子的", ["qwen3-235b-a22b"]),
        ("the guide uses Llama 3.1 8B as an example; will Qwen3 32B fit in my 2x3090?", ["qwen3-32b"]),
        # a speed told with a verb after a model: it runs already
        ("同一张4090上，qwen3 8b是90+tokens/s，qwen3 32b为什么这么慢？", ["qwen3-32b"]),
        ("On my 3090 gemma 3 12b does 60 tok/s; what would gemma 3 27b get?", ["gemma-3-27b"]),
        # "但是还是" is "but still": no choice between the two models named around it
        ("我用8张H800跑InternVL3-78B，但是还是发生了OOM，用的是以qwen3 8b为例子的脚本", ["internvl3-78b"]),
        # control: 还是 between two models asks which
        ("qwen3 32b还是gemma 3 27b，哪个在4090上更快？", ["qwen3-32b", "gemma-3-27b"]),
    ],
)
def test_examples_speeds_and_still(text: str, models: list[str]) -> None:
    assert _ids(text) == models


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the memory named first, then how much it needs, in Chinese
        ("请问qwen3 32b模型推理显存需要多少？", "requirements"),
        ("gemma 3 27b微调显存要多大", "requirements"),
        # the setup a deployment requires
        ("Which hardware configuration is required to serve Llama 3.3 70B for us?", "requirements"),
        # controls: a rig of the asker's makes it an estimate on that rig
        ("我用4090跑qwen3 32b，显存需要多少？", "estimate"),
        # ... and so does one it would not even start on
        ("qwen3 32b最少需要多大显存，参数都调小了还是无法启动，显卡是4090", "estimate"),
        ("qwen3 32b最少需要多大显存？4090能跑吗", "requirements"),
        ("My hardware setup is one 4090; what else is required to run qwen3 32b?", "estimate"),
    ],
)
def test_what_a_model_needs_asked_in_other_words(text: str, kind: str) -> None:
    assert answer_text(text, CAT).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the best hardware for a budget, with no rig to rank models on: what to buy
        ("Which GPU, RAM and CPU would you recommend for running local LLMs? Budget about 1200€", "purchase"),
        # control: with a rig told, the best model for it
        ("best model for coding with a 3090, budget 500 dollars for more ram?", "best"),
    ],
)
def test_best_hardware_for_a_budget_is_a_purchase(text: str, kind: str) -> None:
    assert answer_text(text, CAT).kind == kind


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("phi 4 multimodal 5.6b on a 3060", "phi-4-multimodal"),
        ("falcon h1 34b on a 4090", "falcon-h1-34b"),
        ("qwen3 omni 30b a3b on a 4090", "qwen3-omni-30b-a3b"),
    ],
)
def test_a_model_said_in_words_without_its_dashes_is_that_model(text: str, model: str) -> None:
    q = read_question(text, default_catalog().index)
    assert [r.model.id for r in q.models] == [model]
