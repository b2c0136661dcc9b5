"""Every shipped model entry is valid and its shapes add up to its published size."""

from __future__ import annotations

import pytest

from sizing.catalog import Catalog, ModelSpec, active_params, load_models, total_params

PARAM_TOLERANCE = 0.03  # issue #2: derived within 3% of the published count
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
