"""Which of the models named a question asks about: a model the asker already runs, has tried, or
someone else runs is background when another is asked about; a choice keeps every model; "the 70b
distill" names the family just mentioned at that size."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question


def _ids(catalog: Catalog, text: str) -> list[str]:
    return [r.model.id for r in read_question(text, catalog.index).models]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Llama 3.1 8B runs fine on my 3060 12GB. Would Qwen3 14B fit?", ["qwen3-14b"]),
        ("been using mistral 7b on an M1 Air for months, is gemma 3 12b too much?", ["gemma-3-12b"]),
        (
            "coming from gpt-oss-20b, which fits nicely, would qwen3 30b a3b fit on my 5070 ti",
            ["qwen3-30b-a3b"],
        ),
        ("my buddy runs llama 3.3 70b on his mac. can I run qwen3 32b on a 4090?", ["qwen3-32b"]),
        ("currently running qwen2.5 7b on a 3060, what about qwen2.5 14b?", ["qwen2.5-14b"]),
        ("I tried qwen3 32b and it was too slow on my 4070, is qwen3 14b better?", ["qwen3-14b"]),
        (
            "daily driver is qwen2.5-coder:7b on a 3060 ti; is qwen2.5-coder:14b going to fit as well?",
            ["qwen2.5-coder-14b"],
        ),
        ("switched from llama 3.1 8b; will gemma 3 27b run on my 3090?", ["gemma-3-27b"]),
        ("previously used llama2 13b on this 3080 ti. will llama 3.1 8b fit?", ["llama-3.1-8b"]),
        ("qwen3 30b a3b runs at 80 t/s on my 4090, would qwen3 next 80b be usable?", ["qwen3-next-80b-a3b"]),
        ("my 4090 runs qwen3 32b at 30 t/s. what about deepseek r1 on it?", ["deepseek-r1"]),
        ("qwen3 32b @ 25 tps on a 3090; would llama 3.3 70b fit?", ["llama-3.3-70b"]),
        ("tried ollama with llama3.1:8b, works great. would mistral-nemo:12b run too?", ["mistral-nemo-12b"]),
    ],
)
def test_a_model_already_run_or_tried_is_background(catalog: Catalog, text: str, asked: list[str]) -> None:
    assert _ids(catalog, text) == asked


@pytest.mark.parametrize(
    ("text", "models"),
    [
        ("qwen3 32b or gemma 3 27b on my 3090?", ["qwen3-32b", "gemma-3-27b"]),
        (
            "I run llama 3.1 8b fine; should I switch to qwen3 8b or stay on llama 3.1 8b?",
            ["llama-3.1-8b", "qwen3-8b"],
        ),
        ("can I run llama 3.3 70b and qwen3 32b on 2x 3090?", ["llama-3.3-70b", "qwen3-32b"]),
        ("I use qwen3 8b and gemma 3 12b on a 3060, which is faster?", ["qwen3-8b", "gemma-3-12b"]),
        (
            "can I run qwen3 14b? llama 3.1 8b would also fit as well on my 3060",
            ["qwen3-14b", "llama-3.1-8b"],
        ),
    ],
)
def test_models_asked_about_together_stay(catalog: Catalog, text: str, models: list[str]) -> None:
    assert sorted(_ids(catalog, text)) == sorted(models)


def test_a_single_model_already_run_is_still_the_one_asked_about(catalog: Catalog) -> None:
    assert _ids(catalog, "I run qwen3 32b on my 3090 at 10 tok/s, is that normal?") == ["qwen3-32b"]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "Deepseek r1 671b is out of reach, but what about the 70b distill on two 3090s?",
            ["deepseek-r1-distill-llama-70b"],
        ),
        ("qwen3 14b runs fine on my 4090; would the 32b one fit too?", ["qwen3-32b"]),
        ("gemma 3 27b is too big for my 3060, what about the 12b version?", ["gemma-3-12b"]),
    ],
)
def test_a_size_said_of_the_family_just_named_names_that_model(
    catalog: Catalog, text: str, asked: list[str]
) -> None:
    assert _ids(catalog, text) == asked


def test_a_size_with_no_family_before_it_names_no_family(catalog: Catalog) -> None:
    assert not any("distill" in i for i in _ids(catalog, "the 70b distill on two 3090s?"))


@pytest.mark.parametrize(
    ("text", "gpus", "ram_gb"),
    [
        ("I was able to run llama 3.3 70b on 2 A100s. Could it run on 1 A100?", [("a100-sxm", 1)], None),
        ("qwen3 32b works on my 4090. would it run on a 3060 12gb?", [("rtx-3060", 1)], None),
        (
            "llama 70b ran fine on my 2x3090 and 128gb ram, will it work on a single 4090?",
            [("rtx-4090", 1)],
            128.0,
        ),
        # the rig there is now, then one planned
        (
            "I'm on a 3070 at the moment but buying a 4090 soon. Can qwen3 32b run on the 4090?",
            [("rtx-4090", 1)],
            None,
        ),
        (
            "I have a 2060 and 32gb ram, switching to a 5080 next month. "
            "How fast would gemma 3 27b be on a 5080?",
            [("rtx-5080", 1)],
            32.0,
        ),
        # the same in German, French and Chinese
        (
            "Ich habe eine 3080 und überlege, eine 4090 zu kaufen. Würde Gemma 3 27B auf der 4090 laufen?",
            [("rtx-4090", 1)],
            None,
        ),
        (
            "J'ai une 3070, je compte acheter une 5080. Est-ce que Qwen3 14B passera sur la 5080 ?",
            [("rtx-5080", 1)],
            None,
        ),
        # the rig after a planned change, asked with "then"
        ("I'm on a 3060 now, upgrading to a 4090 soon. Will qwen3 32b run then?", [("rtx-4090", 1)], None),
        ("我现在用的是1080 Ti，准备换4090，换了以后能跑Qwen3 32B吗？", [("rtx-4090", 1)], None),
        # a question that refers to one of two rigs told by a word
        (
            "My old box has a 1080 Ti; the server I'm building will have 2x 3090 and 128GB RAM. "
            "Could llama 3.3 70b run on the server?",
            [("rtx-3090", 2)],
            128.0,
        ),
    ],
)
def test_a_closing_question_about_another_rig_asks_about_that_rig(
    catalog: Catalog, text: str, gpus: list[tuple[str, int]], ram_gb: float | None
) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is not None
    assert ([(g.id, g.count) for g in hw.gpus], hw.ram_gb) == (gpus, ram_gb)


@pytest.mark.parametrize(
    "text",
    ["if I get a 4090, could I run qwen3 32b?", "my 3090 runs llama 8b fine, can it run llama 3.3 70b?"],
)
def test_a_question_about_the_same_rig_keeps_it(catalog: Catalog, text: str) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is not None and len(hw.gpus) == 1


@pytest.mark.parametrize(
    ("text", "gpus", "ram_gb"),
    [
        (
            "At the office there's an L40S, at home I have a 3080. "
            "Could llama 3.1 70b run on the office one?",
            [("l40s", 1)],
            None,
        ),
        (
            "My laptop is a ThinkPad with 16GB RAM, my desktop has a 3090 and 64GB. "
            "Would qwen3 32b run on the desktop?",
            [("rtx-3090", 1)],
            64.0,
        ),
    ],
)
def test_a_question_that_refers_to_one_of_two_rigs_told_reads_that_rig(
    catalog: Catalog, text: str, gpus: list[tuple[str, int]], ram_gb: float | None
) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is not None
    assert ([(g.id, g.count) for g in hw.gpus], hw.ram_gb) == (gpus, ram_gb)


def test_a_question_that_refers_to_a_planned_chip_reads_that_chip(catalog: Catalog) -> None:
    text = (
        "I have an M2 Air 8GB now and I'm ordering a MacBook Pro M4 Max with 128GB. "
        "Can the pro run qwen3 235b?"
    )
    hw = read_question(text, catalog.index).hardware
    assert hw is not None and hw.soc is not None
    assert (hw.soc.id, hw.unified_memory_gb) == ("m4-max", 128.0)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "Long time lurker, first build: 5800X3D, 64GB DDR4, a 3090. Been playing with qwen3 8b for a "
            "while and it's fine. Question is, would gemma 3 27b at q4 be usable?",
            ["gemma-3-27b"],
        ),
        (
            "I use llama 3.1 8b for summaries at work. My home pc has a 4070 and 32gb ram. "
            "Can it run qwen3 14b?",
            ["qwen3-14b"],
        ),
    ],
)
def test_models_told_before_a_closing_question_about_another_are_background(
    catalog: Catalog, text: str, asked: list[str]
) -> None:
    assert _ids(catalog, text) == asked


def test_a_closing_question_without_a_model_keeps_the_models_told(catalog: Catalog) -> None:
    text = "I want to run qwen3 32b and gemma 3 27b on my 3090. Which quant should I use?"
    assert _ids(catalog, text) == ["qwen3-32b", "gemma-3-27b"]


@pytest.mark.parametrize(
    ("text", "task"),
    [
        (
            "Just got a used 3090. Currently running Mistral Nemo on my old 1070. "
            "What's the best I can run now for roleplay?",
            "roleplay",
        ),
        ("I run llama 3.1 8b on my 4060. what is the best model for coding on it?", "code"),
        ("i use gemma 3 12b daily. which model is best for my m2 max 64gb?", None),
    ],
)
def test_a_best_question_after_models_told_as_background_asks_for_the_best(
    catalog: Catalog, text: str, task: str | None
) -> None:
    q = read_question(text, catalog.index)
    assert (q.kind, q.models, q.task) == ("best", (), task)


def test_a_model_in_the_closing_best_question_is_asked_about(catalog: Catalog) -> None:
    q = read_question("Is qwen3 32b the best model for my 3090?", catalog.index)
    assert [r.model.id for r in q.models] == ["qwen3-32b"]
