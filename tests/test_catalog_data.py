"""Every shipped model entry is valid and its shapes add up to its published size."""

from __future__ import annotations

import pytest

from sizing.catalog import Catalog, ModelSpec, active_params, load_models, total_params
from sizing.vocabulary import PARAM_TOLERANCE
from tests.public_sources import is_local_path

MODELS = load_models()


def test_catalog_holds_at_least_100_models() -> None:
    assert len(MODELS) >= 100


@pytest.mark.parametrize("spec", MODELS, ids=lambda m: m.id)
def test_derived_parameters_match_the_published_count(spec: ModelSpec) -> None:
    derived = total_params(spec) / 1e9 + (spec.vision_params_b or 0) + (spec.extra_params_b or 0)
    assert abs(derived / spec.params_b - 1) <= PARAM_TOLERANCE, f"{derived:.2f}B vs {spec.params_b}B"


@pytest.mark.parametrize("spec", [m for m in MODELS if m.moe], ids=lambda m: m.id)
def test_moe_active_parameters_are_fewer_than_total(spec: ModelSpec) -> None:
    assert active_params(spec) < total_params(spec)


@pytest.mark.parametrize("spec", MODELS, ids=lambda m: m.id)
def test_every_entry_names_a_source(spec: ModelSpec) -> None:
    assert spec.sources and all(len(s) > 5 for s in spec.sources)


@pytest.mark.parametrize("spec", MODELS, ids=lambda m: m.id)
def test_sources_are_public_never_local_folders(spec: ModelSpec) -> None:
    local = [s for s in spec.sources if is_local_path(s)]
    assert not local, local


def test_aliases_and_ids_never_collide(catalog: Catalog) -> None:
    owner: dict[str, str] = {}
    for m in catalog.models:
        for name in (m.id, *m.aliases):
            key = name.lower()
            assert owner.get(key, m.id) == m.id, f"{name} used by {owner.get(key)} and {m.id}"
            owner[key] = m.id


@pytest.mark.parametrize(
    "family",
    [
        "llama-3.3-70b",
        "qwen3-235b-a22b",
        "gpt-oss-120b",
        "gpt-oss-20b",
        "deepseek-r1",
        "kimi-k2",
        "gemma-3-27b",
        "mixtral-8x7b",
        "glm-4.5-air",
        "phi-4",
        "mistral-nemo-12b",
        "qwen3-30b-a3b",
        "llama-4-scout",
    ],
)
def test_popular_models_are_present(catalog: Catalog, family: str) -> None:
    assert catalog.get(family) is not None


@pytest.mark.parametrize(
    "model_id",
    [
        "llama-1-7b",
        "llama-1-65b",
        "mistral-7b-v0.1",
        "mistral-7b-v0.2",
        "qwen1.5-110b",
        "qwen1.5-moe-a2.7b",
        "qwen2-72b",
        "qwen2-57b-a14b",
        "yi-34b",
        "yi-1.5-9b",
        "falcon-180b",
        "phi-2",
        "gpt2-xl",
        "gemma-7b",
        "dbrx",
        "grok-1",
        "deepseek-v2",
        "deepseek-v2.5",
        "deepseek-v2-lite",
        "deepseek-coder-33b",
        "deepseek-coder-v2",
        "lfm2-350m",
        "lfm2-8b-a1b",
    ],
)
def test_older_popular_families_are_present(catalog: Catalog, model_id: str) -> None:
    assert catalog.get(model_id) is not None


@pytest.mark.parametrize(
    ("name", "model_id"),
    [
        ("huggyllama/llama-30b", "llama-1-33b"),
        ("qwen2 7b", "qwen2-7b"),
        ("Qwen/Qwen1.5-110B-Chat", "qwen1.5-110b"),
        ("mixtral 8x22", "mixtral-8x22b"),
        ("tiiuae/falcon-40b", "falcon-40b"),
        ("gpt2-medium", "gpt2-medium"),
        ("gemma:7b", "gemma-7b"),
        ("deepseek-coder:33b", "deepseek-coder-33b"),
        ("xai-org/grok-1", "grok-1"),
        ("Qwen/Qwen3-VL-8B-Instruct", "qwen3-vl-8b"),
    ],
)
def test_names_people_paste_reach_the_new_entries(catalog: Catalog, name: str, model_id: str) -> None:
    assert catalog.resolve(name).model.id == model_id
