"""A name the catalog lacks, written with dashes between its words before its size ("internlm-chat-20B"),
is named in the note that sizes it; a size alone after a slash is no catalog model of that size; and a
context length glued to the Chinese word for the input or the context is the context asked. The sentences
are written for these tests in the patterns of public posts."""

from __future__ import annotations

import pytest

from sizing import Catalog, read_question

DASHED_NAMES = [
    ("两张V100 32G运行foolm-chat-20B 会oom吗", "foolm-chat-20B"),
    ("can I run barnet-base-13b on a 3060?", "barnet-base-13b"),
]


@pytest.mark.parametrize(("text", "name"), DASHED_NAMES, ids=[t for t, _ in DASHED_NAMES])
def test_a_dashed_name_the_catalog_lacks_is_named_in_its_note(catalog: Catalog, text: str, name: str) -> None:
    q = read_question(text, catalog.index)
    assert len(q.models) == 1 and q.models[0].model.is_generic
    assert q.models[0].assumptions[0].startswith(f"'{name}' is not in the catalog")


@pytest.mark.parametrize(
    "text",
    ["InternVL2-26B / 40B AWQ 需要多少显存？", "how much VRAM for foobar-26B / 40B at 4 bit?"],
)
def test_a_size_alone_after_a_slash_is_no_catalog_model_of_that_size(catalog: Catalog, text: str) -> None:
    q = read_question(text, catalog.index)
    assert q.models and all(r.model.is_generic for r in q.models)


def test_a_folder_path_before_a_catalog_name_still_reads_that_name(catalog: Catalog) -> None:
    q = read_question("docs/models/Qwen3-32B on a 4090?", catalog.index)
    assert [r.model.id for r in q.models] == ["qwen3-32b"]


CHINESE_LENGTHS = [
    ("qwen3 32b 要接受200k输入，两张4090够吗", 204800),
    ("4090 跑 qwen3 8b 能撑100k的上下文吗", 102400),
]


@pytest.mark.parametrize(("text", "context"), CHINESE_LENGTHS, ids=[t for t, _ in CHINESE_LENGTHS])
def test_a_length_glued_to_the_chinese_input_word_is_the_context_asked(
    catalog: Catalog, text: str, context: int
) -> None:
    assert read_question(text, catalog.index).context == context


def test_a_length_in_a_release_name_written_in_chinese_is_no_context_asked(catalog: Catalog) -> None:
    assert read_question("Yi-34B-200K 在4090上能跑吗", catalog.index).context is None
