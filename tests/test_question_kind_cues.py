"""More ways people ask for each kind of answer: a plan or a swap beside the rig owned now, a choice
written "A beats B", "between A and B", "schneller als"; "what's good for coding on X", "where do I
start"; "bare minimum to run X", "is it possible on a Mac?"; "the largest qwen I can run", "how many
billions of parameters". The sentences are written for these tests in the patterns people use."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

# a plan or a swap beside the rig owned now, when the gain is asked: (the card now, the card planned)
PLANS = [
    (
        "I run a 3060 Ti today and plan to get a 4070 Super. how much faster would qwen3 14b be?",
        ("rtx-3060-ti", "rtx-4070-super"),
    ),
    ("on a 2060 now, thinking about a 5060 Ti. worth it for gemma 3 12b?", ("rtx-2060", "rtx-5060-ti")),
    ("have a 3080; considering a 3090. would llama 3.1 8b at fp16 run better?", ("rtx-3080", "rtx-3090")),
    (
        "swapping my 3070 for a 4070 Ti Super, is mistral small 24b faster then?",
        ("rtx-3070", "rtx-4070-ti-super"),
    ),
    ("Vale a pena trocar a minha 2070 por uma 3090 para o Gemma 3 27B?", ("rtx-2070", "rtx-3090")),
    # a card sold to buy another is replaced by it, not joined
    ("should i sell my 4070 and buy a 4090, worth it for qwen3 32b?", ("rtx-4070", "rtx-4090")),
    ("thinking of selling the 3080 and getting a 5080, is gemma 3 27b faster?", ("rtx-3080", "rtx-5080")),
    ("I would sell my 3060 to fund a 3090; worth it for mistral small 24b?", ("rtx-3060", "rtx-3090")),
]


@pytest.mark.parametrize(("text", "cards"), PLANS, ids=[t for t, _ in PLANS])
def test_a_plan_beside_the_rig_owned_is_compared(catalog: Catalog, text: str, cards: tuple[str, str]) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert tuple(hw.gpus[0].id for hw in q.rigs) == cards
    assert q.change is not None and q.change.startswith("replacing")


@pytest.mark.parametrize(
    "text",
    [
        "I have a 3060 now and plan to get a 3090. will qwen3 32b fit on the 3090?",
        "on a 2060 today, thinking about a 4060 Ti 16GB. can it run gemma 3 12b?",
    ],
)
def test_a_plan_asked_about_alone_is_no_comparison(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).kind == "estimate"


# a choice between two rigs written without "or"/"vs": (the first card, the second)
CHOICES = [
    ("does a 7900 xtx beat a 4080 on qwen3 14b?", ("rx-7900-xtx", "rtx-4080")),
    ("would two 3060s outperform a 4070 for llama 3.1 8b?", ("rtx-3060", "rtx-4070")),
    ("Ist eine 4080 schneller als eine 3090 bei Gemma 3 27B?", ("rtx-4080", "rtx-3090")),
    ("Для Qwen3 14B 4070 быстрее чем 3080?", ("rtx-4070", "rtx-3080")),
    ("can't decide between an A6000 and two 3090s for llama 3.3 70b", ("rtx-a6000", "rtx-3090")),
    ("Ich schwanke zwischen einer 4090 und zwei 3090 für Qwen3 32B", ("rtx-4090", "rtx-3090")),
]


@pytest.mark.parametrize(("text", "cards"), CHOICES, ids=[t for t, _ in CHOICES])
def test_a_choice_between_rigs_is_compared(catalog: Catalog, text: str, cards: tuple[str, str]) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "compare"
    assert tuple(hw.gpus[0].id for hw in q.rigs) == cards


def test_options_in_a_list_are_compared(catalog: Catalog) -> None:
    q = read_question(
        "for gpt-oss-120b: a) 2x 3090, b) DGX Spark, c) 4090 + 128gb. which one?", catalog.index
    )
    assert q.kind == "compare"
    assert [(hw.gpus[0].id, hw.gpus[0].count) if hw.gpus else hw.soc and hw.soc.id for hw in q.rigs] == [
        ("rtx-3090", 2),
        "dgx-spark",
        ("rtx-4090", 1),
    ]


def test_a_choice_between_models_is_compared(catalog: Catalog) -> None:
    q = read_question("torn between qwen3 14b and gemma 3 12b on my 4070", catalog.index)
    assert q.kind == "compare"
    assert [r.model.id for r in q.models] == ["qwen3-14b", "gemma-3-12b"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the best models for the asker's rig
        ("what's good for chat on a 3060 12gb?", "best"),
        ("what's worth running on an rx 7800 xt?", "best"),
        ("what can I do with two 3090s and 128gb of ram?", "best"),
        ("just got a 4080 super, where do I start?", "best"),
        ("best daily driver for an M3 Pro 36GB?", "best"),
        ("any good options for 8GB of VRAM?", "best"),
        ("looking for a coding model on a 4070 ti super", "best"),
        ("got a 5090, what should I try first?", "best"),
        ("Что можно запустить на RTX 3060 12 ГБ?", "best"),
        ("¿Qué puedo correr en una RTX 4070?", "best"),
        # what hardware a model needs
        ("would a single consumer card run qwen3 235b?", "requirements"),
        ("is a mac mini enough for gemma 3 27b?", "requirements"),
        ("is it possible to run llama 3.3 70b on a laptop?", "requirements"),
        ("the bare minimum to run deepseek r1 distill 32b?", "requirements"),
        ("I'm buying a gpu for gemma 3 27b, what should it be?", "requirements"),
        ("most cost-effective hardware for qwen3 30b a3b?", "requirements"),
        ("any gpu recommendations for llama 3.1 70b?", "requirements"),
        ("Gemma 3 27Bに必要なVRAMは？", "requirements"),
        ("Qwen3 32B 돌리려면 어떤 GPU가 필요한가요?", "requirements"),
        ("do macbooks run qwen3 30b a3b well?", "requirements"),
        ("should I get a mac studio or a pc for deepseek r1?", "requirements"),
        # the largest model a rig holds
        ("what's the largest gemma I can run on a 4060 ti 16gb?", "capacity"),
        ("biggest one I could fit on 2x 3060?", "capacity"),
        ("how large can a model be on a 4070 ti super?", "capacity"),
        ("how many billions of parameters can 24gb hold?", "capacity"),
        ("up to how many b fits on my m2 max 96gb?", "capacity"),
        ("is there an upper limit on model size for a 7900 xtx?", "capacity"),
        ("Wie groß kann ein Modell auf einer RTX 4080 sein?", "capacity"),
        ("Quel est le plus gros modèle pour un Mac Studio M2 Ultra 192 Go ?", "capacity"),
        ("¿Qué tan grande puede ser un modelo con 24 GB de VRAM?", "capacity"),
        ("RTX 3090 두 장으로 돌릴 수 있는 제일 큰 모델은?", "capacity"),
    ],
)
def test_the_kind_is_read_from_more_wordings(catalog: Catalog, text: str, kind: str) -> None:
    assert read_question(text, catalog.index).kind == kind


def test_a_size_asked_for_is_no_model(catalog: Catalog) -> None:
    q = read_question("两张3090最大能跑多少B的模型？", catalog.index)
    assert q.kind == "capacity"
    assert q.models == ()
    assert [(g.id, g.count) for g in q.rigs[0].gpus] == [("rtx-3090", 2)]


@pytest.mark.parametrize(
    "text", ["most cost effective way to run qwen3 235b?", "best bang for the buck gpu for gemma 3 27b?"]
)
def test_value_for_money_puts_cost_first(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).prefer == "cost"


# a rig and a task, no model: what runs best for that task there (the task and the context kept)
TASK_ONLY = [
    ("would 24 gb of vram do for agentic coding at 128k context?", "code", 131072),
    ("is a 4070 ti super good enough for programming?", "code", None),
    ("my 3090 for roleplay at 32k, enough?", "roleplay", 32768),
    ("does a mac mini m4 pro 48gb handle math and reasoning?", "reasoning", None),
]


@pytest.mark.parametrize(("text", "task", "context"), TASK_ONLY, ids=[t for t, _, _ in TASK_ONLY])
def test_a_rig_and_a_task_without_a_model_ask_for_the_best_models(
    catalog: Catalog, text: str, task: str, context: int | None
) -> None:
    q = read_question(text, catalog.index)
    assert (q.kind, q.task, q.context) == ("best", task, context)


@pytest.mark.parametrize("text", ["is a 3090 enough?", "is 24gb vram enough for 128k context?"])
def test_a_rig_without_a_task_or_a_model_still_asks_which_model(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "estimate" and "model" in q.missing


# question words typed in a hurry keep the kind of question they start
SLIPS = [
    ("new to this, i have a gtx 1070 8gb and 32gb ram, wat model can i run for chat?", "best"),
    ("wich model should i run on an rtx 3060 12gb?", "best"),
    ("Wut can my 4060 ti 16gb run for coding?", "best"),
    ("hwo many 4090s do i need for llama 3.3 70b?", "requirements"),
    ("wat is the biggest model a 4090 can hold?", "capacity"),
    ("cna i run qwen3 14b on a 3060 12gb?", "estimate"),
]


@pytest.mark.parametrize(("text", "kind"), SLIPS, ids=[t for t, _ in SLIPS])
def test_a_misspelled_question_word_keeps_its_kind(catalog: Catalog, text: str, kind: str) -> None:
    assert read_question(text, catalog.index).kind == kind
