"""Families released or asked about in 2025-2026 resolve from the names people write, stay apart from
their look-alikes, and size like their published files: the Granite 4.0 Nano and Granite 4.1 sizes,
Jamba Large, LongCat-Flash, ERNIE 4.5 VL and the dense Hunyuan 7B."""

from __future__ import annotations

import pytest

from sizing import (
    Catalog,
    UnknownModelError,
    default_catalog,
    estimate,
    kv_cache_bytes,
    parse_hardware,
    read_question,
    weight_bytes,
)
from sizing.catalog import resolve_quant

CATALOG: Catalog = default_catalog()


@pytest.mark.parametrize(
    ("name", "model_id"),
    [
        ("granite 4 h 1b", "granite-4.0-h-1b"),
        ("granite4:1b-h", "granite-4.0-h-1b"),
        ("ibm-granite/granite-4.0-h-350m", "granite-4.0-h-350m"),
        ("granite 4 350m", "granite-4.0-350m"),
        ("granite-4.0-1b-Q8_0.gguf", "granite-4.0-1b"),
        ("granite 4 tiny", "granite-4.0-h-tiny"),
        ("granite4.1:8b", "granite-4.1-8b"),
        ("Granite-4.1-30B-Q4_K_M.gguf", "granite-4.1-30b"),
        ("granite 4.1 3b", "granite-4.1-3b"),
        ("jamba large 1.7", "jamba-large-1.7"),
        ("ai21labs/AI21-Jamba-1.5-Large", "jamba-large-1.7"),
        ("longcat", "longcat-flash-chat"),
        ("longcat flash", "longcat-flash-chat"),
        ("meituan-longcat/LongCat-Flash-Thinking", "longcat-flash-chat"),
        ("ernie 4.5 vl", "ernie-4.5-vl-28b-a3b"),
        ("baidu/ERNIE-4.5-VL-28B-A3B-PT", "ernie-4.5-vl-28b-a3b"),
        ("hunyuan 7b", "hunyuan-7b"),
        ("tencent/Hunyuan-7B-Instruct", "hunyuan-7b"),
        ("glm 5.2", "glm-5.2"),
        ("zai-org/GLM-5.2-FP8", "glm-5.2"),
    ],
)
def test_the_names_people_write_reach_the_entry(name: str, model_id: str) -> None:
    assert CATALOG.resolve(name).model.id == model_id


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("could two h100 nodes hold longcat at 32k?", "longcat-flash-chat"),
        ("is granite 4 tiny usable on an 8gb laptop 3070", "granite-4.0-h-tiny"),
        ("thinking of running ernie 4.5 vl on a 4090 for screenshots", "ernie-4.5-vl-28b-a3b"),
        ("granite4.1:30b split over 2x 3090?", "granite-4.1-30b"),
    ],
)
def test_a_question_reads_the_family_named_in_passing(text: str, model_id: str) -> None:
    assert [r.model.id for r in read_question(text, CATALOG.index).models] == [model_id]


@pytest.mark.parametrize(
    ("name", "not_this"),
    [
        # a newer Granite's small size is not the older hybrid of the same size
        ("granite4.1:3b", "granite-4.0-h-micro"),
        # the hybrid and the plain transformer of one size are two models
        ("granite 4 h 1b", "granite-4.0-1b"),
        ("granite 4 1b", "granite-4.0-h-1b"),
        ("jamba mini", "jamba-large-1.7"),
        ("ernie 4.5 21b", "ernie-4.5-vl-28b-a3b"),
        ("hunyuan a13b", "hunyuan-7b"),
        ("glm 5.1", "glm-5.2"),
    ],
)
def test_look_alike_names_stay_apart(name: str, not_this: str) -> None:
    assert CATALOG.resolve(name).model.id != not_this


def test_a_longcat_release_the_catalog_lacks_is_not_the_flash_chat() -> None:
    # LongCat-Flash-Lite is a 68B n-gram model, not the 560B Chat
    try:
        got = CATALOG.resolve("longcat flash lite").model.id
    except UnknownModelError:
        return
    assert got != "longcat-flash-chat"


def test_longcat_caches_a_latent_in_each_of_its_two_attention_sublayers() -> None:
    spec = CATALOG.by_id["longcat-flash-chat"]
    per_token = kv_cache_bytes(spec, 8192, pad=False).total / 8192
    assert per_token == 56 * (512 + 64) * 2  # 28 layers x 2 MLA sublayers, f16


@pytest.mark.parametrize(
    ("model_id", "attention_layers", "kv_heads", "head_dim"),
    [
        ("granite-4.0-h-1b", 4, 4, 128),
        ("granite-4.0-h-350m", 4, 4, 64),
        ("jamba-large-1.7", 9, 8, 128),
    ],
)
def test_hybrids_grow_their_cache_only_in_the_attention_layers(
    model_id: str, attention_layers: int, kv_heads: int, head_dim: int
) -> None:
    spec = CATALOG.by_id[model_id]
    grow = kv_cache_bytes(spec, 40960, pad=False).total - kv_cache_bytes(spec, 8192, pad=False).total
    assert grow / (40960 - 8192) == attention_layers * kv_heads * head_dim * 2 * 2


@pytest.mark.parametrize(
    ("quant", "published_bytes"),
    [
        # unsloth/granite-4.0-350m-GGUF file list
        ("BF16", 708e6),
        ("Q4_K_M", 237e6),
        ("Q4_0", 229e6),
        ("Q3_K_M", 208e6),
    ],
)
def test_granite_350m_weighs_its_published_gguf_files(quant: str, published_bytes: float) -> None:
    w = weight_bytes(CATALOG.by_id["granite-4.0-350m"], resolve_quant(quant))
    assert w.total == pytest.approx(published_bytes, rel=0.03)


@pytest.mark.parametrize(
    ("model_id", "bf16_gb"),
    [
        # 16-bit checkpoints of the published totals: 2 bytes a parameter
        ("longcat-flash-chat", 560 * 2),
        ("jamba-large-1.7", 398 * 2),
        ("granite-4.1-8b", 8.38 * 2),
    ],
)
def test_sixteen_bit_weights_are_two_bytes_a_published_parameter(model_id: str, bf16_gb: float) -> None:
    w = weight_bytes(CATALOG.by_id[model_id], resolve_quant("BF16"))
    assert w.total / 1e9 == pytest.approx(bf16_gb, rel=0.02)


def test_ernie_vl_weighs_its_vision_experts_beside_the_text_model() -> None:
    vl, text = CATALOG.by_id["ernie-4.5-vl-28b-a3b"], CATALOG.by_id["ernie-4.5-21b-a3b"]
    q = resolve_quant("Q8_0")
    assert weight_bytes(vl, q).total - weight_bytes(text, q).total > 6e9


def test_ernie_vl_is_answered_on_an_engine_that_loads_it() -> None:
    # llama.cpp, LM Studio's GGUF runtime and Ollama run the ERNIE 4.5 text models, not the VL one
    e = estimate(CATALOG.by_id["ernie-4.5-vl-28b-a3b"], parse_hardware("RTX 4090, 64GB DDR5"))
    assert e.engine not in ("llama.cpp", "lmstudio", "ollama")
