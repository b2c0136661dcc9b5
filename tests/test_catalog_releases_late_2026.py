"""Releases of mid and late 2026 and the names people give them: the dense Hunyuan sizes, GLM-5.3,
Poolside's Laguna XS 2.1, Mistral's version words (Magistral Small 1.2, Devstral Small 1.1) and a
series named whole (Granite 4.0 Nano) - each resolves, stays apart from its look-alikes and weighs
what its published files weigh."""

from __future__ import annotations

import pytest

from sizing import Catalog, UnknownModelError, default_catalog, kv_cache_bytes, read_question, weight_bytes
from sizing.catalog import resolve_quant

CATALOG: Catalog = default_catalog()


@pytest.mark.parametrize(
    ("name", "model_id"),
    [
        ("hunyuan 4b", "hunyuan-4b"),
        ("tencent/Hunyuan-4B-Instruct", "hunyuan-4b"),
        ("Hunyuan-4B-Instruct-Q4_K_M.gguf", "hunyuan-4b"),
        ("hunyuan 1.8b", "hunyuan-1.8b"),
        ("tencent/Hunyuan-0.5B-Pretrain", "hunyuan-0.5b"),
        ("magistral small 1.2", "magistral-small"),
        ("Magistral-Small-1.1", "magistral-small"),
        ("devstral small 1.1", "devstral-small"),
        ("glm 5.3", "glm-5.3"),
        ("zai-org/GLM-5.3-FP8", "glm-5.3"),
        ("laguna xs 2.1", "laguna-xs-2.1"),
        ("poolside/Laguna-XS-2.1", "laguna-xs-2.1"),
        ("Laguna-XS-2.1-UD-Q4_K_XL.gguf", "laguna-xs-2.1"),
        ("step 3.7 flash", "step-3.7-flash"),
        ("stepfun-ai/Step-3.7-Flash-FP8", "step-3.7-flash"),
    ],
)
def test_the_names_people_write_reach_the_release(name: str, model_id: str) -> None:
    assert CATALOG.resolve(name).model.id == model_id


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("would hunyuan 1.8b run on a raspberry pi 5 with 8gb?", "hunyuan-1.8b"),
        ("is magistral small 1.2 ok on a 4090 with 32k context", "magistral-small"),
        ("laguna xs 2.1 on two 3060s, what quant?", "laguna-xs-2.1"),
        ("can a mac studio with 512gb hold glm 5.3 at q4?", "glm-5.3"),
    ],
)
def test_a_question_reads_the_release_named_in_it(text: str, model_id: str) -> None:
    assert [r.model.id for r in read_question(text, CATALOG.index).models] == [model_id]


@pytest.mark.parametrize(
    ("name", "not_this"),
    [
        # the dense sizes are not the MoE, nor one another
        ("hunyuan 4b", "hunyuan-7b"),
        ("hunyuan a13b", "hunyuan-4b"),
        # a newer GLM release is not the one before it, and the Flash line is another architecture
        ("glm 5.2", "glm-5.3"),
        ("glm 5.3", "glm-5.2"),
        # Devstral Small 2 is its own release, not version 1.1
        ("devstral small 2", "devstral-small"),
        # the text-only Step 3.5 Flash is not its vision successor
        ("step 3.5 flash", "step-3.7-flash"),
    ],
)
def test_look_alike_releases_stay_apart(name: str, not_this: str) -> None:
    assert CATALOG.resolve(name).model.id != not_this


@pytest.mark.parametrize(
    "name", ["laguna m.1", "laguna xs.2", "glm 5.3 flash", "GLM-5.3-Flash-UD-IQ1_M.gguf"]
)
def test_a_sibling_release_the_catalog_lacks_is_not_read_as_the_one_it_has(name: str) -> None:
    # Laguna M.1 (225B) and XS.2 are not XS 2.1; GLM-5.3-Flash is a KDA + DSA hybrid, not GLM-5.3
    try:
        got = CATALOG.resolve(name).model.id
    except UnknownModelError:
        return
    assert got not in ("laguna-xs-2.1", "glm-5.3")


