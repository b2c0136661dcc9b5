"""Ways people ask in issue threads, read as an expert would: a context "length of 40k", a rig told as
"such a system: ..." beside "what is the minimum?", whether the memory "must reach" an amount (是否内存
需要满足), and hardware for "my next build", which is not the asker's yet. The sentences are written for
these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

CONTEXTS = [
    ("qwen3 14b on a 4070 with context length of 40k keeps crashing", 40960),
    ("gemma 3 12b on a 3060, context window of 20k", 20480),
    ("mistral small 24b on a 4090 with a context size of 24k", 24576),
]


@pytest.mark.parametrize(("text", "tokens"), CONTEXTS, ids=[t for t, _ in CONTEXTS])
def test_a_context_length_of_so_many_thousands_is_the_context_asked(
    catalog: Catalog, text: str, tokens: int
) -> None:
    assert read_question(text, catalog.index).context == tokens


RIGS_TOLD_NEXT = [
    (
        "Can I run qwen3 235b on such a system: Ryzen 9 7950X, RTX 4090, 128GB DDR5? "
        "What is the minimum system requirement?",
        "rtx-4090",
    ),
    (
        "is it possible to run glm 4.5 air on these specs: 2x 3090, 64gb ram. what are the requirements?",
        "rtx-3090",
    ),
    (
        "can we run llama 3.3 70b on the following machine: 4x A6000, 256GB RAM? minimum hardware?",
        "rtx-a6000",
    ),
]


@pytest.mark.parametrize(("text", "card"), RIGS_TOLD_NEXT, ids=[t for t, _ in RIGS_TOLD_NEXT])
def test_a_rig_told_as_such_a_system_is_the_rig_asked_about_beside_the_minimum(
    catalog: Catalog, text: str, card: str
) -> None:
    q = read_question(text, catalog.index)
    assert q.hardware is not None and q.hardware.gpus and q.hardware.gpus[0].id == card


@pytest.mark.parametrize(
    "text",
    [
        "deepseek v3 完整版，是否内存需要满足800G以上？",
        "qwen3 235b 显存要达到多少才行，必须超过100G吗",
        "glm 4.5 的内存必须至少256G吗",
    ],
)
def test_whether_the_memory_must_reach_an_amount_asks_what_the_model_needs(
    catalog: Catalog, text: str
) -> None:
    assert read_question(text, catalog.index).kind == "requirements"


@pytest.mark.parametrize(
    "text",
    [
        "I'm weighing hardware for my next build: would qwen3 235b do well on two Arc Pro B60 cards?",
        "for our next server we are looking at 4x RTX Pro 6000, how would deepseek v3 do?",
    ],
)
def test_hardware_for_the_next_build_is_to_buy_not_owned(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.kind == "requirements"
    assert q.hardware is None or q.hardware.is_empty


def test_a_card_owned_now_beside_the_next_build_is_still_the_rig(catalog: Catalog) -> None:
    q = read_question(
        "my 3090 runs qwen3 32b fine; for my next build, would a 5090 be faster?", catalog.index
    )
    assert q.kind != "requirements"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("can I run molmo-7B-D on a Jetson AGX Orin 32GB?", "molmo-7B-D"),
        ("will foobar-14b fit on my 3060 12gb", "foobar-14b"),
        ("is MyChat-13B-v2 ok on a 4090", "MyChat-13B-v2"),
    ],
)
def test_a_name_the_catalog_lacks_glued_to_its_size_is_named_where_it_is_sized_generic(
    catalog: Catalog, text: str, name: str
) -> None:
    (r,) = read_question(text, catalog.index).models
    assert r.model.is_generic
    assert r.assumptions[0].startswith(f"'{name}' is not in the catalog: sized as a generic")


@pytest.mark.parametrize(
    "text", ["will a 70b dense model fit on 2x 3090", "2x 4090 for 70b?", "my-model-7b on a 3060"]
)
def test_a_size_said_with_no_name_keeps_the_plain_note(catalog: Catalog, text: str) -> None:
    (r,) = read_question(text, catalog.index).models
    assert r.assumptions[0].startswith("no such model in the catalog: sized as a generic")
