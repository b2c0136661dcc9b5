"""A size, its quant and then the family name one model; a size told as one that already runs is
background to the one asked; LM Studio is named by its command line `lms`; and a name the catalog lacks,
asked to run in Chinese, is said to be left out. The sentences are written for these tests in the patterns
of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

SIZE_QUANT_FAMILY = [
    ("out of memory loading 30b 4-bit llama on my 3090 with 64gb ram", "llama-1-33b"),
    ("can two 3090s hold 65B q4 llama?", "llama-1-65b"),
    ("is 13b int8 llama ok on a 3060 12gb?", "llama-1-13b"),
]


@pytest.mark.parametrize(("text", "model"), SIZE_QUANT_FAMILY, ids=[t for t, _ in SIZE_QUANT_FAMILY])
def test_a_size_then_a_quant_then_a_family_is_one_model_of_that_family(
    catalog: Catalog, text: str, model: str
) -> None:
    q = read_question(text, catalog.index)
    assert [m.model.id for m in q.models] == [model]
    assert q.quant is not None


TOLD_THEN_ASKED = [
    ("I got the 7B working on my 3060, could it also run the 33B version?", 33.0),
    ("we were able to get the 13b model to work on one A100. Is the 65B possible?", 65.0),
    ("the 8b runs fine on my 4060; can it run the 14b?", 14.0),
    ("managed to get the 3b running on a pi 5, would the 7b load too?", 7.0),
]


@pytest.mark.parametrize(("text", "size"), TOLD_THEN_ASKED, ids=[t for t, _ in TOLD_THEN_ASKED])
def test_a_size_told_as_already_running_is_background_to_the_size_asked(
    catalog: Catalog, text: str, size: float
) -> None:
    q = read_question(text, catalog.index)
    assert [m.model.params_b for m in q.models] == [size]


@pytest.mark.parametrize(
    "text",
    ["can I get the 33B running on my 3060?", "I got a 4090; can it run a 70b?"],
)
def test_a_size_asked_to_get_running_or_a_card_got_is_no_background(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert len(q.models) == 1 and q.models[0].model.is_generic


LMS = [
    "LMS version: 0.3.31. Model: qwen3 8b. GPU: GTX 1650, RAM: 16 GB",
    "lms load qwen3 14b fails on my 3060",
    "qwen3 8b in LMS on a 3060, how fast is it?",
]


@pytest.mark.parametrize("text", LMS)
def test_lm_studio_is_named_by_its_command_line(catalog: Catalog, text: str) -> None:
    assert read_question(text, catalog.index).engine == "lmstudio"


def test_language_models_written_lms_name_no_engine(catalog: Catalog) -> None:
    assert read_question("which LMs run well on a 3060 with qwen3 8b?", catalog.index).engine is None


UNKNOWN_ZH = [
    ("运行 WebGLM 的最低硬件要求是多少？3060 6G 可以吗？", "WebGLM"),
    ("部署FooChat需要多少显存？我有一张4090", "FooChat"),
    ("我的4090能跑 ZetaLM 吗", "ZetaLM"),
]


@pytest.mark.parametrize(("text", "name"), UNKNOWN_ZH, ids=[t for t, _ in UNKNOWN_ZH])
def test_a_name_the_catalog_lacks_asked_to_run_in_chinese_is_said_left_out(
    catalog: Catalog, text: str, name: str
) -> None:
    q = read_question(text, catalog.index)
    assert not q.models
    assert any(f"'{name}' is not a model canirun knows" in str(e) for e in q.model_errors)


def test_a_catalog_model_asked_to_run_in_chinese_is_read(catalog: Catalog) -> None:
    q = read_question("部署 Qwen3-32B 需要多少显存", catalog.index)
    assert [m.model.id for m in q.models] == ["qwen3-32b"] and not q.model_errors