@pytest.mark.parametrize("name", ["granite 4 nano", "granite 4.0 nano", "granite nano", "Granite-4.0-Nano"])
def test_a_series_named_whole_lists_its_releases(name: str) -> None:
    with pytest.raises(UnknownModelError) as err:
        CATALOG.resolve(name)
    assert "could be several" in str(err.value)
    assert set(err.value.suggestions) == {
        "Granite 4.0 H 1B",
        "Granite 4.0 H 350M",
        "Granite 4.0 1B",
        "Granite 4.0 350M",
    }


def test_a_series_and_a_size_names_one_release() -> None:
    assert CATALOG.resolve("granite 4.0 nano 350m").model.id == "granite-4.0-350m"


def test_a_version_that_closes_a_family_name_is_no_series() -> None:
    # "Mistral Small 3" is a family whose last word is its version: the name is the 3 release itself
    assert CATALOG.resolve("mistral small 3").model.id == "mistral-small-3-24b"


@pytest.mark.parametrize(
    ("model_id", "quant", "published_bytes"),
    [
        # gabriellarson/Hunyuan-4B-Instruct-GGUF: Hunyuan-4B-Instruct-Q4_K_M.gguf
        ("hunyuan-4b", "Q4_K_M", 2_607_709_664),
        # bartowski/tencent_Hunyuan-0.5B-Instruct-GGUF: Q8_0 0.538 GiB, bf16 1.009 GiB
        ("hunyuan-0.5b", "Q8_0", 0.538 * 2**30),
        ("hunyuan-0.5b", "BF16", 1.009 * 2**30),
    ],
)
def test_dense_hunyuan_weighs_its_published_gguf_files(
    model_id: str, quant: str, published_bytes: float
) -> None:
    w = weight_bytes(CATALOG.by_id[model_id], resolve_quant(quant))
    assert w.total == pytest.approx(published_bytes, rel=0.02)


@pytest.mark.parametrize(
    ("model_id", "published_b"),
    [
        ("laguna-xs-2.1", 33.0),  # card: 33B total
        ("hunyuan-1.8b", 1.8),
        ("glm-5.3", 744.0),
    ],
)
def test_sixteen_bit_weights_are_two_bytes_a_published_parameter(model_id: str, published_b: float) -> None:
    w = weight_bytes(CATALOG.by_id[model_id], resolve_quant("BF16"))
    assert w.total / 1e9 == pytest.approx(published_b * 2, rel=0.03)


def test_step_3_7_flash_is_step_3_5_flash_s_language_model_with_a_vision_encoder() -> None:
    new, old = CATALOG.by_id["step-3.7-flash"], CATALOG.by_id["step-3.5-flash"]
    assert "vision" in new.tasks and "vision" not in old.tasks
    assert kv_cache_bytes(new, 32768, pad=False).total == kv_cache_bytes(old, 32768, pad=False).total
    assert new.vision_params_b == pytest.approx(1.8)


def test_laguna_grows_its_cache_only_in_its_full_attention_layers() -> None:
    # past the 512-token window only the 10 full-attention layers add K and V (8 heads x 128, f16)
    spec = CATALOG.by_id["laguna-xs-2.1"]
    grow = kv_cache_bytes(spec, 40960, pad=False).total - kv_cache_bytes(spec, 8192, pad=False).total
    assert grow / (40960 - 8192) == 10 * 8 * 128 * 2 * 2


def test_glm_5_3_keeps_glm_5_2_s_cache_a_token() -> None:
    # a post-training release on the same base: the same latent and indexer caches
    new, old = CATALOG.by_id["glm-5.3"], CATALOG.by_id["glm-5.2"]
    assert kv_cache_bytes(new, 65536, pad=False).total == kv_cache_bytes(old, 65536, pad=False).total
    assert new.released is not None and old.released is not None and new.released > old.released


def test_the_smallest_hunyuan_caches_eight_heads_a_layer() -> None:
    spec = CATALOG.by_id["hunyuan-0.5b"]
    assert kv_cache_bytes(spec, 8192, pad=False).total / 8192 == 24 * 8 * 128 * 2 * 2


def test_an_agent_fine_tune_is_sized_as_its_base_and_says_so() -> None:
    r = CATALOG.resolve("Qwen-AgentWorld-35B-A3B")
    assert r.model.id == "qwen3.5-35b-a3b"
    assert any("fine-tune" in a for a in r.assumptions)
