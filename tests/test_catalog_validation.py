"""Broken catalog files are refused with messages that name the bad field."""

from __future__ import annotations

from pathlib import Path

import pytest

from sizing import CatalogError
from sizing.catalog import load_models, parse_model_entries

GOOD = {
    "id": "tiny-test",
    "name": "Tiny",
    "family": "t",
    "org": "o",
    "params_b": 0.0155,
    "max_context": 2048,
    "layers": 2,
    "hidden": 256,
    "heads": 4,
    "kv_heads": 2,
    "head_dim": 64,
    "vocab": 1000,
    "ffn": 1024,
    "sources": ["made up for a test"],
}


def test_a_valid_entry_parses() -> None:
    specs, problems = parse_model_entries([GOOD], "t.yaml")
    assert problems == [] and specs[0].id == "tiny-test"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"layers": -1}, "layers"),
        ({"kv_heads": 3}, "heads"),
        ({"sources": []}, "sources"),
        ({"id": "Bad Id"}, "id"),
        ({"moe": {"experts": 8, "active": 9, "expert_ffn": 64}}, "moe"),
        ({"unknown_field": 1}, "unknown_field"),
        ({"config_context": 4096}, "config_context"),  # only below the card's max_context
        ({"yarn_original_context": 1024}, "yarn_original_context"),  # needs config_context
        ({"config_context": 1024}, "rope_theta"),  # the YaRN overrides restate it
    ],
)
def test_a_broken_entry_is_named_with_its_field(change: dict, field: str) -> None:
    _, problems = parse_model_entries([GOOD | change], "t.yaml")
    assert problems and any(field in p for p in problems)


def test_loading_a_broken_file_raises_catalog_error_listing_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: x}\n- {id: y, layers: 2}\n")
    with pytest.raises(CatalogError) as exc:
        load_models([bad])
    assert len(exc.value.problems) >= 2


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- [unclosed\n")
    with pytest.raises(CatalogError):
        load_models([bad])
