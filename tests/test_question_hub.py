"""Reading a question that names a Hugging Face repo: which repo (and GGUF file), whether the
catalog knows it, and what the name gives alone. Pure: nothing here reads the Hub."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import Catalog, read_hub_refs, read_question
from sizing.question import MAX_QUESTION_CHARS


@pytest.mark.parametrize(
    ("text", "repo", "revision", "file"),
    [
        (
            "can I run someorg/New-Model-70B-Instruct on 2x 3090?",
            "someorg/New-Model-70B-Instruct",
            "main",
            None,
        ),
        (
            "https://huggingface.co/someorg/New-Model-70B-Instruct on a 4090",
            "someorg/New-Model-70B-Instruct",
            "main",
            None,
        ),
        ("does huggingface.co/org/Repo-7B/tree/v2.0 fit", "org/Repo-7B", "v2.0", None),
        ("hf.co/someorg/Thing-9B-GGUF:Q4_K_M on my 3060", "someorg/Thing-9B-GGUF", "main", None),
        (
            "https://huggingface.co/org/Foo-8B-GGUF/resolve/main/Foo-8B-Q4_K_M.gguf on a 4090",
            "org/Foo-8B-GGUF",
            "main",
            "Foo-8B-Q4_K_M.gguf",
        ),
        (
            "https://huggingface.co/org/Big-GGUF/blob/main/Q4_K_M/Big-Q4_K_M-00001-of-00003.gguf?download=true",
            "org/Big-GGUF",
            "main",
            "Q4_K_M/Big-Q4_K_M-00001-of-00003.gguf",
        ),
        ("跑someorg/Model-32B-Chat吗", "someorg/Model-32B-Chat", "main", None),
    ],
)
def test_a_repo_or_url_is_read_as_one(
    catalog: Catalog, text: str, repo: str, revision: str, file: str | None
) -> None:
    refs = read_hub_refs(text, catalog.index)
    assert [(r.repo, r.revision, r.file) for r in refs] == [(repo, revision, file)]


@pytest.mark.parametrize(
    "text",
    [
        "2x 3090/4090, 64GB",
        "DDR4-3200/DDR5-6000 on an EPYC",
        "MacBook Pro M2 16GB/1TB",
        "M2/M3 Max with 64GB",
        "Q4_K_M/Q5_K_M of qwen3 8b",
        "and/or at 20 tokens/s",
        "built with github.com/ggml-org/llama.cpp on a 3090",
        "https://example.com/org/Model-7B on a 3090",
        "https://huggingface.co/org/Repo-7B/resolve/main/../../other/x.gguf",
        "https://huggingface.co/org/Repo-7B/resolve/../other/x.gguf",
        "https://huggingface.co/datasets/someorg/Chat-Logs-2B on a 3090",
        "see huggingface.co/spaces/someorg/Leaderboard-v2",
    ],
)
def test_slashes_that_are_not_repos(catalog: Catalog, text: str) -> None:
    assert [r.file for r in read_hub_refs(text, catalog.index) if r.file] == []
    assert all("/" in r.repo and "." not in r.repo.split("/")[0] for r in read_hub_refs(text, catalog.index))
    if "huggingface" not in text:
        assert read_hub_refs(text, catalog.index) == ()


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("Qwen/Qwen3-8B on a 3060", "qwen3-8b"),
        ("https://huggingface.co/openai/gpt-oss-20b on a 4090", "gpt-oss-20b"),
        ("bartowski/Qwen_Qwen3-8B-GGUF on a 3060", "qwen3-8b"),
    ],
)
def test_a_repo_the_catalog_has_is_known(catalog: Catalog, text: str, model_id: str) -> None:
    q = read_question(text, catalog.index)
    (ref,) = q.hub_refs
    assert ref.known and ref.fallback is not None and ref.fallback.model.id == model_id
    assert [r.model.id for r in q.models] == [model_id]


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("can I run someorg/New-Model-70B-Instruct on 2x 3090?", "generic-70b"),
        (
            "https://huggingface.co/org/Foo-Bar-8B-GGUF/resolve/main/Foo-Bar-8B-Q4_K_M.gguf on a 4090",
            "generic-8b",
        ),
        ("someorg/Franken-30B-A3B on a 3090", "generic-30b-a3b"),
        ("someorg/Llama-Frankenmerge-70B on 2x 3090", "llama-3.3-70b"),
    ],
)
def test_an_unknown_repo_is_sized_from_its_name(catalog: Catalog, text: str, model_id: str) -> None:
    """Without the Hub the name's family and size answer: the reading holds that model for the repo."""
    q = read_question(text, catalog.index)
    (ref,) = q.hub_refs
    assert not ref.known and ref.fallback is not None and ref.fallback.model.id == model_id
    assert [r.model.id for r in q.models] == [model_id] and "model" not in q.missing


@pytest.mark.parametrize(
    ("text", "params_b", "style"),
    [
        # (Devstral 2 123B is a catalog entry now: a later, unknown release keeps the case)
        ("mistralai/Devstral-3-150B-Instruct-2609 on 4x 3090", 150, "Devstral"),
        ("someorg/Gemma-Tiny-1B on a pi 5", 1, "Gemma"),
    ],
)
def test_a_family_word_inside_a_bigger_name_is_not_the_model(
    catalog: Catalog, text: str, params_b: float, style: str
) -> None:
    """ "mistral" inside "mistralai/Devstral-3-150B-..." is not Mistral 7B: the size the name states
    wins, in the style of the family its name starts with."""
    q = read_question(text, catalog.index)
    (model,) = q.models
    assert model.model.params_b == params_b
    assert any(f"{style}-like shape" in a for a in model.assumptions)


def test_a_name_without_a_size_leaves_the_model_missing(catalog: Catalog) -> None:
    q = read_question("someorg/Zorblax-Prime-2 on a 3090", catalog.index)
    assert q.hub_refs[0].fallback is None and q.missing == ("model",)


def test_the_quant_of_a_gguf_file_is_the_quant_asked(catalog: Catalog) -> None:
    q = read_question(
        "https://huggingface.co/org/Foo-8B-GGUF/resolve/main/Foo-8B-Q5_K_M.gguf on a 4090", catalog.index
    )
    assert q.quant == "Q5_K_M"


def test_figures_in_a_repo_name_are_not_the_rig(catalog: Catalog) -> None:
    q = read_question("someorg/Coder-7B-32GB-Edition on an RTX 3060 12GB", catalog.index)
    assert q.hardware is not None and q.hardware.ram_gb is None
    assert [(g.spec.id, g.count) for g in q.hardware.gpus] == [("rtx-3060", 1)]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads_without_error(text: str) -> None:
    from sizing import default_catalog

    refs = read_hub_refs(text, default_catalog().index)
    assert len(refs) <= 3
    assert all(r.repo.count("/") == 1 for r in refs)


def test_a_long_list_of_repos_is_read_up_to_three(catalog: Catalog) -> None:
    text = " ".join(f"org{i}/Model-{i}B-Chat" for i in range(1, 40))
    assert len(text) < MAX_QUESTION_CHARS
    assert [r.repo for r in read_hub_refs(text, catalog.index)] == [
        "org1/Model-1B-Chat",
        "org2/Model-2B-Chat",
        "org3/Model-3B-Chat",
    ]
