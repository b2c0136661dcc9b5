"""Chinese questions: memory a model is said to take ("占显存15g", "显存占用了20G") is no card of the
asker's, and a name the catalog lacks after "跑起来" or before "这个模型" is said to be left out. The
sentences are written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

USAGE = [
    "foolm2-13b int4量化后占显存15g，这是为什么",
    "qwen3 14b 显存占用了20G，是不是太多了",
    "qwen3 32b 跑起来消耗显存约30GB，正常吗",
]


@pytest.mark.parametrize("text", USAGE)
def test_memory_a_model_is_said_to_take_is_no_card(catalog: Catalog, text: str) -> None:
    hw = read_question(text, catalog.index).hardware
    assert hw is None or not hw.gpus


def test_a_card_told_beside_what_the_model_takes_is_kept(catalog: Catalog) -> None:
    hw = read_question("qwen3 32b 在4090 24G上显存占用了20G，正常吗", catalog.index).hardware
    assert hw is not None and [(g.id, g.vram_gb) for g in hw.gpus] == [("rtx-4090", 24.0)]


NAMES = [
    ("目前v100 32G很难跑起来foochat2这个模型了", "foochat2"),
    ("3090跑得动BarLM这款模型吗", "BarLM"),
]


@pytest.mark.parametrize(("text", "name"), NAMES, ids=[t for t, _ in NAMES])
def test_a_name_the_catalog_lacks_after_a_chinese_run_verb_is_left_out(
    catalog: Catalog, text: str, name: str
) -> None:
    q = read_question(text, catalog.index)
    assert not q.models and any(f"'{name}'" in str(e) for e in q.model_errors)


def test_an_amount_right_after_a_card_with_no_verb_is_the_machines_ram(catalog: Catalog) -> None:
    hw = read_question("1650显卡 40G内存可以跑起来qwen3 14b吗", catalog.index).hardware
    assert hw is not None and hw.ram_gb == 40.0 and [g.vram_gb for g in hw.gpus] == [4.0]


def test_an_amount_the_card_is_said_to_have_is_its_memory(catalog: Catalog) -> None:
    hw = read_question("4090显卡是24G的内存，跑qwen3 32b够吗", catalog.index).hardware
    assert hw is not None and hw.ram_gb is None and [g.vram_gb for g in hw.gpus] == [24.0]
