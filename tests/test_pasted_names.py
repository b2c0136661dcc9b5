"""Model names as people paste them resolve to the right catalog entry (or a stated guess): llama-bench
labels, GGUF files with quant and shard suffixes, MLX repos, HF ids and URLs, Ollama tags, names glued
to other text, fine-tunes, and a family with a size."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sizing import Catalog, UnknownModelError
from sizing.catalog import (
    ARCH_FAMILIES,
    LLAMA_ARCHES,
    load_finetunes,
    load_models,
    read_pasted_name,
    read_size_label,
)


# ------------------------------------------------------------------------------- reading the parts
@pytest.mark.parametrize(
    ("text", "form", "model", "quant"),
    [
        ("qwen3moe 235B.A22B Q2_K - Medium", "llama-bench", "qwen3moe 235B.A22B", "Q2_K - Medium"),
        ("gemma2 27B Q6_K", "llama-bench", "gemma2 27B", "Q6_K"),
        ("Qwen3-14B-UD-Q6_K_XL-00002-of-00003.gguf", "gguf-file", "Qwen3-14B", "UD-Q6_K_XL"),
        ("phi-4-Q3_K_S.gguf", "gguf-file", "phi-4", "Q3_K_S"),
        ("codellama-13b-python.Q8_0.gguf", "gguf-file", "codellama-13b-python", "Q8_0"),
        ("mlx-community/Mistral-Nemo-Instruct-2407-8bit", "mlx-repo", "Mistral-Nemo-Instruct-2407", "8bit"),
        ("Qwen/Qwen3-4B-FP8", "hf-id", "Qwen3-4B", "FP8"),
        ("casperhansen/llama-3-70b-instruct-awq", "hf-id", "llama-3-70b-instruct", "awq"),
        ("hf.co/unsloth/gemma-3-4b-it-GGUF:UD-Q4_K_XL", "hf-url", "gemma-3-4b-it", "UD-Q4_K_XL"),
        ("qwen2.5:14b-instruct-q6_K", "ollama-tag", "qwen2.5 14b instruct", "q6_K"),
        ("**Gemma-3-12B** @ IQ4_XS", "text", "Gemma-3-12B", "IQ4_XS"),
    ],
)
def test_a_pasted_name_splits_into_model_and_quant(text: str, form: str, model: str, quant: str) -> None:
    name = read_pasted_name(text)
    assert (name.form, name.model, name.quant) == (form, model, quant)


def test_a_shard_suffix_tells_the_number_of_files() -> None:
    assert read_pasted_name("GLM-4.6-UD-Q3_K_XL-00001-of-00004.gguf").shards == 4


def test_an_hf_url_to_a_file_keeps_org_and_repo() -> None:
    name = read_pasted_name(
        "https://huggingface.co/bartowski/Qwen_Qwen3-8B-GGUF/resolve/main/Qwen_Qwen3-8B-Q5_K_M.gguf"
    )
    assert (name.form, name.org, name.quant) == ("hf-url", "bartowski", "Q5_K_M")
    assert "Qwen3-8B" in name.alternatives


@pytest.mark.parametrize(
    ("label", "total", "active", "effective", "experts"),
    [
        ("70B", 70.0, None, None, None),
        ("30B.A3B", 30.0, 3.0, None, None),
        ("E2B", None, None, 2.0, None),
        ("17Bx128E (Maverick)", None, 17.0, None, 128),
        ("360M", 0.36, None, None, None),
    ],
)
def test_llama_cpp_size_labels_are_read(
    label: str, total: float | None, active: float | None, effective: float | None, experts: int | None
) -> None:
    size = read_size_label(label)
    assert size is not None
    read = (size.total_b, size.active_b, size.effective_b, size.experts)
    assert read == (total, active, effective, experts)


GLUED = ["Qwen3 8B吗", "「Qwen3 8B」", "**Qwen3 8B**", "跑Qwen3 8B需要", "Ｑｗｅｎ３ ８Ｂ"]


@pytest.mark.parametrize("text", GLUED)
def test_names_glued_to_other_text_come_apart(text: str) -> None:
    assert read_pasted_name(text).model == "Qwen3 8B"


def test_control_characters_and_lone_surrogates_are_dropped() -> None:
    assert read_pasted_name("qwen3\x00\u200b 8b\ud800\x7f").text == "qwen3 8b"


# ------------------------------------------------------------------------------- resolving pasted forms
@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        # GGUF files: quant, shard, org prefix, dots before the quant
        ("Qwen3-14B-UD-Q6_K_XL-00002-of-00003.gguf", "qwen3-14b"),
        ("Llama-3.1-8B-Instruct-IQ4_XS.gguf", "llama-3.1-8b"),
        ("google_gemma-3-4b-it-Q6_K_L.gguf", "gemma-3-4b"),
        ("mistral-7b-instruct-v0.2.Q6_K.gguf", "mistral-7b-v0.2"),
        ("GLM-4.6-UD-Q3_K_XL-00001-of-00004.gguf", "glm-4.6"),
        ("phi-4-Q3_K_S.gguf", "phi-4"),
        ("llama-2-13b-chat.ggmlv3.q5_1.bin", "llama-2-13b"),
        # MLX repos
        ("mlx-community/Mistral-Nemo-Instruct-2407-8bit", "mistral-nemo-12b"),
        ("mlx-community/Qwen2.5-72B-Instruct-4bit", "qwen2.5-72b"),
        ("Llama-3.2-3B-Instruct-4bit", "llama-3.2-3b"),
        # HF ids and URLs
        ("Qwen/Qwen3-4B-FP8", "qwen3-4b"),
        ("unsloth/Qwen3-14B-bnb-4bit", "qwen3-14b"),
        ("casperhansen/llama-3-70b-instruct-awq", "llama-3-70b"),
        ("https://huggingface.co/unsloth/gpt-oss-20b-GGUF/blob/main/gpt-oss-20b-Q4_K_M.gguf", "gpt-oss-20b"),
        ("hf.co/unsloth/gemma-3-4b-it-GGUF:UD-Q4_K_XL", "gemma-3-4b"),
        ("huggingface.co/unsloth/Kimi-K2-Instruct-GGUF/tree/main/UD-Q2_K_XL", "kimi-k2"),
        # Ollama tags
        ("qwen2.5:14b-instruct-q6_K", "qwen2.5-14b"),
        ("llama3.1:70b-instruct-q3_K_M", "llama-3.1-70b"),
        ("ollama.com/library/gemma3:12b", "gemma-3-12b"),
        ("deepseek-r1:32b-qwen-distill-q8_0", "deepseek-r1-distill-qwen-32b"),  # the library name is no hit
        ("deepseek-r1:70b-llama-distill-q4_K_M", "deepseek-r1-distill-llama-70b"),
        ("deepseek-r1:671b", "deepseek-r1"),
        # glued to other text
        ("用Qwen3 8B吗", "qwen3-8b"),
        ("**Gemma-3-12B** @ IQ4_XS", "gemma-3-12b"),
        ("gpt-oss-20b的速度", "gpt-oss-20b"),
    ],
)
def test_pasted_forms_resolve(catalog: Catalog, text: str, model_id: str) -> None:
    assert catalog.resolve(text).model.id == model_id


@pytest.mark.parametrize(
    ("label", "model_id"),
    [
        ("llama 405B Q4_K - Medium", "llama-3.1-405b"),  # the newest 405B Llama
        ("llama 70B Q8_0", "llama-3.3-70b"),
        ("qwen3 8B Q4_K - Medium", "qwen3-8b"),
        ("qwen3moe 235B.A22B Q2_K - Medium", "qwen3-235b-a22b"),
        ("gemma2 27B Q6_K", "gemma-2-27b"),
        ("gemma3n E2B Q8_0", "gemma-3n-e2b"),
        ("phi3 14B Q4_K - Medium", "phi-3-medium-4k"),  # Ollama's phi3:14b
        ("command-r 104B Q8_0", "command-r-plus-104b"),
        ("cohere2 111B Q4_K - Medium", "command-a-111b"),
        ("llama4 17Bx128E (Maverick) Q4_K - Medium", "llama-4-maverick"),
        ("gpt-oss 20B MXFP4 MoE", "gpt-oss-20b"),
        ("glm4moe 355B.A32B Q2_K - Medium", "glm-4.7"),
        ("mistral3 24B Q4_K - Medium", "mistral-small-3.2-24b"),
        ("qwen35moe 122B.A10B Q4_K - Medium", "qwen3.5-122b-a10b"),
        ("starcoder2 15B Q4_0", "starcoder2-15b"),
    ],
)
def test_a_llama_bench_label_resolves_by_architecture_and_size(
    catalog: Catalog, label: str, model_id: str
) -> None:
    assert catalog.resolve(label).model.id == model_id


def test_a_llama_bench_label_says_when_several_releases_share_its_shape(catalog: Catalog) -> None:
    found = catalog.resolve("llama 70B Q4_0")
    assert any("llama-bench" in a for a in found.assumptions)
    assert any("assumed the newest" in a for a in found.assumptions)


def test_a_llama_bench_size_class_picks_the_nearest_release(catalog: Catalog) -> None:
    found = catalog.resolve("phi3 3B Q4_0")  # llama.cpp labels Phi-3's 3.8B as "3B"
    assert found.model.family.startswith("Phi") and found.model.params_b == pytest.approx(3.8, rel=0.02)


# ------------------------------------------------------------------------------- fine-tunes and look-alikes
@pytest.mark.parametrize(
    ("text", "base_id"),
    [
        ("Hermes-3-Llama-3.1-70B-Q4_K_M.gguf", "llama-3.1-70b"),
        ("Llama-3.3-70B-Instruct-abliterated", "llama-3.3-70b"),
        ("Qwen2.5-Coder-32B-Instruct-uncensored.Q5_K_M.gguf", "qwen2.5-coder-32b"),
        ("cognitivecomputations/dolphin-2.9.4-llama3.1-8b", "llama-3.1-8b"),
        ("Nous-Hermes-2-Mixtral-8x7B-DPO", "mixtral-8x7b"),
        ("nous-hermes-2-mixtral", "mixtral-8x7b"),
        ("miqu-1-70b.q5_K_M.gguf", "llama-2-70b"),
        ("WizardLM-2-8x22B", "mixtral-8x22b"),
        ("perplexity-ai/r1-1776", "deepseek-r1"),
    ],
)
def test_a_fine_tune_is_sized_as_its_base_with_a_note(catalog: Catalog, text: str, base_id: str) -> None:
    found = catalog.resolve(text)
    assert found.model.id == base_id
    assert any("fine-tune" in a for a in found.assumptions)


def test_a_distill_is_its_own_entry_not_a_fine_tune_note(catalog: Catalog) -> None:
    found = catalog.resolve("DeepSeek-R1-Distill-Qwen-7B-Q6_K.gguf")
    assert found.model.id == "deepseek-r1-distill-qwen-7b" and not found.assumptions


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("Command R 35B", "command-r-35b"),
        ("command-r-plus", "command-r-plus-104b"),
        ("Command R+", "command-r-plus-104b"),
        ("c4ai-command-a-03-2025", "command-a-111b"),
        ("Command A", "command-a-111b"),
    ],
)
def test_look_alike_families_stay_apart(catalog: Catalog, text: str, model_id: str) -> None:
    assert catalog.resolve(text).model.id == model_id


# ------------------------------------------------------------------------------- a family and a size
@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("65B llama", "llama-1-65b"),
        ("the 235B qwen", "qwen3-235b-a22b"),
        ("34b yi", "yi-1.5-34b"),  # Yi 34B and Yi-1.5 34B: the newest
        ("qwen 2.5 72b", "qwen2.5-72b"),
        ("falcon 180b", "falcon-180b"),
        ("deepseek 14b", "deepseek-r1-distill-qwen-14b"),
    ],
)
def test_a_family_and_a_size_pick_that_release(catalog: Catalog, text: str, model_id: str) -> None:
    assert catalog.resolve(text).model.id == model_id


def test_several_releases_of_one_size_name_the_newest_and_say_so(catalog: Catalog) -> None:
    found = catalog.resolve("the 34b yi one")
    assert found.model.id == "yi-1.5-34b" and any("assumed the newest" in a for a in found.assumptions)


@pytest.mark.parametrize(
    ("text", "total_b", "moe", "style"),
    [
        ("qwen1.5 120b", 120, False, "Qwen1.5"),
        ("llama 3.1 13b", 13, False, "Llama 3.1"),
        ("deepseek v3 300b", 300, True, "DeepSeek V3"),
        ("kimi k2 2t", 2000, True, "Kimi K2"),
    ],
)
def test_a_size_the_family_lacks_gets_a_generic_shape_in_its_style(
    catalog: Catalog, text: str, total_b: float, moe: bool, style: str
) -> None:
    found = catalog.resolve(text)
    assert found.model.family == "generic"
    assert found.model.params_b == pytest.approx(total_b, rel=0.05)
    assert (found.model.moe is not None) == moe
    assert any(style in a for a in found.assumptions)


@pytest.mark.parametrize("text", ["deepseek", "kimi", "mistral small", "qwen3", "gpt oss"])
def test_a_family_without_a_size_is_a_did_you_mean(catalog: Catalog, text: str) -> None:
    with pytest.raises(UnknownModelError) as err:
        catalog.resolve(text)
    assert len(err.value.suggestions) >= 2


# ------------------------------------------------------------------------------- data the reader relies on
def test_every_family_an_architecture_names_is_in_the_catalog() -> None:
    families = {m.family for m in load_models()}
    named = {f for primary, secondary in ARCH_FAMILIES.values() for f in (*primary, *secondary)}
    assert named <= families, sorted(named - families)


def test_every_architecture_in_the_table_is_one_llama_cpp_names() -> None:
    assert set(ARCH_FAMILIES) <= LLAMA_ARCHES


def test_every_fine_tune_has_a_base_in_the_catalog_and_a_public_source() -> None:
    ids = {m.id for m in load_models()}
    for row in load_finetunes():
        assert row.base in ids, row
        assert row.source.startswith("https://"), row


# ------------------------------------------------------------------------------- bad input, speed
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\x00\x01\x02",
        "\ud800\udfff",
        "a" * 100_000,
        "qwen" * 25_000,
        "\u200b" * 50,
        "-" * 400,
        "🦙",
    ],
)
def test_bad_input_gives_only_the_documented_error(catalog: Catalog, text: str) -> None:
    with pytest.raises(UnknownModelError):
        catalog.resolve(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_resolves_or_raises_unknown_model(catalog: Catalog, text: str) -> None:
    with contextlib.suppress(UnknownModelError):
        catalog.resolve(text)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["qwen3", "Llama", "-", "_", "70B", "A3B", "UD-", "Q4_K_M", ".gguf", "/", ":", "00001-of-00002",
             "hf.co", "4bit", "mlx-community", "吗", "**", " ", "8x7B", "abliterated", "Q4_K - Medium"]
        ),
        max_size=14,
    )
)  # fmt: skip
def test_name_shaped_noise_resolves_or_raises_unknown_model(catalog: Catalog, parts: list[str]) -> None:
    with contextlib.suppress(UnknownModelError):
        catalog.resolve("".join(parts))


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("devstral small 2", "devstral-small-2-24b"),
        ("Devstral-Small-2", "devstral-small-2-24b"),
        ("devstral small", "devstral-small"),
        ("mistral small 3", "mistral-small-3-24b"),
        ("Hermes-3-Llama-3.1-405B", "llama-3.1-405b"),
    ],
)
def test_a_version_right_after_a_name_names_that_release(catalog: Catalog, text: str, model_id: str) -> None:
    assert catalog.resolve(text).model.id == model_id


@pytest.mark.parametrize(
    ("text", "params_b"), [("gemma 12b", 12.0), ("Gemma 1 2B", 2.5), ("llama 2 13b", 13.0)]
)
def test_a_version_and_a_size_never_run_together_into_another_size(
    catalog: Catalog, text: str, params_b: float
) -> None:
    assert abs(catalog.resolve(text).model.params_b / params_b - 1) < 0.1


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("qwen 14b", "qwen3-14b"),  # a family and a size typed: the newest release of that size
        ("qwen:14b", "qwen1.5-14b"),  # the Ollama tag is the first Qwen's build
        ("gemma 27b", "gemma-3-27b"),  # the size named before a newer model only near it (26B)
        ("llama 405b", "llama-3.1-405b"),  # not the newer 400B Maverick
        ("llama 70B Q4_K_M", "llama-3.3-70b"),  # a llama-bench label, with its file type
        ("qwen2 7B Q4_K_M", "qwen2-7b"),
    ],
)
def test_a_family_and_size_typed_is_not_read_as_a_tag_or_a_bench_label(
    catalog: Catalog, text: str, model_id: str
) -> None:
    assert catalog.resolve(text).model.id == model_id


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("Llama-70B-chat-hf", "llama-2-70b"),
        ("llama-13b-chat", "llama-2-13b"),
        ("Llama-7b-hf", "llama-1-7b"),  # LLaMA 1's HF conversions are "-hf" without chat
        ("llama 3 70b chat", "llama-3-70b"),
        ("TinyLlama-1.1B-Chat-v1.0", "tinyllama-1.1b"),
        ("llama-8b-chat", "llama-3.1-8b"),  # no Llama 2 of that size: the newest Llama of it
        ("llama 405b chat", "llama-3.1-405b"),
    ],
)
def test_a_llama_of_a_llama_2_size_called_chat_is_llama_2(catalog: Catalog, text: str, model_id: str) -> None:
    assert catalog.resolve(text).model.id == model_id
